"""The PySide6 desktop app. Everything it does goes through `reviewer.core.library.Library`."""

from reviewer.ui.pyside_fixes import guard_bool_refcounts

# Before any widget emits a signal: see pyside_fixes for the crash at quit this prevents.
guard_bool_refcounts()
