"""The clip's waveform: envelopes decoded in a small thread pool and cached per clip, and the
widget that draws one with a playhead (click, drag or arrow keys to seek).

The numbers come from `core/audio/envelope.py` (no Qt there); this module only schedules the
decoding off the GUI thread and paints.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from reviewer.core.api import (
    AudioError,
    Envelope,
    envelope_columns,
    load_envelope,
)
from reviewer.ui import gc_thread
from reviewer.ui.i18n import core_text
from reviewer.ui.palette import muted_color

SEEK_STEP_S = 2.0
# Quiet clips (a far-off TV) would be a flat line at true scale; a bounded gain keeps their
# shape visible without blowing up pure noise floor into a "loud" picture.
MAX_GAIN = 8.0


def clock(seconds: float) -> str:
    """0:03.4 / 12:05.0 / 1:02:03: tenths matter for 3-second clips."""
    seconds = max(0.0, seconds)
    tenths = round(seconds * 10)
    minutes, rest = divmod(tenths, 600)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{rest // 10:02d}"
    return f"{minutes}:{rest // 10:02d}.{rest % 10}"


WaveKey = tuple[int, str]


class _JobSignals(QObject):
    ready = Signal(object, object)  # key, Envelope
    failed = Signal(object, str)  # key, reason in plain words


class _EnvelopeJob(gc_thread.PoolTask):
    def __init__(self, key: WaveKey, path: Path, sink: _JobSignals) -> None:
        super().__init__()
        self._key, self._path, self._sink = key, path, sink

    def work(self) -> None:
        try:
            result: Envelope | str = load_envelope(self._path)
        except AudioError as exc:
            result = core_text(exc)
        except Exception as exc:  # a pool thread has no one to raise to: show it in the pane
            result = f"unexpected error: {type(exc).__name__}: {exc}"
        try:
            if isinstance(result, Envelope):
                self._sink.ready.emit(self._key, result)
            else:
                self._sink.failed.emit(self._key, result)
        except RuntimeError:
            pass  # the pane was closed while decoding; nobody is waiting for this any more


class WaveformLoader(QObject):
    """Decodes clips into envelopes in a private pool, keeping the most recent ones.

    A private pool (not the global one) so `clear()` can drop queued requests for clips the user
    has already moved past without touching anyone else's work."""

    ready = Signal(object, object)  # key, Envelope
    failed = Signal(object, str)

    def __init__(self, parent: QObject | None = None, capacity: int = 128) -> None:
        super().__init__(parent)
        self._capacity = capacity
        self._cache: OrderedDict[WaveKey, Envelope] = OrderedDict()
        gc_thread.install()  # its tasks hold the cycle collector on this (the GUI) thread
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._sink = _JobSignals(self)
        self._sink.ready.connect(self._on_ready)
        self._sink.failed.connect(self.failed)

    def cached(self, key: WaveKey) -> Envelope | None:
        env = self._cache.get(key)
        if env is not None:
            self._cache.move_to_end(key)
        return env

    def request(self, key: WaveKey, path: Path) -> None:
        # Jobs already running finish (and fill the cache); queued ones for older clips go.
        self._pool.clear()
        self._pool.start(_EnvelopeJob(key, path, self._sink))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_ready(self, key: WaveKey, env: Envelope) -> None:
        self._cache[key] = env
        self._cache.move_to_end(key)
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        self.ready.emit(key, env)


class WaveformView(QWidget):
    """Min/max envelope with a playhead; the played part is drawn in the highlight colour.

    Click or drag to seek; Left/Right move 2 s, Home/End jump to the ends, Space plays/pauses.
    """

    seekRequested = Signal(float)
    toggleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._envelope: Envelope | None = None
        self._message = ""
        self._duration = 0.0
        self._position = 0.0
        self._dragging = False
        # (size in device pixels, palette cache key) -> images of the played/unplayed envelope
        self._images: tuple[tuple[int, int, int], QImage, QImage] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(64)
        self.setAccessibleName(self.tr("Waveform"))
        self.setToolTip(self.tr("Click or drag to jump to a moment. With the keyboard: "
                                "Left/Right move 2 seconds, Home/End go to the start/end, "
                                "Space plays or pauses."))
        self._update_description()

    # public state
    @property
    def envelope(self) -> Envelope | None:
        return self._envelope

    @property
    def message(self) -> str:
        return self._message

    @property
    def position(self) -> float:
        return self._position

    @property
    def duration(self) -> float:
        return self._duration

    def sizeHint(self) -> QSize:
        return QSize(320, 76)

    def set_envelope(self, env: Envelope | None) -> None:
        self._envelope, self._images = env, None
        if env is not None:
            self._message = ""
        self.update()

    def set_message(self, text: str) -> None:
        """Shown instead of a waveform (loading, no audio, errors)."""
        self._envelope, self._images, self._message = None, None, text
        self.update()

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self._update_description()
        self.update()

    def set_position(self, seconds: float) -> None:
        if self._dragging:
            return  # the mouse owns the playhead until released
        self._set_position(seconds)

    def _set_position(self, seconds: float) -> None:
        if seconds != self._position:
            self._position = seconds
            self._update_description()
            self.update()

    def _update_description(self) -> None:
        self.setAccessibleDescription(
            self.tr("Position {position} of {length}").format(
                position=clock(self._position), length=clock(self._duration)))

    # input
    def _seconds_at(self, x: float) -> float:
        if self.width() <= 0:
            return 0.0
        return max(0.0, min(1.0, x / self.width())) * self._duration

    def _can_seek(self) -> bool:
        return self.isEnabled() and self._duration > 0 and self._envelope is not None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._can_seek():
            super().mousePressEvent(event)
            return
        self._dragging = True
        self._drag_to(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._drag_to(event.position().x())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._drag_to(event.position().x())
            self._dragging = False

    def _drag_to(self, x: float) -> None:
        seconds = self._seconds_at(x)
        self._set_position(seconds)
        self.seekRequested.emit(seconds)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.toggleRequested.emit()
        elif not self._can_seek():
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_Left:
            self.seekRequested.emit(max(0.0, self._position - SEEK_STEP_S))
        elif key == Qt.Key.Key_Right:
            self.seekRequested.emit(min(self._duration, self._position + SEEK_STEP_S))
        elif key == Qt.Key.Key_Home:
            self.seekRequested.emit(0.0)
        elif key == Qt.Key.Key_End:
            self.seekRequested.emit(self._duration)
        else:
            super().keyPressEvent(event)

    # drawing
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.EnabledChange):
            self._images = None
            self.update()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._images = None
        super().resizeEvent(event)

    def _colours(self) -> tuple[QColor, QColor]:
        pal = self.palette()
        played = pal.color(QPalette.ColorRole.Highlight)
        unplayed = QColor(pal.color(QPalette.ColorRole.Text))
        unplayed.setAlphaF(0.42)
        if not self.isEnabled():
            played = QColor(unplayed)
        return played, unplayed

    def _envelope_images(self) -> tuple[QImage, QImage] | None:
        env = self._envelope
        if env is None:
            return None
        dpr = self.devicePixelRatioF()
        w, h = max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr))
        played, unplayed = self._colours()
        key = (w, h, hash((played.rgba(), unplayed.rgba())))
        if self._images is not None and self._images[0] == key:
            return self._images[1], self._images[2]
        mins, maxs = envelope_columns(env, w)
        gain = min(MAX_GAIN, 0.95 / env.peak) if env.peak > 0 else 1.0
        half = (h - 2) / 2.0
        mid = h / 2.0
        # Device-pixel columns, drawn once per size/palette; playback repaints only blit them.
        tops = np.floor(mid - np.clip(maxs * gain, -1, 1) * half).astype(np.int32)
        bottoms = np.ceil(mid - np.clip(mins * gain, -1, 1) * half).astype(np.int32)
        bottoms = np.maximum(bottoms, tops + 1)
        images = []
        for colour in (played, unplayed):
            img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(Qt.GlobalColor.transparent)
            p = QPainter(img)
            for x, (top, bottom) in enumerate(zip(tops.tolist(), bottoms.tolist(), strict=True)):
                p.fillRect(x, top, 1, bottom - top, colour)
            p.end()
            img.setDevicePixelRatio(dpr)
            images.append(img)
        self._images = (key, images[0], images[1])
        return images[0], images[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        border = pal.color(QPalette.ColorRole.Highlight) if self.hasFocus() \
            else pal.color(QPalette.ColorRole.Mid)
        p.setPen(QPen(border, 2 if self.hasFocus() else 1))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(frame, 4, 4)
        images = self._envelope_images()
        if images is None:
            p.setPen(muted_color(pal))
            p.drawText(self.rect().adjusted(8, 0, -8, 0),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            p.end()
            return
        played, unplayed = images
        w, h = float(self.width()), float(self.height())
        x = w * min(1.0, self._position / self._duration) if self._duration > 0 else 0.0
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        mid = QColor(pal.color(QPalette.ColorRole.Text))
        mid.setAlphaF(0.15)
        p.setPen(QPen(mid, 0))
        p.drawLine(QPointF(2, h / 2), QPointF(w - 2, h / 2))
        src_scale = played.devicePixelRatioF()
        if x > 0:
            p.drawImage(QRectF(0, 0, x, h), played, QRectF(0, 0, x * src_scale, h * src_scale))
        if x < w:
            p.drawImage(QRectF(x, 0, w - x, h), unplayed,
                        QRectF(x * src_scale, 0, (w - x) * src_scale, h * src_scale))
        if self._duration > 0 and (self._position > 0 or self.hasFocus()):
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 2))
            px = min(max(x, 1.0), w - 1.0)
            p.drawLine(QPointF(px, 3), QPointF(px, h - 3))
        p.end()
