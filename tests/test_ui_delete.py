"""Deleting in the desktop app, through the window with real widgets: select clips, press
Delete, confirm in the dialog (also from the export zip), see them go; Ctrl+Z brings them
back with their transcripts; a decision made after the delete is undone first."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from reviewer.core.jobs import JobKind
from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Transcript, TranscriptStatus
from reviewer.ui.clip_model import COLUMNS
from reviewer.ui.delete_dialog import DeleteDialog
from reviewer.ui.filters import SHOW
from reviewer.ui.main_window import MainWindow
from tests.request_exports import alexa_export
from tests.window_support import select_rows


@pytest.fixture
def window(window_no_whisper: MainWindow) -> MainWindow:
    return window_no_whisper


def _entries(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()
                if not i.is_dir()}




def test_delete_from_library_and_export_then_undo(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   library: Library, tmp_path: Path) -> None:
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=8)
    library.import_export([export])
    # A transcript per clip, so undo has derived data to bring back.
    with library.store.transaction() as s:
        for cid in library.clip_ids(ClipQuery()):
            s.add(Transcript(clip_id=cid, model="tiny.en", status=TranscriptStatus.DONE,
                             text=f"words of clip {cid}"))
    window.refresh_all()
    before_zip = _entries(export)
    total = window.model.rowCount()
    assert total == library.count_clips(ClipQuery()) >= 6
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    ids = select_rows(window, [0, 2, 3])
    assert len(ids) == 3
    sources = {library.clip(i).source_path for i in ids}  # type: ignore[union-attr]

    # The Delete key opens the confirmation; choose "from the export too" and confirm.
    seen: list[DeleteDialog] = []

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DeleteDialog)
        seen.append(dialog)
        assert dialog.to_trash.isChecked()  # the default: recoverable
        # Amazon clips: marking them for a request to Amazon is offered, and on.
        assert dialog.request.isVisible() and dialog.request.isChecked()
        dialog.grab().save(str(tmp_path / "delete-dialog.png"))
        dialog.from_export.setChecked(True)
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, confirm)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert seen
    qtbot.waitUntil(lambda: "delete" not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == total - 3
    assert "Ctrl+Z undoes" in window.statusBar().currentMessage()
    assert window.act_undo.text() == "&Undo delete"
    for cid in ids:
        clip = library.clip(cid)
        assert clip is not None and clip.status == "deleted" and clip.audio_path is None
        assert library.transcripts(cid) == []
        assert clip.ask_vendor is True  # still listed in the next request
    after_zip = _entries(export)
    # The export zip lost exactly those recordings; every other entry is byte-identical.
    assert not sources & set(after_zip)
    assert {k: v for k, v in before_zip.items() if k not in sources} == after_zip

    # What was deleted can still be listed (no audio, no words) and marked for a request.
    window.filters.set_show(len(SHOW) - 1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5_000)
    assert {window.model.clip_id(r) for r in range(3)} == set(ids)
    status_col = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    assert window.model.data(window.model.index(0, status_col)) == "Deleted"
    window.table.selectRow(0)
    QApplication.processEvents()
    window.grab().save(str(tmp_path / "deleted-view.png"))
    window.filters.set_show(0)
    qtbot.waitUntil(lambda: window.model.rowCount() == total - 3, timeout=5_000)

    # A decision after the delete: the first Ctrl+Z undoes it, the second the delete.
    window.table.selectRow(0)
    kept = window.current_clip_id()
    window.decide("keep")  # (and moves on to the next clip, as in triage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    assert kept is not None and library.clip(kept).decision == "keep"  # type: ignore[union-attr]
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.clip(kept).decision is None  # type: ignore[union-attr]
    assert window.act_undo.text() == "&Undo delete"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "undo" not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == total
    for cid in ids:
        clip = library.clip(cid)
        assert clip is not None and clip.status == "ready" and clip.audio_path
        assert clip.ask_vendor is None  # the request mark went back with the delete
        path = library.audio_path(clip)
        assert path is not None and hashlib.sha256(path.read_bytes()).hexdigest() \
            == clip.audio_sha256
        assert [t.text for t in library.transcripts(cid)] == [f"words of clip {cid}"]
    assert _entries(export) == before_zip  # the original zip is back from the trash


def test_undo_after_a_restart_restores_the_last_delete(qtbot, library: Library,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    library.jobs.hold(JobKind.TRANSCRIBE)  # no Whisper behind this test
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=4)
    library.import_export([export])
    ids = library.clip_ids(ClipQuery())[:2]
    library.decide(ids[:1], "keep")  # an older decision: must stay
    library.delete(ids)
    w = MainWindow(library)  # a new window: nothing done in this session yet
    qtbot.addWidget(w)
    w.show()
    total = w.model.rowCount()
    w.act_undo.trigger()
    qtbot.waitUntil(lambda: "undo" not in w.jobs, timeout=30_000)
    assert w.model.rowCount() == total + 2
    assert library.clip(ids[0]).decision == "keep"  # type: ignore[union-attr]
    w.close()
