"""Issue 11 item 11: a recording hours long neither kills the worker nor every later run.

A 3-hour recording took the worker to a 4.97 GB peak (decoded whole, then VAD and Whisper
over all of it); under 2.5 GB it was killed on every run, and since the clip never got an
error record each rerun died on it again. Now long files are streamed in ~10-minute windows
(`reviewer.core.transcribe.long_audio`), and a clip the worker dies on twice, alone, gets an
error transcript and is skipped from then on.

The 3-hour measurement takes minutes (generating the recording with sox, then VAD over three
hours): it runs with `./dev chaos` (REVIEWER_CHAOS=1), the rest in every `./dev test`.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from reviewer.core.audio.decode import decode_audio
from reviewer.core.library import Library
from reviewer.resources import sample_export_path
from tests.test_cli import _env, assert_no_traceback, cli

SPEECH = Path(__file__).resolve().parents[2] / "reviewer" / "testing" / "data" / "speech"
DRIVERS = Path(__file__).with_name("_drivers.py")
RATE = 16_000


def _write_long_wav(path: Path, minutes: float, speech_at_s: list[float]) -> None:
    """Quiet noise with real speech at the given times, written a minute at a time."""
    clips = [decode_audio(SPEECH / name) for name in ("command_01.ogg", "overheard_02.ogg")]
    rng = np.random.default_rng(11)
    total = int(minutes * 60 * RATE)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        for start in range(0, total, 60 * RATE):
            n = min(60 * RATE, total - start)
            block = rng.normal(0, 0.002, n).astype(np.float32)
            for k, at in enumerate(speech_at_s):
                clip = clips[k % len(clips)]
                first = int(at * RATE) - start
                lo, hi = max(first, 0), min(first + len(clip), n)
                if lo < hi:
                    block[lo:hi] += clip[lo - first:hi - first]
            w.writeframes((np.clip(block, -1, 1) * 32767).astype("<i2").tobytes())


@pytest.mark.slow
def test_long_recording_is_transcribed_in_windows(library: Library, tmp_path: Path) -> None:
    export = tmp_path / "recordings"
    export.mkdir()
    speech_at = [30.0, 640.0, 1250.0]  # one in each 10-minute window
    _write_long_wav(export / "2024-01-05_21-30-00.wav", 21, speech_at)
    assert (export / "2024-01-05_21-30-00.wav").stat().st_size > 16 * 1024 * 1024
    library.import_export([export])
    report = library.transcribe()
    assert report.errors == [] and report.done == 1
    [clip_id] = library.clip_ids()
    [t] = library.transcripts(clip_id)
    assert t.settings["windows"] == 3
    assert abs((t.audio_duration_s or 0) - 21 * 60) < 1
    assert "kitchen lights" in (t.text or "").lower()
    assert "election" in (t.text or "").lower()
    # Times refer to the whole recording: each window's speech where it was put.
    for at in speech_at:
        assert any(at - 1 <= seg["start"] <= at + 4 for seg in t.segments), (at, t.segments)
    assert t.audio_levels["active_ratio"] < 0.05  # mostly quiet, measured across windows


def test_a_clip_that_kills_the_worker_is_skipped_from_then_on(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "library"
    assert cli(data, "import", str(sample_export_path()), env=env).code == 0
    con = sqlite3.connect(data / "library.sqlite3")
    try:
        killer_id, rel, total = con.execute(
            "SELECT id, audio_path, (SELECT count(*) FROM clips WHERE audio_path IS NOT NULL) "
            "FROM clips WHERE audio_path IS NOT NULL ORDER BY id LIMIT 1 OFFSET 2").fetchone()
    finally:
        con.close()
    # The worker SIGKILLs itself whenever it starts on this recording, as the kernel's
    # out-of-memory killer did with the 3-hour one.
    env["REVIEWER_TEST_KILL_AT"] = f"transcribe:{Path(rel).name}"
    first = cli(data, "transcribe", env=env)
    assert first.code == 0, first.err
    assert_no_traceback(first)
    assert f"clip {killer_id}: the transcription worker stopped on this recording" in first.out
    assert f"errors: 1 of {total}" in first.out
    again = cli(data, "transcribe", env=env)
    assert again.code == 0 and "Nothing to transcribe" in again.out, again.out + again.err


@pytest.mark.skipif(not os.environ.get("REVIEWER_CHAOS"),
                    reason="the 3-hour recording takes minutes: run ./dev chaos")
@pytest.mark.skipif(shutil.which("sox") is None or not sys.platform.startswith("linux"),
                    reason="needs sox (to make an Ogg Vorbis recording) and /proc")
@pytest.mark.timeout(7200)  # above the suite's per-test limit: the worker alone may take 3600 s
def test_three_hour_recording_stays_under_1_gb(tmp_path: Path) -> None:
    wav = tmp_path / "long.wav"
    _write_long_wav(wav, 181, [30.0 + 600.0 * k for k in range(18)])
    ogg = tmp_path / "long.ogg"  # compressed, as exports carry audio
    subprocess.run(["sox", str(wav), str(ogg)], check=True)
    wav.unlink()
    run = subprocess.run([sys.executable, str(DRIVERS), "worker-rss", str(tmp_path / "cache"),
                          str(ogg)], capture_output=True, text=True, check=True, timeout=3600)
    out = json.loads(run.stdout)
    result = out["result"]
    assert result["type"] == "result", result
    assert result["transcript"]["settings"]["windows"] >= 18
    assert abs(result["transcript"]["duration"] - 181 * 60) < 2
    print(f"3-hour recording ({ogg.stat().st_size / 1e6:.0f} MB Ogg): worker peak RSS "
          f"{out['peak_mb']:.0f} MB, {out['elapsed_s']:.0f} s")
    assert out["peak_mb"] < 1024
