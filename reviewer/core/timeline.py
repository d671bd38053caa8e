"""Recordings per local day or week: the data behind the GUI's timeline chart.

One GROUP BY over `clips` does the counting (SQLite's date functions shift the stored UTC
times by the caller's offset), so the chart stays instant on 100,000 clips; the gaps between
busy days are then filled in Python so that every day of the range has a bucket.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import String, case, func, select

from reviewer.core.store import Clip, Store
from reviewer.core.store.queries import (
    ClipQuery,
    awaiting_transcript,
    clip_conditions,
    flagged_at,
)

BucketSize = Literal["day", "week"]
BUCKET_SIZES: tuple[BucketSize, ...] = ("day", "week")
# Beyond this many days, daily bars get thinner than a few pixels on a laptop screen.
AUTO_WEEK_DAYS = 120
# The most bars a chart is given. Real histories span a few years (~1,500 days); a library
# holding a stray far-off date (imported before such dates were refused) must not make the
# chart build hundreds of thousands of empty bars: past this, only the busy ones are kept.
MAX_BUCKETS = 10_000
_FIRST_DAY, _LAST_DAY = "1971-01-01", "9000-01-01"  # ISO dates compare as text
_MAX_OFFSET_MINUTES = 18 * 60  # the widest UTC offsets in use are ±14 h; ±18 h is ISO's limit


@dataclass(frozen=True)
class Bucket:
    """Counts of one local day or week. `flagged` includes `acted_on`, `total` includes both;
    `waiting` counts clips not transcribed yet that are not flagged (nothing judged them).

    `start`/`end` are aware UTC instants (end exclusive), ready for `ClipQuery(since, until)`;
    `tz_offset_minutes` is the offset they were cut with, so labels can show the local date.
    """

    start: datetime
    end: datetime
    total: int
    flagged: int
    acted_on: int
    tz_offset_minutes: int = 0
    waiting: int = 0

    @property
    def kept_looking(self) -> int:
        """Judged and not flagged (clips waiting for transcription are not judged yet)."""
        return self.total - self.flagged - self.waiting

    @property
    def flagged_only(self) -> int:
        """Flagged but not acted on: the middle layer of a stacked bar."""
        return self.flagged - self.acted_on

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(_zone(self.tz_offset_minutes))

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(_zone(self.tz_offset_minutes))

    @property
    def days(self) -> int:
        return round((self.end - self.start) / timedelta(days=1))


def timeline_counts(store: Store, bucket: BucketSize = "day", min_score: int | None = None,
                    tz_offset_minutes: int = 0, query: ClipQuery | None = None) -> list[Bucket]:
    """Clips per local day (or Monday-based week), oldest first, with no gaps in between.

    "Flagged" is `score >= min_score` when a threshold is given (the GUI's live slider) and
    the stored flag otherwise; "acted on" is flagged with an action the device carried out.
    `query` narrows the clips counted (device, vendor, text, since/until, ...); its own
    `min_score` applies when `min_score` is not given. A fixed offset is used for the whole
    range: a DST change moves one hour's clips across a midnight at most, which a chart of
    days cannot show anyway.
    """
    if bucket not in BUCKET_SIZES:
        raise ValueError(f"bucket must be one of {BUCKET_SIZES}, not {bucket!r}")
    if not -_MAX_OFFSET_MINUTES <= tz_offset_minutes <= _MAX_OFFSET_MINUTES:
        raise ValueError(f"tz_offset_minutes {tz_offset_minutes} is not a UTC offset")
    if min_score is None and query is not None:
        min_score = query.min_score

    # SQLite's date() reads the stored naive-UTC text directly; modifiers shift it to local
    # time and, for weeks, back to the Monday ('weekday 0' is the next Sunday, or today).
    modifiers: list[Any] = [f"{tz_offset_minutes:+d} minutes"]
    if bucket == "week":
        modifiers += ["weekday 0", "-6 days"]
    key = func.date(Clip.recorded_at, *modifiers, type_=String).label("key")
    flagged = flagged_at(min_score) if min_score is not None else Clip.flagged.is_(True)
    acted = flagged & Clip.action.is_not(None)
    waiting = awaiting_transcript() & ~func.coalesce(flagged, False)
    stmt = (select(key, func.count(),
                   func.sum(case((flagged, 1), else_=0)),
                   func.sum(case((acted, 1), else_=0)),
                   func.sum(case((waiting, 1), else_=0)))
            .group_by(key).order_by(key))
    # No query still leaves deleted clips (tombstones) out, as every listing does.
    for condition in clip_conditions(query if query is not None else ClipQuery()):
        stmt = stmt.where(condition)
    with store.session() as s:
        rows = s.execute(stmt).all()

    # Clips whose time is unknown have no day: the chart spans the data's real times. Their
    # placeholder (TIME_UNKNOWN_AT, 1970) falls before `_FIRST_DAY`; a year-1 or year-9999
    # time from a library imported before those were refused would overflow the date
    # arithmetic below. Filtered here, on the few grouped rows, so the query stays on its
    # covering index (a WHERE on the range cost ~25 % on 100,000 clips).
    counts = {date.fromisoformat(k): (int(n), int(f or 0), int(a or 0), int(w or 0))
              for k, n, f, a, w in rows if k is not None and _FIRST_DAY <= k < _LAST_DAY}
    if not counts:
        return []
    step = timedelta(days=7 if bucket == "week" else 1)
    zone = _zone(tz_offset_minutes)
    first, last = min(counts), max(counts)
    if (last - first) // step >= MAX_BUCKETS:
        return [_bucket(day, step, zone, counts[day], tz_offset_minutes)
                for day in sorted(counts)]
    buckets = []
    day = first
    while day <= last:
        start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
        n, f, a, w = counts.get(day, (0, 0, 0, 0))
        buckets.append(Bucket(start, start + step, n, f, a, tz_offset_minutes, w))
        day += step
    return buckets


def _bucket(day: date, step: timedelta, zone: timezone, count: Sequence[int],
            offset: int) -> Bucket:
    n, f, a, w = count
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    return Bucket(start, start + step, n, f, a, offset, w)


def weekly(buckets: Sequence[Bucket]) -> list[Bucket]:
    """Daily buckets summed into Monday-based weeks of the same local time; gaps filled.

    Lets the GUI switch to weeks without another query."""
    if not buckets:
        return []
    sums: dict[date, list[int]] = {}
    offset = buckets[0].tz_offset_minutes
    for b in buckets:
        local = b.local_start.date()
        monday = local - timedelta(days=local.weekday())
        total = sums.setdefault(monday, [0, 0, 0, 0])
        total[0] += b.total
        total[1] += b.flagged
        total[2] += b.acted_on
        total[3] += b.waiting
    zone = _zone(offset)
    step = timedelta(days=7)
    if (max(sums) - min(sums)) // step >= MAX_BUCKETS:
        return [_bucket(m, step, zone, counts, offset) for m, counts in sorted(sums.items())]
    out = []
    monday, last = min(sums), max(sums)
    while monday <= last:
        start = datetime(monday.year, monday.month, monday.day, tzinfo=zone).astimezone(UTC)
        n, f, a, w = sums.get(monday, [0, 0, 0, 0])
        out.append(Bucket(start, start + timedelta(days=7), n, f, a, offset, w))
        monday += timedelta(days=7)
    return out


def suggested_bucket_size(buckets: Sequence[Bucket]) -> BucketSize:
    """Weeks once the range is longer than `AUTO_WEEK_DAYS`, so bars stay wide enough."""
    if not buckets:
        return "day"
    span = buckets[-1].end - buckets[0].start
    return "week" if span > timedelta(days=AUTO_WEEK_DAYS) else "day"


def _zone(offset_minutes: int) -> timezone:
    return UTC if offset_minutes == 0 else timezone(timedelta(minutes=offset_minutes))


__all__ = ["AUTO_WEEK_DAYS", "BUCKET_SIZES", "Bucket", "BucketSize", "suggested_bucket_size",
           "timeline_counts", "weekly"]
