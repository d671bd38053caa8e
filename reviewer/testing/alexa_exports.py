"""Realistic Amazon Alexa exports, written to disk for tests, benchmarks and demos.

Each layout is made in two steps:

1. a `*_content()` function returns an `ExportContent`: the files of the Alexa part of the
   download (paths relative to the `Alexa` folder / `Alexa.zip`) and the `ExpectedClip` each
   recording should import as;
2. `write_export(content, dest, form=...)` lays those files out as Amazon delivers them: an
   unzipped folder, a zip, a download zip holding `Alexa.zip`, ... and returns a
   `BuiltExport` with the path to hand to `open_export([path])`.

The `write_*_export()` functions do both in one call. Audio is real (tones and noise from
`reviewer.testing.audio`), different for every clip (so content hashes never collide), and
often named misleadingly (`.bin`, no extension), as the importer must go by content.

Layouts:

* `history_json_content`: the Alexa privacy pages' `customerHistoryRecords` JSON, with audio
  named by utteranceId, by recordKey, by time, plus one recording no record describes;
* `csv_index_content`: an index table in one of several dialects (`CsvVariant`) with audio
  joined by a file-name column, by an identifier in the audio's name, or by time;
* `voice_2018_content`: the 2018 download: a folder of WAVs and a transcript list (TXT, CSV
  or HTML).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from reviewer.core.importers.timestamps import local_to_utc
from reviewer.testing.audio import encode, noise, tone

AudioFormat = Literal["wav", "mp3", "ogg", "flac", "m4a"]
JoinKind = Literal["name", "id", "time", "order"]
ExportForm = Literal["folder", "zip", "nested_zip", "folder_with_zip", "bare"]
CsvVariant = Literal["amazon", "snake", "iso_tab", "json"]
ListFormat = Literal["txt", "csv", "html"]

# Where the sample history starts; every time below is derived from it.
DEFAULT_START = datetime(2018, 2, 2, 14, 5, 7, 765000, tzinfo=UTC)
# The modification time given to every written file (zip times have 2-second steps).
DEFAULT_MTIME = datetime(2018, 3, 1, 12, 0, 0, tzinfo=UTC)

CUSTOMER_ID = "A3EXAMPLECUST0M"
DEVICES: tuple[tuple[str, str, str], ...] = (
    # (device name, device type, serial number)
    ("Kitchen Echo", "A3S5BH2HU6VAYF", "G090LF0964340EAH"),
    ("Living Room Dot", "A32DOYMUN6DTXA", "G0911W0793360TLG"),
)

# Amazon's labels for records without a transcript, verbatim (note the en dash).
LABEL_NOT_INTENDED = "Text not available – audio was not intended for Alexa"
LABEL_NOT_UNDERSTOOD = "Audio could not be understood"
LABEL_NO_TEXT = "No text stored"
LABEL_2018_NOT_INTENDED = "Audio was not intended for Alexa"


@dataclass(frozen=True)
class ExpectedClip:
    """What the importer should make of one recording the builder wrote.

    `audio_name` is the file name (last path part) of the recording joined to the clip, or
    None when the clip has no audio; `audio_format` its format by content (".mp3" even when
    named ".bin"). `join` says how the importer can find the audio. `orphan` clips are audio
    files no row describes; `time_unknown` ones have no time in their name either, so the
    importer must not invent one (`recorded_at` is None; never the file date, which in a zip
    is when it was packed).
    """

    recorded_at: datetime | None
    recorded_at_text: str
    time_approximate: bool = False
    device: str | None = None
    vendor_transcript: str | None = None
    vendor_id: str | None = None
    audio_name: str | None = None
    audio_format: str | None = None
    # "order": the 2018 download's numbered WAVs, matched to the PDF's lines by their order.
    join: JoinKind | Literal["order"] | None = None
    orphan: bool = False
    time_unknown: bool = False


@dataclass(frozen=True)
class ExportContent:
    """The files of the Alexa part of a download and the clips they should import as.

    `files` maps a '/'-path relative to the Alexa folder (or the root of `Alexa.zip`) to
    the file's bytes.
    """

    files: Mapping[str, bytes]
    clips: tuple[ExpectedClip, ...]

    def with_files(self, extra: Mapping[str, bytes]) -> ExportContent:
        """The same content plus (or with replaced) files, e.g. a malformed table."""
        return ExportContent({**self.files, **extra}, self.clips)


@dataclass(frozen=True)
class BuiltExport:
    """An export written to disk.

    `path` is what the user would pick (a folder or a zip). `files` are the logical paths of
    every file as `open_export([path])` lists them; `alexa_prefix` is the logical folder the
    Alexa files sit in ("Alexa", "Alexa.zip" or "" for the `bare` form).
    """

    path: Path
    form: ExportForm
    alexa_prefix: str
    files: tuple[str, ...]
    clips: tuple[ExpectedClip, ...]

    def logical(self, relative: str) -> str:
        """The logical path of a file given by its path inside the Alexa part."""
        return f"{self.alexa_prefix}/{relative}" if self.alexa_prefix else relative


# ---------------------------------------------------------------------------------------------
# Audio


def make_audio(index: int, fmt: AudioFormat = "wav", seconds: float | None = None) -> bytes:
    """A short, unique recording: a tone whose pitch depends on `index`, over a little noise.

    Lasts 0.5 to 2 s (cycling with `index`) unless `seconds` is given.
    """
    length = seconds if seconds is not None else 0.5 + (index % 4) * 0.5
    samples = tone(length, freq=220.0 + 37.0 * (index % 40)) + noise(length, 0.02, seed=index)
    return encode(samples.clip(-1, 1), fmt)


_AUDIO_SUFFIX = {"wav": ".wav", "mp3": ".mp3", "ogg": ".ogg", "flac": ".flac", "m4a": ".m4a"}


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def _utterance_id(index: int, when: datetime, serial: str) -> str:
    """An id shaped like Alexa's, with the '/' and ':' no file name can hold."""
    return (f"AB72C64C86AW2:1.0/{when:%Y/%m/%d/%H}/{serial}/{when:%M:%S}::TNIH_2V."
            f"{index:08x}-2958-4a8a-bc62-5c2d8d0b9d1c")


def _file_safe(text: str) -> str:
    return text.replace("/", "_").replace(":", "_").replace("#", "_")


# ---------------------------------------------------------------------------------------------
# customerHistoryRecords JSON

# One template per kind of record; records cycle through them.
# (utteranceType, customer text, replacement label, response type, response, domain, intent,
#  audio naming, audio format, audio suffix)
_HistoryTemplate = tuple[str, str | None, str | None, str | None, str | None, str | None,
                         str | None, str | None, AudioFormat, str | None]
_HISTORY_TEMPLATES: tuple[_HistoryTemplate, ...] = (
    ("GENERAL", "what's the weather", None, "ALEXA_RESPONSE",
     "Right now in Seattle, it's 45 degrees with cloudy skies.", "Weather",
     "GetWeatherForecastIntent", "utterance", "wav", ".wav"),
    ("WAKE_WORD_ONLY", None, LABEL_NOT_UNDERSTOOD, None, None, None, None, "utterance", "mp3",
     ".bin"),
    ("DISCARDED_NON_DEVICE_DIRECTED_INTENT", None, LABEL_NOT_INTENDED, None, None, None, None,
     "epoch", "ogg", None),
    ("GENERAL", "play some jazz", None, "TTS_REPLACEMENT_TEXT",
     "Shuffling jazz from Amazon Music.", "Music", "PlayMusicIntent", "record_key", "flac",
     ".flac"),
    ("GENERAL", "set a timer for ten minutes", None, "ALEXA_RESPONSE",
     "Ten minutes, starting now.", "Timers", "SetTimerIntent", None, "wav", ".wav"),
    ("GENERAL", None, LABEL_NO_TEXT, None, None, None, None, None, "wav", ".wav"),
)


def history_json_content(*, records: int = 6, with_audio: bool = True,
                         start: datetime = DEFAULT_START, spacing: timedelta | None = None,
                         audio_seconds: float | None = None, orphans: int = 1,
                         path: str = "Voice History/customer-history-records.json"
                         ) -> ExportContent:
    """`customerHistoryRecords` JSON as the Alexa privacy pages serve it.

    Records cycle through six kinds: a question with Alexa's answer (audio named by
    utteranceId, `.wav`), a wake word only ("Audio could not be understood"; MP3 named by
    utteranceId with a `.bin` extension), audio not meant for Alexa (the en-dash label; Ogg
    named by its epoch-millisecond time, no extension), a music request answered by
    TTS_REPLACEMENT_TEXT (FLAC named by recordKey), a timer (no audio), and "No text stored"
    (no audio, no utteranceId: its vendor_id is the recordKey).

    With `with_audio`, `orphans` more recordings (M4A named by a UTC time) match no record.
    `spacing` is the time between records (default 7 min 13.5 s).
    """
    step = spacing or timedelta(minutes=7, seconds=13.5)
    items_out: list[dict[str, object]] = []
    files: dict[str, bytes] = {}
    clips: list[ExpectedClip] = []
    for i in range(records):
        when = start + i * step
        record, clip, audio = _history_record(i, when, with_audio, audio_seconds)
        items_out.append(record)
        clips.append(clip)
        if audio is not None:
            files[f"Voice History/Audio/{audio[0]}"] = audio[1]
    for k in range(orphans if with_audio else 0):
        when = start + records * step + timedelta(days=1, hours=k)
        name = f"{when:%Y-%m-%d_%H_%M_%S}_000_UTC.m4a"
        files[f"Voice History/Audio/{name}"] = make_audio(10_000 + k, "m4a", audio_seconds)
        clips.append(ExpectedClip(recorded_at=when.replace(microsecond=0), recorded_at_text=name,
                                  audio_name=name, audio_format=".m4a", orphan=True))
    page = {"customerHistoryRecords": items_out, "encodedRequestToken": None}
    files[path] = json.dumps(page, indent=1, ensure_ascii=False).encode("utf-8")
    return ExportContent(files, tuple(clips))


def _history_record(i: int, when: datetime, with_audio: bool, audio_seconds: float | None
                    ) -> tuple[dict[str, object], ExpectedClip, tuple[str, bytes] | None]:
    (utype, said, label, resp_type, response, domain, intent, naming, fmt,
     suffix) = _HISTORY_TEMPLATES[i % len(_HISTORY_TEMPLATES)]
    device, device_type, serial = DEVICES[i % len(DEVICES)]
    ts = _ms(when)
    key = f"{CUSTOMER_ID}#{ts}#{device_type}#{serial}"
    uid = _utterance_id(i, when, serial) if label != LABEL_NO_TEXT else None
    items: list[dict[str, object]] = []
    if said is not None:
        items.append({"recordItemKey": f"{key}#CUSTOMER_TRANSCRIPT#{i}",
                      "recordItemType": "CUSTOMER_TRANSCRIPT", "utteranceId": uid,
                      "timestamp": ts, "transcriptText": said, "agentVisualName": "Alexa"})
    if label is not None:
        item: dict[str, object] = {"recordItemKey": f"{key}#ASR_REPLACEMENT_TEXT#{i}",
                                   "recordItemType": "ASR_REPLACEMENT_TEXT",
                                   "timestamp": ts, "transcriptText": label}
        if uid is not None:
            item["utteranceId"] = uid
        items.append(item)
    if resp_type is not None:
        items.append({"recordItemKey": f"{key}#{resp_type}#{i}", "recordItemType": resp_type,
                      "utteranceId": uid, "timestamp": ts + 900, "transcriptText": response,
                      "agentVisualName": "Alexa"})
    record: dict[str, object] = {
        "recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
        "device": {"deviceName": device, "serialNumber": serial, "deviceType": device_type},
        "isBinaryFeedbackProvided": False, "isFeedbackPositive": False,
        "utteranceType": utype, "domain": domain, "intent": intent, "skillName": None,
        "voiceHistoryRecordItems": items, "personsInfo": [],
    }
    audio: tuple[str, bytes] | None = None
    if with_audio and naming is not None:
        stem = {"utterance": _file_safe(uid or key), "epoch": str(ts),
                "record_key": _file_safe(key)}[naming]
        audio = (stem + (suffix or ""), make_audio(i, fmt, audio_seconds))
    clip = ExpectedClip(
        recorded_at=when, recorded_at_text=str(ts), device=device,
        vendor_transcript=said if said is not None else label, vendor_id=uid or key,
        audio_name=audio[0] if audio else None,
        audio_format=_AUDIO_SUFFIX[fmt] if audio else None,
        join=None if audio is None else ("time" if naming == "epoch" else "id"))
    return record, clip, audio


# ---------------------------------------------------------------------------------------------
# Index tables (CSV / TSV / JSON list)


@dataclass(frozen=True)
class _TableRow:
    when: datetime
    device: str
    transcript: str
    audio: Literal["name", "id", "time"] | None
    fmt: AudioFormat
    suffix: str


_TABLE_ROWS: tuple[_TableRow, ...] = (
    _TableRow(DEFAULT_START, "Kitchen Echo", "what’s on my calendar today", "name", "wav",
              ".wav"),
    _TableRow(DEFAULT_START + timedelta(minutes=9, seconds=3), "Living Room Dot",
              LABEL_NOT_INTENDED, "name", "mp3", ".mp3"),
    _TableRow(DEFAULT_START + timedelta(minutes=21, seconds=40), "Kitchen Echo",
              "turn off the lights", "id", "ogg", ".bin"),
    _TableRow(DEFAULT_START + timedelta(minutes=33, seconds=12), "Living Room Dot",
              "how tall is Mount Everest", "time", "flac", ".flac"),
    _TableRow(DEFAULT_START + timedelta(minutes=47, seconds=55), "Kitchen Echo",
              "stop", None, "wav", ".wav"),
)


def csv_index_content(*, variant: CsvVariant = "amazon", encoding: str = "utf-8",
                      audio_seconds: float | None = None) -> ExportContent:
    """An index table plus audio, in one of four dialects:

    * "amazon": comma-separated, `Creation Time,Device Name,Customer Transcript,Status,
      Utterance ID,Audio File`, times `MM/dd/yyyy HH:mm:ss` (UTC, no zone written);
    * "snake": semicolon-separated, `timestamp;device_name;transcript;utterance_id;status`,
      times in epoch milliseconds;
    * "iso_tab": tab-separated, `Date/Time (UTC)	Device	Text	id`, ISO-8601 times with
      offsets, one written to the minute only;
    * "json": `{"voiceHistory": [{"creationTime", "deviceName", "transcript", "recordKey",
      "audioFileName", ...}]}`.

    Five rows: two joined by a file-name column (only where the dialect has one; "snake" and
    "iso_tab" join those by time instead), one by an identifier contained in the audio's name
    (Ogg with a `.bin` extension), one by the time in the audio's name, one without audio.
    `encoding` ("utf-8", "utf-8-sig" for a BOM, "utf-16", "cp1252") applies to the CSVs.
    """
    files: dict[str, bytes] = {}
    clips: list[ExpectedClip] = []
    table: list[dict[str, str]] = []
    for i, row in enumerate(_TABLE_ROWS):
        cells, clip, audio = _index_row(variant, i, row, audio_seconds)
        table.append(cells)
        clips.append(clip)
        if audio is not None:
            files[f"Voice Recordings/{audio[0]}"] = audio[1]
    files[_TABLE_PATHS[variant]] = _render_table(variant, table, encoding)
    return ExportContent(files, tuple(clips))


_TABLE_PATHS: dict[str, str] = {
    "amazon": "Alexa Voice History.csv", "snake": "voice_history.csv",
    "iso_tab": "Voice History/utterances.tsv", "json": "Voice History/voice-history.json",
}


def _index_time_text(variant: CsvVariant, i: int, when: datetime) -> tuple[str, datetime]:
    """The time as the dialect writes it, and the time that text means."""
    seconds = when.replace(microsecond=0)
    if variant == "amazon":
        # No zone in the text: the importer reads it as the user's local time (approximate).
        return f"{when:%m/%d/%Y %H:%M:%S}", local_to_utc(seconds.replace(tzinfo=None))
    if variant == "snake":
        return str(_ms(when)), when
    if variant == "iso_tab":
        local = when.astimezone(_CET)
        if i == 3:  # written to the minute only: the join must allow for the missing seconds
            return f"{local:%Y-%m-%dT%H:%M}+01:00", seconds.replace(second=0)
        return local.isoformat(timespec="seconds"), seconds
    return when.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", when


_CET = timezone(timedelta(hours=1))


def _index_row(variant: CsvVariant, i: int, row: _TableRow, audio_seconds: float | None
               ) -> tuple[dict[str, str], ExpectedClip, tuple[str, bytes] | None]:
    time_text, meant = _index_time_text(variant, i, row.when)
    # The identifier the dialect carries: a recordKey in JSON, an utterance id elsewhere.
    ident = (_json_record_key(row.when) if variant == "json"
             else f"{row.when:%Y%m%d}-utt-{i:04d}-7f3a9c2e")
    join = row.audio
    if join == "name" and variant not in ("amazon", "json"):
        join = "time"  # no file-name column in this dialect
    name: str | None = None
    if join == "name":
        name = f"rec-{i + 1:04d}{row.suffix}"
    elif join == "id":
        name = f"voice_{_file_safe(ident)}{row.suffix}"
    elif join == "time":
        name = f"{row.when:%Y-%m-%d_%H_%M_%S}_{row.when.microsecond // 1000:03d}_UTC{row.suffix}"
    audio = (name, make_audio(100 + i, row.fmt, audio_seconds)) if name else None
    cells = _index_cells(variant, time_text, row, ident, name if join == "name" else None)
    clip = ExpectedClip(
        recorded_at=meant, recorded_at_text=time_text, device=row.device,
        vendor_transcript=row.transcript, vendor_id=ident, audio_name=name,
        audio_format=_AUDIO_SUFFIX[row.fmt] if name else None, join=join,
        time_approximate=variant == "amazon")
    return cells, clip, audio


def _json_record_key(when: datetime) -> str:
    return f"{CUSTOMER_ID}#{_ms(when)}#{DEVICES[0][1]}#{DEVICES[0][2]}"


def _index_cells(variant: CsvVariant, time_text: str, row: _TableRow, ident: str,
                 audio_name: str | None) -> dict[str, str]:
    if variant == "amazon":
        return {"Creation Time": time_text, "Device Name": row.device,
                "Customer Transcript": row.transcript, "Status": "SUCCESS",
                "Utterance ID": ident, "Audio File": f"audio/{audio_name}" if audio_name else ""}
    if variant == "snake":
        return {"timestamp": time_text, "device_name": row.device, "transcript": row.transcript,
                "utterance_id": ident, "status": "SUCCESS"}
    if variant == "iso_tab":
        return {"Date/Time (UTC)": time_text, "Device": row.device, "Text": row.transcript,
                "id": ident}
    return {"creationTime": time_text, "deviceName": row.device, "transcript": row.transcript,
            "recordKey": ident, "audioFileName": audio_name or "",
            "utteranceType": "GENERAL"}


def _render_table(variant: CsvVariant, table: Sequence[dict[str, str]], encoding: str) -> bytes:
    if variant == "json":
        return json.dumps({"voiceHistory": table}, indent=1, ensure_ascii=False).encode()
    delimiter = {"amazon": ",", "snake": ";", "iso_tab": "\t"}[variant]
    return render_csv(table, delimiter=delimiter, encoding=encoding)


def render_csv(rows: Sequence[Mapping[str, str]], *, delimiter: str = ",",
               encoding: str = "utf-8") -> bytes:
    """Rows (all with the same keys, in order) as CSV bytes with CRLF line ends."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow(list(row.values()))
    return buf.getvalue().encode(encoding)


# ---------------------------------------------------------------------------------------------
# The 2018 download: a folder of WAVs and a transcript list


_LIST_ENTRIES: tuple[tuple[timedelta, str, Literal["name", "time"] | None, float], ...] = (
    # (offset from start, transcript, how its WAV is found, audio name's offset in seconds)
    (timedelta(0), "Alexa, what's the weather", "time", 0.0),
    (timedelta(minutes=4, seconds=23), LABEL_2018_NOT_INTENDED, "time", 1.0),
    (timedelta(minutes=10), "set a timer for five minutes", None, 0.0),
    (timedelta(hours=2, minutes=1, seconds=5), "play the news", "name", 0.0),
)


def voice_2018_content(*, list_format: ListFormat = "txt", include_undated: bool = True,
                       include_decoy: bool = False, start: datetime = DEFAULT_START,
                       audio_seconds: float | None = None) -> ExportContent:
    """The 2018 download: `Voice Recordings/*.wav` plus a list of times and transcripts.

    Four list entries: two whose WAV is named by its UTC time (one a second off), one without
    a recording, one whose WAV is named in the list (CSV only; elsewhere it is found by time).
    Two more WAVs match no entry: one named by a time, and (with `include_undated`)
    `recording.wav`, whose time nothing gives (time unknown). `include_decoy` adds
    `broken.wav`, which is text, not audio, and must not be imported.
    """
    base = start.replace(microsecond=0)
    files: dict[str, bytes] = {}
    clips: list[ExpectedClip] = []
    lines: list[tuple[str, str, str]] = []  # (time text, transcript, file named)
    for i, (offset, said, join, name_shift) in enumerate(_LIST_ENTRIES):
        when = base + offset
        text = f"{when:%m/%d/%Y %H:%M:%S} UTC"
        mode = "time" if join == "name" and list_format != "csv" else join
        name = None
        if mode == "time":
            name = f"{when + timedelta(seconds=name_shift):%Y-%m-%dT%H-%M-%S}Z.wav"
        elif mode == "name":
            name = f"audio-{i + 1:03d}.wav"
        if name:
            files[f"Voice Recordings/{name}"] = make_audio(200 + i, "wav", audio_seconds)
        lines.append((text, said, name if mode == "name" and name else ""))
        clips.append(ExpectedClip(recorded_at=when, recorded_at_text=text, vendor_transcript=said,
                                  audio_name=name, audio_format=".wav" if name else None,
                                  join=mode))
    late = base + timedelta(days=1, hours=3)
    late_name = f"{late:%Y-%m-%dT%H-%M-%S}Z.wav"
    files[f"Voice Recordings/{late_name}"] = make_audio(250, "wav", audio_seconds)
    clips.append(ExpectedClip(recorded_at=late, recorded_at_text=late_name, audio_name=late_name,
                              audio_format=".wav", orphan=True))
    if include_undated:
        files["Voice Recordings/recording.wav"] = make_audio(251, "wav", audio_seconds)
        clips.append(ExpectedClip(recorded_at=None, recorded_at_text="",
                                  audio_name="recording.wav", audio_format=".wav", orphan=True,
                                  time_unknown=True))
    if include_decoy:
        files["Voice Recordings/broken.wav"] = b"This download was interrupted.\n" * 4
    files[_LIST_PATHS[list_format]] = _render_list(list_format, lines)
    return ExportContent(files, tuple(clips))


_LIST_PATHS: dict[str, str] = {"txt": "Alexa Voice History.txt", "csv": "Alexa Voice History.csv",
                               "html": "Alexa Voice History.html"}


def _render_list(fmt: ListFormat, lines: Sequence[tuple[str, str, str]]) -> bytes:
    if fmt == "txt":
        body = "Alexa voice history\r\n\r\n" + "".join(f"{t}\t{s}\r\n" for t, s, _ in lines)
        return body.encode("utf-8")
    if fmt == "csv":
        return render_csv([{"Time": t, "Transcript": s, "File": f} for t, s, f in lines])
    items = "\n".join(f"  <li><span class=\"time\">{t}</span> – {_html_escape(s)}</li>"
                      for t, s, _ in lines)
    page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Alexa</title></head>"
            f"<body>\n<h1>Alexa voice history</h1>\n<ul>\n{items}\n</ul>\n</body></html>\n")
    return page.encode("utf-8")


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;")


# ---------------------------------------------------------------------------------------------
# Laying the files out as Amazon delivers them

# Other services' files in a full "Request Your Data" download; none is voice history.
UNRELATED_FILES: Mapping[str, bytes] = {
    "Retail.OrderHistory.1/Retail.OrderHistory.1.csv": (
        b"Order Date,Order ID,Product Name,Device Name,Total Owed\r\n"
        b"2018-02-01T10:00:00Z,111-2223334-5556667,Echo Dot (2nd Gen),Kitchen Echo,49.99\r\n"),
    "Digital.Content.Ownership/README.txt": b"Files in this folder list your digital items.\n",
}


def write_export(content: ExportContent, dest: Path, *, form: ExportForm = "folder",
                 name: str = "amazon-data", mtime: datetime = DEFAULT_MTIME,
                 unrelated: bool = True) -> BuiltExport:
    """Write `content` under `dest` as Amazon delivers it and return what was written.

    Forms (the path returned in `BuiltExport.path`):

    * "folder": `dest/name/Alexa/...` (an unzipped download);
    * "zip": `dest/name.zip` holding `Alexa/...`;
    * "nested_zip": `dest/name.zip` holding `Alexa.zip`, which holds the files;
    * "folder_with_zip": `dest/name/Alexa.zip` (the download unzipped, Alexa.zip not);
    * "bare": `dest/name/...`, the Alexa files alone, with no Alexa folder and nothing else.

    With `unrelated`, all forms but "bare" also hold `UNRELATED_FILES`. Every file's
    modification time is `mtime` (which no clip may take as its time).
    """
    dest.mkdir(parents=True, exist_ok=True)
    prefix = {"folder": "Alexa", "zip": "Alexa", "nested_zip": "Alexa.zip",
              "folder_with_zip": "Alexa.zip", "bare": ""}[form]
    alexa = {(f"{prefix}/{p}" if prefix else p): data for p, data in content.files.items()}
    others = dict(UNRELATED_FILES) if unrelated and form != "bare" else {}
    if form in ("folder", "bare"):
        path = dest / name
        _write_tree(path, {**alexa, **others}, mtime)
    elif form == "zip":
        path = dest / f"{name}.zip"
        path.write_bytes(_zip_bytes({**alexa, **others}, mtime))
    elif form == "nested_zip":
        path = dest / f"{name}.zip"
        inner = _zip_bytes(dict(content.files), mtime)
        path.write_bytes(_zip_bytes({"Alexa.zip": inner, **others}, mtime))
    else:
        path = dest / name
        inner = _zip_bytes(dict(content.files), mtime)
        _write_tree(path, {"Alexa.zip": inner, **others}, mtime)
    return BuiltExport(path=path, form=form, alexa_prefix=prefix,
                       files=tuple(sorted({**alexa, **others})), clips=content.clips)


def _write_tree(root: Path, files: Mapping[str, bytes], mtime: datetime) -> None:
    stamp = mtime.timestamp()
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, (stamp, stamp))


def _zip_bytes(files: Mapping[str, bytes], mtime: datetime) -> bytes:
    buf = io.BytesIO()
    stamp = mtime.astimezone(UTC)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in files.items():
            info = zipfile.ZipInfo(rel, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# One-call builders


def write_history_json_export(dest: Path, *, form: ExportForm = "folder",
                              name: str = "amazon-data",
                              extra_files: Mapping[str, bytes] | None = None, records: int = 6,
                              with_audio: bool = True, audio_seconds: float | None = None
                              ) -> BuiltExport:
    """`history_json_content(...)` written with `write_export`; `extra_files` are added to
    the Alexa part (paths relative to it)."""
    content = history_json_content(records=records, with_audio=with_audio,
                                   audio_seconds=audio_seconds)
    return write_export(content.with_files(extra_files or {}), dest, form=form, name=name)


def write_csv_index_export(dest: Path, *, form: ExportForm = "folder", name: str = "amazon-data",
                           extra_files: Mapping[str, bytes] | None = None,
                           variant: CsvVariant = "amazon", encoding: str = "utf-8"
                           ) -> BuiltExport:
    """`csv_index_content(...)` written with `write_export`; `extra_files` as above."""
    content = csv_index_content(variant=variant, encoding=encoding)
    return write_export(content.with_files(extra_files or {}), dest, form=form, name=name)


def write_2018_export(dest: Path, *, form: ExportForm = "folder", name: str = "amazon-data",
                      extra_files: Mapping[str, bytes] | None = None,
                      list_format: ListFormat = "txt", include_undated: bool = True,
                      include_decoy: bool = False) -> BuiltExport:
    """`voice_2018_content(...)` written with `write_export`; `extra_files` as above."""
    content = voice_2018_content(list_format=list_format, include_undated=include_undated,
                                 include_decoy=include_decoy)
    return write_export(content.with_files(extra_files or {}), dest, form=form, name=name)


__all__ = [
    "CUSTOMER_ID", "DEFAULT_MTIME", "DEFAULT_START", "DEVICES", "LABEL_2018_NOT_INTENDED",
    "LABEL_NOT_INTENDED", "LABEL_NOT_UNDERSTOOD", "LABEL_NO_TEXT", "UNRELATED_FILES",
    "AudioFormat", "BuiltExport", "CsvVariant", "ExpectedClip", "ExportContent", "ExportForm",
    "JoinKind", "ListFormat", "csv_index_content", "history_json_content", "make_audio",
    "render_csv", "voice_2018_content", "write_2018_export", "write_csv_index_export",
    "write_export", "write_history_json_export",
]
