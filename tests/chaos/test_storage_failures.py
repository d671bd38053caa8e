"""Issue 11 item 10: a full disk and a damaged database end in a plain message, and
`reviewer doctor` checks the database and says what to do.

The full disk is SQLite's own SQLITE_FULL, produced by capping the database's page count
(`PRAGMA max_page_count`) on the app's real connections; the damage is garbage written over
pages of a real library's database file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import reviewer.core.store.engine as store_engine
from reviewer import cli as cli_module
from reviewer.core.library import Library
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.test_cli import _env, assert_no_traceback, cli


def test_disk_full_during_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "library"
    Library.open(data).close()
    [export] = write_takeout(tmp_path / "dl", make_entries(300, seed=21), as_zip=True)
    real = store_engine._on_connect

    def full_soon(dbapi_conn: Any, record: Any) -> None:
        real(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 8}")

    monkeypatch.setattr(store_engine, "_on_connect", full_soon)
    code = cli_module.main(["--data-dir", str(data), "import", str(export)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "reviewer: error: the disk holding the library" in err and "is full" in err
    assert "Traceback" not in err
    monkeypatch.setattr(store_engine, "_on_connect", real)
    # Space again: the same command goes on and finishes.
    assert cli_module.main(["--data-dir", str(data), "import", str(export)]) == 0
    with Library.open(data) as lib:
        assert lib.count_clips() == 300


def test_damaged_database_and_doctor(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "library"
    [export] = write_takeout(tmp_path / "dl", make_entries(400, seed=22), as_zip=True)
    assert cli(data, "import", str(export), env=env).code == 0
    healthy = cli(data, "doctor", env=env)
    assert healthy.code == 0 and "healthy" in healthy.out
    (data / "backups" / "library.v3.20260101T000000Z.sqlite3").write_bytes(
        (data / "library.sqlite3").read_bytes())  # as a migration would have left it

    db = data / "library.sqlite3"
    raw = bytearray(db.read_bytes())
    page = 4096
    for n in range(3, len(raw) // page - 1, 3):  # every third page after the first ones
        raw[n * page + 8:n * page + 600] = b"\xa5" * 592
    db.write_bytes(bytes(raw))

    listing = cli(data, "list", env=env)
    assert listing.code == 1, listing.out[-300:]
    assert_no_traceback(listing)
    assert "damaged" in listing.err and "reviewer doctor" in listing.err

    doctor = cli(data, "doctor", env=env)
    assert doctor.code == 1
    assert_no_traceback(doctor)
    assert "damaged" in doctor.out and "integrity check" in doctor.out
    assert "library.v3.20260101T000000Z.sqlite3" in doctor.out  # the backup to go back to
    assert "import your exports again" in doctor.out
