"""What every importer produces: clip records, problems, and the importer protocol."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from reviewer.core.importers.source import Entry, ExportSource

Vendor = Literal["google", "amazon", "folder"]

# No smart speaker recorded before this; a time outside the range is damage (year 1, year
# 9999), and would break every chart and calculation spanning the library's times.
EARLIEST_PLAUSIBLE = datetime(1971, 1, 1, tzinfo=UTC)
LATEST_PLAUSIBLE_AHEAD = timedelta(days=366)


def plausible_time(when: datetime) -> bool:
    """Whether `when` (aware) can be a recording's time."""
    return EARLIEST_PLAUSIBLE <= when <= datetime.now(UTC) + LATEST_PLAUSIBLE_AHEAD


@dataclass(frozen=True)
class Problem:
    """Something in the export that could not be used as it is.

    `where` names the place precisely enough for a user to find it ("takeout-002.zip:
    Takeout/My Activity/Assistant/MyActivity.json, entry 17"); `reason` says what is wrong
    in plain words. `skipped` problems lost data; `warning` problems did not. `left_out`
    marks a file that is not voice history at all (another service's table, a photo):
    nothing was lost, and reports count these by `reason` (the kind of file) in one line.
    """

    where: str
    reason: str
    severity: Literal["skipped", "warning", "left_out"] = "skipped"


@dataclass(frozen=True)
class RegisteredDevice:
    """A device the export lists as registered to the account (not a recording)."""

    key: str  # serial number, else name
    source_path: str
    serial: str | None = None
    name: str | None = None
    device_type: str | None = None
    first_registered: str | None = None
    account: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClipRecord:
    """One recording (or one vendor record of a recording) as found in an export.

    `recorded_at` is timezone-aware UTC, or None when the export gives no usable time
    ("time unknown": never the archive's packing time or another guess). `recorded_at_text`
    is the timestamp exactly as the export wrote it. `vendor_id` is the vendor's own
    identifier for the recording (Alexa utteranceId / recordKey, Google audio file name);
    `identifiers` keeps every identifier seen. `vendor_transcript` is the vendor's
    transcript or label verbatim. `extra` keeps the vendor's other fields (details, replies,
    domain/intent, utterance type) as JSON-able data.
    """

    vendor: Vendor
    recorded_at: datetime | None
    recorded_at_text: str
    source_path: str
    time_approximate: bool = False
    vendor_id: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    device: str | None = None
    account: str | None = None
    vendor_transcript: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    audio: Entry | None = None
    # Where the record itself sits (index table row, JSON entry) when that differs from the
    # audio's path in `source_path`: "Takeout/.../MyActivity.json#entry=17".
    record_path: str | None = None


class Importer(Protocol):
    """One export layout. Importers only parse: storing, hashing and dedup are the pipeline's."""

    name: str

    def detect(self, source: ExportSource) -> int:
        """How sure this importer is that `source` is its layout: 0 (not at all) to 100."""
        ...

    def records(self, source: ExportSource, problems: list[Problem]) -> Iterator[ClipRecord]:
        """Yield every clip record; append a Problem for everything skipped or doubtful."""
        ...


@runtime_checkable
class DeviceLister(Protocol):
    """An importer that also reads the account's list of registered devices."""

    def registered_devices(self, source: ExportSource,
                           problems: list[Problem]) -> list[RegisteredDevice]:
        ...
