"""Google Takeout imports, through `Library.import_export` and `Library.clips` as a user's would.

Every layout `reviewer.testing.google_exports` builds: JSON in a zip or a folder, the
`Voice and Audio` folder, German names, the legacy HTML, multi-part downloads, orphan audio,
and the broken variants (missing, non-audio or corrupt mp3s, truncated or UTF-16 JSON).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import random
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytest

from reviewer.core.importers.pipeline import ImportReport
from reviewer.core.importers.records import Problem
from reviewer.core.importers.timestamps import local_to_utc
from reviewer.core.library import ClipQuery, Library
from reviewer.core.store import Clip
from reviewer.testing import google_exports as gx
from reviewer.testing.google_exports import (
    CONTENTLESS_TITLES,
    HOTWORD,
    UNRECOGNIZED_SPEAKER,
    AssistantEntry,
    Locale,
    said,
    tiny_mp3,
)
from tests.conftest import REPO, tree_hashes

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
EXPORT_TIME = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
T0 = datetime(2024, 3, 1, 9, 30, 15, 250_000, tzinfo=UTC)
SCORES = {"google": 95, "amazon": 0, "folder": 30}


def entries() -> list[AssistantEntry]:
    """Five entries, oldest first: every kind of title, detail and reply, one without audio."""
    return [
        AssistantEntry(time=T0, title=said("what's the weather & more"), audio=tiny_mp3(1, "g"),
                       details=[HOTWORD], replies=["It's sunny.", ""]),
        AssistantEntry(time=T0 + timedelta(hours=3, seconds=7, milliseconds=5),
                       title=CONTENTLESS_TITLES[0], audio=tiny_mp3(2, "g"),
                       details=[HOTWORD, UNRECOGNIZED_SPEAKER]),
        AssistantEntry(time=T0 + timedelta(days=1), title=said("what time is it"),
                       replies=["It's 7:30."]),
        AssistantEntry(time=T0 + timedelta(days=1, hours=5, milliseconds=999),
                       title=CONTENTLESS_TITLES[1], audio=tiny_mp3(3, "g")),
        AssistantEntry(time=T0 + timedelta(days=2, minutes=1), audio=tiny_mp3(4, "g"),
                       title=said("set volume = 5 <loud> & 'clear'"), details=[HOTWORD],
                       replies=["", "Volume set to 5."]),
    ]


def do_import(library: Library, paths: Sequence[Path],
              forced: str | None = None) -> tuple[ImportReport, list[Clip]]:
    """Import and list back, proving along the way that the export was not touched."""
    before = {str(p): tree_hashes(p) for p in paths}
    report = library.import_export(list(paths), forced)
    assert {str(p): tree_hashes(p) for p in paths} == before
    return report, library.clips(ClipQuery(import_id=report.import_id))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def name_time(name: str) -> datetime:
    """The UTC time in Google's `2024-03-01_09_30_12_770_UTC.mp3`."""
    stamp = datetime.strptime(name[:23], "%Y-%m-%d_%H_%M_%S_%f")
    return stamp.replace(tzinfo=UTC)


def assert_audio(library: Library, clip: Clip, data: bytes) -> None:
    """The library holds exactly the export's bytes, under their SHA-256."""
    assert clip.audio_sha256 == sha(data)
    assert clip.audio_size == len(data)
    assert clip.audio_format == "mp3"
    assert clip.audio_path == f"audio/{sha(data)[:2]}/{sha(data)}.mp3"
    stored = library.audio_path(clip)
    assert stored is not None and stored.read_bytes() == data


def by_transcript(clips: list[Clip]) -> dict[str | None, Clip]:
    got = {c.vendor_transcript: c for c in clips}
    assert len(got) == len(clips)
    return got


def rebuild(dest: Path, files: list[tuple[str, bytes]]) -> Path:
    return gx.write_zip(dest, files, EXPORT_TIME)


# ---------------------------------------------------------------------------------------------
# JSON layouts


JSON_LAYOUTS: dict[str, dict[str, Any]] = {
    "zip": dict(as_zip=True),
    "folder": {},
    "voice_and_audio": dict(folder="Voice and Audio"),
    "german": dict(locale="de"),
    "german_zip": dict(locale="de", as_zip=True),
}


@pytest.mark.parametrize("layout", list(JSON_LAYOUTS))
def test_json_layouts(tmp_path: Path, library: Library, layout: str) -> None:
    kwargs = JSON_LAYOUTS[layout]
    paths = gx.write_takeout(tmp_path, entries(), export_time=EXPORT_TIME, **kwargs)
    base = gx.activity_dir(kwargs.get("locale", "en"), kwargs.get("folder", "Assistant"))
    index = f"{base}/{gx.activity_file_name(kwargs.get('locale', 'en'))}"
    if layout.startswith("german"):
        assert index == "Takeout/Meine Aktivitäten/Assistant/MeineAktivitäten.json"

    report, clips = do_import(library, paths)

    assert report.format == "google" and report.format_forced is False
    assert report.detection_scores == SCORES
    assert (report.records_found, report.clips_new, report.clips_existing) == (5, 5, 0)
    assert (report.clips_without_audio, report.audio_errors) == (1, 0)
    assert report.problems == []
    assert report.sources == [str(p) for p in paths]
    built = entries()
    assert len(clips) == len(built)
    # Oldest first; the JSON is newest first, so entry numbers count down.
    for n, (clip, entry) in enumerate(zip(clips, built, strict=True)):
        assert clip.vendor == "google"
        assert clip.recorded_at == entry.time  # the entry's time, to the millisecond
        assert clip.recorded_at.tzinfo is UTC
        assert clip.recorded_at_text == gx.google_time(entry.time)
        assert clip.time_approximate is False
        assert clip.vendor_transcript == entry.title
        assert clip.record_path == f"{index}#entry={len(built) - n}"
        assert clip.device is None and clip.account is None
        assert clip.vendor_extra["layout"] == "json"
        if entry.audio is None:
            assert clip.status == "no_audio"
            assert clip.source_path == clip.record_path
            assert clip.vendor_id is None
            assert clip.audio_path is None and clip.audio_sha256 is None
            assert clip.duration_s is None
        else:
            assert clip.status == "ready" and clip.status_detail is None
            assert clip.vendor_id == entry.file_name
            assert clip.source_path == f"{base}/{entry.file_name}"
            assert clip.duration_s == pytest.approx(0.3, abs=0.03)
            assert_audio(library, clip, entry.audio)
    [summary] = library.info().imports
    assert (summary.format, summary.status, summary.clips, summary.with_audio) == (
        "google", "complete", 5, 4)
    assert summary.label == paths[0].name


def test_details_replies_and_titles_are_kept_verbatim(tmp_path: Path, library: Library) -> None:
    [root] = gx.write_takeout(tmp_path, entries(), export_time=EXPORT_TIME)
    raw = (root / "Takeout/My Activity/Assistant/MyActivity.json").read_text(encoding="utf-8")
    assert "\\u0026" in raw and "\\u003d" in raw and "\\u003c" in raw  # Gson's escapes

    _report, clips = do_import(library, [root])
    got = by_transcript(clips)

    weather = got["Said what's the weather & more"]
    assert weather.vendor_extra["details"] == [HOTWORD]
    # The empty `{}` subtitle is no reply, but the entry keeps it as exported.
    assert weather.vendor_extra["replies"] == ["It's sunny."]
    assert weather.vendor_extra["entry"]["subtitles"] == [{"name": "It's sunny."}, {}]
    assert weather.vendor_extra["entry"]["titleUrl"] == gx.search_url("what's the weather & more")
    assert weather.vendor_extra["entry"]["products"] == ["Assistant"]
    assert weather.identifiers == {"audio_file": weather.vendor_id,
                                   "time": gx.google_time(T0),
                                   "title": "Said what's the weather & more"}

    contentless = got["Google Assistant"]
    assert contentless.vendor_extra["details"] == [HOTWORD, UNRECOGNIZED_SPEAKER]
    assert contentless.vendor_extra["replies"] == []
    assert "subtitles" not in contentless.vendor_extra["entry"]

    unknown = got["Unknown voice command"]
    assert unknown.vendor_extra["details"] == []
    assert unknown.status == "ready"

    volume = got["Said set volume = 5 <loud> & 'clear'"]
    assert volume.vendor_extra["replies"] == ["Volume set to 5."]
    assert volume.vendor_extra["entry"]["subtitles"] == [{}, {"name": "Volume set to 5."}]

    no_audio = got["Said what time is it"]
    assert no_audio.status == "no_audio"
    assert no_audio.vendor_extra["replies"] == ["It's 7:30."]
    assert no_audio.vendor_extra["details"] == []
    json.dumps([c.vendor_extra for c in clips])


# ---------------------------------------------------------------------------------------------
# Legacy HTML


# (locale, the exporter's zone, zone written after the time, U+202F before AM/PM)
HTML_LAYOUTS: dict[str, tuple[Locale, str, bool, bool]] = {
    "en_pacific": ("en", "America/Los_Angeles", True, False),
    "en_narrow_space_london": ("en", "Europe/London", True, True),
    "de_berlin": ("de", "Europe/Berlin", True, False),
    "en_without_zone": ("en", "America/Los_Angeles", False, False),
}


@pytest.mark.parametrize("layout", list(HTML_LAYOUTS))
def test_legacy_html(tmp_path: Path, library: Library, layout: str) -> None:
    locale, zone_name, with_zone, narrow = HTML_LAYOUTS[layout]
    paths = gx.write_takeout(tmp_path, entries(), layout="html", locale=locale,
                             html_zone=zone_name, html_with_zone=with_zone,
                             html_narrow_space=narrow, export_time=EXPORT_TIME, as_zip=True)
    base = gx.activity_dir(locale)
    index = f"{base}/{gx.activity_file_name(locale, 'html')}"
    zone = ZoneInfo(zone_name)

    report, clips = do_import(library, paths)

    assert report.format == "google" and report.detection_scores == SCORES
    assert report.problems == []
    assert (report.clips_new, report.clips_without_audio) == (5, 1)
    built = entries()
    got = by_transcript(clips)
    for n, entry in enumerate(sorted(built, key=lambda e: e.time, reverse=True), start=1):
        clip = got[entry.title]
        assert clip.record_path == f"{index}#entry={n}"
        assert clip.recorded_at_text == gx.html_time(entry.time, locale, zone, with_zone, narrow)
        assert clip.vendor_extra["layout"] == "html"
        assert clip.vendor_extra["details"] == entry.details
        assert clip.vendor_extra["replies"] == [r for r in entry.replies if r]
        if entry.file_name is not None:
            # HTML times are local and to the second; Google's audio name has the exact UTC.
            assert clip.recorded_at == name_time(entry.file_name)
            assert clip.recorded_at != entry.time
            assert abs(clip.recorded_at - entry.time) <= timedelta(seconds=3)
            assert clip.time_approximate is False
            assert clip.vendor_extra["time_source"] == "audio file name"
            assert clip.source_path == f"{base}/{entry.file_name}"
            assert entry.audio is not None
            assert_audio(library, clip, entry.audio)
        else:
            assert clip.status == "no_audio"
            assert "time_source" not in clip.vendor_extra
            if with_zone:  # the zone label is resolved: exact to the second
                assert clip.time_approximate is False
                assert clip.recorded_at == entry.time.replace(microsecond=0)
            else:  # no zone written: the user's local time, marked approximate
                assert clip.time_approximate is True
                local = entry.time.astimezone(zone).replace(microsecond=0, tzinfo=None)
                assert clip.recorded_at == local_to_utc(local)


# ---------------------------------------------------------------------------------------------
# Multi-part downloads


def multipart_entries() -> list[AssistantEntry]:
    return [AssistantEntry(time=T0 + timedelta(hours=5 * i, milliseconds=37 * i),
                           title=said(f"command number {i}"), audio=tiny_mp3(i, "parts"))
            for i in range(8)]


def test_multipart_zips_one_part_finds_the_others(tmp_path: Path, library: Library) -> None:
    paths = gx.write_takeout(tmp_path, multipart_entries(), as_zip=True, parts=3,
                             export_time=EXPORT_TIME)
    names = [zipfile.ZipFile(p).namelist() for p in paths]
    with_json = [i for i, n in enumerate(names) if any(x.endswith(".json") for x in n)]
    assert with_json == [2]
    assert all(x.endswith(".mp3") for x in names[0] + names[1]) and names[0] and names[1]

    report, clips = do_import(library, [paths[1]])  # only the middle part is given

    assert report.sources == [str(p) for p in paths]
    assert report.problems == []
    assert (report.clips_new, report.clips_without_audio) == (8, 0)
    assert library.info().imports[0].label == f"{paths[0].name} (+2 more parts)"
    part_of = {n: i for i, ns in enumerate(names) for n in ns}
    parts_used = set()
    for i, (clip, entry) in enumerate(zip(clips, multipart_entries(), strict=True)):
        assert clip.vendor_transcript == entry.title
        assert clip.recorded_at == entry.time
        assert clip.status == "ready"
        assert clip.record_path == f"{gx.activity_dir()}/MyActivity.json#entry={8 - i}"
        assert entry.audio is not None
        assert_audio(library, clip, entry.audio)
        parts_used.add(part_of[clip.source_path])
    assert parts_used == {0, 1, 2}


@pytest.mark.parametrize("as_zip", [True, False], ids=["zips", "folders"])
def test_multipart_all_parts_given_explicitly(tmp_path: Path, library: Library,
                                              as_zip: bool) -> None:
    paths = gx.write_takeout(tmp_path, multipart_entries(), as_zip=as_zip, parts=3,
                             export_time=EXPORT_TIME)
    assert len(paths) == 3

    report, clips = do_import(library, list(reversed(paths)))

    assert report.problems == []
    assert sorted(report.sources) == sorted(str(p) for p in paths)
    assert [c.vendor_transcript for c in clips] == [e.title for e in multipart_entries()]
    assert all(c.status == "ready" for c in clips)
    for clip, entry in zip(clips, multipart_entries(), strict=True):
        assert clip.recorded_at == entry.time
        assert entry.audio is not None
        assert clip.audio_sha256 == sha(entry.audio)


def test_one_part_folder_alone_keeps_entries_and_says_why(tmp_path: Path,
                                                          library: Library) -> None:
    """Unzipped parts have no sibling names to follow: the entries stay, without audio."""
    paths = gx.write_takeout(tmp_path, multipart_entries(), parts=3, export_time=EXPORT_TIME)
    json_part = paths[2]
    in_json_part = {p.name for p in json_part.rglob("*.mp3")}

    report, clips = do_import(library, [json_part])

    assert len(clips) == 8
    ready = [c for c in clips if c.status == "ready"]
    assert {c.vendor_id for c in ready} == in_json_part
    missing = [c for c in clips if c.status == "no_audio"]
    assert len(missing) == 8 - len(in_json_part) == report.clips_without_audio
    assert len(report.warnings) == len(missing)
    assert all("import them together" in p.reason for p in report.warnings)


# ---------------------------------------------------------------------------------------------
# Joining entries to audio


def test_orphan_audio_is_imported_with_the_time_from_its_name(tmp_path: Path,
                                                                library: Library) -> None:
    orphan_time = datetime(2024, 3, 5, 1, 2, 3, 456_000, tzinfo=UTC)
    orphan_name = gx.google_audio_name(orphan_time)
    orphans = [(orphan_name, tiny_mp3(50, "orphan")),
               ("Recording 7.mp3", tiny_mp3(51, "orphan")),
               ("not-audio.mp3", b"this is a text file with an mp3 name\n")]
    [root] = gx.write_takeout(tmp_path, entries(), orphans=orphans, export_time=EXPORT_TIME)
    base = gx.activity_dir()

    report, clips = do_import(library, [root])

    assert report.clips_new == 7
    assert report.problems == [gx_problem(root, f"{base}/not-audio.mp3",
                                          "has an audio file name but is not audio; skipped")]
    orphan_clips = {c.vendor_id: c for c in clips if c.vendor_extra.get("orphan_audio")}
    assert set(orphan_clips) == {orphan_name, "Recording 7.mp3"}

    named = orphan_clips[orphan_name]
    assert named.recorded_at == orphan_time
    assert named.time_approximate is False
    assert named.recorded_at_text == orphan_name
    assert named.vendor_extra == {"orphan_audio": True}
    assert named.vendor_transcript is None
    assert named.record_path is None
    assert named.source_path == f"{base}/{orphan_name}"
    assert named.status == "ready"
    assert_audio(library, named, orphans[0][1])

    # No time in the name: the file's date, marked approximate.
    unnamed = orphan_clips["Recording 7.mp3"]
    assert unnamed.recorded_at == EXPORT_TIME
    assert unnamed.time_approximate is True
    assert unnamed.vendor_extra == {"orphan_audio": True}
    assert_audio(library, unnamed, orphans[1][1])


def gx_problem(root: Path, path: str, reason: str,
               severity: Literal["skipped", "warning"] = "skipped") -> Problem:
    """The problem as the report states it: `<what the user gave>: <path inside>`."""
    return Problem(f"{root}: {path}", reason, severity)


def test_join_is_through_audio_files_not_time(tmp_path: Path, library: Library) -> None:
    when = datetime(2024, 3, 3, 20, 15, 42, 123_000, tzinfo=UTC)
    odd_name = gx.google_audio_name(when + timedelta(seconds=47))
    built = [
        # Google's usual few seconds' difference between `time` and the file name.
        AssistantEntry(time=T0, title=said("first"), audio=tiny_mp3(60, "join")),
        # A larger gap, and a name that carries no time at all.
        AssistantEntry(time=when, title=said("second"), audio=tiny_mp3(61, "join"),
                       audio_name=odd_name),
        AssistantEntry(time=when + timedelta(hours=1), title=said("third"),
                       audio=tiny_mp3(62, "join"), audio_name="custom name.mp3"),
    ]
    # Decoys a join by time would pick: files named exactly after the entries' times.
    decoys = [(gx.google_audio_name(e.time), tiny_mp3(70 + i, "decoy"))
              for i, e in enumerate(built)]
    assert all(name != e.file_name for (name, _), e in zip(decoys, built, strict=True))
    [root] = gx.write_takeout(tmp_path, built, orphans=decoys, export_time=EXPORT_TIME)
    base = gx.activity_dir()

    report, clips = do_import(library, [root])

    assert report.problems == []
    got = by_transcript([c for c in clips if not c.vendor_extra.get("orphan_audio")])
    for entry in built:
        clip = got[entry.title]
        assert clip.recorded_at == entry.time
        assert clip.time_approximate is False
        assert clip.vendor_id == entry.file_name
        assert clip.source_path == f"{base}/{entry.file_name}"
        assert entry.audio is not None
        assert_audio(library, clip, entry.audio)
        assert "orphan_audio" not in clip.vendor_extra
    decoy_clips = [c for c in clips if c.vendor_extra.get("orphan_audio")]
    assert sorted(c.vendor_id or "" for c in decoy_clips) == sorted(n for n, _ in decoys)
    assert {c.audio_sha256 for c in decoy_clips} == {sha(d) for _, d in decoys}


def test_entry_whose_audio_is_missing_is_kept(tmp_path: Path, library: Library) -> None:
    built = entries()
    dropped = built[0].file_name
    assert dropped is not None
    base = gx.activity_dir()
    files = [f for f in gx.takeout_files(built) if f[0] != f"{base}/{dropped}"]
    path = rebuild(tmp_path / "takeout-missing.zip", files)

    report, clips = do_import(library, [path])

    assert (report.clips_new, report.clips_without_audio, report.audio_errors) == (5, 2, 0)
    clip = by_transcript(clips)[built[0].title]
    assert clip.status == "no_audio"
    assert clip.status_detail is None
    assert clip.audio_path is None and clip.audio_sha256 is None and clip.duration_s is None
    assert clip.recorded_at == built[0].time
    assert clip.vendor_id == dropped
    assert clip.identifiers["audio_file"] == dropped
    assert clip.record_path == f"{base}/MyActivity.json#entry=5"
    assert clip.source_path == clip.record_path
    assert clip.vendor_extra["details"] == [HOTWORD]
    assert report.problems == [gx_problem(
        path, f"{base}/MyActivity.json, entry 5",
        f"audio file {dropped!r} is not in the export; the entry is kept without audio "
        "(if the download has several parts, import them together)", "warning")]


# ---------------------------------------------------------------------------------------------
# Broken exports


def test_truncated_json_keeps_the_complete_entries_and_the_rest_of_the_audio(
        tmp_path: Path, library: Library) -> None:
    """Entries before the cut keep their details; the cut entry is named; its audio stays."""
    built = entries()
    base = gx.activity_dir()
    index = f"{base}/MyActivity.json"
    files = gx.takeout_files(built)
    text = dict(files)[index]
    cut = text[: len(text) * 2 // 3]
    newest_first = sorted(built, key=lambda e: e.time, reverse=True)
    complete = [e for e in newest_first if gx.activity_json([e]).encode()[1:-1] in cut]
    assert 1 <= len(complete) < len(built)
    path = rebuild(tmp_path / "takeout-truncated.zip",
                   [(n, cut if n == index else d) for n, d in files])

    report, clips = do_import(library, [path])

    [problem] = report.problems
    assert problem.where == f"{path}: {index}, entry {len(complete) + 1}"
    assert problem.reason.startswith("malformed JSON at line ")
    assert problem.reason.endswith("; entry skipped")
    assert problem.severity == "skipped"
    with_audio = [e for e in built if e.file_name is not None]
    kept = {e.title for e in complete}
    expected = len(kept) + len([e for e in with_audio if e.title not in kept])
    assert len(clips) == expected
    by_id = {c.vendor_id: c for c in clips}
    for entry in with_audio:
        assert entry.file_name is not None and entry.audio is not None
        clip = by_id[entry.file_name]
        assert_audio(library, clip, entry.audio)
        if entry.title in kept:
            assert clip.vendor_transcript == entry.title
            assert clip.recorded_at == entry.time
        else:  # its entry is lost: the audio alone, timed by its name
            assert clip.vendor_transcript is None
            assert clip.vendor_extra == {"orphan_audio": True}
            assert clip.recorded_at == name_time(entry.file_name)
            assert clip.time_approximate is False


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_json_with_a_byte_order_mark_imports(tmp_path: Path, library: Library,
                                             encoding: str) -> None:
    """An editor re-saved MyActivity.json as UTF-16 (or UTF-8 with BOM); it still imports."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-8": codecs.BOM_UTF8}[encoding]
    built = entries()
    index = f"{gx.activity_dir()}/MyActivity.json"
    files = [(n, bom + d.decode("utf-8").encode(encoding) if n == index else d)
             for n, d in gx.takeout_files(built)]
    path = rebuild(tmp_path / "takeout-bom.zip", files)

    report, clips = do_import(library, [path])

    assert report.format == "google"
    assert report.detection_scores == SCORES
    assert report.problems == []
    assert [c.vendor_transcript for c in clips] == [e.title for e in built]
    assert [c.recorded_at for c in clips] == [e.time for e in built]
    assert [c.status for c in clips] == ["ready", "ready", "no_audio", "ready", "ready"]
    assert by_transcript(clips)[built[0].title].vendor_extra["replies"] == ["It's sunny."]


def test_non_audio_and_corrupt_mp3s(tmp_path: Path, library: Library) -> None:
    built = entries()
    base = gx.activity_dir()
    not_audio_name, corrupt_name = built[0].file_name, built[1].file_name
    assert built[1].audio is not None
    id3 = gx.id3_comment("g clip 2")
    assert built[1].audio.startswith(id3)
    # An intact ID3 tag and MPEG frame header, then garbage.
    corrupt = built[1].audio[: len(id3) + 4] + random.Random(7).randbytes(4000)
    not_audio = b"<html><body>Sorry, this file could not be downloaded.</body></html>\n"
    replace = {f"{base}/{not_audio_name}": not_audio, f"{base}/{corrupt_name}": corrupt}
    files = [(n, replace.get(n, d)) for n, d in gx.takeout_files(built)]
    path = rebuild(tmp_path / "takeout-broken-audio.zip", files)

    report, clips = do_import(library, [path])

    assert (report.clips_new, report.audio_errors, report.clips_without_audio) == (5, 2, 2)
    got = by_transcript(clips)

    bad = got[built[0].title]
    assert bad.status == "audio_error"
    assert bad.status_detail == "the file is not audio"
    assert bad.audio_path is None and bad.audio_sha256 is None
    assert bad.recorded_at == built[0].time
    assert bad.source_path == f"{base}/{not_audio_name}"

    broken = got[built[1].title]
    assert broken.status == "audio_error"
    assert broken.status_detail is not None
    assert broken.status_detail.startswith("audio cannot be decoded (")
    assert broken.duration_s is None
    assert_audio(library, broken, corrupt)  # the bytes are kept for a later decoder

    assert sorted((p.where, p.reason, p.severity) for p in report.problems) == sorted([
        (f"{path}: {base}/{not_audio_name}",
         "is not an audio file; the clip is kept without audio", "skipped"),
        (f"{path}: {base}/{corrupt_name}",
         f"{broken.status_detail}; kept but marked unreadable", "warning"),
    ])
    assert [c.status for c in clips].count("ready") == 2


# ---------------------------------------------------------------------------------------------
# The bundled sample and forced formats


def test_bundled_sample(library: Library) -> None:
    before = tree_hashes(SAMPLE)
    report = library.import_export([SAMPLE])
    assert tree_hashes(SAMPLE) == before

    assert report.format == "google" and report.problems == []
    assert (report.records_found, report.clips_new, report.clips_without_audio) == (31, 31, 1)
    clips = library.clips()
    assert len(clips) == 31
    assert sum(c.audio_path is not None for c in clips) == 30
    assert all(c.status == "ready" for c in clips if c.audio_path)
    assert clips[0].recorded_at == datetime(2024, 3, 4, 15, 12, 31, 418_000, tzinfo=UTC)
    assert clips[0].vendor_id == "2024-03-04_15_12_33_771_UTC.mp3"
    assert clips[-1].recorded_at == datetime(2024, 3, 25, 2, 18, 22, 147_000, tzinfo=UTC)
    assert clips[-1].vendor_transcript == "Unknown voice command"
    assert clips[-1].vendor_extra["details"] == []  # not started by hotword
    [phone] = [c for c in clips if c.audio_path is None]
    assert (phone.vendor_transcript, phone.status) == ("Said what time is it", "no_audio")
    anna = [c for c in clips if c.vendor_id == "2024-03-13_01_03_38_755_UTC.mp3"]
    assert [c.vendor_transcript for c in anna] == ["Said send a message to Anna"]
    lights = next(c for c in clips if c.vendor_id == "2024-03-05_02_45_12_007_UTC.mp3")
    assert lights.vendor_extra["entry"]["subtitles"] == [{"name": "Turning on 2 lights."}, {}]
    assert lights.vendor_extra["replies"] == ["Turning on 2 lights."]
    assert sum(HOTWORD in c.vendor_extra["details"] for c in clips) == 27
    burst = library.clips(ClipQuery(since=datetime(2024, 3, 19, tzinfo=UTC),
                                     until=datetime(2024, 3, 20, tzinfo=UTC)))
    assert len(burst) == 5
    for c in clips:
        if c.vendor_id:
            assert abs(c.recorded_at - name_time(c.vendor_id)) < timedelta(seconds=3.1)
            assert 1.0 < (c.duration_s or 0) < 10.0
    with zipfile.ZipFile(SAMPLE) as zf:
        for c in clips[:3]:
            if c.audio_path:
                assert c.audio_sha256 == sha(zf.read(c.source_path))


def test_forcing_folder_on_a_takeout_imports_the_mp3s_as_plain_recordings(
        tmp_path: Path, library: Library) -> None:
    built = entries()
    paths = gx.write_takeout(tmp_path, built, as_zip=True, export_time=EXPORT_TIME)
    base = gx.activity_dir()

    report, clips = do_import(library, paths, forced="folder")

    assert (report.format, report.format_forced) == ("folder", True)
    assert report.detection_scores == {"google": 95, "amazon": 0, "folder": 30}
    assert report.problems == []  # MyActivity.json is simply not a recording
    with_audio = [e for e in built if e.audio is not None]
    assert len(clips) == len(with_audio) == 4
    for clip, entry in zip(clips, with_audio, strict=True):
        assert entry.file_name is not None and entry.audio is not None
        assert clip.vendor == "folder"
        assert clip.vendor_id is None and clip.vendor_transcript is None
        assert clip.vendor_extra == {}
        assert clip.recorded_at == name_time(entry.file_name)  # exact UTC from the name
        assert clip.time_approximate is False
        assert clip.recorded_at_text == entry.file_name
        assert clip.source_path == f"{base}/{entry.file_name}"
        assert_audio(library, clip, entry.audio)
    assert library.info().imports[0].format == "folder"


def test_forcing_amazon_on_a_takeout_gives_orphan_amazon_clips(tmp_path: Path,
                                                               library: Library) -> None:
    """What happens, plainly: the JSON is not Alexa's, so only the audio comes in, unlabelled."""
    built = entries()
    paths = gx.write_takeout(tmp_path, built, as_zip=True, export_time=EXPORT_TIME)

    report, clips = do_import(library, paths, forced="alexa")

    assert (report.format, report.format_forced) == ("amazon", True)
    assert report.detection_scores == {"google": 95, "amazon": 0, "folder": 30}
    [warning] = report.warnings
    assert warning.where == "--format"
    assert "does not look like: Amazon Alexa; it looks like: Google Takeout" in warning.reason
    with_audio = [e for e in built if e.audio is not None]
    assert len(clips) == report.clips_new == len(with_audio)
    for clip, entry in zip(clips, with_audio, strict=True):
        assert entry.file_name is not None and entry.audio is not None
        assert clip.vendor == "amazon"
        assert clip.vendor_transcript is None and clip.record_path is None
        assert clip.vendor_extra == {"orphan_audio": True, "time_source": "file name"}
        assert clip.recorded_at == name_time(entry.file_name)
        assert clip.audio_sha256 == sha(entry.audio)
    # No entry without audio and no Google metadata made it in.
    assert all(c.status == "ready" for c in clips)
    assert library.count_clips(ClipQuery(vendor="google")) == 0
