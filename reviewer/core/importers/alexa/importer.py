"""The Alexa importer: detect an export, read its records and registered devices."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.core.importers.alexa.clips import _orphan_record, _row_record
from reviewer.core.importers.alexa.devices import _DEVICE_LIST_PATH, _read_device_list
from reviewer.core.importers.alexa.files import (
    _alexa_scope,
    _any_audio,
    _head_kinds,
    _looks_like_takeout,
    _sort_entries,
)
from reviewer.core.importers.alexa.found import MAX_TABLE_BYTES, _Row, _suffix
from reviewer.core.importers.alexa.gdpr2018 import _join_by_order, _read_pdf_list
from reviewer.core.importers.alexa.join import (
    _assign_audio_devices,
    _join_by_id,
    _join_by_name,
    _join_by_time,
)
from reviewer.core.importers.alexa.reading import _read_text_file
from reviewer.core.importers.records import (
    ClipRecord,
    Problem,
    RegisteredDevice,
)
from reviewer.core.importers.source import ExportSource

# ---------------------------------------------------------------------------------------------
# The importer


class AlexaImporter:
    """Reads every Amazon Alexa voice-history layout known to exist (see the module doc)."""

    name = "amazon"

    def detect(self, source: ExportSource) -> int:
        entries = source.entries
        scope = _alexa_scope(entries)
        if scope is None and _looks_like_takeout(entries):
            return 0
        candidates = scope if scope is not None else entries
        kinds = _head_kinds(candidates)
        if "history" in kinds:
            return 95
        has_table = bool(kinds & {"table", "list"})
        has_audio = _any_audio(candidates)
        if scope is not None and (has_table or has_audio):
            return 90
        if has_table and has_audio:
            return 60
        if "table" in kinds:
            return 30
        # `Devices.Registration.zip` alone: no recordings, but the account's device list
        # is worth keeping (the import then says it found no recordings).
        if any(_DEVICE_LIST_PATH.search(e.path) and _suffix(e.name) in (".csv", ".tsv")
               for e in entries):
            return 10
        return 0

    def records(self, source: ExportSource, problems: list[Problem]) -> Iterator[ClipRecord]:
        # Every file is read, wherever it sits: whether it is voice history is judged by what
        # it holds, so `Alexa.zip` alone, the download's zips, a folder of them or the
        # extracted folder all give the same clips.
        audio, texts, documents = _sort_entries(source.entries, problems)
        rows: list[_Row] = []
        for entry in texts:
            rows.extend(_read_text_file(entry, problems))
        listed: list[_Row] = []
        for entry in documents:
            listed.extend(_read_pdf_list(entry, problems))
        rows.extend(listed)
        _assign_audio_devices(audio, {r.device for r in rows if r.device})
        _join_by_name(rows, audio, problems)
        _join_by_id(rows, audio)
        _join_by_time(rows, audio)
        _join_by_order(listed, audio, problems)
        for row in rows:
            yield _row_record(row)
        for a in audio:
            if not a.used:
                yield _orphan_record(a)

    def registered_devices(self, source: ExportSource,
                           problems: list[Problem]) -> list[RegisteredDevice]:
        """The devices Amazon lists as registered to the account (`Devices.Registration`)."""
        found: list[RegisteredDevice] = []
        for entry in source.entries:
            if _suffix(entry.name) in (".csv", ".tsv", ".txt") and _DEVICE_LIST_PATH.search(
                    entry.path) and entry.size <= MAX_TABLE_BYTES:
                found.extend(_read_device_list(entry, problems))
        return found


importer = AlexaImporter()
