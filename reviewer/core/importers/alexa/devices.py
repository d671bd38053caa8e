"""The account's registered devices (`Devices.Registration.zip`: `registration.csv`)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from reviewer.core.importers.alexa.columns import _norm_column
from reviewer.core.importers.alexa.delimited import _delimiter, _unique_names
from reviewer.core.importers.alexa.values import _text
from reviewer.core.importers.records import (
    Problem,
    RegisteredDevice,
)
from reviewer.core.importers.source import Entry
from reviewer.core.importers.textfiles import TextDecodeError, decode_text
from reviewer.core.messages import Msg

# ---------------------------------------------------------------------------------------------
# The account's registered devices (`Devices.Registration.zip`: `registration.csv`)

# Only files whose path names registrations or devices are read as device lists.
_DEVICE_LIST_PATH = re.compile(r"regist", re.IGNORECASE)
_SERIAL_COLUMNS = ("deviceserialnumber", "serialnumber", "dsn", "deviceserial", "serial")
_DEVICE_NAME_COLUMNS = ("accountname", "devicename", "devicenickname", "friendlyname",
                        "nickname", "name")
_DEVICE_TYPE_COLUMNS = ("devicetype", "devicetypename", "devicefamily", "devicemodel",
                        "model", "type")
_REGISTERED_COLUMNS = ("firsttimeregistered", "registrationdate", "registeredat",
                       "registrationtime", "firstregistered", "registered")


def _read_device_list(entry: Entry, problems: list[Problem]) -> list[RegisteredDevice]:
    """Rows of a device-registration table; nothing when the file is not one."""
    try:
        text = decode_text(entry.read()).lstrip("\ufeff")
    except (OSError, TextDecodeError) as exc:
        problems.append(Problem(entry.where, Msg("device list cannot be read ({error}); "
                                                 "skipped", error=exc)))
        return []
    lines = text.splitlines()
    if not lines:
        return []
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = _unique_names(next(reader))
    except (StopIteration, csv.Error):
        return []
    by_norm: dict[str, str] = {}
    for col in header:
        by_norm.setdefault(_norm_column(col), col)

    def pick(names: Sequence[str]) -> str | None:
        return next((by_norm[n] for n in names if n in by_norm), None)

    serial_col, name_col = pick(_SERIAL_COLUMNS), pick(_DEVICE_NAME_COLUMNS)
    type_col, first_col = pick(_DEVICE_TYPE_COLUMNS), pick(_REGISTERED_COLUMNS)
    if serial_col is None and name_col is None:
        return []
    found: list[RegisteredDevice] = []
    try:
        for cells in reader:
            row = dict(zip(header, cells, strict=False))
            serial = _text(row.get(serial_col)) if serial_col else None
            name = _text(row.get(name_col)) if name_col else None
            key = serial or name
            if key is None:
                continue
            found.append(RegisteredDevice(
                key=key, source_path=entry.path, serial=serial, name=name,
                device_type=_text(row.get(type_col)) if type_col else None,
                first_registered=_text(row.get(first_col)) if first_col else None,
                details={k: v for k, v in row.items() if v}))
    except csv.Error as exc:
        problems.append(Problem(entry.where, Msg("device list is not well-formed CSV "
                                                 "({error}); the rows before the damage "
                                                 "were kept", error=exc), "warning"))
    return found
