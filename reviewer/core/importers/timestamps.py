"""Timestamps as vendors write them, turned into aware UTC datetimes.

Every parser returns `(when_utc, approximate)`. `approximate` is True when the text carried no
zone and a zone had to be assumed, or when the source is known to be imprecise. A time without
a zone is read as the user's own local time (the system zone), never as exact UTC: that is how
people and most tools write times, and the mark tells the user it may be off by hours.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

# Zone abbreviations seen in vendor exports. Ambiguous ones (IST, CST in Asia) are left out:
# an unknown abbreviation is treated as UTC and marked approximate instead.
_ZONE_OFFSETS_H: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0,
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    # Takeout HTML prints the exporter's zone at export time (purarue/google_takeout_parser
    # sees MSK, BST, PDT, ...); German exports use MEZ/MESZ, OEZ/OESZ, WEZ/WESZ.
    "MSK": 3, "OEZ": 2, "OESZ": 3, "WEZ": 0, "WESZ": 1, "SAST": 2, "CAT": 2, "EAT": 3,
    "WAT": 1, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "NZST": 12,
    "NZDT": 13, "BRT": -3, "ART": -3, "NST": -3.5, "NDT": -2.5, "AST": -4, "ADT": -3,
}

_EPOCH_MIN_MS = 946_684_800_000  # 2000-01-01: smart speakers did not exist before
_EPOCH_MAX_MS = 4_102_444_800_000  # 2100-01-01


def parse_timestamp(text: str) -> tuple[datetime, bool] | None:
    """Parse any timestamp format seen in Alexa / Google / folder exports.

    Accepts ISO-8601 (with `Z`, an offset, or none), epoch seconds or milliseconds,
    `MM/dd/yyyy HH:mm[:ss]`, `yyyy-MM-dd HH:mm:ss`, and any of those followed by a zone
    abbreviation ("UTC", "GMT", "PST", "MSK"), an offset ("+0100") or "GMT+3". Without a
    (known) zone the time is local and approximate. Returns None when the text is not a
    timestamp or the time cannot exist in UTC.
    """
    s = text.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
        return _from_epoch(float(s))
    body, zone = _split_zone(s)
    dt = _parse_iso(body) or _parse_us(body) or _parse_named_month(body)
    if dt is None:
        return None
    try:
        if dt.tzinfo is not None:
            return dt.astimezone(UTC), False
        if zone is not None:
            return (dt - zone).replace(tzinfo=UTC), False
        # No zone, or a zone word not known (IST means three places): the user's local time,
        # marked approximate.
        return local_to_utc(dt), True
    except (OverflowError, OSError, ValueError):  # year 1 minus an offset, year 9999 plus one
        return None


def local_to_utc(naive: datetime) -> datetime:
    """A wall-clock time in the user's system zone, as aware UTC."""
    return naive.astimezone(UTC)


def zone_label(text: str) -> str | None:
    """The zone word at the end of a time ("PDT", "XYZ"), whether known or not."""
    m = _ZONE_SUFFIX.match(text.strip().replace("\u202f", " ").replace("\xa0", " "))
    if m is None or not m.group("abbr") or m.group("abbr").upper() in ("AM", "PM"):
        return None
    return m.group("abbr")


def known_zone(label: str) -> bool:
    return label.upper() in _ZONE_OFFSETS_H


def _from_epoch(value: float) -> tuple[datetime, bool] | None:
    ms = value if value >= 1e11 else value * 1000
    if not (_EPOCH_MIN_MS <= ms <= _EPOCH_MAX_MS):
        return None
    return datetime.fromtimestamp(ms / 1000, UTC), False


_ZONE_SUFFIX = re.compile(
    r"^(?P<body>.*?(?:\d|[AaPp]\.?[Mm]\.?))\s*(?:(?P<abbr>[A-Za-z]{1,5})"
    r"|(?:UTC|GMT)?(?P<off>[+-]\d{2}:?\d{2})"
    r"|(?:UTC|GMT)(?P<short>[+-]\d{1,2})(?::?(?P<short_min>\d{2}))?)$")


def _split_zone(s: str) -> tuple[str, timedelta | None]:
    """Split a trailing zone abbreviation or numeric offset from the text."""
    if re.search(r"\d[T ]?\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$", s) and "T" in s:
        return s, None  # ISO with its own offset: fromisoformat handles it
    m = _ZONE_SUFFIX.match(s)
    if not m:
        return s, None
    if m.group("short"):  # "GMT+3", "UTC-07:00", "GMT+5:30"
        hours = int(m.group("short"))
        minutes = int(m.group("short_min") or 0) * (-1 if hours < 0 else 1)
        return m.group("body"), timedelta(hours=hours, minutes=minutes)
    if m.group("off"):
        off = m.group("off").replace(":", "")
        sign = -1 if off[0] == "-" else 1
        return m.group("body"), sign * timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))
    abbr = m.group("abbr").upper()
    if abbr in ("AM", "PM"):
        return s, None
    if abbr in _ZONE_OFFSETS_H:
        return m.group("body"), timedelta(hours=_ZONE_OFFSETS_H[abbr])
    return m.group("body"), None


def _parse_iso(s: str) -> datetime | None:
    t = s.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", s) else s
    if t.endswith("Z"):
        t = t[:-1] + "+00:00"
    # fromisoformat in 3.11 wants 0, 3 or 6 fraction digits; vendors write any number.
    m = re.match(r"^(.*T\d{2}:\d{2}:\d{2})\.(\d+)(.*)$", t)
    if m:
        t = f"{m.group(1)}.{m.group(2)[:6].ljust(6, '0')}{m.group(3)}"
    if not re.match(r"^\d{4}-\d{2}-\d{2}", t):
        return None
    try:
        return datetime.fromisoformat(t)
    except ValueError:
        return None


_US = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def _parse_us(s: str) -> datetime | None:
    m = _US.match(s)
    if not m:
        return None
    month, day, year, hour, minute = (int(m.group(i)) for i in range(1, 6))
    second = int(m.group(6) or 0)
    hour = _apply_ampm(hour, m.group(7))
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTHS.update({"mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12})
_NAMED_MDY = re.compile(
    r"^(?P<mon>[A-Za-zä]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4}),?\s+"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$")
_NAMED_DMY = re.compile(
    r"^(?P<day>\d{1,2})\.?\s+(?P<mon>[A-Za-zä]{3,9})\.?\s+(?P<year>\d{4}),?\s+"
    r"(?:um\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$")


def _parse_named_month(s: str) -> datetime | None:
    """"Feb 2, 2018, 2:05:07 AM" (Takeout HTML, en-US) or "02.02.2018, 02:05:07"/"2 Feb 2018"."""
    s = s.replace("\u202f", " ").replace("\xa0", " ")
    m = _NAMED_MDY.match(s) or _NAMED_DMY.match(s)
    if m:
        month = _MONTHS.get(m.group("mon").lower()[:3]) or _MONTHS.get(m.group("mon").lower()[:3])
        if not month:
            return None
        day, year = int(m.group("day")), int(m.group("year"))
    else:
        m = re.match(r"^(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4}),?\s+"
                     r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?P<ampm>)$", s)
        if not m:
            return None
        month, day, year = int(m.group("mon")), int(m.group("day")), int(m.group("year"))
    hour = _apply_ampm(int(m.group("h")), m.group("ampm"))
    try:
        return datetime(year, month, day, hour, int(m.group("m")), int(m.group("s") or 0))
    except ValueError:
        return None


def _apply_ampm(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


_NAME_TIME = re.compile(
    r"(?P<y>20\d{2})[-_]?(?P<mo>\d{2})[-_]?(?P<d>\d{2})[T_\- ]?"
    r"(?P<h>\d{2})[-_:]?(?P<mi>\d{2})[-_:]?(?P<s>\d{2})(?:[-_.](?P<ms>\d{1,6}))?"
    r"(?P<utc>[-_]?(?:UTC|Z))?", re.IGNORECASE)
_NAME_EPOCH = re.compile(r"(?<!\d)(1[3-9]\d{11})(?!\d)")


def time_from_filename(name: str) -> tuple[datetime, bool] | None:
    """A recording time encoded in a file name, if any.

    Google names audio `2018-02-02_02_05_07_765_UTC.mp3` (UTC, exact). Other recorders use
    `20240105-213000.wav` or epoch milliseconds; without a zone those are marked approximate.
    """
    m = _NAME_TIME.search(name)
    if m:
        frac = (m.group("ms") or "0")[:6].ljust(6, "0")
        try:
            dt = datetime(int(m.group("y")), int(m.group("mo")), int(m.group("d")),
                          int(m.group("h")), int(m.group("mi")), int(m.group("s")), int(frac),
                          tzinfo=UTC)
        except ValueError:
            dt = None
        if dt is not None:
            return dt, m.group("utc") is None
    e = _NAME_EPOCH.search(name)
    if e:
        return _from_epoch(float(e.group(1)))
    return None


def utc_iso(dt: datetime) -> str:
    """ISO-8601 UTC with a Z, milliseconds kept: the form every output of the app uses."""
    dt = dt.astimezone(UTC)
    ms = dt.microsecond // 1000
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + (f".{ms:03d}Z" if ms else "Z")


def as_utc(dt: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC already (that is how the store keeps it)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


__all__ = ["as_utc", "parse_timestamp", "time_from_filename", "utc_iso"]
