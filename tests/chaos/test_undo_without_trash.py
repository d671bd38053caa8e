"""Issue 11 item 12 (last part): without a trash for the export's drive the original zip is
kept beside it as `*.original-N.zip`; undo used to say it was "no longer in the trash" and
keep the cleaned copy. Now undo puts that original back (and, when it cannot, says where it
looked)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from reviewer.core.deletion.trash import Trash, TrashedFile, TrashError
from reviewer.core.library import Library
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.deletion_support import sha


class NoTrashForExports:
    """The system trash for the library's files; none for the export's drive (a USB stick
    or network share often has none), as send2trash reports it."""

    def __init__(self, inner: Trash, export_dir: Path) -> None:
        self.inner = inner
        self.export_dir = export_dir

    def send(self, path: Path) -> None:
        if self.export_dir in path.parents:
            raise TrashError(f"no trash folder on the drive of {path}")
        self.inner.send(path)

    def find(self, originals: Collection[Path]) -> dict[Path, TrashedFile]:
        return self.inner.find(originals)

    def restore(self, item: TrashedFile, target: Path) -> None:
        self.inner.restore(item, target)


def test_undo_restores_the_original_kept_beside_the_zip(library: Library,
                                                         tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "stick", make_entries(4, seed=12), as_zip=True)
    original = sha(export.read_bytes())
    library.import_export([export])
    library.trash = NoTrashForExports(library.trash, tmp_path / "stick")
    report = library.delete(library.clip_ids()[:1], from_export=True)
    kept = export.with_name(f"{export.stem}.original-{report.batch_id}.zip")
    assert kept.exists() and sha(kept.read_bytes()) == original
    assert sha(export.read_bytes()) != original  # the cleaned copy took its name
    assert any(str(kept) == p.where for p in report.problems), report.problems

    undo = library.undo_delete()
    assert undo.ok, undo.problems
    assert undo.exports_restored == [export]
    assert sha(export.read_bytes()) == original and not kept.exists()
    assert library.count_clips() == 4


def test_undo_says_where_it_looked(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "stick", make_entries(3, seed=13), as_zip=True)
    library.import_export([export])
    library.trash = NoTrashForExports(library.trash, tmp_path / "stick")
    report = library.delete(library.clip_ids()[:1], from_export=True)
    kept = export.with_name(f"{export.stem}.original-{report.batch_id}.zip")
    kept.write_bytes(b"something else now")
    undo = library.undo_delete()
    assert any(kept.name in p and "not the original" in p for p in undo.problems), undo.problems
