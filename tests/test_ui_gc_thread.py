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
from reviewer.ui.word_times import WordTimesLoader
from reviewer.ui.workers import Job


class _Cycle:
    def __init__(self) -> None:
        self.me = self


class _Probe:
    """Records the thread of every collection; makes cyclic garbage until told to stop."""

    def __init__(self) -> None:
        self.gui = threading.get_ident()
        self.seen: list[int] = []
        self.made = 0
        self.stop = threading.Event()

    def record(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self.seen.append(threading.get_ident())

    def litter(self, until: Any = None) -> int:
        # Garbage in cycles, many times the first generation's threshold: with automatic
        # collection on, the collector would run here, in the worker's thread.
        while not self.stop.is_set() and not (until is not None and until()):
            for _ in range(5000):
                _Cycle()
            self.made += 5000
        return self.made

    def enough(self) -> bool:
        """The GUI thread's timer has collected, with plenty of garbage made meanwhile."""
        return self.made > 20 * gc.get_threshold()[0] and self.gui in self.seen

    def __enter__(self) -> _Probe:
        assert gc.isenabled()
        gc.callbacks.append(self.record)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        gc.callbacks.remove(self.record)


def test_collections_happen_on_the_gui_thread_while_a_job_runs(qtbot: Any) -> None:
    with _Probe() as probe:
        job = Job("gc-probe", lambda _progress, cancel: probe.litter(lambda: cancel.cancelled))
        try:
            job.start()
            assert gc_thread.holding() and not gc.isenabled()
            qtbot.waitUntil(probe.enough, timeout=120_000)
            with qtbot.waitSignal(job.finished, timeout=120_000):
                probe.stop.set()
        finally:
            probe.stop.set()
            job.wait(120_000)
    assert set(probe.seen) == {probe.gui}, "a collection ran outside the GUI thread"
    assert gc.isenabled() and not gc_thread.holding()


def test_collections_stay_on_the_gui_thread_while_word_times_load(qtbot: Any) -> None:
    # The detail pane's pools (word times, waveforms) run Python beside the GUI thread
    # outside any job: a collection there destroyed Qt objects off the GUI thread as well.
    with _Probe() as probe:

        def source(_clip_id: int) -> list[dict[str, Any]]:
            probe.litter()
            return []

        loader = WordTimesLoader(source)
        try:
            with qtbot.waitSignal(loader.ready, timeout=120_000):
                loader.request((1, 1))
                qtbot.waitUntil(lambda: gc_thread.holding() and not gc.isenabled(),
                                timeout=120_000)
                qtbot.waitUntil(probe.enough, timeout=120_000)
                probe.stop.set()
            # The pool's thread let go; the GUI thread turns collection back on.
            qtbot.waitUntil(lambda: gc.isenabled() and not gc_thread.holding(),
                            timeout=120_000)
        finally:
            probe.stop.set()
            loader.wait(120_000)
    assert set(probe.seen) == {probe.gui}, "a collection ran outside the GUI thread"
