"""The bar above the clip table: what to show, search, and how sure a flag must be."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

from reviewer.core.api import (
    PRESETS,
    VENDORS,
    ClipQuery,
    Decision,
)
from reviewer.ui.dialogs import preset_name
from reviewer.ui.flow import FlowLayout
from reviewer.ui.i18n import QT_TRANSLATE_NOOP
from reviewer.ui.timeline import period_title

SHOW: tuple[tuple[str, dict[str, Any]], ...] = (
    (QT_TRANSLATE_NOOP("FilterBar", "All clips"), {}),
    (QT_TRANSLATE_NOOP("FilterBar", "Flagged as accidental"), {"flagged": True}),
    (QT_TRANSLATE_NOOP("FilterBar", "Acted on"), {"acted_on": True}),
    (QT_TRANSLATE_NOOP("FilterBar", "Undecided"), {"decision": "undecided"}),
    (QT_TRANSLATE_NOOP("FilterBar", "Your copy: delete (accidental)"),
     {"decision": Decision.ACCIDENTAL}),
    (QT_TRANSLATE_NOOP("FilterBar", "Your copy: keep"), {"decision": Decision.KEEP}),
    (QT_TRANSLATE_NOOP("FilterBar", "Ask the vendor to delete theirs"),
     {"decision": Decision.DELETE_REQUEST}),
    # Unfinished work, listed as such (the status bar's "not transcribed yet" opens it).
    (QT_TRANSLATE_NOOP("FilterBar", "Not transcribed yet"), {"waiting": True}),
    # Tombstones: no audio or words left, but they can still be marked for a request.
    (QT_TRANSLATE_NOOP("FilterBar", "Deleted from this library"), {"deleted_only": True}),
)
WAITING_SHOW = next(i for i, (_, q) in enumerate(SHOW) if q.get("waiting"))


class FilterBar(QWidget):
    """Emits `queryChanged` with a new ClipQuery, and `thresholdChanged` from the slider."""

    queryChanged = Signal(object)  # ClipQuery
    thresholdChanged = Signal(int)
    presetChosen = Signal(str)

    def __init__(self, presets: dict[str, int], threshold: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presets = presets
        self._range: tuple[datetime, datetime] | None = None
        self.show_combo = QComboBox()
        for label, _ in SHOW:
            self.show_combo.addItem(self.tr(label))
        self.show_combo.setAccessibleName(self.tr("Show"))
        self.show_combo.setToolTip(self.tr("Which clips to list (Alt+S)"))
        self.device_combo = QComboBox()
        self.device_combo.setAccessibleName(self.tr("Device"))
        self.device_combo.setToolTip(self.tr("Only clips from this device"))
        self.vendor_combo = QComboBox()
        self.vendor_combo.setAccessibleName(self.tr("Vendor"))
        self.vendor_combo.addItem(self.tr("All vendors"), None)
        for vendor in VENDORS:
            self.vendor_combo.addItem(vendor.name, vendor.id)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search both transcripts\u2026 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search transcripts"))
        self.range_button = QToolButton()
        self.range_button.setText("")
        self.range_button.setVisible(False)
        self.range_button.setToolTip(self.tr("Showing one period from the timeline; click to "
                                             "show all"))
        self.range_button.setAccessibleName(self.tr("Clear date range"))
        self.range_button.clicked.connect(self.clear_range)
        # The library panel's chosen import, shown as a chip like the date range.
        self._import: int | None = None
        self.import_button = QToolButton()
        self.import_button.setVisible(False)
        self.import_button.setToolTip(self.tr("Showing the clips of one import; click to show "
                                              "all"))
        self.import_button.setAccessibleName(self.tr("Clear the import filter"))
        self.import_button.clicked.connect(self.clear_import)
        # A long export name must not widen the bar (and with it the window's minimum).
        self.import_button.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 13))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(threshold)
        self.slider.setMaximumWidth(160)
        self.slider.setAccessibleName(self.tr("Flag threshold"))
        self.slider.setToolTip(self.tr("Flag clips scoring at least this much. Left: catch "
                                       "more; right: only the surest."))
        self.threshold_label = QLabel()
        self._show_threshold(100)  # the widest text: the label keeps its width as it changes
        self.threshold_label.setMinimumWidth(self.threshold_label.sizeHint().width())
        self._show_threshold(threshold)
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Flagging preset"))
        self.preset_combo.setToolTip(self.tr("Careful: fewer, surer flags. Thorough: catch "
                                             "more."))
        for name in PRESETS:
            self.preset_combo.addItem(f"{preset_name(name)} ({presets[name]})", name)
        self.preset_combo.addItem(self.tr("Custom"), "custom")
        self._sync_preset(threshold)

        # On a small screen the bar wraps onto a second row (a flow layout) instead of
        # making the window wider than the screen: in one row it needed 1089 px at 1024 wide.
        # The combos still give way a little (eliding) before a row wraps.
        for combo in (self.show_combo, self.device_combo, self.vendor_combo, self.preset_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        # The search box never gets narrower than what it asks for ("S…" at 1024 wide once),
        # and fills whatever its row leaves.
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(
            self.search.placeholderText()) + 30)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.slider.setMinimumWidth(80)
        show_label = QLabel(self.tr("&Show:"))
        show_label.setBuddy(self.show_combo)
        # "Flag clips scoring [slider] 50 or more": the threshold in words, no jargon.
        flag_label = QLabel(self.tr("Flag clips scoring"))
        flag_label.setBuddy(self.slider)
        flow = FlowLayout(self)
        # Widgets that belong together wrap together.
        for group in ((show_label, self.show_combo), (self.device_combo,),
                      (self.vendor_combo,), (self.search,), (self.range_button,),
                      (self.import_button,),
                      (flag_label, self.slider, self.threshold_label, self.preset_combo)):
            if len(group) == 1:
                flow.addWidget(group[0])
                continue
            box = QWidget(self)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for w in group:
                row.addWidget(w)
            flow.addWidget(box)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)  # search as the user types, not on every key
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._search_timer.start)
        self.show_combo.currentIndexChanged.connect(self._emit)
        self.device_combo.currentIndexChanged.connect(self._emit)
        self.vendor_combo.currentIndexChanged.connect(self._emit)
        self.slider.valueChanged.connect(self._slider_moved)
        self.preset_combo.activated.connect(self._preset_picked)

    def set_devices(self, devices: list[str]) -> None:
        current = self.device_combo.currentData()
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        self.device_combo.addItem(self.tr("All devices"), None)
        for d in devices:
            self.device_combo.addItem(d, d)
        i = self.device_combo.findData(current)
        self.device_combo.setCurrentIndex(max(i, 0))
        self.device_combo.setVisible(bool(devices))
        self.device_combo.blockSignals(False)

    def set_range(self, start: datetime, end: datetime) -> None:
        self._range = (start, end)
        # `end` is exclusive: the last day shown is the one before it, in local time.
        last = (end - timedelta(microseconds=1)).astimezone().date()
        self.range_button.setText(
            f"{period_title(start.astimezone().date(), last)} \u2715")
        self.range_button.setVisible(True)
        self._emit()

    def clear_range(self) -> None:
        self._range = None
        self.range_button.setVisible(False)
        self._emit()

    def set_import(self, import_id: int, label: str) -> None:
        """Show only the clips of this import (the library panel's row)."""
        self._import = import_id
        chip = self.tr("Import: %1 \u2715")
        metrics = self.fontMetrics()
        room = (self.import_button.maximumWidth() - 12
                - metrics.horizontalAdvance(chip.replace("%1", "")))
        self.import_button.setText(chip.replace("%1", metrics.elidedText(
            label, Qt.TextElideMode.ElideMiddle, max(room, metrics.horizontalAdvance("M" * 3)))))
        self.import_button.setToolTip(label + "\n" + self.tr(
            "Showing the clips of one import; click to show all"))
        self.import_button.setVisible(True)
        self._emit()

    def clear_import(self) -> None:
        if self._import is None:
            return
        self._import = None
        self.import_button.setVisible(False)
        self._emit()

    @property
    def import_id(self) -> int | None:
        return self._import

    def set_show(self, index: int) -> None:
        self.show_combo.setCurrentIndex(index)

    def query(self) -> ClipQuery:
        q = ClipQuery(order="priority", **SHOW[self.show_combo.currentIndex()][1])
        q = replace(q, device=self.device_combo.currentData(),
                    vendor=self.vendor_combo.currentData(),
                    text=self.search.text().strip() or None)
        if self._range is not None:
            q = replace(q, since=self._range[0], until=self._range[1])
        if self._import is not None:
            q = replace(q, import_id=self._import)
        return q

    def _emit(self) -> None:
        self.queryChanged.emit(self.query())

    def _show_threshold(self, value: int) -> None:
        self.threshold_label.setText(self.tr("%1 or more").replace("%1", str(value)))

    def _slider_moved(self, value: int) -> None:
        self._show_threshold(value)
        self._sync_preset(value)
        self.thresholdChanged.emit(value)

    def _sync_preset(self, value: int) -> None:
        name = next((n for n in PRESETS if self._presets[n] == value), "custom")
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name))

    def _preset_picked(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name in self._presets:
            self.slider.setValue(self._presets[name])
            self.presetChosen.emit(name)
