"""The clip table's keyboard behaviour and focus outline.

A plain QTableView trapped Tab (it moved cell by cell, scrolling sideways through the
transcript columns) and showed its focus as a faint dotted cell outline. Here Tab leaves the
table for the next part of the window, Up/Down/Page/Home/End move whole rows (Left/Right do not
wander off into other columns), and a focused table wears a clear outline in the palette's
highlight colour, light or dark.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

# The frame is 2 px either way (1 px border + 1 px padding unfocused), so nothing inside moves
# by a pixel when the focus comes or goes.
FOCUS_STYLE = """
QTableView#clipTable { border: 1px solid palette(mid); padding: 1px; }
QTableView#clipTable:focus { border: 2px solid palette(highlight); padding: 0px; }
"""


class ClipTableView(QTableView):
    """`menuRequested(global position)` on a right-click or the Menu key, after the clicked
    row was made the selection (unless it was part of it already, as in file managers)."""

    menuRequested = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipTable")
        self.setTabKeyNavigation(False)
        self.setStyleSheet(FOCUS_STYLE)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        rows = self.model().rowCount() if self.model() is not None else 0
        column = current.column() if current.isValid() else 0
        move = QAbstractItemView.CursorAction
        if action in (move.MoveLeft, move.MoveRight):
            # Rows are what is selected: a sideways step would only scroll the view.
            return current
        if action == move.MoveHome and rows:
            return self.model().index(0, column)
        if action == move.MoveEnd and rows:
            return self.model().index(rows - 1, column)
        if action in (move.MoveNext, move.MovePrevious):  # Tab with tabKeyNavigation off
            return QModelIndex()
        return super().moveCursor(action, modifiers)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if event.reason() != QContextMenuEvent.Reason.Mouse:  # the Menu key: the current row
            index = self.currentIndex()
            rect = self.visualRect(index) if index.isValid() else self.viewport().rect()
            pos = self.viewport().mapToGlobal(rect.center())
        else:
            pos = event.globalPos()
        if index.isValid():
            selection = self.selectionModel()
            if not selection.isRowSelected(index.row(), QModelIndex()):
                self.selectRow(index.row())
            else:
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
        self.menuRequested.emit(pos)
        event.accept()
