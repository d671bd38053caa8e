"""The timeline: recordings per day or week, stacked by how they look.

Clicking a bar (or Enter on the bar chosen with Left/Right) emits `rangeSelected` so the main
window can narrow the table to that period. QtCharts draws the chart; where an install lacks
QtCharts a small QPainter chart with the same behaviour stands in.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import cast

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QMargins,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.api import (
    BUCKET_SIZES,
    Bucket,
    BucketSize,
    suggested_bucket_size,
    weekly,
)
from reviewer.ui.flow import FlowLayout
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, number_text

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Timeline", ...), in the interface's language."""
    return translate("Timeline", text)


def _formats() -> tuple[str, str, str]:
    """(one day, day and month, day, month and year) as QDate formats in the interface's
    language: "Tue, Mar 5, 2024" / "Di., 5. März 2024"."""
    return (translate("Timeline", "ddd, MMM d, yyyy", "QDate format of one day"),
            translate("Timeline", "MMM d", "QDate format: day and month"),
            translate("Timeline", "MMM d, yyyy", "QDate format: day, month and year"))

try:
    from PySide6.QtCharts import (
        QBarSet,
        QCategoryAxis,
        QChart,
        QChartView,
        QStackedBarSeries,
        QValueAxis,
    )
    HAVE_QTCHARTS = True
except ImportError:  # an Essentials-only install has no QtCharts
    HAVE_QTCHARTS = False

# Bottom to top: what matters most sits on the baseline, where bars are easiest to compare.
# Okabe–Ito colours stay distinct with every common colour-vision deficiency; all three
# also stand out on a dark background.
LAYERS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("Timeline", "Acted on"), "#D55E00"),  # vermillion
    (QT_TRANSLATE_NOOP("Timeline", "Flagged as accidental"), "#E69F00"),  # orange
    (QT_TRANSLATE_NOOP("Timeline", "Kept-looking"), "#56B4E9"),  # sky blue
    # Unfinished work on top, in grey: not judged yet, so neither flagged nor kept-looking.
    (QT_TRANSLATE_NOOP("Timeline", "Not transcribed yet"), "#9E9E9E"),
)
_MIN_LABEL_GAP_PX = 14
# Zooming in stops at this many bars on show.
MIN_ZOOMED_BARS = 7


def layer_values(b: Bucket) -> tuple[int, int, int, int]:
    """A bucket's stacked segments, in `LAYERS` order; they add up to its total."""
    return b.acted_on, b.flagged_only, b.kept_looking, b.waiting


def bucket_title(b: Bucket) -> str:
    """"Tue, Mar 5, 2024" for a day, "Week of Mar 4 – Mar 10, 2024" for a week."""
    loc = QLocale()
    one_day, day_month, full = _formats()
    first = _qdate(b.local_start.date())
    if b.days == 1:
        return loc.toString(first, one_day)
    last = first.addDays(b.days - 1)
    return translate("Timeline", "Week of {first} \u2013 {last}").format(
        first=loc.toString(first, day_month), last=loc.toString(last, full))


def bucket_summary(b: Bucket) -> str:
    acted, flagged, kept, waiting = layer_values(b)
    text = translate("Timeline", "{day}: {recordings} \u2014 {kept} kept-looking, {flagged} "
                                 "flagged as accidental, {acted} acted on").format(
        day=bucket_title(b),
        recordings=translate("Timeline", "%Ln recording(s)", None, b.total),
        kept=number_text(kept), flagged=number_text(flagged), acted=number_text(acted))
    if waiting:
        text += ", " + translate("Timeline", "{n} not transcribed yet").format(
            n=number_text(waiting))
    return text


def axis_labels(buckets: Sequence[Bucket], px_per_bar: float,
                label_px: float) -> list[tuple[int, str]]:
    """(bar index, text) of the x-axis labels that fit without overlapping.

    Tries ever sparser but meaningful anchors (every bar, Mondays, months, quarters, years)
    rather than every n-th bar, so the labels read as a calendar."""
    if not buckets:
        return []
    days = [b.local_start.date() for b in buckets]
    idx = range(len(days))
    is_week = buckets[0].days == 7
    # The bar where a month begins: a day's own 1st, or the week that contains the 1st.
    month = [i for i in idx if (days[i].day <= 7 if is_week else days[i].day == 1)
             and (i == 0 or days[i].month != days[i - 1].month)]
    day_month = _formats()[1]
    candidates: list[tuple[list[int], str]] = [(list(idx), day_month)]
    if is_week:
        candidates.append((list(idx)[::2], day_month))
    else:
        mondays = [i for i in idx if days[i].weekday() == 0]
        candidates += [(mondays, day_month), (mondays[::2], day_month)]
    candidates += [(month, "MMM"), (month[::2], "MMM"),
                   ([i for i in month if days[i].month % 3 == 1], "MMM"),
                   ([i for i in month if days[i].month == 1], "yyyy")]
    chosen, fmt = next(
        ((c, f) for c, f in candidates
         if c and all((b - a) * px_per_bar >= label_px for a, b in itertools.pairwise(c))),
        ([0], day_month))
    loc = QLocale()
    # QtCharts cuts multi-line labels, so years are not stacked under dates: month labels
    # name the year at January instead, and the widget's info line states the range's years.
    return [(i, loc.toString(_qdate(days[i]),
                             "yyyy" if fmt == "MMM" and days[i].month == 1 else fmt))
            for i in chosen]


def span_title(buckets: Sequence[Bucket]) -> str:
    """"Mar 1 – May 31, 2024": the whole range of the bars."""
    if not buckets:
        return ""
    first = buckets[0].local_start.date()
    last = (buckets[-1].local_end - timedelta(days=1)).date()
    return period_title(first, last)


def period_title(first: date, last: date) -> str:
    """"Tue, Mar 5, 2024" for one day, "Mar 31 – Apr 6, 2024" for more (both days
    included): the timeline's way of writing dates, also used by the filter bar's period
    button so the two never disagree (it said "03-31 – 04-07" for the week of Mar 31 – Apr 6)."""
    loc = QLocale()
    one_day, day_month, full = _formats()
    if first == last:
        return loc.toString(_qdate(first), one_day)
    left = loc.toString(_qdate(first), day_month if first.year == last.year else full)
    return f"{left} \u2013 {loc.toString(_qdate(last), full)}"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _nice_step(top: int) -> int:
    """1, 2 or 5 × 10ⁿ, giving four or five integer gridlines up to `top`."""
    raw = max(top / 4, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def bar_colour(colour: str, background: QColor, dimmed: bool) -> QColor:
    """A layer's colour; with a bar chosen, the others fade toward the background.

    Fading keeps each hue (so layers stay told apart) while the chosen bar stands out."""
    full = QColor(colour)
    if not dimmed:
        return full
    mix = 0.5
    return QColor.fromRgbF(*(a * (1 - mix) + b * mix for a, b in (
        (full.redF(), background.redF()), (full.greenF(), background.greenF()),
        (full.blueF(), background.blueF()))))


def _row(parent: QWidget, spacing: int) -> tuple[QWidget, QHBoxLayout]:
    """Widgets that wrap together in the header (the size buttons, a legend entry)."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    return box, row


def _set_bold(widget: QWidget, bold: bool) -> None:
    font = widget.font()
    font.setBold(bold)
    widget.setFont(font)


class _PlotMixin:
    """State and label sizing shared by the QtCharts and the QPainter chart."""

    buckets: list[Bucket]
    current: int | None
    selected: int | None

    def _label_px(self, widget: QWidget) -> float:
        return float(widget.fontMetrics().horizontalAdvance("Sep 30") + _MIN_LABEL_GAP_PX)


if HAVE_QTCHARTS:

    class _ChartPlot(QChartView, _PlotMixin):
        """QtCharts stacked bars on a value axis, so labels can sit on chosen bars only."""

        columnClicked = Signal(int)
        columnHovered = Signal(int, QPoint)  # -1 when the pointer leaves the bars

        def __init__(self, parent: QWidget | None = None) -> None:
            chart = QChart()
            super().__init__(chart, parent)
            self.buckets = []
            self.current = None
            self.selected = None
            chart.legend().hide()  # the widget's own legend is real, accessible text
            chart.setBackgroundRoundness(0)
            chart.setMargins(QMargins(2, 6, 10, 2))
            chart.layout().setContentsMargins(0, 0, 0, 0)
            self.series = QStackedBarSeries()
            self.series.setBarWidth(0.82)
            self.sets = [QBarSet(_tr(name)) for name, _ in LAYERS]
            for barset in self.sets:
                self.series.append(barset)
                barset.clicked.connect(self.columnClicked)
            chart.addSeries(self.series)
            self.x_axis = QCategoryAxis()
            self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
            self.x_axis.setGridLineVisible(False)
            self.y_axis = QValueAxis()
            self.y_axis.setLabelFormat("%d")
            self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
            self.y_axis.setTickAnchor(0)
            chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
            self.series.attachAxis(self.x_axis)
            self.series.attachAxis(self.y_axis)
            self.band = self._mark_item()  # the selected bar's column
            self.cursor_mark = self._mark_item()  # the keyboard's bar, while focused
            self.cursor_mark.setZValue(100)  # an outline only: drawn over the bars
            chart.plotAreaChanged.connect(lambda _area: self._place_marks())
            self.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.setFrameShape(QChartView.Shape.NoFrame)  # viewport == widget coordinates
            self.setMouseTracking(True)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.apply_palette()

        def _mark_item(self) -> QGraphicsRectItem:
            item = QGraphicsRectItem(self.chart())
            item.setZValue(3.5)  # QtCharts draws grid at 2, axes at 3, series at 4
            item.hide()
            return item

        def set_buckets(self, buckets: list[Bucket]) -> None:
            self.buckets = buckets
            columns = list(zip(*(layer_values(b) for b in buckets), strict=False)) \
                or [()] * len(LAYERS)
            for barset, values in zip(self.sets, columns, strict=True):
                barset.remove(0, barset.count())
                barset.append([float(v) for v in values])
            top = max((b.total for b in buckets), default=0)
            step = _nice_step(top)
            self.y_axis.setTickInterval(step)
            self.y_axis.setRange(0, max(step, math.ceil(top / step) * step))
            self.x_axis.setRange(-0.5, max(len(buckets), 1) - 0.5)
            self._relabel()

        def _relabel(self) -> None:
            for label in self.x_axis.categoriesLabels():
                self.x_axis.remove(label)
            self.x_axis.setStartValue(-0.5)
            width = self.chart().plotArea().width() or self.width() * 0.9
            per_bar = width / max(len(self.buckets), 1)
            used: set[str] = set()
            for i, text in axis_labels(self.buckets, per_bar, self._label_px(self)):
                while text in used:  # the axis needs unique labels; an invisible suffix
                    text += "\u200b"
                used.add(text)
                self.x_axis.append(text, i)
            self._place_marks()

        def resizeEvent(self, event: QResizeEvent) -> None:
            super().resizeEvent(event)
            self._relabel()

        def apply_palette(self) -> None:
            pal = self.palette()
            chart = self.chart()
            chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
            text = pal.color(QPalette.ColorRole.Text)
            grid = QColor(text)
            grid.setAlpha(40)
            line = QColor(text)
            line.setAlpha(110)
            for axis in (self.x_axis, self.y_axis):
                axis.setLabelsBrush(QBrush(text))
                axis.setLabelsFont(self.font())
                axis.setLinePen(QPen(line, 1))
                axis.setGridLinePen(QPen(grid, 1))
            self.y_axis.setLineVisible(False)
            # A hairline in the background colour keeps stacked segments apart even where
            # two colours look alike to someone.
            edge = QPen(pal.color(QPalette.ColorRole.Base), 0.8)
            for barset in self.sets:
                barset.setBorderColor(edge.color())
                barset.setPen(edge)
            self._place_marks()

        def _colour_bars(self) -> None:
            base = self.palette().color(QPalette.ColorRole.Base)
            for barset, (_, colour) in zip(self.sets, LAYERS, strict=True):
                barset.deselectAllBars()
                barset.setColor(bar_colour(colour, base, self.selected is not None))
                if self.selected is not None and self.selected < barset.count():
                    barset.setSelectedColor(QColor(colour))
                    barset.selectBar(self.selected)

        def changeEvent(self, event: QEvent) -> None:
            super().changeEvent(event)
            if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
                self.apply_palette()
                self._relabel()

        def column_rect(self, i: int) -> QRect:
            """Bar `i`'s whole column, in this widget's coordinates."""
            area = self.chart().plotArea()
            left = self.chart().mapToPosition(QPointF(i - 0.5, 0), self.series).x()
            right = self.chart().mapToPosition(QPointF(i + 0.5, 0), self.series).x()
            rect = QRectF(left, area.top(), right - left, area.height())
            return self.mapFromScene(self.chart().mapToScene(rect)).boundingRect()

        def index_at(self, pos: QPoint) -> int | None:
            chart = self.chart()
            p = chart.mapFromScene(self.mapToScene(pos))
            if not self.buckets or not chart.plotArea().contains(p):
                return None
            i = round(chart.mapToValue(p, self.series).x())
            return i if 0 <= i < len(self.buckets) else None

        def set_marks(self, current: int | None, selected: int | None) -> None:
            self.current, self.selected = current, selected
            self._colour_bars()
            self._place_marks()

        def _place_marks(self) -> None:
            band, cursor = self.band, self.cursor_mark
            area = self.chart().plotArea()
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            for item, index in ((band, self.selected), (cursor, self.current)):
                if index is None or not self.buckets or index >= len(self.buckets):
                    item.hide()
                    continue
                left = self.chart().mapToPosition(QPointF(index - 0.5, 0), self.series).x()
                right = self.chart().mapToPosition(QPointF(index + 0.5, 0), self.series).x()
                item.setRect(QRectF(left, area.top(), right - left, area.height()))
                item.show()
            fill = QColor(highlight)
            fill.setAlpha(70)
            band.setBrush(fill)
            band.setPen(QPen(highlight, 1))
            cursor.setBrush(Qt.BrushStyle.NoBrush)
            cursor.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
            cursor.setVisible(cursor.isVisible() and self.hasFocus())

        def mousePressEvent(self, event: QMouseEvent) -> None:
            # The whole column is the target, not just the painted bar: a day with one
            # recording is a sliver, and empty days must be clickable too.
            i = self.index_at(event.position().toPoint())
            if event.button() == Qt.MouseButton.LeftButton and i is not None:
                self.columnClicked.emit(i)
                event.accept()
                return
            super().mousePressEvent(event)

        def mouseMoveEvent(self, event: QMouseEvent) -> None:
            super().mouseMoveEvent(event)
            i = self.index_at(event.position().toPoint())
            self.setCursor(Qt.CursorShape.PointingHandCursor if i is not None
                           else Qt.CursorShape.ArrowCursor)
            self.columnHovered.emit(-1 if i is None else i, event.globalPosition().toPoint())

        def leaveEvent(self, event: QEvent) -> None:
            super().leaveEvent(event)
            self.columnHovered.emit(-1, QPoint())

        def focusInEvent(self, event: QFocusEvent) -> None:
            super().focusInEvent(event)
            self._place_marks()

        def focusOutEvent(self, event: QFocusEvent) -> None:
            super().focusOutEvent(event)
            self._place_marks()


class _PainterPlot(QWidget, _PlotMixin):
    """The same chart drawn with QPainter, for installs without QtCharts."""

    columnClicked = Signal(int)
    columnHovered = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buckets = []
        self.current = None
        self.selected = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

    def set_buckets(self, buckets: list[Bucket]) -> None:
        self.buckets = buckets
        self.update()

    def set_marks(self, current: int | None, selected: int | None) -> None:
        self.current, self.selected = current, selected
        self.update()

    def apply_palette(self) -> None:
        self.update()

    def _area(self) -> tuple[QRectF, int, int]:
        """The plot rectangle, the y-axis top value and its step."""
        fm = self.fontMetrics()
        top = max((b.total for b in self.buckets), default=0)
        step = _nice_step(top)
        top = max(step, math.ceil(top / step) * step)
        left = fm.horizontalAdvance(f"{top:,}") + 10
        rect = QRectF(left, fm.height() / 2 + 4, self.width() - left - 10,
                      self.height() - fm.height() * 3 - 12)
        return rect, top, step

    def column_rect(self, i: int) -> QRect:
        area, _, _ = self._area()
        w = area.width() / max(len(self.buckets), 1)
        return QRectF(area.left() + i * w, area.top(), w, area.height()).toRect()

    def index_at(self, pos: QPoint) -> int | None:
        area, _, _ = self._area()
        if not self.buckets or not area.contains(QPointF(pos)):
            return None
        i = int((pos.x() - area.left()) / (area.width() / len(self.buckets)))
        return min(max(i, 0), len(self.buckets) - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        area, top, step = self._area()
        fm = self.fontMetrics()
        grid = QColor(text)
        grid.setAlpha(40)
        for value in range(0, top + 1, step):
            y = area.bottom() - area.height() * value / top
            p.setPen(grid)
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - fm.height() / 2, area.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:,}")
        n = max(len(self.buckets), 1)
        w = area.width() / n
        highlight = pal.color(QPalette.ColorRole.Highlight)
        if self.selected is not None and self.selected < len(self.buckets):
            fill = QColor(highlight)
            fill.setAlpha(70)
            p.fillRect(self.column_rect(self.selected), fill)  # first: behind the bars
        p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 0.8))
        for i, b in enumerate(self.buckets):
            y = area.bottom()
            dim = self.selected is not None and i != self.selected
            for value, (_, colour) in zip(layer_values(b), LAYERS, strict=True):
                h = area.height() * value / top
                p.setBrush(bar_colour(colour, pal.color(QPalette.ColorRole.Base), dim))
                if h:
                    p.drawRect(QRectF(area.left() + (i + 0.09) * w, y - h, w * 0.82, h))
                y -= h
        p.setPen(text)
        for i, label in axis_labels(self.buckets, w, self._label_px(self)):
            x = area.left() + (i + 0.5) * w
            p.drawText(QRectF(x - 60, area.bottom() + 4, 120, fm.height() * 2 + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if self.current is not None and self.hasFocus():
            p.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.column_rect(self.current))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.index_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and i is not None:
            self.columnClicked.emit(i)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.index_at(event.position().toPoint())
        self.columnHovered.emit(-1 if i is None else i, event.globalPosition().toPoint())

    def sizeHint(self) -> QSize:
        return QSize(600, 200)


class TimelineChart(QWidget):
    """Recordings over time; a bar click narrows the review table to that day or week.

    Signals: `rangeSelected(start, end)` (aware UTC datetimes, end exclusive, as in
    `ClipQuery.since/until`), `rangeCleared()`, `bucketSizeChanged("day" | "week")`. When the
    caller never chose a size, a range longer than `AUTO_WEEK_DAYS` switches to weeks (daily
    buckets are summed into weeks at once; the signal lets the caller re-query).
    """

    rangeSelected = Signal(object, object)
    rangeCleared = Signal()
    bucketSizeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, use_qtcharts: bool | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Timeline"))
        self._given: list[Bucket] = []
        self._shown: list[Bucket] = []
        self._size: BucketSize = "day"
        self._size_chosen = False
        self._current: int | None = None
        self._selected: tuple[datetime, datetime] | None = None
        # Zoom: the chart shows `_count()` bars from `_first` (all of them at zoom 1); the
        # scroll bar below moves along. Two years of weeks with a few busy months looked
        # 90 % empty, the busy weeks a few pixels wide.
        self._zoom = 1
        self._first = 0

        use_charts = HAVE_QTCHARTS if use_qtcharts is None else use_qtcharts and HAVE_QTCHARTS
        self.plot: _ChartPlot | _PainterPlot = _ChartPlot(self) if use_charts \
            else _PainterPlot(self)
        self.plot.setAccessibleName(self.tr("Recordings per day"))
        self.plot.setAccessibleDescription(self.tr(
            "Left and Right choose a bar, Enter shows its recordings, Escape shows all"))
        self.plot.setMinimumHeight(100)  # a 640-pixel-high screen has room for little
        self.plot.columnClicked.connect(self._column_clicked)
        self.plot.columnHovered.connect(self._column_hovered)
        self.plot.installEventFilter(self)
        # A QChartView gets the wheel through its viewport.
        viewport = getattr(self.plot, "viewport", None)
        self._wheel_target: QObject = viewport() if viewport is not None else self.plot
        if self._wheel_target is not self.plot:
            self._wheel_target.installEventFilter(self)

        self.size_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        # The header wraps (a flow layout) rather than setting the window's minimum width:
        # in one row it was 852 px, most of a 1024-pixel screen.
        header_widget = QWidget(self)
        header = FlowLayout(header_widget, spacing=12)
        header.setContentsMargins(4, 2, 4, 0)
        sizes, sizes_row = _row(header_widget, 4)
        for size in BUCKET_SIZES:
            button = QToolButton()
            button.setText(self.tr("Day") if size == "day" else self.tr("Week"))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Bars per day") if size == "day"
                                     else self.tr("Bars per week"))
            button.setToolTip(self.tr("One bar per day") if size == "day"
                              else self.tr("One bar per week"))
            button.clicked.connect(lambda _checked=False, s=size: self._size_clicked(s))
            # Some styles (Fusion dark) barely shade a checked button: bold says it too.
            button.toggled.connect(lambda on, b=button: _set_bold(b, on))
            group.addButton(button)
            sizes_row.addWidget(button)
            self.size_buttons[size] = button
        self.size_buttons["day"].setChecked(True)
        header.addWidget(sizes)
        for name, colour in LAYERS:
            key, key_row = _row(header_widget, 4)
            swatch = QLabel()
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(colour))
            swatch.setPixmap(pixmap)
            swatch.setAccessibleName("")  # the name beside it says it
            key_row.addWidget(swatch)
            key_row.addWidget(QLabel(_tr(name)))
            header.addWidget(key)
        self.info = QLabel("")
        self.info.setAccessibleName(self.tr("Chosen bar"))
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.info.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        zoom, zoom_row = _row(header_widget, 2)
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("\u2212")
        self.zoom_out_button.setToolTip(self.tr("Show a longer period (\u2212)"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(0.5))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Show a shorter period, wider bars (+, or "
                                               "Ctrl and the mouse wheel)"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(2))
        zoom_row.addWidget(self.zoom_out_button)
        zoom_row.addWidget(self.zoom_in_button)
        header.addWidget(zoom)
        self.scroll_bar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.scroll_bar.setAccessibleName(self.tr("Period shown"))
        self.scroll_bar.setVisible(False)
        self.scroll_bar.valueChanged.connect(self._scrolled)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Show recordings of every day again (Esc)"))
        self.clear_button.setAccessibleName(self.tr("Clear the chosen period"))
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_selection)
        header.addWidget(self.info)
        header.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(header_widget)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.scroll_bar)
        self.setFocusProxy(self.plot)
        self._update_info()

    # --- API ---------------------------------------------------------------------------------

    def set_buckets(self, buckets: list[Bucket]) -> None:
        """Show these counts (oldest first, as `timeline_counts` returns them)."""
        self._given = list(buckets)
        switch = not self._size_chosen and buckets \
            and suggested_bucket_size(buckets) != self._size
        if switch:
            self._set_size(suggested_bucket_size(buckets))
        self._redraw()
        if switch:  # last: the caller may re-query and call set_buckets again from here
            self.bucketSizeChanged.emit(self._size)

    def set_bucket_size(self, size: BucketSize) -> None:
        """Bars per day or per week; an explicit choice turns the automatic switch off."""
        if size not in BUCKET_SIZES:
            raise ValueError(f"bucket size must be one of {BUCKET_SIZES}, not {size!r}")
        self._size_chosen = True
        if size == self._size:
            return
        self._set_size(size)
        self._redraw()
        self.bucketSizeChanged.emit(size)

    def bucket_size(self) -> BucketSize:
        return self._size

    def buckets(self) -> list[Bucket]:
        """The bars as shown (daily buckets summed when showing weeks)."""
        return list(self._shown)

    def selected_range(self) -> tuple[datetime, datetime] | None:
        return self._selected

    def current_index(self) -> int | None:
        return self._current

    def select_index(self, index: int) -> None:
        """Choose bar `index` as a click does: emits `rangeSelected`."""
        if not 0 <= index < len(self._shown):
            return
        b = self._shown[index]
        self._current = index
        self._selected = (b.start, b.end)
        self._scroll_to(index)
        self._update_marks()
        self.rangeSelected.emit(b.start, b.end)

    def zoom_by(self, factor: float, around: int | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping bar `around` (default: the keyboard's or
        chosen bar, else the middle one) in view at the same place."""
        n = len(self._shown)
        zoom = max(1, min(self._max_zoom(), round(self._zoom * factor)))
        if zoom == self._zoom or not n:
            self._update_zoom_buttons()
            return
        first, count = self._first, self._count()
        if around is None:
            around = next((i for i in (self._current, self._selected_index())
                           if i is not None and first <= i < first + count),
                          first + count // 2)
        share = (around - first) / max(count, 1)
        self._zoom = zoom
        self._first = round(around - share * self._count())
        self._apply_window()

    def visible_range(self) -> tuple[int, int]:
        """(first bar, number of bars) on show."""
        return self._first, self._count()

    def show_moment(self, moment: datetime) -> bool:
        """Put the keyboard's bar on the one holding `moment` and focus the chart, so its
        counts show in the info line (the table is not narrowed: no `rangeSelected`). False
        when no bar holds it."""
        index = next((i for i, b in enumerate(self._shown) if b.start <= moment < b.end), None)
        if index is None:
            return False
        self._current = index
        self._scroll_to(index)
        self.plot.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_marks()
        return True

    def clear_selection(self) -> None:
        """Forget the chosen period; emits `rangeCleared` if one was chosen."""
        if self._selected is None:
            return
        self._selected = None
        self._update_marks()
        self.rangeCleared.emit()

    # --- internals ---------------------------------------------------------------------------

    def _set_size(self, size: BucketSize) -> None:
        self._size = size
        self.size_buttons[size].setChecked(True)
        self.plot.setAccessibleName(self.tr("Recordings per day") if size == "day"
                                    else self.tr("Recordings per week"))

    def _redraw(self) -> None:
        given_weekly = bool(self._given) and self._given[0].days == 7
        # Days can be summed into weeks here; weeks cannot be split, so they stay as they are
        # until the caller answers bucketSizeChanged with daily counts.
        self._shown = weekly(self._given) if self._size == "week" and not given_weekly \
            else self._given
        self._apply_window()
        if self._current is not None and self._current >= len(self._shown):
            self._current = len(self._shown) - 1 if self._shown else None
        if self.plot.hasFocus():
            self._ensure_current()
        self._update_marks()

    def _max_zoom(self) -> int:
        return max(1, len(self._shown) // MIN_ZOOMED_BARS)

    def _count(self) -> int:
        n = len(self._shown)
        return n if self._zoom <= 1 else max(min(n, MIN_ZOOMED_BARS), -(-n // self._zoom))

    def _apply_window(self) -> None:
        """Give the plot the bars in view and set the scroll bar to match."""
        n = len(self._shown)
        self._zoom = max(1, min(self._zoom, self._max_zoom()))
        count = self._count()
        self._first = max(0, min(self._first, n - count))
        self.plot.set_buckets(self._shown[self._first:self._first + count])
        self.scroll_bar.blockSignals(True)
        self.scroll_bar.setRange(0, max(0, n - count))
        self.scroll_bar.setPageStep(max(1, count))
        self.scroll_bar.setValue(self._first)
        self.scroll_bar.blockSignals(False)
        self.scroll_bar.setVisible(count < n)
        self._update_zoom_buttons()
        self._update_marks()

    def _update_zoom_buttons(self) -> None:
        self.zoom_in_button.setEnabled(self._zoom < self._max_zoom())
        self.zoom_out_button.setEnabled(self._zoom > 1)

    def _scrolled(self, value: int) -> None:
        self._first = value
        self._apply_window()

    def _scroll_to(self, index: int) -> None:
        count = self._count()
        if not self._first <= index < self._first + count:
            self._first = index - count // 2
            self._apply_window()

    def _local(self, index: int | None) -> int | None:
        """A bar's place among the bars in view (None when out of view)."""
        if index is None or not self._first <= index < self._first + self._count():
            return None
        return index - self._first

    def _ensure_current(self) -> None:
        """Give the keyboard a bar to start from: the chosen one, else the latest."""
        if self._current is None and self._shown:
            sel = self._selected_index()
            self._current = sel if sel is not None else len(self._shown) - 1
            self._update_marks()

    def _selected_index(self) -> int | None:
        if self._selected is None:
            return None
        start = self._selected[0]
        return next((i for i, b in enumerate(self._shown) if b.start <= start < b.end), None)

    def _update_marks(self) -> None:
        self.plot.set_marks(self._local(self._current), self._local(self._selected_index()))
        self.clear_button.setEnabled(self._selected is not None)
        self._update_info()

    def _update_info(self, hovered: int | None = None) -> None:
        """The line above the chart: the bar under the pointer or keyboard, else the chosen one.

        Keyboard users get the counts here (and as the chart's accessible description)
        since tooltips only follow the mouse."""
        sel = self._selected_index()
        current = self._current if self.plot.hasFocus() else None
        index = next((i for i in (hovered, current, sel)
                      if i is not None and i < len(self._shown)), None)
        if index is not None:
            b = self._shown[index]
            text = self.tr("{day}: {total} · {flagged} flagged · {acted} acted on").format(
                day=bucket_title(b), total=number_text(b.total),
                flagged=number_text(b.flagged), acted=number_text(b.acted_on))
            if b.waiting:
                text += " · " + self.tr("{n} not transcribed yet").format(
                    n=number_text(b.waiting))
            if index == sel and self._selected == (b.start, b.end):
                text = self.tr("Showing {bar}").format(bar=text)
            self.plot.setAccessibleDescription(bucket_summary(b))
        elif self._selected is not None:
            text = self.tr("Showing a chosen period")
        elif self._shown:
            shown = self._shown[self._first:self._first + self._count()]
            text = self.tr("{period} \u00b7 click a bar to show its recordings").format(
                period=span_title(shown))
        else:
            text = ""
        self.info.setText(text)

    def _size_clicked(self, size: BucketSize) -> None:
        self.set_bucket_size(size)

    def _column_clicked(self, index: int) -> None:
        self.plot.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select_index(index + self._first)  # the plot counts the bars in view

    def _column_hovered(self, local: int, global_pos: QPoint) -> None:
        index = local + self._first if local >= 0 else -1
        if index < 0 or index >= len(self._shown):
            QToolTip.hideText()
            self._update_info()
            return
        b = self._shown[index]
        acted, flagged, kept, waiting = layer_values(b)
        tip = (f"<b>{bucket_title(b)}</b><br>"
               + self.tr("%Ln recording(s)", "", b.total)
               + "<br>" + self.tr("{n} kept-looking").format(n=number_text(kept))
               + "<br>" + self.tr("{n} flagged as accidental").format(n=number_text(flagged))
               + "<br>" + self.tr("{n} acted on").format(n=number_text(acted))
               + ("<br>" + self.tr("{n} not transcribed yet").format(n=number_text(waiting))
                  if waiting else "")
               + "<br><i>" + self.tr("Click to show them") + "</i>")
        QToolTip.showText(global_pos, tip, self.plot, self.plot.column_rect(local))
        self._update_info(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._wheel_target and event.type() == QEvent.Type.Wheel:
            return self._wheel(cast(QWheelEvent, event))
        if watched is self.plot:
            if event.type() == QEvent.Type.KeyPress:
                return self._key(cast(QKeyEvent, event))
            if event.type() == QEvent.Type.FocusIn:
                self._ensure_current()
                self._update_info()
            elif event.type() == QEvent.Type.FocusOut:
                self._update_info()
        return super().eventFilter(watched, event)

    def _wheel(self, event: QWheelEvent) -> bool:
        """Ctrl + wheel zooms around the bar under the pointer; the wheel alone moves a
        zoomed chart along."""
        steps = event.angleDelta().y() / 120
        if not steps or not self._shown:
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            local = self.plot.index_at(event.position().toPoint())
            self.zoom_by(2.0 if steps > 0 else 0.5,
                         None if local is None else local + self._first)
            return True
        if self._count() < len(self._shown):
            step = max(1, self._count() // 8)
            self.scroll_bar.setValue(self.scroll_bar.value() - round(steps * step))
            return True
        return False

    def _key(self, event: QKeyEvent) -> bool:
        n = len(self._shown)
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape and self._selected is not None:
            self.clear_selection()
            return True
        if not n:
            return False
        cur = self._current if self._current is not None else n - 1
        moves = {Qt.Key.Key_Left: cur - 1, Qt.Key.Key_Right: cur + 1,
                 Qt.Key.Key_PageUp: cur - 7, Qt.Key.Key_PageDown: cur + 7,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: n - 1}
        if key in moves:
            self._current = min(max(moves[key], 0), n - 1)
            self._scroll_to(self._current)
            self._update_marks()
            return True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.zoom_by(0.5 if key == Qt.Key.Key_Minus else 2.0, cur)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.select_index(cur)
            return True
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.plot.apply_palette()


__all__ = ["HAVE_QTCHARTS", "LAYERS", "TimelineChart", "axis_labels", "bucket_summary",
           "bucket_title", "period_title", "span_title"]
