"""The user's two answers about a clip, as the window shows them: small icons for the table's
left column (with the same facts in words for tooltips and screen readers) and badge texts
for the clip pane.

The answers (see `reviewer.core.store.models.Decision`): what happens to *my copy*
("accidental" = delete it, "keep", or undecided) and whether the vendor is asked to delete
*theirs* (`asks_vendor`: yes by default for an accidental Amazon/Google clip).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication

from reviewer.core.api import REQUESTABLE, Decision, subject_name
from reviewer.ui.palette import is_dark, tone

SLOT = 16  # one glyph, in device-independent pixels
GAP = 3
SLOTS = 4  # flag, acted on, my copy, the vendor's copy
ICON_WIDTH = SLOTS * SLOT + (SLOTS - 1) * GAP
COLUMN_WIDTH = ICON_WIDTH + 14  # the cell's margins and the focus frame


@dataclass(frozen=True)
class Marks:
    """What the left column shows for one clip."""

    flagged: bool
    acted_on: bool
    decision: str | None  # "accidental" / "keep" / None
    asks: bool  # the vendor is to be asked (the default applied)
    # The user said "do not ask" where the default would ask: shown as a crossed envelope,
    # so a "no" that departs from what A usually means is visible.
    declined: bool

    @classmethod
    def of(cls, flagged: bool, acted_on: bool, decision: str | None, ask: bool | None,
           vendor: str) -> Marks:
        requestable = vendor in REQUESTABLE
        default = requestable and decision == Decision.ACCIDENTAL
        asks = requestable and (ask if ask is not None else default)
        return cls(flagged, acted_on, decision if decision in (Decision.ACCIDENTAL,
                                                               Decision.KEEP) else None,
                   asks, requestable and ask is False and default)


def _colour(name: str, dark: bool) -> QColor:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020" if dark else "#f0f0f0"))
    if name == "ask":
        return QColor("#7cb8ff" if dark else "#0b5cad")
    if name == "muted":
        return QColor("#8a8a8a" if dark else "#767676")
    return tone(palette, name)


def _flag(p: QPainter, c: QColor) -> None:
    p.setPen(QPen(c, 1.6))
    p.drawLine(QPointF(3.5, 1.5), QPointF(3.5, 14.5))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawPolygon(QPolygonF([QPointF(4.5, 2), QPointF(14, 5.2), QPointF(4.5, 8.6)]))


def _bolt(p: QPainter, c: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawPolygon(QPolygonF([QPointF(10, 0.8), QPointF(3, 9.2), QPointF(7.4, 9.2),
                             QPointF(5.6, 15.2), QPointF(13, 6.2), QPointF(8.6, 6.2),
                             QPointF(11, 0.8)]))


def _trash(p: QPainter, c: QColor) -> None:
    p.setPen(QPen(c, 1.5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawLine(QPointF(2.5, 4), QPointF(13.5, 4))
    p.drawLine(QPointF(6.5, 2), QPointF(9.5, 2))
    body = QPainterPath()
    body.moveTo(4, 5.5)
    body.lineTo(5, 14.5)
    body.lineTo(11, 14.5)
    body.lineTo(12, 5.5)
    p.drawPath(body)
    p.drawLine(QPointF(8, 7), QPointF(8, 12.5))


def _check(p: QPainter, c: QColor) -> None:
    p.setPen(QPen(c, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(2.5, 8.5), QPointF(6.2, 12.5), QPointF(13.5, 3.5)]))


def _envelope(p: QPainter, c: QColor, crossed: bool) -> None:
    p.setPen(QPen(c, 1.4))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(1.5, 3.5, 13, 9))
    p.drawPolyline(QPolygonF([QPointF(1.5, 3.5), QPointF(8, 8.6), QPointF(14.5, 3.5)]))
    if crossed:
        p.setPen(QPen(c, 1.8))
        p.drawLine(QPointF(1, 15), QPointF(15, 1))


@lru_cache(maxsize=128)
def _marks_pixmap(marks: Marks, dark: bool, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(ICON_WIDTH * ratio), int(SLOT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    slots: list[tuple[int, str]] = []
    if marks.flagged:
        slots.append((0, "flag"))
    if marks.acted_on:
        slots.append((1, "bolt"))
    if marks.decision == Decision.ACCIDENTAL:
        slots.append((2, "trash"))
    elif marks.decision == Decision.KEEP:
        slots.append((2, "check"))
    if marks.asks or marks.declined:
        slots.append((3, "envelope"))
    for slot, glyph in slots:
        p.save()
        p.translate(slot * (SLOT + GAP), 0)
        if glyph == "flag":
            _flag(p, _colour("warn", dark))
        elif glyph == "bolt":
            _bolt(p, _colour("alert", dark))
        elif glyph == "trash":
            _trash(p, _colour("alert", dark))
        elif glyph == "check":
            _check(p, _colour("down", dark))
        else:
            _envelope(p, _colour("muted" if marks.declined else "ask", dark), marks.declined)
        p.restore()
    p.end()
    return pixmap


def marks_pixmap(marks: Marks) -> QPixmap | None:
    """The left column's icons for these marks (None: nothing to show); drawn once per
    combination, palette and screen scale."""
    if not (marks.flagged or marks.acted_on or marks.decision or marks.asks or marks.declined):
        return None
    app = QApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    return _marks_pixmap(marks, is_dark(QApplication.palette()), ratio)


def row_tint(palette: QPalette, flagged: bool, acted_on: bool) -> QColor | None:
    """A faint background for flagged rows, a stronger one for acted-on rows, mixed into the
    palette's own base colour so it stays readable in light and dark themes."""
    if not (flagged or acted_on):
        return None
    return _tint(palette.color(QPalette.ColorRole.Base).rgba(), is_dark(palette), acted_on)


@lru_cache(maxsize=16)
def _tint(base_rgba: int, dark: bool, acted_on: bool) -> QColor:
    # Cached: the table asks for every visible cell at each repaint, and building the colour
    # each time cost ~0.4 ms a cell (a third of a threshold step on a busy machine).
    base = QColor.fromRgba(base_rgba)
    accent = _colour("alert" if acted_on else "warn", dark)
    share = 0.16 if acted_on else 0.11
    return QColor.fromRgbF(*(b * (1 - share) + a * share for b, a in (
        (base.redF(), accent.redF()), (base.greenF(), accent.greenF()),
        (base.blueF(), accent.blueF()))))


class AnswerTexts(QObject):
    """The two answers in words (tooltips, screen readers, status bar, the clip pane)."""

    def copy(self, decision: str | None) -> str:
        if decision == Decision.ACCIDENTAL:
            return self.tr("Your copy: delete (accidental)")
        if decision == Decision.KEEP:
            return self.tr("Your copy: keep")
        return self.tr("Your copy: not decided")

    def vendor(self, marks: Marks, vendor: str) -> str | None:
        """None for a clip no vendor can be asked about (a folder of recordings)."""
        if vendor not in REQUESTABLE:
            return None
        who = subject_name(vendor)
        if marks.asks:
            return self.tr("Ask {vendor} to delete theirs: yes").format(vendor=who)
        return self.tr("Ask {vendor} to delete theirs: no").format(vendor=who)

    def marks(self, marks: Marks, vendor: str, action: str | None) -> str:
        """Everything the left column shows, in words, one fact after another."""
        facts = []
        if marks.flagged:
            facts.append(self.tr("Flagged: looks accidental"))
        if marks.acted_on:
            facts.append(self.tr("Acted on: {action}").format(action=action or "")
                         if action else self.tr("Acted on"))
        facts.append(self.copy(marks.decision))
        ask = self.vendor(marks, vendor)
        if ask is not None and (marks.decision or marks.asks or marks.declined):
            facts.append(ask)
        return "; ".join(facts)

    def column_tip(self) -> str:
        return self.tr("Click to sort in the review order: acted on first, then by score.\n"
                       "Icons: flag = flagged as accidental; lightning = the device acted on "
                       "it; bin = delete your copy (A); tick = keep your copy (G); envelope = "
                       "ask Amazon or Google to delete theirs (R; crossed out: you said no)")
