"""Schema versions and the steps between them.

A library written by an older app version is upgraded in place, after a full copy of the
database has been taken with SQLite's backup API (a plain file copy could miss pages still in
the WAL). A library written by a newer app version is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select, text

from reviewer.core.store import voice_tables
from reviewer.core.store.models import Base, Meta

SCHEMA_VERSION = 10

# MIGRATIONS[n] upgrades a version-n database to version n+1, inside one transaction.
Migration = Callable[[Connection], None]


def _v1_to_v2(conn: Connection) -> None:
    """Deletion (tombstones and the delete journal) and deletion requests."""
    conn.execute(text("ALTER TABLE clips ADD COLUMN deleted_at DATETIME"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_clips_deleted ON clips (id) "
                      "WHERE status = 'deleted'"))
    tables = [Base.metadata.tables[name] for name in
              ("delete_batches", "deletion_requests", "request_items")]
    Base.metadata.create_all(conn, tables=tables)


def _v2_to_v3(conn: Connection) -> None:
    """Each clip keeps the language of its newest transcript (German and other languages):
    filled from the transcripts already made (each transcript always stored its language)."""
    conn.execute(text("ALTER TABLE clips ADD COLUMN language VARCHAR(16)"))
    conn.execute(text(
        "UPDATE clips SET language = (SELECT t.language FROM transcripts t "
        "WHERE t.clip_id = clips.id ORDER BY t.id DESC LIMIT 1) "
        "WHERE (SELECT t.status FROM transcripts t WHERE t.clip_id = clips.id "
        "ORDER BY t.id DESC LIMIT 1) = 'done'"))


def _v3_to_v4(conn: Connection) -> None:
    """Voices: each clip's speaker embedding and the voices found (no data to convert)."""
    Base.metadata.create_all(conn, tables=[Base.metadata.tables[t.__tablename__] for t in
                                           (voice_tables.Voice, voice_tables.ClipEmbedding)])


def _add_column(conn: Connection, table: str, column: str, ddl: str) -> None:
    """`ALTER TABLE … ADD COLUMN` unless the column is there already: a step may then meet
    a database that a later version's step has partly prepared (as tests that downgrade a
    library by hand do), like `create_all`, which skips tables that exist."""
    if column not in {row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))}:
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


def _v4_to_v5(conn: Connection) -> None:
    """What a clip's action did, in words, and the dialogue it is a turn of. Both are
    written by the flagger, so they stay empty until the next `flag` fills them."""
    _add_column(conn, "clips", "action_text", "TEXT")
    _add_column(conn, "clips", "dialogue", "INTEGER")
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_clips_dialogue ON clips (dialogue)"))


def _v5_to_v6(conn: Connection) -> None:
    """Clips whose time is unknown, and the devices registered to an account."""
    _add_column(conn, "clips", "time_unknown", "BOOLEAN NOT NULL DEFAULT 0")
    Base.metadata.create_all(conn, tables=[Base.metadata.tables["account_devices"]])


def _v6_to_v7(conn: Connection) -> None:
    """The user's answers about devices ("not ours"); nothing to convert."""
    Base.metadata.create_all(conn, tables=[Base.metadata.tables["device_marks"]])


def _v7_to_v8(conn: Connection) -> None:
    """Two questions instead of one decision: what happens to my copy (`decision`:
    accidental / keep) and whether to ask the vendor to delete theirs (`ask_vendor`).

    Carried over as the user left them: "delete_request" becomes "ask: yes" with my copy
    undecided (the old R replaced any accidental/keep mark); "accidental" gets an explicit
    "ask: no", because the old A put no clip into a letter and an upgrade must not add any
    (R says yes for them now); "keep" leaves the question unanswered (no). The undo log is
    converted the same way, so Ctrl+Z after the upgrade puts back what it would have."""
    _add_column(conn, "clips", "ask_vendor", "BOOLEAN")
    for column in ("before_ask BOOLEAN", "after_ask BOOLEAN", "with_delete INTEGER"):
        _add_column(conn, "decision_log", *column.split(" "))
    conn.execute(text("UPDATE clips SET ask_vendor = 1, decision = NULL "
                      "WHERE decision = 'delete_request'"))
    conn.execute(text("UPDATE clips SET ask_vendor = 0 WHERE decision = 'accidental'"))
    for side in ("before", "after"):
        conn.execute(text(
            f"UPDATE decision_log SET {side}_ask = CASE {side} WHEN 'delete_request' THEN 1 "
            f"WHEN 'accidental' THEN 0 END, {side} = CASE {side} WHEN 'delete_request' "
            f"THEN NULL ELSE {side} END"))


def _v8_to_v9(conn: Connection) -> None:
    """The review-order index also holds `dialogue` (see models.Clip): the listing's
    one-row-per-dialogue test is read from the index instead of every clip's row."""
    conn.execute(text("DROP INDEX IF EXISTS ix_clips_priority"))
    conn.execute(text("CREATE INDEX ix_clips_priority ON clips ((acted_on IS 1) DESC, "
                      "score DESC, recorded_at, id, dialogue)"))


def _v9_to_v10(conn: Connection) -> None:
    """Word times on demand: whether a transcript's words were computed. Transcripts made
    before keep their words as they are (computed); a transcript with text but no words (the
    "plain" path made none) gets them computed when its clip is opened."""
    _add_column(conn, "transcripts", "words_computed", "BOOLEAN NOT NULL DEFAULT 1")
    conn.execute(text("UPDATE transcripts SET words_computed = 0 WHERE status = 'done' "
                      "AND TRIM(COALESCE(text, '')) != '' "
                      "AND COALESCE(words, '[]') IN ('[]', 'null')"))


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5,
                                     5: _v5_to_v6, 6: _v6_to_v7, 7: _v7_to_v8, 8: _v8_to_v9,
                                     9: _v9_to_v10}


class SchemaError(Exception):
    """The database cannot be used by this version of the app."""


def read_version(conn: Connection) -> int | None:
    has_meta = conn.execute(text(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'")).first()
    if not has_meta:
        return None
    value = conn.execute(select(Meta.value).where(Meta.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def write_version(conn: Connection, version: int) -> None:
    conn.execute(text("INSERT INTO meta(key, value) VALUES ('schema_version', :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"), {"v": str(version)})


def backup_database(db_path: Path, backup_dir: Path, version: int) -> Path:
    """A consistent copy of the whole database, taken before any migration touches it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{db_path.stem}.v{version}.{stamp}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    target.chmod(0o600)
    return target


def ensure_schema(conn: Connection, db_path: Path, backup_dir: Path,
                  migrations: dict[int, Migration] | None = None,
                  target: int = SCHEMA_VERSION) -> Path | None:
    """Create a new database or bring an old one to `target`. Returns the backup made, if any."""
    steps = MIGRATIONS if migrations is None else migrations
    version = read_version(conn)
    if version is None:
        Base.metadata.create_all(conn)
        write_version(conn, target)
        return None
    if version > target:
        raise SchemaError(
            f"This library was written by a newer version of Voice History Reviewer "
            f"(schema {version}; this version understands up to {target}). "
            "Please update the app; the library was not changed.")
    if version == target:
        return None
    missing = [v for v in range(version, target) if v not in steps]
    if missing:
        raise SchemaError(f"No upgrade path from schema {version} to {target}")
    backup = backup_database(db_path, backup_dir, version)
    for v in range(version, target):
        steps[v](conn)
        write_version(conn, v + 1)
    return backup
