"""At every start: finish or roll back deletes (and undos) that a crash interrupted.

Cheap when there is nothing to do: one indexed query for batches that are not DONE,
ROLLED_BACK or UNDONE. A batch whose process is still running (the GUI deleting while the CLI
starts) is left to that process.
"""

from __future__ import annotations

from sqlalchemy import select

from reviewer.config import Paths
from reviewer.core.deletion.delete import finish, rollback
from reviewer.core.deletion.reports import Reconciled
from reviewer.core.deletion.trash import Trash
from reviewer.core.deletion.undo import UNDOING, resume_undo
from reviewer.core.store import DeleteBatch, DeleteState, Store
from reviewer.core.store.audio_files import _alive

OPEN_STATES = (DeleteState.INTENT, DeleteState.COMMITTED, UNDOING)


def _owner_alive(plan: dict[str, object], key: str = "owner_pid") -> bool:
    pid = plan.get(key)
    return isinstance(pid, int) and _alive(pid)


def reconcile(store: Store, paths: Paths, trash: Trash) -> list[Reconciled]:
    with store.session() as s:
        open_batches = list(s.execute(
            select(DeleteBatch.id, DeleteBatch.state, DeleteBatch.plan, DeleteBatch.clip_ids)
            .where(DeleteBatch.state.in_([str(x) for x in OPEN_STATES]))
            .order_by(DeleteBatch.id)))
    done: list[Reconciled] = []
    for batch_id, state, plan, clip_ids in open_batches:
        plan = plan or {}
        n = len(clip_ids or [])
        if state == UNDOING:
            undo = plan.get("undo") or {}
            if _owner_alive(undo):
                done.append(Reconciled(batch_id, state, "skipped", n))
                continue
            action = resume_undo(store, paths, batch_id, trash)
            done.append(Reconciled(batch_id, state, action, n))
            continue
        if _owner_alive(plan):
            done.append(Reconciled(batch_id, state, "skipped", n))
            continue
        if state == DeleteState.INTENT:
            rollback(store, paths, batch_id)
            done.append(Reconciled(batch_id, state, "rolled back", n))
        else:
            problems = finish(store, paths, batch_id, trash)
            done.append(Reconciled(batch_id, state, "finished", n, tuple(problems)))
    return done


__all__ = ["OPEN_STATES", "reconcile"]
