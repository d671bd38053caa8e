from __future__ import annotations

import stat
from pathlib import Path

import pytest

from reviewer.config import DataDirError, ensure_private_dir, prepare, resolve_paths


def test_explicit_dir_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths(tmp_path / "cli").data_dir == tmp_path / "cli"
    assert resolve_paths().data_dir == tmp_path / "env"


def test_default_is_platform_user_data_dir(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVIEWER_DATA_DIR")
    paths = resolve_paths()
    assert paths.data_dir == tmp_path / "xdg-data" / "VoiceHistoryReviewer"
    assert paths.cache_dir == tmp_path / "xdg-cache" / "VoiceHistoryReviewer"


def test_override_keeps_logs_and_cache_inside_it(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "lib")
    assert paths.log_dir.parent == paths.data_dir
    assert paths.cache_dir.parent == paths.data_dir


def test_directories_are_owner_only(tmp_path: Path) -> None:
    paths = prepare(resolve_paths(tmp_path / "lib"))
    for d in (paths.data_dir, paths.audio_dir, paths.scratch_dir, paths.backup_dir,
              paths.log_dir, paths.cache_dir):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d


def test_existing_open_directory_is_tightened(tmp_path: Path) -> None:
    d = tmp_path / "lib"
    d.mkdir(mode=0o755)
    d.chmod(0o755)
    ensure_private_dir(d)
    assert stat.S_IMODE(d.stat().st_mode) == 0o700


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lib").write_text("not a folder")
    with pytest.raises(DataDirError, match=r"not a folder|Cannot create"):
        ensure_private_dir(tmp_path / "lib")
