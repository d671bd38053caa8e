"""Exporting chosen clips: their recordings and a CSV of what is known about them, into a new
folder or a zip inside the folder the user chose (evidence to keep, or for a complaint).

Rules, and why:
- Nothing is written outside the chosen folder, and nothing there is overwritten: the export
  is one new entry (`voice-history-export-<time>` folder or `.zip`, with `-2`, `-3`… when the
  name is taken) created exclusively, and every name inside it is made here from the clip's
  number, time and vendor, never from export text (a device name or a file name from a vendor
  could hold `../` or characters a file system refuses).
- Until it is complete the export carries a `.part` name; a cancel or a failure removes it.
  So a folder or zip with the final name is always whole.
- The CSV keeps UTC (as the letters do) and the computer's local time beside it, and every
  cell goes through `spreadsheet_cell`: transcripts and device names are someone else's text.
- "wav": for players that cannot open the vendor's format. The samples come from the same
  PyAV decoder transcription uses (16 kHz mono, which is what a voice assistant records);
  the stdlib `wave` module writes them as 16-bit PCM. A recording that cannot be decoded is
  exported as its original file instead, and the report says so.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import wave
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

import numpy as np

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.decode import decode_audio
from reviewer.core.audio.probe import AudioError
from reviewer.core.messages import Msg
from reviewer.core.progress import CancelToken, Progress, ProgressCallback
from reviewer.core.safetext import spreadsheet_cell
from reviewer.core.views import ClipInfo, asks_vendor

AudioChoice = Literal["original", "wav"]
AUDIO_CHOICES: tuple[AudioChoice, ...] = ("original", "wav")
CSV_NAME = "clips.csv"
RECORDINGS = "recordings"
STEM = "voice-history-export"

# Stable column names: people open this in a spreadsheet, other tools read it.
EXPORT_COLUMNS = (
    "file", "clip_id", "recorded_at_utc", "recorded_at_local", "time_approximate",
    "time_unknown", "vendor", "account", "device", "duration_s", "vendor_transcript",
    "transcript_this_computer", "language", "score", "flagged", "action", "decision",
    "ask_vendor_to_delete", "original_format", "audio_sha256", "source_file", "source_record",
    "note")


class ClipExportError(Exception):
    """The export cannot be made (no clips, no folder, a folder inside the library); the
    message says why in plain words."""


@dataclass(frozen=True)
class ClipExportReport:
    path: Path | None  # the folder or zip written; None when cancelled
    clips: int  # rows in the CSV
    recordings: int  # audio files written
    without_audio: int  # clips whose export had no recording (listed, no file)
    problems: list[str] = field(default_factory=list)  # per clip, in words
    cancelled: bool = False


def export_clips(clips: Sequence[ClipInfo], audio_of: Callable[[ClipInfo], Path | None],
                 out_dir: Path, *, as_zip: bool = False, audio: AudioChoice = "original",
                 local_tz: tzinfo | None = None, library_dir: Path | None = None,
                 progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 now: datetime | None = None) -> ClipExportReport:
    """Write `clips` (recordings + `clips.csv`) as a new folder, or zip, inside `out_dir`.

    `audio_of(clip)` is the clip's recording in the library (None: it has none).
    `local_tz`: the time zone of the local-time column (default: this computer's)."""
    if audio not in AUDIO_CHOICES:
        raise ValueError(f"unknown audio choice {audio!r}")
    if not clips:
        raise ClipExportError(Msg("choose the clips to export first"))
    out_dir = _checked_folder(out_dir, library_dir)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    final = _free_name(out_dir, stamp, ".zip" if as_zip else "")
    partial = final.with_name(final.name + ".part")
    sink: _Sink = _ZipSink(partial) if as_zip else _FolderSink(partial)
    rows: list[list[str]] = []
    problems: list[str] = []
    written = missing = 0
    total = len(clips)
    try:
        for n, clip in enumerate(clips, start=1):
            if cancel is not None and cancel.cancelled:
                sink.discard()
                return ClipExportReport(None, 0, 0, 0, [], cancelled=True)
            source = audio_of(clip)
            name, note = _write_recording(sink, n, clip, source, audio)
            if name is None:
                missing += 1
            else:
                written += 1
            if note and source is not None:  # no recording at all is counted, not a problem
                problems.append(f"clip {clip.id}: {note}")
            rows.append(_row(clip, name, note, local_tz))
            if progress is not None:
                progress(Progress("export", "Exporting clips", n, total))
        sink.write_text(CSV_NAME, _csv(rows))
        sink.close()
        partial.rename(final)
    except BaseException:
        sink.discard()
        raise
    return ClipExportReport(final, len(rows), written, missing, problems)


# --- where -----------------------------------------------------------------------------------

def _checked_folder(out_dir: Path, library_dir: Path | None) -> Path:
    try:
        real = out_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ClipExportError(Msg("the folder {folder} does not exist",
                                  folder=out_dir)) from None
    if not real.is_dir():
        raise ClipExportError(Msg("{folder} is not a folder", folder=out_dir))
    if library_dir is not None:
        library = library_dir.resolve()
        if real == library or library in real.parents:
            raise ClipExportError(Msg(
                "{folder} is inside the library folder ({library}); choose a folder of your "
                "own, such as Documents", folder=out_dir, library=library_dir))
    return real


def _free_name(out_dir: Path, stamp: str, suffix: str) -> Path:
    """A name for the export that neither it nor its `.part` uses yet."""
    for n in range(1, 10_000):
        name = f"{STEM}-{stamp}{'' if n == 1 else f'-{n}'}{suffix}"
        candidate = out_dir / name
        if not os.path.lexists(candidate) and not os.path.lexists(f"{candidate}.part"):
            return candidate
    raise ClipExportError(Msg("{folder} already holds too many exports named {name}",
                              folder=out_dir, name=f"{STEM}-{stamp}"))


# --- what ------------------------------------------------------------------------------------

def _file_name(n: int, clip: ClipInfo, ext: str) -> str:
    """Only digits, ASCII letters, `-` and `_`: safe on every file system and in every zip
    tool, sorted by number, which is the CSV's order."""
    when = "time-unknown" if clip.time_unknown else \
        clip.recorded_at.astimezone(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    vendor = "".join(ch for ch in clip.vendor if ch.isascii() and ch.isalnum())[:16] or "clip"
    ext = "".join(ch for ch in ext.lower() if ch.isascii() and ch.isalnum())[:5] or "audio"
    return f"{n:05d}_{when}_{vendor}_{clip.id}.{ext}"


def _write_recording(sink: _Sink, n: int, clip: ClipInfo, source: Path | None,
                     audio: AudioChoice) -> tuple[str | None, str]:
    """(the recording's path inside the export, or None; a note for the user, or "")."""
    if source is None:
        return None, "the export had no recording of this clip"
    if not source.is_file():
        return None, "its recording is missing from the library folder"
    if audio == "wav":
        try:
            samples = decode_audio(source)
        except AudioError as exc:
            note = f"could not be converted to WAV ({exc}); the original file is exported"
        else:
            name = f"{RECORDINGS}/{_file_name(n, clip, 'wav')}"
            sink.write_bytes(name, _wav_bytes(samples))
            return name, ""
    else:
        note = ""
    name = f"{RECORDINGS}/{_file_name(n, clip, clip.audio_format or source.suffix)}"
    sink.copy(name, source)
    return name, note


def _wav_bytes(samples: np.ndarray) -> bytes:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def _row(clip: ClipInfo, name: str | None, note: str, local_tz: tzinfo | None) -> list[str]:
    utc = clip.recorded_at.astimezone(UTC)
    local = utc.astimezone(local_tz) if local_tz is not None else utc.astimezone()
    known = not clip.time_unknown
    values = {
        "file": name or "", "clip_id": str(clip.id),
        "recorded_at_utc": utc.strftime("%Y-%m-%d %H:%M:%S UTC") if known else "",
        "recorded_at_local": local.strftime("%Y-%m-%d %H:%M:%S %z") if known else "",
        "time_approximate": _yes(clip.time_approximate), "time_unknown": _yes(clip.time_unknown),
        "vendor": clip.vendor, "account": clip.account or "", "device": clip.device or "",
        "duration_s": f"{clip.duration_s:.2f}" if clip.duration_s is not None else "",
        "vendor_transcript": clip.vendor_transcript or "",
        "transcript_this_computer": clip.transcript or "", "language": clip.language or "",
        "score": "" if clip.score is None else str(clip.score),
        "flagged": "" if clip.flagged is None else _yes(clip.flagged),
        "action": clip.action_text or clip.action or "", "decision": clip.decision or "",
        "ask_vendor_to_delete": _yes(asks_vendor(clip)),
        "original_format": clip.audio_format or "", "audio_sha256": clip.audio_sha256 or "",
        "source_file": clip.source_path, "source_record": clip.record_path or "",
        "note": note,
    }
    return [spreadsheet_cell(values[col]) for col in EXPORT_COLUMNS]


def _yes(value: bool | None) -> str:
    return "yes" if value else "no"


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)  # RFC 4180, CRLF
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(rows)
    return buf.getvalue()


# --- into a folder or a zip -------------------------------------------------------------------

class _Sink:
    def write_bytes(self, name: str, data: bytes) -> None:
        raise NotImplementedError

    def write_text(self, name: str, text: str) -> None:
        # UTF-8 with a byte-order mark: spreadsheets then read accents and umlauts right.
        self.write_bytes(name, b"\xef\xbb\xbf" + text.encode("utf-8"))

    def copy(self, name: str, source: Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError


class _FolderSink(_Sink):
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()  # exclusive: the name was free a moment ago, and must still be
        (root / RECORDINGS).mkdir()

    def _target(self, name: str) -> Path:
        target = self.root / name
        if target.parent not in (self.root, self.root / RECORDINGS):
            raise ValueError(f"refusing to write {name!r} outside the export")
        return target

    def write_bytes(self, name: str, data: bytes) -> None:
        with self._target(name).open("xb") as f:  # "x": never through an existing entry
            f.write(data)

    def copy(self, name: str, source: Path) -> None:
        with source.open("rb") as src, self._target(name).open("xb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def close(self) -> None:
        pass

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class _ZipSink(_Sink):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("xb")
        self.zip = zipfile.ZipFile(self.file, "w")

    def write_bytes(self, name: str, data: bytes) -> None:
        # Vendor audio is compressed already; WAV and CSV are not.
        method = zipfile.ZIP_DEFLATED if name.endswith((".wav", ".csv")) else zipfile.ZIP_STORED
        self.zip.writestr(name, data, compress_type=method)

    def copy(self, name: str, source: Path) -> None:
        with source.open("rb") as src, self.zip.open(name, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def close(self) -> None:
        self.zip.close()
        self.file.close()

    def discard(self) -> None:
        with contextlib.suppress(Exception):  # a half-written zip is removed anyway
            self.zip.close()
        self.file.close()
        self.path.unlink(missing_ok=True)


__all__ = ["AUDIO_CHOICES", "CSV_NAME", "EXPORT_COLUMNS", "AudioChoice", "ClipExportError",
           "ClipExportReport", "export_clips"]
