"""Plain folders (and zips) of recordings and Home Assistant debug recordings, imported as a
user would: `Library.import_export`, then `Library.clips`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewer.core.importers.detect import choose_importer
from reviewer.core.importers.pipeline import ImportReport
from reviewer.core.importers.records import Problem
from reviewer.core.importers.source import ExportError, open_export
from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Clip
from reviewer.testing import alexa_exports as ax
from reviewer.testing import google_exports as gx
from reviewer.testing.audio import encode, noise, tone
from reviewer.testing.folder_exports import (
    DEFAULT_DEVICE_ID,
    DEFAULT_PIPELINE,
    DEFAULT_STT_ENGINE,
    DEFAULT_WAKE_WORD,
    HARun,
    Recording,
    default_recordings,
    ha_run_dir,
    make_ha_runs,
    write_folder,
    write_ha_debug_recordings,
)
from tests.conftest import tree_hashes

FOLDER_SCORES = {"google": 0, "amazon": 0, "folder": 30}


def do_import(library: Library, paths: Sequence[Path]) -> tuple[ImportReport, list[Clip]]:
    before = {str(p): tree_hashes(p) for p in paths}
    report = library.import_export(list(paths))
    assert {str(p): tree_hashes(p) for p in paths} == before  # the export is left as it was
    return report, library.clips(ClipQuery(import_id=report.import_id))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seconds_of(data: bytes) -> float:
    """Length by an independent decoder (PyAV resampled to 16 kHz), not the importer's probe."""
    return len(gx.decode_audio(data)) / 16_000


def assert_stored(library: Library, clip: Clip, data: bytes, fmt: str) -> None:
    assert clip.audio_sha256 == sha(data)
    assert clip.audio_size == len(data)
    assert clip.audio_format == fmt
    assert clip.audio_path == f"audio/{sha(data)[:2]}/{sha(data)}.{fmt}"
    stored = library.audio_path(clip)
    assert stored is not None and stored.read_bytes() == data


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
        microsecond: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


# name -> (recorded_at, time_approximate, recorded_at_text, format)
DEFAULT_EXPECTED = {
    "2024-01-05_21-30-00.wav": (utc(2024, 1, 5, 21, 30), True, "2024-01-05_21-30-00.wav", "wav"),
    "kitchen 3.m4a": (utc(2024, 1, 6, 7, 15, 40), True,
                      "file modified 2024-01-06T07:15:40+00:00", "m4a"),
    "rec_1704562200000.ogg": (utc(2024, 1, 6, 17, 30), False, "rec_1704562200000.ogg", "ogg"),
    "20240106-181205.flac": (utc(2024, 1, 6, 18, 12, 5), True, "20240106-181205.flac", "flac"),
    "living room/Voice 002.mp3": (utc(2024, 1, 7, 9, 41), True,
                                  "file modified 2024-01-07T09:41:00+00:00", "mp3"),
    "living room/2024-01-07_22-03-51.wav": (utc(2024, 1, 7, 22, 3, 51), True,
                                            "2024-01-07_22-03-51.wav", "wav"),
}


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_plain_folder_of_recordings(tmp_path: Path, library: Library, as_zip: bool) -> None:
    recordings = default_recordings()
    path = write_folder(tmp_path, recordings, as_zip=as_zip)

    report, clips = do_import(library, [path])

    assert (report.format, report.format_forced) == ("folder", False)
    assert report.detection_scores == FOLDER_SCORES
    assert report.problems == []
    assert (report.records_found, report.clips_new, report.clips_without_audio) == (6, 6, 0)
    # Oldest first, by the times below.
    assert [c.source_path for c in clips] == list(DEFAULT_EXPECTED)
    data = {r.name: r.audio for r in recordings}
    for clip in clips:
        when, approximate, text, fmt = DEFAULT_EXPECTED[clip.source_path]
        assert clip.vendor == "folder"
        assert clip.recorded_at == when
        assert clip.time_approximate is approximate
        assert clip.recorded_at_text == text
        assert clip.status == "ready" and clip.status_detail is None
        assert clip.vendor_id is None and clip.vendor_transcript is None
        assert clip.device is None and clip.record_path is None
        assert clip.vendor_extra == {}
        assert clip.duration_s == pytest.approx(seconds_of(data[clip.source_path]), abs=0.1)
        assert_stored(library, clip, data[clip.source_path], fmt)
    assert clips[-1].duration_s == pytest.approx(1.5, abs=0.01)  # the 1.5 s noise WAV


def test_time_from_the_name_beats_the_file_date(tmp_path: Path, library: Library) -> None:
    mtime = utc(2024, 5, 1, 12, 0)
    wav = [encode(tone(0.5, 300 + 50 * i), "wav") for i in range(4)]
    root = write_folder(tmp_path, [
        Recording("2024-02-01_10_00_00_250_UTC.wav", wav[0], mtime),  # zone in the name: exact
        Recording("2024-02-02 07-45-10/recording.wav", wav[1], mtime),  # time in the folder
        Recording("memo 12.wav", wav[2], mtime),  # no time at all: the file date
        Recording("call_1706868000000.wav", wav[3], mtime),  # epoch milliseconds: exact UTC
    ])

    _report, clips = do_import(library, [root])

    got = {c.source_path: (c.recorded_at, c.time_approximate) for c in clips}
    assert got == {
        "2024-02-01_10_00_00_250_UTC.wav": (utc(2024, 2, 1, 10, 0, 0, 250_000), False),
        "2024-02-02 07-45-10/recording.wav": (utc(2024, 2, 2, 7, 45, 10), True),
        "memo 12.wav": (mtime, True),
        "call_1706868000000.wav": (utc(2024, 2, 2, 10, 0), False),
    }


def test_non_audio_with_an_audio_name_is_reported(tmp_path: Path, library: Library) -> None:
    good = encode(tone(0.4), "wav")
    root = write_folder(tmp_path, [
        Recording("good.wav", good, utc(2024, 3, 1, 8)),
        Recording("broken.wav", b"This was never a recording.\n" * 10, utc(2024, 3, 1, 9)),
        Recording("sub/truncated.mp3", b"", utc(2024, 3, 1, 9)),
        Recording("notes.txt", b"shopping list\n", utc(2024, 3, 1, 9)),
        Recording(".DS_Store", b"\x00\x00\x00\x01Bud1", utc(2024, 3, 1, 9)),
    ])

    report, clips = do_import(library, [root])

    assert [c.source_path for c in clips] == ["good.wav"]
    assert_stored(library, clips[0], good, "wav")
    assert report.problems == [
        Problem(f"{root}: broken.wav", "has an audio file name but is not audio; skipped"),
        Problem(f"{root}: sub/truncated.mp3", "has an audio file name but is not audio; skipped"),
    ]


def test_audio_with_a_wrong_extension_is_found_by_content(tmp_path: Path,
                                                          library: Library) -> None:
    ogg = encode(noise(0.8, 0.1, seed=1), "ogg")
    flac = encode(tone(0.6, 500), "flac")
    wav = encode(tone(0.7, 700), "wav")
    root = write_folder(tmp_path, [
        Recording("clip 1.mp3", ogg, utc(2024, 3, 2, 8)),  # Ogg Opus named .mp3
        Recording("voice", flac, utc(2024, 3, 2, 9)),  # no extension at all
        Recording("export/recording.dat", wav, utc(2024, 3, 2, 10)),
    ])

    report, clips = do_import(library, [root])

    assert report.problems == []
    assert [(c.source_path, c.audio_format, c.status) for c in clips] == [
        ("clip 1.mp3", "ogg", "ready"), ("voice", "flac", "ready"),
        ("export/recording.dat", "wav", "ready")]
    assert_stored(library, clips[0], ogg, "ogg")
    assert_stored(library, clips[1], flac, "flac")
    assert_stored(library, clips[2], wav, "wav")
    assert clips[2].duration_s == pytest.approx(0.7, abs=0.001)


# ---------------------------------------------------------------------------------------------
# Home Assistant `debug_recording_dir`


@pytest.fixture(scope="module")
def ha_runs() -> list[HARun]:
    return make_ha_runs(2)


def expected_ha(runs: Sequence[HARun], device: str | None,
                stt_engine: str | None) -> dict[str, tuple[str | None, dict[str, str]]]:
    """Logical path -> (device, vendor_extra) for every file the runs wrote."""
    boot = min(r.time for r in runs) - timedelta(days=3)
    stt_file = f"01_stt-{stt_engine}.wav" if stt_engine else "01_stt.wav"
    out: dict[str, tuple[str | None, dict[str, str]]] = {}
    for run in runs:
        run_dir = ha_run_dir(HARun(run.time, run.wake, run.stt, device, run.pipeline), boot)
        ns = run_dir.rsplit("/", 1)[-1]
        base = {"source": "home_assistant", "run": ns, "pipeline": DEFAULT_PIPELINE}
        out[f"{run_dir}/00_wake-{DEFAULT_WAKE_WORD}.wav"] = (
            device, {**base, "stage": "wake", "wake_word": DEFAULT_WAKE_WORD})
        stt_extra = {**base, "stage": "stt"}
        if stt_engine:
            stt_extra["stt_engine"] = stt_engine
        out[f"{run_dir}/{stt_file}"] = (device, stt_extra)
    return out


@pytest.mark.parametrize("device", [DEFAULT_DEVICE_ID, None], ids=["device", "no_device"])
@pytest.mark.parametrize("stt_engine", [DEFAULT_STT_ENGINE, None], ids=["stt_named", "stt_old"])
@pytest.mark.parametrize("given", ["debug_dir", "folder_above"])
def test_home_assistant_debug_recordings(tmp_path: Path, library: Library, ha_runs: list[HARun],
                                         device: str | None, stt_engine: str | None,
                                         given: str) -> None:
    runs = [HARun(r.time, r.wake, r.stt, device, r.pipeline) for r in ha_runs]
    debug_dir = write_ha_debug_recordings(tmp_path / "share" / "assist_pipeline", runs,
                                          stt_engine=stt_engine)
    # A user may pick the configured folder itself, or the folder that holds it.
    given_path = debug_dir if given == "debug_dir" else debug_dir.parent
    prefix = "" if given == "debug_dir" else "assist_pipeline/"
    expected = {prefix + k: v for k, v in expected_ha(runs, device, stt_engine).items()}

    report, clips = do_import(library, [given_path])

    assert report.format == "folder" and report.detection_scores == FOLDER_SCORES
    assert report.problems == []
    assert len(clips) == 4
    assert {c.source_path for c in clips} == set(expected)
    for clip in clips:
        want_device, want_extra = expected[clip.source_path]
        assert clip.device == want_device
        assert clip.vendor_extra == want_extra
        # No wall-clock time in the names: the file date (when recording ended), approximate.
        on_disk = given_path / clip.source_path
        mtime = datetime.fromtimestamp(on_disk.stat().st_mtime, UTC)
        assert clip.recorded_at == mtime
        assert clip.time_approximate is True
        assert clip.recorded_at_text == f"file modified {mtime.isoformat()}"
        assert_stored(library, clip, on_disk.read_bytes(), "wav")
        assert clip.duration_s == pytest.approx((on_disk.stat().st_size - 44) / 32_000,
                                                abs=0.001)
    # Wake word, then speech, for each run in order.
    assert [c.vendor_extra["stage"] for c in clips] == ["wake", "stt", "wake", "stt"]
    assert clips[0].recorded_at > runs[0].time
    assert clips[1].recorded_at - clips[0].recorded_at == pytest.approx(
        timedelta(seconds=clips[1].duration_s or 0), abs=timedelta(milliseconds=1))
    if device:
        assert library.info().imports[0].devices == [device]
        assert len(library.clips(ClipQuery(device=device))) == 4
    else:
        assert library.info().imports[0].devices == []


def test_home_assistant_recordings_in_a_zip(tmp_path: Path, library: Library,
                                            ha_runs: list[HARun]) -> None:
    """Zipped with the folder's own name at the top, as a file manager zips a folder."""
    expected = expected_ha(ha_runs, DEFAULT_DEVICE_ID, DEFAULT_STT_ENGINE)
    debug_dir = write_ha_debug_recordings(tmp_path / "debug", ha_runs)
    recordings = []
    for rel in expected:
        p = debug_dir / rel
        mtime = datetime.fromtimestamp(p.stat().st_mtime, UTC)
        recordings.append(Recording(f"debug/{rel}", p.read_bytes(), mtime))
    path = write_folder(tmp_path, recordings, name="ha-recordings", as_zip=True)

    report, clips = do_import(library, [path])

    assert report.problems == []
    assert {c.source_path for c in clips} == {f"debug/{k}" for k in expected}
    for clip in clips:
        device, extra = expected[clip.source_path.removeprefix("debug/")]
        assert (clip.device, clip.vendor_extra) == (device, extra)
        assert clip.time_approximate is True


# ---------------------------------------------------------------------------------------------
# No audio at all; detection


@pytest.mark.parametrize("content", ["documents", "empty"])
def test_folder_without_audio_is_a_clear_error(tmp_path: Path, library: Library,
                                               content: str) -> None:
    root = tmp_path / "Downloads"
    root.mkdir()
    if content == "documents":
        (root / "readme.md").write_text("# my notes\n")
        (root / "notes.txt").write_text("nothing to see\n")
        (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
        (root / "data.bin").write_bytes(os.urandom(300))
    with pytest.raises(ExportError) as info:
        library.import_export([root])
    assert str(info.value) == (
        f"{root}: no voice history found. This does not look like a Google Takeout "
        "(My Activity > Assistant), an Amazon Alexa data export, or a folder of recordings.")
    assert library.info().imports == []
    assert library.clips() == []


def _folder_export(tmp: Path) -> Path:
    return write_folder(tmp, default_recordings()[:2])


def _ha_export(tmp: Path) -> Path:
    return write_ha_debug_recordings(tmp / "ha", make_ha_runs(1))


def _takeout_zip(tmp: Path) -> Path:
    entries = gx.make_entries(3, seed=1)
    return gx.write_takeout(tmp, entries, as_zip=True)[0]


def _takeout_html(tmp: Path) -> Path:
    return gx.write_takeout(tmp, gx.make_entries(3, seed=1), layout="html", locale="de")[0]


def _alexa_zip(tmp: Path) -> Path:
    return ax.write_history_json_export(tmp, form="zip").path


@pytest.mark.parametrize(("build", "chosen", "scores"), [
    (_folder_export, "folder", FOLDER_SCORES),
    (_ha_export, "folder", FOLDER_SCORES),
    (_takeout_zip, "google", {"google": 95, "amazon": 0, "folder": 30}),
    (_takeout_html, "google", {"google": 95, "amazon": 0, "folder": 30}),
    (_alexa_zip, "amazon", {"google": 0, "amazon": 95, "folder": 30}),
], ids=["folder", "home_assistant", "takeout_json", "takeout_html", "alexa"])
def test_detection_scores(tmp_path: Path, build: Callable[[Path], Path], chosen: str,
                          scores: dict[str, int]) -> None:
    path = build(tmp_path)
    with open_export([path]) as source:
        detection = choose_importer(source)
    assert detection.importer.name == chosen
    assert detection.forced is False
    assert detection.scores == scores
