"""A guard against a reference-counting bug in PySide6 6.12.0 that crashed the app at quit.

`SignalInstance.emit()` called from Python returns `True` without a new reference: every
`signal.emit(...)` in Python code takes one reference to `True` away (measured: 100 emits, 100
references fewer). The app emits thousands (job progress, playback position), so `True`'s count
reached zero during the interpreter's final garbage collection and Python aborted with "Fatal
Python error: bool_dealloc: deallocating True or False" — exit 134 on Ctrl+Q, the more often
the longer the session. A script of a few hundred emits shows it (tests/test_ui_x11.py).

On Python 3.12 and later `True` and `False` are immortal and the bug is harmless. On 3.11 the
guard makes them effectively immortal the same way: when a probe shows that `emit()` loses
references, their counts get 2**40 extra, far beyond any number of emits in a session. It
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


def guard_bool_refcounts() -> bool:
    """Apply the guard if this PySide6 needs it; True when applied (once per process)."""
    global _guarded
    if _guarded:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    lost = emit_loses_true()
    if lost <= 0:
        return False
    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA
    _guarded = True
    log.info("PySide6 emit() refcount bug present (%d of %d emits lost a reference to True): "
             "True and False guarded", lost, _PROBE_EMITS)
    return True
