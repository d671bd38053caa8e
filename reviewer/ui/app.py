"""Starting the desktop app: Qt application, logging, the crash dialog, the main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from reviewer import APP_NAME, __version__
from reviewer.config import DataDirError, resolve_paths
from reviewer.core.store import StoreError
from reviewer.logging_setup import setup_logging

log = logging.getLogger(__name__)


def install_excepthook(log_path: Path | None) -> None:
    """Unexpected errors are logged and shown with a copyable report instead of vanishing
    (PySide6 would otherwise print them to a console a frozen app does not have)."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unhandled exception\n%s", report)
        if showing:  # an error while showing the dialog must not recurse
            return
        from PySide6.QtWidgets import QApplication

        from reviewer.ui.dialogs import CrashDialog, python_info

        if QApplication.instance() is None:
            return
        showing = True
        try:
            full = f"{APP_NAME} {__version__}, {python_info()}\n\n{report}"
            CrashDialog(f"{exc_type.__name__}: {exc}", full, log_path).exec()
        finally:
            showing = False

    sys.excepthook = hook


def run_app(data_dir: str | os.PathLike[str] | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reviewer.core.library import Library
    from reviewer.resources import resource_root
    from reviewer.ui.main_window import MainWindow

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("voice-history-reviewer")
    icon = resource_root() / "resources" / "icons" / "reviewer.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    paths = resolve_paths(data_dir)
    log_path = setup_logging(paths.log_dir)
    install_excepthook(log_path)
    log.info("Starting %s %s with library %s", APP_NAME, __version__, paths.data_dir)
    try:
        library = Library.open(data_dir)
    except (StoreError, DataDirError) as exc:
        QMessageBox.critical(None, APP_NAME, f"The library cannot be opened:\n\n{exc}")
        return 1
    window = MainWindow(library, paths.log_dir)
    window.show()
    try:
        return app.exec()
    finally:
        library.close()
