"""Issue 11 items 6 and 9: the library is never its own input; one import at a time.

6: importing the data folder (or a folder holding it) made 30 duplicates whose "export" was
   the library's own audio. 9: two imports of one export at once died on
   `UNIQUE constraint failed: clips.dedup_key`, and the zip and its extracted folder at once
   left an import "running" for ever.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select, update

from reviewer.core.importers.source import ExportError
from reviewer.core.library import Library
from reviewer.core.progress import Progress
from reviewer.core.store import ImportRecord, ImportStatus
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.test_cli import _env, assert_no_traceback, cli, parallel


def test_the_library_folder_is_refused_as_an_input(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(5, seed=3), as_zip=True)
    library.import_export([export])
    data = library.paths.data_dir
    with pytest.raises(ExportError, match="inside the library folder"):
        library.import_export([data])
    with pytest.raises(ExportError, match="inside the library folder"):
        library.import_export([data / "audio"])
    with pytest.raises(ExportError, match=r"library folder \(.*\) is inside"):
        library.import_export([data.parent])
    assert library.count_clips() == 5


def test_cli_says_so_in_plain_words(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "exports" / "library"  # the library inside the downloads folder
    [export] = write_takeout(tmp_path / "exports", make_entries(3, seed=4), as_zip=True)
    assert cli(data, "import", str(export), env=env).code == 0
    run = cli(data, "import", str(tmp_path / "exports"), env=env)
    assert run.code == 1 and run.error_lines and "is inside" in run.err
    assert_no_traceback(run)
    info = cli(data, "info", env=env)
    assert "3 clips" in info.out or " 3 " in info.out


def test_imports_at_once_never_crash_and_never_stay_running(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "library"
    [export] = write_takeout(tmp_path / "dl", make_entries(400, seed=9), as_zip=True)
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(export) as z:
        z.extractall(folder)
    assert cli(data, "info", env=env).code == 0  # create the library first
    outcomes = {"imported": 0, "refused": 0}
    for trial in range(3):
        inputs = [str(export), str(export)] if trial == 0 else [str(export), str(folder)]
        runs = parallel([(data, ("import", inputs[0])), (data, ("import", inputs[1]))], env)
        for run in runs:
            assert_no_traceback(run)
            assert "UNIQUE constraint" not in run.err
            if run.code == 0:
                outcomes["imported"] += 1
            else:
                assert run.code == 1, run.err
                assert "another import into this library is running" in run.err
                outcomes["refused"] += 1
    print(f"imports at once: {outcomes}")
    assert outcomes["imported"] >= 3
    lib = Library.open(data)
    try:
        with lib.store.session() as s:
            statuses = list(s.scalars(select(ImportRecord.status)))
        assert ImportStatus.RUNNING not in statuses
        assert lib.count_clips() == len([c for c in json.loads(
            cli(data, "list", "--json", env=env).out)])
    finally:
        lib.close()


def test_a_failed_import_is_not_left_running(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(30, seed=8), as_zip=True)

    def fail(p: Progress) -> None:
        if p.done > 5:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        library.import_export([export], progress=fail)
    with library.store.session() as s:
        assert list(s.scalars(select(ImportRecord.status))) == [ImportStatus.INTERRUPTED]
    report = library.import_export([export])  # the same import again finishes it
    assert report.resumed and library.count_clips() == 30

    # A process killed mid-import leaves "running" behind: the next start corrects it.
    with library.store.transaction() as s:
        s.execute(update(ImportRecord).values(status=ImportStatus.RUNNING))
    reopened = Library.open(library.paths.data_dir)
    try:
        with reopened.store.session() as s:
            assert ImportStatus.RUNNING not in set(s.scalars(select(ImportRecord.status)))
    finally:
        reopened.close()


def test_delete_from_export_spares_a_library_imported_into_itself(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library that imported its own folder before this was refused: deleting one of those
    duplicates "from the export" must not remove the audio the original clip uses."""
    import itertools

    from reviewer.core.importers import pipeline

    [export] = write_takeout(tmp_path / "dl", make_entries(4, seed=14), as_zip=True)
    library.import_export([export])
    originals = library.clip_ids()
    # The old app: before the same audio found by another format counted as the same
    # recording (every audio-hash key unique, so none matches).
    fresh = itertools.count()
    monkeypatch.setattr(pipeline, "_sha_key", lambda sha, vendor: f"old-app|{next(fresh)}")
    pipeline.run_import(library.store, library.paths, [library.paths.data_dir / "audio"])
    monkeypatch.undo()
    duplicates = [c for c in library.clip_ids() if c not in originals]
    assert duplicates
    audio = {library.audio_path(library.clip(c)) for c in originals}  # type: ignore[arg-type]
    report = library.delete(duplicates[:1], from_export=True)
    assert any("inside the library folder" in p.reason for p in report.problems)
    assert all(p is not None and p.exists() for p in audio)
