"""What a request lists about each clip: a snapshot taken when the request is drafted.

The snapshot (`RequestItem.listed`) holds exactly what the letter and the CSV print, so a
request reads the same later even after the clip was deleted here (a tombstone keeps these
fields anyway) or re-imported with other details. It also keeps the audio hash, which the
letter never prints but verification matches on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.importers.timestamps import utc_iso
from reviewer.core.safetext import spreadsheet_cell
from reviewer.core.store import Clip

# The identifiers that name one recording at each vendor, in the order they are printed.
# Alexa: utteranceId and recordKey (older index tables: a plain id); an audio file name only
# when the export gave nothing else. Google: the audio file name plus the activity entry's
# `time` and title, as written in My Activity.
PRINTED_IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "amazon": ("utteranceId", "recordKey", "id", "audio_file"),
    "google": ("audio_file", "time", "title"),
}
VENDORS = tuple(PRINTED_IDENTIFIERS)

# Stable CSV columns, the same for every vendor and language (empty where not applicable).
# Identifier columns carry the vendor's own field names so its staff recognise them.
CSV_COLUMNS = ("no", "recorded_at_utc", "time_approximate", "device", "vendor", "account",
               "utteranceId", "recordKey", "id", "audio_file", "time", "title")


@dataclass(frozen=True)
class ListedClip:
    """One clip as a request lists it."""

    no: int  # position in the letter's table, from 1
    clip_id: int
    vendor: str
    account: str | None
    recorded_at_utc: str  # ISO-8601 UTC with Z, as printed
    time_approximate: bool
    device: str | None
    vendor_id: str | None
    identifiers: dict[str, str] = field(default_factory=dict)  # printed, in print order
    audio_sha256: str | None = None  # never printed; verification matches on it
    # Follow-ups: where the clip was found again ({"import_id", "label", "imported_at"}).
    found_in: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "no": self.no, "clip_id": self.clip_id, "vendor": self.vendor,
            "account": self.account, "recorded_at_utc": self.recorded_at_utc,
            "time_approximate": self.time_approximate, "device": self.device,
            "vendor_id": self.vendor_id, "identifiers": dict(self.identifiers),
            "audio_sha256": self.audio_sha256}
        if self.found_in is not None:
            data["found_in"] = dict(self.found_in)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ListedClip:
        return cls(no=int(data["no"]), clip_id=int(data["clip_id"]), vendor=str(data["vendor"]),
                   account=data.get("account"), recorded_at_utc=str(data["recorded_at_utc"]),
                   time_approximate=bool(data.get("time_approximate")),
                   device=data.get("device"), vendor_id=data.get("vendor_id"),
                   identifiers={str(k): str(v) for k, v in
                                (data.get("identifiers") or {}).items()},
                   audio_sha256=data.get("audio_sha256"), found_in=data.get("found_in"))


def printed_identifiers(clip: Clip) -> dict[str, str]:
    """The clip's identifiers to print, verbatim, in print order."""
    ids = {str(k): str(v) for k, v in (clip.identifiers or {}).items() if v not in (None, "")}
    keys = PRINTED_IDENTIFIERS.get(clip.vendor, ())
    out = {k: ids[k] for k in keys if k in ids and k != "audio_file"}
    if "audio_file" in keys and (clip.vendor == "google" or not out):
        name = ids.get("audio_file")
        if name is None and clip.vendor == "amazon" and clip.audio_sha256 is not None:
            # An Alexa recording no record describes: its file name is all there is.
            name = clip.source_path.rsplit("/", 1)[-1]
        if name:
            out = {"audio_file": name, **out}
    return out


def snapshot(clip: Clip, no: int, account: str | None) -> ListedClip:
    return ListedClip(no=no, clip_id=clip.id, vendor=clip.vendor, account=account,
                      # "" when the export gave no time: a letter must not cite a made-up one.
                      recorded_at_utc="" if clip.time_unknown else utc_iso(clip.recorded_at),
                      time_approximate=bool(clip.time_approximate), device=clip.device,
                      vendor_id=clip.vendor_id, identifiers=printed_identifiers(clip),
                      audio_sha256=clip.audio_sha256)


def identifier_columns(vendor: str, clips: Iterable[ListedClip]) -> list[str]:
    """The identifier columns a letter's table needs: those any listed clip has."""
    present = {k for c in clips for k in c.identifiers}
    keys = PRINTED_IDENTIFIERS.get(vendor, ())
    if vendor == "google":
        return list(keys)  # audio file, time and title always, blank where missing
    return [k for k in keys if k in present]


def csv_text(clips: Iterable[ListedClip]) -> str:
    """The clips as CSV (RFC 4180, header row, CRLF); write it as UTF-8. Cells a spreadsheet
    would evaluate as formulas start with an apostrophe (see reviewer.core.safetext)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for c in clips:
        row: dict[str, str] = {
            "no": str(c.no), "recorded_at_utc": c.recorded_at_utc,
            "time_approximate": "yes" if c.time_approximate else "no",
            "device": c.device or "", "vendor": c.vendor, "account": c.account or ""}
        row.update({k: v for k, v in c.identifiers.items() if k in CSV_COLUMNS})
        writer.writerow([spreadsheet_cell(row.get(col, "")) for col in CSV_COLUMNS])
    return buf.getvalue()


__all__ = ["CSV_COLUMNS", "PRINTED_IDENTIFIERS", "VENDORS", "ListedClip", "csv_text",
           "identifier_columns", "printed_identifiers", "snapshot"]
