"""The Voices panel (who speaks in the library; name each voice) and the banner shown when an
export may not be the user's. Both only call `Library` use cases and show the frozen
dataclasses they return."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.api import ArchiveCheck, DeviceInfo, Library, VoiceInfo, VoicesSummary
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, core_text, date_text

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    """A text of this module's tables (marked with QT_TRANSLATE_NOOP) in the interface's
    language."""
    return translate("Voices", text)


# (label value, what the user reads)
NAMES = ((None, QT_TRANSLATE_NOOP("Voices", "Not named")),
         ("me", QT_TRANSLATE_NOOP("Voices", "Me")),
         ("household", QT_TRANSLATE_NOOP("Voices", "Household")),
         ("guest", QT_TRANSLATE_NOOP("Voices", "Guest or TV")),
         ("not-ours", QT_TRANSLATE_NOOP("Voices", "Not ours")))
SHOWN = {None: "—", "me": QT_TRANSLATE_NOOP("Voices", "Me"),
         "household": QT_TRANSLATE_NOOP("Voices", "Household"),
         "guest": QT_TRANSLATE_NOOP("Voices", "Guest or TV"),
         "not_ours": QT_TRANSLATE_NOOP("Voices", "NOT OURS")}
COLUMNS = (QT_TRANSLATE_NOOP("Voices", "Voice"), QT_TRANSLATE_NOOP("Voices", "Name"),
           QT_TRANSLATE_NOOP("Voices", "Clips"), QT_TRANSLATE_NOOP("Voices", "From"),
           QT_TRANSLATE_NOOP("Voices", "To"), QT_TRANSLATE_NOOP("Voices", "Devices"),
           QT_TRANSLATE_NOOP("Voices", "Example"))


def _day(value: object) -> str:
    return date_text(value) if isinstance(value, date) else "—"


class VoicesDialog(QDialog):
    """Every voice found, with its clips, dates and devices; name the selected one, or jump
    to an example clip in the main table (Space plays it there)."""

    exampleRequested = Signal(int)  # a clip id
    namesChanged = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None,
                 selected_clips: Callable[[], list[int]] | None = None) -> None:
        super().__init__(parent)
        self.library = library
        # The clips selected in the main table, for "these are my voice" (enrolment).
        self.selected_clips = selected_clips or (lambda: [])
        self.setWindowTitle(self.tr("Voices"))
        self.setObjectName("voicesDialog")
        self.resize(820, 420)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setObjectName("voicesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.name_box = QComboBox()
        self.name_box.setObjectName("voiceName")
        self.name_box.setAccessibleName(self.tr("Name of the selected voice"))
        for value, text in NAMES:
            self.name_box.addItem(_tr(text), value)
        self.name_button = QPushButton(self.tr("Name this voice"))
        self.name_button.clicked.connect(self.name_selected)
        self.example_button = QPushButton(self.tr("Show an example clip"))
        self.example_button.clicked.connect(self._show_example)
        self.enrol_button = QPushButton(self.tr("My voice: the clips selected in the list"))
        self.enrol_button.setToolTip(self.tr("Select 3 or more clips of your own voice in "
                                             "the main list first; only their average is "
                                             "kept"))
        self.enrol_button.clicked.connect(self.enrol_selected)
        self.devices_button = QPushButton(self.tr("Devices\u2026"))
        self.devices_button.setToolTip(self.tr("The devices that recorded and those your "
                                               "accounts list; tick the ones that are not "
                                               "yours"))
        self.devices_button.clicked.connect(self.show_devices)
        self.devices_dialog: DevicesDialog | None = None
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for w in (self.name_box, self.name_button, self.example_button, self.devices_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.voices: tuple[VoiceInfo, ...] = ()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        summary = self.library.voices()
        self.voices = tuple(v for v in summary.voices if v.kind == "cluster")
        self.summary_label.setText(_summary_text(summary))
        self.model.removeRows(0, self.model.rowCount())
        for v in self.voices:
            example = v.examples[0] if v.examples else None
            shown = SHOWN.get(v.label)
            cells = (str(v.id), _tr(shown) if shown else v.label or "—", str(v.clips),
                     _day(v.first), _day(v.last), ", ".join(v.devices) or "—",
                     (example.transcript or self.tr("clip {id}").format(id=example.clip_id))
                     if example else "")
            row = [QStandardItem(c) for c in cells]
            row[0].setData(v.id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(row)
        self.table.resizeColumnsToContents()
        if self.voices:
            # A voice chosen from the start: the buttons below work at once, where a person
            # would otherwise find them greyed out with no reason given.
            self.table.selectRow(0)
        self._selection_changed()

    def selected_voice(self) -> VoiceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.voices[rows[0].row()] if rows else None

    def select_voice(self, voice_id: int) -> None:
        for i, v in enumerate(self.voices):
            if v.id == voice_id:
                self.table.selectRow(i)

    def name_selected(self) -> None:
        voice = self.selected_voice()
        if voice is None:
            return
        self.library.name_voice(voice.id, self.name_box.currentData() or "none")
        self.refresh()
        self.select_voice(voice.id)
        self.namesChanged.emit()

    def enrol_selected(self) -> bool:
        from reviewer.core.api import VoiceError

        try:
            self.library.enrol_voice(self.selected_clips())
        except VoiceError as exc:
            QMessageBox.information(self, self.tr("My voice"), core_text(exc))
            return False
        self.refresh()
        self.namesChanged.emit()
        return True

    def show_devices(self) -> None:
        if self.devices_dialog is None:
            self.devices_dialog = DevicesDialog(self.library, self)
            # A device's answer changes the archive check just as a voice's name does.
            self.devices_dialog.marksChanged.connect(self.namesChanged)
        else:
            self.devices_dialog.refresh()
        self.devices_dialog.show()
        self.devices_dialog.raise_()

    def _show_example(self) -> None:
        voice = self.selected_voice()
        if voice is not None and voice.examples:
            self.exampleRequested.emit(voice.examples[0].clip_id)

    def _selection_changed(self, *_args: object) -> None:
        voice = self.selected_voice()
        hint = "" if voice is not None else self.tr("Select a voice in the list first")
        for w in (self.name_box, self.name_button, self.example_button):
            w.setEnabled(voice is not None)
            w.setToolTip(hint)
        if voice is not None:
            wanted = voice.label.replace("_", "-") if voice.label else None
            self.name_box.setCurrentIndex(max(0, self.name_box.findData(wanted)))


DEVICE_COLUMNS = (QT_TRANSLATE_NOOP("Voices", "Not ours"), QT_TRANSLATE_NOOP("Voices", "Device"),
                  QT_TRANSLATE_NOOP("Voices", "Serial"), QT_TRANSLATE_NOOP("Voices", "Clips"),
                  QT_TRANSLATE_NOOP("Voices", "From"), QT_TRANSLATE_NOOP("Voices", "To"),
                  QT_TRANSLATE_NOOP("Voices", "On the device list"))


class DevicesDialog(QDialog):
    """The devices seen in recordings and on the accounts' device lists; ticking "Not ours"
    makes the archive check count their recordings as someone else's."""

    marksChanged = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("Devices"))
        self.setObjectName("devicesDialog")
        self.resize(760, 320)
        self.model = QStandardItemModel(0, len(DEVICE_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_tr(c) for c in DEVICE_COLUMNS])
        self.table = QTableView()
        self.table.setObjectName("devicesTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(DEVICE_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick a device that is not yours: its recordings then "
                                        "count as someone else's in the archive check.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.devices: tuple[DeviceInfo, ...] = ()
        self.model.itemChanged.connect(self._item_changed)
        self.refresh()

    def refresh(self) -> None:
        self.devices = tuple(self.library.device_overview())
        self.model.blockSignals(True)  # filling the table is not the user ticking boxes
        self.model.removeRows(0, self.model.rowCount())
        for d in self.devices:
            tick = QStandardItem()
            tick.setCheckable(True)
            tick.setCheckState(Qt.CheckState.Checked if d.mark == "not_ours"
                               else Qt.CheckState.Unchecked)
            tick.setAccessibleText(self.tr("{device} is not ours").format(
                device=d.name or d.key))
            if not d.listed:
                listed = self.tr("no")
            elif d.registered:
                listed = self.tr("yes, registered {day}").format(day=_day(d.registered))
            else:
                listed = self.tr("yes")
            cells = (d.name or "—", d.serial or "—", str(d.clips), _day(d.first),
                     _day(d.last), listed)
            self.model.appendRow([tick, *(QStandardItem(c) for c in cells)])
        self.model.blockSignals(False)
        self.table.resizeColumnsToContents()

    def _item_changed(self, item: QStandardItem) -> None:
        if item.column() != 0:
            return
        device = self.devices[item.row()]
        ticked = item.checkState() == Qt.CheckState.Checked
        self.library.mark_device(device.key, "not-ours" if ticked else "none")
        self.refresh()
        self.marksChanged.emit()


def _summary_text(s: VoicesSummary) -> str:
    parts = [translate("Voices", "%n clip(s) with a voice analysed", None, s.embedded)]
    if s.too_short:
        parts.append(translate("Voices", "%n too short to judge", None, s.too_short))
    if s.pending:
        parts.append(translate("Voices", "%n still to analyse", None, s.pending))
    if s.unassigned:
        parts.append(translate("Voices", "%n in no voice (one-off voices such as the TV)",
                               None, s.unassigned))
    text = "; ".join(parts) + "."
    if s.enrolled:
        text += " " + translate("Voices", "Your voice is enrolled.")
    if any(v.label is None for v in s.voices if v.kind == "cluster"):
        text += " " + translate("Voices", "Name the voices you know: that is how an export "
                                          "holding someone else's recordings is noticed.")
    return text


class ArchiveBanner(QFrame):
    """A one-line warning above the clip table when a verdict fires, with the evidence and
    what to do one click away. Never deletes or hides anything by itself."""

    voicesRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("archiveBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#archiveBanner { background: #fff3cd; color: #533f03; "
                           "border: 1px solid #e0c060; border-radius: 4px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QPushButton(self.tr("Details and what to do\u2026"))
        details.clicked.connect(self.show_details)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(details)
        row.addWidget(dismiss)
        self.check: ArchiveCheck | None = None
        self.hide()

    def show_check(self, check: ArchiveCheck | None) -> None:
        """Show the banner if `check` raised a verdict; hide it otherwise."""
        self.check = check
        if check is None or not check.verdicts:
            self.hide()
            return
        first = check.verdicts[0]
        self.label.setText(f"<b>{escape(core_text(first.title), False)}</b> "
                           f"({escape(check.label, False)}): "
                           f"{escape(core_text(first.evidence[0]), False)}")
        self.show()

    def details_text(self) -> str:
        check = self.check
        if check is None:
            return ""
        lines = []
        for v in check.verdicts:
            lines += [core_text(v.title), "", self.tr("Evidence:"),
                      *[f"• {core_text(e)}" for e in v.evidence], "",
                      self.tr("What to do:"), *[f"• {core_text(a)}" for a in v.advice], ""]
        return "\n".join(lines).strip()

    def show_details(self) -> None:
        check = self.check
        if check is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, core_text(check.verdicts[0].title),
                          self.tr("Export: {name}").format(name=check.label)
                          + f"\n\n{self.details_text()}", parent=self)
        box.setObjectName("archiveDetailsBox")
        copy_en = box.addButton(self.tr("Copy notice (English)"),
                                QMessageBox.ButtonRole.ActionRole)
        copy_de = box.addButton(self.tr("Copy notice (German)"),
                                QMessageBox.ButtonRole.ActionRole)
        voices = box.addButton(self.tr("Show voices"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy_en.clicked.connect(lambda: self.copy_notice("en"))
        copy_de.clicked.connect(lambda: self.copy_notice("de"))
        voices.clicked.connect(self.voicesRequested.emit)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details_box = box
        box.show()

    def copy_notice(self, language: str) -> str:
        if self.check is None:
            return ""
        text = self.library.archive_notice(self.check, language)
        QGuiApplication.clipboard().setText(text)
        return text
