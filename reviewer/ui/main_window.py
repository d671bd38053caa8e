"""The main window: welcome or review, the clip table, the detail pane, jobs in the background.

This module builds the window (widgets, docks, saved layout) and keeps what the whole window
does (refreshing, filters, the threshold, closing). What it does for the user is in mixins,
one module each, so each part can be read alone:
  window_actions  the menus, the toolbar and the dialogs they open
  status_bar      the counts and the background jobs' progress
  import_flow     importing, the import report, the Library panel, verifying an import
  triage          selection, J/K, the decision keys, undoing a decision
  delete_export   deleting and exporting clips, undoing a delete
  review_jobs     transcription, flagging, voices, calibration in the background
They hold no state of their own: every attribute lives on the window (tests reach
`window.foo` as before)."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
)
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer import APP_NAME
from reviewer.core.api import (
    CancelToken,
    ClipQuery,
    Decision,
    JobKind,
    Library,
    ReviewSnapshot,
)
from reviewer.ui.answers import COLUMN_WIDTH
from reviewer.ui.clip_model import COLUMN_INDEX, COLUMNS, REVIEW, ClipTableModel
from reviewer.ui.clip_table import ClipTableView
from reviewer.ui.delete_export import DeleteExport
from reviewer.ui.detail import ClipDetail
from reviewer.ui.filters import FilterBar
from reviewer.ui.import_flow import ImportFlow
from reviewer.ui.review_jobs import ReviewJobs, _local_zone
from reviewer.ui.status_bar import StatusBar
from reviewer.ui.table_fit import FillWithColumns
from reviewer.ui.timeline import TimelineChart
from reviewer.ui.triage import Triage
from reviewer.ui.voices_panel import ArchiveBanner
from reviewer.ui.window_actions import WindowActions
from reviewer.ui.workers import Job

log = logging.getLogger(__name__)
GIL_SWITCH_S = 0.0005
# The table's column layout (order, widths) as the user left it. Versioned: a layout saved
# for other columns would put the wrong widths on these.
HEADER_KEY = "table/header-v2"
DETAIL_MIN_WIDTH = 260


# The mixins come before QMainWindow: their methods are the window's own (Qt's virtual
# methods stay overridden here, in the class itself).
class MainWindow(WindowActions, StatusBar, ImportFlow, Triage, DeleteExport, ReviewJobs,
                 QMainWindow):
    def __init__(self, library: Library, log_dir: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.log_dir = log_dir
        self.settings = library.settings()
        self.ui_state = QSettings(str(library.paths.ui_state_path),
                                  QSettings.Format.IniFormat)
        self.jobs: dict[str, Job] = {}
        # Background jobs run Python (flagging 100,000 clips) while this thread paints. With
        # Python's default 5 ms GIL switch interval the GUI thread waited ~0.9 s at a time for
        # the GIL while a re-flag ran (bench/ui_bench.py, 30,000 clips); 0.5 ms: ~0.15 s.
        sys.setswitchinterval(GIL_SWITCH_S)
        self._totals = (0, 0, 0)  # clips, flagged, not transcribed: the status line's count
        self._emptied: tuple[int, str] | None = None  # the last delete emptied the list
        self._removed_imports: set[int] = set()  # left out of the panel once emptied
        self._has_requests = False
        self._told_no_audio = False  # "no sound device" is said once per session
        self._closing = False
        # See StatusBar and ImportFlow.
        self._last_progress = {}
        self._import_feed = None
        self._switch_model = False
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        weights = library.weights()
        self.model = ClipTableModel(library, library.threshold(self.settings))
        self.filters = FilterBar(weights.presets, self.model.threshold)
        self.table = self._make_table()
        self.detail = ClipDetail(word_source=library.word_times)
        self.detail.set_threshold(self.model.threshold)
        self.welcome = self._make_welcome()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._make_review_page())
        self.setCentralWidget(self.stack)
        self.imports_tree = self._make_imports_dock()
        self.timeline = self._make_timeline_dock()
        self.resizeDocks([self.imports_dock, self.timeline_dock], _dock_heights(self),
                         Qt.Orientation.Vertical)
        self._make_status_bar()
        self._make_actions()
        self._decorate_actions()
        self._wire()
        self._restore_state()
        self._set_tab_order()
        self.refresh_all()
        self._report_reconciled()
        QTimer.singleShot(0, self._resume_background_work)

    def tr(self, sourceText: str, /, disambiguation: str | None = None, n: int = -1) -> str:
        """The window's strings, its mixins' included: lupdate files a mixin's under the
        mixin's class name. PySide's own tr() tries each class of the window's MRO and takes
        the first answer that differs from the source text; with a plural ("%n clip(s)") the
        first class's answer always differs (%n is replaced), so a mixin's plurals stayed
        untranslated. Here an answer counts only when it differs from what Qt gives for a
        string it has no translation for."""
        untranslated = QCoreApplication.translate("", sourceText, disambiguation, n)
        for cls in type(self).__mro__[:-1]:  # not `object`
            found = QCoreApplication.translate(cls.__name__, sourceText, disambiguation, n)
            if found != untranslated:
                return found
        return untranslated

    # --- construction ----------------------------------------------------------------------

    def _make_welcome(self) -> QWidget:
        from reviewer.ui.welcome import WelcomePage

        page = WelcomePage()
        page.importRequested.connect(self.choose_import_files)
        page.sampleRequested.connect(self.import_sample)
        return page

    def _make_table(self) -> QTableView:
        table = ClipTableView()
        table.menuRequested.connect(self.show_clip_menu)
        table.setModel(self.model)
        table.setSortingEnabled(True)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        # The review order (acted on first, then by score) is the marks column's order: its
        # arrow says so, and clicking it goes back to that order after sorting by another.
        header.setSortIndicator(COLUMN_INDEX[REVIEW], Qt.SortOrder.DescendingOrder)
        self.model.query = replace(self.model.query, sort=None, descending=False,
                                   order="priority")
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        table.setAccessibleName(self.tr("Clips"))
        widths = {REVIEW: COLUMN_WIDTH, "recorded_at": 116, "vendor_transcript": 200,
                  "transcript": 200, "score": 48, "device": 104, "duration_s": 56,
                  "status": 96}
        for col, column in enumerate(COLUMNS):
            # Wide enough for the title in the interface's language ("Punkte" is longer
            # than "Score"; the sort arrow needs room too).
            title = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            fits = header.fontMetrics().horizontalAdvance(str(title)) + 28
            table.setColumnWidth(col, widths[column.key] if column.key == REVIEW
                                 else max(widths[column.key], fits))
        # The marks never need more room; the transcripts take whatever width is left (but
        # never less than a readable minimum) and elide: their tooltip holds the whole text.
        header.setSectionResizeMode(COLUMN_INDEX[REVIEW], QHeaderView.ResizeMode.Fixed)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._transcripts_fit = FillWithColumns(
            table, [COLUMN_INDEX["vendor_transcript"], COLUMN_INDEX["transcript"]])
        # An empty list says why it is empty (deleted, filtered), over the table itself.
        self.empty_label = QLabel(table.viewport())
        self.empty_label.setObjectName("emptyListLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.hide()
        table.viewport().installEventFilter(self)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
        return super().eventFilter(watched, event)

    def _list_name(self) -> str:
        """What the list shows, as an adjective for "all N … clips"."""
        q = self.model.query
        if q.acted_on:
            return self.tr("acted-on")
        if q.flagged:
            return self.tr("flagged")
        if q.waiting:
            return self.tr("waiting")
        if q.decision == Decision.ACCIDENTAL:
            return self.tr("accidental")
        if q.decision == Decision.DELETE_REQUEST:
            return self.tr("marked")
        return ""

    def _update_empty(self) -> None:
        """The empty list's reason, or nothing while it lists clips."""
        if self.model.rowCount() or (not self._totals[0] and not self._emptied):
            self.empty_label.hide()
            if self.model.rowCount():
                self._emptied = None
            return
        q = self.model.query
        if self._emptied:
            n, what = self._emptied
            text = (self.tr("All %n %1 clip(s) deleted", "", n).replace("%1", what)
                    .replace("  ", " ") + " \u2014 " + self.tr("Ctrl+Z to undo"))
        elif q.waiting:
            text = self.tr("Every clip is transcribed: nothing is waiting.")
        elif q.text:
            text = self.tr("No clip says \u201c%1\u201d.").replace("%1", q.text)
        elif q.deleted_only:
            text = self.tr("Nothing was deleted from this library.")
        elif q.flagged or q.acted_on:
            text = self.tr("No clip is %1 at this threshold.").replace("%1", self._list_name())
        else:
            text = self.tr("No clips match these filters.")
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
        self.empty_label.show()
        self.empty_label.raise_()

    def _make_review_page(self) -> QWidget:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(6, 6, 0, 6)
        self.archive_banner = ArchiveBanner(self.library)
        self.archive_banner.voicesRequested.connect(self.show_voices)
        column.addWidget(self.archive_banner)
        column.addWidget(self.filters)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        # An explicit minimum: the splitter then ignores the pane's content, whose minimum
        # width changed from clip to clip and moved the table's columns during J/K.
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        return self.splitter

    def _make_timeline_dock(self) -> TimelineChart:
        chart = TimelineChart()
        chart.rangeSelected.connect(self.filters.set_range)
        chart.rangeCleared.connect(self.filters.clear_range)
        chart.bucketSizeChanged.connect(lambda _size: self.refresh_timeline())
        self.filters.range_button.clicked.connect(chart.clear_selection)
        self.timeline_dock = self._dock(self.tr("Timeline"), "timelineDock", chart,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        return chart

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock holding `widget`; its object name keeps its place in the saved layout."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _playback_changed(self, playing: bool) -> None:
        """The first time something plays with no sound device, say so (once): the clip plays
        silently, which otherwise looks like a broken player. Qt only logged it."""
        if not playing or self._told_no_audio:
            return
        self._told_no_audio = True
        if not QMediaDevices.audioOutputs():
            self.statusBar().showMessage(self.tr(
                "No sound device found: the clip plays silently (the position and the words "
                "still move). Connect speakers or headphones to hear it."), 15000)

    def _wire(self) -> None:
        self.detail.playbackStateChanged.connect(self._playback_changed)
        self.filters.queryChanged.connect(self.set_query)
        self.filters.thresholdChanged.connect(self.set_threshold)
        self.filters.presetChosen.connect(self._preset_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda index: self.model.toggle_dialogue(index.row()))
        self.model.modelReset.connect(self._show_counts)

    # --- state -----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.ui_state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.ui_state.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        header = self.ui_state.value(HEADER_KEY)
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        splitter = self.ui_state.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            # Table 3 : pane 2 from the start. Left to their size hints, the table (the sum
            # of its columns) took all but the pane's minimum, and the pane's badges and
            # texts wrapped into a tall, cut-off column on every screen size.
            self.splitter.setSizes([600, 400])

    def _save_state(self) -> None:
        self.ui_state.setValue("window/geometry", self.saveGeometry())
        self.ui_state.setValue("window/state", self.saveState())
        self.ui_state.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self.ui_state.setValue("window/splitter", self.splitter.saveState())
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self._save_state()
        # Not only stop: let go of the file and wait for the pane's pool threads, so none of
        # them calls into a window being closed.
        self.detail.shutdown()
        # Unfinished work is picked up on the next start; waiting here only for a clean stop.
        for job in list(self.jobs.values()):
            job.cancel()
        for job in list(self.jobs.values()):
            job.wait(15000)
        # Non-modal windows of this one (requests, reports) go with it.
        for dialog in self.findChildren(QDialog):  # message boxes included
            dialog.close()
        event.accept()

    # --- refreshing ------------------------------------------------------------------------

    def refresh_all(self) -> None:
        has_clips = self.library.count_clips() > 0
        arriving = has_clips and self.stack.currentIndex() != 1
        self.stack.setCurrentIndex(1 if has_clips else 0)
        if arriving:  # the review's keys (J/K, A/G/R, Space) act on the table
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.imports_dock.setVisible(has_clips)
        self.timeline_dock.setVisible(has_clips)
        self.filters.set_devices(self.library.devices())
        self.model.set_query(self.filters.query())
        self.refresh_imports()
        self.refresh_timeline()
        if has_clips and not self.table.currentIndex().isValid() and self.model.rowCount():
            self._select_row(0)
        if not self.table.currentIndex().isValid():
            self.detail.show_clip(None, None, None)
        self._update_counts()
        # Requests outlive their clips (deleted, or a library emptied): the dialog still has
        # something to show then.
        self._has_requests = bool(self.library.requests())
        self._label_undo()
        self._update_actions()

    def refresh_timeline(self) -> None:
        buckets = self.library.timeline(self.timeline.bucket_size(),
                                        min_score=self.model.threshold,
                                        zone=_local_zone())
        self.timeline.set_buckets(buckets)

    # --- filters and the table -------------------------------------------------------------

    def set_query(self, query: ClipQuery) -> None:
        self._emptied = None  # another list: its emptiness has another reason
        current = self.current_clip_id()
        self.model.set_query(query)
        self._select_clip(current)

    def set_threshold(self, threshold: int) -> None:
        self.model.set_threshold(threshold)
        self.detail.set_threshold(threshold)
        self._update_counts(waiting=False)
        self._threshold_timer().start()

    def _threshold_timer(self) -> QTimer:
        # Persisting the threshold and re-counting charts waits until the slider rests.
        if not hasattr(self, "_persist_timer"):
            self._persist_timer = QTimer(self)
            self._persist_timer.setSingleShot(True)
            self._persist_timer.setInterval(400)
            self._persist_timer.timeout.connect(self._persist_threshold)
        return self._persist_timer

    def _persist_threshold(self) -> None:
        """Remember the threshold and re-flag the stored flags at it (an UPDATE of every clip),
        then re-count the charts: in the background; retried while another one runs."""
        threshold = self.model.threshold
        # A slider resting on a preset's value is that preset (the bar's preset box says so
        # too): saved as "custom", Preferences said "Custom" while the toolbar said "Careful".
        preset = self.filters.preset_combo.currentData()
        named = preset if preset in self.library.weights().presets else None

        def body(_progress: Any, _cancel: CancelToken) -> ReviewSnapshot:
            if named is not None:
                self.library.set_threshold(preset=named)
            else:
                self.library.set_threshold(threshold=threshold)
            return self._snapshot()

        job = self._start_job(JobKind.THRESHOLD, body, quiet=True)
        if job is None:
            self._threshold_timer().start()
        else:
            job.succeeded.connect(self._apply_snapshot)

    def _preset_chosen(self, name: str) -> None:
        def body(_progress: Any, _cancel: CancelToken) -> int:
            return self.library.set_threshold(preset=name)

        self._start_job(JobKind.THRESHOLD, body, quiet=True)

    # J/K belong to triage.py, but this overrides QWidget.move: it stays in the window class.
    def move(self, step: int) -> None:  # type: ignore[override]  # J/K, not QWidget.move
        if not self.model.rowCount():
            return
        row = self.table.currentIndex().row()
        row = max(0, min(self.model.rowCount() - 1, row + step))
        self._select_row(row)
        self.table.scrollTo(self.model.index(row, 0))

    # Dropped files are imported (import_flow.py); Qt's event methods stay in this class.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)


def _dock_heights(window: QWidget) -> list[int]:
    """The library and timeline docks' first heights: on a 640-pixel-high screen the
    default 120 + 220 px left the clip table seven rows."""
    screen = window.screen()
    height = screen.availableGeometry().height() if screen is not None else 800
    return [max(70, min(120, height // 8)), max(130, min(220, height * 22 // 100))]


