"""What must hold before an import may start: it is the only one, and it is not the library.

- One import at a time per library. Two at once (the same export twice, or a zip and its
  extracted folder) raced on the same recordings: one died on a UNIQUE constraint and left its
  import "running" for ever. A lock file in the data folder (an OS lock: released by the
  kernel when its holder exits or is killed, so it never goes stale) turns the second into a
  plain message. Whoever holds it knows no other import is running, so any import still
  marked "running" was interrupted (killed, crashed) and is marked so; running the same
  import again resumes it.
- The library is never its own input: importing the data folder (or a folder that contains
  it) copied the library's audio in as 30 "new" clips, and deleting one of them from its
  "export" then removed the audio another clip still used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import update

from reviewer.config import Paths
from reviewer.core.importers.source import ExportError
from reviewer.core.messages import Msg
from reviewer.core.store import ImportRecord, ImportStatus, Store

LOCK_FILE = "import.lock"


class ImportBusyError(ExportError):
    """Another import into the same library is running."""


def _try_lock(fh: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def import_lock(paths: Paths, store: Store) -> Iterator[None]:
    """Hold the library's import lock (or raise ImportBusyError at once)."""
    fh = open(paths.data_dir / LOCK_FILE, "a+b")
    try:
        if not _try_lock(fh):
            raise ImportBusyError(Msg(
                "another import into this library is running (in the app or another "
                "`reviewer import`). Wait until it has finished, then import again: "
                "what it already imported is not imported twice."))
        mark_interrupted(store)
        yield
    finally:
        fh.close()  # closing releases the lock


def mark_interrupted(store: Store) -> int:
    """Imports marked running while the lock is held by the caller were interrupted."""
    with store.transaction() as s:
        result = s.execute(update(ImportRecord)
                           .where(ImportRecord.status == ImportStatus.RUNNING)
                           .values(status=ImportStatus.INTERRUPTED))
        return int(getattr(result, "rowcount", 0) or 0)


@contextmanager
def no_import_running(paths: Paths) -> Iterator[bool]:
    """True (holding the lock meanwhile) if no import into this library is running now."""
    with open(paths.data_dir / LOCK_FILE, "a+b") as fh:
        yield _try_lock(fh)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def refuse_library_inputs(inputs: Sequence[Path], data_dir: Path) -> None:
    """Raise ExportError if an input lies inside the library folder or holds it."""
    library = _real(data_dir)
    for given in inputs:
        path = _real(given)
        if path == library or library in path.parents:
            raise ExportError(Msg(
                "{path} is inside the library folder ({folder}): that is the app's own "
                "copy of your recordings, not an export. Choose the file or folder you "
                "downloaded from Amazon or Google.", path=given, folder=data_dir))
        if path in library.parents:
            raise ExportError(Msg(
                "the library folder ({folder}) is inside {path}: importing it would "
                "import the library's own audio as new recordings. Choose the export's own "
                "folder or zip, or keep the library elsewhere (--data-dir).", path=given,
                folder=data_dir))


__all__ = ["LOCK_FILE", "ImportBusyError", "import_lock", "mark_interrupted",
           "no_import_running", "refuse_library_inputs"]
