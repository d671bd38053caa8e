"""The main window: welcome or review, the clip table, the detail pane, jobs in the background."""

from __future__ import annotations

import itertools
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    QTimeZone,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer import APP_NAME
from reviewer.config import remember_data_dir
from reviewer.core.api import (
    REFLAG_EVERY,
    REQUESTABLE,
    USER_ERRORS,
    ArchiveCheck,
    Calibration,
    Cancelled,
    CancelToken,
    ClipExportReport,
    ClipQuery,
    Decision,
    DeleteReport,
    FlagReport,
    ImportBatchReport,
    ImportCounts,
    ImportSummary,
    JobKind,
    LanguageProposal,
    Library,
    ModelChoice,
    ProcessReport,
    Progress,
    ReviewSnapshot,
    TranscriptInfo,
    UndoOutcome,
    VerifyReport,
    asks_vendor,
    local_zone,
    subject_name,
)
from reviewer.resources import sample_export_path
from reviewer.ui import i18n
from reviewer.ui.answers import COLUMN_WIDTH
from reviewer.ui.clip_model import COLUMN_INDEX, COLUMNS, REVIEW, ClipTableModel
from reviewer.ui.clip_table import ClipTableView
from reviewer.ui.delete_dialog import DeleteDialog
from reviewer.ui.detail import ClipDetail
from reviewer.ui.dialogs import (
    AboutDialog,
    ImportReportDialog,
    PreferencesDialog,
    ShortcutsDialog,
    model_how_to_get,
)
from reviewer.ui.export_dialog import ExportDialog
from reviewer.ui.filters import WAITING_SHOW, FilterBar
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, core_text, date_text, number_text
from reviewer.ui.icons import action_icon
from reviewer.ui.requests_dialog import RequestsDialog
from reviewer.ui.table_fit import FillWithColumns
from reviewer.ui.timeline import TimelineChart
from reviewer.ui.voices_panel import ArchiveBanner, VoicesDialog
from reviewer.ui.workers import Job

log = logging.getLogger(__name__)
GIL_SWITCH_S = 0.0005
# Background work with no progress of its own in the status bar.
QUIET_JOBS = frozenset({JobKind.FLAG, JobKind.CALIBRATE, JobKind.THRESHOLD})
# The table's column layout (order, widths) as the user left it. Versioned: a layout saved
# for other columns would put the wrong widths on these.
HEADER_KEY = "table/header-v2"
DETAIL_MIN_WIDTH = 260
UNDO_LABELS = {"delete": QT_TRANSLATE_NOOP("MainWindow", "&Undo delete"),
               "decision": QT_TRANSLATE_NOOP("MainWindow", "&Undo decision")}


class MainWindow(QMainWindow):
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
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        weights = library.weights()
        self.model = ClipTableModel(library, library.threshold(self.settings))
        self.filters = FilterBar(weights.presets, self.model.threshold)
        self.table = self._make_table()
        self.detail = ClipDetail()
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

    def _report_reconciled(self) -> None:
        """A delete interrupted last time (crash, power cut) was finished or rolled back
        when the library opened: say which, so nobody wonders about those clips."""
        done = [r for r in self.library.reconciled if r.action != "skipped"]
        if done:
            self.statusBar().showMessage(
                self.tr("An interrupted delete was completed safely: {what}").format(
                    what="; ".join(self._reconciled_text(r.clips, r.action) for r in done)),
                15000)

    def _reconciled_text(self, clips: int, action: str) -> str:
        """"3 clip(s) finished" in the interface's language (the core's action words)."""
        if action == "finished":
            return self.tr("%n clip(s) finished", "", clips)
        if action == "rolled back":
            return self.tr("%n clip(s) rolled back", "", clips)
        if action in ("undo finished", "undo reverted"):
            return self.tr("%n clip(s): the undo was finished", "", clips) \
                if action == "undo finished" else \
                self.tr("%n clip(s): the undo was reverted", "", clips)
        return self.tr("%n clip(s) {action}", "", clips).format(action=action)

    def _import_status(self, imp: ImportSummary) -> str:
        return {"running": self.tr("running"), "cancelled": self.tr("cancelled"),
                "complete": self.tr("complete"),
                "interrupted": self.tr("interrupted")}.get(imp.status, imp.status)

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

    def _make_imports_dock(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("importsTree")
        tree.setHeaderLabels([self.tr("Import"), self.tr("Clips"), self.tr("Flagged"),
                              self.tr("Acted on"), self.tr("Dates"), self.tr("Devices")])
        tree.setRootIsDecorated(False)
        tree.setAccessibleName(self.tr("Imports"))
        tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        tree.setMinimumHeight(60)  # the dock resizes; the list scrolls past what fits
        # Clicking (or Enter on) an import lists its clips; right-click offers more.
        tree.itemClicked.connect(self._import_activated)
        tree.itemActivated.connect(self._import_activated)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._import_menu)
        dock = QDockWidget(self.tr("Library"), self)
        dock.setObjectName("importsDock")
        dock.setWidget(tree)
        self.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, dock)
        self.imports_dock = dock
        return tree

    def _make_timeline_dock(self) -> TimelineChart:
        chart = TimelineChart()
        chart.rangeSelected.connect(self.filters.set_range)
        chart.rangeCleared.connect(self.filters.clear_range)
        chart.bucketSizeChanged.connect(lambda _size: self.refresh_timeline())
        self.filters.range_button.clicked.connect(chart.clear_selection)
        dock = QDockWidget(self.tr("Timeline"), self)
        dock.setObjectName("timelineDock")
        dock.setWidget(chart)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.timeline_dock = dock
        return chart

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.job_label = QLabel("")
        self.job_label.setAccessibleName(self.tr("Background work"))
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(220)
        self.job_progress.setAccessibleName(self.tr("Progress"))
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.setToolTip(self.tr("Stop the background work (it resumes next time)"))
        self.job_cancel.clicked.connect(self.cancel_jobs)
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("countsLabel")
        # "52 not transcribed yet" is a link: it lists them.
        self.counts_label.linkActivated.connect(lambda _link: self.show_waiting())
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setToolTip(self.tr("Transcribe the clips that are waiting, then "
                                              "flag them"))
        self.resume_button.clicked.connect(self.start_transcription)
        self.resume_button.setVisible(False)
        bar.addWidget(self.counts_label)
        bar.addWidget(self.resume_button)  # beside the count it resumes
        bar.addWidget(QWidget(), 1)
        bar.addPermanentWidget(self.job_label)
        bar.addPermanentWidget(self.job_progress)
        bar.addPermanentWidget(self.job_cancel)
        self._show_job(None)

    def _action(self, text: str, slot: Any, shortcut: str | QKeySequence.StandardKey | None
                = None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # The key as the language names it ("Strg+O" in German).
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}"
                          + (f" ({key})" if shortcut else ""))
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_import = a(self.tr("&Import export\u2026"), self.choose_import_files,
                            QKeySequence.StandardKey.Open, self.tr("Import zip(s) you downloaded"))
        self.act_import_folder = a(self.tr("Import &folder\u2026"), self.choose_import_folder)
        self.act_sample = a(self.tr("Open the &sample export"), self.import_sample)
        self.act_export = a(self.tr("&Export selected clips\u2026"), lambda: self.export_selected(),
                            "Ctrl+E", self.tr("Copy the selected clips' recordings and a list "
                                              "of them into a folder or zip"))
        self.act_prefs = a(self.tr("&Preferences\u2026"), self.show_preferences,
                           QKeySequence.StandardKey.Preferences)
        self.act_quit = a(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_undo = a(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo)
        self.act_delete = a(self.tr("&Delete\u2026"), lambda: self.delete_selected(),
                            QKeySequence.StandardKey.Delete,
                            self.tr("Delete the selected clips from this library"))
        self.act_select_all = a(self.tr("Select &all in filter"), self.select_all,
                                QKeySequence.StandardKey.SelectAll)
        self.act_accidental = a(self.tr("&Accidental: delete my copy"),
                                lambda: self.decide(Decision.ACCIDENTAL), "A",
                                self.tr("Recorded by mistake: your copy is to be deleted, and "
                                        "Amazon or Google asked to delete theirs (R: no)"))
        self.act_keep = a(self.tr("&Good: keep my copy"), lambda: self.decide(Decision.KEEP),
                          "G", self.tr("Meant to be recorded: keep your copy"))
        self.act_request = a(self.tr("Ask the vendor to delete theirs (yes / no)"),
                             self.toggle_request, "R",
                             self.tr("Whether the next deletion request to Amazon or Google "
                                     "lists these clips"))
        self.act_clear = a(self.tr("&Undecided"), lambda: self.decide(None), "U",
                           self.tr("Clear both answers"))
        # The toolbar's short names for the same actions.
        self.act_accidental.setIconText(self.tr("Accidental"))
        self.act_keep.setIconText(self.tr("Keep"))
        self.act_request.setIconText(self.tr("Ask vendor"))
        self.act_play = a(self.tr("&Play / pause"), self.detail.toggle_play, "Space")
        self.act_next = a(self.tr("&Next clip"), lambda: self.move(1), "J")
        self.act_prev = a(self.tr("P&revious clip"), lambda: self.move(-1), "K")
        self.act_dialogue = a(self.tr("&Expand or fold the dialogue"), self.toggle_dialogue,
                              "E", self.tr("Show a dialogue's turns and the device's replies "
                                           "between them"))
        self.act_search = a(self.tr("&Search"), self._focus_search, QKeySequence.StandardKey.Find)
        self.act_transcribe = a(self.tr("&Resume transcription"), self.start_transcription,
                                tip=self.tr("Transcribe the clips that are waiting, then "
                                            "flag them"))
        self.act_calibrate = a(self.tr("&Learn from my decisions"), self.calibrate)
        self.act_requests = a(self.tr("Deletion re&quests\u2026"), self.show_requests,
                              "Ctrl+Shift+R", self.tr("Write, export and track deletion "
                                                      "requests to the vendors"))
        self.act_voices = a(self.tr("&Voices\u2026"), self.show_voices, "Ctrl+Shift+V",
                            self.tr("Who speaks in your exports; name each voice"))
        self.act_shortcuts = a(self.tr("&Keyboard shortcuts"), self.show_shortcuts,
                               QKeySequence.StandardKey.HelpContents)
        self.act_logs = a(self.tr("Open &logs folder"), self.open_logs)
        self.act_about = a(self.tr("&About"), self.show_about)
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for act in (self.act_import, self.act_import_folder, self.act_sample, None,
                    self.act_export, None, self.act_prefs, None, self.act_quit):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        edit = menu.addMenu(self.tr("&Edit"))
        for act in (self.act_undo, None, self.act_delete, None, self.act_select_all,
                    self.act_search):
            edit.addSeparator() if act is None else edit.addAction(act)
        review = menu.addMenu(self.tr("&Review"))
        for act in (self.act_play, self.act_next, self.act_prev, None, self.act_accidental,
                    self.act_keep, self.act_request, self.act_clear, self.act_dialogue, None,
                    self.act_requests,
                    self.act_voices, None, self.act_transcribe, self.act_calibrate):
            review.addSeparator() if act is None else review.addAction(act)
        view = menu.addMenu(self.tr("&View"))
        view.addAction(self.imports_dock.toggleViewAction())
        view.addAction(self.timeline_dock.toggleViewAction())
        help_menu = menu.addMenu(self.tr("&Help"))
        for act in (self.act_shortcuts, self.act_logs, None, self.act_about):
            help_menu.addSeparator() if act is None else help_menu.addAction(act)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        for act in (self.act_import, None, self.act_play, self.act_accidental, self.act_keep,
                    self.act_request, None, self.act_delete, self.act_undo, None,
                    self.act_requests):
            toolbar.addSeparator() if act is None else toolbar.addAction(act)
        # Single-key shortcuts must not fire while typing in the search box.
        for act in (self.act_accidental, self.act_keep, self.act_request, self.act_clear,
                    self.act_play, self.act_next, self.act_prev, self.act_delete,
                    self.act_dialogue):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(act)
            self.detail.addAction(act)

    def _decorate_actions(self) -> None:
        """Icons (the desktop theme's where it has them, Qt's own otherwise) and the right-click
        menu of the clip table. Kept apart from the actions' definitions."""
        pix = QStyle.StandardPixmap
        icons: dict[str, tuple[str, QStyle.StandardPixmap | str]] = {
            "act_import": ("document-open", pix.SP_DialogOpenButton),
            "act_import_folder": ("folder-open", pix.SP_DirOpenIcon),
            "act_export": ("document-save-as", pix.SP_DialogSaveButton),
            "act_play": ("media-playback-start", pix.SP_MediaPlay),
            "act_accidental": ("dialog-warning", pix.SP_MessageBoxWarning),
            "act_keep": ("emblem-default", pix.SP_DialogApplyButton),
            "act_request": ("mail-send", "envelope"),
            "act_clear": ("edit-clear", pix.SP_DialogResetButton),
            "act_delete": ("edit-delete", pix.SP_TrashIcon),
            "act_undo": ("edit-undo", "undo"),
            "act_requests": ("x-office-document", "letters"),
            "act_next": ("go-down", pix.SP_ArrowDown),
            "act_prev": ("go-up", pix.SP_ArrowUp),
            "act_copy_transcript": ("edit-copy", pix.SP_FileLinkIcon),
            "act_show_in_timeline": ("x-office-calendar", pix.SP_FileDialogInfoView),
            "act_quit": ("application-exit", pix.SP_DialogCloseButton),
            "act_about": ("help-about", pix.SP_MessageBoxInformation),
        }
        self.act_copy_transcript = self._action(
            self.tr("&Copy transcript"), self.copy_transcripts,
            tip=self.tr("Copy the selected clips' transcripts, with their dates"))
        self.act_show_in_timeline = self._action(
            self.tr("Show in &timeline"), self.show_in_timeline,
            tip=self.tr("Show the day (or week) of this clip in the timeline"))
        for name, (theme, fallback) in icons.items():
            action = getattr(self, name, None)
            if isinstance(action, QAction):
                action.setIcon(action_icon(self, theme, fallback))
        self.toolbar = self.findChild(QToolBar, "mainToolbar")
        self._toolbar_text_width: int | None = None
        self._fit_toolbar()
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        """Toolbar buttons with their words where they fit, icons only (words in the
        tooltips) on a narrow window, rather than hiding actions behind the » overflow."""
        bar = getattr(self, "toolbar", None)
        if bar is None:
            return
        if self._toolbar_text_width is None:
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._toolbar_text_width = bar.sizeHint().width()
        wide = self.width() >= self._toolbar_text_width + 16
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide
                               else Qt.ToolButtonStyle.ToolButtonIconOnly)

    def clip_menu(self) -> QMenu:
        """What can be done to the selected clips: the same actions as the menus and keys."""
        menu = QMenu(self)
        menu.setObjectName("clipMenu")
        for act in (self.act_play, None, self.act_accidental, self.act_keep, self.act_request,
                    self.act_clear, None, self.act_copy_transcript, self.act_show_in_timeline,
                    self.act_export, None, self.act_delete):
            if act is None:
                menu.addSeparator()
            elif isinstance(act, QAction):
                menu.addAction(act)
        return menu

    def show_clip_menu(self, where: QPoint) -> None:
        self._update_actions()
        menu = self.clip_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.clip_menu_shown = menu
        menu.popup(where)

    def _set_tab_order(self) -> None:
        """Tab goes filter bar -> clip table -> clip pane (and on to the timeline), in the
        order they are seen; the table no longer keeps Tab for itself."""
        def focusable(parent: QWidget) -> list[QWidget]:
            # Not the combo boxes' popups: windows of their own.
            return [w for w in parent.findChildren(QWidget)
                    if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is self]

        chain = [*focusable(self.filters), self.table, *focusable(self.detail),
                 self.timeline.plot]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _update_actions(self) -> None:
        """Enable what can apply now: nothing that needs clips on the empty welcome page,
        nothing that needs a selection without one, Play only with something to play."""
        if self._closing:
            return
        reviewing = self.stack.currentIndex() == 1
        rows = self.model.rowCount() if reviewing else 0
        # Only visibly selected rows are acted on (a focused row alone is not chosen).
        chosen = reviewing and bool(self.table.selectionModel().selectedRows())
        for act in (self.act_accidental, self.act_keep, self.act_request, self.act_clear,
                    self.act_delete, self.act_copy_transcript, self.act_show_in_timeline,
                    self.act_export):
            act.setEnabled(chosen)
        self.act_play.setEnabled(chosen and self.detail.playable)
        self.act_dialogue.setEnabled(chosen)
        for act in (self.act_next, self.act_prev, self.act_select_all):
            act.setEnabled(rows > 0)
        for act in (self.act_search, self.act_calibrate, self.act_voices):
            act.setEnabled(reviewing)
        self.act_transcribe.setEnabled(reviewing and JobKind.TRANSCRIBE not in self.jobs)
        self.act_requests.setEnabled(reviewing or self._has_requests)

    def copy_transcripts(self) -> str:
        """The selected clips' transcripts (this computer's, else the vendor's), one line
        each after the recording's local time: for a note, a complaint or a search."""
        lines = []
        for clip_id in self.selected_clip_ids():
            clip = self.library.clip(clip_id)
            if clip is None:
                continue
            transcripts = self.library.transcripts(clip_id)
            text = (transcripts[-1].text if transcripts else None) or clip.vendor_transcript \
                or self.tr("(no transcript)")
            # ISO time: copied text goes into notes and complaints, read anywhere.
            lines.append(f"{clip.recorded_at.astimezone():%Y-%m-%d %H:%M}\t{text}")
        copied = "\n".join(lines)
        QApplication.clipboard().setText(copied)
        self.statusBar().showMessage(
            self.tr("Copied %n transcript(s)", "", len(lines)), 3000)
        return copied

    def show_in_timeline(self) -> None:
        clip = self.library.clip(self.current_clip_id() or -1)
        if clip is None:
            return
        self.timeline_dock.show()
        if not self.timeline.show_moment(clip.recorded_at):
            self.statusBar().showMessage(self.tr("This clip is outside the timeline"), 3000)

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
        self.detail.stop()
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

    def refresh_imports(self) -> None:
        # Database counts only (no disk walk).
        self._fill_imports(self.library.imports(),
                           self.library.import_counts(self.model.threshold))

    def _fill_imports(self, imports: list[ImportSummary],
                      counts: dict[int, ImportCounts]) -> None:
        before = self.imports_tree.topLevelItemCount()
        chosen = self.filters.import_id
        self.imports_tree.clear()
        for imp in imports:
            # A removed import (every clip it held deleted) leaves the panel; a cancelled or
            # interrupted one stays, so it can be finished.
            if imp.id in self._removed_imports and counts.get(imp.id) is None:
                continue
            span = (f"{date_text(imp.first)} \u2013 {date_text(imp.last)}"
                    if imp.first and imp.last else "")
            stats = counts.get(imp.id, ImportCounts(0, 0, 0))
            who = imp.account or ""
            item = QTreeWidgetItem([
                f"{imp.label} \u2014 {imp.format}{' (' + who + ')' if who else ''}",
                number_text(stats.clips), number_text(stats.flagged),
                number_text(stats.acted_on), span,
                ", ".join(imp.devices)])
            item.setData(0, Qt.ItemDataRole.UserRole, imp.id)
            item.setToolTip(0, self.tr("{status}; %n problem(s) in the import report", "",
                                       imp.problems).format(status=self._import_status(imp)))
            self.imports_tree.addTopLevelItem(item)
            if imp.id == chosen:
                item.setSelected(True)
        for col in range(6):
            self.imports_tree.resizeColumnToContents(col)
        shown = self.imports_tree.topLevelItemCount()
        if shown > before and self.imports_dock.isVisible():
            # A new import row is never hidden below the panel's edge: grow it to show up
            # to six rows (more scroll); the user's own size is kept otherwise.
            rows = min(shown, 6)
            row_h = self.imports_tree.sizeHintForRow(0) if shown else 20
            header = self.imports_tree.header().sizeHint().height()
            self.resizeDocks([self.imports_dock], [header + rows * max(row_h, 18) + 16],
                             Qt.Orientation.Vertical)

    def refresh_timeline(self) -> None:
        buckets = self.library.timeline(self.timeline.bucket_size(),
                                        min_score=self.model.threshold,
                                        zone=_local_zone())
        self.timeline.set_buckets(buckets)

    def _update_counts(self, waiting: bool = True) -> None:
        """Count afresh; `waiting` False keeps the last count of all clips and of clips not
        transcribed yet (a threshold change cannot change them: while the slider moves only
        the flagged count is read on this thread)."""
        self._show_counts((
            self.library.count_clips() if waiting else self._totals[0],
            self.library.count_clips(ClipQuery(flagged=True, min_score=self.model.threshold)),
            self.library.count_clips(ClipQuery(waiting=True)) if waiting else self._totals[2]))

    def _show_counts(self, totals: tuple[int, int, int] | None = None) -> None:
        """The status line; `totals` (clips, flagged, waiting) as last counted unless given.
        A filter change only changes how many are shown, so it re-counts nothing. Clips not
        transcribed yet are said apart: nothing judged them, so "flagged" is not finished."""
        if totals is not None:
            self._totals = totals
        total, flagged, waiting = self._totals
        if total == 0:
            # An empty library is the welcome page: counts of nothing are noise there.
            self.counts_label.setText("")
            self.counts_label.setToolTip("")
            self._update_resume()
            self._update_empty()
            return
        text = (self.tr("%1 shown of %2 clips").replace(
                    "%1", number_text(self.model.rowCount())).replace("%2", number_text(total))
                + " \u00b7 "
                + self.tr("%1 flagged (score %2 or more)").replace("%1", number_text(flagged))
                .replace("%2", str(self.model.threshold)))
        if waiting:
            text += " \u00b7 " + '<a href="waiting">' + self.tr(
                "%n not transcribed yet", "", waiting).replace(str(waiting),
                                                             number_text(waiting)) + "</a>"
        self.counts_label.setText(text)
        self.counts_label.setToolTip(self.tr(
            "Clips not transcribed yet are not judged: they are neither flagged nor kept-looking "
            "until transcription has run. Click to list them.") if waiting else "")
        self._update_resume()
        self._update_empty()

    def _update_resume(self) -> None:
        """Resume is offered where the unfinished work is said, while nothing transcribes."""
        waiting = self._totals[2] > 0
        running = JobKind.TRANSCRIBE in self.jobs
        self.resume_button.setVisible(waiting and not running and not self._closing)
        self.act_transcribe.setEnabled(not running and self.stack.currentIndex() == 1)

    def show_waiting(self) -> None:
        """List the clips not transcribed yet."""
        self.filters.set_show(WAITING_SHOW)

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

    def current_clip_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.clip_id(index.row()) if index.isValid() else None

    def selected_clip_ids(self) -> list[int]:
        """The clips of the visibly selected rows, and only those: a key press never decides
        on a row that merely holds the keyboard focus."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        # A folded dialogue's row is the whole dialogue: all its turns are decided together.
        return self.model.clip_ids_of_rows(rows)

    def _select_row(self, row: int) -> None:
        """Select exactly this row and make it current. (QTableView.selectRow follows the
        modifier keys Qt believes held: with Ctrl seen as down it toggles the row instead,
        and a decision key would then find nothing selected.)"""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _select_clips(self, clip_ids: list[int]) -> list[int]:
        """Select exactly these clips' rows (the first current and in view); returns the
        ones the list shows."""
        rows = sorted({r for c in clip_ids if (r := self.model.row_of(c)) is not None})
        selection = self.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        selection.clearSelection()
        if not rows:
            self.table.setCurrentIndex(QModelIndex())
            return []
        first = self.model.index(rows[0], 0)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        for r in rows[1:]:
            selection.select(self.model.index(r, 0), flags)
        self.table.scrollTo(first)
        return [c for c in clip_ids if self.model.row_of(c) is not None]

    def toggle_dialogue(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and not self.model.toggle_dialogue(index.row()):
            self.statusBar().showMessage(self.tr("This clip is no dialogue"), 3000)

    def _select_clip(self, clip_id: int | None) -> None:
        row = self.model.row_of(clip_id) if clip_id is not None else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is not None:
            self._select_row(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.detail.show_clip(None, None, None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        clip_id = self.model.clip_id(current.row()) if current.isValid() else None
        if clip_id is None:
            self.detail.show_clip(None, None, None)
            self.act_play.setEnabled(False)
            return
        clip = self.library.clip(clip_id)
        if clip is None or (clip.status == "deleted" and self.model.query.deleted_only is False
                            and not self.model.query.include_deleted):
            self.detail.show_clip(None, None, None)  # deleted meanwhile: nothing to show
            return
        transcripts = self.library.transcripts(clip_id)
        transcript: TranscriptInfo | None = transcripts[-1] if transcripts else None
        audio = self.library.audio_path(clip) if clip is not None else None
        self.detail.show_clip(clip, transcript, audio)
        self.act_play.setEnabled(self.detail.playable)

    def move(self, step: int) -> None:  # type: ignore[override]  # J/K, not QWidget.move
        if not self.model.rowCount():
            return
        row = self.table.currentIndex().row()
        row = max(0, min(self.model.rowCount() - 1, row + step))
        self._select_row(row)
        self.table.scrollTo(self.model.index(row, 0))

    def select_all(self) -> None:
        if self.stack.currentIndex() == 1:
            self.table.selectAll()
            self.statusBar().showMessage(self.tr("%Ln clip(s) selected", "",
                                                 self.model.rowCount()), 3000)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # --- decisions -------------------------------------------------------------------------

    def decide(self, decision: Decision | str | None) -> None:
        """A (ACCIDENTAL), G (KEEP), U (None: both answers cleared) on the selected clips;
        R (DELETE_REQUEST) toggles "ask the vendor to delete theirs" (see `toggle_request`).
        A and G answer only "my copy": an answer about the vendor's copy stays."""
        if decision == Decision.DELETE_REQUEST:
            self.toggle_request()
            return
        if not self._may_decide():
            return
        ids = self.selected_clip_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select a clip first"), 3000)
            return
        single = len(ids) == 1
        self.library.decide(ids, decision)
        self._decided(ids)
        n = len(ids)
        if decision == Decision.ACCIDENTAL:
            asked = sum(1 for r in self.library.rows(ids).values() if asks_vendor(r))
            text = self.tr("%n clip(s): your copy to be deleted (accidental)", "", n)
            if asked:
                text += self.tr("; %n will be in a deletion request (R: no)", "", asked)
        elif decision == Decision.KEEP:
            text = self.tr("%n clip(s): keep your copy", "", n)
        else:
            text = self.tr("%n clip(s): undecided again", "", n)
        self.statusBar().showMessage(text + self.tr(" \u2014 Ctrl+Z undoes"), 6000)
        if single:
            self.move(1)  # triage: decide and go on to the next clip

    def toggle_request(self) -> None:
        """R: ask the vendor to delete their copy of the selected clips, or no longer ask
        (when every selected clip is asked about already). My-copy answers stay."""
        if not self._may_decide():
            return
        ids = self.selected_clip_ids()
        if not ids:
            return
        rows = [r for r in self.library.rows(ids).values() if r.vendor in REQUESTABLE]
        if not rows:
            self.statusBar().showMessage(self.tr(
                "These recordings come from a folder: there is no vendor to ask"), 5000)
            return
        ask = not all(asks_vendor(r) for r in rows)
        self.library.ask_vendor([r.id for r in rows], ask)
        self._decided(ids)
        n = len(rows)
        text = (self.tr("%n clip(s) will be in a deletion request", "", n) if ask else
                self.tr("%n clip(s) taken out of the next deletion request", "", n))
        self.statusBar().showMessage(text + self.tr(" \u2014 Ctrl+Z undoes"), 6000)

    def _may_decide(self, kind: JobKind = JobKind.DECIDE) -> bool:
        """Whether the job queue lets a decision key (or Ctrl+Z) act now; if not, the
        status bar says why (a running delete: the clips are about to disappear)."""
        admission = self.library.jobs.admit(kind)
        if not admission.start and admission.busy is not None:
            self.statusBar().showMessage(self._busy_text(kind, admission.busy), 6000)
        return admission.start

    def _busy_text(self, kind: JobKind, busy: JobKind) -> str:
        """Why `kind` cannot start while `busy` runs, in the interface's language (the
        queue in the core names the kinds only)."""
        if kind == JobKind.DECIDE:
            if busy == JobKind.UNDO:
                return self.tr("Clips are being brought back: decisions wait until that is "
                               "done.")
            return self.tr("Clips are being deleted: decisions wait until the delete is "
                           "done.")
        texts = {
            JobKind.IMPORT: self.tr("An import is already running; try again when it is done."),
            JobKind.FLAG: self.tr("The flagger is still scoring your clips; try again in a "
                                  "moment."),
            JobKind.CALIBRATE: self.tr("The flagger is already learning from your decisions."),
            JobKind.DELETE: self.tr("A delete is running; try again when it is done."),
            JobKind.UNDO: self.tr("Clips are being brought back; try again when that is done."),
            JobKind.EXPORT: self.tr("An export is running; try again when it is done."),
        }
        return texts.get(busy, self.tr("Something else is running; try again when it is "
                                       "done."))

    def _decided(self, ids: list[int]) -> None:
        """After an answer changed: the rows, the clip pane's badges, the Undo label."""
        self._label_undo()
        self.model.refresh_clips(ids)
        if self.current_clip_id() in ids:
            self._current_changed(self.table.currentIndex(), QModelIndex())

    def _label_undo(self) -> None:
        kind = self.library.next_undo()
        label = UNDO_LABELS.get(kind or "")
        self.act_undo.setText(self.tr(label) if label else self.tr("&Undo"))
        self.act_undo.setEnabled(kind is not None)

    def undo(self) -> None:
        """Ctrl+Z: the library undoes the newer of its last decision and its last delete."""
        # A delete's undo waits for a running delete or export; a decision's undo waits for
        # a running delete (it would undo a decision on clips about to disappear).
        if not self._may_decide(JobKind.UNDO if self.library.next_undo() == "delete"
                                else JobKind.DECIDE):
            return
        if self.library.next_undo() == "delete":
            self.undo_delete()
            return
        outcome = self.library.undo()
        self._label_undo()
        if not outcome.clip_ids:
            self.statusBar().showMessage(self.tr("Nothing to undo"), 3000)
            return
        self.model.refresh_clips(outcome.clip_ids)
        # The selection becomes exactly the undone clips: the next key acts on them only.
        shown = self._select_clips(outcome.clip_ids)
        text = self.tr("Undid the decision on %n clip(s)", "", len(outcome.clip_ids))
        if len(shown) < len(outcome.clip_ids):
            text += " \u2014 " + self.tr("%n of them not in this list", "",
                                          len(outcome.clip_ids) - len(shown))
        self._current_changed(self.table.currentIndex(), QModelIndex())
        self.statusBar().showMessage(text, 4000)

    # --- delete ----------------------------------------------------------------------------

    def delete_selected(self, permanent: bool | None = None, from_export: bool | None = None,
                        mark_request: bool = False) -> None:
        """Delete the selected clips (asking first unless both choices are given)."""
        ids = self.selected_clip_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select the clips to delete first"), 3000)
            return
        self._delete_ids(ids, permanent, from_export, mark_request)

    def _delete_ids(self, ids: list[int], permanent: bool | None = None,
                    from_export: bool | None = None, mark_request: bool = False) -> None:
        admission = self.library.jobs.admit(JobKind.DELETE)
        if not admission.start:  # say so before asking anything
            if admission.busy is not None:
                QMessageBox.information(self, APP_NAME,
                                        self._busy_text(JobKind.DELETE, admission.busy))
            return
        if permanent is None or from_export is None:
            vendors = self.library.vendors_of(ids)
            dialog = DeleteDialog(len(ids), self.library.settings().delete_to_trash, self,
                                  from_vendor=bool(vendors & REQUESTABLE))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            permanent, from_export, mark_request = dialog.choice
        self.detail.stop()  # the clip on show may be one of them: let go of its file
        shown = self.detail.clip
        if shown is not None and shown.id in ids:
            self.detail.show_clip(None, None, None)  # gone from the screen too: no Play
        was_listed = self.model.rowCount()

        def body(progress: Any, _cancel: CancelToken) -> DeleteReport:
            # The request mark is part of the delete: undoing the delete takes it back.
            return self.library.delete(ids, permanent=permanent, from_export=bool(from_export),
                                       progress=progress, ask_vendor=mark_request)

        job = self._start_job(JobKind.DELETE, body)
        if job is not None:
            what = self._list_name()
            job.succeeded.connect(
                lambda report: self._delete_done(report, was_listed, what))

    def _delete_done(self, report: DeleteReport, was_listed: int = 0, what: str = "") -> None:
        self.refresh_all()
        if was_listed and report.deleted and not self.model.rowCount():
            self._emptied = (len(report.deleted), what)  # the list says why it is empty
            self._update_empty()
        n = len(report.deleted)
        text = (self.tr("Deleted %n clip(s) permanently", "", n) if report.permanent
                else self.tr("Deleted %n clip(s) to the trash", "", n))
        if report.zips_rewritten or report.export_files:
            text += self.tr(", and from %n export file(s)", "",
                            len(report.zips_rewritten) + len(report.export_files))
        if report.undoable:
            self._label_undo()
            text += self.tr(" \u2014 Ctrl+Z undoes")
        self.statusBar().showMessage(text, 8000)
        if report.problems:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete"),
                              self.tr("{what}. Some things could not be done:").format(
                                  what=text), parent=self)
            box.setObjectName("deleteProblems")
            box.setDetailedText("\n".join(p.text for p in report.problems))
            box.setInformativeText("\n".join(p.text for p in report.problems[:5]))
            box.setModal(False)
            box.show()
            self.delete_problems_box = box

    def undo_delete(self) -> None:
        """The library's undo when it is a delete: files come back from the trash, so in
        the background."""
        def body(_progress: Any, _cancel: CancelToken) -> UndoOutcome:
            return self.library.undo()

        job = self._start_job(JobKind.UNDO, body)
        if job is not None:
            job.succeeded.connect(self._undo_delete_done)

    def _undo_delete_done(self, outcome: UndoOutcome) -> None:
        self._emptied = None
        self.refresh_all()
        self._label_undo()
        report = outcome.delete
        if report is None:  # a decision after all (nothing else was undoable)
            if outcome.clip_ids:
                self.model.refresh_clips(outcome.clip_ids)
            return
        if report.restored:
            self._select_clips(list(report.restored))  # exactly what came back
        if report.ok:
            text = self.tr("Restored %n clip(s).", "", len(report.restored))
            if report.exports_restored:
                text += " " + self.tr("Put back %n export file(s).", "",
                                      len(report.exports_restored))
            self.statusBar().showMessage(text, 6000)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Undo delete"), report.message,
                          parent=self)
        if report.problems:
            box.setDetailedText("\n".join(report.problems))
        box.setModal(False)
        box.show()
        self.undo_problems_box = box

    # --- export ----------------------------------------------------------------------------

    def export_selected(self, folder: Path | None = None, as_zip: bool | None = None,
                        audio: str | None = None) -> None:
        """Ctrl+E: export the selected clips (asking where and how unless all is given)."""
        ids = self.selected_clip_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select the clips to export first"), 3000)
            return
        admission = self.library.jobs.admit(JobKind.EXPORT)
        if not admission.start:
            if admission.busy is not None:
                QMessageBox.information(self, APP_NAME,
                                        self._busy_text(JobKind.EXPORT, admission.busy))
            return
        if folder is None or as_zip is None or audio is None:
            dialog = ExportDialog(len(ids), self._export_folder(), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            folder, as_zip, audio = dialog.choice
        self.ui_state.setValue("export/folder", str(folder))
        chosen, zipped = folder, bool(as_zip)
        fmt: Literal["original", "wav"] = "wav" if audio == "wav" else "original"

        def body(progress: Any, cancel: CancelToken) -> ClipExportReport:
            return self.library.export_clips(ids, chosen, as_zip=zipped, audio=fmt,
                                             progress=progress, cancel=cancel)

        job = self._start_job(JobKind.EXPORT, body)
        if job is not None:
            job.succeeded.connect(self._export_done)

    def _export_folder(self) -> Path:
        """The last folder exported into, else Documents, else home."""
        last = self.ui_state.value("export/folder")
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (Path(str(last)) if last else None,
                       Path(documents) if documents else None):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()

    def _export_done(self, report: ClipExportReport) -> None:
        self.last_export = report
        if report.cancelled or report.path is None:
            self.statusBar().showMessage(self.tr("Export stopped; nothing was written"), 6000)
            return
        text = self.tr("Exported %n clip(s) to %1", "", report.clips).replace(
            "%1", str(report.path))
        self.statusBar().showMessage(text, 10000)
        if report.problems or report.without_audio:
            lines = list(report.problems)
            if report.without_audio:
                lines.insert(0, self.tr("%n clip(s) had no recording in the export; they are "
                                        "in the list without a file.", "",
                                        report.without_audio))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export clips"), text,
                              parent=self)
            box.setObjectName("exportProblems")
            box.setInformativeText("\n".join(lines[:5]))
            if len(lines) > 5:
                box.setDetailedText("\n".join(lines))
            box.setModal(False)
            box.show()
            self.export_problems_box = box

    # --- import ----------------------------------------------------------------------------

    def choose_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import your voice history"), str(_downloads_folder()),
            self.tr("Exports (*.zip *.json *.csv *.html);;All files (*)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"),
                                                  str(_downloads_folder()))
        if folder:
            self.import_paths([Path(folder)])

    def import_sample(self) -> None:
        self.import_paths([sample_export_path()])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> None:
        def body(progress: Any, cancel: CancelToken) -> ImportBatchReport:
            return self.library.import_exports(paths, progress=progress, cancel=cancel)

        job = self._start_job(JobKind.IMPORT, body)
        if job is not None:
            job.succeeded.connect(self._import_done)
            self.library.warm_up()  # the speech model loads while the import runs

    def _import_done(self, report: ImportBatchReport) -> None:
        self.refresh_all()
        # Not modal: the user can read the report while transcription starts behind it.
        self.report_dialog = ImportReportDialog(
            report, self, warning=self._older_text(self.library.last_verification))
        self.report_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog.show()
        self._report_verification()
        self.archive_banner.show_check(self.library.last_archive_check)
        if not self._propose_language():
            self.start_transcription()

    def _propose_language(self) -> bool:
        """The export looks German (or another non-English language): offer the
        multilingual model, once. True while the question is open: transcription starts
        when it is answered, with the model chosen."""
        proposal = self.library.language_proposal()
        if proposal is None:
            return False
        self.library.language_proposal_shown(proposal)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("This library is not in English"),
                          self._proposal_text(proposal), parent=self)
        box.setObjectName("languageProposalBox")
        use = box.addButton(self.tr("Use the multilingual model") if proposal.model_available
                            else self.tr("Preferences\u2026"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            if button is use and proposal.model_available:
                self.library.use_multilingual_model(proposal)
                self.settings = self.library.settings()
            elif button is use:
                self.show_preferences()
            self.start_transcription()

        box.buttonClicked.connect(answered)
        self.language_box = box
        box.show()
        return True

    def _older_text(self, check: VerifyReport | None) -> str | None:
        """An export from before a sent request proves nothing about what the vendor deleted
        since (a re-import of the same files, typically): said in the import report, at the
        top, instead of a reassuring "no problems"."""
        if check is None or check.older_than is None or check.found:
            return None
        return self.tr("This export is older than your request of {day}: it cannot show "
                       "whether {vendor} deleted the recordings. Download a new export after "
                       "{day}.").format(day=date_text(check.older_than),
                                        vendor=subject_name(check.vendor))

    def _proposal_text(self, proposal: LanguageProposal) -> str:
        """The core's proposal in the interface's language: German is written here (the
        core's text, with its list of evidence, is English)."""
        if i18n.current_language() == "en" or proposal.language != "de":
            return core_text(proposal.text)
        text = self.tr("This library looks German (the vendor's labels, titles or requests, "
                       "folder names or the account say so). The speech model in use (tiny.en) "
                       "understands English only and writes nonsense for German speech. The "
                       "multilingual model (Whisper base) transcribes German and tells each "
                       "clip's language")
        if proposal.clips:
            minutes = round(proposal.estimate_s / 60)
            took = (self.tr("about a minute") if minutes < 1 else
                    self.tr("about %n minute(s)", "", minutes) if minutes < 90 else
                    self.tr("about {hours} hours").format(
                        hours=number_text(proposal.estimate_s / 3600, 1)))
            text += self.tr("; for the %Ln clips here it will take {time} on this computer",
                            "", proposal.clips).format(time=took)
        text += "."
        if not proposal.model_available:
            text += " " + model_how_to_get(next(
                (m for m in self.library.models() if m.name == proposal.model),
                ModelChoice(proposal.model, "", False, "")))
        return text

    def _report_verification(self) -> None:
        """A newer export still holding recordings the user asked to have erased: say so
        plainly, with the follow-up letter one click away."""
        check = self.library.last_verification
        if check is None or not check.found:
            return
        dates = [date_text(d) for d in
                 sorted({c.sent for c in check.checks if c.found and c.sent})]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Recordings not deleted"),
                          self.tr("%n recording(s) you asked the vendor to delete{sent} are "
                                  "still in this export. A follow-up letter citing your "
                                  "first request has been drafted.", "",
                                  len(check.found)).format(
                              sent=" " + self.tr("(request sent {dates})").format(
                                  dates=", ".join(dates)) if dates else ""),
                          parent=self)
        box.setObjectName("notDeletedBox")
        show = box.addButton(self.tr("Show requests"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show.clicked.connect(self.show_requests)
        self.not_deleted_box = box
        box.show()

    def show_requests(self) -> None:
        dialog = getattr(self, "requests_dialog", None)
        if dialog is None:
            self.requests_dialog = dialog = RequestsDialog(self.library, self)
        else:
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # --- transcription and flagging ----------------------------------------------------------

    def _resume_background_work(self) -> None:
        if self.library.has_pending_work(self.settings.model):
            self.start_transcription()
        elif self.library.reasons_outdated() or self.library.flag_pass_unfinished():
            # the interface's language changed (re-word), or the last pass was stopped
            self.start_flagging()
        elif self.library.voices().pending:
            self.start_voices()

    def start_transcription(self) -> None:
        """Transcribe what waits and flag (re-flagging as results arrive): the library's
        pipeline, in the background."""
        model = self.settings.model

        def body(progress: Any, cancel: CancelToken) -> ProcessReport:
            return self.library.process(
                model, progress, cancel, on_result=progress,
                on_flagged=lambda report: progress(self.review_progress(report)),
                reflag_every=REFLAG_EVERY)

        job = self._start_job(JobKind.TRANSCRIBE, body)
        if job is not None:
            job.progress.connect(self._transcribe_progress)
            job.succeeded.connect(self._processed)

    def _processed(self, report: ProcessReport) -> None:
        if report.flagged is None:  # stopped by the user: flag what was transcribed so far
            self.start_flagging()
        self.start_voices()

    def _transcribe_progress(self, item: object) -> None:
        if isinstance(item, int):  # a finished clip: show its transcript at once
            self.model.refresh_clips([item])
            if item == self.current_clip_id():
                self._current_changed(self.table.currentIndex(), QModelIndex())
        elif isinstance(item, ReviewSnapshot):  # re-scored: flags, counts, charts follow
            self._apply_snapshot(item)

    def _snapshot(self) -> ReviewSnapshot:
        return self.library.review_snapshot(self.model.live_query(), self.model.threshold,
                                            self.timeline.bucket_size(), zone=_local_zone())

    def review_progress(self, _report: FlagReport) -> ReviewSnapshot:
        """In the job's thread, after a (re-)flag: read everything the window shows that
        flagging changed, so the GUI thread only swaps it in (on 100,000 clips these reads
        take a good part of a second). Reads the view's state as plain attributes."""
        return self._snapshot()

    def _apply_snapshot(self, snap: ReviewSnapshot | None) -> None:
        if self._closing or snap is None:  # closing, or cancelled: nothing new to show
            return
        if snap.query != self.model.live_query() or snap.threshold != self.model.threshold:
            self._after_flagging()  # the user changed the view meanwhile: read it afresh
            return
        self._hold_still(lambda: self.model.set_ids(snap.ids))
        self._fill_imports(snap.imports, snap.import_counts)
        self.timeline.set_buckets(snap.buckets)
        self._show_counts((snap.total, snap.flagged, snap.waiting))

    def start_flagging(self) -> None:
        def body(_progress: Any, cancel: CancelToken) -> ReviewSnapshot | None:
            try:
                return self.review_progress(self.library.flag(cancel=cancel))
            except Cancelled:  # Cancel or quit: the next start flags again
                return None

        job = self._start_job(JobKind.FLAG, body, quiet=True)
        if job is not None:
            job.succeeded.connect(self._apply_snapshot)

    def start_voices(self) -> None:
        """After transcription: embed the new clips' voices and check the newest export."""
        def body(progress: Any, cancel: CancelToken) -> object:
            self.library.analyse_voices(progress=progress, cancel=cancel)
            return self.library.check_archive()

        job = self._start_job(JobKind.VOICES, body)
        if job is not None:
            job.succeeded.connect(self._voices_done)

    def _voices_done(self, check: object) -> None:
        self.archive_banner.show_check(check if isinstance(check, ArchiveCheck) else None)
        dialog = getattr(self, "voices_dialog", None)
        if dialog is not None:
            dialog.refresh()

    def show_voices(self) -> None:
        dialog = getattr(self, "voices_dialog", None)
        if dialog is None:
            self.voices_dialog = dialog = VoicesDialog(self.library, self,
                                                       self.selected_clip_ids)
            dialog.exampleRequested.connect(self._select_clip)
            dialog.namesChanged.connect(
                lambda: self.archive_banner.show_check(self.library.check_archive()))
        else:
            dialog.refresh()
        dialog.show()
        dialog.raise_()

    def _hold_still(self, reload: Callable[[], None]) -> None:
        """Re-read the rows (new flags re-order them) without moving the user: the selected
        clips stay selected, and the current one stays current, at the same height in the
        view. Only if the current clip left the list does the one now in its row take over
        (as after a delete)."""
        index = self.table.currentIndex()
        current = self.model.clip_id(index.row()) if index.isValid() else None
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        selected = [cid for r in rows if (cid := self.model.clip_id(r)) is not None]
        height = max(1, self.table.rowHeight(index.row())) if index.isValid() else 1
        offset = self.table.rowViewportPosition(index.row()) if index.isValid() else -1
        reload()
        if current is None or not self.model.rowCount():
            return
        row = self.model.row_of(current)
        if row is None:
            row = min(index.row(), self.model.rowCount() - 1)
            selected = []
        keep = sorted({r for cid in selected if (r := self.model.row_of(cid)) is not None}
                      | {row})
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = prev = keep[0]
        for r in [*keep[1:], None]:  # contiguous runs: Ctrl+A over 100,000 rows is one range
            if r is not None and r == prev + 1:
                prev = r
                continue
            selection.select(self.model.index(start, 0), self.model.index(prev, last))
            if r is not None:
                start = prev = r
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        model.setCurrentIndex(self.model.index(row, max(index.column(), 0)),
                              QItemSelectionModel.SelectionFlag.NoUpdate)
        target = self.model.index(row, 0)
        if 0 <= offset < self.table.viewport().height():
            # Where it was on screen: the rows above it may have changed, it has not.
            top = max(0, row - offset // height)
            self.table.scrollTo(self.model.index(top, 0),
                                QAbstractItemView.ScrollHint.PositionAtTop)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)

    def _after_flagging(self) -> None:
        self._hold_still(self.model.reload)
        self.refresh_imports()
        self.refresh_timeline()
        self._update_counts()

    def calibrate(self) -> None:
        """Refit the weights and re-score every clip: seconds on a big library, so in the
        background; the result is shown when it is done."""
        def body(_progress: Any, _cancel: CancelToken) -> tuple[Calibration, ReviewSnapshot]:
            return self.library.calibrate(), self._snapshot()

        job = self._start_job(JobKind.CALIBRATE, body, quiet=True)
        if job is not None:
            job.succeeded.connect(self._calibrated)

    def _calibrated(self, outcome: tuple[Calibration, ReviewSnapshot]) -> None:
        result, snapshot = outcome
        b, a = result.before, result.after
        verdict = (self.tr("The new weights are in use.") if result.improved else
                   self.tr("They were not better on the clips held back, so nothing changed."))
        self.calibration_box = box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Learn from my decisions"),
            self.tr("Tested on %Ln of your decisions the fit never saw:", "",
                    result.holdout_size) + "\n"
            + self.tr("before: precision {precision}, recall {recall}").format(
                precision=number_text(b.precision, 2), recall=number_text(b.recall, 2)) + "\n"
            + self.tr("after: precision {precision}, recall {recall}").format(
                precision=number_text(a.precision, 2), recall=number_text(a.recall, 2))
            + f"\n\n{verdict}", parent=self)
        box.setObjectName("calibrationResult")
        box.setModal(False)
        box.show()
        self._apply_snapshot(snapshot)

    # --- jobs ------------------------------------------------------------------------------

    def _start_job(self, name: JobKind | str, body: Any, quiet: bool = False) -> Job | None:
        """Start a background job if the library's job queue admits it now (it may first
        stop another one, or say why not); None when it does not start."""
        if self._closing:  # a job finishing during close must not start the next one
            return None
        kind = JobKind(name)
        admission = self.library.jobs.admit(kind)
        if not admission.start:
            if admission.busy is not None:
                QMessageBox.information(self, APP_NAME, self._busy_text(kind, admission.busy))
            return None
        for other in admission.cancel:
            self.cancel_job(other)
        job = Job(kind, body, USER_ERRORS)
        self.jobs[kind] = job
        self.library.jobs.started(kind)
        if not quiet:
            job.progress.connect(self._show_progress)
        job.failed.connect(lambda message, details: self._job_failed(kind, message, details))
        job.finished.connect(lambda: self._job_finished(kind))
        self._show_job(job if not quiet else None)
        job.start()
        self._update_resume()
        return job

    def _job_finished(self, name: str) -> None:
        self.library.jobs.finished(name)
        job = self.jobs.pop(name, None)
        if job is not None:
            job.deleteLater()
        if self._closing:  # the status bar may be gone already
            return
        visible = next((j for j in self.jobs.values() if j.name not in QUIET_JOBS), None)
        self._show_job(visible)
        self._update_resume()

    def _job_failed(self, name: str, message: str, details: str) -> None:
        what = {"import": self.tr("The import failed"),
                "transcribe": self.tr("Transcription stopped"),
                "flag": self.tr("Flagging failed"), "delete": self.tr("The delete failed"),
                "voices": self.tr("Finding voices stopped"),
                "undo": self.tr("Undo failed"), "export": self.tr("The export failed"),
                "calibrate": self.tr("Learning from your decisions did not work"),
                "threshold": self.tr("Saving the threshold failed")}.get(name, name)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"{what}: {message}",
                          parent=self)
        if details:
            box.setDetailedText(details)
        box.exec()

    def _show_job(self, job: Job | None) -> None:
        for w in (self.job_label, self.job_progress, self.job_cancel):
            w.setVisible(job is not None)
        if job is not None:
            self.job_label.setText({"import": self.tr("Importing\u2026"),
                                    "transcribe": self.tr("Transcribing\u2026"),
                                    "delete": self.tr("Deleting\u2026"),
                                    "voices": self.tr("Finding voices\u2026"),
                                    "undo": self.tr("Restoring\u2026"),
                                    "export": self.tr("Exporting\u2026")}.get(job.name,
                                                                               job.name))
            self.job_progress.setRange(0, 0)

    def _show_progress(self, p: object) -> None:
        if not isinstance(p, Progress):
            return
        text = phase_text(p.phase)
        if p.total and p.done >= p.total:
            # Every item is done but the job is not: say what it does now, not "0 s left".
            self.job_progress.setRange(0, 0)
            self.job_label.setText(self._finishing_text(p.job))
            return
        if p.total:
            self.job_progress.setRange(0, p.total)
            self.job_progress.setValue(p.done)
            text += f" {number_text(p.done)}/{number_text(p.total)}"
        if p.eta_s is not None and round(p.eta_s) > 0:
            text += " \u00b7 " + self.tr("about {time} left").format(time=_eta(p.eta_s))
        self.job_label.setText(text)

    def _finishing_text(self, job: str) -> str:
        """What a job still does once its last item is done (instead of "about 0 s left")."""
        if job == "import":
            return self.tr("Saving the import and checking it against your requests\u2026")
        if job == "transcribe":
            return self.tr("Saving the last transcripts and flagging\u2026")
        if job == "delete":
            return self.tr("Finishing the delete\u2026")
        return self.tr("Finishing\u2026")

    def cancel_job(self, name: str) -> None:
        job = self.jobs.get(name)
        if job is not None:
            job.cancel()
            job.wait(3000)

    def cancel_jobs(self) -> None:
        for job in list(self.jobs.values()):
            job.cancel()
        self.statusBar().showMessage(self.tr("Stopping\u2026 unfinished work resumes next "
                                             "time"), 4000)

    # --- dialogs ---------------------------------------------------------------------------

    def show_preferences(self) -> None:
        # The threshold bar saves the preset as it moves: read the settings as they are now,
        # or the dialog shows (and on OK writes back) the preset of when the window opened.
        self.settings = self.library.settings()
        dialog = PreferencesDialog(self.settings, self.library.models(),
                                   self.library.paths.data_dir,
                                   self.library.weights().presets, self,
                                   add_model=self._add_language_pack)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        new = dialog.result_settings()
        model_changed = new.model != self.settings.model
        new.save(self.library.settings_path)
        self.settings = new
        if new.flag_preset != "custom":
            self.filters.slider.setValue(self.library.set_threshold(preset=new.flag_preset))
        if dialog.new_location is not None:
            remember_data_dir(dialog.new_location)
            QMessageBox.information(self, APP_NAME, self.tr("The new library location is used "
                                                            "from the next start."))
        if model_changed:
            self.start_transcription()

    def _add_language_pack(self, path: Path) -> list[ModelChoice]:
        self.statusBar().showMessage(self.tr("Checking and adding the language pack\u2026"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.library.add_language_pack(path)
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
        return self.library.models()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        AboutDialog(self.settings.model, self).exec()

    def open_logs(self) -> None:
        folder = self.log_dir or self.library.paths.log_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _import_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """List this import's clips (the filter bar shows it as a chip to clear)."""
        import_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.filters.set_import(import_id, item.text(0).split(" \u2014 ")[0])
        if self.model.rowCount():
            self._select_row(0)

    def _import_menu(self, pos: QPoint) -> None:
        item = self.imports_tree.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self.imports_tree)
        menu.setObjectName("importMenu")
        show = menu.addAction(self.tr("&Show these clips"))
        show.triggered.connect(lambda: self._import_activated(item))
        verify = menu.addAction(self.tr("&Verify against my deletion requests"))
        import_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        verify.triggered.connect(lambda: self.verify_import(import_id))
        menu.addSeparator()
        remove = menu.addAction(self.tr("&Remove this import\u2026"))
        remove.triggered.connect(lambda: self.remove_import(import_id))
        self.import_menu = menu  # tests reach it; it is rebuilt on every right-click
        menu.popup(self.imports_tree.viewport().mapToGlobal(pos))

    def verify_import(self, import_id: int) -> None:
        """Check an import against the sent deletion requests, and say what it shows."""
        report = self.library.verify(import_id)
        lines: list[str] = []
        for check in report.checks:
            lines.append(self.tr("Request %1 (sent %2): %3 of %4 recording(s) still in this "
                                 "export, %5 gone, %6 it cannot tell.")
                         .replace("%1", str(check.request_id)).replace("%2", str(check.sent))
                         .replace("%3", str(len(check.found)))
                         .replace("%4", str(check.checked))
                         .replace("%5", str(len(check.not_found)))
                         .replace("%6", str(len(check.not_covered))))
        lines += [self.tr("Request %1 not checked: %2").replace("%1", str(rid))
                  .replace("%2", why) for rid, why in report.skipped]
        older = self._older_text(report)
        if older:
            lines.append(older)
        lines += list(report.notes)
        if not lines:
            lines.append(self.tr("No deletion request has been sent for this vendor yet: "
                                 "there is nothing to check this export against."))
        box = QMessageBox(QMessageBox.Icon.Warning if report.found or older
                          else QMessageBox.Icon.Information, self.tr("Verify an import"),
                          "\n\n".join(lines), parent=self)
        box.setObjectName("verifyBox")
        if report.found:
            show = box.addButton(self.tr("Show requests"), QMessageBox.ButtonRole.AcceptRole)
            show.clicked.connect(self.show_requests)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.verify_box = box
        box.show()

    def remove_import(self, import_id: int, confirm: bool = True) -> None:
        """Remove an import: delete the clips only it brought in (as Delete does: to the
        trash unless the settings say otherwise, undone by Ctrl+Z); clips another import
        holds too stay."""
        only, shared = self.library.import_clip_ids(import_id)
        if confirm:
            text = self.tr("This deletes the %n clip(s) that only this import brought in",
                           "", len(only))
            if shared:
                text += self.tr(" (%n more are in other imports too and stay)", "",
                                len(shared))
            text += ". " + (self.tr("Ctrl+Z brings them back.")
                            if self.library.settings().delete_to_trash else
                            self.tr("Deletes are permanent in your settings: this cannot be "
                                    "undone."))
            answer = QMessageBox.question(self, self.tr("Remove this import?"), text,
                                          QMessageBox.StandardButton.Yes
                                          | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._removed_imports.add(import_id)
        if self.filters.import_id == import_id:
            self.filters.clear_import()
        if not only:
            self.refresh_imports()
            return
        self._delete_ids(only, permanent=not self.library.settings().delete_to_trash,
                         from_export=False)


def _downloads_folder() -> Path:
    """Where exports usually land: the system's Downloads folder when it exists, else home
    (a file dialog opened on a folder that is not there shows an empty, confusing list)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    for folder in (Path(found) if found else None, Path.home() / "Downloads"):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


def _dock_heights(window: QWidget) -> list[int]:
    """The library and timeline docks' first heights: on a 640-pixel-high screen the
    default 120 + 220 px left the clip table seven rows."""
    screen = window.screen()
    height = screen.availableGeometry().height() if screen is not None else 800
    return [max(70, min(120, height // 8)), max(130, min(220, height * 22 // 100))]


def _local_zone() -> tzinfo:
    """The user's time zone (Qt knows its name on every system): the timeline cuts each
    clip's day by the offset of its own date, so DST never moves a late clip a day."""
    return local_zone(bytes(QTimeZone.systemTimeZoneId().data()).decode() or None)


# The steps the core's jobs report (Progress.phase), for the interface's language.
_PHASES = {p: p for p in (
    QT_TRANSLATE_NOOP("Progress", "Reading the export"),
    QT_TRANSLATE_NOOP("Progress", "Finding recordings"),
    QT_TRANSLATE_NOOP("Progress", "Importing clips"),
    QT_TRANSLATE_NOOP("Progress", "Loading the speech model"),
    QT_TRANSLATE_NOOP("Progress", "Transcribing"),
    QT_TRANSLATE_NOOP("Progress", "Loading the speaker model"),
    QT_TRANSLATE_NOOP("Progress", "Finding voices"),
    QT_TRANSLATE_NOOP("Progress", "Exporting clips"),
    QT_TRANSLATE_NOOP("Progress", "Preparing"),
    QT_TRANSLATE_NOOP("Progress", "Moving audio out of the library"),
    QT_TRANSLATE_NOOP("Progress", "Moving audio to the trash"),
    QT_TRANSLATE_NOOP("Progress", "Deleting audio"))}
_EXPORT_OF = re.compile(r"^Export (\d+) of (\d+): (.*)$", re.S)
_CLEANED_COPY = re.compile(r"^Writing a cleaned copy of (.*)$", re.S)


def phase_text(phase: str) -> str:
    """A job's step as the core words it, in the interface's language."""
    translate = QCoreApplication.translate
    if m := _EXPORT_OF.match(phase):
        return translate("Progress", "Export {n} of {count}: {step}").format(
            n=m[1], count=m[2], step=phase_text(m[3]))
    if m := _CLEANED_COPY.match(phase):
        return translate("Progress", "Writing a cleaned copy of {name}").format(name=m[1])
    return translate("Progress", _PHASES[phase]) if phase in _PHASES else phase


def _eta(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    return f"{s // 3600} h {(s % 3600) // 60} min"
