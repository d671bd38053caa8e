"""Decision keys and Ctrl+Z while a delete runs, through the real window: the job queue
refuses them (the clips are about to disappear), nothing changes, and the status bar says
why in plain words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.library import Decision, Library
from reviewer.ui.main_window import MainWindow
from tests.request_exports import alexa_export


def focus_and_keep_one(qtbot: Any, window: MainWindow, library: Library) -> int:
    """The window active, its table focused (keys go there), the fourth clip answered
    "keep" as an earlier decision; that clip's id."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.table.setFocus()
    window._select_row(3)
    earlier = window.current_clip_id()
    assert earlier is not None
    window.decide(Decision.KEEP)
    assert library.clip(earlier).decision == "keep"  # type: ignore[union-attr]
    return earlier


def test_keys_on_clips_wait_for_a_running_delete(qtbot, window_no_whisper: MainWindow,  # type: ignore[no-untyped-def]
                                                 library: Library, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_no_whisper
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=6)
    library.import_export([export])
    window.refresh_all()
    assert window.model.rowCount() >= 4
    # An earlier decision: Ctrl+Z during the delete must not undo it behind the user's back.
    earlier = focus_and_keep_one(qtbot, window, library)

    # The delete is held inside its job until the test lets it go (no race with a fast
    # machine: every key below lands while it surely runs).
    entered, go = threading.Event(), threading.Event()
    real_delete = library.delete

    def held_delete(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        go.wait(60)
        return real_delete(*args, **kwargs)

    monkeypatch.setattr(library, "delete", held_delete)
    sel = window.table.selectionModel()
    sel.clearSelection()
    for r in (0, 1):
        sel.select(window.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    ids = window.selected_clip_ids()
    assert len(ids) == 2
    before = {i: (c.decision, c.ask_vendor) for i, c in library.rows(ids).items()}
    window.delete_selected(permanent=False, from_export=False)
    try:
        qtbot.waitUntil(entered.is_set, timeout=30_000)
        assert "delete" in window.jobs
        assert set(window.selected_clip_ids()) == set(ids)  # still selected, still shown

        for key in (Qt.Key.Key_A, Qt.Key.Key_G, Qt.Key.Key_U, Qt.Key.Key_R):
            window.statusBar().clearMessage()
            qtbot.keyClick(window.table, key)
            assert {i: (c.decision, c.ask_vendor) for i, c in library.rows(ids).items()} \
                == before, key
            assert window.statusBar().currentMessage() == (
                "Clips are being deleted: decisions wait until the delete is done."), key

        window.statusBar().clearMessage()
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert library.clip(earlier).decision == "keep"  # type: ignore[union-attr]
        assert "being deleted" in window.statusBar().currentMessage()
    finally:
        go.set()
    qtbot.waitUntil(lambda: "delete" not in window.jobs, timeout=30_000)
    assert all(c.status == "deleted" for c in library.rows(ids).values())
    # Now Ctrl+Z undoes the delete, as the user expects.
    assert library.next_undo() == "delete"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "undo" not in window.jobs, timeout=30_000)
    assert all(c.status == "ready" for c in library.rows(ids).values())
    assert library.clip(earlier).decision == "keep"  # type: ignore[union-attr]


def test_ctrl_z_says_why_it_waits_for_an_export(qtbot, window_no_whisper: MainWindow,  # type: ignore[no-untyped-def]
                                                library: Library, tmp_path: Path) -> None:
    window = window_no_whisper
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=3)
    library.import_export([export])
    window.refresh_all()
    library.delete(library.clip_ids()[:1])  # to the (test) trash: the next undo is a delete
    window.refresh_all()
    library.jobs.started("export")  # as the window's job runner does while one runs
    try:
        window.undo()
        assert window.statusBar().currentMessage() == (
            "An export is running; try again when it is done.")
        assert "undo" not in window.jobs and library.next_undo() == "delete"
        # Deciding goes on during an export (it only reads the recordings).
        assert window.model.rowCount() == 2
        window._select_row(0)
        chosen = window.current_clip_id()
        assert chosen is not None
        window.decide(Decision.KEEP)
        assert library.clip(chosen).decision == "keep"  # type: ignore[union-attr]
    finally:
        library.jobs.finished("export")
