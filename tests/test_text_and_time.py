from __future__ import annotations

import codecs
from datetime import UTC, datetime
from typing import Any

import pytest

from reviewer.core.audio.formats import sniff_audio
from reviewer.core.importers.textfiles import TextDecodeError, decode_text
from reviewer.core.importers.timestamps import parse_timestamp, time_from_filename, utc_iso
from reviewer.testing.audio import encode, tone


@pytest.mark.parametrize(("text", "expected", "approx"), [
    ("2018-02-02T02:05:07.765Z", datetime(2018, 2, 2, 2, 5, 7, 765000, tzinfo=UTC), False),
    ("2018-02-02T02:05:07.7651234Z", datetime(2018, 2, 2, 2, 5, 7, 765123, tzinfo=UTC), False),
    ("2019-05-12T19:25:42+02:00", datetime(2019, 5, 12, 17, 25, 42, tzinfo=UTC), False),
    ("1546300800000", datetime(2019, 1, 1, tzinfo=UTC), False),
    ("1546300800", datetime(2019, 1, 1, tzinfo=UTC), False),
    ("01/05/2019 1:45 PM UTC", datetime(2019, 1, 5, 13, 45, tzinfo=UTC), False),
    ("2019-01-05 13:45:00+0100", datetime(2019, 1, 5, 12, 45, tzinfo=UTC), False),
    ("Feb 2, 2018, 2:05:07 AM PST", datetime(2018, 2, 2, 10, 5, 7, tzinfo=UTC), False),
    ("Feb 2, 2018, 2:05:07\u202fAM UTC", datetime(2018, 2, 2, 2, 5, 7, tzinfo=UTC), False),
    ("02.02.2018, 02:05:07 MEZ", datetime(2018, 2, 2, 1, 5, 7, tzinfo=UTC), False),
])
def test_vendor_timestamps(text: str, expected: datetime, approx: bool) -> None:
    assert parse_timestamp(text) == (expected, approx)


@pytest.mark.parametrize(("zone", "text", "expected"), [
    ("America/Los_Angeles", "Feb 2, 2018, 2:05:07 AM", datetime(2018, 2, 2, 10, 5, 7)),
    ("Europe/Berlin", "01/05/2019 13:45", datetime(2019, 1, 5, 12, 45)),
    ("Asia/Tokyo", "2019-07-01 09:00:00", datetime(2019, 7, 1, 0, 0)),
    ("Europe/Berlin", "Jul 1, 2019, 9:00:00 AM XYZ", datetime(2019, 7, 1, 7, 0)),
])
def test_zone_less_times_are_local_and_approximate(local_zone: Any, zone: str, text: str,
                                                   expected: datetime) -> None:
    """A time with no (known) zone is the user's own local time, never exact UTC."""
    local_zone(zone)
    assert parse_timestamp(text) == (expected.replace(tzinfo=UTC), True)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sep 10, 2019, 8:51:45 PM MSK", datetime(2019, 9, 10, 17, 51, 45)),
    ("Jan 15, 2021, 6:54:12 PM BST", datetime(2021, 1, 15, 17, 54, 12)),
    ("Sep 10, 2019, 8:51:45 PM PDT", datetime(2019, 9, 11, 3, 51, 45)),
    ("Sep 10, 2019, 8:51:45 PM GMT+3", datetime(2019, 9, 10, 17, 51, 45)),
    ("Sep 10, 2019, 8:51:45 PM GMT-07:00", datetime(2019, 9, 11, 3, 51, 45)),
    ("Sep 10, 2019, 8:51:45 PM UTC+5:30", datetime(2019, 9, 10, 15, 21, 45)),
    ("10.09.2019, 20:51:45 MESZ", datetime(2019, 9, 10, 18, 51, 45)),
    ("10.09.2019, 20:51:45 CET", datetime(2019, 9, 10, 19, 51, 45)),
])
def test_takeout_zone_labels(text: str, expected: datetime) -> None:
    """Takeout HTML labels are the exporter's offset at export time, taken as written."""
    assert parse_timestamp(text) == (expected.replace(tzinfo=UTC), False)


@pytest.mark.parametrize("text", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_times_outside_what_a_datetime_holds_are_no_time(text: str) -> None:
    assert parse_timestamp(text) is None


@pytest.mark.parametrize("text", ["", "garbage", "12", "99/99/2019 10:00", "5000000000000"])
def test_non_timestamps(text: str) -> None:
    assert parse_timestamp(text) is None


def test_times_in_file_names() -> None:
    assert time_from_filename("2018-02-02_02_05_07_765_UTC.mp3") == (
        datetime(2018, 2, 2, 2, 5, 7, 765000, tzinfo=UTC), False)
    assert time_from_filename("20240105-213000.wav") == (
        datetime(2024, 1, 5, 21, 30, tzinfo=UTC), True)
    assert time_from_filename("rec_1546300800000.wav") == (datetime(2019, 1, 1, tzinfo=UTC),
                                                           False)
    assert time_from_filename("kitchen 3.m4a") is None


def test_utc_iso_keeps_milliseconds() -> None:
    assert utc_iso(datetime(2018, 2, 2, 2, 5, 7, 765000, tzinfo=UTC)) == "2018-02-02T02:05:07.765Z"
    assert utc_iso(datetime(2018, 2, 2, tzinfo=UTC)) == "2018-02-02T00:00:00Z"


def test_text_encodings() -> None:
    assert decode_text("héllo".encode()) == "héllo"
    assert decode_text(codecs.BOM_UTF8 + b"a,b") == "a,b"
    assert decode_text(codecs.BOM_UTF16_LE + "zeit,text".encode("utf-16-le")) == "zeit,text"
    assert decode_text("zeit,text".encode("utf-16-le")) == "zeit,text"
    assert decode_text("Gerät".encode("cp1252")) == "Gerät"
    # A download cut in the middle of a character loses that character only.
    assert decode_text(codecs.BOM_UTF16_LE + "a,b".encode("utf-16-le") + b"\x41") == "a,b"


def test_binary_is_not_text() -> None:
    with pytest.raises(TextDecodeError):
        decode_text(bytes(range(256)) * 4)


@pytest.mark.parametrize("fmt", ["wav", "mp3", "flac", "ogg", "m4a"])
def test_audio_is_recognised_by_content(fmt: str) -> None:
    assert sniff_audio(encode(tone(0.3), fmt)[:64]) == f".{fmt}"


@pytest.mark.parametrize("data", [b"", b"RIFF", b"hello world, not audio",
                                  b"PK\x03\x04" + bytes(60), b"%PDF-1.4" + bytes(60),
                                  b"\xff\xd8\xff\xe0" + bytes(60)])
def test_non_audio_is_not_audio(data: bytes) -> None:
    assert sniff_audio(data) is None
