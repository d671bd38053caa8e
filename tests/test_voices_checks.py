"""Metadata checks on built exports (no audio needed), verdict texts, the notice letter, and
the `voices` / `check-archive` commands' JSON."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from reviewer.cli import main
from reviewer.core.library import Library
from reviewer.core.voices.checks import ClipMeta, serial_of
from reviewer.testing.alexa_exports import (
    CUSTOMER_ID,
    DEVICES,
    ExportContent,
    history_json_content,
    render_csv,
    write_export,
)
from reviewer.testing.amazon_download import PHONE, download_zips
from reviewer.testing.google_exports import (
    UNRECOGNIZED_SPEAKER,
    AssistantEntry,
    said,
    write_takeout,
)
from tests.test_voices import espeak_clips, folder_export, warp

HISTORY = "Voice History/customer-history-records.json"


def _alexa_with_two_customers(tmp: Path) -> Path:
    content = history_json_content(records=8, with_audio=False, orphans=0, path=HISTORY)
    page = json.loads(content.files[HISTORY])
    for record in page["customerHistoryRecords"][5:]:
        record["recordKey"] = record["recordKey"].replace(CUSTOMER_ID, "A1OTHERCUSTOMER9")
    files = {**content.files, HISTORY: json.dumps(page).encode("utf-8")}
    return write_export(ExportContent(files, content.clips), tmp).path


def test_two_customer_ids_in_one_export(library: Library, tmp_path: Path) -> None:
    library.import_export([_alexa_with_two_customers(tmp_path)])
    check = library.last_archive_check  # run at import, before any audio is looked at
    assert check is not None and check.vendor == "amazon"
    assert [v.kind for v in check.verdicts] == ["part"]
    verdict = check.verdicts[0]
    assert verdict.title == "Part of this export may be someone else's"
    assert verdict.codes == ("several_accounts",)
    assert verdict.evidence == (
        f"The records name 2 different accounts: {CUSTOMER_ID} (5 records), "
        "A1OTHERCUSTOMER9 (3 records).",)
    assert len(verdict.clip_ids) == 3
    assert any("Stop listening" in a for a in verdict.advice)
    assert any("Art. 77 GDPR" in a for a in verdict.advice)
    en = library.archive_notice(check, "en")
    de = library.archive_notice(check, "de")
    assert "Your data export contains another person's data" in en
    assert "A1OTHERCUSTOMER9" in en and "3 of its 8 records" in en
    assert "Ihr Datenexport enthält Daten einer anderen Person" in de
    assert "mehr als ein Kundenkonto" in de and "Art. 15 DSGVO" in de
    assert "No recordings are attached" in en
    # Identifiers are listed so the vendor can find the records; no transcript is quoted.
    assert en.count("A1OTHERCUSTOMER9#") == 3


def test_an_unlisted_device_serial(library: Library, tmp_path: Path) -> None:
    """A full Amazon download whose own device list lacks the Kitchen Echo that recorded
    half of its voice history."""
    zips, _clips = download_zips()
    kept = [d for d in (*DEVICES, PHONE) if d != DEVICES[0]]
    zips["Devices.Registration.zip"] = {"registration.csv": render_csv([
        {"AccountName": name, "DeviceSerialNumber": serial, "DeviceType": dtype,
         "FirstTimeRegistered": "2017-12-24T10:00:00Z"} for name, dtype, serial in kept])}
    root = tmp_path / "download"
    root.mkdir()
    for name, files in zips.items():
        with zipfile.ZipFile(root / name, "w") as z:
            for rel, data in files.items():
                z.writestr(rel, data)
    library.import_export(sorted(root.glob("*.zip")))
    check = library.last_archive_check
    assert check is not None
    assert [v.kind for v in check.verdicts] == ["part"]
    assert check.verdicts[0].codes == ("unlisted_devices",)
    evidence = check.verdicts[0].evidence[0]
    assert "not on this export's own list of registered devices" in evidence
    assert DEVICES[0][2] in evidence and DEVICES[1][2] not in evidence
    notice = " ".join(library.archive_notice(check, "en").split())
    assert "list of my registered devices (G090LF0964340EAH)" in notice


def test_sixty_percent_unrecognized_speaker(library: Library, tmp_path: Path) -> None:
    t0 = datetime(2024, 5, 1, 18, tzinfo=UTC)
    entries = [AssistantEntry(t0 + timedelta(hours=5 * i), said(f"play song {i}"),
                              details=[UNRECOGNIZED_SPEAKER] if i < 6 else [])
               for i in range(10)]
    library.import_export(write_takeout(tmp_path, entries))
    check = library.last_archive_check
    assert check is not None
    assert check.verdicts[0].title == "This export may not be yours"
    assert check.verdicts[0].evidence == (
        "Google marked 6 of 10 entries (60%) \"From unrecognized speaker\": its Voice Match "
        "did not recognise the voice.",)
    assert "60%" in library.archive_notice(check, "en")


def test_hours_that_fit_another_time_zone(library: Library, tmp_path: Path) -> None:
    def export(name: str, start: datetime, hours: list[int]) -> list[Path]:
        entries = [AssistantEntry(start.replace(hour=h) + timedelta(days=d), said("hi"))
                   for d in range(10) for h in hours]
        return write_takeout(tmp_path / name, entries)

    library.import_export(export("a", datetime(2024, 1, 1, tzinfo=UTC), [7, 8, 18, 19, 21]))
    assert library.last_archive_check is not None
    assert not library.last_archive_check.notes or all(
        "time zone" not in n for n in library.last_archive_check.notes)
    library.import_export(export("b", datetime(2024, 3, 1, tzinfo=UTC), [15, 16, 2, 3, 5]))
    check = library.last_archive_check
    assert check is not None and not check.verdicts  # a hint, not a verdict
    assert any("shifted by -8 hours" in n for n in check.notes)


def test_places_far_from_earlier_exports_and_from_the_rest(library: Library,
                                                          tmp_path: Path) -> None:
    berlin, munich, lisbon = (52.52, 13.405), (48.137, 11.575), (38.72, -9.14)

    def export(name: str, places: list[tuple[float, float]]) -> list[Path]:
        t0 = datetime(2024, 6, 1, 9, tzinfo=UTC) if name == "a" else datetime(2024, 8, 1, 9,
                                                                              tzinfo=UTC)
        entries = [AssistantEntry(t0 + timedelta(hours=13 * i), said("weather"), location=p)
                   for i, p in enumerate(places)]
        return write_takeout(tmp_path / name, entries)

    library.import_export(export("a", [berlin] * 8))
    library.import_export(export("b", [munich] * 3 + [lisbon] * 5))
    check = library.last_archive_check
    assert check is not None and not check.verdicts
    assert any("about 2," in n and "km from those of your earlier exports" in n
               for n in check.notes), check.notes
    assert any("3 of 8 located entries" in n for n in check.notes), check.notes


def test_transcripts_in_another_language(library: Library, tmp_path: Path) -> None:
    from sqlalchemy import update

    from reviewer.core.store import Clip

    def export(name: str, start: datetime) -> list[Path]:
        return write_takeout(tmp_path / name, [
            AssistantEntry(start + timedelta(hours=9 * i), said(f"hello {i}")) for i in range(25)])

    first = library.import_export(export("a", datetime(2024, 1, 1, tzinfo=UTC)))
    second = library.import_export(export("b", datetime(2024, 4, 1, tzinfo=UTC)))
    # What transcription records per clip (the language Whisper detected).
    with library.store.transaction() as s:
        s.execute(update(Clip).where(Clip.import_id == first.import_id).values(language="de"))
        s.execute(update(Clip).where(Clip.import_id == second.import_id).values(language="en"))
    check = library.check_archive(second.import_id)
    assert check is not None and not check.verdicts
    assert "100% of this export's transcripts are in \"en\", your earlier exports' in \"de\"." \
        in check.notes


def test_cli_import_prints_the_warning(library: Library, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(library.paths.data_dir)
    library.close()
    assert main(["--data-dir", data_dir, "import", str(_alexa_with_two_customers(tmp_path))]) \
        == 0
    out = capsys.readouterr().out
    assert "PART OF THIS EXPORT MAY BE SOMEONE ELSE'S" in out
    assert "reviewer check-archive --import 1" in out


def test_serials_from_record_key_and_utterance_id() -> None:
    def meta(**ids: str) -> ClipMeta:
        return ClipMeta(1, "amazon", None, dict(ids), None, (), 0)

    assert serial_of(meta(recordKey="A3CUST#1700000000000#A3S5BH2HU6VAYF#G090LF0964340EAH")) \
        == "G090LF0964340EAH"
    assert serial_of(meta(utteranceId="AB72C64C86AW2:1.0/2024/01/05/21/G0911W0793360TLG/30:01::"
                                      "TNIH_2V.1")) == "G0911W0793360TLG"
    assert serial_of(meta(serial="XYZ")) == "XYZ"
    assert serial_of(meta()) is None


def test_cli_voices_and_check_archive_json(library: Library, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(library.paths.data_dir)
    library.close()
    clips = [warp(x, f) for f in (0.8, 1.25) for x in espeak_clips()[:4]]
    export = folder_export(tmp_path, "rec", clips, datetime(2024, 3, 1, tzinfo=UTC))
    assert main(["--data-dir", data_dir, "import", str(export)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "voices", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["embedded"] == 8 and out["pending"] == 0
    assert {"voices", "too_short", "no_speech", "unassigned", "enrolled"} <= set(out)
    assert out["voices"], "two generated voices of four clips each"
    first = out["voices"][0]
    assert {"id", "label", "clips", "first", "last", "devices", "examples"} <= set(first)
    assert len(first["examples"]) == 3
    assert main(["--data-dir", data_dir, "voices", "name", str(first["id"]), "me"]) == 0
    assert capsys.readouterr().out.strip() == f"Voice {first['id']}: me"
    assert main(["--data-dir", data_dir, "check-archive", "--json"]) == 0
    check = json.loads(capsys.readouterr().out)
    assert {"import_id", "label", "clips", "embedded", "unmatched", "claims", "verdicts",
            "notes", "findings"} <= set(check)
    assert check["embedded"] == 8 and check["claims"] is True
    for verdict in check["verdicts"]:
        assert {"kind", "title", "evidence", "advice", "clip_ids", "voice_ids"} <= set(verdict)
    assert main(["--data-dir", data_dir, "voices", "name", "999", "me"]) == 1
    assert "no voice 999" in capsys.readouterr().err
    assert main(["--data-dir", data_dir, "check-archive", "--import", "77"]) == 1


def test_cli_notice_without_a_verdict_says_so(library: Library, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(library.paths.data_dir)
    library.close()
    clip = np.concatenate([espeak_clips()[0]] * 2)
    export = folder_export(tmp_path, "one", [clip], datetime(2024, 3, 1, tzinfo=UTC))
    assert main(["--data-dir", data_dir, "import", str(export)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "check-archive", "--notice", "de"]) == 1
    assert "nothing to tell the vendor" in capsys.readouterr().err
