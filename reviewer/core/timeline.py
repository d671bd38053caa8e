"""Recordings per local day or week: the data behind the GUI's timeline chart.

One GROUP BY over `clips` does the counting (SQLite's date functions shift the stored UTC
times by the caller's offset), so the chart stays instant on 100,000 clips; the gaps between
busy days are then filled in Python so that every day of the range has a bucket.

With a named zone (the user's, e.g. Europe/Berlin) each clip is shifted by the offset in force
at its own time: the zone's offset changes (DST) within the data's range become a CASE over
`recorded_at` in that GROUP BY, so a clip at 23:30 the night before a DST switch stays on its
own evening instead of moving into the next day.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import String, case, func, literal, select

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
# Offset changes are looked for between these instants only: a stray far-off date (from a
# library imported before such dates were refused) is cut with the offset in force at the edge.
_ZONE_SCAN = (datetime(1971, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@dataclass(frozen=True)
class Bucket:
    """Counts of one local day or week. `flagged` includes `acted_on`, `total` includes both;
    `waiting` counts clips not transcribed yet that are not flagged (nothing judged them).

    `start`/`end` are aware UTC instants (end exclusive), ready for `ClipQuery(since, until)`;
    `tz_offset_minutes` is the offset they were cut with, so labels can show the local date;
    `zone`, when given, is the named zone they were cut in (a local day may then last 23 or
    25 hours) and wins over the offset.
    """

    start: datetime
    end: datetime
    total: int
    flagged: int
    acted_on: int
    tz_offset_minutes: int = 0
    waiting: int = 0
    zone: tzinfo | None = None

    @property
    def tz(self) -> tzinfo:
        return self.zone if self.zone is not None else _zone(self.tz_offset_minutes)

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
        return self.start.astimezone(self.tz)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.tz)

    @property
    def days(self) -> int:
        return round((self.end - self.start) / timedelta(days=1))


def timeline_counts(store: Store, bucket: BucketSize = "day", min_score: int | None = None,
                    tz_offset_minutes: int = 0, query: ClipQuery | None = None,
                    zone: tzinfo | None = None) -> list[Bucket]:
    """Clips per local day (or Monday-based week), oldest first, with no gaps in between.

    "Flagged" is `score >= min_score` when a threshold is given (the GUI's live slider) and
    the stored flag otherwise; "acted on" is flagged with an action the device carried out.
    `query` narrows the clips counted (device, vendor, text, since/until, ...); its own
    `min_score` applies when `min_score` is not given. Days are cut in `zone` (a named zone
    such as `ZoneInfo("Europe/Berlin")`: each clip by the offset in force at its own time, see
    `local_zone`) or, without one, at the fixed offset `tz_offset_minutes`.
    """
    if bucket not in BUCKET_SIZES:
        raise ValueError(f"bucket must be one of {BUCKET_SIZES}, not {bucket!r}")
    if not -_MAX_OFFSET_MINUTES <= tz_offset_minutes <= _MAX_OFFSET_MINUTES:
        raise ValueError(f"tz_offset_minutes {tz_offset_minutes} is not a UTC offset")
    if min_score is None and query is not None:
        min_score = query.min_score
    if isinstance(zone, timezone):  # a fixed offset: the plain path, same result
        tz_offset_minutes = _offset_minutes(zone, _ZONE_SCAN[0])
        zone = None

    # SQLite's date() reads the stored naive-UTC text directly; modifiers shift it to local
    # time and, for weeks, back to the Monday ('weekday 0' is the next Sunday, or today).
    shift: Any = f"{tz_offset_minutes:+d} minutes"
    if zone is not None:
        with store.session() as s:
            lo, hi = s.execute(select(func.min(Clip.recorded_at), func.max(Clip.recorded_at))
                               .where(Clip.recorded_at >= datetime.fromisoformat(
                                   _FIRST_DAY).replace(tzinfo=UTC))).one()
        shift = _shift_modifier(zone, lo, hi)
    modifiers: list[Any] = [shift]
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
    return _fill(counts, 7 if bucket == "week" else 1, tz_offset_minutes, zone)


def _fill(counts: Mapping[date, Sequence[int]], step_days: int, offset: int,
          zone: tzinfo | None) -> list[Bucket]:
    """One bucket per local day (or week) from the first to the last, gaps as zeros; past
    `MAX_BUCKETS` only the busy ones."""
    if not counts:
        return []
    step = timedelta(days=step_days)
    first, last = min(counts), max(counts)
    days = sorted(counts) if (last - first) // step >= MAX_BUCKETS else \
        [first + i * step for i in range((last - first) // step + 1)]
    tz = zone if zone is not None else _zone(offset)
    buckets = []
    for day in days:
        n, f, a, w = counts.get(day, (0, 0, 0, 0))
        buckets.append(Bucket(_midnight(day, tz), _midnight(day + step, tz), n, f, a, offset, w,
                              zone))
    return buckets


def _midnight(day: date, tz: tzinfo) -> datetime:
    """The UTC instant a local day begins (where midnight is skipped by a DST switch, the
    switch itself: the first instant of that day)."""
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def weekly(buckets: Sequence[Bucket]) -> list[Bucket]:
    """Daily buckets summed into Monday-based weeks of the same local time; gaps filled.

    Lets the GUI switch to weeks without another query."""
    if not buckets:
        return []
    sums: dict[date, list[int]] = {}
    for b in buckets:
        local = b.local_start.date()
        monday = local - timedelta(days=local.weekday())
        total = sums.setdefault(monday, [0, 0, 0, 0])
        total[0] += b.total
        total[1] += b.flagged
        total[2] += b.acted_on
        total[3] += b.waiting
    return _fill(sums, 7, buckets[0].tz_offset_minutes, buckets[0].zone)


def local_zone(name: str | None = None) -> tzinfo:
    """The user's time zone: the IANA zone `name` (the GUI passes the one Qt reports), else
    this computer's (`TZ`, then /etc/localtime), else its current fixed offset when no
    zone database is at hand (Windows without the tzdata package)."""
    candidates = [name, os.environ.get("TZ", "").lstrip(":") or None]
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        link = ""
    if "zoneinfo/" in link:
        candidates.append(link.split("zoneinfo/", 1)[1])
    for candidate in candidates:
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


def _offset_minutes(tz: tzinfo, when: datetime) -> int:
    offset = when.astimezone(tz).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def _shift_modifier(zone: tzinfo, lo: datetime | None, hi: datetime | None) -> Any:
    """SQLite's date() modifier shifting each stored time by `zone`'s offset at that time: a
    constant where the offset does not change within [lo, hi], else a CASE over
    `recorded_at` over the changes (a few years of DST: a dozen)."""
    if lo is None or hi is None:
        return "+0 minutes"
    lo = min(max(lo, _ZONE_SCAN[0]), _ZONE_SCAN[1])
    hi = min(max(hi, _ZONE_SCAN[0]), _ZONE_SCAN[1])
    changes = _offset_changes(zone, lo - timedelta(days=1), hi + timedelta(days=1))
    first = _offset_minutes(zone, lo - timedelta(days=1))
    if not changes:
        return f"{first:+d} minutes"
    offsets = [first] + [after for _, after in changes]
    return _pick(changes, offsets)


def _pick(changes: Sequence[tuple[datetime, int]], offsets: Sequence[int]) -> Any:
    """The modifier for the span of `offsets` (one more than `changes`, the instants between
    them): nested CASEs halving the span, so each clip costs log2(changes) comparisons
    instead of one per change."""
    if not changes:
        return literal(f"{offsets[0]:+d} minutes")
    mid = len(changes) // 2
    return case((Clip.recorded_at < changes[mid][0], _pick(changes[:mid], offsets[:mid + 1])),
                else_=_pick(changes[mid + 1:], offsets[mid + 1:]))


def _offset_changes(zone: tzinfo, lo: datetime, hi: datetime) -> list[tuple[datetime, int]]:
    """(instant, offset from then on) of every change of `zone`'s UTC offset in [lo, hi],
    found day by day and then to the second (zoneinfo keeps its transitions private)."""
    def offset_at(second: int) -> int:
        return _offset_minutes(zone, datetime.fromtimestamp(second, UTC))

    out: list[tuple[datetime, int]] = []
    t, end = int(lo.timestamp()), int(hi.timestamp())
    off = offset_at(t)
    while t < end:
        nxt = t + 86_400
        if offset_at(nxt) == off:
            t = nxt
            continue
        a, b = t, nxt  # offset_at(a) == off != offset_at(b): the change is in (a, b]
        while b - a > 1:
            mid = (a + b) // 2
            a, b = (mid, b) if offset_at(mid) == off else (a, mid)
        off = offset_at(b)
        out.append((datetime.fromtimestamp(b, UTC), off))
        t = b
    return out


def suggested_bucket_size(buckets: Sequence[Bucket]) -> BucketSize:
    """Weeks once the range is longer than `AUTO_WEEK_DAYS`, so bars stay wide enough."""
    if not buckets:
        return "day"
    span = buckets[-1].end - buckets[0].start
    return "week" if span > timedelta(days=AUTO_WEEK_DAYS) else "day"


def _zone(offset_minutes: int) -> timezone:
    return UTC if offset_minutes == 0 else timezone(timedelta(minutes=offset_minutes))


__all__ = ["AUTO_WEEK_DAYS", "BUCKET_SIZES", "Bucket", "BucketSize", "local_zone",
           "suggested_bucket_size", "timeline_counts", "weekly"]
