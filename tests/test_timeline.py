"""Clips per local day / week for the timeline chart: exact counts over a real library."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, insert, literal, select, update

from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Clip, Transcript
from reviewer.core.timeline import (
    Bucket,
    local_zone,
    suggested_bucket_size,
    timeline_counts,
    weekly,
)
from reviewer.testing.google_exports import (
    AssistantEntry,
    make_entries,
    said,
    tiny_mp3,
    write_takeout,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
        second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def add_clips(library: Library, tmp_path: Path, times: Sequence[datetime]) -> None:
    """Import a Takeout export with one recording at each time."""
    entries = [AssistantEntry(time=t, title=said(f"request number {i}"),
                              audio=tiny_mp3(i, "timeline"))
               for i, t in enumerate(times)]
    [export] = write_takeout(tmp_path / f"export-{len(times)}", entries)
    report = library.import_export([export])
    assert report.clips_new == len(times)


def set_clip(library: Library, when: datetime, score: int | None = None,
             flagged: bool | None = None, action: str | None = None) -> None:
    with library.store.transaction() as s:
        done = s.execute(update(Clip).where(Clip.recorded_at == when).values(
            score=score, flagged=flagged, action=action,
            acted_on=bool(flagged and action)))
        assert done.rowcount == 1  # type: ignore[attr-defined]


def transcribe(library: Library, when: datetime) -> None:
    """Give the clip recorded at `when` a local transcript, as a transcription run would."""
    with library.store.transaction() as s:
        cid = s.scalar(select(Clip.id).where(Clip.recorded_at == when))
        s.add(Transcript(clip_id=cid, model="tiny.en", status="done", text="hello"))
        s.execute(update(Clip).where(Clip.id == cid).values(transcript="hello"))


def counts(buckets: Sequence[Bucket]) -> list[tuple[datetime, datetime, int, int, int]]:
    return [(b.start, b.end, b.total, b.flagged, b.acted_on) for b in buckets]


def test_counts_per_utc_day_with_gaps_filled(library: Library, tmp_path: Path) -> None:
    day1 = [utc(2024, 3, 4, 0, 0, 0), utc(2024, 3, 4, 9, 15), utc(2024, 3, 4, 23, 59, 59)]
    day3 = [utc(2024, 3, 6, 12, 0)]
    add_clips(library, tmp_path, day1 + day3)
    set_clip(library, day1[0], score=80, flagged=True, action="message")
    set_clip(library, day1[1], score=70, flagged=True)
    set_clip(library, day1[2], score=10, flagged=False, action="call")  # acted, not flagged
    set_clip(library, day3[0], score=90, flagged=True, action="call")

    buckets = timeline_counts(library.store, "day")
    assert counts(buckets) == [
        (utc(2024, 3, 4), utc(2024, 3, 5), 3, 2, 1),
        (utc(2024, 3, 5), utc(2024, 3, 6), 0, 0, 0),  # the empty day is there, as zeros
        (utc(2024, 3, 6), utc(2024, 3, 7), 1, 1, 1),
    ]
    first = buckets[0]
    # The unflagged clip was never transcribed: waiting, not "kept-looking".
    assert (first.kept_looking, first.waiting, first.flagged_only, first.days) == (0, 1, 1, 1)
    transcribe(library, day1[2])
    first = timeline_counts(library.store, "day")[0]
    assert (first.kept_looking, first.waiting, first.flagged_only) == (1, 0, 1)
    assert all(b.start.tzinfo is not None and b.start.utcoffset() == timedelta(0)
               for b in buckets)


def test_buckets_follow_the_local_day(library: Library, tmp_path: Path) -> None:
    late = utc(2024, 3, 10, 23, 30)  # Sunday evening in UTC
    early = utc(2024, 3, 11, 0, 30)
    new_york_midnight = utc(2024, 3, 11, 5, 0)  # 00:00 on the 11th at UTC-5
    add_clips(library, tmp_path, [late, early, new_york_midnight])

    assert counts(timeline_counts(library.store, "day")) == [
        (utc(2024, 3, 10), utc(2024, 3, 11), 1, 0, 0),
        (utc(2024, 3, 11), utc(2024, 3, 12), 2, 0, 0),
    ]
    # UTC+1: 00:30 and 01:30 on the 11th, 06:00 on the 11th -> one local day, cut at 23:00 UTC.
    assert counts(timeline_counts(library.store, "day", tz_offset_minutes=60)) == [
        (utc(2024, 3, 10, 23), utc(2024, 3, 11, 23), 3, 0, 0),
    ]
    # UTC-5: 18:30 and 19:30 on the 10th; the third falls exactly on local midnight -> the 11th.
    ny = timeline_counts(library.store, "day", tz_offset_minutes=-300)
    assert counts(ny) == [
        (utc(2024, 3, 10, 5), utc(2024, 3, 11, 5), 2, 0, 0),
        (utc(2024, 3, 11, 5), utc(2024, 3, 12, 5), 1, 0, 0),
    ]
    assert ny[0].local_start.isoformat() == "2024-03-10T00:00:00-05:00"
    # Half-hour zones (India, UTC+5:30) cut at :30.
    india = timeline_counts(library.store, "day", tz_offset_minutes=330)
    assert [b.start for b in india] == [utc(2024, 3, 10, 18, 30)]


def test_weeks_start_on_monday(library: Library, tmp_path: Path) -> None:
    sunday = utc(2024, 3, 10, 12)
    monday = utc(2024, 3, 11, 2)
    three_weeks_on = utc(2024, 3, 27, 8)  # a Wednesday
    add_clips(library, tmp_path, [sunday, monday, three_weeks_on])
    set_clip(library, three_weeks_on, score=75, flagged=True, action="message")

    assert counts(timeline_counts(library.store, "week")) == [
        (utc(2024, 3, 4), utc(2024, 3, 11), 1, 0, 0),
        (utc(2024, 3, 11), utc(2024, 3, 18), 1, 0, 0),
        (utc(2024, 3, 18), utc(2024, 3, 25), 0, 0, 0),
        (utc(2024, 3, 25), utc(2024, 4, 1), 1, 1, 1),
    ]
    # At UTC-5 Monday 02:00 UTC is still Sunday evening: both fall in the week of the 4th.
    local = timeline_counts(library.store, "week", tz_offset_minutes=-300)
    assert counts(local)[0] == (utc(2024, 3, 4, 5), utc(2024, 3, 11, 5), 2, 0, 0)
    assert [b.total for b in local] == [2, 0, 0, 1]
    assert [b.local_start.weekday() for b in local] == [0, 0, 0, 0]
    assert all(b.days == 7 for b in local)
    # Rolling daily buckets up gives the same weeks without another query.
    assert weekly(timeline_counts(library.store, "day", tz_offset_minutes=-300)) == local
    assert weekly(timeline_counts(library.store, "day")) == \
        timeline_counts(library.store, "week")


def test_live_threshold_uses_scores_not_stored_flags(library: Library, tmp_path: Path) -> None:
    times = [utc(2024, 5, 1, h) for h in (8, 9, 10, 11, 12)]
    add_clips(library, tmp_path, times)
    set_clip(library, times[0], score=10, flagged=True, action="call")  # stale stored flag
    set_clip(library, times[1], score=50, flagged=False, action="message")
    set_clip(library, times[2], score=70, flagged=False)
    set_clip(library, times[3], score=95, flagged=True, action="call")
    # times[4] was never scored: never flagged, whatever the threshold.

    def flagged_acted(**kwargs: object) -> tuple[int, int, int]:
        [b] = timeline_counts(library.store, "day", **kwargs)  # type: ignore[arg-type]
        return b.total, b.flagged, b.acted_on

    assert flagged_acted() == (5, 2, 2)  # the stored flags
    assert flagged_acted(min_score=50) == (5, 3, 2)
    assert flagged_acted(min_score=51) == (5, 2, 1)
    assert flagged_acted(min_score=96) == (5, 0, 0)
    assert flagged_acted(min_score=0) == (5, 4, 3)
    # A query's own threshold applies when none is given; an explicit one wins.
    assert flagged_acted(query=ClipQuery(min_score=50)) == (5, 3, 2)
    assert flagged_acted(query=ClipQuery(min_score=50), min_score=96) == (5, 0, 0)


def test_query_filters_narrow_the_counts(library: Library, tmp_path: Path) -> None:
    times = [utc(2024, 6, d, 12) for d in (1, 2, 3, 4, 5)]
    add_clips(library, tmp_path, times)
    since, until = utc(2024, 6, 2), utc(2024, 6, 4)
    buckets = timeline_counts(library.store, "day", query=ClipQuery(since=since, until=until))
    assert counts(buckets) == [(utc(2024, 6, 2), utc(2024, 6, 3), 1, 0, 0),
                               (utc(2024, 6, 3), utc(2024, 6, 4), 1, 0, 0)]
    # A bucket's range is what the table filters to when its bar is clicked.
    b = buckets[0]
    assert library.count_clips(ClipQuery(since=b.start, until=b.end)) == b.total
    assert timeline_counts(library.store, query=ClipQuery(text="nothingmatches")) == []


def test_empty_library_and_bad_arguments(library: Library) -> None:
    assert timeline_counts(library.store, "day") == []
    assert timeline_counts(library.store, "week", min_score=50) == []
    assert weekly([]) == []
    with pytest.raises(ValueError):
        timeline_counts(library.store, "month")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        timeline_counts(library.store, "day", tz_offset_minutes=24 * 60)


def test_suggested_bucket_size() -> None:
    def days(n: int) -> list[Bucket]:
        start = utc(2024, 1, 1)
        return [Bucket(start + timedelta(days=i), start + timedelta(days=i + 1), 1, 0, 0)
                for i in range(n)]

    assert suggested_bucket_size([]) == "day"
    assert suggested_bucket_size(days(120)) == "day"
    assert suggested_bucket_size(days(121)) == "week"


def test_counts_match_the_clip_queries_on_a_realistic_export(library: Library,
                                                              tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "export", make_entries(400, seed=7))
    library.import_export([export])
    with library.store.transaction() as s:
        s.execute(update(Clip).values(score=(Clip.id * 37) % 100))
        s.execute(update(Clip).where(Clip.id % 5 == 0).values(action="message"))
    buckets = timeline_counts(library.store, "day", min_score=60, tz_offset_minutes=-420)
    assert sum(b.total for b in buckets) == library.count_clips() == 400
    assert sum(b.flagged for b in buckets) == library.count_clips(
        ClipQuery(flagged=True, min_score=60))
    assert sum(b.acted_on for b in buckets) == library.count_clips(
        ClipQuery(acted_on=True, min_score=60))
    for b in buckets[::7]:
        assert b.total == library.count_clips(ClipQuery(since=b.start, until=b.end))
        assert b.flagged == library.count_clips(
            ClipQuery(since=b.start, until=b.end, flagged=True, min_score=60))
    assert all(later.start == earlier.end for earlier, later in itertools.pairwise(buckets))


@pytest.mark.slow
def test_100k_clips_are_all_counted(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "export", make_entries(1000, seed=3))
    library.import_export([export])
    # 99 shifted copies of the imported rows: a real-sized library without 100k mp3s.
    columns = [c for c in Clip.__table__.columns if c.name != "id"]
    with library.store.transaction() as s:
        for k in range(1, 100):
            values = [
                (Clip.dedup_key + literal(f"#{k}")) if c.name == "dedup_key"
                else func.strftime("%Y-%m-%d %H:%M:%f000", Clip.recorded_at,
                                   f"+{k * 31} hours") if c.name == "recorded_at"
                else c
                for c in columns]
            s.execute(insert(Clip).from_select(
                [c.name for c in columns],
                select(*values).where(Clip.id <= 1000)))
        s.execute(update(Clip).values(score=(Clip.id * 7919) % 101))
        s.execute(update(Clip).where(Clip.id % 9 == 0).values(action="message"))
        s.execute(update(Clip).values(flagged=Clip.score >= 60))
    assert library.count_clips() == 100_000

    for kwargs in ({"bucket": "day"}, {"bucket": "week", "min_score": 55},
                   {"bucket": "day", "min_score": 40, "tz_offset_minutes": -300}):
        # Correctness only: the speed (target < 200 ms) is bench/timeline_bench.py's to measure.
        buckets = timeline_counts(library.store, **kwargs)
        assert sum(b.total for b in buckets) == 100_000


# --- days in a named zone, across DST switches ----------------------------------------------
# 23:30 on the evenings before and after each switch (standard time on one side, summer time
# on the other) and 00:30 on the mornings after: no single UTC offset puts them all on their
# own local day, whatever the offset is (the window's old way: the computer's offset now).
DST_NIGHTS = {
    # zone: (spring switch, autumn switch), the local dates of the switch
    "Europe/Berlin": (date(2024, 3, 31), date(2024, 10, 27)),
    "America/Los_Angeles": (date(2024, 3, 10), date(2024, 11, 3)),
}


def dst_clips(zone: ZoneInfo) -> list[datetime]:
    spring, autumn = DST_NIGHTS[zone.key]
    local = []
    for switch in (spring, autumn):
        for day in (switch - timedelta(days=1), switch, switch + timedelta(days=1)):
            local.append(datetime(day.year, day.month, day.day, 23, 30, tzinfo=zone))
            local.append(datetime(day.year, day.month, day.day, 0, 30, tzinfo=zone))
    return [t.astimezone(UTC) for t in local]


@pytest.mark.parametrize("zone_name", sorted(DST_NIGHTS))
def test_days_follow_each_clips_own_offset_across_dst(library: Library, tmp_path: Path,
                                                       zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    times = dst_clips(zone)
    add_clips(library, tmp_path, times)
    want = Counter(t.astimezone(zone).date() for t in times)

    buckets = timeline_counts(library.store, "day", zone=zone)
    got = {b.local_start.date(): b.total for b in buckets if b.total}
    assert got == dict(want)
    for b in buckets:  # every bar runs from one local midnight to the next
        assert (b.local_start.time(), b.local_end.time()) == (time(0), time(0))
        assert b.local_end.date() == b.local_start.date() + timedelta(days=1)
        assert b.days == 1
        # What a click on the bar narrows the table to holds exactly the bar's clips.
        assert library.count_clips(ClipQuery(since=b.start, until=b.end)) == b.total
    assert all(a.end == b.start for a, b in itertools.pairwise(buckets))
    # The switch days themselves last 23 and 25 hours.
    spring, autumn = DST_NIGHTS[zone_name]
    lengths = {b.local_start.date(): b.end - b.start for b in buckets}
    assert lengths[spring] == timedelta(hours=23) and lengths[autumn] == timedelta(hours=25)

    # A fixed offset (either of the zone's two) puts some of these clips on a neighbouring day.
    for offset in {t.astimezone(zone).utcoffset() for t in times}:
        assert offset is not None
        fixed = timeline_counts(library.store, "day",
                                tz_offset_minutes=int(offset.total_seconds() // 60))
        assert {b.local_start.date(): b.total for b in fixed if b.total} != dict(want)


@pytest.mark.parametrize("zone_name", sorted(DST_NIGHTS))
def test_weeks_follow_each_clips_own_offset_across_dst(library: Library, tmp_path: Path,
                                                        zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    spring, autumn = DST_NIGHTS[zone_name]
    # Sunday 23:30 before each switch's week and after it, and Monday 00:30: a week's edges.
    local = []
    for switch in (spring, autumn):
        sunday = switch - timedelta(days=(switch.weekday() + 1) % 7)
        for day in (sunday - timedelta(days=7), sunday, sunday + timedelta(days=7)):
            local.append(datetime(day.year, day.month, day.day, 23, 30, tzinfo=zone))
            monday = day + timedelta(days=1)
            local.append(datetime(monday.year, monday.month, monday.day, 0, 30, tzinfo=zone))
    times = [t.astimezone(UTC) for t in local]
    add_clips(library, tmp_path, times)

    def monday_of(t: datetime) -> date:
        d = t.astimezone(zone).date()
        return d - timedelta(days=d.weekday())

    want = Counter(monday_of(t) for t in times)
    weeks = timeline_counts(library.store, "week", zone=zone)
    assert {b.local_start.date(): b.total for b in weeks if b.total} == dict(want)
    assert all(b.local_start.weekday() == 0 and b.local_start.time() == time(0)
               and b.days == 7 for b in weeks)
    for b in weeks:
        assert library.count_clips(ClipQuery(since=b.start, until=b.end)) == b.total
    # The window rolls days up into weeks itself: the same weeks.
    assert weekly(timeline_counts(library.store, "day", zone=zone)) == weeks


def test_local_zone_names_the_users_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    assert local_zone("America/Los_Angeles") == ZoneInfo("America/Los_Angeles")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    assert local_zone("No/Such_Zone") == ZoneInfo("Europe/Berlin")  # falls back to TZ
