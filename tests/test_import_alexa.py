"""The Amazon Alexa importer on every layout the builders in reviewer.testing.alexa_exports make."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.importers.alexa import importer
from reviewer.core.importers.records import ClipRecord, Problem
from reviewer.core.importers.source import open_export
from reviewer.core.importers.timestamps import local_to_utc, parse_timestamp
from reviewer.testing import alexa_exports as ax
from reviewer.testing.alexa_exports import BuiltExport, ExpectedClip, ExportContent, make_audio

EN_DASH_LABEL = "Text not available \u2013 audio was not intended for Alexa"


# The audio format (by content) of every entry joined to a record, by logical path.
FORMATS: dict[str, str | None] = {}


# The files the last `run` counted as not voice history: logical path -> kind.
LEFT_OUT: dict[str, str] = {}


def run(path: Path) -> tuple[list[ClipRecord], list[Problem], int]:
    """Import `path` as the app does: open_export, detect, records. The problems returned
    are those that lost data or warn; files left out as not voice history go to LEFT_OUT."""
    with open_export([path]) as source:
        problems: list[Problem] = []
        score = importer.detect(source)
        records = list(importer.records(source, problems))
        # Entries are readable only while the source is open: sniff the joined audio now.
        for r in records:
            if r.audio is not None:
                FORMATS[r.audio.path] = sniff_audio(r.audio.read(SNIFF_BYTES))
    LEFT_OUT.clear()
    LEFT_OUT.update({p.where.split(": ", 1)[1]: p.reason for p in problems
                     if p.severity == "left_out"})
    return records, [p for p in problems if p.severity != "left_out"], score


def fmt(rec: ClipRecord) -> str | None:
    return FORMATS[rec.audio.path] if rec.audio is not None else None


def by_text(records: list[ClipRecord]) -> dict[str, ClipRecord]:
    return {r.recorded_at_text: r for r in records}


def assert_as_expected(records: list[ClipRecord], built: BuiltExport) -> None:
    """Every expected clip imported exactly once, with exactly the expected metadata."""
    assert len(records) == len(built.clips)
    got = by_text(records)
    assert len(got) == len(records), "two records share a time text; the test cannot match"
    for clip in built.clips:
        rec = got[clip.recorded_at_text]
        assert rec.vendor == "amazon"
        assert rec.recorded_at == clip.recorded_at
        assert rec.recorded_at is None or rec.recorded_at.tzinfo is UTC
        assert rec.time_approximate == clip.time_approximate
        assert rec.device == clip.device
        assert rec.vendor_transcript == clip.vendor_transcript
        assert rec.vendor_id == clip.vendor_id
        assert (rec.audio.name if rec.audio else None) == clip.audio_name
        assert fmt(rec) == clip.audio_format
        assert rec.extra.get("audio_join") == clip.join
        assert bool(rec.extra.get("orphan_audio")) == clip.orphan
        json.dumps(rec.extra)  # must be JSON-serialisable


# ---------------------------------------------------------------------------------------------
# customerHistoryRecords JSON


@pytest.mark.parametrize("form", ["folder", "zip", "nested_zip", "folder_with_zip", "bare"])
def test_history_json_every_form(tmp_path: Path, form: ax.ExportForm) -> None:
    built = ax.write_history_json_export(tmp_path, form=form)
    records, problems, score = run(built.path)
    assert problems == []
    assert score == 95
    assert_as_expected(records, built)
    json_path = built.logical("Voice History/customer-history-records.json")
    assert sorted(r.record_path for r in records if r.record_path) == [
        f"{json_path}#record={n}" for n in range(1, 7)]


def test_history_json_exact_metadata(tmp_path: Path) -> None:
    built = ax.write_history_json_export(tmp_path, form="nested_zip")
    got = by_text(run(built.path)[0])

    weather = got["1517580307765"]
    uid = ("AB72C64C86AW2:1.0/2018/02/02/14/G090LF0964340EAH/05:07::TNIH_2V."
           "00000000-2958-4a8a-bc62-5c2d8d0b9d1c")
    key = "A3EXAMPLECUST0M#1517580307765#A3S5BH2HU6VAYF#G090LF0964340EAH"
    assert weather.recorded_at == datetime(2018, 2, 2, 14, 5, 7, 765000, tzinfo=UTC)
    assert weather.time_approximate is False
    assert weather.device == "Kitchen Echo"
    assert weather.vendor_transcript == "what's the weather"
    assert weather.vendor_id == uid
    assert weather.identifiers == {"recordKey": key, "utteranceId": uid,
                                   "customerId": "A3EXAMPLECUST0M",
                                   "deviceType": "A3S5BH2HU6VAYF", "serial": "G090LF0964340EAH"}
    assert weather.account == "A3EXAMPLECUST0M"
    assert weather.extra["utteranceType"] == "GENERAL"
    assert weather.extra["domain"] == "Weather"
    assert weather.extra["intent"] == "GetWeatherForecastIntent"
    assert weather.extra["response_text"] == (
        "Right now in Seattle, it's 45 degrees with cloudy skies.")
    assert [i["recordItemType"] for i in weather.extra["items"]] == [
        "CUSTOMER_TRANSCRIPT", "ALEXA_RESPONSE"]
    assert weather.audio is not None
    assert weather.audio.path == (
        "Alexa.zip/Voice History/Audio/AB72C64C86AW2_1.0_2018_02_02_14_G090LF0964340EAH_05_07__"
        "TNIH_2V.00000000-2958-4a8a-bc62-5c2d8d0b9d1c.wav")
    assert weather.source_path == weather.audio.path
    assert weather.record_path == "Alexa.zip/Voice History/customer-history-records.json#record=1"
    assert weather.extra["audio_join"] == "id"

    # WAKE_WORD_ONLY: the label is the transcript; MP3 content behind a .bin name.
    wake = got["1517580741265"]
    assert wake.vendor_transcript == "Audio could not be understood"
    assert wake.extra["utteranceType"] == "WAKE_WORD_ONLY"
    assert wake.device == "Living Room Dot"
    assert wake.audio is not None and wake.audio.name.endswith(".bin")
    assert fmt(wake) == ".mp3"

    # Not meant for Alexa: Amazon's label verbatim, en dash and all; joined by time.
    discarded = got["1517581174765"]
    assert discarded.vendor_transcript == EN_DASH_LABEL
    assert "\u2013" in (discarded.vendor_transcript or "")
    assert discarded.extra["utteranceType"] == "DISCARDED_NON_DEVICE_DIRECTED_INTENT"
    assert discarded.audio is not None and discarded.audio.name == "1517581174765"
    assert discarded.extra["audio_join"] == "time"
    assert fmt(discarded) == ".ogg"

    # TTS_REPLACEMENT_TEXT is the response when there is no ALEXA_RESPONSE; audio by recordKey.
    jazz = got["1517581608265"]
    assert jazz.extra["response_text"] == "Shuffling jazz from Amazon Music."
    assert jazz.audio is not None
    assert jazz.audio.name == "A3EXAMPLECUST0M_1517581608265_A32DOYMUN6DTXA_G0911W0793360TLG.flac"

    # No utteranceId anywhere: vendor_id falls back to the recordKey; no audio.
    no_text = got["1517582475265"]
    assert no_text.vendor_transcript == "No text stored"
    assert no_text.vendor_id == "A3EXAMPLECUST0M#1517582475265#A32DOYMUN6DTXA#G0911W0793360TLG"
    assert "utteranceId" not in no_text.identifiers
    assert no_text.audio is None
    assert no_text.source_path == no_text.record_path == (
        "Alexa.zip/Voice History/customer-history-records.json#record=6")

    orphan = got["2018-02-03_14_48_28_000_UTC.m4a"]
    assert orphan.recorded_at == datetime(2018, 2, 3, 14, 48, 28, tzinfo=UTC)
    assert orphan.time_approximate is False
    assert orphan.extra["orphan_audio"] is True
    assert orphan.vendor_id is None
    assert orphan.source_path == "Alexa.zip/Voice History/Audio/2018-02-03_14_48_28_000_UTC.m4a"


def test_history_json_without_audio(tmp_path: Path) -> None:
    built = ax.write_history_json_export(tmp_path, with_audio=False)
    records, problems, score = run(built.path)
    assert problems == []
    assert score == 95
    assert [r.audio for r in records] == [None] * 6
    assert all("orphan_audio" not in r.extra for r in records)
    assert_as_expected(records, built)


def test_history_json_item_variants(tmp_path: Path) -> None:
    """Customer text beats the replacement label; several customer turns are all kept."""
    page = {"customerHistoryRecords": [
        {"recordKey": "CUST#1700000000000#TYPE#SER", "timestamp": "1700000000000",
         "device": {"deviceName": "Office"}, "voiceHistoryRecordItems": [
             {"recordItemType": "ASR_REPLACEMENT_TEXT", "transcriptText": "No text stored"},
             {"recordItemType": "CUSTOMER_TRANSCRIPT", "transcriptText": "alexa stop",
              "utteranceId": "U-1"},
             {"recordItemType": "CUSTOMER_TRANSCRIPT", "transcriptText": "and lights off",
              "utteranceId": "U-2"}]},
        # creationTimestamp instead of timestamp; device given as a plain name.
        {"creationTimestamp": 1700000060000, "device": "Garage", "utteranceId": "U-3",
         "voiceHistoryRecordItems": []},
    ]}
    content = ExportContent({"history.json": json.dumps(page).encode()}, ())
    built = ax.write_export(content, tmp_path)
    records, problems, _ = run(built.path)
    assert problems == []
    first, second = records
    assert first.vendor_transcript == "alexa stop\nand lights off"
    assert first.vendor_id == "U-1"
    assert first.identifiers == {"recordKey": "CUST#1700000000000#TYPE#SER", "utteranceId": "U-1",
                                 "utteranceId2": "U-2", "customerId": "CUST",
                                 "deviceType": "TYPE", "serial": "SER"}
    assert first.recorded_at == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert first.device == "Office"
    assert second.recorded_at_text == "1700000060000"
    assert second.device == "Garage"
    assert second.vendor_id == "U-3"
    assert second.vendor_transcript is None
    assert second.account is None


def test_history_json_bad_records_are_skipped_alone(tmp_path: Path) -> None:
    page = {"customerHistoryRecords": [
        {"recordKey": "C#1517580307765#T#S", "timestamp": 1517580307765,
         "voiceHistoryRecordItems": []},
        "not a record",
        {"voiceHistoryRecordItems": [{"recordItemType": "CUSTOMER_TRANSCRIPT"}]},
        {"timestamp": "last tuesday", "voiceHistoryRecordItems": []},
        {"recordKey": "C#1517580400000#T#S", "voiceHistoryRecordItems": []},
    ]}
    content = ExportContent({"h.json": json.dumps(page).encode()}, ())
    built = ax.write_export(content, tmp_path)
    records, problems, _ = run(built.path)
    # The last record has no timestamp field but its recordKey carries one.
    assert [r.recorded_at_text for r in records] == ["1517580307765", "1517580400000"]
    assert [r.record_path for r in records] == ["Alexa/h.json#record=1", "Alexa/h.json#record=5"]
    assert [(p.where.split(": ", 1)[1], p.reason) for p in problems] == [
        ("Alexa/h.json, record 2", "is not an object with named fields; skipped"),
        ("Alexa/h.json, record 3", "has no timestamp; skipped"),
        ("Alexa/h.json, record 4",
         "cannot read the time 'last tuesday' in 'timestamp'; skipped"),
    ]


def test_malformed_json_file_is_a_problem_and_the_rest_imports(tmp_path: Path) -> None:
    broken = b'{"customerHistoryRecords": [{"recordKey": "x", "timestamp": 15175'
    built = ax.write_history_json_export(tmp_path, extra_files={"Voice History/page-2.json":
                                                                broken})
    records, problems, _ = run(built.path)
    assert len(records) == 7
    assert len(problems) == 1
    assert problems[0].where.endswith("amazon-data: Alexa/Voice History/page-2.json")
    assert problems[0].reason.startswith("not valid JSON (")
    assert problems[0].severity == "skipped"


# ---------------------------------------------------------------------------------------------
# Index tables


@pytest.mark.parametrize(("variant", "encoding"), [
    ("amazon", "utf-8"), ("amazon", "utf-8-sig"), ("amazon", "utf-16"),
    ("snake", "utf-8"), ("snake", "utf-16"), ("iso_tab", "utf-8-sig"), ("json", "utf-8"),
])
def test_index_table_variants(tmp_path: Path, variant: ax.CsvVariant, encoding: str) -> None:
    built = ax.write_csv_index_export(tmp_path, variant=variant, encoding=encoding)
    records, problems, score = run(built.path)
    assert problems == []
    assert score == 90
    assert_as_expected(records, built)


def test_index_table_amazon_exact(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, form="zip", variant="amazon")
    got = by_text(run(built.path)[0])
    first = got["02/02/2018 14:05:07"]
    # No zone in Amazon's text: the user's local time, marked approximate.
    assert first.recorded_at == local_to_utc(datetime(2018, 2, 2, 14, 5, 7))
    assert first.time_approximate is True
    assert first.vendor_transcript == "what\u2019s on my calendar today"
    assert first.identifiers == {"utteranceId": "20180202-utt-0000-7f3a9c2e"}
    # Every other column, verbatim (the join bookkeeping aside).
    assert first.extra == {"Status": "SUCCESS", "Audio File": "audio/rec-0001.wav",
                           "audio_join": "name"}
    assert first.audio is not None
    assert first.audio.path == "Alexa/Voice Recordings/rec-0001.wav"
    assert first.extra["audio_join"] == "name"
    assert first.record_path == "Alexa/Alexa Voice History.csv#row=2"
    assert got["02/02/2018 14:14:10"].vendor_transcript == EN_DASH_LABEL
    lights = got["02/02/2018 14:26:47"]
    assert lights.audio is not None
    assert lights.audio.name == "voice_20180202-utt-0002-7f3a9c2e.bin"
    assert fmt(lights) == ".ogg"
    assert lights.extra["audio_join"] == "id"
    everest = got["02/02/2018 14:38:19"]
    assert everest.audio is not None
    assert everest.audio.name == "2018-02-02_14_38_19_765_UTC.flac"
    assert everest.extra["audio_join"] == "time"
    assert got["02/02/2018 14:53:02"].audio is None


def test_index_table_minute_precision_and_offsets(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, variant="iso_tab")
    got = by_text(run(built.path)[0])
    first = got["2018-02-02T15:05:07+01:00"]
    assert first.recorded_at == datetime(2018, 2, 2, 14, 5, 7, tzinfo=UTC)
    assert first.identifiers == {"id": "20180202-utt-0000-7f3a9c2e"}
    # Written to the minute only; the recording 19.765 s into that minute is still its audio.
    minute = got["2018-02-02T15:38+01:00"]
    assert minute.recorded_at == datetime(2018, 2, 2, 14, 38, tzinfo=UTC)
    assert minute.audio is not None
    assert minute.audio.name == "2018-02-02_14_38_19_765_UTC.flac"


def test_index_json_record_key(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, variant="json", form="folder_with_zip")
    got = by_text(run(built.path)[0])
    rec = got["2018-02-02T14:26:47.765Z"]
    key = "A3EXAMPLECUST0M#1517581607765#A3S5BH2HU6VAYF#G090LF0964340EAH"
    assert rec.vendor_id == key
    assert rec.account == "A3EXAMPLECUST0M"
    assert rec.identifiers == {"recordKey": key, "customerId": "A3EXAMPLECUST0M",
                               "deviceType": "A3S5BH2HU6VAYF", "serial": "G090LF0964340EAH"}
    assert rec.extra["utteranceType"] == "GENERAL"
    assert rec.record_path == "Alexa.zip/Voice History/voice-history.json#record=3"
    assert rec.audio is not None and rec.extra["audio_join"] == "id"


def test_csv_in_windows_1252(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, variant="amazon", encoding="cp1252")
    records, problems, _ = run(built.path)
    assert_as_expected(records, built)  # the en dash and the curly apostrophe survive
    assert [(p.severity, p.where.split(": ", 1)[1]) for p in problems] == [
        ("warning", "Alexa/Alexa Voice History.csv")]
    assert "Windows-1252" in problems[0].reason


def test_malformed_csv_rows_are_problems_with_row_numbers(tmp_path: Path) -> None:
    table = (
        b"Alexa voice history export\r\n"  # a title line before the header
        b"Time;Device;Transcript;Status\r\n"
        b"02/02/2018 14:05 UTC;Kitchen Echo;one;ok\r\n"
        b"02/02/2018 14:06 UTC;Kitchen Echo;two;ok;surplus\r\n"
        b"yesterday;Kitchen Echo;three;ok\r\n"
        b";Kitchen Echo;four;ok\r\n"
        b"02/02/2018 14:09 PST;Kitchen Echo;five;ok;\r\n"  # a trailing delimiter is harmless
        b";;;\r\n"
        b"02/02/2018 14:10;Kitchen Echo;\"six; with \"\"quotes\"\"\";ok\r\n"
    )
    content = ExportContent({"bad.csv": table, "a.wav": make_audio(1)}, ())
    built = ax.write_export(content, tmp_path)
    records, problems, _ = run(built.path)
    rows = [r for r in records if not r.extra.get("orphan_audio")]
    assert [(r.vendor_transcript, r.record_path) for r in rows] == [
        ("one", "Alexa/bad.csv#row=3"), ("five", "Alexa/bad.csv#row=7"),
        ('six; with "quotes"', "Alexa/bad.csv#row=9")]
    assert rows[0].recorded_at == datetime(2018, 2, 2, 14, 5, tzinfo=UTC)
    assert rows[1].recorded_at == datetime(2018, 2, 2, 22, 9, tzinfo=UTC)
    assert rows[1].extra == {"Status": "ok"}
    assert [(p.where.split(": ", 1)[1], p.reason) for p in problems] == [
        ("Alexa/bad.csv, row 4", "has 5 fields but the header has 4; skipped"),
        ("Alexa/bad.csv, row 5", "cannot read the time 'yesterday' in the 'Time' column; skipped"),
        ("Alexa/bad.csv, row 6", "has no time in the 'Time' column; skipped"),
    ]


def test_csv_column_naming_tolerance(tmp_path: Path) -> None:
    """Separate date and time columns, odd capitalisation, a device column by suffix."""
    table = ("DATE\tTIME\tEcho Device Name\tUTTERANCE_TEXT\r\n"
             "2018-02-02\t14:05:07\tKitchen Echo\thello\r\n").encode("utf-16")
    content = ExportContent({"list.tsv": table}, ())
    records, problems, _ = run(ax.write_export(content, tmp_path).path)
    assert problems == []
    (rec,) = records
    assert rec.recorded_at == datetime(2018, 2, 2, 14, 5, 7, tzinfo=UTC)
    assert rec.recorded_at_text == "2018-02-02 14:05:07"
    assert rec.device == "Kitchen Echo"
    assert rec.vendor_transcript == "hello"
    assert rec.extra == {}


def test_missing_named_audio_is_a_warning(tmp_path: Path) -> None:
    table = b"Time,Transcript,Audio File\r\n02/02/2018 14:05:07,hi,gone.wav\r\n"
    content = ExportContent({"t.csv": table, "x.wav": make_audio(3)}, ())
    records, problems, _ = run(ax.write_export(content, tmp_path).path)
    row = next(r for r in records if r.vendor_transcript == "hi")
    assert row.audio is None
    assert [(p.severity, p.where.split(": ", 1)[1]) for p in problems] == [
        ("warning", "Alexa/t.csv, row 2")]
    assert "'gone.wav'" in problems[0].reason


# ---------------------------------------------------------------------------------------------
# Joins


def test_each_audio_joins_at_most_once_and_the_closest_wins(tmp_path: Path) -> None:
    table = (b"timestamp,transcript\r\n"
             b"2018-02-02T14:05:05Z,early\r\n"
             b"2018-02-02T14:05:07Z,exact\r\n"
             b"2018-02-02T14:30:00Z,far\r\n")
    content = ExportContent({
        "t.csv": table,
        "2018-02-02_14_05_07_000_UTC.wav": make_audio(1),
        "2018-02-02_14_30_09_000_UTC.wav": make_audio(2),  # 9 s away: too far to be its audio
    }, ())
    records, problems, _ = run(ax.write_export(content, tmp_path).path)
    assert problems == []
    got = {r.vendor_transcript: r for r in records}
    assert got["exact"].audio is not None
    assert got["exact"].audio.name == "2018-02-02_14_05_07_000_UTC.wav"
    assert got["early"].audio is None
    assert got["far"].audio is None
    orphan = got[None]
    assert orphan.audio is not None and orphan.audio.name == "2018-02-02_14_30_09_000_UTC.wav"
    assert orphan.extra == {"orphan_audio": True, "time_source": "file name"}
    assert orphan.recorded_at == datetime(2018, 2, 2, 14, 30, 9, tzinfo=UTC)


def test_time_join_respects_devices(tmp_path: Path) -> None:
    """Two devices heard the same moment; each keeps the recording from its own folder."""
    table = (b"Time,Device,Transcript\r\n"
             b"02/02/2018 14:05:07,Kitchen Echo,kitchen\r\n"
             b"02/02/2018 14:05:07,Bedroom Dot,bedroom\r\n")
    content = ExportContent({
        "t.csv": table,
        "Kitchen Echo/2018-02-02_14_05_08_000_UTC.wav": make_audio(1),
        "Bedroom Dot/2018-02-02_14_05_07_000_UTC.wav": make_audio(2),
    }, ())
    records, _, _ = run(ax.write_export(content, tmp_path).path)
    got = {r.vendor_transcript: r for r in records}
    assert len(records) == 2
    assert got["kitchen"].audio is not None and got["bedroom"].audio is not None
    assert got["kitchen"].audio.path == "Alexa/Kitchen Echo/2018-02-02_14_05_08_000_UTC.wav"
    assert got["bedroom"].audio.path == "Alexa/Bedroom Dot/2018-02-02_14_05_07_000_UTC.wav"


def test_short_ids_only_match_whole_names(tmp_path: Path) -> None:
    table = b"id,time,transcript\r\n7,1517580307765,a\r\n17,1517580999000,b\r\n"
    content = ExportContent({"t.csv": table, "17.mp3": make_audio(1, "mp3"),
                             "take 7 of 17.wav": make_audio(2)}, ())
    records, _, _ = run(ax.write_export(content, tmp_path).path)
    got = {r.vendor_transcript: r for r in records}
    assert got["a"].audio is None
    assert got["b"].audio is not None and got["b"].audio.name == "17.mp3"
    assert got[None].audio is not None and got[None].audio.name == "take 7 of 17.wav"
    # No time in its name: time unknown (never the file date).
    assert got[None].recorded_at is None
    assert got[None].recorded_at_text == ""
    assert got[None].time_approximate is False


# ---------------------------------------------------------------------------------------------
# The 2018 download


@pytest.mark.parametrize(("list_format", "form"), [
    ("txt", "folder"), ("txt", "zip"), ("csv", "folder"), ("csv", "nested_zip"),
    ("html", "folder"), ("html", "folder_with_zip"),
])
def test_2018_layout(tmp_path: Path, list_format: ax.ListFormat, form: ax.ExportForm) -> None:
    built = ax.write_2018_export(tmp_path, list_format=list_format, form=form)
    records, problems, score = run(built.path)
    assert problems == []
    assert score == 90
    assert_as_expected(records, built)


def test_2018_exact(tmp_path: Path) -> None:
    built = ax.write_2018_export(tmp_path, list_format="txt")
    got = by_text(run(built.path)[0])
    first = got["02/02/2018 14:05:07 UTC"]
    assert first.recorded_at == datetime(2018, 2, 2, 14, 5, 7, tzinfo=UTC)
    assert first.vendor_transcript == "Alexa, what's the weather"
    assert first.record_path == "Alexa/Alexa Voice History.txt#line=3"
    assert first.audio is not None
    assert first.source_path == "Alexa/Voice Recordings/2018-02-02T14-05-07Z.wav"
    # The WAV is named one second after the listed time.
    label = got["02/02/2018 14:09:30 UTC"]
    assert label.vendor_transcript == "Audio was not intended for Alexa"
    assert label.audio is not None and label.audio.name == "2018-02-02T14-09-31Z.wav"
    assert got["02/02/2018 14:15:07 UTC"].audio is None
    # No time in its name: its time is unknown, never the file date (the zip's packing time).
    undated = got[""]
    assert undated.audio is not None and undated.audio.name == "recording.wav"
    assert undated.recorded_at is None and undated.time_approximate is False
    assert undated.extra["time_source"] == "unknown"


def test_2018_list_with_bad_lines(tmp_path: Path) -> None:
    listing = (b"Alexa voice history\n"
               b"02/02/2018 14:05:07 UTC\tfirst\n"
               b"sometime later\tlost\n"
               b"2018-02-02 14:07:00 Alexa, play music\n"
               b"02/02/2018 2:08 PM - third\n")
    content = ExportContent({"Voice history.txt": listing}, ())
    records, problems, _ = run(ax.write_export(content, tmp_path).path)
    assert [(r.recorded_at, r.vendor_transcript) for r in records] == [
        (datetime(2018, 2, 2, 14, 5, 7, tzinfo=UTC), "first"),
        # "Alexa" is not a zone: it stays in the transcript.
        (datetime(2018, 2, 2, 14, 7, tzinfo=UTC), "Alexa, play music"),
        (datetime(2018, 2, 2, 14, 8, tzinfo=UTC), "third"),
    ]
    assert [r.recorded_at_text for r in records] == [
        "02/02/2018 14:05:07 UTC", "2018-02-02 14:07:00", "02/02/2018 2:08 PM"]
    assert [(p.where.split(": ", 1)[1], p.reason) for p in problems] == [
        ("Alexa/Voice history.txt, line 3", "does not start with a date and time; skipped")]


def test_non_audio_file_with_audio_name_is_not_audio(tmp_path: Path) -> None:
    built = ax.write_2018_export(tmp_path, include_decoy=True, form="zip")
    records, problems, _ = run(built.path)
    assert_as_expected(records, built)
    assert all(r.audio is None or r.audio.name != "broken.wav" for r in records)
    assert len(problems) == 1
    assert problems[0].where.endswith("amazon-data.zip: Alexa/Voice Recordings/broken.wav")
    assert "not audio" in problems[0].reason


# ---------------------------------------------------------------------------------------------
# Detection


def _folder(tmp_path: Path, files: Mapping[str, bytes]) -> Path:
    root = tmp_path / "export"
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_detect_zero_for_google_takeout(tmp_path: Path) -> None:
    activity = json.dumps([{"header": "Assistant", "title": "Said hello",
                            "time": "2018-02-02T02:05:07.765Z"}]).encode()
    root = _folder(tmp_path, {
        "Takeout/My Activity/Assistant/MyActivity.json": activity,
        "Takeout/My Activity/Assistant/2018-02-02_02_05_07_765_UTC.mp3": make_audio(1, "mp3"),
        "Takeout/archive_browser.html": b"<html><body>Takeout</body></html>",
    })
    assert run(root)[2] == 0


def test_detect_zero_for_plain_audio_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path, {"a.wav": make_audio(1), "b.mp3": make_audio(2, "mp3"),
                              "notes.txt": b"my recordings\n"})
    assert run(root)[2] == 0


def test_detect_zero_for_other_amazon_tables(tmp_path: Path) -> None:
    root = _folder(tmp_path, dict(ax.UNRELATED_FILES))
    records, problems, score = run(root)
    assert (records, problems, score) == ([], [], 0)


def test_detect_medium_for_table_and_audio_without_alexa_folder(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, form="bare", variant="snake")
    records, _, score = run(built.path)
    assert score == 60
    assert_as_expected(records, built)


def test_detect_high_for_alexa_folder_with_audio_only(tmp_path: Path) -> None:
    root = _folder(tmp_path, {"Alexa/recording-1": make_audio(1, "flac")})
    records, _, score = run(root)
    assert score == 90
    assert len(records) == 1 and records[0].extra["orphan_audio"] is True


def test_unrelated_files_outside_the_alexa_part_are_ignored(tmp_path: Path) -> None:
    built = ax.write_csv_index_export(tmp_path, form="nested_zip")
    assert "Retail.OrderHistory.1/Retail.OrderHistory.1.csv" in built.files
    records, problems, _ = run(built.path)
    assert problems == []
    assert all(r.record_path is None or r.record_path.startswith("Alexa.zip/")
               for r in records)


# ---------------------------------------------------------------------------------------------
# Shared timestamp parsing (fixed while writing this importer)


def test_unknown_zone_word_is_approximate() -> None:
    assert parse_timestamp("02/02/2018 14:05 IST") == (
        datetime(2018, 2, 2, 14, 5, tzinfo=UTC), True)
    assert parse_timestamp("02/02/2018 14:05 UTC") == (
        datetime(2018, 2, 2, 14, 5, tzinfo=UTC), False)
    # No zone at all: the user's local time, approximate (never exact UTC).
    assert parse_timestamp("02/02/2018 2:05 PM") == (
        local_to_utc(datetime(2018, 2, 2, 14, 5)), True)


def test_builder_expectations_are_consistent() -> None:
    """The builder's own promises: unique audio, unique times, labels verbatim."""
    content = ax.history_json_content(records=12)
    audio = [data for path, data in content.files.items() if "/Audio/" in path]
    assert len(set(audio)) == len(audio)
    assert len({c.recorded_at_text for c in content.clips}) == len(content.clips)
    assert ax.LABEL_NOT_INTENDED == EN_DASH_LABEL
    assert isinstance(content.clips[0], ExpectedClip)


def test_a_plain_file_column_counts_only_when_it_names_audio(tmp_path: Path) -> None:
    """Judged by what a table holds: "File" naming recordings makes a voice table; the same
    columns naming invoices do not (and the file is counted as left out)."""
    voice = (b"Date Time,Device,File\r\n"
             b"2018-02-02T14:05:07Z,Kitchen Echo,rec-1.wav\r\n")
    invoices = (b"Date Time,Device,File\r\n"
                b"2018-02-03T10:00:00Z,Pixel 2,invoice-1.pdf\r\n")
    content = ExportContent({"export/list.csv": voice, "export/rec-1.wav": make_audio(7),
                             "Retail.Invoices/invoices.csv": invoices}, ())
    records, problems, _ = run(ax.write_export(content, tmp_path, unrelated=False).path)
    assert problems == []
    (rec,) = records
    assert rec.device == "Kitchen Echo" and rec.audio is not None
    assert rec.extra["audio_join"] == "name"
    assert LEFT_OUT == {"Alexa/Retail.Invoices/invoices.csv": "tables of other services"}
