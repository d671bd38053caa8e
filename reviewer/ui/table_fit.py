"""The clip table's transcript columns take the width the other columns leave.

QHeaderView's Stretch mode would do that, but lets a stretched section shrink to almost
nothing on a small screen (at 1024 wide the transcripts were 100 px each, their titles cut in
the middle) and stops the user from resizing it. Here the transcripts share the spare width
and never get narrower than `minimum` (120 px: a few words and the title): on a small screen
the last columns (device, length, status) scroll instead, while the marks column at the left
stays in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class FillWithColumns(QObject):
    def __init__(self, table: QTableView, columns: Sequence[int], minimum: int = 120) -> None:
        super().__init__(table)
        self._table = table
        self._columns = list(columns)
        self._minimum = minimum
        self._fitting = False
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, section: int, _old: int, _new: int) -> None:
        # Another column made wider or narrower by the user: the transcripts make up for it.
        if not self._fitting and section not in self._columns:
            self.fit()

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        shown = [c for c in self._columns if not header.isSectionHidden(c)]
        if not shown:
            return
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i not in self._columns and not header.isSectionHidden(i))
        spare = self._table.viewport().width() - others
        each = max(self._minimum, spare // len(shown))
        self._fitting = True
        try:
            for n, column in enumerate(shown):
                last = n == len(shown) - 1
                width = max(self._minimum, spare - each * n) if last else each
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
