"""An import killed with SIGKILL at any moment can be re-run to completion: no duplicates,
no lost clips, no row without its audio, and the export untouched."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.testing.google_exports import make_entries, write_takeout
from tests.conftest import REPO, tree_hashes

N_CLIPS = 1500
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")


def _start_import(data_dir: Path, export: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_DATA_DIR"}
    return subprocess.Popen(
        [sys.executable, "-m", "reviewer", "--data-dir", str(data_dir), "import", str(export)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _clip_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM clips").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _kill_when(proc: subprocess.Popen[bytes], db: Path, at_least: int,
               timeout: float = 60) -> int:
    """SIGKILL the import once the library holds `at_least` clips; returns the count seen."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        seen = _clip_count(db)
        if seen >= at_least:
            break
        time.sleep(0.003)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return seen


def _check_invariants(data_dir: Path) -> int:
    """Every row has its complete audio; no key twice. Returns the clip count."""
    con = sqlite3.connect(data_dir / "library.sqlite3")
    try:
        rows = con.execute("SELECT dedup_key, audio_path, audio_sha256 FROM clips").fetchall()
    finally:
        con.close()
    keys = [r[0] for r in rows]
    assert len(keys) == len(set(keys))
    for _key, rel, sha in rows:
        if rel is None:  # a vendor record without audio
            assert sha is None
            continue
        data = (data_dir / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
    # No audio file under its final name is partial: each name is its content's hash.
    for f in (data_dir / "audio").rglob("*.mp3"):
        assert hashlib.sha256(f.read_bytes()).hexdigest() == f.stem
    return len(rows)


def test_import_killed_at_many_points_resumes_without_duplicates(tmp_path: Path) -> None:
    entries = make_entries(N_CLIPS)
    [export] = write_takeout(tmp_path / "dl", entries, as_zip=True)
    export_hashes = tree_hashes(export)
    data_dir = tmp_path / "lib"
    db = data_dir / "library.sqlite3"

    # Kill during start-up (before anything is written), then at growing clip counts: each
    # run resumes the previous one, so this walks the kill point through the whole import.
    proc = _start_import(data_dir, export)
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    counts = []
    for target in (1, 150, 400, 401, 700, 1000, 1300):
        _kill_when(_start_import(data_dir, export), db, target)
        counts.append(_check_invariants(data_dir))
    assert counts == sorted(counts), "a restart lost clips"
    assert counts[-1] < N_CLIPS, "the import finished before the last kill; raise N_CLIPS"

    final = _start_import(data_dir, export)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert "Resumed an unfinished import" in out.decode()
    assert _check_invariants(data_dir) == N_CLIPS
    con = sqlite3.connect(db)
    try:
        imports = con.execute("SELECT status, clips_new FROM imports").fetchall()
        names = {r[0] for r in con.execute(
            "SELECT vendor_id FROM clips WHERE vendor_id IS NOT NULL")}
    finally:
        con.close()
    assert imports == [("complete", N_CLIPS)]
    assert names == {e.file_name for e in entries if e.file_name}
    assert len(names) == sum(1 for e in entries if e.file_name)
    assert tree_hashes(export) == export_hashes
    # Partial files of killed runs are cleaned up when the library is next opened.
    assert list((data_dir / "tmp").glob("*.part")) == []
