"""Opening the library database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reviewer.core.messages import Msg, message_of
from reviewer.core.store.schema import Migration, SchemaError, ensure_schema


class StoreError(Exception):
    """The library database cannot be opened; the message is meant for the user."""


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (the GUI) never block the writer (the import / transcription worker).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    # Sorts and temporary indexes in memory: SQLite would otherwise write etilqs_* files to
    # /var/tmp, outside the private data folder (the issue-11 outside-writes check).
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


class Store:
    """The engine plus a session factory for one library database file."""

    def __init__(self, engine: Engine, db_path: Path, backup: Path | None) -> None:
        self.engine = engine
        self.db_path = db_path
        self.migration_backup = backup
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write_transaction(self) -> Iterator[Session]:
        """Like `transaction`, but holding the database's write lock from its first statement.

        Python's sqlite3 begins a transaction only at the first INSERT/UPDATE/DELETE, so in a
        plain `transaction` the reads before it see whatever another writer commits meanwhile:
        a check ("is this clip still there?") and the write that depends on it are not
        atomic. BEGIN IMMEDIATE takes the lock first (waiting up to busy_timeout for another
        writer), so everything read inside is current until the commit.
        """
        with self._sessions.begin() as session:
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(db_path: Path, backup_dir: Path,
               migrations: dict[int, Migration] | None = None,
               target_version: int | None = None) -> Store:
    """Open (creating or upgrading) the database at `db_path`."""
    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _on_connect)
    try:
        with engine.begin() as conn:
            kwargs: dict[str, Any] = {}
            if target_version is not None:
                kwargs["target"] = target_version
            backup = ensure_schema(conn, db_path, backup_dir, migrations, **kwargs)
    except SchemaError as exc:
        engine.dispose()
        raise StoreError(message_of(exc)) from exc
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        raise StoreError(Msg("{path} is not a readable library database ({error}). Run "
                             "`reviewer doctor` to see what can be done.", path=db_path,
                             error=str(exc.orig))) from exc
    if db_path.exists():
        db_path.chmod(0o600)
    return Store(engine, db_path, backup)
