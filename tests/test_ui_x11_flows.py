"""What a person does in the real app, on a real X display (Xvfb + openbox), with real input
events (xdotool keys and clicks): import two vendors' exports at once; cancel the
transcription, see the work left waiting, resume it; triage with A / G / R and undo; delete a
clip and undo the delete. (Issue 14, "Done means".)

The app runs as its own process (`python -m reviewer`). What it did is read afterwards the way
a user or a script would: `reviewer list --json` and the library's own API once the app has
quit, its log, and window titles; screenshots of each step go to the test's folder for people
to look at. Nothing peeks at Python objects inside the app.

The display is 1600x1000: these tests are about the flows; how the window fits small screens
is what tools/screenshots.py shows (1024x640 and up)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.api import Library
from reviewer.testing.alexa_exports import write_history_json_export
from tests.conftest import REPO
from tests.x11_support import XDisplay, require_x, start_app, wait_for_log, x_display

pytestmark = pytest.mark.slow

SIZE = "1600x1000"
LOG = "logs/reviewer.log"
SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"  # a Google Takeout, 31 clips


def _cli(lib: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(lib), *args],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"reviewer {' '.join(args)}: {done.stderr}"
    return done


def _clips(lib: Path) -> list[dict[str, Any]]:
    return list(json.loads(_cli(lib, "list", "--json").stdout))


def _quit(x: XDisplay, window: str, app: subprocess.Popen[bytes], out: Path) -> None:
    """Ctrl+Q, as a person quits; again if a dialog had the key (never more than a few)."""
    for _attempt in range(4):
        x.key(window, "ctrl+q")
        try:
            code = app.wait(30)
        except subprocess.TimeoutExpired:
            continue
        assert code == 0, out.read_text(errors="replace")
        return
    # What was on the screen instead (a dialog holding the keyboard, say) is what to look at.
    shot = out.with_name("not-quit.png")
    x.screenshot(shot)
    raise AssertionError(f"the app did not quit on Ctrl+Q sent to window {window} "
                         f"({x.focus()}; screen: {shot}):\n"
                         + out.read_text(errors="replace"))


def _stop(app: subprocess.Popen[bytes]) -> None:
    if app.poll() is None:
        app.kill()
        app.wait()


def _ready(x: XDisplay, app: subprocess.Popen[bytes], lib: Path, runs: int = 1) -> str:
    """The app's main window once it takes input (the `runs`-th start on this library)."""
    window = x.main_window(app.pid)
    wait_for_log(lib / LOG, "main window ready", proc=app, count=runs)
    x.wait_active(window)
    return window


def _retry(action: Callable[[], None], done: Callable[[], object], failure: str,
           tries: int = 5) -> object:
    """Do `action` (a key or click meant to open or close a window) until `done()` gives a
    true value, which is returned: an input event sent while openbox is still mapping a
    window can be lost, so the action is sent again after 10 s without the effect."""
    for _attempt in range(tries):
        action()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            result = done()
            if result:
                return result
            time.sleep(0.1)
    raise AssertionError(failure)


def _until_gone(x: XDisplay, title: str, action: Callable[[], None], tries: int = 5) -> None:
    """Do `action` until the window titled `title` has gone."""
    _retry(action, lambda: not x.windows_named(title),
           f"the window {title!r} did not close", tries)


def _until_closed(x: XDisplay, window: str, action: Callable[[], None], tries: int = 5) -> None:
    """Like `_until_gone`, for one window (others may have the same title)."""
    _retry(action,
           lambda: window not in x.xdotool("search", "--onlyvisible", "--name", ".").split(),
           f"window {window} did not close", tries)


def _until_shown(x: XDisplay, title: str, action: Callable[[], None], tries: int = 5) -> str:
    """Do `action` until a window titled `title` shows; that window."""
    def shown() -> str | None:
        found = x.windows_named(title)
        return found[-1] if found else None
    return str(_retry(action, shown, f"no window {title!r} appeared", tries))


def _settled_shot(x: XDisplay, window: str, path: Path) -> None:
    """A screenshot once the app has handled everything sent before: the keyboard-shortcuts
    dialog (F1) opens only after the events queued ahead of it, so its coming and going is a
    barrier; then the screen shows the state those events left."""
    dialog = _until_shown(x, "Keyboard shortcuts", lambda: x.key(window, "F1"))
    _until_gone(x, "Keyboard shortcuts", lambda: x.key(dialog, "Escape"))
    x.screenshot(path)


def _click_table(x: XDisplay, window: str) -> None:
    """Click a row of the clip table: it fills the left middle of the window."""
    width, height = x.size_of(window)
    x.click(window, width // 4, height // 2)


@pytest.fixture(scope="module")
def alexa_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_x()
    root = tmp_path_factory.mktemp("exports")
    return write_history_json_export(root / "alexa", form="zip", records=40).path


@pytest.fixture(scope="module")
def reviewed_library(alexa_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Alexa export imported, transcribed and flagged with the CLI."""
    lib = tmp_path_factory.mktemp("reviewed") / "lib"
    _cli(lib, "import", str(alexa_zip))
    _cli(lib, "transcribe")
    _cli(lib, "flag")
    return lib


def test_import_two_vendors_at_once(alexa_zip: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    out = tmp_path / "app.out"
    with x_display(SIZE) as x:
        # As a file manager's "Open with" passes them: both exports on the command line.
        app = start_app(x, lib, str(alexa_zip), str(SAMPLE), log=out)
        try:
            wait_for_log(lib / LOG, "job import ended", proc=app)
            report = x.named_window("Import report")
            x.screenshot(tmp_path / "import-report.png")
            _until_gone(x, "Import report", lambda: x.key(report, "Escape"))
            window = x.main_window(app.pid)
            _quit(x, window, app, out)
        finally:
            _stop(app)
    vendors = Counter(c["vendor"] for c in _clips(lib))
    assert vendors == {"amazon": 41, "google": 31}, vendors


def test_cancel_leaves_the_work_waiting_and_resume_finishes_it(tmp_path: Path) -> None:
    require_x()
    export = write_history_json_export(tmp_path / "export", form="zip", records=150).path
    lib = tmp_path / "lib"
    _cli(lib, "import", str(export))  # ~100 recordings, not transcribed yet
    out = tmp_path / "app.out"
    with x_display(SIZE) as x:
        app = start_app(x, lib, log=out)
        try:
            window = _ready(x, app, lib)
            # The window transcribes by itself; the status bar's Cancel (its right end,
            # left of the size grip) stops it well before ~100 clips are done (~12 s).
            wait_for_log(lib / LOG, "job transcribe started", proc=app)
            x.click(window, -60, -13)
            wait_for_log(lib / LOG, "job transcribe ended", proc=app)
            # What was transcribed is flagged and its voices found; then nothing runs and
            # the status bar says what waits, with a Resume button.
            wait_for_log(lib / LOG, "job voices ended", proc=app)
            _settled_shot(x, window, tmp_path / "waiting.png")
            with Library.open(lib) as library:  # read beside the running app, as the CLI does
                assert library.has_pending_work(), "Cancel did not stop the transcription"
            # Resume, from the keyboard: Review menu, Up (wraps to the last item), Up again.
            for keys in ("alt+r", "Up", "Up", "Return"):
                x.key(window, keys)
            wait_for_log(lib / LOG, "job transcribe started", proc=app, count=2)
            wait_for_log(lib / LOG, "job transcribe ended", proc=app, count=2,
                         ceiling_s=300)
            wait_for_log(lib / LOG, "job voices ended", proc=app, count=2)
            _settled_shot(x, window, tmp_path / "resumed.png")
            _quit(x, window, app, out)
        finally:
            _stop(app)
    with Library.open(lib) as library:
        assert not library.has_pending_work()
    assert all(c["flagged"] is not None for c in _clips(lib))  # flagged after transcribing


def test_triage_with_undo_touches_only_the_clips_shown(reviewed_library: Path,
                                                       tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(reviewed_library, lib)
    out = tmp_path / "app.out"
    with x_display(SIZE) as x:
        app = start_app(x, lib, log=out)
        try:
            window = _ready(x, app, lib)
            _click_table(x, window)  # one clip selected: X
            x.key(window, "a")  # X accidental; the selection moves on to Y
            x.key(window, "g")  # Y keep; on to Z
            x.key(window, "ctrl+z")  # Y's keep undone, and Y (only Y) selected again
            x.key(window, "r")  # ask the vendor to delete Y
            _settled_shot(x, window, tmp_path / "triage.png")
            _quit(x, window, app, out)
        finally:
            _stop(app)
    clips = _clips(lib)
    accidental = [c for c in clips if c["decision"] == "accidental"]
    asked = [c for c in clips if c["ask_vendor"]]
    assert not [c for c in clips if c["decision"] == "keep"], "the undone keep is back"
    assert len(accidental) == 1, accidental
    # X asks the vendor by default (accidental, from Amazon); R added exactly Y.
    others = [c for c in asked if c["id"] != accidental[0]["id"]]
    assert len(others) == 1 and others[0]["decision"] is None, asked


def test_delete_then_undo(reviewed_library: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(reviewed_library, lib)
    before = {c["id"]: c for c in _clips(lib)}
    out = tmp_path / "app.out"
    with x_display(SIZE) as x:
        app = start_app(x, lib, log=out)
        try:
            window = _ready(x, app, lib)
            _click_table(x, window)
            x.key(window, "Delete")
            dialog = x.named_window("Delete recordings")
            x.screenshot(tmp_path / "delete-dialog.png")
            # Cancel is the default button (Enter must never delete): click "Delete", the
            # button left of Cancel at the dialog's bottom right.
            _until_gone(x, "Delete recordings", lambda: x.click(dialog, -137, -26))
            wait_for_log(lib / LOG, "job delete ended", proc=app)
            _settled_shot(x, window, tmp_path / "deleted.png")  # gone from table and pane
            deleted = {c["id"] for c in _clips(lib)}  # the CLI reads while the app runs
            x.key(window, "ctrl+z")
            wait_for_log(lib / LOG, "job undo ended", proc=app)
            _settled_shot(x, window, tmp_path / "undone.png")
            _quit(x, window, app, out)
        finally:
            _stop(app)
    gone = set(before) - deleted
    assert len(gone) == 1 and deleted <= set(before), gone
    assert {c["id"] for c in _clips(lib)} == set(before)


def test_request_asks_who_signs_before_the_first_letter(reviewed_library: Path,
                                                        tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(reviewed_library, lib)
    out = tmp_path / "app.out"
    with x_display(SIZE) as x:
        app = start_app(x, lib, log=out)
        try:
            window = _ready(x, app, lib)
            _click_table(x, window)
            x.key(window, "r")  # ask the vendor to delete this clip
            x.key(window, "ctrl+shift+r")
            # Under load the server sometimes still held "r" down from that chord, and the
            # "r" of the name typed next was lost ("Eika"): let go of every key first.
            x.xdotool("keyup", "r", "shift", "ctrl")
            requests = x.named_window("Deletion requests")
            x.screenshot(tmp_path / "requests.png")
            # "Create from marked clips" is the first button at the dialog's bottom left.
            prompt = _until_shown(x, "Who is asking?", lambda: x.click(requests, 90, -22))
            x.screenshot(tmp_path / "signer-prompt.png")
            x.type_text(prompt, "Erika Mustermann")  # the name field has the focus
            x.key(prompt, "Tab")
            x.type_text(prompt, "erika@example.org")
            _until_gone(x, "Who is asking?", lambda: x.key(prompt, "Return"))
            # What was drafted is said in a message box of the same title: close it.
            deadline = time.monotonic() + 60
            box = ""
            while not box:
                assert time.monotonic() < deadline, "no message after creating the request"
                others = set(x.windows_named("Deletion requests")) - {requests}
                box = others.pop() if len(others) == 1 else ""
                time.sleep(0.1)
            x.screenshot(tmp_path / "drafted.png")
            _until_closed(x, box, lambda: x.key(box, "Return"))
            _until_closed(x, requests, lambda: x.key(requests, "Escape"))
            _quit(x, window, app, out)
        finally:
            _stop(app)
    listed = _cli(lib, "request", "list").stdout
    assert listed.count("drafted") == 1, listed
    letter = _cli(lib, "request", "show", "1").stdout
    assert "Erika Mustermann" in letter and "erika@example.org" in letter, letter
    assert "[your name]" not in letter
    asked = [c for c in _clips(lib) if c["ask_vendor"]]
    assert len(asked) == 1, asked
