"""The real app on a real X display (Xvfb + openbox), driven with real key presses (xdotool).

Quitting: Ctrl+Q while the window's own transcription runs used to exit 134 ("QThread:
Destroyed while thread is still running", or "bool_dealloc" from PySide6's emit() refcount bug:
reviewer/ui/pyside_fixes.py) in about one run of three. Twenty quits at varied moments must all
exit 0 with no fatal error printed.

Opening an export from outside: `reviewer EXPORT` opens the window and imports inside it."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.testing.alexa_exports import write_history_json_export
from tests.x11_support import XDisplay, require_x, start_app, wait_for_log, x_display

pytestmark = pytest.mark.slow

QUITS = 20
LOG_NAME = "logs/reviewer.log"


@pytest.fixture(scope="module")
def imported_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ~130-clip Alexa export imported with the CLI, nothing transcribed yet."""
    require_x()
    root = tmp_path_factory.mktemp("x11")
    export = write_history_json_export(root / "export", form="zip", records=195).path
    lib = root / "lib"
    done = subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(lib), "import",
                           str(export)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "new in the library: 196" in done.stdout
    return lib


def _wait_exit(proc: subprocess.Popen[bytes], ceiling_s: float) -> int | None:
    try:
        return proc.wait(ceiling_s)
    except subprocess.TimeoutExpired:
        return None


def _quit(x: XDisplay, window: str, app: subprocess.Popen[bytes], tries: int,
          wait_s: float) -> int | None:
    """Ctrl+Q in `window`, again while the app runs (a key sent while openbox maps the window
    is lost); the exit code, None if it still runs."""
    for _attempt in range(tries):
        x.key(window, "ctrl+q")
        code = _wait_exit(app, wait_s)
        if code is not None:
            return code
    return None


def test_ctrl_q_during_transcription_exits_cleanly_20_times(imported_library: Path,
                                                            tmp_path: Path) -> None:
    rng = random.Random(14)  # varied but repeatable moments
    results: list[str] = []
    # Each quit gets its own X server: on one shared Xvfb, after a first xdotool Ctrl+Q the
    # next windows sometimes closed ~0.1 s after they appeared, before this run sent any key
    # (reproduced only after an xdotool key had been sent on that display, never after a
    # SIGTERM; cause not found). Should a window still close by itself, that run tested no
    # Ctrl+Q: it is not counted and another is made, at most 3 times; its exit must be clean.
    closed_early: list[str] = []
    run = -1
    while len(results) < QUITS:
        run += 1
        with x_display() as x:
            lib = tmp_path / f"run{run}"
            shutil.copytree(imported_library, lib)  # untranscribed again: the job runs
            out = tmp_path / f"run{run}.out"
            app = start_app(x, lib, log=out)
            try:
                window = x.main_window(app.pid)
                # The window starts transcribing the imported clips by itself.
                wait_for_log(lib / LOG_NAME, "job transcribe started", proc=app)
                # Quit at a different point of the job each time: loading the model, in the
                # middle of clips, between results and the flagging they start.
                pause = rng.uniform(0.0, 6.0)
                app_wait = _wait_exit(app, pause)
                if app_wait is not None:
                    printed = out.read_text(errors="replace")
                    assert app_wait == 0, f"run {run}: ended by itself, exit {app_wait}\n{printed}"
                    assert "Fatal Python error" not in printed, printed
                    closed_early.append(f"run {run}: closed by itself after {pause:.1f} s")
                    assert len(closed_early) <= 3, "\n".join(closed_early)
                    continue
                code = _quit(x, window, app, tries=8, wait_s=15.0)
                printed = out.read_text(errors="replace")
                assert code is not None, f"run {run}: still running after Ctrl+Q\n{printed}"
                results.append(f"run {run} after {pause:.1f} s: exit {code}")
                assert code == 0, f"run {run}: exit {code}\n{printed}"
                assert "Fatal Python error" not in printed, printed
                assert "Destroyed while thread" not in printed, printed
            finally:
                if app.poll() is None:
                    app.kill()
                    app.wait()
            shutil.rmtree(lib, ignore_errors=True)
    print("\n".join(results + closed_early))
    assert len(results) == QUITS


def test_reviewer_path_opens_the_window_and_imports_inside_it(tmp_path: Path) -> None:
    require_x()
    export = write_history_json_export(tmp_path / "export", form="zip", records=12).path
    lib = tmp_path / "lib"
    out = tmp_path / "app.out"
    with x_display() as x:
        app = start_app(x, lib, str(export), log=out)
        try:
            x.main_window(app.pid)  # the window comes first ...
            # ... and the import runs inside it, as the window's own job.
            wait_for_log(lib / LOG_NAME, "job import started", proc=app)
            wait_for_log(lib / LOG_NAME, "job import ended", proc=app)
            # The import's report is on top, with the focus: Ctrl+Q there quits the app too
            # (it did nothing, seen on a real screen: the shortcut was the main window's own).
            report = x.named_window("Import report")
            code = _quit(x, report, app, tries=3, wait_s=20.0)
            assert code == 0, out.read_text(errors="replace")
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
    done = subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(lib), "info"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Clips: 13 " in done.stdout and "amazon-data.zip" in done.stdout, done.stdout
