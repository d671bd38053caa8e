"""A decision key on a whole library's selection runs off the GUI thread (through the job
queue, JobKind.DECIDE): the window stays live while it is written, other decision keys and
Ctrl+Z wait for it and say so, the table shows the answers when it is done, and Ctrl+Z then
undoes it (in the background too). Real window (offscreen), real SQLite, a generated
library (reviewer.testing.big_library) above DECIDE_IN_BACKGROUND clips."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer

from reviewer.core.api import DECIDE_IN_BACKGROUND
from reviewer.core.jobs import JobKind
from reviewer.core.library import ClipQuery, Decision, Library
from reviewer.testing.big_library import build_library
from reviewer.ui.clip_model import COLUMN_INDEX, REVIEW
from reviewer.ui.main_window import MainWindow
from tests.test_ui_job_guards import focus_and_keep_one

CLIPS = DECIDE_IN_BACKGROUND + 500


def test_a_decision_on_thousands_of_clips_keeps_the_window_live(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, monkeypatch: Any) -> None:
    build_library(tmp_path / "lib", CLIPS)
    library = Library.open(tmp_path / "lib")
    for kind in (JobKind.TRANSCRIBE, JobKind.FLAG, JobKind.VOICES):
        library.jobs.hold(kind)  # nothing else in the background
    window = MainWindow(library)
    qtbot.addWidget(window)
    try:
        window.show()
        window.refresh_all()
        # An earlier decision on one clip: Ctrl+Z must not undo it while the big one is saved.
        earlier = focus_and_keep_one(qtbot, window, library)
        window.select_all()
        ids = window.selected_clip_ids()
        assert len(ids) == CLIPS

        # The write is held inside its job until the test lets it go: every event below
        # surely happens while it runs. On the GUI thread, the key press would not return.
        entered, go = threading.Event(), threading.Event()
        real_answer = library.answer_clips

        def held_answer(*args: Any, **kwargs: Any) -> Any:
            entered.set()
            go.wait(60)
            return real_answer(*args, **kwargs)

        monkeypatch.setattr(library, "answer_clips", held_answer)
        ticks: list[bool] = []
        timer = QTimer(window, interval=10)
        timer.timeout.connect(lambda: ticks.append(entered.is_set() and not go.is_set()))
        timer.start()
        qtbot.keyClick(window.table, Qt.Key.Key_A)
        try:
            qtbot.waitUntil(entered.is_set, timeout=30_000)
            assert JobKind.DECIDE in window.jobs
            assert window.job_label.isVisible() and not window.job_cancel.isVisible()
            # The window's own timers run while the decision is written.
            qtbot.waitUntil(lambda: sum(ticks) >= 3, timeout=10_000)
            # Other keys and Ctrl+Z wait for it, and say so.
            for key in (Qt.Key.Key_G, Qt.Key.Key_U, Qt.Key.Key_R):
                window.statusBar().clearMessage()
                qtbot.keyClick(window.table, key)
                assert window.statusBar().currentMessage() == (
                    "Still saving the last decision on many clips: the next one waits until "
                    "it is done."), key
            window.statusBar().clearMessage()
            qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert "Still saving" in window.statusBar().currentMessage()
            assert library.clip(earlier).decision == "keep"  # type: ignore[union-attr]
            assert library.count_clips(ClipQuery(decision=Decision.ACCIDENTAL)) == 0
        finally:
            go.set()
        qtbot.waitUntil(lambda: JobKind.DECIDE not in window.jobs, timeout=60_000)
        timer.stop()
        assert library.count_clips(ClipQuery(decision=Decision.ACCIDENTAL)) == CLIPS
        # The table shows it, and the status bar says what happened.
        marks = window.model.index(0, COLUMN_INDEX[REVIEW])
        assert "Your copy: delete (accidental)" in window.model.data(
            marks, Qt.ItemDataRole.ToolTipRole)
        said = window.statusBar().currentMessage()
        assert f"{CLIPS} clip" in said and "your copy to be deleted" in said
        assert window.act_undo.text() == "&Undo decision"

        # Ctrl+Z undoes it, in the background too.
        monkeypatch.setattr(library, "answer_clips", real_answer)
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: JobKind.DECIDE not in window.jobs, timeout=60_000)
        qtbot.waitUntil(lambda: "Undid" in window.statusBar().currentMessage(), timeout=10_000)
        assert library.count_clips(ClipQuery(decision=Decision.ACCIDENTAL)) == 0
        assert library.clip(earlier).decision == "keep"  # type: ignore[union-attr]
        assert f"Undid the decision on {CLIPS} clip" in window.statusBar().currentMessage()
    finally:
        window.close()
        library.close()
