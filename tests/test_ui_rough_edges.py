"""Rough edges of the window seen by a new user (issue 14, item 15), each through the user's
path with real widgets on the offscreen platform: the toolbar's preset and Preferences agree,
the filter bar's period button writes dates as the timeline does, and Play with no sound
device says so, once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reviewer.core.jobs import JobKind
from reviewer.core.library import Library
from reviewer.resources import sample_export_path
from reviewer.ui import main_window as main_window_module
from reviewer.ui.dialogs import PreferencesDialog
from reviewer.ui.main_window import MainWindow
from reviewer.ui.timeline import bucket_title


@pytest.fixture
def window(qtbot, library: Library) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    library.import_exports([sample_export_path()])
    library.jobs.hold(JobKind.TRANSCRIBE)
    library.jobs.hold(JobKind.VOICES)
    w = MainWindow(library)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    yield w
    w.close()


def _settled(window: MainWindow) -> bool:
    timer = getattr(window, "_persist_timer", None)
    return not window.jobs and (timer is None or not timer.isActive())


def test_toolbar_preset_and_preferences_agree(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                              library: Library) -> None:
    presets = library.weights().presets
    combo = window.filters.preset_combo
    combo.setFocus()
    target = combo.findData("careful")
    key = Qt.Key.Key_Up if target < combo.currentIndex() else Qt.Key.Key_Down
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)
    assert window.filters.slider.value() == presets["careful"]
    qtbot.waitUntil(lambda: _settled(window), timeout=10_000)
    assert library.settings().flag_preset == "careful"  # not "custom" at the same value

    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(str(dialog.preset_combo.currentData()))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    window.act_prefs.trigger()
    assert seen == ["careful"]
    qtbot.waitUntil(lambda: _settled(window), timeout=10_000)
    # OK kept what the toolbar had chosen.
    assert library.settings().flag_preset == "careful"
    assert window.filters.slider.value() == presets["careful"]
    assert combo.currentData() == "careful"

    # Moving the slider off every preset is "Custom" in both places.
    window.filters.slider.setValue(presets["careful"] + 3)
    qtbot.waitUntil(lambda: _settled(window), timeout=10_000)
    assert combo.currentData() == "custom"
    assert library.settings().flag_preset == "custom"
    assert library.threshold() == presets["careful"] + 3


@pytest.mark.parametrize("size", ["day", "week"])
def test_period_button_writes_dates_as_the_timeline(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                    size: str) -> None:
    timeline = window.timeline
    timeline.set_bucket_size(size)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(timeline.buckets()), timeout=5_000)
    index = next(i for i, b in enumerate(timeline.buckets()) if b.total)
    bar = timeline.buckets()[index]
    timeline.select_index(index)
    chip = window.filters.range_button
    assert chip.isVisible()
    dates = chip.text().removesuffix(" \u2715")
    # The same words as the bar's own title ("Week of Mar 4 – Mar 10, 2024"): the last
    # day is the week's Sunday, not the Monday after it.
    assert dates in bucket_title(bar), (dates, bucket_title(bar))
    assert dates in timeline.info.text()
    if size == "week":
        last = (bar.local_end - timedelta(days=1)).date()
        assert str(last.day) in dates.split("\u2013")[1]


def test_play_without_a_sound_device_says_so_once(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # This machine may or may not have a sound device: the window asks Qt, answered here.
    monkeypatch.setattr(main_window_module.QMediaDevices, "audioOutputs",
                        staticmethod(lambda: []))
    table = window.table
    table.setFocus()
    qtbot.waitUntil(lambda: window.detail.playable, timeout=10_000)
    bar = window.statusBar()
    bar.clearMessage()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.detail.playing, timeout=10_000)
    assert "No sound device" in bar.currentMessage()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.detail.playing, timeout=10_000)
    bar.clearMessage()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.detail.playing, timeout=10_000)
    assert "No sound device" not in bar.currentMessage()  # said once, not at every Play
    qtbot.keyClick(table, Qt.Key.Key_Space)
