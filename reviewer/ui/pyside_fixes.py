"""A guard against reference-counting bugs in PySide6 6.12.0 that crashed the app at quit.

`SignalInstance.emit()` called from Python returns `True` without a new reference: every
`signal.emit(...)` in Python code takes one reference to `True` away (measured: 100 emits, 100
references fewer). The app emits thousands (job progress, playback position), so `True`'s count
reached zero during the interpreter's final garbage collection and Python aborted with "Fatal
Python error: bool_dealloc: deallocating True or False" — exit 134 on Ctrl+Q, the more often
the longer the session. A script of a few hundred emits shows it (tests/test_ui_x11.py).

The same release does it to `None`: every call from Python of a method that returns nothing
(`setText`, `setInterval`, `processEvents`, ...) takes one reference to `None` away (measured:
1,000 `setObjectName` calls, 1,000 fewer; None starts near 2,000), so a few thousand such calls
ended the interpreter with "none_dealloc" at exit.

On Python 3.12 and later `True`, `False` and `None` are immortal and the bugs are harmless. On
3.11 the guard makes them effectively immortal the same way: when a probe shows that references
are lost, their counts get 2**40 extra, far beyond any number of calls in a session. It
changes nothing else, and does nothing where PySide6 is fixed."""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_EXTRA = 1 << 40
_PROBE_EMITS = 16
_guarded = False


def emit_loses_true() -> int:
    """References to True lost by `_PROBE_EMITS` Python-side emits (0 where PySide6 is fine)."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.ping.emit()
    return before - sys.getrefcount(True)


def void_call_loses_none() -> int:
    """References to None lost by `_PROBE_EMITS` calls of a method returning nothing."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_EMITS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None)


def guard_bool_refcounts() -> bool:
    """Apply the guards this PySide6 needs; True when any was applied (once per process)."""
    global _guarded
    if _guarded:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    lost_true = emit_loses_true()
    lost_none = void_call_loses_none()
    guarded: list[object] = []
    if lost_true > 0:
        guarded += [True, False]
    if lost_none > 0:
        guarded.append(None)
    if not guarded:
        return False
    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    for value in guarded:
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA
    _guarded = True
    log.info("PySide6 refcount bugs present (of %d calls: %d emits lost a reference to True, "
             "%d void calls one to None): %s guarded", _PROBE_EMITS, lost_true, lost_none,
             ", ".join(map(repr, guarded)))
    return True
