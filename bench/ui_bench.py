"""Review window speed on a 100,000-clip library (offscreen Qt, real widgets, real SQLite).

Prints, in one run: time from start to the table being ready, a text search, a threshold
change (with the "flagged" filter on, so the rows change), and scroll-to-end; each with the
bare SQLite query behind it as the baseline and the ratio to it.
Targets: table ready <= 2 s, search <= 200 ms, threshold change <= 200 ms.

    .venv/bin/python bench/ui_bench.py [--clips N]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.core.library import ClipQuery, Library
from reviewer.testing.big_library import build_library


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
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
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="ui-bench-") as tmp:
        data_dir = Path(tmp) / "lib"
        t0 = time.perf_counter()
        build_library(data_dir, args.clips)
        print(f"library: {args.clips:,} clips built in {time.perf_counter() - t0:.1f} s")
        db = sqlite3.connect(data_dir / "library.sqlite3")

        t0 = time.perf_counter()
        library = Library.open(data_dir)
        window = MainWindow(library)
        window.show()
        app.processEvents()
        ready = time.perf_counter() - t0
        assert window.model.rowCount() == args.clips
        base_ready = timed(lambda: db.execute("SELECT id FROM clips ORDER BY recorded_at")
                           .fetchall())

        def search() -> None:
            window.model.set_query(ClipQuery(text="kitchen light", order="priority"))
            window.model.data(window.model.index(0, 3))
        search_s = timed(search)
        hits = window.model.rowCount()
        base_search = timed(lambda: db.execute(
            "SELECT rowid FROM clip_fts WHERE clip_fts MATCH '\"kitchen\"* \"light\"*'")
            .fetchall())

        window.model.set_query(ClipQuery(flagged=True, order="priority"))
        values = iter([40, 60] * 10)

        def threshold() -> None:
            window.model.set_threshold(next(values))
            window.model.data(window.model.index(0, 6))
            app.processEvents()
        threshold_s = timed(threshold, repeat=4)
        base_threshold = timed(lambda: db.execute(
            "SELECT id FROM clips WHERE score >= 60 ORDER BY score DESC").fetchall())

        window.model.set_query(ClipQuery(order="priority"))

        def scroll() -> None:
            window.table.scrollToTop()
            app.processEvents()
            window.table.scrollToBottom()
            app.processEvents()
        scroll_s = timed(scroll)
        base_scroll = timed(lambda: db.execute(
            "SELECT * FROM clips ORDER BY id DESC LIMIT 256").fetchall())

        print(f"{'measure':<28}{'app':>10}{'baseline SQL':>15}{'ratio':>8}   target")
        for name, value, base, target in (
                ("start to table ready", ready, base_ready, 2.0),
                (f"text search ({hits:,} hits)", search_s, base_search, 0.2),
                ("threshold change", threshold_s, base_threshold, 0.2),
                ("scroll to end", scroll_s, base_scroll, None)):
            verdict = "" if target is None else (
                f"<= {target * 1000:.0f} ms {'OK' if value <= target else 'MISSED'}")
            print(f"{name:<28}{value * 1000:>8.0f} ms{base * 1000:>12.1f} ms"
                  f"{value / base:>8.1f}x   {verdict}")
        window.close()
        library.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
