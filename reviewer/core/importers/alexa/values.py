"""Single values out of records: text, lists, device names, recordKey parts, times."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from reviewer.core.importers.records import (
    plausible_time,
)
from reviewer.core.importers.timestamps import parse_timestamp


def _parse_time(text: str) -> tuple[datetime, bool] | None:
    """`parse_timestamp`, but None for a time no recording can have (year 1, year 9999) and
    for text whose arithmetic overflows: one such row is skipped, never its whole file."""
    try:
        parsed = parse_timestamp(text)
    except (OverflowError, ValueError):
        return None
    if parsed is None or not plausible_time(parsed[0]):
        return None
    return parsed


def _text(value: Any) -> str | None:
    """A scalar JSON/CSV value as text; None for missing, empty, or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _device_name(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("deviceName", "name", "friendlyName", "deviceFriendlyName"):
            name = _text(value.get(key))
            if name:
                return name
        return None
    return _text(value)


def _record_key_parts(key: str) -> dict[str, str]:
    """`customerId#timestampMs#deviceType#serial` split into named parts (empty if not so)."""
    parts = key.split("#")
    if len(parts) < 4:
        return {}
    named = {"customerId": parts[0], "timestampMs": parts[1], "deviceType": parts[2],
             "serial": "#".join(parts[3:])}
    return {k: v for k, v in named.items() if v}


def _precision(time_text: str) -> timedelta:
    """How coarse a written time is: a time without seconds covers the whole minute."""
    if re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", time_text):
        return timedelta(0)
    if re.search(r"\d:\d{2}:\d{2}", time_text):
        return timedelta(0)
    return timedelta(minutes=1)
