"""Issue 11 item 1: nothing the app runs contacts the network or writes outside its folders.

Judged at the system-call level (strace -f: every process and thread, native code included),
on runs long enough for onnxruntime's telemetry to have acted: it wrote
`~/.cache/Microsoft/DeveloperTools/.onnxruntime/` as soon as Silero VAD loaded and sent its
first DNS query ~7 s later; the transcription here keeps the worker alive 15 s past that point.
HOME and every XDG folder point into the test's own folder, so any write to "the user's home"
lands where the test can see it. ORT_DISABLE_TELEMETRY is deliberately *not* set by the test:
the app must set it itself.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer.resources import sample_export_path
from tests.chaos import syscalls

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(syscalls.STRACE is None,
                       reason="strace is not installed (apt-get install strace): the network "
                              "and outside-writes checks need it"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux-only"),
]

DRIVERS = Path(__file__).with_name("_drivers.py")
HOLD_S = 15  # onnxruntime's telemetry first fired ~7 s after the VAD loaded


@dataclass
class Sandbox:
    root: Path
    home: Path
    data: Path
    trash: Path
    tmp: Path
    cwd: Path
    runtime: Path
    traces: Path
    env: dict[str, str]
    runs: int = 0

    def run(self, *argv: str, allowed: tuple[Path, ...] = ()) -> tuple[str, syscalls.Trace]:
        self.runs += 1
        proc, trace = syscalls.run_traced(
            [sys.executable, *argv], env=self.env, cwd=self.cwd,
            log=self.traces / f"{self.runs:02d}.strace")
        assert proc.returncode == 0, f"{argv} failed:\n{proc.stdout}\n{proc.stderr}"
        assert trace.calls > 200, "strace saw almost nothing: the trace is not working"
        assert trace.contacts == [], f"{argv} contacted the network:\n" + "\n".join(
            trace.contacts[:10])
        outside = trace.writes_outside([self.data, self.trash, *allowed])
        print(f"{' '.join(argv[:4])}: {trace.calls} system calls traced, "
              f"{len(trace.contacts)} non-local connects, {len(outside)} writes outside")
        assert outside == [], f"{argv} wrote outside the data folder and the trash: {outside}"
        return proc.stdout, trace

    def files_left_outside(self) -> list[Path]:
        """Every file or folder in the fake home, temp and working folders that is not the
        data folder, the trash or one of their parents."""
        keep = {self.data, self.trash, *self.trash.parents, *self.data.parents}
        left = []
        for top in (self.home, self.tmp, self.cwd, self.runtime):
            for path in top.rglob("*"):
                if path in keep or self.data in path.parents or self.trash in path.parents:
                    continue
                left.append(path)
        return sorted(left)


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    root = tmp_path / "sandbox"
    home = root / "home"
    box = Sandbox(root=root, home=home, data=root / "library",
                  trash=home / ".local" / "share" / "Trash", tmp=root / "tmp",
                  cwd=root / "cwd", runtime=root / "runtime", traces=tmp_path / "traces",
                  env={})
    for d in (home, box.tmp, box.cwd, box.traces, box.runtime):
        d.mkdir(parents=True, mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("REVIEWER_", "XDG_", "ORT_", "HF_", "QT_"))}
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"), XDG_RUNTIME_DIR=str(box.runtime),
        TMPDIR=str(box.tmp), PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen",
        REVIEWER_DATA_DIR=str(box.data))
    box.env = env
    return box


def test_cli_import_transcribe_flag_delete(sandbox: Sandbox) -> None:
    sandbox.run("-m", "reviewer", "import", str(sample_export_path()))
    out, _ = sandbox.run(str(DRIVERS), "hold-transcribe", str(sandbox.data), str(HOLD_S))
    assert "held" in out
    sandbox.run("-m", "reviewer", "transcribe")  # nothing left: the CLI path, quickly
    sandbox.run("-m", "reviewer", "flag")
    listing, _ = sandbox.run("-m", "reviewer", "list", "--json")
    first = listing.split('"id": ', 1)[1].split(",", 1)[0]
    sandbox.run("-m", "reviewer", "explain", first)
    sandbox.run("-m", "reviewer", "delete", first, "--yes")
    assert any(sandbox.trash.rglob("*")), "the delete went somewhere other than the trash"
    assert sandbox.files_left_outside() == []
    assert not (sandbox.home / ".cache" / "Microsoft").exists()


def test_selftest(sandbox: Sandbox) -> None:
    # The selftest's throw-away library lives in the temp folder and must be gone after.
    out, _ = sandbox.run("-m", "reviewer", "selftest", allowed=(sandbox.tmp,))
    assert sandbox.files_left_outside() == [], out
    assert not (sandbox.home / ".cache" / "Microsoft").exists()


def test_desktop_app_background_job(sandbox: Sandbox) -> None:
    sandbox.run("-m", "reviewer", "import", str(sample_export_path()))
    # The one exception, the desktop session's own: Qt Multimedia's PulseAudio client keeps
    # its runtime state (and, on some systems, a cookie in ~/.config/pulse) as every sound
    # program on the desktop does. It is not the app's data and holds nothing of it.
    pulse = (sandbox.runtime / "pulse", sandbox.home / ".config" / "pulse")
    out, _ = sandbox.run(str(DRIVERS), "gui-job", str(sandbox.data), "10", allowed=pulse)
    assert "gui job done" in out
    left = [p for p in sandbox.files_left_outside()
            if not any(p == q or q in p.parents or p in q.parents for q in pulse)]
    assert left == []
    assert not (sandbox.home / ".cache" / "Microsoft").exists()
