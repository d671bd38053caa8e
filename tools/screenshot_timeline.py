"""Render the timeline chart with three months of made-up but plausible counts, to look at.

    .venv/bin/python tools/screenshot_timeline.py [--out shots]

Writes timeline.png (light), timeline-dark.png, timeline-weeks.png (half a year, which
switches to weeks by itself) and timeline-fallback.png (the QPainter chart used without
QtCharts). Runs on the offscreen platform, so it works without a display.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dark_palette import dark_palette
from PySide6.QtWidgets import QApplication, QStyleFactory

from reviewer.core.timeline import Bucket
from reviewer.ui.timeline import TimelineChart

OFFSET = 60  # Central European winter time: buckets start at 23:00 UTC


def sample_buckets(days: int, seed: int = 4) -> list[Bucket]:
    """Daily counts shaped like a household's: busier evenings-and-weekends days, a quiet
    holiday week, and a party night full of accidental wake-ups."""
    rng = random.Random(seed)
    zone = timezone(timedelta(minutes=OFFSET))
    first = datetime(2024, 3, 1, tzinfo=zone).astimezone(UTC)
    buckets = []
    for i in range(days):
        start = first + timedelta(days=i)
        weekend = start.astimezone(zone).weekday() >= 5
        total = max(0, int(rng.gauss(34 if weekend else 22, 6)))
        if 40 <= i < 47:  # away on holiday: only the odd false wake-up at home
            total = rng.randint(0, 2)
        share = 0.12 if not weekend else 0.18
        if i in (23, 64):  # parties: loud rooms wake the speaker again and again
            total, share = total + 45, 0.55
        flagged = min(total, round(total * rng.uniform(share * 0.6, share * 1.4)))
        acted = min(flagged, rng.choice((0, 0, 0, 1, 1, 2)) + (4 if i in (23, 64) else 0))
        buckets.append(Bucket(start, start + timedelta(days=1), total, flagged, acted, OFFSET))
    return buckets


def shoot(app: QApplication, path: Path, buckets: list[Bucket], *, dark: bool = False,
          select: int | None = None, use_qtcharts: bool = True) -> None:
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    chart = TimelineChart(use_qtcharts=use_qtcharts)
    chart.resize(960, 300)
    chart.set_buckets(buckets)
    chart.show()
    if select is not None:
        chart.select_index(select)
    app.processEvents()
    chart.grab().save(str(path))
    chart.close()
    chart.deleteLater()
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("shots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))  # the same look on every platform
    quarter = sample_buckets(92)
    shoot(app, args.out / "timeline.png", quarter, select=23)
    shoot(app, args.out / "timeline-dark.png", quarter, dark=True, select=64)
    shoot(app, args.out / "timeline-weeks.png", sample_buckets(183, seed=9), select=10)
    shoot(app, args.out / "timeline-fallback.png", quarter, select=23, use_qtcharts=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
