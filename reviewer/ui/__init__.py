"""The PySide6 desktop app. Everything it does goes through `reviewer.core.library.Library`."""
