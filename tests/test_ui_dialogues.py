"""A dialogue in the review table (issue 18): one row that expands into its turns, with the
device's replies between them, and a decision on the folded row covers every turn."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from reviewer.core.library import Library
from reviewer.ui.clip_model import COLUMN_INDEX
from reviewer.ui.main_window import MainWindow
from tests.test_dialogues import LIGHTS, PORTLAND, said, write_history

TEXT = COLUMN_INDEX["vendor_transcript"]


def test_a_dialogue_is_one_row_that_expands_into_its_turns(  # type: ignore[no-untyped-def]
        qtbot, library: Library, tmp_path: Path) -> None:
    library.import_export([write_history(tmp_path, [*PORTLAND, LIGHTS])])
    library.flag()
    clips = {c.vendor_transcript: c.id for c in library.clips()}
    opener, contact, confirm = (clips[said(r)] for r in PORTLAND)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)  # the dialogue, the lights
    row = model.row_of(opener)
    assert row == 0  # accidental and acted on: first
    assert model.row_of(contact) is None and model.row_of(confirm) is None
    folded = model.data(model.index(row, TEXT))
    assert folded.startswith("\u25b8 and they said the hardwood floors")
    assert "\u2192 \u201cTo whom?\u201d" in folded and folded.endswith("[3 turns]")
    story = model.data(model.index(row, TEXT), Qt.ItemDataRole.ToolTipRole)
    assert "\u201cthe contractor from work you know\u201d" in story
    assert "device: \u201cDan Miller, right?\u201d" in story
    assert story.index("Dan Miller, right?") < story.index("\u201cright\u201d")
    assert "\u2192 a message was sent to Dan Miller" in story

    # E expands it: the later turns follow, indented, each with what the device answered.
    # Selected through the selection model: QTableView.selectRow follows the keyboard
    # modifiers Qt believes held, and a Ctrl+Z sent by an earlier test in the same process
    # left Ctrl "down" on the offscreen platform (selectRow then toggled the row off).
    window.table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    window.act_dialogue.trigger()
    assert model.rowCount() == 4
    assert [model.clip_id(r) for r in range(3)] == [opener, contact, confirm]
    assert model.data(model.index(0, TEXT)).startswith("\u25be ")
    assert model.data(model.index(1, TEXT)) == (
        "      \u21b3 the contractor from work you know  \u2192 \u201cDan Miller, right?\u201d")
    assert model.data(model.index(2, TEXT)) == (
        "      \u21b3 right  \u2192 \u201cOkay, sending.\u201d")
    # Moving the threshold reloads the table; the dialogue stays open.
    window.set_threshold(model.threshold - 1)
    assert model.rowCount() == 4 and model.clip_id(1) == contact

    # A double-click on a turn folds the dialogue back into one row.
    at = window.table.visualRect(model.index(2, TEXT)).center()
    # As a mouse does it: a press and release, then the double-click.
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    with qtbot.waitSignal(window.table.doubleClicked, timeout=5_000):
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert model.rowCount() == 2 and model.row_of(contact) is None

    # Marking the folded row marks the whole dialogue.
    window.table.selectRow(model.row_of(opener) or 0)
    window.act_accidental.trigger()
    decided = {c.id: c.decision for c in library.clips()}
    assert [decided[c] for c in (opener, contact, confirm)] == ["accidental"] * 3
    assert decided[clips[said(LIGHTS)]] is None
    # The lights are no dialogue: E says so and changes nothing.
    window.table.selectRow(model.row_of(clips[said(LIGHTS)]) or 0)
    window.act_dialogue.trigger()
    assert model.rowCount() == 2
