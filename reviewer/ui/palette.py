"""Colours of the clip pane that follow the light or dark palette."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QPalette,
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def tone(palette: QPalette, name: str) -> QColor:
    """Signal colours readable on both light and dark windows."""
    light, dark = {
        "up": ("#b42318", "#ff8a7a"),  # points towards "accidental"
        "down": ("#1a7f37", "#6fdc8c"),  # points towards "meant for the assistant"
        "warn": ("#9a6700", "#f2c94c"),
        "alert": ("#b42318", "#ff8a7a"),
    }[name]
    return QColor(dark if is_dark(palette) else light)


def css(color: QColor, alpha: float | None = None) -> str:
    # Palettes often give muted roles as translucent text (Fusion's PlaceholderText): keep it.
    a = color.alphaF() * (1.0 if alpha is None else alpha)
    if a >= 1.0:
        return color.name()
    return f"rgba({color.red()},{color.green()},{color.blue()},{a:.2f})"


def muted_color(palette: QPalette) -> QColor:
    """Secondary text, opaque: Fusion's placeholder colour is translucent text, and rich text
    does not blend alpha."""
    fg = palette.color(QPalette.ColorRole.PlaceholderText)
    bg = palette.color(QPalette.ColorRole.Window)
    a = fg.alphaF()
    return QColor.fromRgbF(fg.redF() * a + bg.redF() * (1 - a),
                           fg.greenF() * a + bg.greenF() * (1 - a),
                           fg.blueF() * a + bg.blueF() * (1 - a))
