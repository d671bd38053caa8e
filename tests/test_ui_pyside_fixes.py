"""PySide6 6.12.0's `emit()` takes a reference to `True` away on every call from Python; with
enough emits the interpreter aborted at exit ("bool_dealloc", exit 134). Importing the app's UI
package guards against it (reviewer/ui/pyside_fixes.py)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import reviewer.ui  # the guard is applied on import
from PySide6.QtCore import QObject, Signal

class Source(QObject):
    flag = Signal(bool)
    tick = Signal(int)

source = Source()
source.flag.connect(lambda on: None)
source.tick.connect(lambda n: None)
for i in range(50_000):  # a long session's worth of progress and playback signals
    source.flag.emit(i % 2 == 0)
    source.tick.emit(i)
print("emitted")
"""


def test_many_emits_then_a_clean_exit() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "emitted" in done.stdout
    assert "bool_dealloc" not in done.stderr


VOID_SCRIPT = """
import reviewer.ui  # the guard is applied on import
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
timer = QTimer()
thing = QObject()
for i in range(20_000):  # a session's worth of calls that return nothing
    app.processEvents()
    timer.setInterval(5 + i % 7)
    thing.setObjectName("row")
print("called")
"""


def test_many_void_calls_then_a_clean_exit() -> None:
    """PySide6 6.12.0 also takes a reference to None away on every call of a method that
    returns nothing; unguarded, 20,000 such calls end in "none_dealloc" at exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", VOID_SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "called" in done.stdout
    assert "none_dealloc" not in done.stderr
