"""Helpers for the window tests that act on chosen rows of the clip table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from reviewer.ui.main_window import MainWindow


def select_rows(window: MainWindow, rows: list[int], make_current: bool = False) -> list[int]:
    """Select exactly these rows of the clip table (as Ctrl+click does) and return the clips
    the window now acts on; `make_current` also moves the current row (the clip pane) to the
    first of them without changing the selection."""
    sel = window.table.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(window.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    if make_current:
        sel.setCurrentIndex(window.model.index(rows[0], 0),
                            QItemSelectionModel.SelectionFlag.NoUpdate)
    return window.selected_clip_ids()
