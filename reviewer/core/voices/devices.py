"""The devices of the library: those that made recordings and those the vendors list as
registered to the user's accounts, with the user's answer "ours" / "not ours" about each.

The answer is kept in `device_marks` by the device's serial (else its name); the archive
check (`checks.marked_device_findings`) reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from reviewer.core.store import AccountDevice, Clip, ClipStatus, Store
from reviewer.core.store.voice_tables import DeviceMark
from reviewer.core.voices.checks import (
    NOT_OURS,
    OURS,
    _clip_meta,
    device_marks,
    parse_registered,
    serial_of,
)

ANSWERS = {"ours": OURS, "not-ours": NOT_OURS, "not_ours": NOT_OURS, "none": None}


class DeviceError(Exception):
    """A device the user named is not in the library, or an unknown answer."""


@dataclass(frozen=True)
class DeviceInfo:
    key: str  # serial when known, else the name: what `reviewer devices mark` takes
    name: str | None
    serial: str | None
    device_type: str | None
    clips: int
    first: datetime | None  # first and last recording (times known only)
    last: datetime | None
    listed: bool  # on a vendor's list of the account's registered devices
    registered: datetime | None  # the list's registration time, when it gives one
    mark: str | None  # "ours", "not_ours", or None (no answer)


@dataclass
class _Acc:
    name: str | None = None
    serial: str | None = None
    device_type: str | None = None
    clips: int = 0
    first: datetime | None = None
    last: datetime | None = None
    listed: bool = False
    registered: datetime | None = None


def list_devices(store: Store) -> list[DeviceInfo]:
    found: dict[str, _Acc] = {}
    alias: dict[str, str] = {}  # lower-cased serial or name -> key in `found`

    def entry(serial: str | None, name: str | None) -> _Acc:
        """One device, however it is named: by serial in one place, by name in another."""
        names = [k.strip().lower() for k in (serial, name) if k]
        key = next((alias[k] for k in names if k in alias), None)
        if key is None:
            key = names[0] if names else "?"
            found[key] = _Acc()
        for k in names:
            alias.setdefault(k, key)
        acc = found[key]
        acc.serial = acc.serial or serial
        acc.name = acc.name or name
        return acc

    with store.session() as s:
        for d in s.scalars(select(AccountDevice)):
            acc = entry(d.serial, d.name)
            acc.listed = True
            acc.device_type = acc.device_type or d.device_type
            when = parse_registered(d.first_registered)
            if when is not None and (acc.registered is None or when < acc.registered):
                acc.registered = when
        for clip in s.scalars(select(Clip).where(Clip.status != ClipStatus.DELETED)):
            meta = _clip_meta(clip)
            serial = serial_of(meta)
            if not (serial or clip.device):
                continue
            acc = entry(serial, clip.device)
            acc.clips += 1
            if meta.recorded_at is not None:
                acc.first = min(acc.first or meta.recorded_at, meta.recorded_at)
                acc.last = max(acc.last or meta.recorded_at, meta.recorded_at)
    marks = device_marks(store)
    out = []
    for acc in found.values():
        keys = {k.strip().lower() for k in (acc.serial, acc.name) if k}
        mark = next((marks[k] for k in keys if k in marks), None)
        out.append(DeviceInfo(acc.serial or acc.name or "?", acc.name, acc.serial,
                              acc.device_type, acc.clips, acc.first, acc.last, acc.listed,
                              acc.registered, mark))
    return sorted(out, key=lambda d: (-d.clips, (d.name or d.key).lower()))


def mark_device(store: Store, device: str, answer: str) -> DeviceInfo:
    """Remember the user's answer about a device (by serial or name, any case)."""
    if answer not in ANSWERS:
        raise DeviceError(f"unknown answer {answer!r}: use ours, not-ours or none")
    wanted = device.strip().lower()
    match = [d for d in list_devices(store)
             if wanted in {k.lower() for k in (d.key, d.name, d.serial) if k}]
    if not match:
        raise DeviceError(f"there is no device {device!r} in this library "
                          "(`reviewer devices` lists them)")
    target = match[0]
    keys = {k.strip().lower() for k in (target.serial, target.name) if k}
    value = ANSWERS[answer]
    with store.transaction() as s:
        for k in keys:
            row = s.get(DeviceMark, k)
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(DeviceMark(device_key=k, mark=value, marked_at=datetime.now(UTC)))
            else:
                row.mark, row.marked_at = value, datetime.now(UTC)
    return next(d for d in list_devices(store) if d.key == target.key)
