"""The timeline chart widget: bars, clicks and keys that pick a period, day/week switching."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reviewer.core.timeline import Bucket, weekly
from reviewer.ui.timeline import (
    HAVE_QTCHARTS,
    LAYERS,
    TimelineChart,
    axis_labels,
    bar_colour,
    bucket_title,
    layer_values,
)

OFFSET = -300  # UTC-5: every bucket starts at 05:00 UTC, which catches UTC/local mix-ups


def days(n: int, first: tuple[int, int, int] = (2024, 3, 1)) -> list[Bucket]:
    """`n` local days at UTC-5; day i has i + 3 recordings, i % 4 flagged, i % 2 acted on."""
    start = datetime(*first, tzinfo=timezone(timedelta(minutes=OFFSET))).astimezone(UTC)
    out = []
    for i in range(n):
        s = start + timedelta(days=i)
        flagged = i % 4
        out.append(Bucket(s, s + timedelta(days=1), i + 3, flagged, min(i % 2, flagged),
                          OFFSET))
    return out


@pytest.fixture(params=["qtcharts", "painter"] if HAVE_QTCHARTS else ["painter"])
def chart(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[TimelineChart]:
    w = TimelineChart(use_qtcharts=request.param == "qtcharts")
    qtbot.addWidget(w)
    w.resize(900, 300)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def click_target(chart: TimelineChart) -> QWidget:
    # A QChartView receives mouse input through its viewport.
    viewport = getattr(chart.plot, "viewport", None)
    return viewport() if viewport is not None else chart.plot


def click_bar(qtbot: QtBot, chart: TimelineChart, index: int, dy: int = 0) -> None:
    rect = chart.plot.column_rect(index)
    QTest.mouseClick(click_target(chart), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.center().x(), rect.bottom() - 3 - dy))


def test_clicking_a_bar_selects_its_local_day(qtbot: QtBot, chart: TimelineChart) -> None:
    chart.set_buckets(days(10))
    assert chart.bucket_size() == "day" and len(chart.buckets()) == 10
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as sig:
        click_bar(qtbot, chart, 4)
    # Mar 5 at UTC-5 is 05:00 UTC on Mar 5 to 05:00 UTC on Mar 6.
    assert sig.args == [datetime(2024, 3, 5, 5, tzinfo=UTC), datetime(2024, 3, 6, 5, tzinfo=UTC)]
    assert chart.selected_range() == tuple(sig.args)
    assert chart.current_index() == 4
    assert chart.clear_button.isEnabled()
    assert chart.info.text().startswith("Showing Tue, Mar 5, 2024: 7")
    # Anywhere in the column counts, not just the painted bar (tall empty space above it).
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as sig:
        click_bar(qtbot, chart, 0, dy=chart.plot.column_rect(0).height() - 10)
    assert sig.args[0] == datetime(2024, 3, 1, 5, tzinfo=UTC)


def test_clear_button_and_escape_clear_the_range(qtbot: QtBot, chart: TimelineChart) -> None:
    chart.set_buckets(days(10))
    assert not chart.clear_button.isEnabled()
    chart.select_index(2)
    with qtbot.waitSignal(chart.rangeCleared, timeout=1000):
        QTest.mouseClick(chart.clear_button, Qt.MouseButton.LeftButton)
    assert chart.selected_range() is None and not chart.clear_button.isEnabled()
    with qtbot.assertNotEmitted(chart.rangeCleared):
        chart.clear_selection()  # nothing chosen: nothing to announce
    chart.select_index(3)
    chart.plot.setFocus()
    with qtbot.waitSignal(chart.rangeCleared, timeout=1000):
        QTest.keyClick(chart.plot, Qt.Key.Key_Escape)


def test_keyboard_moves_between_bars_and_enter_selects(qtbot: QtBot,
                                                       chart: TimelineChart) -> None:
    buckets = days(10)
    chart.set_buckets(buckets)
    chart.plot.setFocus()
    qtbot.waitUntil(chart.plot.hasFocus, timeout=1000)
    assert chart.current_index() == 9  # focus starts on the latest bar
    QTest.keyClick(chart.plot, Qt.Key.Key_Left)
    QTest.keyClick(chart.plot, Qt.Key.Key_Left)
    assert chart.current_index() == 7
    assert "Mar 8, 2024: 10" in chart.info.text()
    assert "10 recording" in chart.plot.accessibleDescription()
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as sig:
        QTest.keyClick(chart.plot, Qt.Key.Key_Return)
    assert sig.args == [buckets[7].start, buckets[7].end]
    QTest.keyClick(chart.plot, Qt.Key.Key_Home)
    assert chart.current_index() == 0
    QTest.keyClick(chart.plot, Qt.Key.Key_Left)  # stays on the first bar
    assert chart.current_index() == 0
    QTest.keyClick(chart.plot, Qt.Key.Key_End)
    QTest.keyClick(chart.plot, Qt.Key.Key_Right)
    assert chart.current_index() == 9
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as sig:
        QTest.keyClick(chart.plot, Qt.Key.Key_Enter)
    assert sig.args == [buckets[9].start, buckets[9].end]


@pytest.mark.skipif(not HAVE_QTCHARTS, reason="QtCharts is not installed")
def test_bar_set_click_signal_and_bar_values(qtbot: QtBot) -> None:
    chart = TimelineChart(use_qtcharts=True)
    qtbot.addWidget(chart)
    buckets = days(6)
    chart.set_buckets(buckets)
    from reviewer.ui.timeline import _ChartPlot

    plot = chart.plot
    assert isinstance(plot, _ChartPlot)
    # Bottom to top: acted on, flagged only, kept-looking; together the total.
    stacked = [[barset.at(i) for barset in plot.sets] for i in range(6)]
    assert stacked == [list(map(float, layer_values(b))) for b in buckets]
    assert [s.label() for s in plot.sets] == [name for name, _ in LAYERS]
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as sig:
        plot.sets[2].clicked.emit(3)
    assert sig.args == [datetime(2024, 3, 4, 5, tzinfo=UTC), datetime(2024, 3, 5, 5, tzinfo=UTC)]
    # The chosen bar keeps its colours, the others fade.
    assert plot.sets[0].selectedBars() == [3]
    assert plot.sets[0].selectedColor() == QColor(LAYERS[0][1])
    assert plot.sets[0].color() != QColor(LAYERS[0][1])
    assert plot.y_axis.max() >= max(b.total for b in buckets)


def test_week_toggle_sums_days_into_monday_weeks(qtbot: QtBot, chart: TimelineChart) -> None:
    buckets = days(20)  # Fri Mar 1 .. Wed Mar 20
    chart.set_buckets(buckets)
    with qtbot.waitSignal(chart.bucketSizeChanged, timeout=1000) as sig:
        QTest.mouseClick(chart.size_buttons["week"], Qt.MouseButton.LeftButton)
    assert sig.args == ["week"] and chart.bucket_size() == "week"
    shown = chart.buckets()
    assert [b.local_start.date().isoformat() for b in shown] == [
        "2024-02-26", "2024-03-04", "2024-03-11", "2024-03-18"]
    assert [b.total for b in shown] == [3 + 4 + 5, *(sum(range(6 + 7 * k, 13 + 7 * k))
                                                   for k in range(2)), 20 + 21 + 22]
    with qtbot.waitSignal(chart.rangeSelected, timeout=1000) as rs:
        click_bar(qtbot, chart, 1)
    assert rs.args == [datetime(2024, 3, 4, 5, tzinfo=UTC), datetime(2024, 3, 11, 5, tzinfo=UTC)]
    assert bucket_title(shown[1]) == "Week of Mar 4 \u2013 Mar 10, 2024"
    # The caller answers with weekly counts; the chosen week stays chosen.
    chart.set_buckets(weekly(buckets))
    assert chart.plot.selected == 1
    with qtbot.assertNotEmitted(chart.bucketSizeChanged):
        chart.set_bucket_size("week")
    with qtbot.waitSignal(chart.bucketSizeChanged, timeout=1000) as sig:
        chart.set_bucket_size("day")
    assert sig.args == ["day"] and chart.size_buttons["day"].isChecked()
    with pytest.raises(ValueError):
        chart.set_bucket_size("month")  # type: ignore[arg-type]


def test_long_ranges_switch_to_weeks_until_the_user_chooses(qtbot: QtBot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    long_range = days(150)
    requeried: list[str] = []

    def requery(size: str) -> None:
        # What the main window does: count again at the new size, from inside the signal.
        requeried.append(size)
        chart.set_buckets(weekly(long_range) if size == "week" else long_range)

    chart.bucketSizeChanged.connect(requery)
    chart.set_buckets(long_range)
    assert requeried == ["week"] and chart.bucket_size() == "week"
    assert chart.buckets() == weekly(long_range)
    assert all(b.days == 7 for b in chart.buckets())
    chart.set_bucket_size("day")  # the user's choice sticks, however long the range
    chart.set_buckets(long_range)
    assert requeried == ["week", "day"] and len(chart.buckets()) == 150
    # A chosen size is kept for short ranges too.
    fresh = TimelineChart()
    qtbot.addWidget(fresh)
    fresh.set_bucket_size("week")
    with qtbot.assertNotEmitted(fresh.bucketSizeChanged):
        fresh.set_buckets(days(30))
    assert fresh.bucket_size() == "week" and len(fresh.buckets()) == 5


def test_hover_shows_the_counts(qtbot: QtBot, chart: TimelineChart) -> None:
    chart.set_buckets(days(10))
    chart.plot.clearFocus()  # else the line shows the keyboard's bar once the pointer leaves
    rect = chart.plot.column_rect(5)
    chart.plot.columnHovered.emit(5, chart.plot.mapToGlobal(rect.center()))
    assert chart.info.text() == "Wed, Mar 6, 2024: 8 \u00b7 1 flagged \u00b7 1 acted on"
    chart.plot.columnHovered.emit(-1, QPoint())
    assert "click a bar" in chart.info.text()
    # A real pointer over column 2 (Mar 3) does the same.
    QTest.mouseMove(click_target(chart), chart.plot.column_rect(2).center())
    qtbot.waitUntil(lambda: chart.info.text().startswith("Sun, Mar 3, 2024: 5"), timeout=1000)


def test_empty_and_dark_palette(qtbot: QtBot, chart: TimelineChart) -> None:
    chart.set_buckets([])
    assert chart.buckets() == [] and chart.info.text() == ""
    chart.select_index(0)  # nothing to select: no signal, no error
    assert chart.selected_range() is None
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    chart.setPalette(dark)
    chart.set_buckets(days(5))
    chart.select_index(1)
    QApplication.processEvents()
    image = chart.grab().toImage()
    assert image.width() > 0
    # Faded bars blend toward the background, so they darken in a dark theme.
    faded = bar_colour(LAYERS[2][1], QColor("#1e1e1e"), dimmed=True)
    assert faded.lightness() < QColor(LAYERS[2][1]).lightness()


def test_axis_labels_fit_and_read_as_a_calendar() -> None:
    quarter = days(92)  # Mar 1 .. May 31
    wide = axis_labels(quarter, px_per_bar=60, label_px=50)
    assert len(wide) == 92 and wide[0] == (0, "Mar 1")
    mondays = axis_labels(quarter, px_per_bar=9, label_px=50)
    assert [t for _, t in mondays][:3] == ["Mar 4", "Mar 11", "Mar 18"]
    months = axis_labels(quarter, px_per_bar=3, label_px=50)
    assert months == [(0, "Mar"), (31, "Apr"), (61, "May")]
    years = days(800, first=(2023, 1, 1))
    assert [t for _, t in axis_labels(years, px_per_bar=0.3, label_px=50)] == [
        "2023", "2024", "2025"]
    assert axis_labels([], 10, 50) == []


def test_two_years_of_weeks_zoom_in_scroll_and_click(qtbot: QtBot, chart: TimelineChart) -> None:
    """Two years of weeks, busy in a few months only (issue 14: the Week view was 90 % empty):
    + / Ctrl+wheel zoom in around the chosen bar, the view follows the keyboard, a click on a
    zoomed bar picks that week, − shows everything again."""
    quiet = [replace(b, total=0, flagged=0, acted_on=0) for b in days(730)]
    busy = {i: b for i, b in enumerate(days(730)) if 300 <= i < 360 or i > 700}
    buckets = [busy.get(i, b) for i, b in enumerate(quiet)]
    chart.set_bucket_size("week")
    chart.set_buckets(buckets)
    weeks = chart.buckets()
    assert len(weeks) >= 104
    assert chart.visible_range() == (0, len(weeks)) and not chart.scroll_bar.isVisible()
    assert not chart.zoom_out_button.isEnabled()

    chart.plot.setFocus()
    qtbot.waitUntil(chart.plot.hasFocus, timeout=5_000)
    target = 46  # a busy week (days 322-328)
    QTest.keyClick(chart.plot, Qt.Key.Key_Home)
    for _ in range(target):
        QTest.keyClick(chart.plot, Qt.Key.Key_Right)
    for _ in range(3):
        QTest.keyClick(chart.plot, Qt.Key.Key_Plus)
    first, count = chart.visible_range()
    assert count == -(-len(weeks) // 8) and chart.scroll_bar.isVisible()
    assert first <= target < first + count  # zoomed around the keyboard's bar
    # The plot has only the bars in view, each much wider.
    assert len(chart.plot.buckets) == count
    # Clicking a zoomed bar picks that week, not the week of the same place unzoomed.
    with qtbot.waitSignal(chart.rangeSelected) as picked:
        click_bar(qtbot, chart, target - first)
    assert picked.args[0] == weeks[target].start
    # The keyboard walks out of view: the view follows.
    for _ in range(count + 3):
        QTest.keyClick(chart.plot, Qt.Key.Key_Right)
    first, count = chart.visible_range()
    assert first <= chart.current_index() < first + count  # type: ignore[operator]
    # Ctrl + wheel zooms out around the pointer; − all the way shows every week again.
    event_pos = chart.plot.column_rect(0).center()
    wheel(click_target(chart), event_pos, -120, Qt.KeyboardModifier.ControlModifier)
    assert chart.visible_range()[1] > count
    for _ in range(4):
        QTest.keyClick(chart.plot, Qt.Key.Key_Minus)
    assert chart.visible_range() == (0, len(weeks)) and not chart.scroll_bar.isVisible()


def wheel(target: QWidget, pos: QPoint, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(pos), QPointF(target.mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, event)
