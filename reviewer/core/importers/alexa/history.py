"""Voice-history JSON (`customerHistoryRecords`, as the Alexa privacy pages serve it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reviewer.core.importers.alexa.activities import _activity_records, _activity_row
from reviewer.core.importers.alexa.columns import _classify_columns, _Roles, _voice_hint
from reviewer.core.importers.alexa.found import _FileProblems, _Row
from reviewer.core.importers.alexa.tables import _table_row
from reviewer.core.importers.alexa.values import (
    _as_list,
    _device_name,
    _parse_time,
    _record_key_parts,
    _text,
)
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg

# ---------------------------------------------------------------------------------------------
# JSON


def _rows_from_json(entry: Entry, data: Any, sink: _FileProblems) -> list[_Row]:
    history = _history_records(data)
    if history is not None:
        found = (_history_row(entry, n, r, sink) for n, r in enumerate(history, start=1))
        return [r for r in found if r is not None]
    activities = _activity_records(data)
    if activities is not None:
        found = (_activity_row(entry, n, r, sink) for n, r in enumerate(activities, start=1))
        return [r for r in found if r is not None]
    table = _json_table(data, _voice_hint(entry.path))
    if table is None:
        return []
    items, roles = table
    rows: list[_Row] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            sink.add(f"record {n}", "is not an object with named fields; skipped")
            continue
        row = _table_row(item, roles, f"{entry.path}#record={n}", f"{entry.where}, record {n}")
        if isinstance(row, str):
            sink.add(f"record {n}", row)
        else:
            rows.append(row)
    return rows


def _history_records(data: Any, depth: int = 0) -> list[Any] | None:
    """The `customerHistoryRecords` of a privacy-page response (or a list of pages)."""
    if isinstance(data, dict):
        found = data.get("customerHistoryRecords")
        if isinstance(found, list):
            return found
        if depth < 2:
            for value in data.values():
                nested = _history_records(value, depth + 1)
                if nested is not None:
                    return nested
        return None
    if isinstance(data, list) and data:
        if all(isinstance(p, dict) and "customerHistoryRecords" in p for p in data):
            pages = [_history_records(p, depth + 1) or [] for p in data]
            return [r for page in pages for r in page]
        if any(isinstance(r, dict) and "voiceHistoryRecordItems" in r for r in data):
            return data
    return None


def _json_table(data: Any, hint: bool) -> tuple[list[Any], _Roles] | None:
    """The first list of objects (at most two levels down) whose keys make a voice table."""
    queue: list[tuple[Any, int]] = [(data, 0)]
    while queue:
        value, depth = queue.pop(0)
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            keys: dict[str, None] = {}
            for item in value:
                if isinstance(item, dict):
                    keys.update(dict.fromkeys(str(k) for k in item))
            roles = _classify_columns(list(keys), hint)
            if roles is not None:
                return value, roles
        elif isinstance(value, dict) and depth < 2:
            queue.extend((v, depth + 1) for v in value.values())
    return None


_RESPONSE_TYPES = ("ALEXA_RESPONSE", "TTS_REPLACEMENT_TEXT")


def _history_row(entry: Entry, n: int, record: Any, sink: _FileProblems) -> _Row | None:
    place = Msg("record {n}", n=n)
    if not isinstance(record, dict):
        sink.add(place, Msg("is not an object with named fields; skipped"))
        return None
    key = _text(record.get("recordKey"))
    key_parts = _record_key_parts(key) if key else {}
    items = [i for i in _as_list(record.get("voiceHistoryRecordItems")) if isinstance(i, dict)]
    when = _history_time(record, key_parts, items)
    if when is None:
        sink.add(place, Msg("has no timestamp; skipped"))
        return None
    time_text, field_name = when
    parsed = _parse_time(time_text)
    if parsed is None:
        sink.add(place, Msg("cannot read the time {time} in '{field}'; skipped",
                            time=repr(time_text), field=field_name))
        return None
    utterance_ids = _utterance_ids(items, record)
    identifiers = _history_identifiers(record, key, key_parts, utterance_ids)
    extra: dict[str, Any] = {k: v for k, v in record.items() if k != "voiceHistoryRecordItems"}
    extra["items"] = items
    response = _item_texts(items, "ALEXA_RESPONSE") or _item_texts(items, "TTS_REPLACEMENT_TEXT")
    if response:
        extra["response_text"] = "\n".join(response)
    return _Row(
        record_path=f"{entry.path}#record={n}", where=f"{entry.where}, {place}",
        recorded_at=parsed[0], recorded_at_text=time_text, approximate=parsed[1],
        device=_device_name(record.get("device")),
        transcript=_history_transcript(items),
        vendor_id=utterance_ids[0] if utterance_ids else key,
        identifiers=identifiers, account=identifiers.get("customerId"), extra=extra,
        match_ids=[*utterance_ids, *([key] if key else [])])


def _history_time(record: Mapping[str, Any], key_parts: Mapping[str, str],
                  items: Sequence[Mapping[str, Any]]) -> tuple[str, str] | None:
    """The record's time as written, and the field it came from."""
    for name in ("timestamp", "creationTimestamp"):
        text = _text(record.get(name))
        if text:
            return text, name
    if key_parts.get("timestampMs"):
        return key_parts["timestampMs"], "recordKey"
    for item in items:
        text = _text(item.get("timestamp"))
        if text:
            return text, "voiceHistoryRecordItems.timestamp"
    return None


def _utterance_ids(items: Sequence[Mapping[str, Any]], record: Mapping[str, Any]) -> list[str]:
    # The customer's own utterance names the recording; responses may carry other ids.
    ordered = sorted(items, key=lambda i: i.get("recordItemType") in _RESPONSE_TYPES)
    ids = [_text(i.get("utteranceId")) for i in ordered] + [_text(record.get("utteranceId"))]
    return list(dict.fromkeys(i for i in ids if i))


def _history_identifiers(record: Mapping[str, Any], key: str | None,
                         key_parts: Mapping[str, str], utterance_ids: Sequence[str]
                         ) -> dict[str, str]:
    ids: dict[str, str] = {}
    if key:
        ids["recordKey"] = key
    if utterance_ids:
        ids["utteranceId"] = utterance_ids[0]
    for n, extra_id in enumerate(utterance_ids[1:], start=2):
        ids[f"utteranceId{n}"] = extra_id
    device = record.get("device")
    device_map: Mapping[str, Any] = device if isinstance(device, dict) else {}
    candidates = {
        "customerId": key_parts.get("customerId") or _text(record.get("customerId")),
        "deviceType": key_parts.get("deviceType") or _text(device_map.get("deviceType")),
        "serial": key_parts.get("serial") or _text(
            device_map.get("serialNumber") or device_map.get("deviceSerialNumber")),
    }
    ids.update({k: v for k, v in candidates.items() if v})
    return ids


def _item_texts(items: Sequence[Mapping[str, Any]], item_type: str) -> list[str]:
    texts = (i.get("transcriptText") for i in items if i.get("recordItemType") == item_type)
    return [t for t in texts if isinstance(t, str) and t.strip()]


def _history_transcript(items: Sequence[Mapping[str, Any]]) -> str | None:
    """What the customer said, else Amazon's label for why there is no text (verbatim)."""
    texts = _item_texts(items, "CUSTOMER_TRANSCRIPT") or _item_texts(items,
                                                                      "ASR_REPLACEMENT_TEXT")
    return "\n".join(texts) if texts else None


