"""The main window on small screens, with the keyboard, and through its menus: real widgets on
the offscreen platform, driven with key and mouse events (issue 14, items 7, 10 and 13)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reviewer.core.jobs import JobKind
from reviewer.core.library import Library
from reviewer.resources import sample_export_path
from reviewer.ui.main_window import MainWindow


@pytest.fixture
def sample_library(library: Library) -> Library:
    library.import_exports([sample_export_path()])
    return library


def _open(qtbot, library: Library) -> MainWindow:  # type: ignore[no-untyped-def]
    library.jobs.hold(JobKind.TRANSCRIBE)  # no Whisper behind these tests
    library.jobs.hold(JobKind.VOICES)
    w = MainWindow(library)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, sample_library: Library) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = _open(qtbot, sample_library)
    yield w
    w.close()


def _inside(child: QWidget, parent: QWidget) -> bool:
    top_left = child.mapTo(parent, QPoint(0, 0))
    return parent.rect().contains(top_left) and parent.rect().contains(
        top_left + QPoint(child.width() - 1, child.height() - 1))


# --- item 7: small screens ---------------------------------------------------------------

@pytest.mark.parametrize("size", [(1024, 600), (1366, 740)])
def test_window_fits_small_screens(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                   size: tuple[int, int]) -> None:
    """1024×640 and 1366×768 screens less a title bar: the window's minimum fits, every
    filter stays whole inside the filter bar (wrapping onto rows) and the search box keeps
    room for what it asks."""
    width, height = size
    minimum = window.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height,
                    timeout=5_000)
    bar = window.filters
    for w in (bar.show_combo, bar.vendor_combo, bar.search, bar.slider, bar.preset_combo,
              bar.threshold_label):
        assert w.isVisible() and _inside(w, bar), w.accessibleName()
    search = bar.search
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert search.width() >= needed
    # The timeline's header wraps too: its widgets stay inside the chart's width.
    assert _inside(window.timeline.info, window.timeline)
    assert window.table.height() >= 100  # room for a few rows of clips


def test_filter_bar_wraps_when_narrow(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    bar = window.filters
    one_row = bar.heightForWidth(3000)
    assert bar.heightForWidth(400) > one_row  # wrapped onto more rows, not wider
    assert bar.minimumSizeHint().width() <= 420


def test_docks_can_be_hidden_from_the_view_menu(window: MainWindow) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggles = {a.text(): a for a in view.actions()}
    for name, dock in (("Library", window.imports_dock), ("Timeline", window.timeline_dock)):
        toggles[name].trigger()
        assert not dock.isVisible()
        toggles[name].trigger()
        assert dock.isVisible()


# --- item 10: keyboard and focus ---------------------------------------------------------

def _in(widget: QWidget | None, parent: QWidget) -> bool:
    while widget is not None:
        if widget is parent:
            return True
        widget = widget.parentWidget()
    return False


def test_tab_leaves_the_table_and_arrows_move_rows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    table = window.table
    # Arriving at the review puts the keyboard on the table.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5_000)
    start = table.currentIndex().row()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == start + 1
    assert window.detail.clip is not None
    assert window.detail.clip.id == window.current_clip_id()
    # Left/Right neither leave the row's first column nor scroll sideways.
    scroll = table.horizontalScrollBar().value()
    column = table.currentIndex().column()
    for _ in range(6):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == column
    assert table.horizontalScrollBar().value() == scroll
    qtbot.keyClick(table, Qt.Key.Key_End)
    assert table.currentIndex().row() == window.model.rowCount() - 1
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert table.currentIndex().row() == 0

    # Tab: on to the clip pane (not the next cell); Shift+Tab back to the table, then on
    # back to the filter bar.
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert _in(QApplication.focusWidget(), window.detail), QApplication.focusWidget()
    assert table.currentIndex().column() == column
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert _in(QApplication.focusWidget(), window.filters), QApplication.focusWidget()
    # Ctrl+F goes to the search box; Tab from the filter bar's last widget reaches the table.
    window.act_search.trigger()
    assert QApplication.focusWidget() is window.filters.search
    widget = QApplication.focusWidget()
    for _ in range(8):
        if widget is table:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert widget is table


def _dark() -> QPalette:
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#171717"),
                         (QPalette.ColorRole.AlternateBase, "#262626"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"),
                         (QPalette.ColorRole.Mid, "#5f6368"),
                         (QPalette.ColorRole.Highlight, "#8ab4f8"),
                         (QPalette.ColorRole.HighlightedText, "#202124")):
        p.setColor(role, QColor(colour))
    return p


@pytest.mark.parametrize("dark", [False, True])
def test_focused_table_wears_a_clear_outline(qtbot, sample_library: Library,  # type: ignore[no-untyped-def]
                                             dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if dark:
        app.setPalette(_dark())
    try:
        window = _open(qtbot, sample_library)
        window.activateWindow()
        table = window.table
        highlight = table.palette().color(QPalette.ColorRole.Highlight)

        def edge() -> QColor:
            image = table.grab().toImage()
            return image.pixelColor(1, image.height() // 2)

        table.setFocus()
        qtbot.waitUntil(lambda: table.hasFocus(), timeout=5_000)
        focused = edge()
        window.filters.search.setFocus()
        qtbot.waitUntil(lambda: not table.hasFocus(), timeout=5_000)
        unfocused = edge()
        assert focused == highlight, (focused.name(), highlight.name())
        assert unfocused != highlight
        window.close()
    finally:
        app.setPalette(before)


# --- item 13: right-click and the toolbar --------------------------------------------------

def _menu_for_row(qtbot, window: MainWindow, row: int) -> QMenu:  # type: ignore[no-untyped-def]
    table = window.table
    rect = table.visualRect(window.model.index(row, 0))
    pos = rect.center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                              table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    qtbot.waitUntil(lambda: window.clip_menu_shown.isVisible(), timeout=5_000)
    return window.clip_menu_shown


def _entry(menu: QMenu, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_right_click_on_a_clip(qtbot, window: MainWindow, library: Library) -> None:  # type: ignore[no-untyped-def]
    window.table.selectRow(0)
    menu = _menu_for_row(qtbot, window, 3)
    clip_id = window.model.clip_id(3)
    # The clicked row became the selection and the current clip.
    assert window.selected_clip_ids() == [clip_id]
    assert window.detail.clip is not None and window.detail.clip.id == clip_id
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    for wanted in ("Play / pause", "Accidental: delete my copy", "Good: keep my copy",
                   "Ask the vendor to delete theirs (yes / no)", "Copy transcript",
                   "Show in timeline",
                   "Delete…"):
        assert wanted in texts
    assert all(a.isEnabled() for a in menu.actions() if not a.isSeparator()
               and a.text() != window.act_play.text())
    _entry(menu, "Copy transcript").trigger()
    menu.close()
    clip = library.clip(clip_id)
    assert clip is not None
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"{clip.recorded_at.astimezone():%Y-%m-%d %H:%M}\t")
    assert len(copied.split("\t", 1)[1]) > 0

    menu = _menu_for_row(qtbot, window, 5)
    keep_id = window.model.clip_id(5)
    _entry(menu, "Good: keep my copy").trigger()
    menu.close()
    decided = library.clip(keep_id or -1)
    assert decided is not None and decided.decision == "keep"

    menu = _menu_for_row(qtbot, window, 2)
    shown_id = window.model.clip_id(2)
    _entry(menu, "Show in timeline").trigger()
    menu.close()
    shown = library.clip(shown_id or -1)
    assert shown is not None
    timeline = window.timeline
    index = timeline.current_index()
    assert index is not None
    bar = timeline.buckets()[index]
    assert bar.start <= shown.recorded_at < bar.end
    assert timeline.selected_range() is None  # pointed at, the table not narrowed


def test_right_click_keeps_a_selection_it_falls_in(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model = window.model
    selection = QItemSelection(model.index(1, 0), model.index(4, 0))
    window.table.selectionModel().select(
        selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    menu = _menu_for_row(qtbot, window, 3)
    menu.close()
    assert len(window.selected_clip_ids()) == 4


def test_toolbar_has_icons_and_nothing_enabled_that_cannot_apply(  # type: ignore[no-untyped-def]
        qtbot, library: Library) -> None:
    window = _open(qtbot, library)  # an empty library: the welcome page
    assert window.stack.currentIndex() == 0
    bar = window.toolbar
    assert bar is not None
    for action in bar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
    # Disabled looks disabled, drawn icons too (Qt's greying left them as they were).
    for action in (window.act_undo, window.act_request, window.act_requests):
        icon = action.icon()
        assert icon.pixmap(22, QIcon.Mode.Disabled).toImage() != icon.pixmap(22).toImage()
    enabled = {a.text().replace("&", "") for a in bar.actions()
               if not a.isSeparator() and a.isEnabled()}
    assert enabled == {"Import export…"}
    for action in (window.act_accidental, window.act_delete, window.act_select_all,
                   window.act_next, window.act_search, window.act_transcribe,
                   window.act_requests, window.act_undo):
        assert not action.isEnabled(), action.text()

    # With clips: the review actions apply to the selected clip; Undo once there is one.
    window.import_paths([sample_export_path()])
    QTimer.singleShot(0, lambda: None)
    qtbot.waitUntil(lambda: not window.jobs and window.stack.currentIndex() == 1,
                    timeout=60_000)
    window.report_dialog.close()
    qtbot.waitUntil(lambda: window.current_clip_id() is not None, timeout=5_000)
    for action in (window.act_accidental, window.act_keep, window.act_request,
                   window.act_delete, window.act_requests, window.act_next):
        assert action.isEnabled(), action.text()
    assert not window.act_undo.isEnabled()
    window.act_keep.trigger()
    assert window.act_undo.isEnabled()
    # Play follows whether the clip on show can be played.
    assert window.act_play.isEnabled() == window.detail.playable
    window.close()


def test_toolbar_keeps_every_action_on_a_narrow_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Where the words do not fit: icons only (words in the tooltips), nothing pushed into
    the toolbar's overflow. (The triage actions' short toolbar names, "Accidental", "Keep",
    "Ask vendor", let the words fit at 1024 wide; at 800 they do not.)"""
    bar = window.toolbar
    assert bar is not None
    for width in (1024, 800):
        window.resize(width, 600)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=5_000)
        assert bar.sizeHint().width() <= bar.width()
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: window.width() == 1900, timeout=5_000)
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
