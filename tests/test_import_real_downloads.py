"""Real downloads imported faithfully (issue 12: several exports at once, full Amazon
downloads, the 2018 GDPR layout, older activity records) and far-off dates (issue 11).

Through the real command line (`reviewer import`, `list --json`: `reviewer.cli.main` with its
output captured; `tests/test_cli.py` runs the same code as a subprocess), on downloads built
in `reviewer.testing.amazon_download` from what others documented.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.testing import alexa_exports as ax
from reviewer.testing import amazon_download as ad
from reviewer.testing.alexa_exports import CUSTOMER_ID, ExpectedClip
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.test_cli import Run, assert_no_traceback

FOREIGN_TEXTS = {"CH", "US", "Porch light left on", "Pixel 2", "So What",
                 "Echo Dot (2nd Gen)"}


def cli(data_dir: Path, *args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data_dir), *args])
    return Run(code, out.getvalue(), err.getvalue())


def list_json(data_dir: Path) -> list[dict[str, Any]]:
    run = cli(data_dir, "list", "--json")
    assert run.code == 0, run.err
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def assert_clips(got: list[dict[str, Any]], expected: tuple[ExpectedClip, ...]) -> None:
    """Exactly the expected clips: time (±1 s, or unknown), text, device, audio; no extra."""
    assert len(got) == len(expected), [c["vendor_transcript"] for c in got]
    remaining = list(got)
    for clip in expected:
        match = next((c for c in remaining
                      if c["vendor_transcript"] == clip.vendor_transcript
                      and (c["source"].rsplit("/", 1)[-1] == clip.audio_name
                           if clip.audio_name else c["audio_sha256"] is None)), None)
        assert match is not None, clip
        remaining.remove(match)
        if clip.recorded_at is None:
            assert match["time_unknown"] is True and match["recorded_at"] is None
        else:
            when = _utc(match["recorded_at"])
            assert when is not None and abs((when - clip.recorded_at).total_seconds()) <= 1
            assert match["time_unknown"] is False
        assert match["device"] == clip.device
        assert (match["audio_sha256"] is not None) == (clip.audio_name is not None)
    assert not any(c["vendor_transcript"] in FOREIGN_TEXTS for c in got)


def registered(data_dir: Path) -> set[tuple[str, str | None, str | None]]:
    db = sqlite3.connect(data_dir / "library.sqlite3")
    try:
        return set(db.execute("SELECT device_key, name, device_type FROM account_devices"))
    finally:
        db.close()


# ---------------------------------------------------------------------------------------------
# A full "Request Your Data" download


def test_full_amazon_download_same_clips_as_zips_folder_of_zips_or_extracted(
        tmp_path: Path) -> None:
    forms: tuple[ad.DownloadForm, ...] = ("zips", "folder_of_zips", "extracted")
    built = {f: ad.write_full_download(tmp_path / f, f) for f in forms}
    dirs = {f: tmp_path / f"lib-{f}" for f in forms}
    runs = {f: cli(dirs[f], "import", *map(str, built[f].paths)) for f in forms}
    for form, run in runs.items():
        assert run.code == 0, (form, run.err)
        assert_no_traceback(run)
        b = built[form]
        # One export (the zips of one download belong together), one section.
        assert "Export 1 of" not in run.out
        assert "Format: Amazon Alexa (detected)\n" in run.out
        assert f"Clips found: {len(b.clips)}\n" in run.out
        assert "  devices: Kitchen Echo, Living Room Dot\n" in run.out
        assert "Devices registered to the account (kept as its device list): 3\n" in run.out
        assert ("Not voice history, left out: 8 file(s) (6 tables of other services, "
                "1 PDF documents, 1 images)\n") in run.out
        assert "Skipped" not in run.out and "Warnings" not in run.out
        assert_clips(list_json(dirs[form]), b.clips)
        assert registered(dirs[form]) == {(serial, name, dtype)
                                          for name, dtype, serial in b.devices}


def test_alexa_zip_alone_gives_the_same_clips(tmp_path: Path) -> None:
    built = ad.write_full_download(tmp_path / "dl", "zips")
    alexa = next(p for p in built.paths if p.name == "Alexa.zip")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(alexa))
    assert run.code == 0, run.err
    assert_clips(list_json(data_dir), built.clips)
    # Alexa.zip's own other tables and its description PDF are counted, nothing else.
    assert ("Not voice history, left out: 3 file(s) (2 tables of other services, "
            "1 PDF documents)\n") in run.out


def test_registration_zip_alone_keeps_the_device_list_and_says_no_recordings(
        tmp_path: Path) -> None:
    built = ad.write_full_download(tmp_path / "dl", "zips")
    devices = next(p for p in built.paths if p.name == "Devices.Registration.zip")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(devices))
    assert run.code == 1
    assert_no_traceback(run)
    message = ("Devices.Registration.zip: no voice recordings in it; only its list of 3 "
               "registered device(s) was kept. Amazon puts the recordings in Alexa.zip: "
               "import that too.")
    assert run.error_lines == [f"reviewer: error: {message}"]
    assert run.out.endswith(f"Nothing imported: {message}\n")
    assert len(registered(data_dir)) == 3
    assert list_json(data_dir) == []


# ---------------------------------------------------------------------------------------------
# Older activity records and the 2018 GDPR download


def test_activity_records_keep_transcript_device_and_account(tmp_path: Path) -> None:
    content = ad.activities_content()
    folder = ad.write_folder(content, tmp_path / "alexa-backup")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(folder))
    assert run.code == 0, run.err
    assert "Format: Amazon Alexa (detected)\n" in run.out
    assert "Clips found: 4\n" in run.out and "  with audio: 3\n" in run.out
    got = list_json(data_dir)
    assert_clips(got, content.clips)
    assert {c["account"] for c in got} == {CUSTOMER_ID}
    assert {c["vendor_id"] for c in got} == {c.vendor_id for c in content.clips}


def test_gdpr_2018_pdf_list_joins_numbered_wavs_by_order(tmp_path: Path) -> None:
    content = ad.gdpr_2018_content()
    export = ad.write_zip(content, tmp_path / "amazon-gdpr.zip")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(export))
    assert run.code == 0, run.err
    assert "Clips found: 4\n" in run.out and "  with audio: 4\n" in run.out
    assert "time unknown" not in run.out
    assert ("Not voice history, left out: 2 file(s) (1 tables of other services, "
            "1 text files)\n") in run.out
    got = list_json(data_dir)
    assert_clips(got, content.clips)
    # Never the zip's packing time.
    assert all(_utc(c["recorded_at"]) != ax.DEFAULT_MTIME for c in got)
    assert {c["record"].split("#")[0] for c in got} == {ad.GDPR_PDF}


def test_gdpr_2018_lengths_in_the_list_align_around_an_extra_wav(tmp_path: Path) -> None:
    content = ad.gdpr_2018_content(extra_wav=True, lengths=True)
    export = ad.write_zip(content, tmp_path / "amazon-gdpr.zip")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(export))
    assert run.code == 0, run.err
    assert "  time unknown: 1\n" in run.out
    assert "5 numbered recordings but 4 entries in the transcript list without a " \
           "recording: 1 recording(s) could not be matched" in run.out
    got = list_json(data_dir)
    assert_clips(got, content.clips)
    [extra] = [c for c in got if c["time_unknown"]]
    assert extra["source"].endswith("/0003.wav")


@pytest.mark.parametrize("damage", ["extra_wav", "damaged_pdf"])
def test_gdpr_2018_times_that_cannot_be_known_are_unknown(tmp_path: Path, damage: str) -> None:
    content = ad.gdpr_2018_content(**{damage: True})
    export = ad.write_zip(content, tmp_path / "amazon-gdpr.zip")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(export))
    assert run.code == 0, run.err
    assert_no_traceback(run)
    unknown = sum(1 for c in content.clips if c.time_unknown)
    assert f"  time unknown: {unknown}\n" in run.out
    if damage == "damaged_pdf":
        assert f"{export}: {ad.GDPR_PDF}: this document cannot be read" in run.out
    else:
        assert "5 numbered recordings but 4 entries in the transcript list" in run.out
    got = list_json(data_dir)
    assert_clips(got, content.clips)
    assert all(c["recorded_at"] is None for c in got if c["audio_sha256"])


# ---------------------------------------------------------------------------------------------
# Several exports in one call


def test_several_exports_in_one_import_each_on_its_own(tmp_path: Path) -> None:
    parts = write_takeout(tmp_path / "google", make_entries(8, seed=3), as_zip=True, parts=2)
    download = ad.write_full_download(tmp_path / "amazon", "zips")
    alexa = next(p for p in download.paths if p.name == "Alexa.zip")
    empty = tmp_path / "nothing here"
    empty.mkdir()
    (empty / "notes.txt").write_text("my notes\n")
    data_dir = tmp_path / "lib"
    run: Run = cli(data_dir, "import", *map(str, parts), str(alexa), str(empty))
    assert run.code == 1  # one input gave nothing: named, never passed over
    assert_no_traceback(run)
    assert "Export 2 of 3: Importing clips" in run.err  # progress says which export
    sections = run.out.split("\n\n")
    assert sections[0].startswith("Export 1 of 2:\nFormat: Google Takeout (detected)\n")
    assert sections[1].startswith("Export 2 of 2:\nFormat: Amazon Alexa (detected)\n")
    assert "Clips found: 8\n" in sections[0]
    assert f"Clips found: {len(download.clips)}\n" in sections[1]
    assert sections[2].startswith(f"Nothing imported: {empty}: no voice history found.")
    assert run.error_lines == [f"reviewer: error: {empty}: no voice history found. This does "
                               "not look like a Google Takeout (My Activity > Assistant), an "
                               "Amazon Alexa data export, or a folder of recordings."]
    got = list_json(data_dir)
    assert sum(c["vendor"] == "google" for c in got) == 8
    assert_clips([c for c in got if c["vendor"] == "amazon"], download.clips)
    info = cli(data_dir, "info")
    assert info.out.count("[google, complete]") == 1
    assert info.out.count("[amazon, complete]") == 1


# ---------------------------------------------------------------------------------------------
# Far-off dates (issue 11, items 8 and 12)


def test_a_csv_row_dated_year_1_or_9999_is_skipped_alone(tmp_path: Path) -> None:
    table = (b"Creation Time,Device Name,Customer Transcript,Utterance ID\r\n"
             b"2018-02-02T14:05:07Z,Kitchen Echo,first,utt-1\r\n"
             b"0001-01-01T00:30:00+01:00,Kitchen Echo,ancient,utt-2\r\n"
             b"9999-12-31T23:59:59Z,Kitchen Echo,future,utt-3\r\n"
             b"2018-02-02T14:09:00Z,Kitchen Echo,last,utt-4\r\n")
    built = ax.write_export(ax.ExportContent({"Voice History.csv": table}, ()), tmp_path)
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(built.path))
    assert run.code == 0, run.err
    assert_no_traceback(run)
    assert [c["vendor_transcript"] for c in list_json(data_dir)] == ["first", "last"]
    assert "Alexa/Voice History.csv, row 3: cannot read the time '0001-01-01T00:30:00+01:00'" \
        in run.out
    assert "Alexa/Voice History.csv, row 4: cannot read the time '9999-12-31T23:59:59Z'" \
        in run.out


def test_far_off_times_become_unknown_and_nothing_downstream_breaks(tmp_path: Path) -> None:
    """Year 1 and year 9999 in a Takeout's JSON: those clips are kept with their time unknown
    (named in the report), so flag, explain and the timeline work, and the chart spans only
    the real times."""
    from reviewer.core.library import Library
    from reviewer.core.timeline import timeline_counts

    [folder] = write_takeout(tmp_path / "google", make_entries(6, seed=5))
    [activity] = folder.rglob("MyActivity.json")
    entries = json.loads(activity.read_text(encoding="utf-8"))
    real = sorted(e["time"][:10] for e in entries[2:])
    entries[0]["time"] = "0001-01-01T00:30:00.000Z"
    entries[1]["time"] = "9999-12-31T23:59:59.000Z"
    activity.write_text(json.dumps(entries), encoding="utf-8")
    data_dir = tmp_path / "lib"
    run = cli(data_dir, "import", str(folder))
    assert run.code == 0, run.err
    assert "  time unknown: 2\n" in run.out
    assert "the time '9999-12-31T23:59:59.000Z' cannot be a recording's; the clip is kept " \
           "with its time unknown" in run.out
    got = list_json(data_dir)
    unknown = [c for c in got if c["time_unknown"]]
    assert len(unknown) == 2 and all(c["recorded_at"] is None for c in unknown)
    assert cli(data_dir, "flag").code == 0
    for clip in got:
        explained = cli(data_dir, "explain", str(clip["id"]))
        assert explained.code == 0, explained.err
        assert_no_traceback(explained)
        if clip["time_unknown"]:
            assert explained.out.startswith(f"Clip {clip['id']}: time unknown  ")
    with Library.open(data_dir) as library:
        buckets = timeline_counts(library.store)
    assert real[0] <= buckets[0].start.date().isoformat()
    assert buckets[-1].start.date().isoformat() <= real[-1]
    assert sum(b.total for b in buckets) == len(got) - 2


@pytest.mark.slow
def test_scan_takes_several_exports_and_names_the_empty_one(tmp_path: Path) -> None:
    content = ad.activities_content()
    folder = ad.write_folder(content, tmp_path / "alexa-backup")
    gdpr = ad.write_zip(ad.gdpr_2018_content(), tmp_path / "amazon-2018.zip")
    stray = tmp_path / "Holiday photos"
    stray.mkdir()
    (stray / "list.txt").write_text("beach\n")
    out = tmp_path / "scan.json"
    run = cli(tmp_path / "lib", "scan", str(folder), str(stray), str(gdpr), "--json", str(out))
    assert run.code == 1  # the stray folder gave nothing
    assert_no_traceback(run)
    assert run.error_lines == [f"reviewer: error: {stray}: no voice history found. This does "
                               "not look like a Google Takeout (My Activity > Assistant), an "
                               "Amazon Alexa data export, or a folder of recordings."]
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == 4 + 4
    assert {r["vendor_transcript"] for r in rows} >= {c.vendor_transcript
                                                     for c in content.clips}
    # Each clip's "transcript" is its newest stored transcript's text.
    with sqlite3.connect(tmp_path / "lib" / "library.sqlite3") as con:
        newest = dict(con.execute(
            "SELECT clip_id, text FROM transcripts t WHERE created_at = (SELECT max(created_at) "
            "FROM transcripts u WHERE u.clip_id = t.clip_id)").fetchall())
    assert newest  # (tones: every text is "", no speech)
    assert {r["id"]: r["transcript"] for r in rows} == {r["id"]: newest.get(r["id"])
                                                        for r in rows}
