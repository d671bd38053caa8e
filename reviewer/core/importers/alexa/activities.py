"""Older Alexa activity records (`/api/activities` pages)."""

from __future__ import annotations

import json
import re
from typing import Any

from reviewer.core.importers.alexa.found import _FileProblems, _Row
from reviewer.core.importers.alexa.values import _as_list, _device_name, _parse_time, _text
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg

# ---------------------------------------------------------------------------------------------
# Older Alexa activity records (`/api/activities` pages, as backup and forensic tools save
# them): `{"activities": [{"creationTimestamp": ms, "description": "{\"summary\": …}",
# "sourceDeviceIds": [{"serialNumber", "deviceType", "deviceAccountId"}],
# "registeredCustomerId", "utteranceId", "id", "activityStatus", "domainAttributes", …}]}`,
# the recording beside it as `<creationTimestamp>.wav`.

_ACTIVITY_KEYS = re.compile(r'"(?:sourceDeviceIds|registeredCustomerId)"\s*:')


def _is_activity(value: Any) -> bool:
    return isinstance(value, dict) and "creationTimestamp" in value and any(
        k in value for k in ("sourceDeviceIds", "registeredCustomerId", "activityStatus"))


def _activity_records(data: Any) -> list[Any] | None:
    """The activity records of a page (or a list of pages, or one record), else None."""
    if _is_activity(data):
        return [data]
    if isinstance(data, dict):
        data = data.get("activities")
    if not isinstance(data, list) or not data:
        return None
    if all(isinstance(p, dict) and isinstance(p.get("activities"), list) for p in data):
        data = [a for p in data for a in p["activities"]]
    return data if any(_is_activity(a) for a in data) else None


def _activity_row(entry: Entry, n: int, record: Any, sink: _FileProblems) -> _Row | None:
    place = Msg("record {n}", n=n)
    if not isinstance(record, dict):
        sink.add(place, Msg("is not an object with named fields; skipped"))
        return None
    time_text = _text(record.get("creationTimestamp"))
    if time_text is None:
        sink.add(place, Msg("has no creationTimestamp; skipped"))
        return None
    parsed = _parse_time(time_text)
    if parsed is None:
        sink.add(place, Msg("cannot read the time {time} in '{field}'; skipped",
                            time=repr(time_text), field="creationTimestamp"))
        return None
    description = record.get("description")
    details: Any = description
    if isinstance(description, str):
        try:
            details = json.loads(description)
        except ValueError:
            details = description  # plain text: it is the transcript itself
    transcript = _text(details.get("summary") if isinstance(details, dict) else details)
    sources = [d for d in _as_list(record.get("sourceDeviceIds")) if isinstance(d, dict)]
    first = sources[0] if sources else {}
    serial = _text(first.get("serialNumber"))
    ids: dict[str, str] = {}
    candidates = {
        "utteranceId": _text(record.get("utteranceId")) or (
            _text(details.get("firstUtteranceId")) if isinstance(details, dict) else None),
        "id": _text(record.get("id")),
        "customerId": _text(record.get("registeredCustomerId")),
        "serial": serial, "deviceType": _text(first.get("deviceType")),
        "deviceAccountId": _text(first.get("deviceAccountId")),
    }
    ids.update({k: v for k, v in candidates.items() if v})
    vendor_id = ids.get("utteranceId") or ids.get("id")
    return _Row(
        record_path=f"{entry.path}#record={n}", where=f"{entry.where}, {place}",
        recorded_at=parsed[0], recorded_at_text=time_text, approximate=parsed[1],
        # The records name no device, only its serial number: the user's device list (the
        # registration files) says which device that is.
        device=_device_name(first.get("deviceName")) or serial, transcript=transcript,
        vendor_id=vendor_id, identifiers=ids, account=ids.get("customerId"),
        extra={k: v for k, v in record.items()},
        # `<creationTimestamp>.wav` is named by the record's own time text.
        match_ids=[i for i in (ids.get("utteranceId"), ids.get("id"), time_text) if i])
