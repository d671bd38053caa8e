"""Amazon downloads as users receive them, beyond the Alexa part alone.

* `write_full_download`: a "Request Your Data" download: one zip per service (`Alexa.zip`,
  `Devices.Registration.zip`, `Amazon-Music.zip`, `Retail.OrderHistory.1.zip`,
  `Retail.OutboundNotifications.zip`), as separate zips, a folder holding them, or every zip
  extracted into a folder of its name. Only `Alexa.zip`'s voice history may become clips;
  the timed tables beside it (country of residence, hunches, a music account, app updates,
  orders) are what earlier importers wrongly turned into clips. Paths and columns follow
  btidor/ccpa.party's Amazon parser; where it is silent (the registration file's serial
  column) the names are a guess, noted in `REGISTRATION_COLUMNS`.
* `activities_content`: older Alexa activity records (`/api/activities` pages as backup and
  forensic tools save them): one JSON per page, the recording beside it as
  `<creationTimestamp>.wav`, the transcript inside `description` as a JSON string.
* `gdpr_2018_content`: the 2018 GDPR download (c't 1/2019): numbered WAVs whose names carry
  no time, and a PDF listing each recording's time and text in the same order.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from reviewer.testing.alexa_exports import (
    CUSTOMER_ID,
    DEFAULT_MTIME,
    DEVICES,
    ExpectedClip,
    ExportContent,
    _zip_bytes,
    history_json_content,
    make_audio,
    render_csv,
)
from reviewer.testing.pdf_text import text_pdf

DownloadForm = Literal["zips", "folder_of_zips", "extracted"]

# The columns of Devices.Registration's table. ccpa.party reads `FirstTimeRegistered` and
# `AccountName` (the device's name); the serial and type columns are our guess.
REGISTRATION_COLUMNS = ("AccountName", "DeviceSerialNumber", "DeviceType",
                        "FirstTimeRegistered")
# A phone app registered too: it never recorded anything here, but it is the account's.
PHONE = ("Pixel 2 Alexa App", "A2IVLV5VM2W81", "b2b1e5a9d1c4e0f7")

# Other services' files: each holds a time, most a word or a device, none is voice history.
OTHER_SERVICE_FILES: dict[str, dict[str, bytes]] = {
    "Alexa.zip": {
        "Location/Country of Residence-1.csv": render_csv(
            [{"Timestamp": "2019-03-01T10:00:00.000Z", "Country": "CH"}]),
        "Smart Home/Hunches.csv": render_csv(
            [{"Timestamp": "2019-03-02T22:15:00Z", "Device": "Kitchen Echo",
              "Hunch": "Porch light left on"}]),
        "Alexa.Description.pdf": text_pdf(
            ["Alexa", "This file describes the data in the Alexa folder."]),
    },
    "Amazon-Music.zip": {
        "account.csv": render_csv([{"Account_Creation_Time": "2018-01-02 10:00:00 UTC",
                                    "Music_Territory": "US"}]),
        "library.csv": render_csv([{"creationDate": "2018-01-03T10:00:00Z",
                                    "title": "So What", "albumName": "Kind of Blue"}]),
    },
    "Retail.OrderHistory.1.zip": {
        "Retail.OrderHistory.1/Retail.OrderHistory.1.csv": render_csv(
            [{"Order Date": "01/30/2018 10:00:00 UTC", "Order ID": "111-2223334-5556667",
              "Product Name": "Echo Dot (2nd Gen)", "Total Owed": "49.99"}]),
    },
    "Retail.OutboundNotifications.zip": {
        "OutboundNotifications.AmazonApplicationUpdateHistory.csv": render_csv(
            [{"Application": "Amazon Alexa", "Device": "Pixel 2",
              "App Last Updated Time": "03/01/2019 10:00"},
             {"Application": "Amazon Shopping", "Device": "Pixel 2",
              "App Last Updated Time": "03/02/2019 11:30"}]),
        "Retail.OutboundNotifications.Description.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 32,
    },
}


@dataclass(frozen=True)
class BuiltDownload:
    """A download on disk: `paths` are what the user hands over (one folder, or the zips)."""

    paths: tuple[Path, ...]
    clips: tuple[ExpectedClip, ...]
    devices: tuple[tuple[str, str, str], ...]  # (name, type, serial) of registration.csv
    # What the report must count as left out, by kind.
    left_out: dict[str, int]


def registration_csv() -> bytes:
    rows = [{"AccountName": name, "DeviceSerialNumber": serial, "DeviceType": dtype,
             "FirstTimeRegistered": f"2017-12-{24 + i}T10:00:00Z"}
            for i, (name, dtype, serial) in enumerate((*DEVICES, PHONE))]
    return render_csv(rows)


def download_zips() -> tuple[dict[str, dict[str, bytes]], tuple[ExpectedClip, ...]]:
    """The files of each zip of the download, and the clips its Alexa part holds."""
    voice = history_json_content()
    zips = {name: dict(files) for name, files in OTHER_SERVICE_FILES.items()}
    zips["Alexa.zip"].update(voice.files)
    zips["Devices.Registration.zip"] = {"registration.csv": registration_csv()}
    return zips, voice.clips


def write_full_download(dest: Path, form: DownloadForm = "zips") -> BuiltDownload:
    """The download as `form`:

    * "zips": the zips side by side in `dest/download/`; `paths` lists every zip;
    * "folder_of_zips": the same folder, handed over as one path;
    * "extracted": each zip unpacked into a folder named after it (`Alexa/`, ...).
    """
    zips, clips = download_zips()
    root = dest / "download"
    root.mkdir(parents=True, exist_ok=True)
    for name, files in zips.items():
        if form == "extracted":
            folder = root / name.removesuffix(".zip")
            for rel, data in files.items():
                target = folder / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        else:
            (root / name).write_bytes(_zip_bytes(files, DEFAULT_MTIME))
    paths = (tuple(sorted(root.glob("*.zip"))) if form == "zips" else (root,))
    devices = tuple((n, t, s) for n, t, s in (*DEVICES, PHONE))
    left_out = {"tables of other services": 6, "PDF documents": 1, "images": 1}
    return BuiltDownload(paths, clips, devices, left_out)


# ---------------------------------------------------------------------------------------------
# /api/activities pages

ACTIVITIES_START = datetime(2017, 5, 28, 18, 30, 12, 345000, tzinfo=UTC)
# (what was said, device index, with audio)
_ACTIVITIES: tuple[tuple[str, int, bool], ...] = (
    ("echo what's the weather", 0, True),
    ("alexa set a timer for five minutes", 1, True),
    ("alexa stop", 0, False),
    ("echo play jazz", 1, True),
)


def activities_content(pages: int = 2) -> ExportContent:
    """`pages` JSON pages of activity records (two records each), audio beside them."""
    files: dict[str, bytes] = {}
    clips: list[ExpectedClip] = []
    per_page = -(-len(_ACTIVITIES) // pages)
    for p in range(pages):
        records = []
        for i in range(p * per_page, min((p + 1) * per_page, len(_ACTIVITIES))):
            said, device_index, with_audio = _ACTIVITIES[i]
            when = ACTIVITIES_START + timedelta(minutes=13 * i, seconds=7 * i)
            ts = int(when.timestamp() * 1000)
            _name, dtype, serial = DEVICES[device_index]
            utterance = f"{dtype}:1.0/2017/05/28/18/{serial}/{i:02d}:00::TNIH_2V.{i:08x}"
            records.append({
                "activityStatus": "SUCCESS", "creationTimestamp": ts,
                "description": json.dumps({"summary": said, "firstUtteranceId": utterance,
                                           "firstStreamId": f"{dtype}:1.0/stream/{i}"}),
                "domainAttributes": None, "id": f"{CUSTOMER_ID}#{ts}#{dtype}#{serial}",
                "intentType": "GENERAL", "providerInfoDescription": None,
                "registeredCustomerId": CUSTOMER_ID, "sourceActiveUsers": None,
                "sourceDeviceIds": [{"deviceAccountId": f"ACC{device_index}X7Q",
                                     "deviceType": dtype, "serialNumber": serial}],
                "utteranceId": utterance, "version": 1,
            })
            audio_name = f"{ts}.wav" if with_audio else None
            if audio_name:
                files[f"activities/{audio_name}"] = make_audio(300 + i)
            clips.append(ExpectedClip(
                recorded_at=when, recorded_at_text=str(ts), device=serial,
                vendor_transcript=said, vendor_id=utterance, audio_name=audio_name,
                audio_format=".wav" if audio_name else None,
                join="id" if audio_name else None))
        page = {"activities": records, "endDate": None, "startDate": None}
        files[f"activities/activities-page-{p + 1}.json"] = json.dumps(page).encode()
    return ExportContent(files, tuple(clips))


# ---------------------------------------------------------------------------------------------
# The 2018 GDPR download

GDPR_START = datetime(2018, 6, 3, 19, 41, 2, tzinfo=UTC)
_GDPR_ROWS: tuple[str, ...] = (
    "Alexa, wie wird das Wetter morgen",
    "Audio was not intended for Alexa",
    "Alexa, spiel Musik von Queen im Wohnzimmer und mach die Musik bitte ein bisschen "
    "lauter als gestern",  # long enough to wrap onto a second line of the PDF
    "Alexa, stopp",
)
GDPR_PDF = "Alexa/Alexa Aufnahmen.pdf"


def gdpr_2018_content(*, extra_wav: bool = False, damaged_pdf: bool = False,
                      lengths: bool = False) -> ExportContent:
    """Numbered WAVs (`Alexa/Audio/0001.wav`...) and the PDF list of times and texts.

    `extra_wav` adds one more numbered WAV than the list has rows (as `0003.wav`, 4 s long,
    the later ones renumbered): without `lengths` the order then proves nothing, so every
    WAV's time is unknown; with `lengths` (each row ends with its recording's length, "0:02")
    the rows are aligned to their WAVs by length and only the extra WAV's time is unknown.
    `damaged_pdf` truncates the PDF. Personal-data files of the same download (a CSV of
    addresses, a README) are left out.
    """
    files: dict[str, bytes] = {}
    clips: list[ExpectedClip] = []
    lines = ["Amazon Alexa - Sprachaufnahmen", "Zeit (UTC)   Transkript"]
    # Row i's recording: make_audio(400 + i) lasts 0.5 + (i % 4) * 0.5 s.
    names = [f"{n + (1 if extra_wav and n >= 2 else 0) + 1:04d}.wav"
             for n in range(len(_GDPR_ROWS))]
    for i, name in enumerate(names):
        files[f"Alexa/Audio/{name}"] = make_audio(400 + i)
    if extra_wav:
        files["Alexa/Audio/0003.wav"] = make_audio(499, seconds=4.0)
    joined = not damaged_pdf and (lengths or not extra_wav)
    for i, said in enumerate(_GDPR_ROWS):
        when = GDPR_START + timedelta(minutes=37 * i, seconds=11 * i)
        text = f"{when:%m/%d/%Y %H:%M:%S} UTC"
        length = f"   0:0{1 + (i % 4) // 2}" if lengths else ""  # rounded to the second
        if len(said) > 60:  # the PDF wraps long transcripts (at a space)
            cut = said.rindex(" ", 0, 60)
            lines += [f"{text}   {said[:cut]}", f"    {said[cut + 1:]}{length}"]
        else:
            lines.append(f"{text}   {said}{length}")
        if not damaged_pdf:
            clips.append(ExpectedClip(
                recorded_at=when, recorded_at_text=text, vendor_transcript=said,
                audio_name=names[i] if joined else None,
                audio_format=".wav" if joined else None, join="order" if joined else None))
    unknown = sorted(({"0003.wav"} if extra_wav else set())
                     | (set() if joined else set(names)))
    clips += [ExpectedClip(recorded_at=None, recorded_at_text="", audio_name=name,
                           audio_format=".wav", orphan=True, time_unknown=True)
              for name in unknown]
    pdf = text_pdf(lines)
    files[GDPR_PDF] = pdf[:len(pdf) // 3] if damaged_pdf else pdf
    files["Personal Data/addresses.csv"] = render_csv(
        [{"Name": "Max Muster", "Street": "Hauptstr. 1", "City": "Berlin"}])
    files["README.txt"] = b"Your Amazon data, as requested on 2018-05-28.\n"
    return ExportContent(files, tuple(clips))


def write_zip(content: ExportContent, path: Path) -> Path:
    """`content`'s files in one zip at `path` (packed at `DEFAULT_MTIME`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_zip_bytes(dict(content.files), DEFAULT_MTIME))
    return path


def write_folder(content: ExportContent, path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    for rel, data in content.files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(data)
    return path


__all__ = ["ACTIVITIES_START", "GDPR_PDF", "GDPR_START", "OTHER_SERVICE_FILES", "PHONE",
           "REGISTRATION_COLUMNS", "BuiltDownload", "DownloadForm", "activities_content",
           "download_zips", "gdpr_2018_content", "registration_csv", "write_folder",
           "write_full_download", "write_zip"]
