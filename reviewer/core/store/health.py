"""When the library's storage fails: say what happened and what to do, never a traceback.

Two failures ended in tracebacks: a full disk (SQLite: "database or disk is full", or the
audio copy failing with ENOSPC) and a damaged database page ("database disk image is
malformed"). `storage_problem` turns either into a message for the user; `check_database`
(`reviewer doctor`) runs SQLite's integrity check without writing anything and says what to
do when it fails: the copy kept before the last schema upgrade, or a new library with the
exports imported again (the audio is content-addressed, so nothing is lost that the exports
still hold; decisions and transcripts made since are in the damaged file only).
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reviewer.core.messages import Msg

_FULL = ("database or disk is full", "disk i/o error")
_DAMAGED = ("database disk image is malformed", "file is not a database",
            "database corruption")


def storage_problem(exc: BaseException, data_dir: Path | None = None) -> str | None:
    """A plain message if `exc` (or what caused it) is a full disk or a damaged database."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(getattr(current, "orig", None) or current).lower()
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return _full_message(data_dir)
        if any(marker in text for marker in _FULL):
            return _full_message(data_dir)
        if any(marker in text for marker in _DAMAGED):
            where = Msg(" in {folder}", folder=data_dir) if data_dir is not None else ""
            return Msg("the library database{where} is damaged ({error}). Your audio files "
                       "are not affected. Run `reviewer doctor` to check it: it says what can "
                       "be done (the copy kept before the last upgrade, or importing your "
                       "exports into a new library).", where=where, error=text.strip())
        current = current.__cause__ or current.__context__
    return None


def _full_message(data_dir: Path | None) -> str:
    where = f" ({data_dir})" if data_dir is not None else ""
    return Msg("the disk holding the library{where} is full. Nothing was half-saved: the step "
               "that failed was undone. Free some space on that disk, then run the same "
               "command again; it goes on where it stopped.", where=where)


@dataclass
class Health:
    ok: bool
    problems: list[str] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def check_database(db_path: Path, backup_dir: Path, limit: int = 20) -> Health:
    """PRAGMA integrity_check on the library database, read-only."""
    if not db_path.exists():
        return Health(ok=True, advice=[f"There is no library database at {db_path} yet."])
    try:
        con = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in con.execute(f"PRAGMA integrity_check({int(limit)})")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return Health(ok=True)
    backups = sorted(backup_dir.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime,
                     reverse=True) if backup_dir.is_dir() else []
    health = Health(ok=False, problems=rows, backups=backups)
    aside = db_path.with_name(f"{db_path.stem}.damaged-"
                              f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.sqlite3")
    if backups:
        when = datetime.fromtimestamp(backups[0].stat().st_mtime, UTC).strftime("%Y-%m-%d")
        health.advice.append(
            f"Go back to the copy kept before the last upgrade ({backups[0]}, from {when}): "
            f"close the app, move {db_path.name} aside (e.g. to {aside.name}), copy that "
            f"backup to {db_path}, and start the app. What changed after {when} (imports, "
            "transcripts, decisions) is not in it: import your exports again to bring the "
            "recordings back; transcription and flagging run again by themselves.")
    health.advice.append(
        f"Or start a new library: move {db_path.name} aside (e.g. to {aside.name}) and "
        "import your exports again (`reviewer import EXPORT`). The audio already copied is "
        "reused; transcripts, flags and decisions are made again.")
    health.advice.append("Keep the damaged file until the library works again: it may be "
                         "recoverable with the sqlite3 tool's `.recover` command.")
    return health


__all__ = ["Health", "check_database", "storage_problem"]
