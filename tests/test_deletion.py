"""Deleting clips: tombstones, the trash, undo, exports (folder, zip, multi-part, nested,
missing), re-import after a delete, and listings that leave deleted clips out."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Clip, ClipStatus, DeleteBatch, ImportMember
from reviewer.core.timeline import timeline_counts
from reviewer.core.transcribe.job import pending_clip_ids
from reviewer.testing import alexa_exports as ax
from reviewer.testing.folder_exports import Recording, write_folder
from reviewer.testing.google_exports import (
    AssistantEntry,
    said,
    tiny_mp3,
    write_takeout,
)
from tests.conftest import tree_hashes
from tests.deletion_support import (
    add_transcripts,
    file_hashes,
    sha,
    transcript_count,
    transcript_rows,
    trash_files,
    use_test_trash,
    zip_members,
)

START = datetime(2023, 5, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_test_trash(tmp_path, monkeypatch)


def entries(n: int, tag: str = "del", shared: dict[int, int] | None = None
            ) -> list[AssistantEntry]:
    """`n` entries an hour apart, every one with unique audio (entry i reuses entry j's
    audio bytes for i -> j in `shared`)."""
    out = []
    for i in range(n):
        audio = tiny_mp3((shared or {}).get(i, i), tag)
        out.append(AssistantEntry(time=START + timedelta(hours=i),
                                  title=said(f"turn on light {i}"), audio=audio,
                                  details=["Started by hotword"], replies=[f"Okay {i}"],
                                  location=(45.5, -122.6)))
    return out


def clip_ids_by_vendor_id(library: Library) -> dict[str, int]:
    with library.store.session() as s:
        return {vid: cid for vid, cid in s.execute(select(Clip.vendor_id, Clip.id)) if vid}


def audio_of(library: Library, clip_ids: list[int]) -> dict[int, tuple[str, str]]:
    """clip id -> (relative audio path, SHA-256)."""
    with library.store.session() as s:
        return {cid: (rel, digest) for cid, rel, digest in s.execute(
            select(Clip.id, Clip.audio_path, Clip.audio_sha256).where(Clip.id.in_(clip_ids)))}


def test_delete_and_undo_round_trip(library: Library, tmp_path: Path, trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(6), as_zip=True)
    export_hashes = tree_hashes(export)
    library.import_export([export])
    ids = library.clip_ids()
    targets, kept = ids[:3], ids[3:]
    add_transcripts(library, ids)
    library.decide([targets[0]], "delete_request")
    before_rows = transcript_rows(library, targets)
    before_clips = {c.id: (c.transcript, c.score, c.flagged, c.reasons, c.audio_path,
                           c.audio_size, c.vendor_extra) for c in library.clips()}
    audio = audio_of(library, targets)
    kept_audio = {rel: sha((library.paths.data_dir / rel).read_bytes())
                  for rel, _ in audio_of(library, kept).values()}
    assert library.clip_ids(ClipQuery(text="kitchen")) == ids

    report = library.delete(targets)

    assert report.deleted == targets and report.undoable and not report.problems
    assert report.audio_files == 3 and report.staging_dir is not None
    for cid in targets:
        clip = library.clip(cid)
        assert clip is not None and clip.status == ClipStatus.DELETED
        assert clip.deleted_at is not None
        # What identifies the recording stays; what came from the audio goes.
        assert clip.vendor_id and clip.identifiers["audio_file"] == clip.vendor_id
        assert clip.audio_sha256 == audio[cid][1] and clip.recorded_at and clip.duration_s
        assert clip.vendor_transcript == f"Said turn on light {cid - 1}"
        assert (clip.audio_path, clip.audio_format, clip.audio_size) == (None, None, None)
        assert (clip.transcript, clip.score, clip.flagged, clip.reasons) == (None, None, None, [])
        assert clip.vendor_extra == {"details": ["Started by hotword"], "layout": "json"}
        assert not (library.paths.data_dir / audio[cid][0]).exists()
    assert library.clip(targets[0]).ask_vendor is True  # type: ignore[union-attr]
    assert transcript_rows(library, targets) == []
    # Nothing of the local transcripts is searchable any more, not even among tombstones.
    assert library.clip_ids(ClipQuery(text="kitchen", include_deleted=True)) == kept
    assert library.clip_ids() == kept and library.count_clips() == 3
    assert library.clip_ids(ClipQuery(include_deleted=True)) == ids
    assert library.info().clips == 3 and library.info().deleted == 3
    # The audio is in the trash, under the staging folder as its original location.
    in_trash = trash_files(trash)
    assert sorted(in_trash.values()) == sorted(d for _, d in audio.values())
    infos = [p.read_text() for p in (trash / "info").iterdir()]
    assert all(f"Path={report.staging_dir}/" in i for i in infos)
    assert not report.staging_dir.exists()
    assert {rel: sha((library.paths.data_dir / rel).read_bytes())
            for rel in kept_audio} == kept_audio
    assert tree_hashes(export) == export_hashes  # not asked to touch the export
    info = library.last_delete()
    assert info is not None and info.can_undo and info.clips == 3

    undo = library.undo_delete()

    assert undo.ok and undo.restored == targets, undo.message
    assert "Restored 3 clips" in undo.message
    assert transcript_rows(library, targets) == before_rows
    assert {c.id: (c.transcript, c.score, c.flagged, c.reasons, c.audio_path, c.audio_size,
                   c.vendor_extra) for c in library.clips()} == before_clips
    for cid in targets:
        rel, digest = audio[cid]
        assert sha((library.paths.data_dir / rel).read_bytes()) == digest
        clip = library.clip(cid)
        assert clip is not None and clip.status == ClipStatus.READY and clip.deleted_at is None
    assert library.clip_ids(ClipQuery(text="kitchen")) == ids
    assert trash_files(trash) == {} and list((trash / "info").iterdir()) == []
    with library.store.session() as s:
        batch = s.scalars(select(DeleteBatch)).one()
        assert batch.state == "undone" and batch.snapshot == {}
    again = library.undo_delete()
    assert not again.ok and "already undone" in again.message


def test_undo_finds_files_put_back_by_hand_and_refuses_when_the_trash_was_emptied(
        library: Library, tmp_path: Path, trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(4), as_zip=True)
    library.import_export([export])
    ids = library.clip_ids()
    report = library.delete(ids[:2])
    assert report.staging_dir is not None
    # The user restores one file with the file manager (back to the staging folder) and
    # empties the trash of the other.
    restored_by_hand = sorted((trash / "files").iterdir())[0]
    report.staging_dir.mkdir()
    shutil.move(restored_by_hand, report.staging_dir / restored_by_hand.name)
    shutil.rmtree(trash)

    undo = library.undo_delete()
    assert not undo.ok and "no longer in the trash" in undo.message
    assert str(report.staging_dir) in undo.message and "Nothing was changed" in undo.message
    assert library.count_clips() == 2
    info = library.last_delete()
    assert info is not None and info.can_undo  # still possible once the file is back


def test_only_the_newest_delete_can_be_undone_and_older_snapshots_are_dropped(
        library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(4), as_zip=True)
    library.import_export([export])
    ids = library.clip_ids()
    add_transcripts(library, ids)
    library.delete([ids[0]])
    library.delete([ids[1]])
    with library.store.session() as s:
        snapshots = list(s.scalars(select(DeleteBatch.snapshot).order_by(DeleteBatch.id)))
    assert snapshots[0] == {} and snapshots[1]["transcripts"]
    assert library.undo_delete().restored == [ids[1]]
    undo = library.undo_delete()
    assert not undo.ok and "already undone" in undo.message
    assert library.clip_ids() == ids[1:]


def test_shared_audio_file_is_kept_until_no_clip_uses_it(library: Library,
                                                         tmp_path: Path, trash: Path) -> None:
    # Entries 0 and 1 carry the same recording bytes: two clips, one library file.
    [export] = write_takeout(tmp_path / "dl", entries(3, shared={1: 0}), as_zip=True)
    library.import_export([export])
    a, b, _c = library.clip_ids()
    audio = audio_of(library, [a, b])
    assert audio[a] == audio[b]
    path = library.paths.data_dir / audio[a][0]

    first = library.delete([a])
    assert first.shared_audio_kept == 1 and first.audio_files == 0
    assert sha(path.read_bytes()) == audio[a][1] and trash_files(trash) == {}
    assert library.clip(a).audio_sha256 == audio[a][1]  # type: ignore[union-attr]

    second = library.delete([b])
    assert second.shared_audio_kept == 0 and second.audio_files == 1
    assert not path.exists() and list(trash_files(trash).values()) == [audio[a][1]]
    assert second.deleted == [b] and library.delete([a, 999]).not_found == [999]


def test_permanent_delete_skips_the_trash_and_cannot_be_undone(
        library: Library, tmp_path: Path, trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(3), as_zip=True)
    library.import_export([export])
    ids = library.clip_ids()
    add_transcripts(library, ids)
    audio = audio_of(library, ids[:2])
    report = library.delete(ids[:2], permanent=True)
    assert report.permanent and not report.undoable and report.audio_files == 2
    assert trash_files(trash) == {}
    assert not any((library.paths.data_dir / rel).exists() for rel, _ in audio.values())
    assert not (library.paths.data_dir / "deleting" / str(report.batch_id)).exists()
    with library.store.session() as s:
        assert s.scalars(select(DeleteBatch.snapshot)).one() == {}
    undo = library.undo_delete()
    assert not undo.ok and "permanent" in undo.message and "cannot be undone" in undo.message
    assert library.count_clips() == 1


def test_settings_choose_permanent_by_default(library: Library, tmp_path: Path,
                                              trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(2), as_zip=True)
    library.import_export([export])
    settings = library.settings()
    settings.delete_to_trash = False
    settings.save(library.settings_path)
    assert library.delete(library.clip_ids()[:1]).permanent
    assert trash_files(trash) == {}


def test_folder_export_file_goes_to_the_trash_and_comes_back(
        library: Library, tmp_path: Path, trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(5))
    library.import_export([export])
    before = file_hashes(export)
    by_name = clip_ids_by_vendor_id(library)
    victims = sorted(by_name)[1:3]
    report = library.delete([by_name[v] for v in victims], from_export=True)
    assert not report.problems
    assert sorted(p.name for p in report.export_files) == victims
    after = file_hashes(export)
    gone = {k for k in before if k not in after}
    assert sorted(Path(k).name for k in gone) == victims
    assert all(after[k] == before[k] for k in after)  # every other file byte-identical
    in_trash = trash_files(trash)  # the two export files and the library's two copies
    assert len(in_trash) == 4 and {n for n in in_trash if n in victims} == set(victims)

    undo = library.undo_delete()
    assert undo.ok and sorted(p.name for p in undo.exports_restored) == victims
    assert file_hashes(export) == before


def test_zip_export_gets_a_verified_cleaned_copy(library: Library, tmp_path: Path,
                                                 trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(6), as_zip=True)
    library.import_export([export])
    original = export.read_bytes()
    members = zip_members(export)
    by_name = clip_ids_by_vendor_id(library)
    victims = sorted(by_name)[::2]
    report = library.delete([by_name[v] for v in victims], from_export=True)
    assert not report.problems and report.zips_rewritten == [export]
    cleaned = zip_members(export)
    removed = {m for m in members if Path(m).name in victims}
    assert len(removed) == 3
    assert cleaned == {m: d for m, d in members.items() if m not in removed}
    with zipfile.ZipFile(export) as zf:
        assert zf.testzip() is None
        times = {i.filename: i.date_time for i in zf.infolist()}
    assert all(times[m] == (2023, 5, 2, 13, 0, 0) for m in cleaned)
    # Nothing else was left beside it; the original is in the trash, byte for byte.
    assert sorted(os.listdir(export.parent)) == [export.name]
    assert sha(original) in trash_files(trash).values()

    undo = library.undo_delete()
    assert undo.ok and undo.exports_restored == [export], undo.problems
    assert export.read_bytes() == original


def test_multi_part_export_each_part_cleaned_where_its_recordings_are(
        library: Library, tmp_path: Path, trash: Path) -> None:
    parts = write_takeout(tmp_path / "dl", entries(9), as_zip=True, parts=3)
    library.import_export([parts[0]])
    members = {p: zip_members(p) for p in parts}
    where = {Path(m).name: p for p, ms in members.items() for m in ms}
    by_name = clip_ids_by_vendor_id(library)
    # One recording from the first part, two from the second: the third stays untouched.
    first = next(n for n in sorted(by_name) if where[n] == parts[0])
    second = [n for n in sorted(by_name) if where[n] == parts[1]][:2]
    victims = [first, *second]
    untouched = parts[2].read_bytes()
    report = library.delete([by_name[v] for v in victims], from_export=True)
    assert not report.problems, [p.text for p in report.problems]
    assert sorted(report.zips_rewritten) == [parts[0], parts[1]]
    for p in parts[:2]:
        assert zip_members(p) == {m: d for m, d in members[p].items()
                                  if Path(m).name not in victims}
    assert parts[2].read_bytes() == untouched


def test_alexa_zip_inside_the_export_zip_is_a_problem_not_a_failure(
        library: Library, tmp_path: Path, trash: Path) -> None:
    built = ax.write_history_json_export(tmp_path / "dl", form="nested_zip")
    library.import_export([built.path])
    before = tree_hashes(built.path)
    with_audio = [c.id for c in library.clips() if c.audio_path][:2]
    report = library.delete(with_audio, from_export=True)
    assert report.deleted == with_audio
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.clip_ids == tuple(with_audio)
    assert "inside Alexa.zip" in problem.reason
    assert "deleted from the library only" in problem.reason
    assert tree_hashes(built.path) == before
    assert library.count_clips() == len(built.clips) - 2


def test_alexa_zip_left_in_an_export_folder_is_cleaned(library: Library,
                                                       tmp_path: Path) -> None:
    built = ax.write_history_json_export(tmp_path / "dl", form="folder_with_zip")
    library.import_export([built.path])
    inner = built.path / "Alexa.zip"
    members = zip_members(inner)
    clips = [c for c in library.clips() if c.audio_path][:2]
    report = library.delete([c.id for c in clips], from_export=True)
    assert not report.problems and report.zips_rewritten == [inner]
    removed = {c.source_path.removeprefix("Alexa.zip/") for c in clips}
    assert zip_members(inner) == {m: d for m, d in members.items() if m not in removed}


def test_export_that_moved_is_reported_and_the_library_delete_still_happens(
        library: Library, tmp_path: Path, trash: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(4), as_zip=True)
    library.import_export([export])
    moved = tmp_path / "elsewhere.zip"
    export.rename(moved)
    before = moved.read_bytes()
    ids = library.clip_ids()[:2]
    report = library.delete(ids, from_export=True)
    assert report.deleted == ids and library.count_clips() == 2
    [problem] = report.problems
    assert problem.clip_ids == tuple(ids)
    assert f"is no longer at {export.parent}" in problem.reason
    assert "deleted from the library only" in problem.reason
    assert moved.read_bytes() == before
    with library.store.session() as s:
        assert s.scalars(select(DeleteBatch.problems)).one()[0]["clip_ids"] == ids


def _read_only(folder: Path) -> Callable[[], None]:
    """Make `folder` unwritable (for root, which ignores modes: immutable); returns undo."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)],
                                                 capture_output=True).returncode == 0:
        return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)
    pytest.skip("cannot make a folder read-only for root here")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_read_only_export_folder_is_reported(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(3), as_zip=True)
    library.import_export([export])
    before = export.read_bytes()
    restore_mode = _read_only(export.parent)
    try:
        report = library.delete(library.clip_ids()[:2], from_export=True)
    finally:
        restore_mode()
    assert len(report.deleted) == 2 and library.count_clips() == 1
    [problem] = report.problems
    assert problem.where == str(export) and "from the library only" in problem.reason
    assert export.read_bytes() == before and os.listdir(export.parent) == [export.name]


def test_reimport_does_not_bring_deleted_clips_back(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(5), as_zip=True)
    folder = write_folder(tmp_path / "rec", [
        Recording(f"2024-01-0{i + 1}_10-00-00.mp3", tiny_mp3(i, "folder")) for i in range(3)])
    library.import_export([export])
    library.import_export([folder])
    google = [c.id for c in library.clips() if c.vendor == "google"][:2]
    # Folder clips are identified by their audio hash alone (no vendor id): the import must
    # hash before it knows the clip, and must then not store the audio again.
    folder_clip = next(c.id for c in library.clips() if c.vendor == "folder")
    targets = [*google, folder_clip]
    hashes = {d for _, d in audio_of(library, targets).values()}
    library.delete(targets, permanent=True)
    audio_before = file_hashes(library.paths.audio_dir)
    assert not hashes & set(audio_before.values())

    again = library.import_export([export])
    again_folder = library.import_export([folder])

    assert (again.clips_new, again.clips_existing) == (0, 5)
    assert (again_folder.clips_new, again_folder.clips_existing) == (0, 3)
    assert file_hashes(library.paths.audio_dir) == audio_before
    for cid in targets:
        clip = library.clip(cid)
        assert clip is not None and clip.status == ClipStatus.DELETED and clip.audio_path is None
    with library.store.session() as s:
        members = {(i, c) for i, c in s.execute(select(ImportMember.import_id,
                                                       ImportMember.clip_id))}
    assert {(again.import_id, c) for c in google} <= members
    assert (again_folder.import_id, folder_clip) in members
    assert library.count_clips(ClipQuery(import_id=again.import_id)) == 3
    assert library.count_clips(ClipQuery(import_id=again.import_id, include_deleted=True)) == 5


def test_listings_jobs_and_counts_leave_deleted_clips_out(library: Library,
                                                          tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", entries(4), as_zip=True)
    library.import_export([export])
    ids = library.clip_ids()
    add_transcripts(library, ids)
    library.delete(ids[:2])
    assert library.clip_ids(ClipQuery(order="priority")) == [ids[3], ids[2]]  # by score
    assert library.clip_ids(ClipQuery(sort="score")) == ids[2:]
    assert library.count_clips(ClipQuery(flagged=True, min_score=0)) == 2
    assert sum(b.total for b in timeline_counts(library.store)) == 2
    assert {cid for cid, _ in pending_clip_ids(library.store, "other-model")} == set(ids[2:])
    report = library.flag()
    assert report.total == 2
    assert all(c.score is None for c in library.clips(ClipQuery(include_deleted=True))
               if c.status == ClipStatus.DELETED)
    assert transcript_count(library) == 2
    imp = library.info().imports[0]
    assert (imp.clips, imp.with_audio) == (2, 2)


def test_clips_without_audio_and_unknown_ids(library: Library, tmp_path: Path) -> None:
    items = entries(3)
    items[1].audio = None
    [export] = write_takeout(tmp_path / "dl", items, as_zip=True)
    library.import_export([export])
    ids = library.clip_ids()
    no_audio = next(c.id for c in library.clips() if c.audio_path is None)
    report = library.delete([no_audio, 4242], from_export=True)
    assert report.deleted == [no_audio] and report.not_found == [4242]
    assert report.audio_files == 0 and not report.problems
    assert library.delete([no_audio]).already_deleted == [no_audio]
    assert library.delete([]).batch_id is None
    assert library.undo_delete().ok
    assert library.clip_ids() == ids
