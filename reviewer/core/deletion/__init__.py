"""Deleting clips from the library (and from the exports), journalled, with undo.

See `delete.py` for the journal, `tombstone.py` for what a deleted clip keeps, `exports.py`
and `zipclean.py` for removing recordings from the exports, `undo.py` and `reconcile.py`.
The `Library` facade (`delete`, `undo_delete`, `last_delete`) is what the CLI and GUI call.
"""

from reviewer.core.deletion.delete import delete_clips
from reviewer.core.deletion.plan import DeleteProblem
from reviewer.core.deletion.reconcile import reconcile
from reviewer.core.deletion.reports import DeleteBatchInfo, DeleteReport, Reconciled, UndoReport
from reviewer.core.deletion.trash import SystemTrash, Trash, TrashedFile, TrashError
from reviewer.core.deletion.undo import last_delete, undo_last

__all__ = ["DeleteBatchInfo", "DeleteProblem", "DeleteReport", "Reconciled", "SystemTrash",
           "Trash", "TrashError", "TrashedFile", "UndoReport", "delete_clips", "last_delete",
           "reconcile", "undo_last"]
