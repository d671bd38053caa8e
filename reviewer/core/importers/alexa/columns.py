"""Guessing what a table's columns hold (time, device, transcript, audio, ids)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
