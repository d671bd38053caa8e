"""Operations on tens of thousands of ids at once stay under SQLite's bound-variable limit.

Ctrl+A then A (or Delete, or "mark for a deletion request") on a big library hands every id
to one call; each must work in chunks (store.queries.chunked), not one giant IN (...).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from reviewer.core.flagging.incremental import read_facts
from reviewer.core.library import ClipQuery, Decision, Library
from reviewer.core.store.queries import CHUNK, chunked
from reviewer.testing.big_library import build_library

N = 50_000  # above SQLite's 32,766 bound variables per statement


def test_chunked_keeps_order_and_size() -> None:
    ids = list(range(CHUNK * 2 + 3))
    parts = list(chunked(ids))
    assert [len(p) for p in parts] == [CHUNK, CHUNK, 3]
    assert [i for p in parts for i in p] == ids
    assert list(chunked([])) == []


def _default_limit(library: Library) -> None:
    """Debian's SQLite allows 250,000 variables per statement, which hides a missing chunk;
    Python's own builds (Windows, macOS) have SQLite's default 32,766: hold the library to it."""
    library.store.engine.dispose()
    event.listen(library.store.engine, "connect", lambda con, _rec: con.setlimit(
        sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("big") / "lib"
    build_library(data_dir, N)
    return data_dir


def test_flagger_reads_50000_changed_clips_at_once(big: Path) -> None:
    """The incremental flagger re-reads the clips whose transcripts arrived since its last
    pass; after a long scan that is tens of thousands of ids (each bound twice)."""
    with Library.open(big) as library:
        ids = library.clip_ids()
        assert len(ids) == N  # before the test below deletes them
        _default_limit(library)
        everything, stored_all = read_facts(library.store)
        facts, stored = read_facts(library.store, ids)
        assert [f.clip_id for f in facts] == [f.clip_id for f in everything]
        assert stored == {cid: stored_all[cid] for cid in stored}
        assert len(facts) == N


def test_decide_delete_and_request_50000_clips_at_once(big: Path) -> None:
    with Library.open(big) as library:
        _default_limit(library)
        ids = library.clip_ids()
        assert len(ids) == N
        assert library.vendors_of(ids) == {"amazon"}

        assert library.decide(ids, Decision.ACCIDENTAL) == N
        assert library.count_clips(ClipQuery(decision="accidental")) == N
        assert sorted(library.undo_decision()) == ids
        assert library.count_clips(ClipQuery(decision="undecided")) == N

        half = ids[: N // 2]
        assert library.decide(half, Decision.DELETE_REQUEST) == len(half)
        created = library.create_requests(region="eu", language="en", name="A. Tester",
                                          email="a@example.org")
        assert created.added == len(half)
        assert sum(len(r.items) for r in created.requests) == len(half)

        report = library.delete(ids, permanent=True)
        assert len(report.deleted) == N
        assert library.count_clips() == 0
        assert library.count_clips(ClipQuery(deleted_only=True)) == N

