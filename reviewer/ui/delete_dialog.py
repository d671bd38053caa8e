"""Confirm a delete: what goes, where it goes, and what it does not do (the vendor's copy)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class DeleteDialog(QDialog):
    def __init__(self, count: int, to_trash: bool, parent: QWidget | None = None,
                 from_vendor: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete recordings"))
        self.setObjectName("deleteDialog")
        head = QLabel(self.tr("<b>Delete %n recording(s) from this library?</b>", "", count))
        body = QLabel(self.tr(
            "Their audio, transcripts, flags and waveforms are removed. A short record stays "
            "(time, device and the vendor's identifier, no audio or words) so the recording "
            "can still be listed in a deletion request and recognised if it turns up again."))
        vendor = QLabel(self.tr(
            "This does not delete anything at Amazon or Google: their copy is erased only "
            "when you ask them to (<i>Review \u203a Deletion requests</i>)."))
        # Once deleted, clips leave every list: marking them here is the last easy chance.
        self.request = QCheckBox(self.tr("Mark them for a deletion request to the vendor"))
        self.request.setChecked(from_vendor)
        self.request.setVisible(from_vendor)
        self._offer_request = from_vendor
        for label in (head, body, vendor):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
        self.to_trash = QRadioButton(self.tr("Move to the trash (Undo can bring them back)"))
        self.permanent = QRadioButton(self.tr("Delete permanently (cannot be undone)"))
        (self.to_trash if to_trash else self.permanent).setChecked(True)
        self.from_export = QCheckBox(
            self.tr("Also remove them from the export files they were imported from"))
        self.from_export.setToolTip(self.tr(
            "A folder export's file goes to the trash. A zip is replaced by a checked copy "
            "without these recordings; the original zip goes to the trash."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = buttons.addButton(self.tr("Delete"), QDialogButtonBox.ButtonRole.
                                               DestructiveRole)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Cancel is the default: Enter must never delete by accident.
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        for w in (head, body, self.to_trash, self.permanent, self.from_export, vendor,
                  self.request):
            layout.addWidget(w)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @property
    def choice(self) -> tuple[bool, bool, bool]:
        """(permanent, from_export, mark for a deletion request)"""
        return (self.permanent.isChecked(), self.from_export.isChecked(),
                self._offer_request and self.request.isChecked())
