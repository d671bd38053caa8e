"""Rotating log files in the user's log folder, for the GUI and the CLI alike.

A frozen GUI app on Windows has no stdout/stderr at all (both are None), so nothing here may
assume a console.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE = "reviewer.log"


def ensure_std_streams() -> None:
    """Give a windowed (console-less) process somewhere to write.

    A frozen Windows GUI app, and the worker processes it starts, get sys.stdout/sys.stderr =
    None; a stray print(), a warning or a library's progress output would then raise. Writing
    to the null device instead keeps them quiet; the log file still gets everything logged.
    """
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def setup_logging(log_dir: Path, level: int = logging.INFO, console: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_reviewer", False):
            root.removeHandler(h)
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    file_handler._reviewer = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream._reviewer = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    path.chmod(0o600)
    return path
