"""Deleting clips: journal, stage, one commit, finish.

1. The plan (every file to move, where it is staged, every export zip to rewrite with its
   hash) is written as a `DeleteBatch` in state INTENT before anything is touched.
2. Cleaned copies of zip exports are written beside them and verified; library audio files
   are renamed into `deleting/<batch>/` in the data directory.
3. The commit point: one transaction turns the clips into tombstones, deletes their
   transcripts, stores the undo snapshot and sets COMMITTED.
4. Finishing: staged audio goes to the trash (or is unlinked), folder-export files go to the
   trash, cleaned zips take the place of the originals (which go to the trash); then DONE.

A crash before 3 is rolled back at the next start, one after 3 is finished (`reconcile.py`);
every finishing step checks the file system first, so it can run again after a kill.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from reviewer.config import STAGING_DIR, Paths
from reviewer.core.deletion.crashpoints import checkpoint
from reviewer.core.deletion.exports import Wanted, locate, roots_for
from reviewer.core.deletion.plan import (
    AudioMove,
    DeleteProblem,
    ExportFile,
    Plan,
    ZipRewrite,
)
from reviewer.core.deletion.reports import DeleteReport
from reviewer.core.deletion.tombstone import tombstone
from reviewer.core.deletion.trash import Trash, TrashError
from reviewer.core.deletion.zipclean import (
    ZipRewriteError,
    file_sha256,
    fsync_dir,
    write_clean_copy,
)
from reviewer.core.messages import Msg
from reviewer.core.progress import Progress, ProgressCallback
from reviewer.core.store import (
    Clip,
    ClipStatus,
    DeleteBatch,
    DeleteState,
    ImportMember,
    ImportRecord,
    Store,
)
from reviewer.core.store.audio_files import flush_to_disk
from reviewer.core.store.queries import chunked


class _Emit:
    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self.callback is not None:
            self.callback(Progress("delete", phase, done, total))


def delete_clips(store: Store, paths: Paths, clip_ids: Sequence[int], *, permanent: bool,
                 from_export: bool, trash: Trash,
                 progress: ProgressCallback | None = None) -> DeleteReport:
    """Delete the clips (see the module docstring); a report of what was done and not."""
    emit = _Emit(progress)
    ids = sorted({int(i) for i in clip_ids})
    report = DeleteReport(batch_id=None, permanent=permanent, from_export=from_export)
    emit("Preparing", 0, None)
    clips: list[Clip] = []
    with store.session() as s:
        for chunk in chunked(ids):
            clips.extend(s.scalars(select(Clip).where(Clip.id.in_(chunk))))
    known = {c.id for c in clips}
    report.not_found = [i for i in ids if i not in known]
    report.already_deleted = sorted(c.id for c in clips if c.status == ClipStatus.DELETED)
    live = [c for c in clips if c.status != ClipStatus.DELETED]
    if not live:
        return report

    plan = Plan(staging="")
    _plan_audio(store, paths, live, plan, report)
    located_problems: list[DeleteProblem] = []
    if from_export:
        located_problems = _plan_exports(store, live, plan, paths.data_dir)
    report.problems.extend(located_problems)

    # 1. The journal, before anything is touched.
    with store.transaction() as s:
        batch = DeleteBatch(state=DeleteState.INTENT, permanent=permanent,
                            from_export=from_export, clip_ids=[c.id for c in live])
        s.add(batch)
        s.flush()
        batch_id = batch.id
        plan.staging = f"{STAGING_DIR}/{batch_id}"
        for a in plan.audio:
            a.staged = f"{plan.staging}/{Path(a.rel).name}"
        for z in plan.zips:
            zp = Path(z.path)
            z.tmp = str(zp.with_name(f".{zp.name}.reviewer-delete-{batch_id}.tmp"))
            z.backup = str(zp.with_name(f"{zp.stem}.original-{batch_id}{zp.suffix}"))
        batch.plan = {**plan.to_json(), "owner_pid": os.getpid()}
        batch.problems = [p.to_json() for p in report.problems]
    report.batch_id = batch_id
    checkpoint("intent")

    try:
        # 2. Cleaned zip copies, then the library's audio into the staging folder.
        if plan.zips:
            _write_zip_copies(plan, report, emit)
            with store.transaction() as s:
                b = s.get(DeleteBatch, batch_id)
                assert b is not None
                b.plan = {**plan.to_json(), "owner_pid": os.getpid()}
                b.problems = [p.to_json() for p in report.problems]
            checkpoint("plan")
        staging = paths.data_dir / plan.staging
        if plan.audio:
            staging.mkdir(mode=0o700, parents=True, exist_ok=True)
        for n, a in enumerate(plan.audio, start=1):
            os.rename(paths.data_dir / a.rel, paths.data_dir / a.staged)
            checkpoint("staged")
            emit("Moving audio out of the library", n, len(plan.audio))
        if plan.audio:
            flush_to_disk()

        # 3. The commit point.
        detail = "deleted permanently" if permanent else "deleted (moved to the trash)"
        # Under the write lock from the start: the clips and transcripts read for the snapshot
        # are the ones the tombstone removes, whatever a transcription saves at this moment.
        with store.write_transaction() as s:
            b = s.get(DeleteBatch, batch_id)
            assert b is not None
            b.snapshot = tombstone(s, b.clip_ids, datetime.now(UTC), detail,
                                   keep_snapshot=not permanent)
            b.state = DeleteState.COMMITTED
            # Only the newest delete can be undone: older snapshots (transcripts of deleted
            # clips) are not kept any longer than that.
            s.execute(update(DeleteBatch).where(DeleteBatch.id < batch_id)
                      .values(snapshot={}))
    except BaseException:
        # Not committed: put everything back now rather than at the next start.
        rollback(store, paths, batch_id)
        raise
    checkpoint("committed")
    report.deleted = [c.id for c in live]

    # 4. Finish.
    finished = finish(store, paths, batch_id, trash, progress)
    report.problems = finished
    with store.session() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        done = Plan.from_json(b.plan)
    report.audio_files = sum(a.gone for a in done.audio)
    report.staging_dir = staging if done.audio else None
    report.export_files = [Path(f.path) for f in done.export_files if f.done]
    report.zips_rewritten = [Path(z.path) for z in done.zips if z.done]
    return report


def _plan_audio(store: Store, paths: Paths, live: list[Clip], plan: Plan,
                report: DeleteReport) -> None:
    """Which library audio files go: those no clip outside this delete still uses."""
    ids = {c.id for c in live}
    by_path: dict[str, str] = {}
    for c in live:
        if c.audio_path and c.audio_sha256:
            by_path.setdefault(c.audio_path, c.audio_sha256)
    shared: set[str] = set()
    rels = sorted(by_path)
    with store.session() as s:
        for chunk in chunked(rels):
            for rel, cid in s.execute(select(Clip.audio_path, Clip.id).where(
                    Clip.audio_path.in_(chunk), Clip.status != ClipStatus.DELETED)):
                if cid not in ids and rel is not None:
                    shared.add(rel)
    for rel in rels:
        if rel in shared:
            plan.shared_audio.append(rel)
            continue
        if not (paths.data_dir / rel).is_file():
            users = sorted(c.id for c in live if c.audio_path == rel)
            report.problems.append(DeleteProblem(
                str(paths.data_dir / rel),
                Msg("the audio file was already missing from the library"),
                tuple(users)))
            continue
        plan.audio.append(AudioMove(rel=rel, staged="", sha256=by_path[rel]))
    report.shared_audio_kept = len(plan.shared_audio)


def _plan_exports(store: Store, live: list[Clip], plan: Plan,
                  data_dir: Path) -> list[DeleteProblem]:
    """Where each clip's recording sits in the exports it was imported from."""
    with_audio = [c for c in live if c.audio_sha256]
    if not with_audio:
        return []
    ids = [c.id for c in with_audio]
    imports_of: dict[int, set[int]] = {c.id: {c.import_id} for c in with_audio}
    with store.session() as s:
        for chunk in chunked(ids):
            for cid, iid in s.execute(select(ImportMember.clip_id, ImportMember.import_id)
                                      .where(ImportMember.clip_id.in_(chunk))):
                imports_of[cid].add(iid)
        wanted_imports = sorted({i for group in imports_of.values() for i in group})
        sources = {iid: [str(x) for x in (src or [])] for iid, src in s.execute(
            select(ImportRecord.id, ImportRecord.sources)
            .where(ImportRecord.id.in_(wanted_imports)))}
    wanted = [Wanted(c.id, c.source_path, c.audio_sha256 or "",
                     roots_for([sources.get(i, []) for i in sorted(imports_of[c.id])]))
              for c in with_audio]
    located = locate(wanted)
    # An "export" inside the library folder is the library's own audio (imported before
    # such inputs were refused): removing it there would take another clip's audio.
    library = Path(os.path.realpath(data_dir))

    def in_library(path: Path) -> bool:
        return library in Path(os.path.realpath(path)).parents

    spared = [(f.path, set(f.clip_ids)) for f in located.files if in_library(f.path)]
    spared += [(z.path, {c for cs in z.remove.values() for c in cs})
               for z in located.zips if in_library(z.path)]
    located.problems += [DeleteProblem(str(path), Msg("is inside the library folder: the "
                                                      "library's own copy, not an export, so "
                                                      "it was left alone"), tuple(sorted(ids)))
                         for path, ids in spared]
    located.files = [f for f in located.files if not in_library(f.path)]
    located.zips = [z for z in located.zips if not in_library(z.path)]
    for f in located.files:
        plan.export_files.append(ExportFile(path=str(f.path), sha256=f.sha256,
                                            clip_ids=sorted(f.clip_ids)))
    for z in located.zips:
        st = z.path.stat()
        plan.zips.append(ZipRewrite(
            path=str(z.path), tmp="", backup="", old_sha256=file_sha256(z.path),
            old_size=st.st_size, remove=sorted(z.remove),
            clip_ids=sorted({c for cs in z.remove.values() for c in cs})))
    return located.problems


def _write_zip_copies(plan: Plan, report: DeleteReport, emit: _Emit) -> None:
    kept: list[ZipRewrite] = []
    for n, z in enumerate(plan.zips, start=1):
        emit(f"Writing a cleaned copy of {Path(z.path).name}", n - 1, len(plan.zips))
        try:
            copy = write_clean_copy(Path(z.path), Path(z.tmp), z.remove)
        except (ZipRewriteError, OSError) as exc:
            report.problems.append(DeleteProblem(
                z.path, Msg("a cleaned copy could not be made ({error}); the zip is left as "
                            "it is and the clips were deleted from the library only",
                            error=exc),
                tuple(z.clip_ids)))
            continue
        z.new_sha256, z.new_size, z.kept = copy.sha256, copy.size, copy.kept
        kept.append(z)
        checkpoint("zip-ready")
    plan.zips = kept


def rollback(store: Store, paths: Paths, batch_id: int) -> None:
    """Undo an uncommitted delete: staged audio back in place, cleaned copies removed."""
    with store.session() as s:
        b = s.get(DeleteBatch, batch_id)
        if b is None or b.state != DeleteState.INTENT:
            return
        plan = Plan.from_json(b.plan)
    for a in plan.audio:
        if not a.staged:
            continue
        staged, final = paths.data_dir / a.staged, paths.data_dir / a.rel
        if staged.exists():
            if final.exists():
                staged.unlink()
            else:
                final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.rename(staged, final)
    for z in plan.zips:
        if z.tmp:
            Path(z.tmp).unlink(missing_ok=True)
    if plan.staging:
        _remove_empty_dir(paths.data_dir / plan.staging)
    flush_to_disk()
    with store.transaction() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        b.state = DeleteState.ROLLED_BACK
        b.snapshot = {}
        b.finished_at = datetime.now(UTC)


def _remove_empty_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.rmdir()


def finish(store: Store, paths: Paths, batch_id: int, trash: Trash,
           progress: ProgressCallback | None = None) -> list[DeleteProblem]:
    """Complete a committed delete (again, after a crash); returns every problem so far."""
    emit = _Emit(progress)
    with store.session() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        if b.state != DeleteState.COMMITTED:
            return [DeleteProblem.from_json(p) for p in b.problems]
        plan = Plan.from_json(b.plan)
        permanent = b.permanent
        problems = [DeleteProblem.from_json(p) for p in b.problems]

    for n, a in enumerate(plan.audio, start=1):
        if a.gone:
            continue
        staged = paths.data_dir / a.staged
        if staged.exists():
            try:
                _discard(staged, permanent, trash)
            except (TrashError, OSError) as exc:
                problems.append(DeleteProblem(str(staged), Msg(
                    "could not be deleted ({error}); the recording is still in {folder}: "
                    "delete it there, or undo the delete", error=exc, folder=staged.parent)
                    if permanent else Msg(
                    "could not be moved to the trash ({error}); the recording is still in "
                    "{folder}: delete it there, or undo the delete", error=exc,
                    folder=staged.parent)))
                continue
        a.gone = True
        checkpoint("audio-gone")
        emit("Moving audio to the trash" if not permanent else "Deleting audio", n,
             len(plan.audio))
    if plan.staging:
        _remove_empty_dir(paths.data_dir / plan.staging)

    for f in plan.export_files:
        if f.done:
            continue
        path = Path(f.path)
        if path.exists():
            try:
                if file_sha256(path) != f.sha256:
                    problems.append(DeleteProblem(
                        str(path), Msg("changed since the delete began; left as it is"),
                        tuple(f.clip_ids)))
                else:
                    _discard(path, permanent, trash)
            except (TrashError, OSError) as exc:
                problems.append(DeleteProblem(str(path), Msg(
                    "could not be deleted ({error}); the clip was deleted from the library "
                    "only", error=exc) if permanent else Msg(
                    "could not be moved to the trash ({error}); the clip was deleted from the "
                    "library only", error=exc), tuple(f.clip_ids)))
                continue
        f.done = True
        checkpoint("export-file")

    for z in plan.zips:
        if not z.done:
            z.done = _swap_zip(z, permanent, trash, problems)
            checkpoint("zip-done")

    with store.transaction() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        b.plan = {**plan.to_json(), "owner_pid": b.plan.get("owner_pid")}
        b.problems = [p.to_json() for p in problems]
        b.state = DeleteState.DONE
        b.finished_at = datetime.now(UTC)
    checkpoint("done")
    return problems


def _discard(path: Path, permanent: bool, trash: Trash) -> None:
    if permanent:
        path.unlink()
    else:
        trash.send(path)


def _swap_zip(z: ZipRewrite, permanent: bool, trash: Trash,
              problems: list[DeleteProblem]) -> bool:
    """Put the verified cleaned copy in the zip's place; the original goes to the trash.

    Where the file system has hard links the zip's name never goes missing: the original is
    linked to its backup name first, then the copy renamed over it. Without them the
    original is renamed away first; a crash in between is finished at the next start. Each
    step looks at the files first, so running it again after a kill completes it."""
    path, tmp, backup = Path(z.path), Path(z.tmp), Path(z.backup)
    ids = tuple(z.clip_ids)
    if tmp.exists():
        if not path.exists() and not backup.exists():
            tmp.unlink()
            problems.append(DeleteProblem(str(path), Msg(
                "the zip was moved away before its cleaned copy could replace it; it was left "
                "alone"), ids))
            return False
        if path.exists() and not backup.exists() and path.stat().st_size != z.old_size:
            tmp.unlink()
            problems.append(DeleteProblem(str(path), Msg(
                "the zip changed while the delete ran; it was left as it is"), ids))
            return False
        if file_sha256(tmp) != z.new_sha256:
            tmp.unlink()
            problems.append(DeleteProblem(str(path), Msg(
                "the cleaned copy was damaged before it could be swapped in; the zip was left "
                "as it is"), ids))
            return False
        if not permanent and path.exists() and not backup.exists():
            try:
                os.link(path, backup)
            except OSError:
                os.rename(path, backup)
            fsync_dir(path.parent)
            checkpoint("zip-backup")
        os.replace(tmp, path)
        fsync_dir(path.parent)
        checkpoint("zip-swapped")
    if backup.exists():
        try:
            _discard(backup, permanent, trash)
        except (TrashError, OSError) as exc:
            problems.append(DeleteProblem(str(backup), Msg(
                "the original zip could not be moved to the trash ({error}); it is kept under "
                "this name", error=exc), ids))
        checkpoint("zip-original-gone")
    return True


__all__ = ["STAGING_DIR", "delete_clips", "finish", "rollback"]
