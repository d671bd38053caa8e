"""A plain folder (or zip) of recordings, including Home Assistant's debug recordings.

Times come from the file name when it carries one, else from the file's modification time,
which is marked approximate. Home Assistant's `debug_recording_dir` writes
`<dir>/[<device_id>/]<pipeline name>/<monotonic ns>/00_wake-….wav` and `01_stt.wav`; there the
device and pipeline come from the folder names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.importers.records import ClipRecord, Problem
from reviewer.core.importers.source import Entry, ExportSource
from reviewer.core.importers.timestamps import time_from_filename
from reviewer.core.messages import Msg

AUDIO_EXTENSIONS = (".wav", ".mp3", ".ogg", ".opus", ".oga", ".flac", ".m4a", ".aac", ".mp4",
                    ".webm", ".wma", ".amr")
# After the stage comes the wake word ("00_wake-ok_nabu") or the speech-to-text engine
# ("01_stt-stt.faster_whisper"); older versions wrote plain "01_stt".
_HA_FILE = re.compile(r"^(?P<order>\d{2})_(?P<stage>wake|stt)(?:-(?P<what>.+))?\.wav$", re.I)
# Home Assistant device registry ids are uuid4 hex.
_HA_DEVICE_ID = re.compile(r"[0-9a-f]{32}", re.I)
# Files that are never recordings; not worth reading a header to find out.
_SKIP_EXTENSIONS = (".json", ".csv", ".txt", ".html", ".htm", ".md", ".jpg", ".jpeg", ".png",
                    ".gif", ".pdf", ".xml", ".ini", ".db", ".log")


class FolderImporter:
    name = "folder"

    def detect(self, source: ExportSource) -> int:
        return 30 if any(True for _ in _audio_entries(source, [])) else 0

    def records(self, source: ExportSource, problems: list[Problem]) -> Iterator[ClipRecord]:
        for entry, _ext in _audio_entries(source, problems):
            record = _record(entry, problems)
            if record is not None:
                yield record


importer = FolderImporter()


def _audio_entries(source: ExportSource,
                   problems: list[Problem]) -> Iterator[tuple[Entry, str]]:
    for e in source.entries:
        lower = e.name.lower()
        if lower.endswith(_SKIP_EXTENSIONS) or e.name.startswith("."):
            continue
        try:
            ext = sniff_audio(e.read(SNIFF_BYTES))
        except OSError as exc:
            problems.append(Problem(e.where, Msg("cannot be read ({error}); skipped",
                                                 error=exc)))
            continue
        if ext is not None:
            yield e, ext
        elif lower.endswith(AUDIO_EXTENSIONS):
            problems.append(Problem(e.where, Msg("has an audio file name but is not audio; "
                                                 "skipped")))


def _record(entry: Entry, problems: list[Problem]) -> ClipRecord | None:
    device, extra = _home_assistant_context(entry)
    parsed = time_from_filename(entry.name)
    if parsed is None and not extra:
        parsed = time_from_filename(entry.parent.rsplit("/", 1)[-1])
    if parsed is not None:
        when, approximate = parsed
        text = entry.name
    elif entry.mtime is not None:
        when, approximate, text = entry.mtime, True, f"file modified {entry.mtime.isoformat()}"
    else:
        problems.append(Problem(entry.where, Msg("the recording time is unknown; skipped")))
        return None
    return ClipRecord(vendor="folder", recorded_at=when, recorded_at_text=text,
                      time_approximate=approximate, source_path=entry.path, device=device,
                      audio=entry, extra=extra)


def _home_assistant_context(entry: Entry) -> tuple[str | None, dict[str, Any]]:
    m = _HA_FILE.match(entry.name)
    parts = entry.path.split("/")
    if not m or len(parts) < 3 or not parts[-2].isdigit():
        return None, {}
    extra: dict[str, Any] = {"source": "home_assistant", "stage": m.group("stage").lower(),
                             "run": parts[-2], "pipeline": parts[-3]}
    if m.group("what"):
        extra["wake_word" if extra["stage"] == "wake" else "stt_engine"] = m.group("what")
    # With a device the layout is <device_id>/<pipeline>/<run>/file; the export root may sit
    # above, so the device is the folder above the pipeline when that is a device id (the
    # folder of a zipped or copied `debug_recording_dir` without a device level is not).
    device = parts[-4] if len(parts) >= 4 and _HA_DEVICE_ID.fullmatch(parts[-4]) else None
    return device, extra
