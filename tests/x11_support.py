"""A real X display for GUI tests: Xvfb with a small window manager (openbox), the app started
as its own process (`python -m reviewer`), and real input events from xdotool.

The offscreen platform the other UI tests use has no window manager, no real key events and no
process exit; what a person does (press Ctrl+Q, open a file from the file manager) needs this.
Tests skip with the reason when Xvfb, openbox or xdotool is missing (`./dev test` installs them
where it can: Debian's xvfb, openbox and xdotool packages)."""

from __future__ import annotations

import ctypes.util
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from reviewer import APP_NAME
from reviewer.testing.x_server import XServer

TOOLS = ("Xvfb", "openbox", "xdotool")
# Qt's xcb platform plugin aborts without these on a bare system (DESIGN.md lists the packages);
# two stand for the set `./dev test` installs.
X11_LIBS = ("xcb-cursor", "xkbcommon-x11")


def missing_tools() -> list[str]:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    return missing + [f"lib{name}" for name in X11_LIBS if ctypes.util.find_library(name) is None]


def require_x() -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs a real X display: {', '.join(missing)} not installed "
                    "(apt-get install xvfb openbox xdotool and the X11 libraries README lists)")


T = TypeVar("T")


def _poll(check: Callable[[], T], ceiling_s: float) -> T | None:
    """`check()`'s first true value, asked every 0.2 s; None when none came within the
    ceiling (the caller says what did not happen)."""
    deadline = time.monotonic() + ceiling_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    return None


class XDisplay(XServer):
    """One Xvfb server with openbox on it (ready before anything else connects), and the
    xdotool actions the tests take on it."""

    def __init__(self, size: str = "1366x768") -> None:
        # No key auto-repeat (-r). On a busy machine xdotool can be descheduled between a
        # key's press and its release; the server then repeated "r" sixteen times (toggling
        # a clip's answer back and forth, and typing into the next dialog).
        super().__init__(size, key_repeat=False)

    def xdotool(self, *args: str, timeout: float = 30.0) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout, check=False)
        return done.stdout

    def main_window(self, pid: int, ceiling_s: float = 120.0) -> str:
        """The main window of the app running as process `pid`, waiting for it to show. By
        its title too: any visible window of the process could be a dialog of it (the import
        report, up before the window when exports are given on the command line), and keys
        sent to it once it closed reached nobody."""
        found = _poll(lambda: self.xdotool("search", "--all", "--onlyvisible", "--pid", str(pid),
                                           "--name", f"^{re.escape(APP_NAME)}$").split(),
                      ceiling_s)
        if not found:
            raise AssertionError(f"no main window of process {pid} within {ceiling_s:.0f} s")
        return found[-1]

    def _focus_ids(self) -> tuple[str, str]:
        """The window the window manager calls active and the one with the keyboard."""
        return (self.xdotool("getactivewindow").strip(),
                self.xdotool("getwindowfocus", "-f").strip())

    def focus(self) -> str:
        """Which window is active and which has the keyboard, in words (what a failed key
        press is explained by)."""
        active, focused = self._focus_ids()
        return f"active window {active or 'none'}, keyboard focus on {focused or 'none'}"

    def wait_active(self, window: str, ceiling_s: float = 60.0) -> None:
        """Wait until `window` is the active one with the keyboard, as a window a person has
        just opened is. Its shortcuts (Ctrl+Q) work only then: a window nothing had given the
        focus ignored four Ctrl+Q in a row (see reviewer/testing/x_server.py)."""
        if not _poll(lambda: self._focus_ids() == (window, window), ceiling_s):
            raise AssertionError(f"window {window} never got the focus: {self.focus()}")

    def key(self, window: str, keys: str) -> None:
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("key", "--clearmodifiers", "--window", window, keys)

    def type_text(self, window: str, text: str) -> None:
        """Type `text` as key presses into the focused field of `window`."""
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("type", "--clearmodifiers", "--window", window, "--delay", "40", text)

    def named_window(self, title: str, ceiling_s: float = 60.0) -> str:
        """The visible window titled exactly `title` (a dialog of the app), waiting for it."""
        found = _poll(lambda: self.windows_named(title), ceiling_s)
        if not found:
            raise AssertionError(f"no window titled {title!r} within {ceiling_s:.0f} s")
        return found[-1]

    def windows_named(self, title: str) -> list[str]:
        # xdotool takes a regular expression: "Who is asking?" must match as written.
        return self.xdotool("search", "--onlyvisible", "--name",
                            f"^{re.escape(title)}$").split()

    def size_of(self, window: str) -> tuple[int, int]:
        """The window's inside width and height (without the window manager's frame)."""
        shell = self.xdotool("getwindowgeometry", "--shell", window)
        values = dict(line.split("=", 1) for line in shell.splitlines() if "=" in line)
        return int(values["WIDTH"]), int(values["HEIGHT"])

    def click(self, window: str, x: int, y: int) -> None:
        """A real left click at (x, y) inside `window`; negative values count from its
        right or bottom edge."""
        width, height = self.size_of(window)
        x = x if x >= 0 else width + x
        y = y if y >= 0 else height + y
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("mousemove", "--window", window, str(x), str(y))
        self.xdotool("click", "1")

    def screenshot(self, path: Path) -> None:
        """The whole screen as a PNG, for people to look at (when ImageMagick's `import` is
        installed; tests never depend on it)."""
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                           capture_output=True, timeout=60, check=False)


@contextmanager
def x_display(size: str = "1366x768") -> Iterator[XDisplay]:
    require_x()
    with XDisplay(size) as display:
        yield display


def start_app(display: XDisplay, data_dir: Path, *args: str,
              log: Path) -> subprocess.Popen[bytes]:
    """The real app (`python -m reviewer`), as a separate process on `display`; its stdout and
    stderr go to `log` (a fatal error at exit prints there)."""
    env = display.env
    env["PYTHONFAULTHANDLER"] = "1"  # a crash prints every thread's Python stack
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "reviewer", "--data-dir", str(data_dir),
                                 *args], env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for_log(path: Path, text: str, ceiling_s: float = 120.0,
                 proc: subprocess.Popen[bytes] | None = None, count: int = 1) -> None:
    """Wait until the app's log file holds `text` (`count` times: the log outlives one run
    of the app; it is written as things happen)."""
    deadline = time.monotonic() + ceiling_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8",
                                            errors="replace").count(text) >= count:
            return
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the app ended (exit {proc.returncode}) before {text!r}")
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in {path} within {ceiling_s:.0f} s")
