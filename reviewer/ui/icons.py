"""Icons for the window's actions: the desktop theme's where it has one, else Qt's standard
icons, else a few drawn here (an envelope for a deletion request, a curved undo arrow), for
which Qt has nothing fitting: its arrows looked like a second Play button in the toolbar.

Drawn in the palette's text colour, so they suit light and dark windows; nothing downloaded.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

SIZES = (16, 22, 24, 32, 48)


def _envelope(p: QPainter, s: float) -> None:
    body = QRectF(s * 0.1, s * 0.25, s * 0.8, s * 0.52)
    p.drawRect(body)
    flap = QPainterPath(QPointF(body.left(), body.top()))
    flap.lineTo(QPointF(body.center().x(), body.top() + body.height() * 0.55))
    flap.lineTo(QPointF(body.right(), body.top()))
    p.drawPath(flap)


def _letters(p: QPainter, s: float) -> None:
    """A sheet with lines (the requests and their letters)."""
    sheet = QRectF(s * 0.2, s * 0.1, s * 0.6, s * 0.8)
    p.drawRect(sheet)
    for i in range(4):
        y = sheet.top() + sheet.height() * (0.25 + 0.17 * i)
        p.drawLine(QPointF(sheet.left() + s * 0.1, y), QPointF(sheet.right() - s * 0.1, y))


def _undo(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(s * 0.3, s * 0.42))
    # Back along the top of an arc and down: the arrow of an undo.
    path.cubicTo(QPointF(s * 0.55, s * 0.22), QPointF(s * 0.95, s * 0.35),
                 QPointF(s * 0.8, s * 0.78))
    p.drawPath(path)
    head = QPainterPath(QPointF(s * 0.12, s * 0.5))
    head.lineTo(QPointF(s * 0.42, s * 0.22))
    head.lineTo(QPointF(s * 0.44, s * 0.6))
    head.closeSubpath()
    p.fillPath(head, p.pen().color())


DRAWN = {"envelope": _envelope, "letters": _letters, "undo": _undo}


def drawn_icon(name: str, colour: QColor, disabled: QColor | None = None) -> QIcon:
    """Icon `name` of `DRAWN` in `colour`; in `disabled` when its action is off (Qt's own
    greying leaves a one-colour drawing as dark or as bright as it was)."""
    icon = QIcon()
    draw = DRAWN[name]
    modes = [(QIcon.Mode.Normal, colour)]
    if disabled is not None:
        modes.append((QIcon.Mode.Disabled, disabled))
    for mode, ink in modes:
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(ink, max(1.2, size / 14))
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            draw(p, float(size))
            p.end()
            icon.addPixmap(pixmap, mode)
    return icon


def action_icon(widget: QWidget, theme: str,
                fallback: QStyle.StandardPixmap | str) -> QIcon:
    """The theme's `theme` icon, else Qt's standard `fallback`, or one drawn here (a name of
    `DRAWN`) in the widget's text colour."""
    if QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    if isinstance(fallback, str):
        palette = widget.palette()
        return drawn_icon(fallback, palette.color(QPalette.ColorRole.WindowText),
                          palette.color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.WindowText))
    return widget.style().standardIcon(fallback)
