"""The main window's actions: the menus, the toolbar, the clip table's right-click menu,
which action applies when, and the Help and Preferences dialogs they open.

A mixin of MainWindow (reviewer/ui/main_window.py), which holds the widgets these act on;
kept apart so the window's construction reads on its own. Its strings are in the .ts under
this class's name (tr() looks them up there through MainWindow's bases)."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyle, QToolBar, QWidget

from reviewer import APP_NAME
from reviewer.config import remember_data_dir
from reviewer.core.api import Decision, JobKind, ModelChoice, Settings
from reviewer.ui.dialogs import AboutDialog, PreferencesDialog, ShortcutsDialog
from reviewer.ui.icons import action_icon
from reviewer.ui.requests_dialog import RequestsDialog

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class WindowActions:
    """MainWindow's window actions (see the module's docstring)."""

    # Re-read here when the user changes it; the window sets it first.
    settings: Settings

    def _action(self: MainWindow, text: str, slot: Any,
                shortcut: str | QKeySequence.StandardKey | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # The key as the language names it ("Strg+O" in German).
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}"
                          + (f" ({key})" if shortcut else ""))
        action.triggered.connect(slot)
        return action

    def _make_actions(self: MainWindow) -> None:
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
        # Ctrl+Q quits from any of the app's windows (an import report on top did nothing).
        self.act_quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
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

    def _decorate_actions(self: MainWindow) -> None:
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

    def _fit_toolbar(self: MainWindow) -> None:
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

    def clip_menu(self: MainWindow) -> QMenu:
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

    def show_clip_menu(self: MainWindow, where: QPoint) -> None:
        self._update_actions()
        menu = self.clip_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.clip_menu_shown = menu
        menu.popup(where)

    def _set_tab_order(self: MainWindow) -> None:
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

    def _update_actions(self: MainWindow) -> None:
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

    def copy_transcripts(self: MainWindow) -> str:
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

    def show_in_timeline(self: MainWindow) -> None:
        clip = self.library.clip(self.current_clip_id() or -1)
        if clip is None:
            return
        self.timeline_dock.show()
        if not self.timeline.show_moment(clip.recorded_at):
            self.statusBar().showMessage(self.tr("This clip is outside the timeline"), 3000)

    def show_requests(self: MainWindow) -> None:
        dialog = getattr(self, "requests_dialog", None)
        if dialog is None:
            self.requests_dialog = dialog = RequestsDialog(self.library, self)
        else:
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def show_preferences(self: MainWindow) -> None:
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

    def _add_language_pack(self: MainWindow, path: Path) -> list[ModelChoice]:
        self.statusBar().showMessage(self.tr("Checking and adding the language pack\u2026"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.library.add_language_pack(path)
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
        return self.library.models()

    def show_shortcuts(self: MainWindow) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self: MainWindow) -> None:
        AboutDialog(self.settings.model, self).exec()

    def open_logs(self: MainWindow) -> None:
        folder = self.log_dir or self.library.paths.log_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
