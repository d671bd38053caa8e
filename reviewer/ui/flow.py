"""A layout that lays its widgets out in a row and wraps them onto further rows when the row
gets too narrow: the filter bar and the timeline's header on a 1024-pixel screen.

Qt has no flow layout of its own. A horizontal box layout's minimum width is the sum of its
widgets' minimums, so a row of filters made the whole window wider than a small screen; here
the minimum width is the widest single widget, and the height follows the width
(heightForWidth), which QBoxLayout and QMainWindow's docks honour.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping; on each row the ones whose horizontal size policy
    expands (a search box) share that row's spare width, so nothing is clipped and a search
    box grows to fill its row."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6,
                 row_spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = row_spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout's item interface ---------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # --- sizes ------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As narrow as the widest widget (every widget on a row of its own)."""
        shown = self._shown()
        width = max((i.minimumSize().width() for i in shown), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # --- layout -----------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in `rect` (when `apply`); returns the height they need."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        width = max(1, area.width())
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._shown():
            # An item wider than a whole row gets the row, down to its minimum.
            w = min(item.sizeHint().width(), width)
            w = max(w, item.minimumSize().width())
            if rows[-1] and used + self._spacing + w > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + w
            rows[-1].append((item, w))
        y = area.top()
        for row in rows:
            if not row:
                continue
            height = max(item.sizeHint().height() for item, _ in row)
            spare = width - sum(w for _, w in row) - self._spacing * (len(row) - 1)
            growing = [item for item, _ in row if _expands(item)]
            x = area.left()
            for item, w in row:
                if growing and item in growing and spare > 0:
                    share = spare // len(growing)
                    w += share
                    spare -= share
                    growing.remove(item)
                    w = min(w, item.maximumSize().width())
                h = min(height, item.maximumSize().height())
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + self._spacing
            y += height + self._row_spacing
        return y - self._row_spacing - area.top() + margins.top() + margins.bottom()


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    policy = widget.sizePolicy().horizontalPolicy() if widget is not None else None
    return policy is not None and bool(policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value)
