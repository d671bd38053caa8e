"""Table rows (CSV, JSON lists, HTML tables) into rows with roles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reviewer.core.importers.alexa.columns import _VENDOR_ID_ORDER, _Roles
from reviewer.core.importers.alexa.found import _Row
from reviewer.core.importers.alexa.values import (
    _device_name,
    _parse_time,
    _precision,
    _record_key_parts,
    _text,
)
from reviewer.core.messages import Msg

# ---------------------------------------------------------------------------------------------
# Table rows (CSV, JSON lists, HTML tables)


def _table_row(row: Mapping[str, Any], roles: _Roles, record_path: str,
               where: str) -> _Row | str:
    """A table row as a `_Row`, or the reason it cannot be used."""
    time_text = _text(row.get(roles.time))
    if time_text is None:
        return Msg("has no time in the '{column}' column; skipped", column=roles.time)
    parsed = _parse_time(time_text)
    used = {roles.time}
    if parsed is None and roles.date and _text(row.get(roles.date)):
        time_text = f"{_text(row.get(roles.date))} {time_text}"
        parsed = _parse_time(time_text)
        used.add(roles.date)
    if parsed is None:
        return Msg("cannot read the time {time} in the '{column}' column; skipped",
                   time=repr(time_text), column=roles.time)
    device = _device_name(row.get(roles.device)) if roles.device else None
    transcript = _text(row.get(roles.transcript)) if roles.transcript else None
    identifiers = _row_identifiers(row, roles)
    # Role columns leave `extra` unless they hold something the fields could not take.
    used.update(c for c, _ in roles.ids if _text(row.get(c)) is not None or _blank(row.get(c)))
    used.update(c for c, v in ((roles.device, device), (roles.transcript, transcript))
                if c and (v is not None or _blank(row.get(c))))
    audio_ref = _text(row.get(roles.audio)) if roles.audio else None
    return _Row(
        record_path=record_path, where=where, recorded_at=parsed[0],
        recorded_at_text=time_text, approximate=parsed[1], precision=_precision(time_text),
        device=device, transcript=transcript,
        vendor_id=next((identifiers[k] for k in _VENDOR_ID_ORDER if k in identifiers), None),
        identifiers=identifiers, account=identifiers.get("customerId"),
        # Every other column stays, verbatim.
        extra={str(k): v for k, v in row.items() if k not in used},
        audio_refs=[audio_ref] if audio_ref else [],
        match_ids=[identifiers[k] for k in _VENDOR_ID_ORDER if k in identifiers])


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row_identifiers(row: Mapping[str, Any], roles: _Roles) -> dict[str, str]:
    ids: dict[str, str] = {}
    for column, key in roles.ids:
        value = _text(row.get(column))
        if value and key not in ids:
            ids[key] = value
    if "recordKey" in ids:
        parts = _record_key_parts(ids["recordKey"])
        for key in ("customerId", "deviceType", "serial"):
            if key in parts:
                ids.setdefault(key, parts[key])
    return ids


