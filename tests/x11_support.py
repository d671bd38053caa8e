"""A real X display for GUI tests: Xvfb with a small window manager (openbox), the app started
as its own process (`python -m reviewer`), and real input events from xdotool.

The offscreen platform the other UI tests use has no window manager, no real key events and no
process exit; what a person does (press Ctrl+Q, open a file from the file manager) needs this.
Tests skip with the reason when Xvfb, openbox or xdotool is missing (`./dev test` installs them
where it can: Debian's xvfb, openbox and xdotool packages)."""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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


class XDisplay:
    """One Xvfb server with openbox on it; `env` is what a program on it needs."""

    def __init__(self, size: str = "1366x768") -> None:
        self.size = size
        self._procs: list[subprocess.Popen[bytes]] = []
        self.name = ""

    def start(self) -> None:
        # -displayfd: Xvfb picks a free display number and writes it to the pipe when ready.
        read, write = os.pipe()
        # -r: no key auto-repeat. On a busy machine xdotool can be descheduled between a
        # key's press and its release; the server then repeated "r" sixteen times (toggling
        # a clip's answer back and forth, and typing into the next dialog).
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                 f"{self.size}x24", "-nolisten", "tcp", "-r"],
                                pass_fds=(write,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        os.close(write)
        self._procs.append(xvfb)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number}"
        wm = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        self._procs.append(wm)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DISPLAY"] = self.name
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def xdotool(self, *args: str, timeout: float = 30.0) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout, check=False)
        return done.stdout

    def window_of(self, pid: int, ceiling_s: float = 120.0) -> str:
        """The visible window of process `pid`, waiting for it to appear."""
        deadline = time.monotonic() + ceiling_s
        while time.monotonic() < deadline:
            ids = self.xdotool("search", "--onlyvisible", "--pid", str(pid)).split()
            if ids:
                return ids[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window of process {pid} within {ceiling_s:.0f} s")

    def key(self, window: str, keys: str) -> None:
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("key", "--clearmodifiers", "--window", window, keys)

    def type_text(self, window: str, text: str) -> None:
        """Type `text` as key presses into the focused field of `window`."""
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("type", "--clearmodifiers", "--window", window, "--delay", "40", text)

    def named_window(self, title: str, ceiling_s: float = 60.0) -> str:
        """The visible window titled exactly `title` (a dialog of the app), waiting for it."""
        deadline = time.monotonic() + ceiling_s
        while time.monotonic() < deadline:
            ids = self.windows_named(title)
            if ids:
                return ids[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window titled {title!r} within {ceiling_s:.0f} s")

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

    def stop(self) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
        for proc in reversed(self._procs):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def x_display(size: str = "1366x768") -> Iterator[XDisplay]:
    require_x()
    display = XDisplay(size)
    display.start()
    try:
        yield display
    finally:
        display.stop()


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
