"""Python's cycle collector runs on the GUI thread while background work runs.

The collector runs in whichever thread happens to allocate when a generation's threshold is
crossed. When that is a job thread (an import, flagging, transcription's bookkeeping) or a pool
thread (a waveform being decoded, word times being aligned) and the garbage holds Qt objects —
a closed window or dialog kept in a reference cycle by a slot that captures it — their C++
destructors run off the GUI thread, which Qt does not allow: the fresh-clone suite died once
with a segmentation fault, the import job's thread "Garbage-collecting" inside SQLAlchemy while
the GUI thread waited in a window test.

So while any such work runs, automatic collection is off and the GUI thread collects on a
timer, choosing the generation the same way the automatic collector would; with nothing running
the automatic collector is back as Python has it.

`hold()` and `release()` may be called from any thread (pool tasks call them from their own).
The collector and its timer live on the GUI thread: `install()` there first. Collection is
turned back on by the GUI thread only, so the last pool task to finish does not switch it on
while it still runs Python in its own thread.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QTimer, Signal, Slot

_TICK_MS = 500

_lock = threading.Lock()
_holds = 0


class _Collector(QObject):
    # Emitted from any thread when the number of holds crosses zero; handled on the GUI thread.
    changed = Signal()

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(_TICK_MS)
        self.timer.timeout.connect(self.collect)
        self.changed.connect(self.sync)  # queued when emitted from another thread

    def collect(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        generation = 0
        if c1 > t1:
            generation = 2 if c2 > t2 else 1
        gc.collect(generation)

    @Slot()
    def sync(self) -> None:
        """On the GUI thread: the timer and automatic collection follow the holds."""
        with _lock:
            if _holds > 0:
                gc.disable()
                if not self.timer.isActive():
                    self.timer.start()
            else:
                self.timer.stop()
                gc.enable()


_collector: _Collector | None = None


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _follow_holds(collector: _Collector) -> None:
    """The holds crossed zero: the collector follows at once on the GUI thread, else there."""
    if _on_gui_thread():
        collector.sync()
    else:
        collector.changed.emit()


def install() -> None:
    """Create the collector (call on the GUI thread before work may start elsewhere)."""
    global _collector
    if _collector is None:
        _collector = _Collector(QCoreApplication.instance())


def hold() -> None:
    """Work that runs Python off the GUI thread starts (any thread)."""
    global _holds
    if _on_gui_thread():
        install()
    with _lock:
        _holds += 1
        first = _holds == 1
        if first:
            gc.disable()  # at once, from whichever thread: the work is about to run
    if first and _collector is not None:
        _follow_holds(_collector)


def release() -> None:
    """That work has ended (any thread)."""
    global _holds
    with _lock:
        if _holds == 0:
            return
        _holds -= 1
        last = _holds == 0
    if last and _collector is not None:
        _follow_holds(_collector)
    elif last:
        gc.enable()  # no GUI thread to hand it to (no application): as before the hold


def holding() -> bool:
    with _lock:
        return _holds > 0


class PoolTask(QRunnable):
    """A thread-pool task whose Python work runs with the collector held on the GUI thread.

    Subclasses put their work in `work()`; the pool deletes the task when it has run."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(True)

    def run(self) -> None:
        hold()
        try:
            self.work()
        finally:
            release()

    def work(self) -> None:
        raise NotImplementedError
