"""Starting the desktop app: Qt application, logging, the crash dialog, the main window."""

from __future__ import annotations

import functools
import gc
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from reviewer import APP_NAME, __version__
from reviewer.config import DataDirError, resolve_paths
from reviewer.core.api import (
    StoreError,
)
from reviewer.logging_setup import setup_logging

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from reviewer.ui.main_window import MainWindow

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


# Set to 1 (or to FILE.png for a screenshot as well) to check that the main window comes up:
# once it is on screen a line starting with SMOKE_TEST_LINE is printed and logged, and the app
# closes itself (exit code 0; 3 if no window appeared within 30 s). The packaging test uses it
# on the frozen app.
SMOKE_TEST_ENV = "REVIEWER_SMOKE_TEST"
SMOKE_TEST_LINE = "smoke test: main window shown"


def _smoke_test(app: QApplication, window: QWidget, spec: str) -> None:
    from PySide6.QtCore import QTimer

    deadline = time.monotonic() + 30.0

    def check() -> None:
        handle = window.windowHandle()
        if not (window.isVisible() and handle is not None and handle.isExposed()):
            if time.monotonic() < deadline:
                QTimer.singleShot(100, check)
                return
            log.error("smoke test: the main window did not appear")
            if sys.stdout is not None:
                print("smoke test: the main window did not appear", flush=True)
            app.exit(3)
            return
        icon = "ok" if not app.windowIcon().pixmap(32, 32).isNull() else "MISSING"
        line = (f"{SMOKE_TEST_LINE}: {window.windowTitle()!r} {window.width()}x"
                f"{window.height()} on {app.platformName()}, icon {icon}")
        if spec.lower().endswith(".png"):
            saved = window.grab().save(spec)
            line += f", screenshot {'saved to ' + spec if saved else 'NOT saved'}"
        log.info(line)
        if sys.stdout is not None:
            print(line, flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(300, check)


def run_app(data_dir: str | os.PathLike[str] | None = None, argv: list[str] | None = None,
            import_paths: list[Path] | None = None) -> int:
    """The desktop app. `import_paths` (`reviewer EXPORT...`, a file manager's Open with) are
    imported inside the window, with its progress, as soon as it is on screen."""
    from PySide6.QtCore import QCoreApplication, QLoggingCategory, Qt, QTimer

    # Before QtMultimedia loads: Qt's FFmpeg backend prints a format dump ("Input #0, mp3,
    # from ...") for every clip played, at info level, and lists the optional libraries
    # (VA-API, PipeWire) it did not find. Warnings still show; QT_LOGGING_RULES in the
    # environment overrides this.
    QLoggingCategory.setFilterRules("qt.multimedia.ffmpeg*.info=false\n"
                                    "qt.multimedia.symbolsresolver*=false")
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reviewer.core.api import Library
    from reviewer.resources import resource_root
    from reviewer.ui import i18n
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
    # The system's language until the library's settings say which one the user chose.
    i18n.install()
    try:
        library = Library.open(data_dir)
    except (StoreError, DataDirError) as exc:
        QMessageBox.critical(None, APP_NAME, QCoreApplication.translate(
            "App", "The library cannot be opened:\n\n{error}").format(error=i18n.core_text(exc)))
        return 1
    # Before the window: every widget sets its texts once, when it is built. The flag
    # reasons the window shows are written in the same language.
    library.reason_language = i18n.install(library.settings().interface_language)
    window = MainWindow(library, paths.log_dir)
    _fit_on_screen(window)
    window.show()
    # Again once the window manager has framed it (the title bar counts too).
    for delay in (0, 500):
        QTimer.singleShot(delay, functools.partial(_fit_on_screen, window))
    # On a busy machine the frame came later than 500 ms: the window stayed 640 px high on a
    # 640 px screen, its status bar below the edge. Fit again when the frame is known.
    framed = _fit_when_framed(window)
    # Framed, fitted and taking input: the real-display tests wait for this line before
    # their first click (a click sent while the window still moves lands elsewhere).
    QTimer.singleShot(600, functools.partial(log.info, "main window ready"))
    if import_paths:
        QTimer.singleShot(0, functools.partial(window.import_paths, list(import_paths)))
    opener = _file_open_filter(app, window)
    smoke = os.environ.get(SMOKE_TEST_ENV)
    if smoke:
        _smoke_test(app, window, smoke)
    try:
        return app.exec()
    finally:
        app.removeEventFilter(opener)
        _tear_down(window)
        del window, opener, framed
        library.close()
        # Wrappers in reference cycles (slots that capture the window) are freed now, while
        # Qt is whole, not by the collector during interpreter finalisation.
        gc.collect()


def _fit_when_framed(window: QWidget) -> QObject:
    """Call `_fit_on_screen` once, at the first move or resize after which the window has a
    frame (a title bar) around it."""
    from PySide6.QtCore import QEvent, QObject

    class FitWhenFramed(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (watched is window and event.type() in (QEvent.Type.Move, QEvent.Type.Resize)
                    and window.frameGeometry().height() > window.height()):
                window.removeEventFilter(self)
                _fit_on_screen(window)
            return False

    fitter = FitWhenFramed(window)
    window.installEventFilter(fitter)
    return fitter


def _fit_on_screen(window: QWidget) -> None:
    """The default 1280×800 (or a size saved on a bigger monitor) must not reach past the
    screen: on a 1366×768 laptop the status bar, with the job's progress, was below the edge."""
    from PySide6.QtWidgets import QWidget

    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    if not room.contains(frame):
        # QWidget.move: MainWindow.move is the "move to another folder" action.
        QWidget.move(window, max(room.left(), min(frame.left(), room.right() - frame.width())),
                     max(room.top(), min(frame.top(), room.bottom() - frame.height())))


def _file_open_filter(app: QApplication, window: MainWindow) -> QObject:
    """macOS hands files opened from the Finder or dropped on the Dock icon to the running app
    as QFileOpenEvent (not on the command line): import them like `reviewer PATH...`."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFileOpenEvent

    class FileOpenFilter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if isinstance(event, QFileOpenEvent) and event.file():
                window.import_paths([Path(event.file())])
                return True
            return super().eventFilter(watched, event)

    opener = FileOpenFilter(app)
    app.installEventFilter(opener)
    return opener


def _tear_down(window: QWidget) -> None:
    """End everything that runs beside the GUI thread, then destroy the window, in that order
    and before `run_app` returns.

    Left to Python, the window (kept alive by reference cycles) was destroyed by the garbage
    collector while the interpreter finalised, with job threads still running: Ctrl+Q during
    transcription aborted with "QThread: Destroyed while thread 'job-voices' is still running"
    (transcription, cancelled by the close, finished after the window had stopped waiting and
    started the next job). The other crash at quit, "bool_dealloc", was PySide6's emit()
    refcount bug: see reviewer.ui.pyside_fixes."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from reviewer.ui.workers import stop_all_jobs

    if not stop_all_jobs():
        log.error("a background job did not stop; quitting anyway")
    detail = getattr(window, "detail", None)
    if detail is not None and shiboken6.isValid(detail):
        detail.shutdown()
    if shiboken6.isValid(window):
        shiboken6.delete(window)
    # Jobs already finished were handed to deleteLater(); with the event loop gone, delete
    # them now rather than at exit.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
