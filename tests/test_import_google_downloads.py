"""Google Takeout downloads as users really get them, through `reviewer import` and
`reviewer list --json`: .tgz and segmented multi-part downloads, legacy HTML that does not link
its mp3s, a full My Activity download, zone labels, and damaged activity files."""

from __future__ import annotations

import io
import json
import re
import zipfile
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
    batch = json.loads(report_file.read_text(encoding="utf-8"))
    assert batch["failures"] == [] and len(batch["exports"]) == 1  # one export, imported
    return out, json.loads(listed), batch["exports"][0]


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
        # The entry's own time (JSON), or the exact UTC time in the mp3's name (HTML, whose
        # times stop at the second).
        assert (abs(utc(clip) - e.time) <= timedelta(seconds=1)
                or utc(clip) == gx_name_time(clip["vendor_id"]))


def gx_name_time(name: str) -> datetime:
    return datetime.strptime(name[:23], "%Y-%m-%d_%H_%M_%S_%f").replace(tzinfo=UTC)


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


# ---------------------------------------------------------------------------------------------
# Legacy HTML whose entries do not link their mp3 (issue 12, item 7)


def unlink_audio(html_text: str) -> str:
    """The HTML as such exports have it: the `<audio>` element is simply not there."""
    return re.sub(r"<audio controls><source src=\"[^\"]*\"></audio><br>", "", html_text)


def trailing_br_after_time(html_text: str) -> str:
    """2026 variant (google_takeout_parser PR #95): `<br/>` before and after the time."""
    return html_text.replace("<br>", "<br/>")


HTML_CASES = {
    "en_pacific": ("en", "America/Los_Angeles", False),
    "de_berlin": ("de", "Europe/Berlin", False),
    "en_2026_trailing_br": ("en", "America/Los_Angeles", True),
    "en_moscow": ("en", "Europe/Moscow", False),
}


@pytest.mark.parametrize("case", list(HTML_CASES))
def test_html_entries_without_audio_links_are_joined_to_their_mp3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    locale, zone, br2026 = HTML_CASES[case]
    # Two commands 6 s apart (each mp3 lies within reach of both entries): each must get its
    # own recording, not its neighbour's.
    entries = [*commands(5, case),
               AssistantEntry(time=T0 + timedelta(days=3, seconds=6),
                              title=said("and the second"), audio=tiny_mp3(99, case))]
    entries[0] = AssistantEntry(time=T0 + timedelta(days=3), title=said("first of two"),
                                audio=tiny_mp3(98, case))
    entries.append(AssistantEntry(time=T0 + timedelta(days=4), title=said("no recording")))
    files = gx.takeout_files(entries, layout="html", locale=locale, html_zone=zone)
    index = f"{gx.activity_dir(locale)}/{gx.activity_file_name(locale, 'html')}"
    fix = (lambda t: trailing_br_after_time(unlink_audio(t))) if br2026 else unlink_audio
    files = [(n, fix(d.decode()).encode() if n == index else d) for n, d in files]
    assert b"<audio" not in dict(files)[index]
    [path] = [gx.write_zip(tmp_path / "takeout-20240310T120000Z-001.zip", files, EXPORT_TIME)]

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    assert report["problems"] == []
    assert "No problems" in out or "Skipped" not in out
    with_audio = [e for e in entries if e.audio is not None]
    assert_clips_match([c for c in clips if c["status"] == "ready"], with_audio)
    [lonely] = [c for c in clips if c["status"] == "no_audio"]
    assert lonely["vendor_transcript"] == said("no recording")
    assert utc(lonely) == (T0 + timedelta(days=4)).replace(microsecond=0)
    assert lonely["time_approximate"] is False  # the zone label was resolved
    assert len(clips) == len(entries)  # no second clip for any command


def test_html_with_an_unknown_zone_label_keeps_the_text_and_counts_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = [*commands(3, "xyz"), AssistantEntry(time=T0 + timedelta(days=5),
                                                   title=said("no audio here"))]
    files = gx.takeout_files(entries, layout="html", html_zone="Europe/Berlin")
    index = f"{gx.activity_dir()}/MyActivity.html"
    files = [(n, unlink_audio(d.decode()).replace(" CET<", " XYZT<").encode() if n == index
              else d) for n, d in files]
    path = gx.write_zip(tmp_path / "takeout.zip", files, EXPORT_TIME)

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    [problem] = report["problems"]
    assert problem["severity"] == "warning"
    assert "4 entries give their time in the zone 'XYZT'" in problem["reason"]
    assert "marked approximate" in problem["reason"]
    assert "XYZT" in out
    # The mp3s still find their entries (the offset that lines them up is found), and take
    # their exact time from their names; the entry without audio keeps its text, approximate.
    assert_clips_match([c for c in clips if c["status"] == "ready"],
                       [e for e in entries if e.audio is not None])
    [lonely] = [c for c in clips if c["status"] == "no_audio"]
    assert lonely["recorded_at_text"].endswith(" XYZT")
    assert lonely["time_approximate"] is True
    assert len(clips) == 4


# ---------------------------------------------------------------------------------------------
# A full My Activity download (issue 12, item 8)


def test_full_my_activity_download_makes_clips_only_of_assistant_voice_activity(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    voice = commands(4, "full")
    files = gx.takeout_files(voice)
    memory = [AssistantEntry(time=T0 + timedelta(hours=i), title=f"Remembered fact {i}",
                             header="Assistant Memory", products=["Assistant Memory"])
              for i in range(3)]
    search = [AssistantEntry(time=T0 + timedelta(hours=i), title=f"Searched for cats {i}",
                             header="Search", products=["Search"]) for i in range(5)]
    notes = [AssistantEntry(time=T0, title="Added milk to a list",
                            header="Assistant Notes and Lists",
                            products=["Assistant Notes and Lists"])]
    for folder, items in (("Assistant Memory", memory), ("Search", search),
                          ("Assistant Notes and Lists", notes)):
        files.append((f"Takeout/My Activity/{folder}/MyActivity.json",
                      gx.activity_json(items).encode()))
    # Other products' HTML, with a header containing "Assistant" too.
    files.append(("Takeout/My Activity/Assistant Memory/MyActivity.html",
                  gx.activity_html(memory).encode()))
    path = gx.write_zip(tmp_path / "takeout-20240310T120000Z-001.zip", sorted(files),
                        EXPORT_TIME)

    _out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    assert_clips_match(clips, voice)
    [left_out] = report["problems"]
    assert left_out["severity"] == "warning"
    assert left_out["where"] == "4 My Activity files"
    assert left_out["reason"] == ("12 entries of other Google products (not Assistant voice "
                                  "activity) left out")


# ---------------------------------------------------------------------------------------------
# Damaged activity files (issue 11, items 4, 7 and 12)


def damaged_json(kind: str, entries: list[AssistantEntry]) -> tuple[bytes, int]:
    """MyActivity.json with one bad entry (the second of the file); and how many stay good."""
    objs = [json.dumps(gx.entry_json(e)) for e in sorted(entries, key=lambda e: e.time,
                                                          reverse=True)]
    if kind == "deep_nesting":
        objs[1] = '{"header": "Assistant", "title": ' + "[" * 200_000 + "]" * 200_000 + "}"
    elif kind == "huge_number":
        objs[1] = objs[1][:-1] + ', "count": ' + "9" * 5000 + "}"
    elif kind in ("details", "subtitles", "audioFiles"):
        obj = json.loads(objs[1])
        obj[kind] = 5
        objs[1] = json.dumps(obj)
    elif kind == "year_one":
        obj = json.loads(objs[1])
        obj["time"] = "0001-01-01T00:30:00+01:00"
        objs[1] = json.dumps(obj)
    elif kind == "garbage":
        objs[1] = '{"header": "Assistant", "title": "x", oops}'
    return ("[" + ",\n".join(objs) + "]").encode(), len(objs) - 1


@pytest.mark.parametrize("kind", ["deep_nesting", "huge_number", "details", "subtitles",
                                  "audioFiles", "year_one", "garbage"])
def test_one_bad_entry_skips_that_entry_only(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             kind: str) -> None:
    entries = commands(4, kind)
    files = dict(gx.takeout_files(entries))
    index = f"{gx.activity_dir()}/MyActivity.json"
    files[index], good = damaged_json(kind, entries)
    path = gx.write_zip(tmp_path / "takeout.zip", sorted(files.items()), EXPORT_TIME)

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    [problem] = [p for p in report["problems"] if p["severity"] == "skipped"]
    assert problem["where"] == f"{path}: {index}, entry 2"
    assert problem["reason"].endswith("entry skipped")
    assert "Skipped (1)" in out
    bad = sorted(entries, key=lambda e: e.time, reverse=True)[1]
    titled = [c for c in clips if c["vendor_transcript"] is not None]
    assert sorted(c["vendor_transcript"] for c in titled) == sorted(
        e.title for e in entries if e is not bad)
    assert len(titled) == good
    # The bad entry's recording is not lost: its mp3 is imported, timed by its name.
    [orphan] = [c for c in clips if c["vendor_transcript"] is None]
    assert orphan["vendor_id"] == bad.file_name and orphan["status"] == "ready"
    assert [i["status"] for i in info_imports(capsys, tmp_path / "lib")] == ["complete"]


def info_imports(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, Any]]:
    from reviewer.core.library import Library

    with Library.open(data_dir) as library:
        return [{"status": i.status} for i in library.info().imports]


def test_damage_past_the_first_64_kb_keeps_what_comes_before(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = commands(650, "big")
    files = dict(gx.takeout_files(entries))
    index = f"{gx.activity_dir()}/MyActivity.json"
    assert len(files[index]) > 150_000
    path = gx.write_zip(tmp_path / "takeout.zip", sorted(files.items()), EXPORT_TIME)
    # Damage the deflated JSON's data well past its first 64 kB (the zip itself stays valid).
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(index)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    assert info.compress_size > 5_000
    for k in range(start + info.compress_size * 3 // 4, start + info.compress_size * 3 // 4 + 64):
        raw[k] ^= 0x5A
    path.write_bytes(bytes(raw))

    _out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    damaged = [p for p in report["problems"] if p["where"] == f"{path}: {index}"]
    assert len(damaged) == 1 and "damaged" in damaged[0]["reason"]
    titled = [c for c in clips if c["vendor_transcript"] is not None]
    assert 100 < len(titled) < 650
    # Every recording is imported once: with its entry, or alone when the entry was lost.
    assert len(clips) == 650
    assert len({c["audio_sha256"] for c in clips}) == 650


@pytest.mark.parametrize("content", [b'[42, {"header": "Assistant"', b"\x00\x01garbage",
                                     b'{"not": "a list"}'])
def test_a_damaged_small_index_is_a_named_problem_not_a_folder_of_recordings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    entries = commands(4, "small")
    files = dict(gx.takeout_files(entries))
    index = f"{gx.activity_dir()}/MyActivity.json"
    files[index] = content
    path = gx.write_zip(tmp_path / "takeout.zip", sorted(files.items()), EXPORT_TIME)

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    assert report["format"] == "google"
    assert "Format: Google Takeout (detected)" in out
    named = [p for p in report["problems"] if p["where"].startswith(f"{path}: {index}")]
    assert named and all(p["severity"] == "skipped" for p in named)
    # The recordings come in as Google audio, so a good copy later joins them, not doubles.
    assert len(clips) == 4 and all(c["vendor"] == "google" for c in clips)
    good = gx.write_takeout(tmp_path / "good", entries, as_zip=True, export_time=EXPORT_TIME)
    _out, again, report2 = import_and_list(capsys, tmp_path / "lib", good)
    assert len(again) == 4 and report2["clips_new"] == 0


def test_utf16_be_without_a_bom_is_read(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    entries = commands(3, "utf16")
    files = dict(gx.takeout_files(entries))
    index = f"{gx.activity_dir()}/MyActivity.json"
    files[index] = files[index].decode("utf-8").encode("utf-16-be")
    path = gx.write_zip(tmp_path / "takeout.zip", sorted(files.items()), EXPORT_TIME)

    _out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    assert report["problems"] == []
    assert_clips_match(clips, entries)


def test_unclear_inputs_are_named_for_what_they_are(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib"
    seven = tmp_path / "takeout.7z"
    seven.write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(200))
    code, out, err = run(capsys, lib, "import", str(seven))
    assert code != 0 and "7-Zip" in out + err and "does not look like" not in out + err

    encrypted = tmp_path / "locked.zip"
    write_encrypted_zip(encrypted, {"Takeout/My Activity/Assistant/MyActivity.json": b"[]",
                                    "Takeout/My Activity/Assistant/a.mp3": tiny_mp3(1, "e")})
    code, out, err = run(capsys, lib, "import", str(encrypted))
    assert code != 0 and "encrypted" in out + err and "does not look like" not in out + err

    deep = tmp_path / "deep.zip"
    inner = zip_of({"Takeout/My Activity/Assistant/a.mp3": tiny_mp3(2, "deep")})
    for level in range(5):
        inner = zip_of({f"level{level}.zip": inner})
    deep.write_bytes(inner)
    code, out, err = run(capsys, lib, "import", str(deep))
    assert code != 0 and "nested" in out + err and "does not look like" not in out + err


def zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def write_encrypted_zip(path: Path, files: dict[str, bytes]) -> None:
    """A zip whose every member has the 'encrypted' flag (what a password tool writes)."""
    data = bytearray(zip_of(files))
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) >= 0:
        data[pos + 6] |= 1
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        data[pos + 8] |= 1
        pos += 4
    path.write_bytes(bytes(data))


def test_the_same_recordings_found_by_another_format_are_not_imported_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = commands(4, "twice")
    paths = gx.write_takeout(tmp_path / "dl", entries, as_zip=True, export_time=EXPORT_TIME)
    lib = tmp_path / "lib"
    code, _out, err = run(capsys, lib, "import", str(paths[0]), "--format", "folder")
    assert code == 0, err

    _out, clips, report = import_and_list(capsys, lib, paths)

    assert report["clips_new"] == 0 and report["clips_existing"] == 4
    assert len(clips) == 4 and {c["vendor"] for c in clips} == {"folder"}


def test_an_import_that_fails_midway_is_not_left_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.core.importers import google
    from reviewer.core.library import Library

    paths = gx.write_takeout(tmp_path / "dl", commands(3, "fail"), as_zip=True,
                             export_time=EXPORT_TIME)

    def broken(*_args: Any) -> Any:
        raise MemoryError("simulated failure while reading the activity file")

    monkeypatch.setattr(google, "_load_json", broken)
    with Library.open(tmp_path / "lib") as library:
        with pytest.raises(MemoryError):
            library.import_export(paths)
        assert [i.status for i in library.info().imports] == ["interrupted"]
    monkeypatch.undo()
    with Library.open(tmp_path / "lib") as library:
        report = library.import_export(paths)
        assert report.resumed and report.clips_new == 3
        assert [i.status for i in library.info().imports] == ["complete"]


def test_broken_html_index_is_a_named_problem(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    entries = commands(3, "html-broken")
    files = dict(gx.takeout_files(entries, layout="html"))
    index = f"{gx.activity_dir()}/MyActivity.html"
    files[index] = files[index][:300]  # cut before the first entry
    path = gx.write_zip(tmp_path / "takeout.zip", sorted(files.items()), EXPORT_TIME)

    out, clips, report = import_and_list(capsys, tmp_path / "lib", [path])

    assert report["format"] == "google"
    [problem] = report["problems"]
    assert problem["where"] == f"{path}: {index}"
    assert "no activity entries" in problem["reason"] and problem["severity"] == "skipped"
    assert "Skipped (1)" in out
    assert len(clips) == 3 and all(c["vendor"] == "google" for c in clips)
