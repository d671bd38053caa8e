"""The Voices panel and the "may not be yours" banner, driven through the window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reviewer.core.library import Library
from reviewer.ui.i18n import date_text
from reviewer.ui.main_window import MainWindow
from tests.test_voices import espeak_clips, folder_export, warp
from tests.test_voices_checks import _alexa_with_two_customers


def test_banner_after_an_import_with_two_accounts(  # type: ignore[no-untyped-def]
        qtbot, window_no_whisper: MainWindow, tmp_path: Path) -> None:
    window = window_no_whisper
    assert not window.archive_banner.isVisible()
    window.import_paths([_alexa_with_two_customers(tmp_path)])
    qtbot.waitUntil(lambda: "import" not in window.jobs, timeout=60_000)
    qtbot.waitUntil(window.archive_banner.isVisible, timeout=10_000)
    assert "Part of this export may be someone else's" in window.archive_banner.label.text()
    assert "A1OTHERCUSTOMER9" in window.archive_banner.details_text()
    assert "Stop listening" in window.archive_banner.details_text()
    window.archive_banner.show_details()
    assert window.archive_banner.details_box.isVisible()
    text = window.archive_banner.copy_notice("de")
    assert QGuiApplication.clipboard().text() == text
    assert "Ihr Datenexport enthält Daten einer anderen Person" in text
    window.archive_banner.details_box.close()


def test_voices_panel_lists_and_names_voices(  # type: ignore[no-untyped-def]
        qtbot, window_no_whisper: MainWindow, library: Library, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_no_whisper
    clips = [warp(x, f) for f in (0.8, 1.25) for x in espeak_clips()[:4]]
    library.import_export([folder_export(tmp_path, "rec", clips,
                                         datetime(2024, 3, 1, tzinfo=UTC))])
    window.refresh_all()
    window.start_voices()  # what follows transcription in the app
    qtbot.waitUntil(lambda: "voices" not in window.jobs, timeout=120_000)
    window.act_voices.trigger()
    dialog = window.voices_dialog
    assert dialog.isVisible()
    voices = library.voices().voices
    assert dialog.model.rowCount() == len(voices) > 0
    # (no translator loaded in tests: the English catalogue would say "8 clips")
    assert "8 clip(s) with a voice analysed" in dialog.summary_label.text()
    # The first voice is chosen on opening, so naming it works without a click first.
    assert dialog.selected_voice() == dialog.voices[0]
    assert dialog.name_button.isEnabled() and dialog.example_button.isEnabled()
    dialog.table.clearSelection()
    assert not dialog.name_button.isEnabled()
    assert dialog.name_button.toolTip() == "Select a voice in the list first"
    dialog.table.selectRow(0)
    dialog.name_box.setCurrentIndex(dialog.name_box.findData("household"))
    dialog.name_button.click()
    assert library.voices().voices[0].label == "household"
    assert dialog.model.item(0, 1).text() == "Household"
    with qtbot.waitSignal(dialog.exampleRequested, timeout=5_000) as blocker:
        dialog.example_button.click()
    assert blocker.args[0] == voices[0].examples[0].clip_id
    # Enrolment from the clips selected in the main list: too few first, then enough.
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window.table.selectRow(0)
    assert not dialog.enrol_selected()
    window.select_all()
    assert dialog.enrol_selected()
    assert library.voices().enrolled
    assert "Your voice is enrolled" in dialog.summary_label.text()
    dialog.close()


def test_voices_panel_devices_not_ours_toggle(  # type: ignore[no-untyped-def]
        qtbot, window_no_whisper: MainWindow, library: Library, tmp_path: Path) -> None:
    """Ticking "Not ours" on a device in the Voices panel raises the banner's verdict."""
    from PySide6.QtCore import Qt

    from tests.test_voices_devices import KITCHEN, _download

    window = window_no_whisper
    library.import_export([_download(tmp_path)])
    window.refresh_all()
    window.act_voices.trigger()
    window.voices_dialog.devices_button.click()
    devices = window.voices_dialog.devices_dialog
    assert devices is not None and devices.isVisible()
    names = [devices.model.item(r, 1).text() for r in range(devices.model.rowCount())]
    assert sorted(names) == sorted(d.name for d in library.device_overview())
    row = names.index(KITCHEN[0])
    assert devices.model.item(row, 6).text() == f"yes, registered {date_text(date(2017, 12, 24))}"
    devices.model.item(row, 0).setCheckState(Qt.CheckState.Checked)
    assert {d.name: d.mark for d in library.device_overview()}[KITCHEN[0]] == "not_ours"
    qtbot.waitUntil(window.archive_banner.isVisible, timeout=10_000)
    assert "Kitchen Echo" in window.archive_banner.details_text()
    devices.model.item(names.index(KITCHEN[0]), 0).setCheckState(Qt.CheckState.Unchecked)
    assert all(d.mark is None for d in library.device_overview())
    qtbot.waitUntil(lambda: not window.archive_banner.isVisible(), timeout=10_000)
    devices.close()
