from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text

from reviewer.core.store import Clip, ImportRecord, StoreError, open_store
from reviewer.core.store.schema import SCHEMA_VERSION


def _store(tmp_path: Path, **kw: object):  # type: ignore[no-untyped-def]
    (tmp_path / "backups").mkdir(exist_ok=True)
    return open_store(tmp_path / "lib.sqlite3", tmp_path / "backups", **kw)  # type: ignore[arg-type]


def _add_clip(store, when: datetime, key: str = "k1") -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as s:
        imp = ImportRecord(label="x", format="google", fingerprint="f", sources=[])
        s.add(imp)
        s.flush()
        clip = Clip(import_id=imp.id, vendor="google", dedup_key=key, recorded_at=when,
                    recorded_at_text="t", source_path="a.mp3")
        s.add(clip)
        s.flush()
        return clip.id


def test_wal_foreign_keys_and_private_file(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert stat.S_IMODE(store.db_path.stat().st_mode) == 0o600
    store.close()


def test_foreign_key_is_enforced(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(Exception, match="FOREIGN KEY"), store.transaction() as s:
        s.add(Clip(import_id=999, vendor="google", dedup_key="k", source_path="x",
                   recorded_at=datetime.now(UTC), recorded_at_text="t"))
    store.close()


def test_times_are_stored_utc_and_come_back_aware(tmp_path: Path) -> None:
    store = _store(tmp_path)
    local = datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    clip_id = _add_clip(store, local)
    with store.session() as s:
        clip = s.get(Clip, clip_id)
        assert clip is not None
        assert clip.recorded_at == datetime(2024, 3, 1, 7, 30, tzinfo=UTC)
        assert clip.recorded_at.tzinfo is UTC
    raw = sqlite3.connect(store.db_path).execute("SELECT recorded_at FROM clips").fetchone()[0]
    assert raw.startswith("2024-03-01 07:30:00")
    store.close()


def test_naive_datetime_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(Exception, match="naive"):
        _add_clip(store, datetime(2024, 1, 1))
    store.close()


def test_migration_backs_up_then_upgrades(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC))
    store.close()
    before = sqlite3.connect(tmp_path / "lib.sqlite3").execute(
        "SELECT dedup_key FROM clips").fetchall()

    def add_note_column(conn: Connection) -> None:
        conn.execute(text("ALTER TABLE clips ADD COLUMN note TEXT"))

    upgraded = _store(tmp_path, migrations={SCHEMA_VERSION: add_note_column},
                      target_version=SCHEMA_VERSION + 1)
    backup = upgraded.migration_backup
    assert backup is not None and backup.parent == tmp_path / "backups"
    assert f".v{SCHEMA_VERSION}." in backup.name
    # The backup is the untouched old database, the live one has the new column.
    old = sqlite3.connect(backup)
    assert old.execute("SELECT dedup_key FROM clips").fetchall() == before
    assert "note" not in [r[1] for r in old.execute("PRAGMA table_info(clips)")]
    with upgraded.engine.connect() as c:
        assert "note" in [r[1] for r in c.execute(text("PRAGMA table_info(clips)"))]
        assert c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar() \
            == str(SCHEMA_VERSION + 1)
    upgraded.close()


def test_library_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.engine.begin() as c:
        c.execute(text("UPDATE meta SET value='99' WHERE key='schema_version'"))
    store.close()
    before = (tmp_path / "lib.sqlite3").read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        _store(tmp_path)
    assert (tmp_path / "lib.sqlite3").read_bytes() == before


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lib.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a readable library database"):
        _store(tmp_path)


def test_reopen_keeps_data(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC))
    store.close()
    again = _store(tmp_path)
    with again.session() as s:
        assert s.scalar(select(Clip.dedup_key)) == "k1"
    assert again.migration_backup is None
    again.close()


def test_version_1_library_is_upgraded_to_deletion_tables(tmp_path: Path) -> None:
    """A library written before deletion existed gains the tombstone column and the journal
    and request tables; its clips are kept."""
    store = _store(tmp_path)
    _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC))
    store.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite3")
    _drop_version_6(db)
    for table in ("request_items", "deletion_requests", "delete_batches"):
        db.execute(f"DROP TABLE {table}")
    db.execute("ALTER TABLE clips DROP COLUMN deleted_at")
    db.execute("ALTER TABLE clips DROP COLUMN language")  # came in version 3
    db.execute("DROP INDEX ix_clips_deleted")
    _drop_v5_columns(db)
    db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    db.commit()
    db.close()
    upgraded = _store(tmp_path)
    assert upgraded.migration_backup is not None
    with upgraded.engine.connect() as c:
        assert "deleted_at" in [r[1] for r in c.execute(text("PRAGMA table_info(clips)"))]
        tables = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master"))}
        assert {"delete_batches", "deletion_requests", "request_items"} <= tables
        assert "ix_clips_deleted" in tables
        assert c.execute(text("SELECT count(*) FROM clips")).scalar() == 1
    upgraded.close()


def test_version_2_library_gains_each_clips_transcript_language(tmp_path: Path) -> None:
    """Schema 3: a clip keeps its newest transcript's language. A version-2 library is backed
    up, then each clip's language is filled from the transcripts it already had (only a
    transcript with speech says anything about the language)."""
    from reviewer.core.store import Transcript

    store = _store(tmp_path)
    german = _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC), "k1")
    silent = _add_clip(store, datetime(2024, 1, 2, tzinfo=UTC), "k2")
    untranscribed = _add_clip(store, datetime(2024, 1, 3, tzinfo=UTC), "k3")
    with store.transaction() as s:
        s.add_all([
            Transcript(clip_id=german, model="tiny.en", status="done", text="Alexa",
                       language="en"),
            Transcript(clip_id=german, model="base", status="done", text="Alexa, wie spät?",
                       language="de"),
            Transcript(clip_id=silent, model="base", status="no_speech", text="",
                       language="de")])
    store.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite3")
    _drop_version_6(db)
    db.execute("ALTER TABLE clips DROP COLUMN language")
    _drop_v5_columns(db)
    db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    db.commit()
    db.close()

    upgraded = _store(tmp_path)
    assert upgraded.migration_backup is not None and upgraded.migration_backup.is_file()
    backup = sqlite3.connect(upgraded.migration_backup)
    assert "language" not in [r[1] for r in backup.execute("PRAGMA table_info(clips)")]
    backup.close()
    with upgraded.session() as s:
        languages = dict(s.execute(select(Clip.id, Clip.language)).all())
    assert languages == {german: "de", silent: None, untranscribed: None}
    with upgraded.engine.connect() as c:
        assert c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar() \
            == str(SCHEMA_VERSION)
    upgraded.close()


def _drop_v5_columns(db: sqlite3.Connection) -> None:
    db.execute("DROP INDEX ix_clips_dialogue")
    db.execute("DROP INDEX ix_clips_priority")  # holds `dialogue` since v9; v9 makes it again
    db.execute("ALTER TABLE clips DROP COLUMN dialogue")
    db.execute("ALTER TABLE clips DROP COLUMN action_text")


def test_version_4_library_gains_action_text_and_dialogue(tmp_path: Path) -> None:
    """A library flagged before dialogues existed keeps its clips and flags and gains the
    two columns, empty until the next `flag`."""
    store = _store(tmp_path)
    cid = _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC))
    with store.transaction() as s:
        s.execute(text("UPDATE clips SET score = 70, flagged = 1, action = 'message', "
                       "acted_on = 1 WHERE id = :id"), {"id": cid})
    store.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite3")
    _drop_v5_columns(db)
    db.execute("UPDATE meta SET value='4' WHERE key='schema_version'")
    db.commit()
    db.close()
    upgraded = _store(tmp_path)
    assert upgraded.migration_backup is not None and ".v4." in upgraded.migration_backup.name
    with upgraded.session() as s:
        clip = s.get(Clip, cid)
        assert clip is not None
        assert (clip.score, clip.action, clip.acted_on) == (70, "message", True)
        assert clip.action_text is None and clip.dialogue is None
    with upgraded.engine.connect() as c:
        names = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master"))}
        assert "ix_clips_dialogue" in names
        assert c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar() \
            == str(SCHEMA_VERSION)
    upgraded.close()


def _drop_version_6(db: sqlite3.Connection) -> None:
    db.execute("DROP TABLE account_devices")
    db.execute("ALTER TABLE clips DROP COLUMN time_unknown")


def test_version_5_library_gains_unknown_times_and_device_lists(tmp_path: Path) -> None:
    """A library written before times could be unknown gets the column (every clip keeps its
    known time) and the table of registered devices."""
    store = _store(tmp_path)
    _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC))
    store.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite3")
    _drop_version_6(db)
    db.execute("UPDATE meta SET value='5' WHERE key='schema_version'")
    db.commit()
    db.close()
    upgraded = _store(tmp_path)
    assert upgraded.migration_backup is not None and ".v5." in upgraded.migration_backup.name
    with upgraded.engine.connect() as c:
        tables = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master"))}
        assert "account_devices" in tables
        assert c.execute(text("SELECT time_unknown FROM clips")).scalars().all() == [0]
        assert c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar() \
            == str(SCHEMA_VERSION)
    upgraded.close()


def test_version_9_library_keeps_its_word_times(tmp_path: Path) -> None:
    """Schema 10: whether a transcript's word times were computed. A version-9 library is
    backed up; transcripts with words keep them (computed), one with text and no words (the
    "plain" path made none) gets them computed on demand, no speech has nothing to compute."""
    from reviewer.core.store import Transcript

    store = _store(tmp_path)
    first = _add_clip(store, datetime(2024, 1, 1, tzinfo=UTC), "k1")
    second = _add_clip(store, datetime(2024, 1, 2, tzinfo=UTC), "k2")
    third = _add_clip(store, datetime(2024, 1, 3, tzinfo=UTC), "k3")
    words = [{"start": 0.5, "end": 1.0, "word": " Alexa,", "probability": 0.9},
             {"start": 1.1, "end": 1.4, "word": " stop.", "probability": 0.8}]
    with store.transaction() as s:
        s.add_all([Transcript(clip_id=first, model="tiny.en", status="done",
                              text="Alexa, stop.", words=words),
                   Transcript(clip_id=second, model="tiny.en", status="done",
                              text="Alexa, stop.", words=[]),
                   Transcript(clip_id=third, model="tiny.en", status="no_speech", text="")])
    store.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite3")
    db.execute("ALTER TABLE transcripts DROP COLUMN words_computed")
    db.execute("UPDATE meta SET value='9' WHERE key='schema_version'")
    db.commit()
    db.close()

    upgraded = _store(tmp_path)
    assert upgraded.migration_backup is not None and upgraded.migration_backup.is_file()
    assert ".v9." in upgraded.migration_backup.name
    with upgraded.session() as s:
        rows = {t.clip_id: (t.words, t.words_computed) for t in s.scalars(select(Transcript))}
    assert rows == {first: (words, True), second: ([], False), third: ([], True)}
    with upgraded.engine.connect() as c:
        assert c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar() \
            == str(SCHEMA_VERSION) == "10"
    upgraded.close()
