"""Smoke tests of the export builders in reviewer.testing (the importers have their own tests)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewer.core.audio.formats import sniff_audio
from reviewer.core.importers.timestamps import parse_timestamp, time_from_filename
from reviewer.testing.folder_exports import (
    default_recordings,
    make_ha_runs,
    write_folder,
    write_ha_debug_recordings,
)
from reviewer.testing.google_exports import (
    HOTWORD,
    SPEECH_DIR,
    AssistantEntry,
    google_audio_name,
    make_entries,
    said,
    speech_clips,
    tiny_mp3,
    write_takeout,
)

ROOT = Path(__file__).resolve().parents[1]
JSON_PATH = "Takeout/My Activity/Assistant/MyActivity.json"


@pytest.fixture(scope="module")
def entries() -> list[AssistantEntry]:
    base = make_entries(12, seed=3)
    # One hand-made entry with every optional field, to check each is written.
    base.append(AssistantEntry(
        time=datetime(2024, 3, 1, 9, 30, 15, 250_000, tzinfo=UTC),
        title=said("what's the weather & more"), audio=tiny_mp3(999, "hand"),
        details=[HOTWORD], replies=["It's sunny.", ""], location=(45.5, -122.6)))
    return base


def _when(text: str) -> datetime:
    parsed = parse_timestamp(text)
    assert parsed is not None, text
    return parsed[0]


def _load_json(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _referenced(data: list[dict[str, list[str]]]) -> set[str]:
    """Paths inside the export of every mp3 the JSON names."""
    return {f"Takeout/My Activity/Assistant/{n}" for e in data for n in e.get("audioFiles", [])}


def _zip_names(paths: list[Path]) -> dict[str, Path]:
    return {name: p for p in paths for name in zipfile.ZipFile(p).namelist()}


def test_json_folder_has_realistic_entries(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    [root] = write_takeout(tmp_path, entries)
    assert re.fullmatch(r"takeout-\d{8}T\d{6}Z-001", root.name)
    index = root / JSON_PATH
    raw = index.read_text(encoding="utf-8")
    assert raw.startswith("[{\n") and "\\u003d" in raw  # Gson's layout and escapes
    data = _load_json(index)
    assert len(data) == len(entries)
    times = [_when(str(e["time"])) for e in data]
    assert times == sorted(times, reverse=True)  # newest first
    full = next(e for e in data if "&" in str(e["title"]))
    assert full["titleUrl"] == "https://www.google.com/search?q=what%27s+the+weather+%26+more"
    assert full["details"] == [{"name": HOTWORD}]
    assert full["subtitles"] == [{"name": "It's sunny."}, {}]
    assert full["locationInfos"] == [{
        "name": "At this general area", "source": "From your device",
        "url": "https://www.google.com/maps/@?api=1&map_action=map&center=45.500000,-122.600000"
               "&zoom=12"}]
    assert full["time"] == "2024-03-01T09:30:15.250Z"
    for entry in data:
        assert entry["header"] == "Assistant" and entry["products"] == ["Assistant"]
        audio_files = entry.get("audioFiles", [])
        assert isinstance(audio_files, list)
        for name in audio_files:
            mp3 = index.parent / name
            assert sniff_audio(mp3.read_bytes()[:64]) == ".mp3"
            from_name = time_from_filename(name)
            assert from_name is not None
            gap = abs(from_name[0] - _when(str(entry["time"])))
            assert timedelta(milliseconds=200) <= gap <= timedelta(seconds=3)


def test_some_entries_have_no_audio() -> None:
    many = make_entries(200, seed=1)
    assert any(e.audio is None for e in many)
    assert any(e.title in ("Google Assistant", "Unknown voice command") for e in many)


def test_single_zip(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    [zip_path] = write_takeout(tmp_path, entries, as_zip=True)
    assert zip_path.suffix == ".zip"
    names = zipfile.ZipFile(zip_path).namelist()
    assert JSON_PATH in names
    assert sum(n.endswith(".mp3") for n in names) == sum(e.audio is not None for e in entries)


def test_multi_part_zip_splits_index_from_audio(tmp_path: Path,
                                                 entries: list[AssistantEntry]) -> None:
    paths = write_takeout(tmp_path, entries, as_zip=True, parts=3)
    assert [p.name[-8:] for p in paths] == ["-001.zip", "-002.zip", "-003.zip"]
    where = _zip_names(paths)
    data = json.loads(zipfile.ZipFile(where[JSON_PATH]).read(JSON_PATH))
    referenced = _referenced(data)
    assert referenced <= set(where)
    assert {where[n] for n in referenced} - {where[JSON_PATH]}  # some audio in another part


def test_multi_part_folders(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    roots = write_takeout(tmp_path, entries, parts=2)
    assert len(roots) == 2 and all(r.is_dir() for r in roots)
    assert sum((r / JSON_PATH).exists() for r in roots) == 1


def test_html_layout(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    [root] = write_takeout(tmp_path, entries, layout="html")
    page = (root / "Takeout/My Activity/Assistant/MyActivity.html").read_text(encoding="utf-8")
    cell = 'class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"'
    assert page.count(cell) == len(entries)
    assert "Said&nbsp;<a href=" in page and "&emsp;Started by hotword<br>" in page
    sources = re.findall(r'<source src="([^"]+)">', page)
    assert sources and all((root / "Takeout/My Activity/Assistant" / s).exists() for s in sources)
    dates = re.findall(r"<br>([A-Z][a-z]{2} \d{1,2}, \d{4}, [^<]+ [AP]M [A-Z]{3})<br>", page)
    parsed = {_when(d) for d in dates}
    assert parsed == {e.time.replace(microsecond=0) for e in entries}


def test_german_layout(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    [zip_path] = write_takeout(tmp_path, entries, locale="de", as_zip=True)
    german = "Takeout/Meine Aktivitäten/Assistant/MeineAktivitäten.json"
    assert german in zipfile.ZipFile(zip_path).namelist()
    [root] = write_takeout(tmp_path / "html", entries, locale="de", layout="html")
    page = (root / "Takeout/Meine Aktivitäten/Assistant/MeineAktivitäten.html").read_text("utf-8")
    assert "<b>Produkte:</b>" in page and re.search(r"\d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d ME", page)


def test_voice_and_audio_folder(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    [root] = write_takeout(tmp_path, entries, folder="Voice and Audio")
    assert len(_load_json(root / "Takeout/My Activity/Voice and Audio/MyActivity.json")) == len(
        entries)


def test_orphan_audio(tmp_path: Path, entries: list[AssistantEntry]) -> None:
    orphan = google_audio_name(datetime(2023, 5, 1, 12, 0, 0, 123_000, tzinfo=UTC))
    [root] = write_takeout(tmp_path, entries, orphans=[(orphan, tiny_mp3(5000))])
    folder = root / "Takeout/My Activity/Assistant"
    assert (folder / orphan).exists()
    assert orphan not in (folder / "MyActivity.json").read_text(encoding="utf-8")


def test_bulk_entries_are_unique_and_deterministic() -> None:
    first = make_entries(2000, seed=7)
    assert [e.title for e in first] == [e.title for e in make_entries(2000, seed=7)]
    audio = [e.audio for e in first if e.audio is not None]
    assert len({hashlib.sha256(a).digest() for a in audio}) == len(audio)
    names = [e.file_name for e in first if e.file_name]
    assert len(set(names)) == len(names)


def test_plain_folder_and_zip(tmp_path: Path) -> None:
    recordings = default_recordings()
    root = write_folder(tmp_path, recordings)
    for rec in recordings:
        path = root / rec.name
        assert sniff_audio(path.read_bytes()[:64]) is not None
        assert rec.mtime is not None and path.stat().st_mtime == rec.mtime.timestamp()
    assert {"kitchen 3.m4a", "2024-01-05_21-30-00.wav"} <= {r.name for r in recordings}
    zip_path = write_folder(tmp_path, recordings, as_zip=True)
    assert sorted(zipfile.ZipFile(zip_path).namelist()) == sorted(r.name for r in recordings)


@pytest.mark.parametrize("device_id", ["4c0b1a2e9d7f4b3c8e6a5d2f1b0c9e8a", None])
def test_home_assistant_layout(tmp_path: Path, device_id: str | None) -> None:
    root = write_ha_debug_recordings(tmp_path, make_ha_runs(3, device_id=device_id))
    wakes = sorted(root.rglob("00_wake-*.wav"))
    assert len(wakes) == 3
    for wake in wakes:
        rel = wake.relative_to(root).parts
        assert rel[-3] == "Home Assistant" and rel[-2].isdigit()
        assert len(rel) == (4 if device_id else 3)
        assert (wake.parent / "01_stt-stt.faster_whisper.wav").exists()
    old = write_ha_debug_recordings(tmp_path / "old", make_ha_runs(1), stt_engine=None)
    assert len(list(old.rglob("01_stt.wav"))) == 1


def test_speech_assets_are_complete_and_small() -> None:
    clips = speech_clips()
    kinds = [c.kind for c in clips]
    assert kinds.count("command") >= 8 and kinds.count("overheard") >= 6
    assert kinds.count("wake_only") >= 3
    assert all(c.path.exists() for c in clips)
    assert sum(p.stat().st_size for p in SPEECH_DIR.iterdir()) < 1024 * 1024


def test_bundled_sample_export_parses() -> None:
    sample = ROOT / "resources/sample/takeout-sample.zip"
    with zipfile.ZipFile(sample) as zf:
        data = json.loads(zf.read(JSON_PATH))
        names = set(zf.namelist())
    assert 25 <= len(data) <= 40
    assert any(e["title"] == "Said send a message to Anna" for e in data)
    referenced = _referenced(data)
    assert referenced <= names
