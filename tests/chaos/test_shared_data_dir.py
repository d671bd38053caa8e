"""Issue 11 item 13: `--data-dir` on an existing world-writable folder is not chmodded.

It used to be made 0700 silently (on /tmp or a shared folder that takes it away from every
other user). Now the app refuses with a message that suggests a new folder inside it, and a
new folder is created private as before.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.test_cli import _env, assert_no_traceback, cli


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_world_writable_folder_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    env = _env(tmp_path)
    run = cli(shared, "info", env=env)
    assert run.code == 1 and run.error_lines, run.err
    assert "other users can write to" in run.err and str(shared / "VoiceHistoryReviewer") in run.err
    assert_no_traceback(run)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert list(shared.iterdir()) == []

    inside = shared / "VoiceHistoryReviewer"
    assert cli(inside, "info", env=env).code == 0
    assert stat.S_IMODE(inside.stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
