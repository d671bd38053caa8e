"""Python's cycle collector runs on the GUI thread while background jobs run.

The collector runs in whichever thread happens to allocate when a generation's threshold is
crossed. When that is a job thread (an import, flagging, transcription's bookkeeping) and the
garbage holds Qt objects — a closed window or dialog kept in a reference cycle by a slot that
captures it — their C++ destructors run off the GUI thread, which Qt does not allow: the
fresh-clone suite died once with a segmentation fault, the import job's thread
"Garbage-collecting" inside SQLAlchemy while the GUI thread waited in a window test.

So while any job runs, automatic collection is off and the GUI thread collects on a timer,
choosing the generation the same way the automatic collector would; with no job running the
automatic collector is back as Python has it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_TICK_MS = 500


class _Collector(QObject):
    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(_TICK_MS)
        self.timer.timeout.connect(self.collect)
        self.holds = 0

    def collect(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        generation = 0
        if c1 > t1:
            generation = 2 if c2 > t2 else 1
        gc.collect(generation)


_collector: _Collector | None = None


def hold() -> None:
    """A job thread starts (call on the GUI thread)."""
    global _collector
    if _collector is None:
        _collector = _Collector(QCoreApplication.instance())
    if _collector.holds == 0:
        gc.disable()
        _collector.timer.start()
    _collector.holds += 1


def release() -> None:
    """A job thread has ended (call on the GUI thread)."""
    if _collector is None or _collector.holds == 0:
        return
    _collector.holds -= 1
    if _collector.holds == 0:
        _collector.timer.stop()
        gc.enable()


def holding() -> bool:
    return _collector is not None and _collector.holds > 0
