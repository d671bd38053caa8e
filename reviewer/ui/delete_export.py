"""Deleting and exporting the selected clips from the main window, and undoing a delete: the
dialogs that ask how, the background job, and what the status bar and message boxes say
afterwards.

A mixin of MainWindow (reviewer/ui/main_window.py)."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QMessageBox

from reviewer import APP_NAME
from reviewer.core.api import (
    REQUESTABLE,
    CancelToken,
    ClipExportReport,
    DeleteReport,
    JobKind,
    UndoOutcome,
)
from reviewer.ui.delete_dialog import DeleteDialog
from reviewer.ui.export_dialog import ExportDialog
from reviewer.ui.i18n import core_text

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class DeleteExport:
    """MainWindow's delete export (see the module's docstring)."""

    # Set when a delete emptied the list (how many, which list): the list says why.
    _emptied: tuple[int, str] | None

    def delete_selected(self: MainWindow, permanent: bool | None = None,
                        from_export: bool | None = None, mark_request: bool = False) -> None:
        """Delete the selected clips (asking first unless both choices are given)."""
        ids = self.selected_clip_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select the clips to delete first"), 3000)
            return
        self._delete_ids(ids, permanent, from_export, mark_request)

    def _delete_ids(self: MainWindow, ids: list[int], permanent: bool | None = None,
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

    def _delete_done(self: MainWindow, report: DeleteReport, was_listed: int = 0,
                     what: str = "") -> None:
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
            box.setDetailedText("\n".join(core_text(p.text) for p in report.problems))
            box.setInformativeText("\n".join(core_text(p.text) for p in report.problems[:5]))
            box.setModal(False)
            box.show()
            self.delete_problems_box = box

    def undo_delete(self: MainWindow) -> None:
        """The library's undo when it is a delete: files come back from the trash, so in
        the background."""
        def body(_progress: Any, _cancel: CancelToken) -> UndoOutcome:
            return self.library.undo()

        job = self._start_job(JobKind.UNDO, body)
        if job is not None:
            job.succeeded.connect(self._undo_delete_done)

    def _undo_delete_done(self: MainWindow, outcome: UndoOutcome) -> None:
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
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Undo delete"),
                          core_text(report.message), parent=self)
        if report.problems:
            box.setDetailedText("\n".join(core_text(p) for p in report.problems))
        box.setModal(False)
        box.show()
        self.undo_problems_box = box

    def export_selected(self: MainWindow, folder: Path | None = None, as_zip: bool | None = None,
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

    def _export_folder(self: MainWindow) -> Path:
        """The last folder exported into, else Documents, else home."""
        last = self.ui_state.value("export/folder")
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (Path(str(last)) if last else None,
                       Path(documents) if documents else None):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()

    def _export_done(self: MainWindow, report: ClipExportReport) -> None:
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
