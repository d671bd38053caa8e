"""Plain folders of recordings and Home Assistant debug recordings, written to disk for tests.

A plain folder mixes naming styles: a time in the name (`2024-01-05_21-30-00.wav`), epoch
milliseconds (`rec_1704562200000.ogg`) and no time at all (`kitchen 3.m4a`, where only the
file's mtime says when). Home Assistant's `assist_pipeline: debug_recording_dir` writes one
folder per pipeline run, named after `time.monotonic_ns()` (no wall-clock time):

    <dir>/<device_id>/<pipeline name>/<monotonic_ns>/00_wake-<wake word entity>.wav
                                                    /01_stt-<stt engine>.wav

and `<dir>/<pipeline name>/<monotonic_ns>/...` for runs without a device. Current Home
Assistant names the STT file `01_stt-<engine>.wav`; older releases wrote `01_stt.wav`.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from reviewer.testing.audio import SAMPLE_RATE, Samples, encode, noise, silence, wav_bytes
from reviewer.testing.google_exports import speech_clip

# A made-up but well-formed Home Assistant device id (32 hex digits).
DEFAULT_DEVICE_ID = "4c0b1a2e9d7f4b3c8e6a5d2f1b0c9e8a"
DEFAULT_PIPELINE = "Home Assistant"
DEFAULT_WAKE_WORD = "wake_word.openwakeword"
DEFAULT_STT_ENGINE = "stt.faster_whisper"


@dataclass
class Recording:
    """One file of a plain export: `name` is '/'-separated and may include subfolders."""

    name: str
    audio: bytes
    mtime: datetime | None = None  # aware; None leaves the write time


def _speech(file: str, lead_s: float = 0.3, seed: int = 0) -> Samples:
    """A committed speech clip with a little room noise, as a phone or speaker records it."""
    clip = np.concatenate([silence(lead_s), speech_clip(file).samples(), silence(0.3)])
    return (clip + noise(len(clip) / SAMPLE_RATE, 0.004, seed=seed)[: len(clip)]).clip(-1, 1)


def default_recordings() -> list[Recording]:
    """A folder as someone's recorder app leaves it: mixed formats and naming styles.

    The time in `2024-01-05_21-30-00.wav` has no zone (local time of the recorder);
    `rec_1704562200000.ogg` is epoch milliseconds (UTC); `kitchen 3.m4a` and `Voice 002.mp3`
    have no time in the name, only their mtime.
    """
    def at(month: int, day: int, hour: int, minute: int, second: int) -> datetime:
        return datetime(2024, month, day, hour, minute, second, tzinfo=UTC)

    return [
        Recording("2024-01-05_21-30-00.wav", encode(_speech("command_01.ogg", seed=1), "wav"),
                  at(1, 5, 21, 30, 4)),
        Recording("rec_1704562200000.ogg", encode(_speech("overheard_02.ogg", seed=2), "ogg"),
                  at(1, 6, 17, 30, 3)),
        Recording("kitchen 3.m4a", encode(_speech("wake_only_01.ogg", seed=3), "m4a"),
                  at(1, 6, 7, 15, 40)),
        Recording("20240106-181205.flac", encode(_speech("command_05.ogg", seed=4), "flac"),
                  at(1, 6, 18, 12, 9)),
        Recording("living room/Voice 002.mp3", encode(_speech("overheard_05.ogg", seed=5), "mp3"),
                  at(1, 7, 9, 41, 0)),
        Recording("living room/2024-01-07_22-03-51.wav", encode(noise(1.5, 0.05, seed=6), "wav"),
                  at(1, 7, 22, 3, 53)),
    ]


def write_folder(dest_dir: Path | str, recordings: Sequence[Recording], *,
                 name: str = "Voice Recordings", as_zip: bool = False) -> Path:
    """Write `recordings` to `dest_dir/name/` (or `dest_dir/name.zip`); return that path."""
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    if as_zip:
        return _write_zip(dest / f"{name}.zip", recordings)
    root = dest / name
    for rec in recordings:
        target = root / rec.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rec.audio)
        if rec.mtime is not None:
            os.utime(target, (rec.mtime.timestamp(), rec.mtime.timestamp()))
    return root


def _write_zip(path: Path, recordings: Sequence[Recording]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for rec in recordings:
            # Zip times carry no zone; zip tools store local time, here UTC for reproducibility.
            stamp = (rec.mtime or datetime(2024, 1, 8, tzinfo=UTC)).astimezone(UTC)
            info = zipfile.ZipInfo(rec.name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, rec.audio)
    return path


# --- Home Assistant debug recordings -------------------------------------------------------


@dataclass
class HARun:
    """One Assist pipeline run: the wake-word audio and the speech-to-text audio (16 kHz WAV).

    `time` (aware) is when the run started; on disk it survives only as the files' mtimes.
    Either audio may be None: a run that never heard its wake word has no STT file, and a run
    started by a button or a satellite that does its own wake word has no wake file.
    """

    time: datetime
    wake: bytes | None
    stt: bytes | None
    device_id: str | None = DEFAULT_DEVICE_ID
    pipeline: str = DEFAULT_PIPELINE


def make_ha_runs(n: int = 4, *, device_id: str | None = DEFAULT_DEVICE_ID,
                 start: datetime = datetime(2024, 2, 10, 18, 0, tzinfo=UTC)) -> list[HARun]:
    """`n` runs a few minutes apart, cycling through a command, overheard speech and noise."""
    stt_sources = ("command_01.ogg", "overheard_04.ogg", None, "command_07.ogg")
    runs = []
    for i in range(n):
        wake = wav_bytes(_speech(("wake_only_01.ogg", "wake_only_02.ogg")[i % 2], 0.8, seed=i))
        file = stt_sources[i % len(stt_sources)]
        stt = wav_bytes(_speech(file, 0.1, seed=100 + i) if file else noise(2.0, 0.05, seed=i))
        runs.append(HARun(start + timedelta(minutes=7 * i, seconds=13 * i), wake, stt, device_id))
    return runs


def ha_run_dir(run: HARun, boot: datetime) -> str:
    """The run's folder relative to `debug_recording_dir`: `[<device>/]<pipeline>/<ns>`."""
    ns = int((run.time - boot).total_seconds() * 1e9)
    # monotonic_ns values are never round; add sub-second noise fixed by the run time.
    ns += int.from_bytes(hashlib.sha256(run.time.isoformat().encode()).digest()[:3], "big")
    parts = [run.device_id] if run.device_id else []
    return "/".join([*parts, run.pipeline, str(ns)])


def write_ha_debug_recordings(dest_dir: Path | str, runs: Sequence[HARun], *,
                              wake_word: str = DEFAULT_WAKE_WORD,
                              stt_engine: str | None = DEFAULT_STT_ENGINE,
                              boot: datetime | None = None) -> Path:
    """Write runs as `debug_recording_dir` would and return that folder (`dest_dir`).

    `stt_engine=None` gives older Home Assistant's `01_stt.wav`. `boot` is when the host
    started (monotonic clock zero); default three days before the first run.
    """
    root = Path(dest_dir)
    root.mkdir(parents=True, exist_ok=True)
    zero = boot or (min((r.time for r in runs), default=datetime(2024, 1, 1, tzinfo=UTC))
                    - timedelta(days=3))
    stt_name = f"01_stt-{stt_engine}.wav" if stt_engine else "01_stt.wav"
    for run in runs:
        run_dir = root / ha_run_dir(run, zero)
        run_dir.mkdir(parents=True, exist_ok=True)
        written = run.time
        if run.wake is not None:
            written = _write_wav(run_dir / f"00_wake-{wake_word}.wav", run.wake, written)
        if run.stt is not None:
            _write_wav(run_dir / stt_name, run.stt, written)
    return root


def _write_wav(path: Path, data: bytes, started: datetime) -> datetime:
    """Write and date the file as HA does: mtime is when the recording ended."""
    seconds = max(0, len(data) - 44) / (2 * SAMPLE_RATE)
    ended = started + timedelta(seconds=seconds)
    path.write_bytes(data)
    os.utime(path, (ended.timestamp(), ended.timestamp()))
    return ended
