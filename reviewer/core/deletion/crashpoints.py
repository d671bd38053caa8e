"""Named points in the delete and undo journals where a test can kill the process.

`REVIEWER_TEST_KILL_AT` makes the process SIGKILL itself at one of them: a number N (the Nth
point this process reaches), a name ("committed": its first occurrence) or "name#k" (its
k-th occurrence). `REVIEWER_TEST_TRACE` names a file that gets one line per point reached, so
a test can list every point of a run before sweeping through them. Without either variable a
point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

KILL_ENV = "REVIEWER_TEST_KILL_AT"
TRACE_ENV = "REVIEWER_TEST_TRACE"

_reached = 0
_by_name: dict[str, int] = {}


def reset() -> None:
    """Start counting from zero (a forked test child inherits its parent's counts)."""
    global _reached
    _reached = 0
    _by_name.clear()


def checkpoint(name: str) -> None:
    """One step of a journal is complete; in a test, possibly die here."""
    kill_at = os.environ.get(KILL_ENV)
    trace = os.environ.get(TRACE_ENV)
    if not kill_at and not trace:
        return
    global _reached
    _reached += 1
    count = _by_name[name] = _by_name.get(name, 0) + 1
    if trace:
        with open(trace, "a", encoding="utf-8") as f:
            f.write(f"{name}\n")
    if kill_at and kill_at in (str(_reached), f"{name}#{count}", name if count == 1 else ""):
        os.kill(os.getpid(), signal.SIGKILL)
