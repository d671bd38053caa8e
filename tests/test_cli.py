"""The real command line, run as a subprocess: `python -m reviewer --data-dir DIR ...`.

One library is built once for the module (sample import, re-import, a Home Assistant import)
and read by the list/info tests; user errors each get a fresh data dir and run in parallel.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reviewer.testing.folder_exports import (
    DEFAULT_DEVICE_ID,
    make_ha_runs,
    write_ha_debug_recordings,
)
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
STABLE_KEYS = {"id", "vendor", "vendor_id", "source", "recorded_at", "device", "duration_s",
               "vendor_transcript", "status", "score", "flagged"}
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [ln for ln in self.err.splitlines() if ln.startswith("reviewer: error: ")]


def _env(base: Path) -> dict[str, str]:
    """The user's environment, minus anything that could point at a real library."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWER_", "XDG_"))}
    env.update(REVIEWER_DATA_DIR=str(base / "env-library"), HOME=str(base / "home"),
               XDG_DATA_HOME=str(base / "xdg"), HF_HUB_OFFLINE="1")
    return env


def _argv(data_dir: Path | None, args: tuple[str, ...]) -> list[str]:
    where = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return [sys.executable, "-m", "reviewer", *where, *args]


def cli(data_dir: Path | None, *args: str, env: dict[str, str]) -> Run:
    p = subprocess.run(_argv(data_dir, args), capture_output=True, text=True, env=env,
                       cwd=REPO, timeout=120)
    return Run(p.returncode, p.stdout, p.stderr)


def parallel(commands: list[tuple[Path | None, tuple[str, ...]]],
             env: dict[str, str]) -> list[Run]:
    procs = [subprocess.Popen(_argv(d, a), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=REPO) for d, a in commands]
    runs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        runs.append(Run(p.returncode, out, err))
    return runs


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.out + run.err
    assert "Exception ignored" not in run.err


@dataclass
class Built:
    base: Path
    data_dir: Path
    env: dict[str, str]
    first: Run
    second: Run
    ha: Run
    ha_dir: Path
    report_file: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("cli")
    env = _env(base)
    data_dir = base / "profiles" / "test library"
    report_file = base / "report.json"
    ha_dir = write_ha_debug_recordings(base / "assist_pipeline", make_ha_runs(2))
    assert not data_dir.exists()
    first = cli(data_dir, "import", str(SAMPLE), "--json", str(report_file), env=env)
    second = cli(data_dir, "import", str(SAMPLE), env=env)
    ha = cli(data_dir, "import", str(ha_dir), env=env)
    return Built(base, data_dir, env, first, second, ha, ha_dir, report_file)


def list_json(b: Built, *args: str) -> list[dict[str, Any]]:
    run = cli(b.data_dir, "list", "--json", *args, env=b.env)
    assert run.code == 0, run.err
    assert_no_traceback(run)
    data = json.loads(run.out)
    assert isinstance(data, list)
    return data


# ---------------------------------------------------------------------------------------------


def test_no_arguments_prints_help(tmp_path: Path) -> None:
    if importlib.util.find_spec("reviewer.ui") and importlib.util.find_spec("reviewer.ui.app"):
        pytest.skip("with reviewer.ui.app present, no arguments opens the desktop app")
    run = cli(None, env=_env(tmp_path))
    assert run.code == 0
    assert run.out.startswith("usage: reviewer ")
    for command in ("import", "list", "info", "--data-dir"):
        assert command in run.out
    assert run.err == ""
    assert not (tmp_path / "env-library").exists()  # help alone creates no library


def test_a_path_instead_of_a_command(tmp_path: Path) -> None:
    """`reviewer EXPORT...` opens the app on it (tested on a real display in test_ui_x11); a
    path that is not there is named, and a mistyped command is still "invalid choice"."""
    from reviewer.cli import _paths_to_open, build_parser

    parser = build_parser()
    export = tmp_path / "Alexa.zip"
    export.write_bytes(b"PK")
    assert _paths_to_open([str(export)], parser) == ([], [export])
    assert _paths_to_open(["--data-dir", "L", "--", str(export)], parser) == (
        ["--data-dir", "L"], [export])
    assert _paths_to_open(["import", str(export)], parser) is None
    assert _paths_to_open(["--version"], parser) is None
    missing = cli(None, str(tmp_path / "gone.zip"), env=_env(tmp_path))
    assert missing.code == 2 and "gone.zip: no such file or folder" in missing.err
    typo = cli(None, "improt", env=_env(tmp_path))
    assert typo.code == 2 and "invalid choice: 'improt'" in typo.err
    assert_no_traceback(missing)


def test_import_prints_the_report(built: Built) -> None:
    assert built.first.code == 0, built.first.err
    assert_no_traceback(built.first)
    assert built.first.out == (
        "Format: Google Takeout (detected)\n"
        f"  read: {SAMPLE}\n"
        "Clips found: 31\n"
        "  new in the library: 31\n"
        "  already in the library: 0\n"
        "  without audio (vendor record only): 1\n"
        "  with audio: 30\n")
    # Progress goes to stderr, never mixed into the report.
    assert "Importing clips" in built.first.err


def test_second_import_finds_everything_already_there(built: Built) -> None:
    assert built.second.code == 0, built.second.err
    assert_no_traceback(built.second)
    # The same file again: merged into the first import (one library row), said plainly.
    out = re.sub(r"before \(\d{4}-\d\d-\d\d \d\d:\d\d\)", "before (DATE)", built.second.out)
    assert out == (
        "Format: Google Takeout (detected)\n"
        f"  read: {SAMPLE}\n"
        "Clips found: 31\n"
        "  new in the library: 0\n"
        "  already in the library: 31\n"
        "You imported this export before (DATE) \u2014 nothing new\n"
        "  with audio: 30\n")


def test_json_report_file(built: Built) -> None:
    report = json.loads(built.report_file.read_text(encoding="utf-8"))
    assert report == {"exports": [{
        "import_id": 1, "format": "google", "format_forced": False, "sources": [str(SAMPLE)],
        "detection_scores": {"google": 95, "amazon": 0, "folder": 30}, "records_found": 31,
        "clips_new": 31, "clips_existing": 0, "clips_without_audio": 1, "audio_errors": 0,
        "audio_added": 0, "clips_with_audio": 30, "devices": [], "times_approximate": 0,
        "times_unknown": 0, "devices_registered": 0, "problems": [], "problems_total": 0,
        "left_out": {}, "cancelled": False, "resumed": False, "repeat_of": None}],
        "failures": [], "cancelled": False}


def test_data_dir_is_private_and_the_option_wins(built: Built) -> None:
    assert stat.S_IMODE(built.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((built.data_dir / "audio").stat().st_mode) == 0o700
    assert (built.data_dir / "library.sqlite3").is_file()
    assert not (built.base / "env-library").exists()  # --data-dir beats REVIEWER_DATA_DIR


def test_list_json_has_stable_keys_and_utc_times(built: Built) -> None:
    assert built.ha.code == 0, built.ha.err
    clips = list_json(built)
    assert len(clips) == 31 + 4
    for c in clips:
        assert set(c) >= STABLE_KEYS
        assert isinstance(c["recorded_at"], str) and ISO_Z.match(c["recorded_at"])
    assert [c["id"] for c in clips if c["vendor"] == "google"] == list(range(1, 32))
    times = [c["recorded_at"] for c in clips]
    assert times == sorted(times)
    first = next(c for c in clips if c["vendor_id"] == "2024-03-04_15_12_33_771_UTC.mp3")
    assert {k: first[k] for k in STABLE_KEYS - {"duration_s"}} == {
        "id": 1, "vendor": "google", "vendor_id": "2024-03-04_15_12_33_771_UTC.mp3",
        "source": "Takeout/My Activity/Assistant/2024-03-04_15_12_33_771_UTC.mp3",
        "recorded_at": "2024-03-04T15:12:31.418Z", "device": None,
        "vendor_transcript": "Said what's the weather tomorrow", "status": "ready",
        "score": None, "flagged": None}
    assert first["duration_s"] == pytest.approx(3.33, abs=0.05)
    [phone] = [c for c in clips if c["status"] == "no_audio"]
    assert (phone["vendor_transcript"], phone["duration_s"], phone["recorded_at"]) == (
        "Said what time is it", None, "2024-03-05T15:30:02.951Z")


def test_list_since_until_by_date_until_inclusive(built: Built) -> None:
    clips = list_json(built, "--since", "2024-03-19", "--until", "2024-03-19")
    assert [c["recorded_at"] for c in clips] == [
        # The 2 AM burst (Pacific); the sample's next clip is on 20 March at 14:05 UTC.
        "2024-03-19T09:13:05.452Z", "2024-03-19T09:14:41.018Z", "2024-03-19T09:15:58.733Z",
        "2024-03-19T09:17:20.264Z", "2024-03-19T09:18:47.590Z"]


def test_list_by_device(built: Built) -> None:
    clips = list_json(built, "--device", DEFAULT_DEVICE_ID)
    assert len(clips) == 4
    assert {c["device"] for c in clips} == {DEFAULT_DEVICE_ID}
    assert {c["vendor"] for c in clips} == {"folder"}


def test_info_shows_path_and_every_import(built: Built) -> None:
    run = cli(built.data_dir, "info", env=built.env)
    assert run.code == 0, run.err
    assert_no_traceback(run)
    lines = run.out.splitlines()
    assert lines[0] == f"Library: {built.data_dir}"
    assert lines[1].startswith(f"Database: {built.data_dir / 'library.sqlite3'} (")
    assert lines[3] == "Clips: 35 (0 flagged, flagging not run yet)"
    assert lines[4:] == [
        "  #1 takeout-sample.zip [google, complete] 31 clips (30 with audio), "
        "2024-03-04 to 2024-03-25",
        # (importing the sample again was merged into #1: one row per export)
        f"  #2 {built.ha_dir.name} [folder, complete] 4 clips (4 with audio), "
        f"2024-02-10 to 2024-02-10, devices: {DEFAULT_DEVICE_ID}",
    ]


def test_a_closed_pipe_ends_quietly(built: Built) -> None:
    """`reviewer list | head -1`: no traceback when the reader goes away."""
    p = subprocess.Popen(_argv(built.data_dir, ("list",)), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=built.env, cwd=REPO)
    assert p.stdout is not None
    p.stdout.close()
    _out, err = p.communicate(timeout=120)
    assert_no_traceback(Run(p.returncode, "", err))
    assert p.returncode in (0, 1)


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    env = _env(tmp_path)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("these are my notes, not an export\n")
    corrupt = tmp_path / "takeout-20240101T000000Z-001.zip"
    corrupt.write_bytes(SAMPLE.read_bytes()[:5000])  # an interrupted download
    missing = tmp_path / "nowhere" / "takeout.zip"
    cases = {
        "missing": ("import", str(missing)),
        "text": ("import", str(text_file)),
        "corrupt": ("import", str(corrupt)),
        "format": ("import", "--format", "bogus", str(SAMPLE)),
        "since": ("list", "--since", "last tuesday"),
    }
    dirs = {name: tmp_path / f"lib-{name}" for name in cases}
    runs = dict(zip(cases, parallel([(dirs[n], a) for n, a in cases.items()], env),
                    strict=True))

    for name, run in runs.items():
        assert run.code != 0, name
        assert_no_traceback(run)
        assert len(run.error_lines) == 1, (name, run.err)
        assert run.out == "", name
    assert runs["missing"].error_lines == [f"reviewer: error: {missing}: no such file or folder"]
    assert runs["text"].error_lines == [
        f"reviewer: error: {text_file}: no voice history found. This does not look like a "
        "Google Takeout (My Activity > Assistant), an Amazon Alexa data export, or a folder "
        "of recordings."]
    [corrupt_line] = runs["corrupt"].error_lines
    assert corrupt_line.startswith(f"reviewer: error: {corrupt}: not a readable zip archive (")
    assert corrupt_line.endswith("); it may be incomplete or damaged")
    assert runs["format"].code == 2
    assert runs["format"].error_lines == [
        "reviewer: error: argument --format: invalid choice: 'bogus' (choose from 'alexa', "
        "'amazon', 'folder', 'google', 'takeout')"]
    assert runs["since"].error_lines == [
        "reviewer: error: --since 'last tuesday' is not a date (use e.g. 2024-01-31 or "
        "2024-01-31T18:00:00Z)"]
    # Errors after the library opened leave it private and empty of imports.
    for name in ("missing", "text", "corrupt", "since"):
        assert stat.S_IMODE(dirs[name].stat().st_mode) == 0o700
    assert not dirs["format"].exists()  # a usage error stops before anything is created
