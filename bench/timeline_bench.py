"""Timeline chart counts on a 100,000-clip library (real SQLite, the app's own query).

Prints, in one run, the best of three for each view the window asks for (days; weeks with a
live threshold; days in another zone with a threshold) beside the bare `COUNT(*) ... GROUP BY`
over the same rows as the baseline, and the ratio. Target: every view < 200 ms.

    .venv/bin/python bench/timeline_bench.py [--clips N]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.core.library import Library
from reviewer.core.timeline import timeline_counts
from reviewer.testing.big_library import build_library


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        data_dir = Path(tmp) / "lib"
        build_library(data_dir, args.clips)
        db = sqlite3.connect(data_dir / "library.sqlite3")
        base = best_of(lambda: db.execute(
            "SELECT date(recorded_at), COUNT(*) FROM clips GROUP BY 1").fetchall())
        library = Library.open(data_dir)
        worst = 0.0
        try:
            views: list[dict[str, object]] = [
                {"bucket": "day"}, {"bucket": "week", "min_score": 55},
                {"bucket": "day", "min_score": 40, "tz_offset_minutes": -300},
                # Each clip by its own date's offset: a CASE over the DST switches in range.
                {"bucket": "day", "min_score": 40, "zone": ZoneInfo("Europe/Berlin")}]
            for kwargs in views:
                seconds = best_of(lambda k=kwargs: timeline_counts(library.store, **k))  # type: ignore[misc]
                worst = max(worst, seconds)
                print(f"timeline {kwargs}: {seconds * 1000:.0f} ms "
                      f"(bare GROUP BY {base * 1000:.0f} ms, ratio {seconds / base:.1f}x)")
        finally:
            library.close()
            db.close()
    verdict = "meets" if worst < 0.2 else "MISSES"
    print(f"slowest view {worst * 1000:.0f} ms: {verdict} the 200 ms target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
