"""While a job runs, Python's cycle collector runs only on the GUI thread (see
reviewer.ui.gc_thread: a collection in a job thread destroyed Qt objects there and crashed)."""

from __future__ import annotations

import os

# As the other window tests: run alone, this file aborted creating the QApplication on a
# machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import threading
from typing import Any

from reviewer.ui import gc_thread
from reviewer.ui.workers import Job


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_while_a_job_runs(qtbot: Any) -> None:
    gui = threading.get_ident()
    seen: list[int] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(threading.get_ident())

    stop = threading.Event()
    made = [0]

    def body(_progress: Any, cancel: Any) -> int:
        # Garbage in cycles, many times the first generation's threshold: with automatic
        # collection on, the collector would run here, in the job's thread.
        while not stop.is_set() and not cancel.cancelled:
            for _ in range(5000):
                _Cycle()
            made[0] += 5000
        return made[0]

    assert gc.isenabled()
    gc.callbacks.append(record)
    job = Job("gc-probe", body)
    try:
        job.start()
        assert gc_thread.holding() and not gc.isenabled()
        # The GUI thread's timer collects; wait until it has, with garbage made meanwhile.
        qtbot.waitUntil(lambda: made[0] > 20 * gc.get_threshold()[0] and gui in seen,
                        timeout=120_000)
        with qtbot.waitSignal(job.finished, timeout=120_000):
            stop.set()
    finally:
        stop.set()
        job.wait(120_000)
        gc.callbacks.remove(record)
    assert set(seen) == {gui}, "a collection ran outside the GUI thread"
    assert gc.isenabled() and not gc_thread.holding()
