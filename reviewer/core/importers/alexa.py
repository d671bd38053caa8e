"""Amazon Alexa voice-history exports ("Request Your Data" downloads and privacy-page JSON).

Amazon has shipped several layouts and documents none of them, so this importer recognises
things by what they contain rather than where they are or what they are called:

* audio is any file whose content is WAV, MP3, Ogg, FLAC, M4A or WebM (names lie: `.bin`,
  no extension at all);
* an index table is a CSV/TSV/JSON/HTML table with a time-like column that holds voice
  history: an utterance id or recordKey, a transcript under a name only speech has, an
  audio-file column, or a column named for voice/utterances/recordings. Weaker columns (a
  device, "text", a bare "id") count only when the file's path says voice history: a full
  "Request Your Data" download is full of timed tables with a device column (app updates,
  hunches, orders, a music account) that are not (`_classify_columns`);
* voice-history JSON is anything holding `customerHistoryRecords` (what the Alexa privacy
  pages serve), or the older `/api/activities` records (transcript inside `description`,
  device in `sourceDeviceIds`, account in `registeredCustomerId`);
* a transcript list (the 2018 download) is a text or HTML file under a voice-history name
  whose lines start with a time, or a PDF whose lines do (read with pypdf);
* every other file is "left out" (a `Problem` of severity `left_out`, counted by kind in the
  report), except the device-registration tables, read by `registered_devices`.

Every file of the export is judged this way, wherever it sits, so `Alexa.zip` alone, the
download's zips, a folder of them or the extracted folder give the same clips.

Audio is then joined to rows by the file name a row gives, by an identifier contained in the
audio's name, or by the nearest time in the audio's name (within `TIME_JOIN_TOLERANCE`, or
the whole minute for times written without seconds; same device when both are known; closest
pairs first; each audio at most once), and a PDF list's rows to numbered WAVs by order (and
by length when the list gives lengths). Audio joined to nothing is still imported on its
own, timed by its name or else with its time unknown (never its file date: in a zip that is
when the zip was packed). Everything doubtful becomes a `Problem`; bad input never raises.

What the records hold, beyond the obvious fields:

* `record_path` is the row: `<table>#row=N` (CSV/TSV and HTML tables, numbered as a
  spreadsheet shows them, header included), `<json>#record=N` (1-based), `<list>#line=N` or
  `<page>#item=N`; `source_path` is the joined audio's path, else the same as `record_path`
  (the convention of `ClipRecord`); audio joined to nothing has no `record_path`;
* `extra` holds every other column or field verbatim, plus `audio_join` ("name", "id",
  "time" or "order") when audio was joined, or `orphan_audio: True` and `time_source`
  ("file name", "unknown") for audio no row describes. History records keep all their fields except
  `voiceHistoryRecordItems`, which become `items` (verbatim), and `response_text` (the
  ALEXA_RESPONSE texts, else the TTS_REPLACEMENT_TEXT ones).
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import unicodedata
import wave
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any, Literal

from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.importers.records import (
    ClipRecord,
    Problem,
    RegisteredDevice,
    plausible_time,
)
from reviewer.core.importers.source import Entry, ExportSource
from reviewer.core.importers.textfiles import TextDecodeError, decode_text
from reviewer.core.importers.timestamps import parse_timestamp, time_from_filename

# ---------------------------------------------------------------------------------------------
# Tuning

# How far a time in an audio file's name may be from a row's time and still be its recording.
TIME_JOIN_TOLERANCE = timedelta(seconds=5)
# Tables bigger than this are not voice-history indexes (years of history are a few MB).
MAX_TABLE_BYTES = 512 * 1024**2
# After this many row problems in one file the rest are summarised in one problem.
MAX_PROBLEMS_PER_FILE = 20
# Detection reads at most this much of at most this many files.
DETECT_HEAD_BYTES = 8192
DETECT_MAX_TEXT_FILES = 64
DETECT_MAX_AUDIO_SNIFFS = 64

_AUDIO_EXTENSIONS = {".wav", ".mp3", ".ogg", ".opus", ".oga", ".flac", ".m4a", ".aac", ".mp4",
                     ".webm", ".wave"}
_TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".json", ".html", ".htm", ".tab"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"GIF8", b"\x1f\x8b")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM")

JoinKind = Literal["name", "id", "time", "order"]

# ---------------------------------------------------------------------------------------------
# Column names. Names are compared after `_norm_column` (lower case, accents, spaces,
# punctuation and "(UTC)"-style remarks removed); earlier names win when a table has several.

_TIME_COLUMNS = (
    "creationtime", "creationtimestamp", "creationdatetime", "timestamp", "timestamputc",
    "timestampms", "datetime", "dateandtime", "datetimeutc", "recordedat", "recordedtime",
    "createdat", "createdtime", "utterancetime", "utterancetimestamp", "eventtime",
    "eventtimestamp", "requesttime", "activitytime", "localtime", "timeutc", "when",
    "zeitstempel", "datumuhrzeit", "time", "zeit", "creationdate", "date", "datum",
)
_DATE_ONLY_COLUMNS = ("date", "datum", "creationdate")
_CLOCK_ONLY_COLUMNS = ("time", "zeit", "uhrzeit")
_DEVICE_COLUMNS = (
    "devicename", "device", "devicenickname", "devicefriendlyname", "friendlyname",
    "endpointname", "echodevice", "echo", "sourcedevice", "geratename", "gerat",
)
_TRANSCRIPT_COLUMNS = (
    "customertranscript", "transcript", "transcripttext", "transcription", "text",
    "utterance", "utterancetext", "customerutterance", "customerrequest", "request",
    "asrtext", "recognizedtext", "whatyousaid", "yousaid", "voicetranscript", "speech", "query",
    "transkript",
)
# Of those, the names only a record of speech has; "text" or "request" could head any table.
_SPEECH_TRANSCRIPT_COLUMNS = frozenset(_TRANSCRIPT_COLUMNS) - {
    "text", "customerrequest", "request", "speech", "query"}
# Words in a column name that only voice history uses.
_VOICE_WORDS = re.compile(r"(?<!in)voice|utterance|recording|transcri|transkri|sprach|^asr")
# Words in a file's path that say it holds voice history (its own name or its folders').
_VOICE_PATH = re.compile(r"(?<!in)voice|utterance|transcri|transkri|recording|sprach|aufnahme",
                         re.IGNORECASE)  # an invoice is no voice
_AUDIO_COLUMNS = (
    "audiofile", "audiofilename", "audio", "audioname", "audiopath", "audiourl", "filename",
    "file", "filepath", "path", "recording", "recordingfile", "recordingfilename",
    "recordingname", "recordingurl", "voicerecording", "soundfile", "wavfile", "datei",
)
# Identifiers that name one recording: joined against audio names and used as vendor_id.
_RECORDING_ID_COLUMNS = {
    "utteranceid": "utteranceId", "recordkey": "recordKey", "id": "id", "recordid": "id",
    "recordingid": "id", "audioid": "id", "clipid": "id", "uuid": "id",
}
# Identifiers that are kept but name an account or a device, not a recording.
_OTHER_ID_COLUMNS = {
    "customerid": "customerId", "devicetype": "deviceType", "serialnumber": "serial",
    "deviceserialnumber": "serial", "serial": "serial", "deviceserial": "serial",
}
_VENDOR_ID_ORDER = ("utteranceId", "recordKey", "id")
# Identifier columns that name a recording whatever the table (a bare "id" or "uuid" does
# not: every table has one).
_STRONG_ID_COLUMNS = frozenset({"utteranceid", "recordkey", "recordingid", "audioid",
                                "clipid"})
# File columns any table may have; "Audio File" or "Recording" names audio.
_GENERIC_FILE_COLUMNS = frozenset({"filename", "file", "filepath", "path", "datei"})


def _norm_column(name: str) -> str:
    without_remarks = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", name)
    ascii_only = unicodedata.normalize("NFKD", without_remarks).encode("ascii", "ignore")
    return re.sub(r"[^0-9a-z]", "", ascii_only.decode("ascii").lower())


@dataclass(frozen=True)
class _Roles:
    """Which column of a table plays which part. Values are the table's own column names."""

    time: str
    date: str | None = None  # a separate date column when `time` holds only the clock time
    device: str | None = None
    transcript: str | None = None
    audio: str | None = None
    ids: tuple[tuple[str, str], ...] = ()  # (column, identifier key)


def _voice_hint(path: str) -> bool:
    """The file's path says voice history ("Voice History/…", "utterances.tsv")."""
    return _VOICE_PATH.search(path) is not None


def _classify_columns(columns: Sequence[str], hint: bool = False) -> _Roles | None:
    """The roles of a table's columns, or None when it is not a voice-history table.

    A table is judged by what it holds, not by having a time: Amazon's downloads are full of
    timed tables with a device column (app updates, orders, hunches). It must name a
    recording (utteranceId, recordKey, an audio file column), hold a transcript under a name
    only speech has, or have a column named for voice, utterances or recordings; weaker
    columns (a device, "text", a bare "id", a file name) count only when the file's path
    says voice history (`hint`).
    """
    by_norm: dict[str, str] = {}
    for col in columns:
        by_norm.setdefault(_norm_column(col), col)

    def pick(names: Iterable[str], taken: set[str]) -> str | None:
        for n in names:
            if n in by_norm and by_norm[n] not in taken:
                return by_norm[n]
        return None

    taken: set[str] = set()
    time_col = pick(_TIME_COLUMNS, taken) or _time_by_suffix(by_norm)
    if time_col is None:
        return None
    taken.add(time_col)
    date_col = None
    if _norm_column(time_col) in _CLOCK_ONLY_COLUMNS:
        date_col = pick(_DATE_ONLY_COLUMNS, taken)
        if date_col:
            taken.add(date_col)
    ids: list[tuple[str, str]] = []
    for norm, key in (_RECORDING_ID_COLUMNS | _OTHER_ID_COLUMNS).items():
        if norm in by_norm and by_norm[norm] not in taken:
            ids.append((by_norm[norm], key))
            taken.add(by_norm[norm])
    device = pick(_DEVICE_COLUMNS, taken) or _by_suffix(by_norm, "devicename", taken)
    taken.update(c for c in (device,) if c)
    audio = pick(_AUDIO_COLUMNS, taken) or _by_suffix(by_norm, "filename", taken)
    taken.update(c for c in (audio,) if c)
    transcript = pick(_TRANSCRIPT_COLUMNS, taken)
    recording_ids = [c for c, k in ids if k in _VENDOR_ID_ORDER]
    if not (device or transcript or audio or recording_ids):
        return None
    if not hint and not _speech_evidence(by_norm, transcript, audio, recording_ids):
        return None
    return _Roles(time=time_col, date=date_col, device=device, transcript=transcript,
                  audio=audio, ids=tuple(ids))


def _speech_evidence(by_norm: Mapping[str, str], transcript: str | None, audio: str | None,
                     recording_ids: Sequence[str]) -> bool:
    """Columns only a voice-history table has (see `_classify_columns`)."""
    if any(_norm_column(c) in _STRONG_ID_COLUMNS for c in recording_ids):
        return True
    if transcript is not None and _norm_column(transcript) in _SPEECH_TRANSCRIPT_COLUMNS:
        return True
    if audio is not None and _norm_column(audio) not in _GENERIC_FILE_COLUMNS:
        return True
    return any(_VOICE_WORDS.search(norm) for norm in by_norm)


def _time_by_suffix(by_norm: Mapping[str, str]) -> str | None:
    for norm, col in by_norm.items():
        if norm.endswith(("timestamp", "datetime")) or (
                norm.endswith("time") and norm not in ("runtime", "uptime", "playtime")):
            return col
    return None


def _by_suffix(by_norm: Mapping[str, str], suffix: str, taken: set[str]) -> str | None:
    return next((c for n, c in by_norm.items() if n.endswith(suffix) and c not in taken), None)


# ---------------------------------------------------------------------------------------------
# What is found before joining


@dataclass
class _Audio:
    entry: Entry
    kind: str
    norm_name: str
    norm_stem: str
    name_time: tuple[datetime, bool] | None
    device: str | None = None
    used: bool = False


@dataclass
class _Row:
    """One table row / history record / list line, waiting for its audio."""

    record_path: str
    where: str
    recorded_at: datetime
    recorded_at_text: str
    approximate: bool
    precision: timedelta = timedelta(0)
    device: str | None = None
    transcript: str | None = None
    vendor_id: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    account: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    audio_refs: list[str] = field(default_factory=list)
    match_ids: list[str] = field(default_factory=list)
    audio: _Audio | None = None
    join: JoinKind | None = None


class _FileProblems:
    """Problems of one file, capped so a hostile million-row table cannot flood the list."""

    def __init__(self, entry: Entry, problems: list[Problem]) -> None:
        self.entry = entry
        self.problems = problems
        self.count = 0

    def add(self, place: str | None, reason: str,
            severity: Literal["skipped", "warning"] = "skipped") -> None:
        self.count += 1
        if self.count <= MAX_PROBLEMS_PER_FILE:
            where = self.entry.where if place is None else f"{self.entry.where}, {place}"
            self.problems.append(Problem(where, reason, severity))

    def close(self) -> None:
        hidden = self.count - MAX_PROBLEMS_PER_FILE
        if hidden > 0:
            self.problems.append(Problem(
                self.entry.where, f"{hidden} more problems in this file are not listed"))


# ---------------------------------------------------------------------------------------------
# The importer


class AlexaImporter:
    """Reads every Amazon Alexa voice-history layout known to exist (see the module doc)."""

    name = "amazon"

    def detect(self, source: ExportSource) -> int:
        entries = source.entries
        scope = _alexa_scope(entries)
        if scope is None and _looks_like_takeout(entries):
            return 0
        candidates = scope if scope is not None else entries
        kinds = _head_kinds(candidates)
        if "history" in kinds:
            return 95
        has_table = bool(kinds & {"table", "list"})
        has_audio = _any_audio(candidates)
        if scope is not None and (has_table or has_audio):
            return 90
        if has_table and has_audio:
            return 60
        if "table" in kinds:
            return 30
        # `Devices.Registration.zip` alone: no recordings, but the account's device list
        # is worth keeping (the import then says it found no recordings).
        if any(_DEVICE_LIST_PATH.search(e.path) and _suffix(e.name) in (".csv", ".tsv")
               for e in entries):
            return 10
        return 0

    def records(self, source: ExportSource, problems: list[Problem]) -> Iterator[ClipRecord]:
        # Every file is read, wherever it sits: whether it is voice history is judged by what
        # it holds, so `Alexa.zip` alone, the download's zips, a folder of them or the
        # extracted folder all give the same clips.
        audio, texts, documents = _sort_entries(source.entries, problems)
        rows: list[_Row] = []
        for entry in texts:
            rows.extend(_read_text_file(entry, problems))
        listed: list[_Row] = []
        for entry in documents:
            listed.extend(_read_pdf_list(entry, problems))
        rows.extend(listed)
        _assign_audio_devices(audio, {r.device for r in rows if r.device})
        _join_by_name(rows, audio, problems)
        _join_by_id(rows, audio)
        _join_by_time(rows, audio)
        _join_by_order(listed, audio, problems)
        for row in rows:
            yield _row_record(row)
        for a in audio:
            if not a.used:
                yield _orphan_record(a)

    def registered_devices(self, source: ExportSource,
                           problems: list[Problem]) -> list[RegisteredDevice]:
        """The devices Amazon lists as registered to the account (`Devices.Registration`)."""
        found: list[RegisteredDevice] = []
        for entry in source.entries:
            if _suffix(entry.name) in (".csv", ".tsv", ".txt") and _DEVICE_LIST_PATH.search(
                    entry.path) and entry.size <= MAX_TABLE_BYTES:
                found.extend(_read_device_list(entry, problems))
        return found


importer = AlexaImporter()


# ---------------------------------------------------------------------------------------------
# Which files to look at

_ALEXA_SEGMENT = re.compile(r"^alexa(?:$|[^a-z])", re.IGNORECASE)


def _alexa_scope(entries: Sequence[Entry]) -> list[Entry] | None:
    """The entries under an `Alexa…` folder or `Alexa.zip`, or None if there is none.

    A full "Request Your Data" download holds every Amazon service; their CSVs (orders,
    Kindle sessions) have time and device columns too, so when the Alexa part can be told
    apart only it is read.
    """
    inside = [e for e in entries
              if any(_ALEXA_SEGMENT.match(seg) for seg in e.parent.split("/") if seg)]
    return inside or None


def _looks_like_takeout(entries: Sequence[Entry]) -> bool:
    """Google Takeout (in any language: only the top folder and file names are fixed)."""
    return any(e.path.split("/", 1)[0] == "Takeout"
               or e.name.lower() in ("myactivity.json", "myactivity.html") for e in entries)


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def _sort_entries(entries: Sequence[Entry], problems: list[Problem]
                  ) -> tuple[list[_Audio], list[Entry], list[Entry]]:
    """Split the export into audio (by content), files that may be tables, and PDFs; every
    other file is counted as left out."""
    audio: list[_Audio] = []
    texts: list[Entry] = []
    documents: list[Entry] = []
    for entry in entries:
        try:
            head = entry.read(SNIFF_BYTES)
        except Exception as exc:  # any damage in any container: report, keep going
            problems.append(Problem(entry.where, f"cannot be read ({exc}); skipped"))
            continue
        kind = sniff_audio(head)
        if kind is not None:
            audio.append(_make_audio(entry, kind))
        elif _suffix(entry.name) in _AUDIO_EXTENSIONS:
            problems.append(Problem(
                entry.where, "named like an audio file, but its content is not audio in any "
                             "known format (damaged, or not a recording); skipped"))
        elif head.startswith(b"%PDF"):
            documents.append(entry)
        elif _may_be_text(head) or _suffix(entry.name) in _TEXT_EXTENSIONS:
            texts.append(entry)
        else:
            kind = "images" if head.startswith(_IMAGE_MAGIC) else "other files"
            problems.append(Problem(entry.where, kind, "left_out"))
    return audio, texts, documents


def _make_audio(entry: Entry, kind: str) -> _Audio:
    stem = entry.name.rsplit(".", 1)[0] if "." in entry.name else entry.name
    return _Audio(entry=entry, kind=kind, norm_name=_norm_id(entry.name),
                  norm_stem=_norm_id(stem), name_time=time_from_filename(entry.name))


def _may_be_text(head: bytes) -> bool:
    if not head or head.startswith(_BINARY_MAGIC):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    # UTF-16 without a BOM is half NUL bytes; other NUL bytes mean binary data.
    zeros = head.count(0)
    return zeros == 0 or zeros * 3 >= len(head)


def _head_kinds(entries: Sequence[Entry]) -> set[str]:
    """What the first bytes of likely text files say they are ("history", "table", "list")."""
    ranked = sorted(entries, key=lambda e: _suffix(e.name) not in _TEXT_EXTENSIONS)
    kinds: set[str] = set()
    looked = 0
    for entry in ranked:
        if looked >= DETECT_MAX_TEXT_FILES:
            break
        if _suffix(entry.name) in _AUDIO_EXTENSIONS:
            continue
        try:
            head = entry.read(DETECT_HEAD_BYTES)
        except Exception:  # unreadable files simply say nothing about the layout
            continue
        if sniff_audio(head[:SNIFF_BYTES]) is not None or not _may_be_text(head):
            continue
        looked += 1
        kind = _head_kind(head, _voice_hint(entry.path))
        if kind:
            kinds.add(kind)
    return kinds


def _head_kind(head: bytes, hint: bool) -> str | None:
    decoded = _head_text(head)
    if decoded is None:
        return None
    text = decoded.lstrip()
    if "customerHistoryRecords" in text or '"voiceHistoryRecordItems"' in text:
        return "history"
    if text.startswith(("{", "[")):
        keys = re.findall(r'"([^"\\]{1,60})"\s*:', text)
        if _ACTIVITY_KEYS.search(text):
            return "history"
        return "table" if _classify_columns(list(dict.fromkeys(keys)), hint) else None
    if text.startswith("<"):
        parser = _HtmlText.parse(text)
        if any(t and _classify_columns(t[0], hint) for t in parser.tables):
            return "table"
        return "list" if hint and _parse_line_list(parser.lines[:40], complete=False) else None
    lines = text.splitlines()[:-1] or text.splitlines()  # the last line may be cut short
    if _find_header(lines[:6], hint) is not None:
        return "table"
    return "list" if hint and _parse_line_list(lines[:40], complete=False) else None


def _any_audio(entries: Sequence[Entry]) -> bool:
    ranked = sorted(entries, key=lambda e: _suffix(e.name) not in _AUDIO_EXTENSIONS)
    for entry in ranked[:DETECT_MAX_AUDIO_SNIFFS]:
        try:
            if sniff_audio(entry.read(SNIFF_BYTES)) is not None:
                return True
        except Exception:  # unreadable files simply say nothing about the layout
            continue
    return False


# ---------------------------------------------------------------------------------------------
# Text decoding


def _head_text(head: bytes) -> str | None:
    """A file's first bytes as text; the cut may split a character, so retry a little shorter."""
    for cut in range(4):
        try:
            return decode_text(head[:len(head) - cut])
        except TextDecodeError:
            continue
    return None


def _guessed_encoding(data: bytes) -> bool:
    """True when `decode_text` had to guess Windows-1252 (no BOM, not UTF-8, not UTF-16)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# ---------------------------------------------------------------------------------------------
# Reading one file


def _read_text_file(entry: Entry, problems: list[Problem]) -> list[_Row]:
    """Every row a text file yields; nothing when it is not a voice-history file."""
    sink = _FileProblems(entry, problems)
    try:
        rows = _read_text_entry(entry, sink)
    except Exception as exc:  # the last guard: one odd file must never stop an import
        sink.add(None, f"could not be read ({type(exc).__name__}: {exc}); skipped")
        rows = []
    sink.close()
    if not rows and not sink.count and not _DEVICE_LIST_PATH.search(entry.path):
        kind = ("tables of other services" if _suffix(entry.name) in (".csv", ".tsv", ".json")
                else "text files")
        problems.append(Problem(entry.where, kind, "left_out"))
    return rows


def _read_text_entry(entry: Entry, sink: _FileProblems) -> list[_Row]:
    if entry.size > MAX_TABLE_BYTES:
        if _suffix(entry.name) in _TEXT_EXTENSIONS:
            sink.add(None, f"too large ({entry.size:,} bytes) to be a voice-history table; "
                           "skipped", "warning")
        return []
    data = entry.read()
    try:
        text = decode_text(data)
    except TextDecodeError as exc:
        if _suffix(entry.name) in _TEXT_EXTENSIONS:
            sink.add(None, f"cannot be read as text: {exc}; skipped")
        return []
    rows = _rows_from_text(entry, text.lstrip("\ufeff"), sink)
    if rows and _guessed_encoding(data):
        sink.add(None, "is not UTF-8 or UTF-16; it was read as Windows-1252, so some letters "
                       "may be wrong", "warning")
    return rows


def _rows_from_text(entry: Entry, text: str, sink: _FileProblems) -> list[_Row]:
    stripped = text.lstrip()
    if _suffix(entry.name) == ".json" or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            if _suffix(entry.name) == ".json" or stripped.startswith("{"):
                sink.add(None, f"not valid JSON ({exc}); skipped")
                return []
            return _rows_from_delimited(entry, text, sink)
        return _rows_from_json(entry, data, sink)
    if stripped.startswith("<"):
        return _rows_from_html(entry, text, sink)
    return _rows_from_delimited(entry, text, sink)


# ---------------------------------------------------------------------------------------------
# JSON


def _rows_from_json(entry: Entry, data: Any, sink: _FileProblems) -> list[_Row]:
    history = _history_records(data)
    if history is not None:
        found = (_history_row(entry, n, r, sink) for n, r in enumerate(history, start=1))
        return [r for r in found if r is not None]
    activities = _activity_records(data)
    if activities is not None:
        found = (_activity_row(entry, n, r, sink) for n, r in enumerate(activities, start=1))
        return [r for r in found if r is not None]
    table = _json_table(data, _voice_hint(entry.path))
    if table is None:
        return []
    items, roles = table
    rows: list[_Row] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            sink.add(f"record {n}", "is not an object with named fields; skipped")
            continue
        row = _table_row(item, roles, f"{entry.path}#record={n}", f"{entry.where}, record {n}")
        if isinstance(row, str):
            sink.add(f"record {n}", row)
        else:
            rows.append(row)
    return rows


def _history_records(data: Any, depth: int = 0) -> list[Any] | None:
    """The `customerHistoryRecords` of a privacy-page response (or a list of pages)."""
    if isinstance(data, dict):
        found = data.get("customerHistoryRecords")
        if isinstance(found, list):
            return found
        if depth < 2:
            for value in data.values():
                nested = _history_records(value, depth + 1)
                if nested is not None:
                    return nested
        return None
    if isinstance(data, list) and data:
        if all(isinstance(p, dict) and "customerHistoryRecords" in p for p in data):
            pages = [_history_records(p, depth + 1) or [] for p in data]
            return [r for page in pages for r in page]
        if any(isinstance(r, dict) and "voiceHistoryRecordItems" in r for r in data):
            return data
    return None


def _json_table(data: Any, hint: bool) -> tuple[list[Any], _Roles] | None:
    """The first list of objects (at most two levels down) whose keys make a voice table."""
    queue: list[tuple[Any, int]] = [(data, 0)]
    while queue:
        value, depth = queue.pop(0)
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            keys: dict[str, None] = {}
            for item in value:
                if isinstance(item, dict):
                    keys.update(dict.fromkeys(str(k) for k in item))
            roles = _classify_columns(list(keys), hint)
            if roles is not None:
                return value, roles
        elif isinstance(value, dict) and depth < 2:
            queue.extend((v, depth + 1) for v in value.values())
    return None


_RESPONSE_TYPES = ("ALEXA_RESPONSE", "TTS_REPLACEMENT_TEXT")


def _history_row(entry: Entry, n: int, record: Any, sink: _FileProblems) -> _Row | None:
    place = f"record {n}"
    if not isinstance(record, dict):
        sink.add(place, "is not an object with named fields; skipped")
        return None
    key = _text(record.get("recordKey"))
    key_parts = _record_key_parts(key) if key else {}
    items = [i for i in _as_list(record.get("voiceHistoryRecordItems")) if isinstance(i, dict)]
    when = _history_time(record, key_parts, items)
    if when is None:
        sink.add(place, "has no timestamp; skipped")
        return None
    time_text, field_name = when
    parsed = _parse_time(time_text)
    if parsed is None:
        sink.add(place, f"cannot read the time {time_text!r} in '{field_name}'; skipped")
        return None
    utterance_ids = _utterance_ids(items, record)
    identifiers = _history_identifiers(record, key, key_parts, utterance_ids)
    extra: dict[str, Any] = {k: v for k, v in record.items() if k != "voiceHistoryRecordItems"}
    extra["items"] = items
    response = _item_texts(items, "ALEXA_RESPONSE") or _item_texts(items, "TTS_REPLACEMENT_TEXT")
    if response:
        extra["response_text"] = "\n".join(response)
    return _Row(
        record_path=f"{entry.path}#record={n}", where=f"{entry.where}, {place}",
        recorded_at=parsed[0], recorded_at_text=time_text, approximate=parsed[1],
        device=_device_name(record.get("device")),
        transcript=_history_transcript(items),
        vendor_id=utterance_ids[0] if utterance_ids else key,
        identifiers=identifiers, account=identifiers.get("customerId"), extra=extra,
        match_ids=[*utterance_ids, *([key] if key else [])])


def _history_time(record: Mapping[str, Any], key_parts: Mapping[str, str],
                  items: Sequence[Mapping[str, Any]]) -> tuple[str, str] | None:
    """The record's time as written, and the field it came from."""
    for name in ("timestamp", "creationTimestamp"):
        text = _text(record.get(name))
        if text:
            return text, name
    if key_parts.get("timestampMs"):
        return key_parts["timestampMs"], "recordKey"
    for item in items:
        text = _text(item.get("timestamp"))
        if text:
            return text, "voiceHistoryRecordItems.timestamp"
    return None


def _record_key_parts(key: str) -> dict[str, str]:
    """`customerId#timestampMs#deviceType#serial` split into named parts (empty if not so)."""
    parts = key.split("#")
    if len(parts) < 4:
        return {}
    named = {"customerId": parts[0], "timestampMs": parts[1], "deviceType": parts[2],
             "serial": "#".join(parts[3:])}
    return {k: v for k, v in named.items() if v}


def _utterance_ids(items: Sequence[Mapping[str, Any]], record: Mapping[str, Any]) -> list[str]:
    # The customer's own utterance names the recording; responses may carry other ids.
    ordered = sorted(items, key=lambda i: i.get("recordItemType") in _RESPONSE_TYPES)
    ids = [_text(i.get("utteranceId")) for i in ordered] + [_text(record.get("utteranceId"))]
    return list(dict.fromkeys(i for i in ids if i))


def _history_identifiers(record: Mapping[str, Any], key: str | None,
                         key_parts: Mapping[str, str], utterance_ids: Sequence[str]
                         ) -> dict[str, str]:
    ids: dict[str, str] = {}
    if key:
        ids["recordKey"] = key
    if utterance_ids:
        ids["utteranceId"] = utterance_ids[0]
    for n, extra_id in enumerate(utterance_ids[1:], start=2):
        ids[f"utteranceId{n}"] = extra_id
    device = record.get("device")
    device_map: Mapping[str, Any] = device if isinstance(device, dict) else {}
    candidates = {
        "customerId": key_parts.get("customerId") or _text(record.get("customerId")),
        "deviceType": key_parts.get("deviceType") or _text(device_map.get("deviceType")),
        "serial": key_parts.get("serial") or _text(
            device_map.get("serialNumber") or device_map.get("deviceSerialNumber")),
    }
    ids.update({k: v for k, v in candidates.items() if v})
    return ids


def _item_texts(items: Sequence[Mapping[str, Any]], item_type: str) -> list[str]:
    texts = (i.get("transcriptText") for i in items if i.get("recordItemType") == item_type)
    return [t for t in texts if isinstance(t, str) and t.strip()]


def _history_transcript(items: Sequence[Mapping[str, Any]]) -> str | None:
    """What the customer said, else Amazon's label for why there is no text (verbatim)."""
    texts = _item_texts(items, "CUSTOMER_TRANSCRIPT") or _item_texts(items,
                                                                      "ASR_REPLACEMENT_TEXT")
    return "\n".join(texts) if texts else None


def _device_name(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("deviceName", "name", "friendlyName", "deviceFriendlyName"):
            name = _text(value.get(key))
            if name:
                return name
        return None
    return _text(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    """A scalar JSON/CSV value as text; None for missing, empty, or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return None


# ---------------------------------------------------------------------------------------------
# Table rows (CSV, JSON lists, HTML tables)


def _table_row(row: Mapping[str, Any], roles: _Roles, record_path: str,
               where: str) -> _Row | str:
    """A table row as a `_Row`, or the reason it cannot be used."""
    time_text = _text(row.get(roles.time))
    if time_text is None:
        return f"has no time in the '{roles.time}' column; skipped"
    parsed = _parse_time(time_text)
    used = {roles.time}
    if parsed is None and roles.date and _text(row.get(roles.date)):
        time_text = f"{_text(row.get(roles.date))} {time_text}"
        parsed = _parse_time(time_text)
        used.add(roles.date)
    if parsed is None:
        return f"cannot read the time {time_text!r} in the '{roles.time}' column; skipped"
    device = _device_name(row.get(roles.device)) if roles.device else None
    transcript = _text(row.get(roles.transcript)) if roles.transcript else None
    identifiers = _row_identifiers(row, roles)
    # Role columns leave `extra` unless they hold something the fields could not take.
    used.update(c for c, _ in roles.ids if _text(row.get(c)) is not None or _blank(row.get(c)))
    used.update(c for c, v in ((roles.device, device), (roles.transcript, transcript))
                if c and (v is not None or _blank(row.get(c))))
    audio_ref = _text(row.get(roles.audio)) if roles.audio else None
    return _Row(
        record_path=record_path, where=where, recorded_at=parsed[0],
        recorded_at_text=time_text, approximate=parsed[1], precision=_precision(time_text),
        device=device, transcript=transcript,
        vendor_id=next((identifiers[k] for k in _VENDOR_ID_ORDER if k in identifiers), None),
        identifiers=identifiers, account=identifiers.get("customerId"),
        # Every other column stays, verbatim.
        extra={str(k): v for k, v in row.items() if k not in used},
        audio_refs=[audio_ref] if audio_ref else [],
        match_ids=[identifiers[k] for k in _VENDOR_ID_ORDER if k in identifiers])


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row_identifiers(row: Mapping[str, Any], roles: _Roles) -> dict[str, str]:
    ids: dict[str, str] = {}
    for column, key in roles.ids:
        value = _text(row.get(column))
        if value and key not in ids:
            ids[key] = value
    if "recordKey" in ids:
        parts = _record_key_parts(ids["recordKey"])
        for key in ("customerId", "deviceType", "serial"):
            if key in parts:
                ids.setdefault(key, parts[key])
    return ids


def _precision(time_text: str) -> timedelta:
    """How coarse a written time is: a time without seconds covers the whole minute."""
    if re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", time_text):
        return timedelta(0)
    if re.search(r"\d:\d{2}:\d{2}", time_text):
        return timedelta(0)
    return timedelta(minutes=1)


# ---------------------------------------------------------------------------------------------
# CSV / TSV and headerless lists


def _delimiter(line: str) -> str:
    counts = {d: _count_outside_quotes(line, d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    return sum(1 for i, part in enumerate(line.split('"')) if i % 2 == 0 for c in part
               if c == char)


def _csv_cells(line: str, delimiter: str | None = None) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter or _delimiter(line)), [])
    except csv.Error:
        return []


@dataclass(frozen=True)
class _Header:
    index: int  # of the header among the file's lines (title lines may come first)
    delimiter: str
    roles: _Roles


def _find_header(lines: Sequence[str], hint: bool) -> _Header | None:
    """The header of a voice-history table among the first lines, if there is one.

    A table whose only sign of voice history is a plain file column ("File", "Path")
    counts when the first rows under it name audio files (`rec-0001.wav`).
    """
    for index, line in enumerate(lines[:5]):
        delimiter = _delimiter(line)
        cells = _csv_cells(line, delimiter)
        if len(cells) < 2:
            continue
        roles = _classify_columns(cells, hint)
        if roles is None:
            roles = _classify_columns(cells, True)
            if roles is None or not _names_audio(lines[index + 1:], delimiter, cells, roles):
                continue
        return _Header(index, delimiter, roles)
    return None


def _names_audio(rows: Sequence[str], delimiter: str, header: Sequence[str],
                 roles: _Roles) -> bool:
    """Whether the audio column of these (first) rows names audio files."""
    if roles.audio is None:
        return False
    column = list(header).index(roles.audio)
    for line in rows:
        cells = _csv_cells(line, delimiter)
        if column < len(cells) and _suffix(cells[column].strip()) in _AUDIO_EXTENSIONS:
            return True
    return False


def _rows_from_delimited(entry: Entry, text: str, sink: _FileProblems) -> list[_Row]:
    head_lines = text.splitlines()[:6]
    found = _find_header(head_lines, _voice_hint(entry.path))
    if found is None:
        if _unknown_table(head_lines):
            return []
        return _rows_from_lines(entry, text.splitlines(), "line", sink)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=found.delimiter)
    header: list[str] = []
    rows: list[_Row] = []
    n = 0  # numbered as a spreadsheet shows them: the first record is row 1
    while True:
        n += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            sink.add(f"row {n}", f"is not well-formed CSV ({exc}); skipped")
            continue
        if n - 1 < found.index:
            continue
        if n - 1 == found.index:
            header = _unique_names(cells)
            continue
        row = _delimited_row(entry, n, header, cells, found.roles, sink)
        if row is not None:
            rows.append(row)
    return rows


def _unknown_table(lines: Sequence[str]) -> bool:
    """A table of three or more columns whose header is not ours (not a transcript list).

    Other services' CSVs often start with a date column; read as a list of timed lines they
    would turn every order or reading session into a recording.
    """
    first = next((ln for ln in lines if ln.strip()), "")
    return len(_csv_cells(first)) >= 3 and _split_time_line(first) is None


def _unique_names(cells: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for cell in cells:
        name = cell.strip()
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _delimited_row(entry: Entry, n: int, header: Sequence[str], cells: list[str],
                   roles: _Roles, sink: _FileProblems) -> _Row | None:
    if not any(c.strip() for c in cells):
        return None
    while len(cells) > len(header) and not cells[-1].strip():
        cells = cells[:-1]  # trailing delimiters are common and harmless
    if len(cells) != len(header):
        sink.add(f"row {n}", f"has {len(cells)} fields but the header has {len(header)}; "
                             "skipped")
        return None
    row = _table_row(dict(zip(header, cells, strict=True)), roles,
                     f"{entry.path}#row={n}", f"{entry.where}, row {n}")
    if isinstance(row, str):
        sink.add(f"row {n}", row)
        return None
    return row


# A time may be followed by a tab, a dash, a bar, a comma or semicolon, a colon, or spaces.
_AFTER_TIME = re.compile(r"\t|\s+[-–—|]\s+|[,;|]\s*|:\s+|\s+")
_LEADING_SEPARATORS = re.compile(r"^[\s,;|:\-–—]+")
_UTC_WORDS = {"UTC", "GMT", "UT", "Z"}


def _split_time_line(line: str) -> tuple[str, tuple[datetime, bool], str] | None:
    """`(time text, parsed time, rest)` when a line starts with a time, else None."""
    s = line.strip()
    if not s or not s[0].isalnum():
        return None
    best: tuple[str, tuple[datetime, bool], str] | None = None
    ends = [(m.start(), m.end()) for m in _AFTER_TIME.finditer(s[:80])] + [(len(s), len(s))]
    for start, end in ends:
        prefix = s[:start].rstrip(" ,;|")
        parsed = _parse_time(prefix) if prefix else None
        if parsed is None or _ignored_last_word(prefix, parsed):
            continue
        if best is None or len(prefix) > len(best[0]):
            best = (prefix, parsed, _LEADING_SEPARATORS.sub("", s[end:]))
    return best


def _ignored_last_word(prefix: str, parsed: tuple[datetime, bool]) -> bool:
    """True when the prefix's last word is not part of the time (an unknown "zone")."""
    words = prefix.rsplit(None, 1)
    if len(words) < 2 or not words[1].isalpha():
        return False
    if words[1].upper() in _UTC_WORDS or words[1].lower().strip(".") in ("am", "pm"):
        return False
    shorter = _parse_time(words[0])
    return shorter is not None and shorter[0] == parsed[0]


@dataclass(frozen=True)
class _ListLine:
    number: int
    time_text: str
    parsed: tuple[datetime, bool]
    rest: str


def _parse_line_list(lines: Sequence[str], complete: bool = True
                     ) -> tuple[list[_ListLine], list[int]] | None:
    """The timed lines of a transcript list and the numbers of the lines that are not.

    None when the text is not such a list: up to two title lines may precede the first timed
    line, and at least half of the lines from there on must be timed.
    """
    timed: list[_ListLine] = []
    untimed: list[int] = []
    numbered = [(i, ln) for i, ln in enumerate(lines, start=1) if ln.strip()]
    if not complete:
        numbered = numbered[:-1] or numbered  # a head's last line may be cut short
    for position, (number, line) in enumerate(numbered):
        split = _split_time_line(line)
        if split is not None:
            timed.append(_ListLine(number, *split))
        elif timed:
            untimed.append(number)
        elif position >= 2:
            return None
    if not timed or len(timed) < len(untimed):
        return None
    return timed, untimed


def _rows_from_lines(entry: Entry, lines: Sequence[str], unit: str,
                     sink: _FileProblems) -> list[_Row]:
    # A list of timed lines is a transcript list only where the file says so: two columns
    # of a time and a word are also Amazon's country of residence, or a music account.
    if not _voice_hint(entry.path):
        return []
    parsed = _parse_line_list(lines)
    if parsed is None:
        return []
    timed, untimed = parsed
    for number in untimed:
        sink.add(f"{unit} {number}", "does not start with a date and time; skipped")
    return [_Row(record_path=f"{entry.path}#{unit}={t.number}",
                 where=f"{entry.where}, {unit} {t.number}", recorded_at=t.parsed[0],
                 recorded_at_text=t.time_text, approximate=t.parsed[1],
                 precision=_precision(t.time_text), transcript=_unquote(t.rest) or None)
            for t in timed]


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


# ---------------------------------------------------------------------------------------------
# HTML


class _HtmlText(HTMLParser):
    """Tables (rows of cell texts) and text lines (one per block element) of an HTML page."""

    _BLOCKS = frozenset({"p", "li", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "dt",
                         "dd", "section", "article", "ul", "ol", "table", "body", "header",
                         "footer", "pre", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.lines: list[str] = []
        self._open_tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._buffer: list[str] = []
        self._skip = 0

    @classmethod
    def parse(cls, text: str) -> _HtmlText:
        parser = cls()
        parser.feed(text)
        parser.close()
        parser._flush()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self._skip += 1
        elif tag == "table":
            self._flush()
            self._open_tables.append([])
        elif tag == "tr" and self._open_tables:
            self._end_cell()
            self._open_tables[-1].append([])
        elif tag in ("td", "th") and self._open_tables:
            self._end_cell()
            self._cell = []
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr" and self._open_tables:
            self._end_cell()
            row = self._open_tables[-1][-1] if self._open_tables[-1] else []
            if any(row):
                self.lines.append("\t".join(row))
        elif tag == "table" and self._open_tables:
            self._end_cell()
            table = [r for r in self._open_tables.pop() if any(r)]
            if table:
                self.tables.append(table)
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._open_tables:
            self._buffer.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._open_tables and self._open_tables[-1]:
            self._open_tables[-1][-1].append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _flush(self) -> None:
        line = " ".join("".join(self._buffer).split())
        if line:
            self.lines.append(line)
        self._buffer = []


def _rows_from_html(entry: Entry, text: str, sink: _FileProblems) -> list[_Row]:
    page = _HtmlText.parse(text)
    rows: list[_Row] = []
    n = 0
    for table in page.tables:
        roles = _classify_columns(table[0], _voice_hint(entry.path))
        if roles is None:
            continue
        header = _unique_names(table[0])
        for cells in table[1:]:
            n += 1
            row = _html_row(entry, n, header, cells, roles, sink)
            if row is not None:
                rows.append(row)
    if n:
        return rows
    return _rows_from_lines(entry, page.lines, "item", sink)


def _html_row(entry: Entry, n: int, header: Sequence[str], cells: Sequence[str],
              roles: _Roles, sink: _FileProblems) -> _Row | None:
    padded = list(cells) + [""] * (len(header) - len(cells))
    row = _table_row(dict(zip(header, padded, strict=False)), roles,
                     f"{entry.path}#row={n}", f"{entry.where}, table row {n}")
    if isinstance(row, str):
        sink.add(f"table row {n}", row)
        return None
    return row


# ---------------------------------------------------------------------------------------------
# Joining audio to rows


def _norm_id(text: str) -> str:
    """Identifiers and file names compared without case or punctuation.

    utteranceIds hold '/' and ':' which no file name can, so exports replace them.
    """
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def _assign_audio_devices(audio: Sequence[_Audio], devices: set[str]) -> None:
    """An audio file in a folder named after a known device belongs to that device."""
    by_norm = {_norm_id(d): d for d in devices}
    for a in audio:
        for folder in reversed(a.entry.parent.split("/")):
            if _norm_id(folder) in by_norm:
                a.device = by_norm[_norm_id(folder)]
                break


def _claim(row: _Row, audio: _Audio, kind: JoinKind) -> None:
    row.audio, row.join, audio.used = audio, kind, True


def _join_by_name(rows: Sequence[_Row], audio: Sequence[_Audio],
                  problems: list[Problem]) -> None:
    by_name: dict[str, list[_Audio]] = {}
    by_stem: dict[str, list[_Audio]] = {}
    for a in audio:
        by_name.setdefault(a.entry.name.lower(), []).append(a)
        by_stem.setdefault(a.norm_stem, []).append(a)
    for row in rows:
        for ref in row.audio_refs:
            base = re.split(r"[\\/]", ref.strip())[-1]
            stem = base.rsplit(".", 1)[0] if "." in base else base
            found = [a for a in by_name.get(base.lower(), []) + by_stem.get(_norm_id(stem), [])
                     if not a.used]
            if found:
                _claim(row, _best_path_match(found, ref), "name")
                break
            problems.append(Problem(row.where, f"names the audio file {ref!r}, which is not "
                                               "in the export (or is not audio)", "warning"))


def _best_path_match(found: Sequence[_Audio], ref: str) -> _Audio:
    """Among same-named files, the one whose path ends like the reference."""
    ref_path = ref.strip().replace("\\", "/").lower()
    return next((a for a in found if a.entry.path.lower().endswith(ref_path)), found[0])


def _join_by_id(rows: Sequence[_Row], audio: Sequence[_Audio]) -> None:
    exact: dict[str, list[_Audio]] = {}
    by_token: dict[str, list[_Audio]] = {}
    for a in audio:
        for key in {a.norm_name, a.norm_stem}:
            exact.setdefault(key, []).append(a)
        for token in set(a.norm_name.split("_")):
            if len(token) >= 6:
                by_token.setdefault(token, []).append(a)
    for row in rows:
        if row.audio is not None:
            continue
        for ident in row.match_ids:
            match = _audio_for_id(_norm_id(ident), exact, by_token)
            if match is not None:
                _claim(row, match, "id")
                break


def _audio_for_id(nid: str, exact: Mapping[str, list[_Audio]],
                  by_token: Mapping[str, list[_Audio]]) -> _Audio | None:
    if not nid:
        return None
    hit = next((a for a in exact.get(nid, []) if not a.used), None)
    if hit is not None:
        return hit
    # Short ids ("17") would be found inside unrelated names; only long ones are searched for.
    tokens = [t for t in nid.split("_") if len(t) >= 6]
    if not tokens:
        return None
    rarest = min(tokens, key=lambda t: len(by_token.get(t, [])))
    needle = f"_{nid}_"
    return next((a for a in by_token.get(rarest, [])
                 if not a.used and needle in f"_{a.norm_name}_"), None)


def _join_by_time(rows: Sequence[_Row], audio: Sequence[_Audio]) -> None:
    """Pair rows and audio by time, closest pairs first, each at most once."""
    timed = sorted((a.name_time[0], i) for i, a in enumerate(audio)
                   if a.name_time is not None and not a.used)
    times = [t for t, _ in timed]
    pairs: list[tuple[timedelta, int, int]] = []
    for r, row in enumerate(rows):
        if row.audio is not None:
            continue
        lo = row.recorded_at - TIME_JOIN_TOLERANCE
        hi = row.recorded_at + row.precision + TIME_JOIN_TOLERANCE
        middle = row.recorded_at + row.precision / 2
        for k in range(bisect.bisect_left(times, lo), bisect.bisect_right(times, hi)):
            a = audio[timed[k][1]]
            if row.device and a.device and row.device != a.device:
                continue
            pairs.append((abs(timed[k][0] - middle), r, timed[k][1]))
    for _, r, i in sorted(pairs):
        if rows[r].audio is None and not audio[i].used:
            _claim(rows[r], audio[i], "time")


# ---------------------------------------------------------------------------------------------
# Clip records


def _row_record(row: _Row) -> ClipRecord:
    extra = dict(row.extra)
    if row.join is not None:
        extra["audio_join"] = row.join
    # As everywhere: `source_path` is where the clip's audio is, `record_path` the row.
    return ClipRecord(
        vendor="amazon", recorded_at=row.recorded_at, recorded_at_text=row.recorded_at_text,
        source_path=row.audio.entry.path if row.audio else row.record_path,
        record_path=row.record_path, time_approximate=row.approximate,
        vendor_id=row.vendor_id, identifiers=dict(row.identifiers), device=row.device,
        account=row.account, vendor_transcript=row.transcript, extra=extra,
        audio=row.audio.entry if row.audio else None)


def _orphan_record(audio: _Audio) -> ClipRecord:
    """A recording no row describes: timed by its name, else its time is unknown.

    Never by its file date: in a vendor's zip that is when the zip was packed (and after
    unzipping, when it was unzipped), which would put every such clip at one moment.
    """
    entry = audio.entry
    when: datetime | None = None
    approximate = False
    text, time_source = "", "unknown"
    if audio.name_time is not None:
        when, approximate = audio.name_time
        text, time_source = entry.name, "file name"
    return ClipRecord(
        vendor="amazon", recorded_at=when, recorded_at_text=text, source_path=entry.path,
        time_approximate=approximate, device=audio.device,
        extra={"orphan_audio": True, "time_source": time_source}, audio=entry)


# ---------------------------------------------------------------------------------------------
# Times


def _parse_time(text: str) -> tuple[datetime, bool] | None:
    """`parse_timestamp`, but None for a time no recording can have (year 1, year 9999) and
    for text whose arithmetic overflows: one such row is skipped, never its whole file."""
    try:
        parsed = parse_timestamp(text)
    except (OverflowError, ValueError):
        return None
    if parsed is None or not plausible_time(parsed[0]):
        return None
    return parsed


# ---------------------------------------------------------------------------------------------
# Older Alexa activity records (`/api/activities` pages, as backup and forensic tools save
# them): `{"activities": [{"creationTimestamp": ms, "description": "{\"summary\": …}",
# "sourceDeviceIds": [{"serialNumber", "deviceType", "deviceAccountId"}],
# "registeredCustomerId", "utteranceId", "id", "activityStatus", "domainAttributes", …}]}`,
# the recording beside it as `<creationTimestamp>.wav`.

_ACTIVITY_KEYS = re.compile(r'"(?:sourceDeviceIds|registeredCustomerId)"\s*:')


def _is_activity(value: Any) -> bool:
    return isinstance(value, dict) and "creationTimestamp" in value and any(
        k in value for k in ("sourceDeviceIds", "registeredCustomerId", "activityStatus"))


def _activity_records(data: Any) -> list[Any] | None:
    """The activity records of a page (or a list of pages, or one record), else None."""
    if _is_activity(data):
        return [data]
    if isinstance(data, dict):
        data = data.get("activities")
    if not isinstance(data, list) or not data:
        return None
    if all(isinstance(p, dict) and isinstance(p.get("activities"), list) for p in data):
        data = [a for p in data for a in p["activities"]]
    return data if any(_is_activity(a) for a in data) else None


def _activity_row(entry: Entry, n: int, record: Any, sink: _FileProblems) -> _Row | None:
    place = f"record {n}"
    if not isinstance(record, dict):
        sink.add(place, "is not an object with named fields; skipped")
        return None
    time_text = _text(record.get("creationTimestamp"))
    if time_text is None:
        sink.add(place, "has no creationTimestamp; skipped")
        return None
    parsed = _parse_time(time_text)
    if parsed is None:
        sink.add(place, f"cannot read the time {time_text!r} in 'creationTimestamp'; skipped")
        return None
    description = record.get("description")
    details: Any = description
    if isinstance(description, str):
        try:
            details = json.loads(description)
        except ValueError:
            details = description  # plain text: it is the transcript itself
    transcript = _text(details.get("summary") if isinstance(details, dict) else details)
    sources = [d for d in _as_list(record.get("sourceDeviceIds")) if isinstance(d, dict)]
    first = sources[0] if sources else {}
    serial = _text(first.get("serialNumber"))
    ids: dict[str, str] = {}
    candidates = {
        "utteranceId": _text(record.get("utteranceId")) or (
            _text(details.get("firstUtteranceId")) if isinstance(details, dict) else None),
        "id": _text(record.get("id")),
        "customerId": _text(record.get("registeredCustomerId")),
        "serial": serial, "deviceType": _text(first.get("deviceType")),
        "deviceAccountId": _text(first.get("deviceAccountId")),
    }
    ids.update({k: v for k, v in candidates.items() if v})
    vendor_id = ids.get("utteranceId") or ids.get("id")
    return _Row(
        record_path=f"{entry.path}#record={n}", where=f"{entry.where}, {place}",
        recorded_at=parsed[0], recorded_at_text=time_text, approximate=parsed[1],
        # The records name no device, only its serial number: the user's device list (the
        # registration files) says which device that is.
        device=_device_name(first.get("deviceName")) or serial, transcript=transcript,
        vendor_id=vendor_id, identifiers=ids, account=ids.get("customerId"),
        extra={k: v for k, v in record.items()},
        # `<creationTimestamp>.wav` is named by the record's own time text.
        match_ids=[i for i in (ids.get("utteranceId"), ids.get("id"), time_text) if i])


# ---------------------------------------------------------------------------------------------
# The account's registered devices (`Devices.Registration.zip`: `registration.csv`)

# Only files whose path names registrations or devices are read as device lists.
_DEVICE_LIST_PATH = re.compile(r"regist", re.IGNORECASE)
_SERIAL_COLUMNS = ("deviceserialnumber", "serialnumber", "dsn", "deviceserial", "serial")
_DEVICE_NAME_COLUMNS = ("accountname", "devicename", "devicenickname", "friendlyname",
                        "nickname", "name")
_DEVICE_TYPE_COLUMNS = ("devicetype", "devicetypename", "devicefamily", "devicemodel",
                        "model", "type")
_REGISTERED_COLUMNS = ("firsttimeregistered", "registrationdate", "registeredat",
                       "registrationtime", "firstregistered", "registered")


def _read_device_list(entry: Entry, problems: list[Problem]) -> list[RegisteredDevice]:
    """Rows of a device-registration table; nothing when the file is not one."""
    try:
        text = decode_text(entry.read()).lstrip("\ufeff")
    except (OSError, TextDecodeError) as exc:
        problems.append(Problem(entry.where, f"device list cannot be read ({exc}); skipped"))
        return []
    lines = text.splitlines()
    if not lines:
        return []
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = _unique_names(next(reader))
    except (StopIteration, csv.Error):
        return []
    by_norm: dict[str, str] = {}
    for col in header:
        by_norm.setdefault(_norm_column(col), col)

    def pick(names: Sequence[str]) -> str | None:
        return next((by_norm[n] for n in names if n in by_norm), None)

    serial_col, name_col = pick(_SERIAL_COLUMNS), pick(_DEVICE_NAME_COLUMNS)
    type_col, first_col = pick(_DEVICE_TYPE_COLUMNS), pick(_REGISTERED_COLUMNS)
    if serial_col is None and name_col is None:
        return []
    found: list[RegisteredDevice] = []
    try:
        for cells in reader:
            row = dict(zip(header, cells, strict=False))
            serial = _text(row.get(serial_col)) if serial_col else None
            name = _text(row.get(name_col)) if name_col else None
            key = serial or name
            if key is None:
                continue
            found.append(RegisteredDevice(
                key=key, source_path=entry.path, serial=serial, name=name,
                device_type=_text(row.get(type_col)) if type_col else None,
                first_registered=_text(row.get(first_col)) if first_col else None,
                details={k: v for k, v in row.items() if v}))
    except csv.Error as exc:
        problems.append(Problem(entry.where, f"device list is not well-formed CSV ({exc}); "
                                             "the rows before the damage were kept",
                                "warning"))
    return found


# ---------------------------------------------------------------------------------------------
# The 2018 GDPR download: numbered WAVs and a PDF listing each recording's time and text


def _read_pdf_list(entry: Entry, problems: list[Problem]) -> list[_Row]:
    """The rows of a PDF transcript list; a PDF that is something else is left out."""
    try:
        lines = _pdf_lines(entry.read())
    except Exception as exc:  # pypdf raises many kinds for damaged or encrypted files
        problems.append(Problem(entry.where, f"this document cannot be read "
                                             f"({type(exc).__name__}: {exc}); if it lists your "
                                             "recordings, their texts and times are missing"))
        return []
    rows: list[_Row] = []
    current: _Row | None = None
    for number, line in enumerate(lines, start=1):
        split = _split_time_line(line)
        if split is None:
            if current is not None and line.strip():
                # A transcript that wrapped onto the next line of the page.
                current.transcript = f"{current.transcript or ''} {line.strip()}".strip()
            continue
        time_text, parsed, rest = split
        current = _Row(record_path=f"{entry.path}#line={number}",
                       where=f"{entry.where}, line {number}", recorded_at=parsed[0],
                       recorded_at_text=time_text, approximate=parsed[1],
                       precision=_precision(time_text), transcript=_unquote(rest) or None,
                       extra={"list_position": len(rows) + 1})
        rows.append(current)
    for row in rows:
        # The recording's length, when the list gives it, ends the (possibly wrapped) row.
        listed = _LISTED_DURATION.search(row.transcript or "")
        if listed is not None and row.transcript is not None:
            row.extra["listed_duration_s"] = _duration_seconds(listed)
            row.transcript = row.transcript[:listed.start()].rstrip(" ,;|-") or None
    if not rows:
        problems.append(Problem(entry.where, "PDF documents", "left_out"))
    return rows


def _pdf_lines(data: bytes) -> list[str]:
    from pypdf import PdfReader  # imported when a PDF is found: most exports have none

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("the document is encrypted")
    return [ln for page in reader.pages for ln in (page.extract_text() or "").splitlines()]


_NUMBER = re.compile(r"\d+")
# A recording's length at the end of a list row: "0:03", "(3 s)", "2,5 Sek.", "4 seconds".
_LISTED_DURATION = re.compile(
    r"[\s(\[]+(?:(?P<m>\d{1,2}):(?P<s>\d{2})|(?P<sec>\d+(?:[.,]\d+)?)\s*"
    r"(?:s|sec|secs|seconds|sek|sek\.|sekunden))[)\]]?\s*$", re.IGNORECASE)
# How far a listed length may be from the WAV's own and still be the same recording.
DURATION_TOLERANCE_S = 1.0


def _duration_seconds(m: re.Match[str]) -> float:
    if m["sec"] is not None:
        return float(m["sec"].replace(",", "."))
    return int(m["m"]) * 60 + int(m["s"])


def _wav_seconds(a: _Audio) -> float | None:
    """A WAV's length from its header (other formats, or a damaged header: None)."""
    if a.kind != ".wav":
        return None
    try:
        with wave.open(io.BytesIO(a.entry.read())) as w:
            frames: int = w.getnframes()
            rate: int = w.getframerate()
        return frames / float(rate)
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return None


def _join_by_order(rows: Sequence[_Row], audio: Sequence[_Audio],
                   problems: list[Problem]) -> None:
    """Pair a PDF list's rows without audio with the numbered recordings no name dates.

    The 2018 downloads numbered the WAVs (`1.wav`, `0002.wav`) in the list's order and gave
    them no time; the list gives the times. When the list also gives each recording's
    length, rows and WAVs are aligned in order by length (a missing WAV or an extra one is
    skipped over); without lengths the order is trusted only when both counts agree.
    Recordings left over keep "time unknown", and the report says why.
    """
    waiting = [r for r in rows if r.audio is None]
    numbered = [a for a in audio if not a.used and a.name_time is None
                and _NUMBER.search(a.entry.name)]
    if not waiting or not numbered:
        return
    numbered.sort(key=lambda a: (int(_NUMBER.findall(a.entry.name)[-1]), a.entry.path))
    listed = [r.extra.get("listed_duration_s") for r in waiting]
    if all(d is not None for d in listed):
        pairs = _align_by_length([float(d) for d in listed if d is not None],
                                 [_wav_seconds(a) for a in numbered])
    elif len(waiting) == len(numbered):
        pairs = list(zip(range(len(waiting)), range(len(numbered)), strict=True))
    else:
        pairs = []
    for i, j in pairs:
        _claim(waiting[i], numbered[j], "order")
    left = sum(not a.used for a in numbered)
    if left:
        problems.append(Problem(
            numbered[0].entry.where.rsplit("/", 1)[0],
            f"{len(numbered)} numbered recordings but {len(waiting)} entries in the "
            f"transcript list without a recording: {left} recording(s) could not be matched "
            "to an entry, so they are kept with their time unknown", "warning"))


def _align_by_length(listed: Sequence[float], actual: Sequence[float | None]
                     ) -> list[tuple[int, int]]:
    """The most (row, WAV) pairs, both in order, whose lengths agree: an edit-distance
    alignment where a row or a WAV may be skipped."""
    n, m = len(listed), len(actual)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            fits = actual[j] is not None and abs(listed[i] - (actual[j] or 0.0)) \
                <= DURATION_TOLERANCE_S
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + 1 if fits else 0)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        fits = actual[j] is not None and abs(listed[i] - (actual[j] or 0.0)) \
            <= DURATION_TOLERANCE_S
        if fits and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


__all__ = ["TIME_JOIN_TOLERANCE", "AlexaImporter", "importer"]
