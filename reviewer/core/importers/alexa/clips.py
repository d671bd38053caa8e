"""Rows and unjoined audio into `ClipRecord`s."""

from __future__ import annotations

from datetime import datetime

from reviewer.core.importers.alexa.found import _Audio, _Row
from reviewer.core.importers.records import (
    ClipRecord,
)

# ---------------------------------------------------------------------------------------------
# Clip records


def _row_record(row: _Row) -> ClipRecord:
    extra = dict(row.extra)
    if row.join is not None:
        extra["audio_join"] = row.join
    # As everywhere: `source_path` is where the clip's audio is, `record_path` the row.
    return ClipRecord(
        vendor="amazon", recorded_at=row.recorded_at, recorded_at_text=row.recorded_at_text,
        source_path=row.audio.entry.path if row.audio else row.record_path,
        record_path=row.record_path, time_approximate=row.approximate,
        vendor_id=row.vendor_id, identifiers=dict(row.identifiers), device=row.device,
        account=row.account, vendor_transcript=row.transcript, extra=extra,
        audio=row.audio.entry if row.audio else None)


def _orphan_record(audio: _Audio) -> ClipRecord:
    """A recording no row describes: timed by its name, else its time is unknown.

    Never by its file date: in a vendor's zip that is when the zip was packed (and after
    unzipping, when it was unzipped), which would put every such clip at one moment.
    """
    entry = audio.entry
    when: datetime | None = None
    approximate = False
    text, time_source = "", "unknown"
    if audio.name_time is not None:
        when, approximate = audio.name_time
        text, time_source = entry.name, "file name"
    return ClipRecord(
        vendor="amazon", recorded_at=when, recorded_at_text=text, source_path=entry.path,
        time_approximate=approximate, device=audio.device,
        extra={"orphan_audio": True, "time_source": time_source}, audio=entry)
