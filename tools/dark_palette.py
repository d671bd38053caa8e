"""The dark palette the screenshot tools render with (one, so every dark shot matches)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#393b40",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3574f0",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#6ca6ff",
        QPalette.ColorRole.PlaceholderText: "#9a9da3", QPalette.ColorRole.Mid: "#4e5157",
        QPalette.ColorRole.Dark: "#1a1b1e", QPalette.ColorRole.Light: "#4a4d52",
        QPalette.ColorRole.Midlight: "#43464b", QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.ToolTipBase: "#393b40", QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d83"))
    return pal
