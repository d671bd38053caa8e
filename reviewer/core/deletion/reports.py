"""What a delete, an undo or the start-up reconciliation did, for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reviewer.core.deletion.plan import DeleteProblem


@dataclass
class DeleteReport:
    batch_id: int | None
    permanent: bool
    from_export: bool
    deleted: list[int] = field(default_factory=list)  # clips now tombstones
    not_found: list[int] = field(default_factory=list)  # ids not in the library
    already_deleted: list[int] = field(default_factory=list)
    audio_files: int = 0  # library audio files moved to the trash (or deleted)
    shared_audio_kept: int = 0  # audio files kept: a clip not deleted uses them too
    # Where the library's audio went on its way to the trash (the trash's "original
    # location" for those files); None when nothing was moved.
    staging_dir: Path | None = None
    export_files: list[Path] = field(default_factory=list)  # folder-export files removed
    zips_rewritten: list[Path] = field(default_factory=list)  # zips replaced by a clean copy
    problems: list[DeleteProblem] = field(default_factory=list)

    @property
    def undoable(self) -> bool:
        return bool(self.deleted) and not self.permanent


@dataclass
class UndoReport:
    ok: bool
    message: str
    batch_id: int | None = None
    restored: list[int] = field(default_factory=list)
    exports_restored: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DeleteBatchInfo:
    """The newest delete, for an "Undo delete" menu entry."""

    id: int
    state: str
    created_at: datetime
    finished_at: datetime | None
    clips: int
    permanent: bool
    from_export: bool
    can_undo: bool
    why_not: str | None
    problems: tuple[DeleteProblem, ...] = ()


@dataclass(frozen=True)
class Reconciled:
    """An interrupted delete or undo found at start-up and what was done about it."""

    batch_id: int
    was: str  # the journal state found
    action: str  # "rolled back", "finished", "undo finished", "undo reverted", "skipped"
    clips: int
    problems: tuple[DeleteProblem, ...] = ()


__all__ = ["DeleteBatchInfo", "DeleteReport", "Reconciled", "UndoReport"]
