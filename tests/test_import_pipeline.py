"""The import use case end to end: dedup, overlap, read-only export, cancel and resume."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.core.importers.source import ExportError, Limits
from reviewer.core.library import ClipQuery, Library
from reviewer.core.progress import CancelToken, Progress
from reviewer.core.store import ClipStatus, ImportRecord
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.conftest import tree_hashes


def _keys(library: Library) -> list[str]:
    return sorted(c.vendor_id or "" for c in library.clips())


def test_same_export_twice_adds_nothing(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(20), as_zip=True)
    first = library.import_export([export])
    assert (first.clips_new, first.clips_existing) == (20, 0)
    second = library.import_export([export])
    assert (second.clips_new, second.clips_existing) == (0, 20)
    assert library.count_clips() == 20


def test_overlapping_exports_add_only_what_is_new(library: Library, tmp_path: Path) -> None:
    entries = make_entries(30)
    [a] = write_takeout(tmp_path / "a", entries[:20], as_zip=True)
    [b] = write_takeout(tmp_path / "b", entries[10:], as_zip=True)
    assert library.import_export([a]).clips_new == 20
    report = library.import_export([b])
    assert (report.clips_new, report.clips_existing) == (10, 10)
    assert _keys(library) == sorted(e.file_name or "" for e in entries)


def test_export_is_only_read_and_nothing_written_outside_library(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exports = write_takeout(tmp_path / "dl", make_entries(12), as_zip=True, parts=3)
    scratch = tmp_path / "system-tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    before = {p: tree_hashes(p) for p in exports}
    outside_before = sorted(p for p in tmp_path.rglob("*")
                            if not p.is_relative_to(library.paths.data_dir))
    report = library.import_export([exports[0]])
    assert report.clips_new == 12
    assert {p: tree_hashes(p) for p in exports} == before
    outside_after = sorted(p for p in tmp_path.rglob("*")
                           if not p.is_relative_to(library.paths.data_dir))
    assert outside_after == outside_before
    assert list(scratch.iterdir()) == []


def test_stored_audio_is_the_exports_bytes(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(5), as_zip=False)
    library.import_export([export])
    originals = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in export.rglob("*.mp3")}
    for clip in library.clips():
        path = library.audio_path(clip)
        assert path is not None and path.is_file()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == clip.audio_sha256
        assert originals[clip.vendor_id or ""] == clip.audio_sha256
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_progress_is_structured_and_complete(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(40), as_zip=True)
    seen: list[Progress] = []
    library.import_export([export], progress=seen.append)
    assert seen and all(p.job == "import" for p in seen)
    last = seen[-1]
    assert (last.done, last.total) == (40, 40)
    assert last.counts["new"] == 40


def test_cancel_keeps_what_was_done_and_rerun_resumes(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(300), as_zip=True)
    cancel = CancelToken()

    def stop_midway(p: Progress) -> None:
        if p.phase == "Importing clips" and p.done >= 100:
            cancel.cancel()

    first = library.import_export([export], progress=stop_midway, cancel=cancel)
    assert first.cancelled
    partial = library.count_clips()
    assert 100 <= partial < 300
    second = library.import_export([export])
    assert not second.cancelled and second.resumed
    assert second.import_id == first.import_id
    assert second.clips_new == 300 - partial
    assert library.count_clips() == 300
    with library.store.session() as s:
        records = s.query(ImportRecord).all()
        assert [(r.status, r.clips_new) for r in records] == [("complete", 300)]


def test_corrupt_audio_is_kept_and_reported(library: Library, tmp_path: Path) -> None:
    entries = make_entries(3)
    broken = entries[1]
    broken.audio = b"ID3" + bytes(7) + os.urandom(2000)
    [export] = write_takeout(tmp_path / "dl", entries, as_zip=True)
    report = library.import_export([export])
    assert report.clips_new == 3 and report.audio_errors == 1
    [bad] = [c for c in library.clips() if c.status == ClipStatus.AUDIO_ERROR]
    assert bad.vendor_id == broken.file_name
    assert bad.status_detail and "cannot be decoded" in bad.status_detail
    assert bad.audio_path is not None  # the user's bytes are kept all the same
    assert any(broken.file_name in p.where for p in report.problems)


def test_hostile_entries_are_reported_and_the_rest_imports(library: Library,
                                                           tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(4), as_zip=True)
    with zipfile.ZipFile(export, "a") as zf:
        zf.writestr("../../evil.mp3", b"x" * 100)
        zf.writestr("/etc/cron.d/evil", b"x")
        link = zipfile.ZipInfo("Takeout/link.mp3")
        link.create_system = 3
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    report = library.import_export([export])
    assert report.clips_new == 4
    reasons = {p.where.split(": ", 1)[1]: p.reason for p in report.skipped}
    assert "outside the archive" in reasons["../../evil.mp3"]
    assert "absolute path" in reasons["/etc/cron.d/evil"]
    assert "symbolic link" in reasons["Takeout/link.mp3"]
    assert not (tmp_path / "evil.mp3").exists()


def test_zip_bomb_is_refused_with_a_clear_message(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(2), as_zip=True)
    with zipfile.ZipFile(export, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Takeout/My Activity/Assistant/bomb.mp3", b"\0" * (8 * 1024 * 1024))
    report = library.import_export([export], limits=Limits(ratio_floor_bytes=1024 * 1024))
    assert report.clips_new == 2
    assert any("zip bomb" in p.reason for p in report.skipped)
    with pytest.raises(ExportError, match="zip bomb"):
        library.import_export([export], limits=Limits(max_total_bytes=1024 * 1024, max_ratio=1e9))


def test_unrecognised_export_is_a_clear_error(library: Library, tmp_path: Path) -> None:
    d = tmp_path / "notes"
    d.mkdir()
    (d / "todo.txt").write_text("buy milk")
    with pytest.raises(ExportError, match="no voice history found"):
        library.import_export([d])
    assert library.count_clips() == 0


def test_import_report_is_kept_with_the_import(library: Library, tmp_path: Path) -> None:
    entries = make_entries(3)
    entries[0].audio_name = "missing.mp3"
    files_dir = tmp_path / "dl"
    [export] = write_takeout(files_dir, entries, as_zip=False)
    next(export.rglob("missing.mp3")).unlink()
    library.import_export([export])
    info = library.info()
    [summary] = info.imports
    assert summary.clips == 3 and summary.with_audio == 2 and summary.problems == 1
    with library.store.session() as s:
        rec = s.get(ImportRecord, summary.id)
        assert rec is not None
        assert rec.report["problems"][0]["severity"] == "warning"
        assert "missing.mp3" in rec.report["problems"][0]["reason"]
        json.dumps(rec.report)


def test_list_filters(library: Library, tmp_path: Path) -> None:
    entries = make_entries(10, start=datetime(2024, 1, 1, 12, tzinfo=UTC))
    [export] = write_takeout(tmp_path / "dl", entries, as_zip=True)
    library.import_export([export])
    times = sorted(c.recorded_at for c in library.clips())
    middle = times[5]
    assert library.count_clips(ClipQuery(since=middle)) == 5
    assert library.count_clips(ClipQuery(until=middle)) == 5
    assert library.count_clips(ClipQuery(flagged=True)) == 0
    assert len(library.clips(ClipQuery(limit=3, offset=2))) == 3


def test_audio_from_a_part_imported_later_is_added_to_existing_clips(
        library: Library, tmp_path: Path) -> None:
    entries = make_entries(12)
    parts = write_takeout(tmp_path / "dl", entries, as_zip=False, parts=3)
    json_part = next(p for p in parts if list(p.rglob("*.json")))
    first = library.import_export([json_part])
    missing = first.clips_without_audio
    assert missing > 0
    second = library.import_export(parts)
    assert second.clips_new == 0
    assert second.audio_added == missing
    with_audio = [c for c in library.clips() if c.audio_path]
    assert len(with_audio) == sum(1 for e in entries if e.file_name)
    assert all(c.status == ClipStatus.READY and c.duration_s for c in with_audio)


def test_forcing_a_format_the_export_is_not_warns(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(3), as_zip=True)
    report = library.import_export([export], forced_format="alexa")
    [warning] = [p for p in report.warnings if p.where == "--format"]
    assert "does not look like: Amazon Alexa" in warning.reason
    assert "looks like: Google Takeout" in warning.reason
    ok = library.import_export([export], forced_format="google")
    assert not [p for p in ok.warnings if p.where == "--format"]
