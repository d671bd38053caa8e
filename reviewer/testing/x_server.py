"""A real X display as a person's desktop has one: Xvfb with the openbox window manager.
Shared by the GUI tests on X (tests/x11_support.py) and tools/screenshots.py.

The window manager must be managing the screen before the app connects. When the app won the
race (its window got X id 0x200007: it was the server's second client, openbox the third),
openbox adopted an already-mapped window at its own start and gave nothing the focus; Qt then
had no active window, so Ctrl+Q and every other window shortcut did nothing, four times in a
row (tests/test_ui_x11_flows.py failed in CI that way; 1 in ~40 app starts here, always with
that id and no active window). `start()` returns only when openbox has run its startup command,
which it does once it owns the screen."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Self


class XServer:
    """One Xvfb server with openbox on it; `env` is what a program on it needs. As a context
    manager: started on entry, stopped on exit."""

    def __init__(self, size: str = "1366x768", *, key_repeat: bool = True,
                 ceiling_s: float = 60.0) -> None:
        self.size = size
        self.key_repeat = key_repeat
        self.ceiling_s = ceiling_s
        self.name = ""
        self._procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        # -displayfd: Xvfb picks a free display number and writes it to the pipe when ready.
        read, write = os.pipe()
        command = ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{self.size}x24",
                   "-nolisten", "tcp"]
        if not self.key_repeat:
            command.append("-r")
        xvfb = subprocess.Popen(command, pass_fds=(write,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        os.close(write)
        self._procs.append(xvfb)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.stop()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number}"
        with tempfile.TemporaryDirectory(prefix="openbox-") as tmp:
            ready = Path(tmp) / "ready"
            startup = f"touch {shlex.quote(str(ready))}"
            wm = subprocess.Popen(["openbox", "--startup", startup], env=self.env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self._procs.append(wm)
            deadline = time.monotonic() + self.ceiling_s
            while not ready.exists():
                if wm.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the openbox window manager did not start "
                                       f"(exit {wm.returncode}) on display {self.name}")
                time.sleep(0.05)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DISPLAY"] = self.name
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def stop(self) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self._procs):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs.clear()
