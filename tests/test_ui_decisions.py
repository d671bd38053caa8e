"""The review table and clip pane with real widgets and a real library (offscreen): the two
answers (A / G / R / U) shown as icons with words, the badges following the answers, the
key columns visible at 1024 wide, the list holding still while flags arrive, a pane that
keeps its width during J/K, and the review order as the sort indicator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import update

from reviewer.core.library import Library
from reviewer.core.store import Clip
from reviewer.core.views import asks_vendor
from reviewer.ui.answers import Marks, row_tint
from reviewer.ui.clip_model import COLUMN_INDEX, REVIEW
from reviewer.ui.main_window import MainWindow
from reviewer.ui.palette import is_dark
from tests.request_exports import alexa_export

MARKS = COLUMN_INDEX[REVIEW]


@pytest.fixture
def window(window_no_whisper: MainWindow, library: Library, tmp_path: Path,
           qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """24 Alexa clips with scores from 95 down to 3 (every third one acted on), shown in
    the review order."""
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=24)
    library.import_export([export])
    qtbot.waitUntil(lambda: not window_no_whisper.jobs, timeout=60_000)
    _score(library, {cid: 95 - 4 * i for i, cid in enumerate(sorted(library.clip_ids()))})
    window_no_whisper.refresh_all()
    window_no_whisper.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window_no_whisper, timeout=5_000)
    window_no_whisper.table.setFocus()
    return window_no_whisper


def _score(library: Library, scores: dict[int, int], threshold: int = 50) -> None:
    with library.store.transaction() as s:
        for n, (cid, score) in enumerate(scores.items()):
            s.execute(update(Clip).where(Clip.id == cid).values(
                score=score, flagged=score >= threshold, reasons=[],
                action="message" if n % 3 == 0 else None,
                acted_on=score >= threshold and n % 3 == 0))


def _words(window: MainWindow, cid: int) -> str:
    row = window.model.row_of(cid)
    assert row is not None
    return str(window.model.data(window.model.index(row, MARKS),
                                 Qt.ItemDataRole.AccessibleTextRole))


def _badges(window: MainWindow) -> list[str]:
    pane = window.detail
    return [w.text() for w in pane._badges.findChildren(QWidget)
            if w.isVisibleTo(pane) and hasattr(w, "text")]


def _answers(library: Library, cid: int) -> tuple[str | None, bool | None, bool]:
    clip = library.clip(cid)
    assert clip is not None
    return clip.decision, clip.ask_vendor, asks_vendor(clip)


def test_keys_answer_two_questions_shown_in_table_and_pane(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           library: Library) -> None:
    window._select_row(0)
    first = window.current_clip_id()
    assert first is not None and "Flagged: looks accidental" in _badges(window)
    assert not any(b.startswith(("Your copy", "Ask ")) for b in _badges(window))  # open

    qtbot.keyClick(window.table, Qt.Key.Key_A)  # accidental: Amazon asked by default
    assert _answers(library, first) == ("accidental", None, True)
    assert "Your copy: delete (accidental)" in _words(window, first)
    assert "Ask Amazon to delete theirs: yes" in _words(window, first)
    assert window.model.data(window.model.index(window.model.row_of(first) or 0, MARKS),
                             Qt.ItemDataRole.DecorationRole) is not None
    second = window.current_clip_id()
    assert second not in (None, first)  # triage: on to the next clip

    qtbot.keyClick(window.table, Qt.Key.Key_G)
    assert _answers(library, second) == ("keep", None, False)  # type: ignore[arg-type]
    window._select_clip(second)
    # Kept on purpose: the pane no longer wears the flag's warning, it says what was decided.
    badges = _badges(window)
    assert "Flagged: looks accidental" not in badges
    assert "Your copy: keep" in badges and "Ask Amazon to delete theirs: no" in badges

    # R answers only the vendor question, as a yes/no toggle; A and R no longer replace
    # each other.
    window._select_clip(first)
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    assert _answers(library, first) == ("accidental", False, False)
    assert "Ask Amazon to delete theirs: no" in _words(window, first)
    assert "Ask Amazon to delete theirs: no" in _badges(window)
    row = window.model.row_of(first) or 0
    assert window.model.marks(window.model._row(row)).declined  # the crossed envelope
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    assert _answers(library, first) == ("accidental", True, True)
    assert "Ask Amazon to delete theirs: yes" in _badges(window)
    qtbot.keyClick(window.table, Qt.Key.Key_U)
    assert _answers(library, first) == (None, None, False)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _answers(library, first) == ("accidental", True, True)
    assert "Your copy: delete (accidental)" in _badges(window)

    # R on a selection where some are asked already: all are asked, then none.
    sel = window.table.selectionModel()
    for r in (0, 1, 2):
        sel.select(window.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    chosen = window.selected_clip_ids()
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    assert all(_answers(library, c)[2] for c in chosen)
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    assert not any(_answers(library, c)[2] for c in chosen)
    assert "taken out of the next deletion request" in window.statusBar().currentMessage()


def test_key_columns_visible_and_transcripts_take_the_width(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    widths = {}
    for size in ((1024, 640), (1366, 768), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.width() <= s[0] + 400, timeout=5_000)
        QApplication.processEvents()
        table = window.table
        assert table.horizontalScrollBar().value() == 0
        left = table.columnViewportPosition(MARKS)
        assert left >= 0 and left + table.columnWidth(MARKS) <= table.viewport().width(), size
        widths[size[0]] = table.columnWidth(COLUMN_INDEX["transcript"])
    assert widths[1920] > widths[1024] + 100  # the transcripts stretch into the room


def test_row_tint_reads_in_light_and_dark_palettes(window: MainWindow) -> None:
    for base in ("#ffffff", "#1e1e1e"):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Window, QColor(base))
        flagged, acted = row_tint(palette, True, False), row_tint(palette, True, True)
        assert row_tint(palette, False, False) is None
        assert flagged is not None and acted is not None
        # A tint, not a new colour: the text colour of the palette stays readable on it.
        assert abs(flagged.lightness() - QColor(base).lightness()) < 40
        assert is_dark(palette) == (flagged.lightness() < 128)
        assert flagged != acted != QColor(base)
    row = window.model.row_of(window.model.clip_id(0) or -1) or 0
    assert window.model.data(window.model.index(row, 2), Qt.ItemDataRole.BackgroundRole)
    last = window.model.rowCount() - 1  # score 3: no tint
    assert window.model.data(window.model.index(last, 2),
                             Qt.ItemDataRole.BackgroundRole) is None


def test_selection_holds_still_while_flags_arrive(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   library: Library) -> None:
    window.resize(1366, 768)
    QApplication.processEvents()
    sel = window.table.selectionModel()
    window._select_row(6)
    sel.select(window.model.index(7, 0), QItemSelectionModel.SelectionFlag.Select
               | QItemSelectionModel.SelectionFlag.Rows)
    current, chosen = window.current_clip_id(), set(window.selected_clip_ids())
    assert current is not None and len(chosen) == 2
    before = window.table.rowViewportPosition(6)
    # New scores re-order the list, as a re-flag during transcription does: the bottom
    # clips jump to the top, so every row above the selection moves.
    ids = sorted(library.clip_ids())
    _score(library, {cid: (99 - i if i >= 16 else 80 - 4 * i) for i, cid in enumerate(ids)})
    window._apply_snapshot(window._snapshot())
    assert window.current_clip_id() == current
    assert set(window.selected_clip_ids()) == chosen
    row = window.model.row_of(current)
    assert row is not None and row != 6  # it did move in the list ...
    assert window.table.rowViewportPosition(row) == before  # ... but not on the screen
    assert window.detail._clip is not None and window.detail._clip.id == current
    # Flagging finished by the other path (a full reload) holds still too.
    window._after_flagging()
    assert window.current_clip_id() == current
    assert set(window.selected_clip_ids()) == chosen


def test_pane_keeps_its_width_during_j_k(qtbot, window: MainWindow, library: Library) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 640)
    QApplication.processEvents()
    window._select_row(0)
    # Clips with many badges (flagged, acted on, both answers) and with few.
    library.decide([window.model.clip_id(r) or 0 for r in (1, 3)], "accidental")
    library.decide([window.model.clip_id(2) or 0], "keep")
    window.model.refresh_clips(window.model.clip_ids())
    sizes = []
    for _ in range(8):
        QApplication.processEvents()
        sizes.append((tuple(window.splitter.sizes()), window.detail.width()))
        qtbot.keyClick(window.table, Qt.Key.Key_J)
    assert len(set(sizes)) == 1, sizes


def test_review_order_is_the_sort_indicator(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == MARKS
    assert (window.model.query.sort, window.model.query.order) == (None, "priority")
    tip = window.model.headerData(MARKS, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.ToolTipRole)
    assert "acted on first, then by score" in tip

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))

    click(COLUMN_INDEX["recorded_at"])
    assert window.model.query.sort == "recorded_at"
    assert header.sortIndicatorSection() == COLUMN_INDEX["recorded_at"]
    click(MARKS)
    assert (window.model.query.sort, window.model.query.order) == (None, "priority")
    assert header.sortIndicatorSection() == MARKS
    scores = [window.model._row(r).score for r in range(window.model.rowCount())]
    acted = [window.model._acted(window.model._row(r)) for r in range(len(scores))]
    assert acted == sorted(acted, reverse=True)  # acted on first ...
    split = acted.count(True)
    for part in (scores[:split], scores[split:]):  # ... then by score
        assert part == sorted(part, reverse=True)


def test_marks_of_a_folder_clip_never_ask() -> None:
    assert Marks.of(True, False, "accidental", None, "folder").asks is False
    assert Marks.of(True, False, "accidental", None, "amazon").asks is True
    assert Marks.of(True, False, "accidental", False, "google").declined is True
    assert Marks.of(True, False, "keep", False, "google").declined is False


def test_column_layout_is_remembered(qtbot, window: MainWindow, library: Library) -> None:  # type: ignore[no-untyped-def]
    header = window.table.horizontalHeader()
    date = COLUMN_INDEX["recorded_at"]
    header.resizeSection(date, 171)
    header.moveSection(header.visualIndex(COLUMN_INDEX["status"]), 2)
    window.close()
    again = MainWindow(library)
    qtbot.addWidget(again)
    again.show()
    restored = again.table.horizontalHeader()
    assert restored.sectionSize(date) == 171
    assert restored.visualIndex(COLUMN_INDEX["status"]) == 2
    assert restored.visualIndex(MARKS) == 0  # the marks stay at the left
    again.close()
