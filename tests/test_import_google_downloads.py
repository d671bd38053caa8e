"""Google Takeout downloads as users really get them, through `reviewer import` and
`reviewer list --json`: .tgz and segmented multi-part downloads, legacy HTML that does not link
its mp3s, a full My Activity download, zone labels, and damaged activity files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.testing import google_exports as gx
from reviewer.testing.google_exports import AssistantEntry, said, tiny_mp3

EXPORT_TIME = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
T0 = datetime(2024, 3, 1, 9, 30, 15, 250_000, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def import_and_list(capsys: pytest.CaptureFixture[str], data_dir: Path,
                    paths: Sequence[Path]) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """`reviewer import --json FILE PATHS...` then `reviewer list --json`."""
    report_file = data_dir.parent / f"{data_dir.name}-report.json"
    code, out, err = run(capsys, data_dir, "import", *map(str, paths), "--json",
                         str(report_file))
    assert code == 0, err
    assert "Traceback" not in out + err
    code, listed, err = run(capsys, data_dir, "list", "--json")
    assert code == 0, err
    return out, json.loads(listed), json.loads(report_file.read_text(encoding="utf-8"))


def utc(clip: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(clip["recorded_at"].replace("Z", "+00:00"))


def commands(n: int, tag: str) -> list[AssistantEntry]:
    return [AssistantEntry(time=T0 + timedelta(hours=7 * i, milliseconds=41 * i),
                           title=said(f"{tag} command {i}"), audio=tiny_mp3(i, tag))
            for i in range(n)]


def assert_clips_match(clips: list[dict[str, Any]], entries: list[AssistantEntry]) -> None:
    """Exactly one clip per entry, with its title, its audio and its UTC time."""
    assert len(clips) == len(entries)
    by_title = {c["vendor_transcript"]: c for c in clips}
    assert len(by_title) == len(clips)
    for e in entries:
        clip = by_title[e.title]
        assert e.audio is not None
        assert clip["status"] == "ready" and clip["audio_sha256"] == gx_sha(e.audio)
        assert clip["vendor_id"] == e.file_name
        assert abs(utc(clip) - e.time) <= timedelta(seconds=1)


def gx_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# .tgz and segmented multi-part downloads (issue 12, items 2 and 6)


@pytest.mark.parametrize(("archive", "segmented"), [("tgz", False), ("tar.gz", False),
                                                    ("tgz", True), ("zip", True)])
def test_multi_part_download_given_one_part(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            archive: str, segmented: bool) -> None:
    entries = commands(9, "parts")
    paths = gx.write_takeout(tmp_path / "dl", entries, as_zip=True, parts=4, archive=archive,
                             segmented=segmented, export_time=EXPORT_TIME)
    if segmented:
        assert [p.name[-len(archive) - 7:] for p in paths] == [
            f"-1-001.{archive}", f"-1-002.{archive}", f"-2-001.{archive}",
            f"-2-002.{archive}"]

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [paths[2]])

    assert report["sources"] == [str(p) for p in paths]
    assert report["problems"] == []
    assert "Format: Google Takeout (detected)" in out
    assert "new in the library: 9" in out
    assert_clips_match(clips, entries)
    assert all(c["time_approximate"] is False for c in clips)


def test_a_truncated_tgz_part_imports_the_rest_and_names_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = commands(6, "cut")
    paths = gx.write_takeout(tmp_path / "dl", entries, as_zip=True, parts=3, archive="tgz",
                             export_time=EXPORT_TIME)
    paths[0].write_bytes(paths[0].read_bytes()[:20])  # the first part's download broke off

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [paths[2]])

    [problem] = [p for p in report["problems"] if p["where"] == str(paths[0])]
    assert "Download this part again" in problem["reason"]
    assert f"{paths[0]}: " in out and "Download this part again" in out
    # Every entry is kept; those whose mp3 was in the broken part have no audio.
    assert len(clips) == 6
    assert {c["vendor_transcript"] for c in clips} == {e.title for e in entries}
    assert any(c["status"] == "no_audio" for c in clips)
    assert any(c["status"] == "ready" for c in clips)
