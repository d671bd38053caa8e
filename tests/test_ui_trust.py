"""What the window shows must be true: unfinished work looks unfinished, undo selects what
it undid (and the next key touches only that), a deleted clip leaves the screen and the
empty list says why, a re-imported export says it is nothing new (and, with a request
sent, that it cannot show what the vendor deleted), and the library panel lists, filters,
verifies and removes imports. Real widgets on the offscreen platform, a real library, real
imports of generated exports."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from reviewer.core.jobs import JobKind
from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Transcript, TranscriptStatus
from reviewer.core.transcribe.job import pending_clip_ids
from reviewer.testing.folder_exports import Recording, write_folder
from reviewer.testing.google_exports import AssistantEntry, said, tiny_mp3, write_takeout
from reviewer.ui.clip_model import COLUMN_INDEX
from reviewer.ui.filters import SHOW
from reviewer.ui.i18n import date_text
from reviewer.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.request_exports import alexa_export
from tests.window_support import select_rows

pytestmark = pytest.mark.slow

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"  # a Google Takeout, 31 clips


@pytest.fixture
def window(window_no_whisper: MainWindow) -> Iterator[MainWindow]:
    from reviewer.ui import i18n

    i18n.install("en")  # as the app does: English plural forms ("3 clips", "1 clip")
    yield window_no_whisper
    i18n.uninstall()


def _activate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # shortcuts go to the active window, as on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def _import(qtbot, window: MainWindow, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Import through the window as a user does, and close the report."""
    window.import_paths(paths)
    qtbot.waitUntil(lambda: JobKind.IMPORT not in window.jobs, timeout=60_000)
    window.report_dialog.close()




def _selected(window: MainWindow) -> set[int]:
    return set(window.selected_clip_ids())


def _cell(window: MainWindow, clip_id: int, key: str) -> str:
    row = window.model.row_of(clip_id)
    assert row is not None
    return str(window.model.data(window.model.index(row, COLUMN_INDEX[key])) or "")


def _takeout(tmp_path: Path) -> Path:
    """Three Google recordings: Google wrote down their words ("Said …")."""
    start = datetime(2025, 3, 8, 9, 0, tzinfo=UTC)
    entries = [AssistantEntry(time=start + timedelta(hours=i),
                              title=said(f"play some music number {i}"),
                              audio=tiny_mp3(i, "trust"))
               for i in range(3)]
    [export] = write_takeout(tmp_path / "takeout", entries, as_zip=True)
    return export


def _recorder_folder(tmp_path: Path) -> Path:
    """Three recordings of a plain recorder: no words of anyone's but this computer's."""
    return write_folder(tmp_path / "rec", [
        Recording(f"2025-03-0{i + 1}_10-00-00.mp3", tiny_mp3(i + 10, "folder"))
        for i in range(3)])


def test_clips_not_transcribed_look_unfinished_until_resumed(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                             library: Library,
                                                             tmp_path: Path) -> None:
    # Two exports at once, as a user drops them on the window.
    _import(qtbot, window, [_takeout(tmp_path), _recorder_folder(tmp_path)])
    # What Cancel leaves: transcription stopped before any clip, then the flagging of what
    # there is (MainWindow._processed runs exactly this).
    window.start_flagging()
    qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
    clips = library.clips()
    assert len(clips) == 6
    bare = [c for c in clips if not c.vendor_transcript]
    worded = [c for c in clips if c.vendor_transcript]
    assert len(bare) == 3 and len(worded) == 3

    # Nothing judged the clips without any words: no score, no "Nothing stood out".
    assert all(c.score is None and not c.flagged for c in bare)
    # The vendor's words are evidence (issue 18): those clips are scored, and still waiting.
    assert all(c.score is not None for c in worded)
    for c in bare:
        assert _cell(window, c.id, "score") == "\u2026"
        assert _cell(window, c.id, "status") == "Waiting"
        assert _cell(window, c.id, "transcript") == "(not transcribed yet)"
    for c in worded:
        assert _cell(window, c.id, "status") == "Waiting"
        assert _cell(window, c.id, "score") == str(c.score)

    # The detail pane says the same.
    select_rows(window, [window.model.row_of(bare[0].id) or 0], make_current=True)
    badges = [w.text() for w in window.detail.findChildren(QLabel) if w.isVisible()]
    assert "Waiting for transcription" in badges
    assert not any(t.startswith("Score ") for t in badges)
    reasons = window.detail._reasons_label.text()
    assert "Not judged yet" in reasons and "Nothing stood out" not in reasons
    select_rows(window, [window.model.row_of(worded[0].id) or 0], make_current=True)
    reasons = window.detail._reasons_label.text()
    assert "transcript only" in reasons

    # The timeline: their own series, not "kept-looking".
    buckets = window.timeline.buckets()
    flagged = sum(b.flagged for b in buckets)
    assert sum(b.waiting for b in buckets) == 6 - flagged
    assert sum(b.kept_looking for b in buckets) == 0

    # The status bar: counted apart, with Resume in place (and in the menu).
    text = window.counts_label.text()
    assert "6 not transcribed yet" in text
    assert window.resume_button.isVisible() and window.act_transcribe.isEnabled()
    assert "Resume" in window.act_transcribe.text()

    # The count is a link to exactly those clips.
    window.counts_label.linkActivated.emit("waiting")
    qtbot.waitUntil(lambda: window.model.rowCount() == 6, timeout=5_000)
    assert window.filters.show_combo.currentText() == "Not transcribed yet"

    # Resume: the real transcription runs and the waiting state goes away.
    library.jobs.release(JobKind.TRANSCRIBE)
    qtbot.mouseClick(window.resume_button, Qt.MouseButton.LeftButton)
    assert not window.resume_button.isVisible()  # nothing to press twice while it runs
    qtbot.waitUntil(lambda: not window.jobs, timeout=240_000)
    assert pending_clip_ids(library.store, window.settings.model) == []
    assert library.count_clips(ClipQuery(waiting=True)) == 0
    assert all(c.score is not None for c in library.clips())
    assert "not transcribed" not in window.counts_label.text()
    assert not window.resume_button.isVisible()
    assert window.empty_label.isVisible()  # the "waiting" list is empty now, and says so
    assert "nothing is waiting" in window.empty_label.text()
    assert sum(b.waiting for b in window.timeline.buckets()) == 0


def test_a_finished_count_says_what_the_job_does_instead_of_zero_seconds(
        window: MainWindow) -> None:
    from reviewer.core.progress import Progress

    window._show_job(None)
    window._show_progress(Progress("import", "Importing clips", 130, 130, {}, 0.2))
    assert "0 s" not in window.job_label.text()
    assert "checking it" in window.job_label.text()
    assert window.job_progress.maximum() == 0  # busy, not a full bar that seems stuck
    window._show_progress(Progress("import", "Importing clips", 65, 130, {}, 0.3))
    assert "about" not in window.job_label.text() and "65/130" in window.job_label.text()


def _waiting_shown(window: MainWindow) -> int:
    """The status bar's "N not transcribed yet", as a person reads it (0 when not said)."""
    found = re.search(r"(\d[\d,]*) not transcribed yet", window.counts_label.text())
    return int(found.group(1).replace(",", "")) if found else 0


def test_the_waiting_count_follows_the_transcription_clip_by_clip(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the job's "12/30" the status bar said "30 not transcribed yet" until the next
    flags (every 40 clips: to the end of a 30-clip job). It counts down with each transcript
    now, and the flags arriving meanwhile (every 5 clips here) agree with it."""
    from reviewer.core.progress import Progress
    from reviewer.ui import review_jobs

    monkeypatch.setattr(review_jobs, "REFLAG_EVERY", 5)
    _import(qtbot, window, [SAMPLE])
    qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
    # 30 of its 31 clips have audio to transcribe
    assert _waiting_shown(window) == 30 == library.count_clips(ClipQuery(waiting=True))
    seen: list[tuple[int, int]] = []  # (said in the status bar, left by the job's count)
    flags: list[object] = []

    def watch(item: object) -> None:  # connected after the window's own: sees what it showed
        if isinstance(item, Progress) and item.job == "transcribe" and item.done:
            seen.append((_waiting_shown(window), (item.total or 0) - item.done))
        elif isinstance(item, review_jobs.ReviewSnapshot):
            flags.append(item)

    library.jobs.release(JobKind.TRANSCRIBE)
    window.start_transcription()
    window.jobs[JobKind.TRANSCRIBE].progress.connect(watch)
    qtbot.waitUntil(lambda: not window.jobs, timeout=240_000)
    assert len(seen) >= 2 and len(flags) >= 2, (seen, len(flags))
    assert all(said == left for said, left in seen), seen
    assert seen[-1] == (0, 0) and _waiting_shown(window) == 0


def test_undo_selects_exactly_what_it_undid(qtbot, window: MainWindow, library: Library,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=8)
    _import(qtbot, window, [export])
    _activate(qtbot, window)
    window.table.setFocus()
    ids = [window.model.clip_id(r) for r in range(6)]
    assert None not in ids

    # Two clips marked for a request with R, then one accidental with A.
    requested = select_rows(window, [0, 1], make_current=True)
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    assert {library.clip(c).ask_vendor for c in requested} == {True}  # type: ignore[union-attr]
    select_rows(window, [3], make_current=True)
    qtbot.keyClick(window.table, Qt.Key.Key_A)
    assert library.clip(ids[3]).decision == "accidental"  # type: ignore[arg-type, union-attr]
    assert _selected(window) == {ids[4]}  # triage moved on

    # Ctrl+Z: the selection is the undone clip, and only it.
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.clip(ids[3]).decision is None  # type: ignore[arg-type, union-attr]
    assert _selected(window) == {ids[3]}
    assert window.current_clip_id() == ids[3]
    # The next A touches only that clip: the request marks stay.
    qtbot.keyClick(window.table, Qt.Key.Key_A)
    assert library.clip(ids[3]).decision == "accidental"  # type: ignore[arg-type, union-attr]
    assert {library.clip(c).ask_vendor for c in requested} == {True}  # type: ignore[union-attr]

    # Undo twice more: the A again, then the two-clip R; the selection is those two.
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {library.clip(c).ask_vendor for c in requested} == {None}  # type: ignore[union-attr]
    assert _selected(window) == set(requested)
    assert {i.row() for i in window.table.selectionModel().selectedRows()} == {0, 1}

    # A row that only holds the keyboard focus is not selected: no key decides on it.
    window.table.selectionModel().clearSelection()
    assert window.table.currentIndex().isValid()
    assert not window.act_accidental.isEnabled()
    qtbot.keyClick(window.table, Qt.Key.Key_A)
    assert all(library.clip(c).decision is None for c in ids)  # type: ignore[arg-type, union-attr]
    window.decide("accidental")  # even if it were reached another way
    assert all(library.clip(c).decision is None for c in ids)  # type: ignore[arg-type, union-attr]
    assert window.statusBar().currentMessage() == "Select a clip first"


def test_a_deleted_clip_leaves_the_screen_and_the_empty_list_says_why(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, library: Library, tmp_path: Path) -> None:
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=6)
    _import(qtbot, window, [export])
    _activate(qtbot, window)
    marked = select_rows(window, [1, 2, 4], make_current=True)
    window.decide("delete_request")
    window.filters.set_show(next(i for i, (name, _) in enumerate(SHOW)
                                 if name == "Ask the vendor to delete theirs"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5_000)
    assert not window.empty_label.isVisible()

    window.table.selectRow(0)
    window.table.selectAll()
    shown = window.detail.clip
    assert shown is not None and shown.id in marked
    window.delete_selected(permanent=False, from_export=False)
    # At once, before the delete has finished: nothing of it stays on screen.
    assert window.detail.clip is None and not window.detail.playable
    qtbot.waitUntil(lambda: JobKind.DELETE not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == 0
    assert window.detail.clip is None
    window.detail.toggle_play()  # Play does nothing for it
    assert not window.detail.playing
    assert window.empty_label.isVisible()
    assert window.empty_label.text() == ("All 3 marked clips deleted \u2014 Ctrl+Z to undo")

    # Ctrl+Z: they come back, selected (exactly them), and the message goes.
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: JobKind.UNDO not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == 3
    assert not window.empty_label.isVisible()
    assert _selected(window) == set(marked)

    # Another list that is empty says its own reason.
    window.filters.search.setText("zzzqqq")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=5_000)
    assert window.empty_label.isVisible()
    assert "zzzqqq" in window.empty_label.text()


def _answer_next_box(qtbot, button: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, answer)
    return seen


def test_reimport_is_merged_and_says_it_is_nothing_new_or_too_old(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, library: Library, tmp_path: Path) -> None:
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=6)
    _import(qtbot, window, [export])
    assert window.imports_tree.topLevelItemCount() == 1
    first = library.imports()[0]

    window.import_paths([export])
    qtbot.waitUntil(lambda: JobKind.IMPORT not in window.jobs, timeout=60_000)
    text = " ".join(w.text() for w in window.report_dialog.findChildren(QLabel))
    assert "You imported this export before" in text and "nothing new" in text
    assert not window.report_dialog.warning.isVisible()  # no request: nothing to warn of
    window.report_dialog.close()
    # One row in the library panel: the repeat was merged into the first import.
    assert window.imports_tree.topLevelItemCount() == 1
    assert [i.id for i in library.imports()] == [first.id]

    # A request sent today: the same old export cannot show whether Amazon deleted them.
    ids = library.clip_ids(ClipQuery())[:2]
    library.decide(ids, "delete_request")
    (request,) = library.create_requests("eu", "en", "Erika Mustermann",
                                         "erika@example.org").requests
    library.mark_sent(request.id, library.today())
    window.import_paths([export])
    qtbot.waitUntil(lambda: JobKind.IMPORT not in window.jobs, timeout=60_000)
    # Said first in the import report, instead of a reassuring "no problems" alone.
    day = date_text(library.today())
    assert window.report_dialog.warning.isVisible()
    assert window.report_dialog.warning.text() == (
        f"<b>This export is older than your request of {day}: it cannot show whether Amazon "
        f"deleted the recordings. Download a new export after {day}.</b>")
    assert not hasattr(window, "not_deleted_box")  # no false "not deleted" alarm
    window.report_dialog.close()

    # The library panel: verify from its context menu says the same.
    item = window.imports_tree.topLevelItem(0)
    assert item is not None
    window._import_menu(window.imports_tree.visualItemRect(item).center())
    titles = [a.text() for a in window.import_menu.actions() if a.text()]
    assert titles == ["&Show these clips", "&Verify against my deletion requests",
                      "&Remove this import\u2026"]
    window.import_menu.actions()[1].trigger()
    assert "older than your request" in window.verify_box.text()
    window.verify_box.close()
    window.import_menu.close()


def test_library_panel_lists_filters_and_removes_imports(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, library: Library, tmp_path: Path) -> None:
    a, _ = alexa_export(tmp_path / "a", "amazon-a", records=4)
    takeout = _takeout(tmp_path)
    _import(qtbot, window, [a])
    _import(qtbot, window, [takeout])
    tree = window.imports_tree
    assert tree.topLevelItemCount() == 2
    total = window.model.rowCount()
    assert total == 7

    # A click on a row lists that import's clips, with a chip to clear it.
    google = tree.topLevelItem(1)
    assert google is not None
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(google).center())
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5_000)
    assert window.filters.import_button.isVisible()
    assert window.filters.import_button.text().startswith("Import: ")
    qtbot.mouseClick(window.filters.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == total, timeout=5_000)

    # Remove the Google import: asked first, its clips deleted (undoable), its row gone.
    seen = _answer_next_box(qtbot, QMessageBox.StandardButton.Yes)
    google_id = int(google.data(0, Qt.ItemDataRole.UserRole))
    window.remove_import(google_id)
    assert seen and "3 clips" in seen[0] and "Ctrl+Z" in seen[0]
    qtbot.waitUntil(lambda: JobKind.DELETE not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == 4
    assert tree.topLevelItemCount() == 1
    _activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: JobKind.UNDO not in window.jobs, timeout=30_000)
    assert window.model.rowCount() == total
    assert tree.topLevelItemCount() == 2

    # Cancel keeps everything.
    seen = _answer_next_box(qtbot, QMessageBox.StandardButton.Cancel)
    window.remove_import(google_id)
    assert seen and window.model.rowCount() == total and JobKind.DELETE not in window.jobs


def test_transcribed_clip_is_not_waiting(library: Library, tmp_path: Path) -> None:
    """The core's notion: an error transcript is done (never retried), not waiting."""
    [export] = write_takeout(tmp_path / "t", [AssistantEntry(
        time=datetime(2025, 1, 1, 8, tzinfo=UTC), title="Google Assistant",
        audio=tiny_mp3(1, "w"))], as_zip=True)
    library.import_export([export])
    (cid,) = library.clip_ids(ClipQuery(waiting=True))
    with library.store.transaction() as s:
        s.add(Transcript(clip_id=cid, model="tiny.en", status=TranscriptStatus.ERROR,
                         error="unreadable"))
    assert library.clip_ids(ClipQuery(waiting=True)) == []
    assert library.rows([cid])[cid].waiting is False
