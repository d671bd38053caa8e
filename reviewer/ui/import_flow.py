"""Importing exports into the main window: choosing files or a folder, the import's report,
the language proposal, checking an import against sent deletion requests, the Library
panel of imports (list, right-click menu, removing an import).

A mixin of MainWindow (reviewer/ui/main_window.py); drag and drop stays there (Qt's event
overrides belong to the window class)."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
)

from reviewer.core.api import (
    CancelToken,
    ImportBatchReport,
    ImportCounts,
    ImportFeed,
    ImportSummary,
    JobKind,
    LanguageProposal,
    ModelChoice,
    Settings,
    VerifyReport,
    subject_name,
)
from reviewer.resources import sample_export_path
from reviewer.ui import i18n
from reviewer.ui.dialogs import ImportReportDialog, model_how_to_get
from reviewer.ui.i18n import core_text, date_text, number_text

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class ImportFlow:
    """MainWindow's import flow (see the module's docstring)."""

    # Re-read here when the user changes it; the window sets it first.
    settings: Settings
    # The running import's feed, for a transcription started while it runs (it follows
    # the import); whether a model switch asked the transcription to stop (start the new
    # model when it has). The window sets both first.
    _import_feed: ImportFeed | None
    _switch_model: bool

    def _report_reconciled(self: MainWindow) -> None:
        """A delete interrupted last time (crash, power cut) was finished or rolled back
        when the library opened: say which, so nobody wonders about those clips."""
        done = [r for r in self.library.reconciled if r.action != "skipped"]
        if done:
            self.statusBar().showMessage(
                self.tr("An interrupted delete was completed safely: {what}").format(
                    what="; ".join(self._reconciled_text(r.clips, r.action) for r in done)),
                15000)

    def _reconciled_text(self: MainWindow, clips: int, action: str) -> str:
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

    def _import_status(self: MainWindow, imp: ImportSummary) -> str:
        return {"running": self.tr("running"), "cancelled": self.tr("cancelled"),
                "complete": self.tr("complete"),
                "interrupted": self.tr("interrupted")}.get(imp.status, imp.status)

    def _make_imports_dock(self: MainWindow) -> QTreeWidget:
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
        self.imports_dock = self._dock(self.tr("Library"), "importsDock", tree,
                                       Qt.DockWidgetArea.TopDockWidgetArea)
        return tree

    def refresh_imports(self: MainWindow) -> None:
        # Database counts only (no disk walk).
        self._fill_imports(self.library.imports(),
                           self.library.import_counts(self.model.threshold))

    def _fill_imports(self: MainWindow, imports: list[ImportSummary],
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

    def choose_import_files(self: MainWindow) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import your voice history"), str(_downloads_folder()),
            self.tr("Exports (*.zip *.json *.csv *.html);;All files (*)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_import_folder(self: MainWindow) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"),
                                                  str(_downloads_folder()))
        if folder:
            self.import_paths([Path(folder)])

    def import_sample(self: MainWindow) -> None:
        self.import_paths([sample_export_path()])

    def import_paths(self: MainWindow, paths: list[Path]) -> None:
        # With the bundled model the transcription starts with the import and takes its
        # clips batch by batch as they are committed (see core.feed).
        feed = ImportFeed() if self.library.follows_imports(self.settings.model) else None

        def body(progress: Any, cancel: CancelToken) -> ImportBatchReport:
            return self.library.import_exports(paths, progress=progress, cancel=cancel,
                                               feed=feed)

        job = self._start_job(JobKind.IMPORT, body)
        if job is not None:
            job.succeeded.connect(self._import_done)
            self._import_feed = feed
            if feed is not None:
                self.start_transcription()
            else:
                self.library.warm_up()  # the speech model loads while the import runs

    def _import_done(self: MainWindow, report: ImportBatchReport) -> None:
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

    def _propose_language(self: MainWindow) -> bool:
        """The export looks German (or another non-English language): offer the
        multilingual model, once. True while the question is open: transcription starts
        when it is answered, with the model chosen."""
        proposal = self.library.language_proposal()
        if proposal is None:
            return False
        model_before = self.settings.model
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
            running = self.jobs.get(JobKind.TRANSCRIBE)
            if running is None:
                self.start_transcription()
                return
            # The transcription that started with the import (it took none of its clips,
            # or the language showed late) still runs: the chosen model starts after it,
            # at once if the model changed.
            self._switch_model = True
            if self.settings.model != model_before:
                running.cancel()

        box.buttonClicked.connect(answered)
        self.language_box = box
        box.show()
        return True

    def _older_text(self: MainWindow, check: VerifyReport | None) -> str | None:
        """An export from before a sent request proves nothing about what the vendor deleted
        since (a re-import of the same files, typically): said in the import report, at the
        top, instead of a reassuring "no problems"."""
        if check is None or check.older_than is None or check.found:
            return None
        return self.tr("This export is older than your request of {day}: it cannot show "
                       "whether {vendor} deleted the recordings. Download a new export after "
                       "{day}.").format(day=date_text(check.older_than),
                                        vendor=subject_name(check.vendor))

    def _proposal_text(self: MainWindow, proposal: LanguageProposal) -> str:
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

    def _report_verification(self: MainWindow) -> None:
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

    def _import_activated(self: MainWindow, item: QTreeWidgetItem, _column: int = 0) -> None:
        """List this import's clips (the filter bar shows it as a chip to clear)."""
        import_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.filters.set_import(import_id, item.text(0).split(" \u2014 ")[0])
        if self.model.rowCount():
            self._select_row(0)

    def _import_menu(self: MainWindow, pos: QPoint) -> None:
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

    def verify_import(self: MainWindow, import_id: int) -> None:
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

    def remove_import(self: MainWindow, import_id: int, confirm: bool = True) -> None:
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
