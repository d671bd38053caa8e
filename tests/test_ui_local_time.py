"""Every time the window shows is this computer's wall clock, whatever zone it is in: the
table's Date cell and its tooltip, the column header naming the zone, and the clip pane's
header (real window, real library, offscreen, the process put into Los Angeles time); the
timeline's days and weeks across DST switches (Berlin and Los Angeles)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from reviewer.core.library import ClipQuery, Library
from reviewer.core.timeline import Bucket
from reviewer.ui.clip_model import COLUMN_INDEX
from reviewer.ui.main_window import MainWindow
from reviewer.ui.timeline import bucket_title
from tests.request_exports import alexa_export
from tests.test_timeline import DST_NIGHTS, add_clips, dst_clips

DATE = COLUMN_INDEX["recorded_at"]


def test_window_shows_local_wall_clock_times(qtbot, window_no_whisper: MainWindow,  # type: ignore[no-untyped-def]
                                             library: Library, tmp_path: Path,
                                             local_zone: Any) -> None:
    # Eight hours behind UTC in winter: a UTC time shown anywhere stands out.
    local_zone("America/Los_Angeles")
    window = window_no_whisper
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=6)
    library.import_export([export])
    qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
    window.refresh_all()
    window.table.selectRow(0)
    cid = window.current_clip_id()
    assert cid is not None
    qtbot.waitUntil(lambda: window.detail.clip is not None and window.detail.clip.id == cid,
                    timeout=10_000)
    clip = window.detail.clip
    assert clip is not None and not clip.time_unknown
    utc = clip.recorded_at.astimezone(UTC)
    local = utc.astimezone()
    assert local.utcoffset() != utc.utcoffset()  # the zone really is not UTC

    header = window.detail._when.text()
    assert f"{local:%H:%M:%S}" in header and local.tzname() in header
    assert f"{utc:%H:%M:%S}" not in header and "UTC" not in header
    assert "local time" in window.detail._when.toolTip()

    index = window.model.index(window.table.currentIndex().row(), DATE)
    cell = window.model.data(index, Qt.ItemDataRole.DisplayRole)
    assert f"{local:%H:%M}" in cell or f"{local:%-I:%M}" in cell
    tip = window.model.data(index, Qt.ItemDataRole.ToolTipRole)
    # Local first, to the second, with its zone; UTC after it as the letters give it.
    assert tip.index(local.tzname()) < tip.index(f"{utc:%Y-%m-%d %H:%M:%S} UTC")
    assert f"{local:%H:%M:%S}" in tip or f"{local:%-I:%M:%S}" in tip
    zone_note = window.model.headerData(DATE, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.ToolTipRole)
    assert local.tzname() in zone_note and "UTC-0" in zone_note


@pytest.mark.parametrize("zone_name", sorted(DST_NIGHTS))
def test_timeline_bars_hold_each_clips_own_local_day_across_dst(
        qtbot, window_no_whisper: MainWindow, library: Library,  # type: ignore[no-untyped-def]
        tmp_path: Path, local_zone: Any, zone_name: str) -> None:
    # Clips at 23:30 and 00:30 around both DST switches: the computer's offset today (either
    # of the zone's two) used for every clip put some of them on a neighbouring day.
    local_zone(zone_name)
    zone = ZoneInfo(zone_name)
    window = window_no_whisper
    times = dst_clips(zone)
    add_clips(library, tmp_path, times)
    window.refresh_all()

    def shown(size: str) -> dict[str, int]:
        window.timeline.set_bucket_size(size)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: window.timeline.bucket_size() == size, timeout=5000)
        return {bucket_title(b): b.total for b in window.timeline.buckets() if b.total}

    def title(day: date, days: int = 1) -> str:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = datetime.combine(day + timedelta(days=days), time(0), zone)
        return bucket_title(Bucket(start, end, 1, 0, 0, zone=zone))

    days = Counter(t.astimezone(zone).date() for t in times)
    assert shown("day") == {title(d): n for d, n in days.items()}
    weeks = Counter(d - timedelta(days=d.weekday()) for d in days.elements())
    assert shown("week") == {title(m, 7): n for m, n in weeks.items()}
    # A click on a day's bar narrows the table to exactly that day's clips.
    day = window.timeline.buckets()[0]
    assert library.count_clips(ClipQuery(since=day.start, until=day.end)) == day.total
