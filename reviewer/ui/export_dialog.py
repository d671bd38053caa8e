"""Ask where and how to export the selected clips: the folder, folder or zip, original or WAV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class ExportDialog(QDialog):
    def __init__(self, count: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export clips"))
        self.setObjectName("exportDialog")
        head = QLabel(self.tr("<b>Export %n clip(s)</b>", "", count))
        head.setTextFormat(Qt.TextFormat.RichText)
        body = QLabel(self.tr(
            "Copies of their recordings and a list of them (clips.csv: time in UTC and in "
            "this computer's time zone, device, both transcripts, score and your decision), "
            "for keeping or for a complaint. Nothing in the library changes."))
        body.setWordWrap(True)
        where = QLabel(self.tr("&Into this folder (a new folder or zip is made inside it):"))
        where.setWordWrap(True)
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName(self.tr("Folder to export into"))
        where.setBuddy(self.folder)
        browse = QPushButton(self.tr("&Choose\u2026"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QGroupBox(self.tr("Form"))
        self.as_folder = QRadioButton(self.tr("A &folder with the files"))
        self.as_zip = QRadioButton(self.tr("One &zip file (easy to attach or send)"))
        self.as_folder.setChecked(True)
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(self.as_folder)
        form_layout.addWidget(self.as_zip)
        audio = QGroupBox(self.tr("Recordings"))
        self.original = QRadioButton(self.tr("As the vendor made them (&original files)"))
        self.wav = QRadioButton(self.tr(
            "As &WAV, for players that cannot open the vendor's format"))
        self.original.setChecked(True)
        audio_layout = QVBoxLayout(audio)
        audio_layout.addWidget(self.original)
        audio_layout.addWidget(self.wav)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        for w in (head, body, where):
            layout.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(form)
        layout.addWidget(audio)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._check()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export into this folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _check(self) -> None:
        text = self.folder.text().strip()
        self.export_button.setEnabled(bool(text) and Path(text).is_dir())

    @property
    def choice(self) -> tuple[Path, bool, str]:
        """(the folder, as a zip, "original" or "wav")"""
        return (Path(self.folder.text().strip()), self.as_zip.isChecked(),
                "wav" if self.wav.isChecked() else "original")


__all__ = ["ExportDialog"]
