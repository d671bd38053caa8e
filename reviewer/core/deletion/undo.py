"""Undo the newest delete while its files can still be found.

The audio files are looked for where the delete left them: in the trash (freedesktop: the
`.trashinfo` whose `Path=` is the staged path), or back at the staged path if the user
restored them from the trash by hand. Every file must be found (with the right SHA-256)
before anything is changed. Then, journalled like the delete itself:

1. state UNDOING, with where each file will come from (the journal);
2. the audio files move back to their content-addressed place in the library; export files
   and original zips come back from the trash (best effort: what cannot is reported);
3. the commit point: one transaction restores the clips and their transcripts from the
   snapshot, sets UNDONE and drops the snapshot.

A crash during 2 is finished at the next start, or, if a file has vanished meanwhile,
reverted (files back to the staged path, state DONE) so undo can be tried again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.config import Paths
from reviewer.core.deletion.crashpoints import checkpoint
from reviewer.core.deletion.plan import DeleteProblem, Plan
from reviewer.core.deletion.reports import DeleteBatchInfo, UndoReport
from reviewer.core.deletion.tombstone import restore
from reviewer.core.deletion.trash import Trash, move_file
from reviewer.core.deletion.zipclean import file_sha256, fsync_dir
from reviewer.core.messages import Msg, joined
from reviewer.core.store import DeleteBatch, DeleteState, Store
from reviewer.core.store.audio_files import flush_to_disk

UNDOING = DeleteState.UNDOING


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _when(batch: DeleteBatch) -> str:
    return batch.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _newest(store: Store) -> DeleteBatch | None:
    with store.session() as s:
        return s.scalars(select(DeleteBatch)
                         .where(DeleteBatch.state != DeleteState.ROLLED_BACK)
                         .order_by(DeleteBatch.id.desc()).limit(1)).first()


def why_not_undoable(batch: DeleteBatch) -> str | None:
    """Why the batch cannot be undone, judging by the journal alone (files not looked at)."""
    n = len(batch.clip_ids or [])
    what = f"The last delete ({n} clip{'s' if n != 1 else ''}, {_when(batch)})"
    if batch.state == DeleteState.UNDONE:
        return f"{what} was already undone."
    if batch.state in (DeleteState.INTENT, DeleteState.COMMITTED, UNDOING):
        return f"{what} is still running (or was interrupted and is finished at the next start)."
    if batch.permanent:
        return (f"{what} was permanent: its files were deleted, not moved to the trash, so it "
                "cannot be undone.")
    if not batch.snapshot:
        return f"{what} can no longer be undone."
    return None


def last_delete(store: Store) -> DeleteBatchInfo | None:
    batch = _newest(store)
    if batch is None:
        return None
    why = why_not_undoable(batch)
    return DeleteBatchInfo(
        id=batch.id, state=batch.state, created_at=batch.created_at,
        finished_at=batch.finished_at, clips=len(batch.clip_ids or []),
        permanent=batch.permanent, from_export=batch.from_export, can_undo=why is None,
        why_not=why, problems=tuple(DeleteProblem.from_json(p) for p in batch.problems or []))


def undo_last(store: Store, paths: Paths, trash: Trash) -> UndoReport:
    batch = _newest(store)
    if batch is None:
        return UndoReport(False, "Nothing to undo: no clips have been deleted.")
    why = why_not_undoable(batch)
    if why is not None:
        return UndoReport(False, why, batch.id)
    if batch.state in (DeleteState.INTENT, DeleteState.COMMITTED, UNDOING):
        return UndoReport(False, "A delete is still running.", batch.id)
    plan = Plan.from_json(batch.plan)
    sources: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    found_in_trash = trash.find([paths.data_dir / a.staged for a in plan.audio])
    for a in plan.audio:
        final, staged = paths.data_dir / a.rel, paths.data_dir / a.staged
        if _sha(final) == a.sha256:
            continue
        if _sha(staged) == a.sha256:
            sources[a.rel] = {"from": str(staged), "info": None, "sha256": a.sha256,
                              "staged": a.staged}
            continue
        item = found_in_trash.get(Path(os.path.abspath(staged)))
        if item is not None and _sha(item.data) == a.sha256:
            sources[a.rel] = {"from": str(item.data),
                              "info": str(item.info) if item.info else None,
                              "sha256": a.sha256, "staged": a.staged}
            continue
        missing.append(a.staged)
    if missing:
        staging = paths.data_dir / plan.staging
        return UndoReport(
            False, f"The last delete cannot be undone: {len(missing)} of its "
                   f"{len(plan.audio)} audio file(s) are no longer in the trash (it may have "
                   f"been emptied). If you still have them, put them back in {staging} "
                   "(the trash's \"Restore\" does that) and run undo again. Nothing was "
                   "changed.", batch.id, problems=[str(paths.data_dir / m) for m in missing])
    with store.transaction() as s:
        b = s.get(DeleteBatch, batch.id)
        assert b is not None
        b.state = UNDOING
        b.plan = {**b.plan, "undo": {"owner_pid": os.getpid(), "audio": sources}}
    checkpoint("undo-intent")
    report = UndoReport(True, "", batch.id)
    _complete(store, paths, batch.id, trash, report)
    return report


def resume_undo(store: Store, paths: Paths, batch_id: int, trash: Trash) -> str:
    """Finish an undo a crash interrupted (or revert it if a file has vanished since)."""
    report = UndoReport(True, "", batch_id)
    _complete(store, paths, batch_id, trash, report)
    return "undo finished" if report.ok else "undo reverted"


def _complete(store: Store, paths: Paths, batch_id: int, trash: Trash,
              report: UndoReport) -> None:
    with store.session() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        plan = Plan.from_json(b.plan)
        snapshot = b.snapshot
        created = _when(b)
    undo = plan.undo or {}
    sources: dict[str, dict[str, Any]] = undo.get("audio", {})

    # 2. Audio back into the library.
    placed: list[str] = []
    failed: list[str] = []
    for rel, src in sources.items():
        final = paths.data_dir / rel
        _stale_move(final).unlink(missing_ok=True)
        origin = Path(src["from"])
        if _sha(final) != src["sha256"]:
            if not origin.exists():
                failed.append(str(origin))
                continue
            final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if final.exists():
                final.unlink()  # not this recording (a damaged leftover): replaced
            move_file(origin, final)
            checkpoint("undo-audio")
        elif origin.exists() and origin != final:
            origin.unlink()  # the move was cut short after the copy: drop the source
        if src.get("info"):
            Path(src["info"]).unlink(missing_ok=True)
        placed.append(rel)
    if failed:
        _revert(store, paths, batch_id, placed, sources)
        report.ok = False
        report.message = Msg("The undo could not be finished: {n} audio file(s) vanished "
                             "while it ran. The delete stands; put the files back in {folder} "
                             "and run undo again.", n=len(failed),
                             folder=paths.data_dir / plan.staging)
        report.problems.extend(failed)
        return
    flush_to_disk()

    # Export files and original zips (best effort).
    _restore_exports(plan, batch_id, trash, report)

    # 3. The commit point.
    with store.transaction() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        report.restored = restore(s, snapshot)
        b.state = DeleteState.UNDONE
        b.snapshot = {}
        b.finished_at = b.finished_at or datetime.now(UTC)
        b.problems = [*b.problems, *({"where": "undo", "reason": p, "clip_ids": []}
                                     for p in report.problems)]
    checkpoint("undone")
    if plan.staging:
        with contextlib.suppress(OSError):
            (paths.data_dir / plan.staging).rmdir()
    n = len(report.restored)
    restored = (Msg("Restored 1 clip deleted on {day}.", day=created) if n == 1 else
                Msg("Restored {n} clips deleted on {day}.", n=n, day=created))
    put_back = len(report.exports_restored)
    report.message = (restored if not put_back else joined(" ", [
        restored, Msg("Put back 1 export file.") if put_back == 1 else
        Msg("Put back {n} export files.", n=put_back)]))


def _stale_move(final: Path) -> Path:
    return final.with_name(f".{final.name}.moving")


def _revert(store: Store, paths: Paths, batch_id: int, placed: list[str],
            sources: dict[str, dict[str, Any]]) -> None:
    """An undo that cannot finish: files back to the staged path, the delete stands."""
    for rel in placed:
        final = paths.data_dir / rel
        staged = paths.data_dir / sources[rel]["staged"]
        if final.exists() and not staged.exists():
            staged.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.rename(final, staged)
    flush_to_disk()
    with store.transaction() as s:
        b = s.get(DeleteBatch, batch_id)
        assert b is not None
        b.state = DeleteState.DONE
        b.plan = {k: v for k, v in b.plan.items() if k != "undo"}


def _restore_exports(plan: Plan, batch_id: int, trash: Trash, report: UndoReport) -> None:
    files = [Path(f.path) for f in plan.export_files if f.done]
    zips = [z for z in plan.zips if z.done]
    in_trash = trash.find([*(p for p in files if not p.exists()),
                           *(Path(z.backup) for z in zips)])
    for path in files:
        if path.exists():
            continue
        item = in_trash.get(Path(os.path.abspath(path)))
        if item is None:
            report.problems.append(Msg("{path} is no longer in the trash; it was not put back",
                                       path=path))
            continue
        try:
            trash.restore(item, path)
            report.exports_restored.append(path)
        except OSError as exc:
            report.problems.append(Msg("{path} could not be put back ({error})", path=path,
                                       error=exc))
        checkpoint("undo-export-file")
    for z in zips:
        path, backup = Path(z.path), Path(z.backup)
        tmp = path.with_name(f".{path.name}.reviewer-undo-{batch_id}.tmp")
        _stale_move(tmp).unlink(missing_ok=True)
        try:
            if not tmp.exists():
                current = file_sha256(path) if path.exists() else None
                if current == z.old_sha256:
                    continue
                if current is not None and current != z.new_sha256:
                    report.problems.append(Msg("{path} has changed since the delete; its "
                                               "original was left in the trash", path=path))
                    continue
                original = in_trash.get(Path(os.path.abspath(backup)))
                if original is not None and file_sha256(original.data) == z.old_sha256:
                    trash.restore(original, tmp)
                elif backup.exists() and file_sha256(backup) == z.old_sha256:
                    # No trash took it at the delete (none on that drive, or it failed): the
                    # original was kept beside the zip under the backup name.
                    os.rename(backup, tmp)
                else:
                    report.problems.append(Msg(
                        "the original of {path} is not in the trash (looked for it as {name}); "
                        "a file named {backup} beside it is not the original; the cleaned copy "
                        "stays", path=path, name=backup.name, backup=backup)
                        if backup.exists() else Msg(
                        "the original of {path} is not in the trash (looked for it as {name}); "
                        "the cleaned copy stays", path=path, name=backup.name))
                    continue
                checkpoint("undo-zip-restored")
            os.replace(tmp, path)
            fsync_dir(path.parent)
            report.exports_restored.append(path)
            checkpoint("undo-zip-swapped")
        except OSError as exc:
            report.problems.append(Msg("the original of {path} could not be put back ({error})",
                                       path=path, error=exc))


__all__ = ["UNDOING", "last_delete", "resume_undo", "undo_last", "why_not_undoable"]
