"""Issue 11 item 14: the transcription worker dies with its parent, even while it is busy.

It only checked its parent when its queue was empty, so a worker with clips queued outlived
a SIGKILLed parent until the queue ran dry (on a loaded machine, past the old test's 10 s).
Here the parent queues 2,000 clips, is killed while the worker works on them, and the test
waits for the worker's end as an event (ceiling 120 s: the old worker needed minutes).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.resources import resource_root

DRIVERS = Path(__file__).with_name("_drivers.py")
CLIP = resource_root() / "reviewer" / "testing" / "data" / "speech" / "command_01.ogg"


def _alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_busy_worker_dies_with_its_killed_parent(tmp_path: Path) -> None:
    assert CLIP.is_file()
    parent = subprocess.Popen(
        [sys.executable, str(DRIVERS), "orphan-worker", str(tmp_path / "cache"), str(CLIP),
         "2000"], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = parent.stdout.readline() if parent.stdout else ""
        assert line.startswith("worker ") and "busy True" in line, line
        worker = int(line.split()[1])
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        killed = time.monotonic()
        while _alive(worker) and time.monotonic() - killed < 120:
            time.sleep(0.02)
        gone_after = time.monotonic() - killed
        assert not _alive(worker), "the busy worker outlived its killed parent by 120 s"
        print(f"worker gone {gone_after:.2f} s after its parent was killed")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)
