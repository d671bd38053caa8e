"""Exporting clips from the desktop app with real widgets: select rows, Ctrl+E, the dialog
(folder typed in, as the file dialog would fill it; zip; WAV), the export runs as a background
job; the Cancel button in the status bar stops a running export and leaves nothing behind."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import io
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from reviewer.core import clip_export
from reviewer.core.library import Library
from reviewer.testing.alexa_exports import write_history_json_export
from reviewer.ui.export_dialog import ExportDialog
from reviewer.ui.main_window import MainWindow
from tests.window_support import select_rows


@pytest.fixture
def window(window_no_whisper: MainWindow, library: Library, tmp_path: Path) -> MainWindow:
    export = write_history_json_export(tmp_path / "alexa", form="zip", records=8).path
    library.import_exports([export])
    window_no_whisper.refresh_all()
    return window_no_whisper




def test_ctrl_e_asks_where_and_how_then_exports_a_zip_of_wavs(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "evidence"
    out.mkdir()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    ids = select_rows(window, [1, 2, 4])
    assert len(ids) == 3
    seen: list[ExportDialog] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        seen.append(dialog)
        assert dialog.as_folder.isChecked() and dialog.original.isChecked()  # the defaults
        dialog.folder.setText(str(tmp_path / "not-there"))
        assert not dialog.export_button.isEnabled()  # no folder: nothing to press
        dialog.folder.setText(str(out))  # what the Choose… file dialog would put there
        assert dialog.export_button.isEnabled()
        qtbot.mouseClick(dialog.as_zip, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.wav, Qt.MouseButton.LeftButton)
        dialog.grab().save(str(tmp_path / "export-dialog.png"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, fill_in)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen
    qtbot.waitUntil(lambda: "export" not in window.jobs, timeout=60_000)
    (made,) = out.iterdir()
    assert made.suffix == ".zip"
    assert str(made) in window.statusBar().currentMessage()
    assert "Exported 3 clip(s)" in window.statusBar().currentMessage()
    with zipfile.ZipFile(made) as z:
        text = z.read("clips.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [int(r["clip_id"]) for r in rows] == ids
        files = [r["file"] for r in rows if r["file"]]
        assert files and all(f.endswith(".wav") and f in z.namelist() for f in files)
    # The next export starts in the folder used last.
    assert window._export_folder() == out


def test_nothing_selected_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.table.clearSelection()
    window.table.selectionModel().clearCurrentIndex()
    window.export_selected()
    assert "Select the clips to export first" in window.statusBar().currentMessage()
    assert "export" not in window.jobs


def test_cancel_button_stops_an_export_and_leaves_nothing(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The first conversion waits until Cancel has been clicked, so the export is surely
    # still running when it is (no race with a fast machine).
    clicked = threading.Event()
    real_decode = clip_export.decode_audio

    def slow_decode(path: Path) -> object:
        clicked.wait(30)
        return real_decode(path)

    monkeypatch.setattr(clip_export, "decode_audio", slow_decode)
    ids = select_rows(window, list(range(window.model.rowCount())))
    assert len(ids) >= 4
    window.export_selected(out, as_zip=False, audio="wav")
    assert "export" in window.jobs
    qtbot.waitUntil(lambda: window.job_cancel.isVisible(), timeout=5_000)
    assert window.job_label.text().startswith("Exporting")
    qtbot.mouseClick(window.job_cancel, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: "export" not in window.jobs, timeout=60_000)
    assert list(out.iterdir()) == []
    assert window.last_export.cancelled
    assert "nothing was written" in window.statusBar().currentMessage()
