"""Realistic Google Takeout "My Activity > Assistant" exports, written to disk for tests.

What real exports look like (and what this module reproduces):

* `Takeout/My Activity/Assistant/MyActivity.json`: a JSON array, newest entry first, written by
  Gson, so `=`, `&`, `'`, `<` and `>` inside strings appear as `\\u003d`-style escapes.
* The mp3s named in `audioFiles` sit beside the JSON. Their names carry a UTC time that is
  a few seconds off the entry's `time`, never equal to it.
* Variants: the folder `Voice and Audio` instead of `Assistant`; German folder and file names
  (`Meine Aktivitäten/.../MeineAktivitäten.json`); the legacy `MyActivity.html` (Material
  Design Lite markup, dates in the exporter's local zone); multi-part downloads
  (`takeout-<stamp>-001.zip`, `-002.zip`, …) with the JSON and its mp3s in different parts;
  orphan mp3s no entry mentions; zips or extracted folders.

The builders are deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import html
import io
import json
import os
import random
import struct
import tarfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import av
import numpy as np

from reviewer.testing.audio import SAMPLE_RATE, Samples, noise, tone

Layout = Literal["json", "html"]
Locale = Literal["en", "de"]

HOTWORD = "Started by hotword"
UNRECOGNIZED_SPEAKER = "From unrecognized speaker"
# Titles Google writes when it kept audio but no transcript.
CONTENTLESS_TITLES = ("Google Assistant", "Unknown voice command")

SPEECH_DIR = Path(__file__).parent / "data" / "speech"


# --- entries -------------------------------------------------------------------------------


@dataclass
class AssistantEntry:
    """One My Activity record of the Assistant.

    `time` must be timezone-aware. `title` is written verbatim ("Said turn on the lights",
    "Google Assistant"); titles starting with "Said " get a Google search `titleUrl`.
    `audio_name` defaults to Google's `YYYY-MM-DD_HH_MM_SS_mmm_UTC.mp3` for a time 0.2–3 s
    before or after `time` (fixed per entry). An empty string in `replies` is written as the
    empty `{}` subtitle real exports contain. `location` is (latitude, longitude).
    """

    time: datetime
    title: str
    audio: bytes | None = None
    audio_name: str | None = None
    details: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=lambda: ["Assistant"])
    location: tuple[float, float] | None = None
    header: str = "Assistant"

    def __post_init__(self) -> None:
        if self.time.tzinfo is None:
            raise ValueError("AssistantEntry.time must be timezone-aware")

    @property
    def file_name(self) -> str | None:
        """The mp3 name written to `audioFiles`, or None when the entry has no audio."""
        if self.audio is None:
            return None
        return self.audio_name or google_audio_name(self.time + audio_offset(self.time))


def said(text: str) -> str:
    """The title Google gives a transcribed request."""
    return f"Said {text}"


def google_audio_name(when: datetime) -> str:
    """Google's name for audio recorded at `when`: `2018-02-02_02_05_06_912_UTC.mp3`."""
    t = when.astimezone(UTC)
    return f"{t:%Y-%m-%d_%H_%M_%S}_{t.microsecond // 1000:03d}_UTC.mp3"


def audio_offset(when: datetime) -> timedelta:
    """How far the audio file name's time is from the entry time: ±0.2–3 s, fixed per time.

    Real exports never have the two equal, so importers must match them with a tolerance;
    deriving the offset from the time keeps builders deterministic without a seed.
    """
    digest = hashlib.sha256(when.astimezone(UTC).isoformat().encode()).digest()
    millis = 200 + int.from_bytes(digest[:4], "big") % 2801
    return timedelta(milliseconds=millis if digest[4] % 2 else -millis)


def google_time(when: datetime) -> str:
    """The `time` field: UTC, always three fraction digits, `Z`."""
    t = when.astimezone(UTC)
    return f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond // 1000:03d}Z"


def search_url(query: str) -> str:
    return "https://www.google.com/search?q=" + quote_plus(query)


def maps_url(lat: float, lon: float) -> str:
    return (f"https://www.google.com/maps/@?api=1&map_action=map&center={lat:.6f},{lon:.6f}"
            "&zoom=12")


def _query(title: str) -> str | None:
    return title[len("Said "):] if title.startswith("Said ") else None


# --- JSON ----------------------------------------------------------------------------------


def entry_json(entry: AssistantEntry) -> dict[str, Any]:
    """The entry as Takeout writes it; keys in Takeout's order, optional keys left out."""
    obj: dict[str, Any] = {"header": entry.header, "title": entry.title}
    query = _query(entry.title)
    if query is not None:
        obj["titleUrl"] = search_url(query)
    obj["time"] = google_time(entry.time)
    obj["products"] = list(entry.products)
    if entry.details:
        obj["details"] = [{"name": d} for d in entry.details]
    if entry.replies:
        obj["subtitles"] = [{"name": r} if r else {} for r in entry.replies]
    if entry.location is not None:
        obj["locationInfos"] = [{"name": "At this general area", "url": maps_url(*entry.location),
                                 "source": "From your device"}]
    if entry.file_name is not None:
        obj["audioFiles"] = [entry.file_name]
    return obj


def activity_json(entries: Sequence[AssistantEntry], newest_first: bool = True) -> str:
    """`MyActivity.json` text, formatted and escaped the way Gson writes Takeout."""
    ordered = sorted(entries, key=lambda e: e.time, reverse=newest_first)
    return _gson_escape("[" + ", ".join(_gson(entry_json(e), 0) for e in ordered) + "]")


def _gson(value: Any, depth: int) -> str:
    """Gson's pretty printing: `[{` on one line, string lists inline, two-space indent."""
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{\n" + "  " * depth + "}"
        items = [f"{pad}{json.dumps(k)}: {_gson(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_gson(v, depth) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _gson_escape(text: str) -> str:
    # These characters only ever occur inside JSON strings, so a plain replace is safe.
    for ch in "<>&='":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


# --- HTML ----------------------------------------------------------------------------------

_FALLBACK_ZONES: dict[str, tzinfo] = {
    "America/Los_Angeles": timezone(timedelta(hours=-8), "PST"),
    "Europe/Berlin": timezone(timedelta(hours=1), "CET"),
}
_GERMAN_ZONE_NAMES = {"CET": "MEZ", "CEST": "MESZ"}
_LABELS = {
    "en": {"products": "Products:", "details": "Details:", "locations": "Locations:",
           "title": "My Activity – Assistant"},
    "de": {"products": "Produkte:", "details": "Details:", "locations": "Standorte:",
           "title": "Meine Aktivitäten – Assistant"},
}
_HTML_HEAD = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
              "<title>{title}</title><style>body,html{{height:100%}}.mdl-grid{{display:flex;"
              "flex-flow:row wrap}}.mdl-cell--12-col{{width:100%}}.mdl-cell--6-col{{width:50%}}"
              '</style></head><body><div class="mdl-grid">')
_HTML_TAIL = "</div></body></html>"


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # Windows without the tzdata package
        if name in _FALLBACK_ZONES:
            return _FALLBACK_ZONES[name]
        raise


def html_time(when: datetime, locale: Locale, zone: tzinfo, with_zone: bool = True,
              narrow_space: bool = False) -> str:
    """The date line of a legacy HTML entry, in the exporter's zone.

    en: "Feb 2, 2018, 2:05:07 AM PST" (newer exports put U+202F before AM/PM);
    de: "02.02.2018, 02:05:07 MEZ".
    """
    t = when.astimezone(zone)
    abbr = t.tzname() or ""
    if locale == "de":
        text = f"{t:%d.%m.%Y, %H:%M:%S}"
        abbr = _GERMAN_ZONE_NAMES.get(abbr, abbr)
    else:
        space = "\u202f" if narrow_space else " "
        hour = t.hour % 12 or 12
        text = f"{t:%b} {t.day}, {t.year}, {hour}:{t:%M:%S}{space}{'AM' if t.hour < 12 else 'PM'}"
    return f"{text} {abbr}" if with_zone and abbr else text


def _text(text: str) -> str:
    """Escape a text node the way Takeout does (`&#39;`, not Python's `&#x27;`)."""
    return html.escape(text, quote=False).replace("'", "&#39;")


def _html_entry(entry: AssistantEntry, locale: Locale, zone: tzinfo, with_zone: bool,
                narrow_space: bool) -> str:
    labels = _LABELS[locale]
    query = _query(entry.title)
    if query is not None:
        title = f'Said&nbsp;<a href="{html.escape(search_url(query))}">{_text(query)}</a>'
    else:
        title = _text(entry.title)
    body = [title, "<br>", html_time(entry.time, locale, zone, with_zone, narrow_space), "<br>"]
    if entry.file_name is not None:
        body.append(f'<audio controls><source src="{html.escape(entry.file_name)}"></audio><br>')
    body.extend(f"{_text(r)}<br>" for r in entry.replies if r)
    caption = [f"<b>{labels['products']}</b><br>"]
    caption.extend(f"&emsp;{_text(p)}<br>" for p in entry.products)
    if entry.details:
        caption.append(f"<b>{labels['details']}</b><br>")
        caption.extend(f"&emsp;{_text(d)}<br>" for d in entry.details)
    if entry.location is not None:
        caption.append(f"<b>{labels['locations']}</b><br>&emsp;At "
                       f'<a href="{html.escape(maps_url(*entry.location))}">this general area</a>'
                       " - From your device<br>")
    return ('<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp">'
            '<div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col">'
            f'<p class="mdl-typography--title">{_text(entry.header)}<br></p></div>'
            '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">'
            + "".join(body) + "</div>"
            '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 '
            'mdl-typography--text-right"></div>'
            '<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">'
            + "".join(caption) + "</div></div></div>")


def activity_html(entries: Sequence[AssistantEntry], locale: Locale = "en",
                  zone: str | None = None, with_zone: bool = True, narrow_space: bool = False,
                  newest_first: bool = True) -> str:
    """Legacy `MyActivity.html`. `zone` is the exporter's IANA zone (default by locale)."""
    tz = _zone(zone or ("Europe/Berlin" if locale == "de" else "America/Los_Angeles"))
    ordered = sorted(entries, key=lambda e: e.time, reverse=newest_first)
    cells = "".join(_html_entry(e, locale, tz, with_zone, narrow_space) for e in ordered)
    return _HTML_HEAD.format(title=_LABELS[locale]["title"]) + cells + _HTML_TAIL


# --- files, zips and parts -----------------------------------------------------------------


def activity_dir(locale: Locale = "en", folder: str = "Assistant") -> str:
    """The export's folder for the Assistant, e.g. `Takeout/My Activity/Assistant`."""
    return f"Takeout/{'Meine Aktivitäten' if locale == 'de' else 'My Activity'}/{folder}"


def activity_file_name(locale: Locale = "en", layout: Layout = "json") -> str:
    return f"{'MeineAktivitäten' if locale == 'de' else 'MyActivity'}.{layout}"


def takeout_files(entries: Sequence[AssistantEntry], *, layout: Layout = "json",
                  folder: str = "Assistant", locale: Locale = "en",
                  orphans: Sequence[tuple[str, bytes]] = (), html_zone: str | None = None,
                  html_with_zone: bool = True, html_narrow_space: bool = False,
                  newest_first: bool = True) -> list[tuple[str, bytes]]:
    """Every file of the export as (path inside the export, bytes), sorted by path.

    Use this to build broken variants (drop a file, corrupt the JSON) before writing them
    with `write_zip` or `write_files`.
    """
    base = activity_dir(locale, folder)
    if layout == "json":
        index = activity_json(entries, newest_first)
    else:
        index = activity_html(entries, locale, html_zone, html_with_zone, html_narrow_space,
                              newest_first)
    files: dict[str, bytes] = {f"{base}/{activity_file_name(locale, layout)}": index.encode()}
    for entry in entries:
        name = entry.file_name
        if name is None or entry.audio is None:
            continue
        path = f"{base}/{name}"
        if path in files:
            raise ValueError(f"two entries use the audio name {name}")
        files[path] = entry.audio
    for name, data in orphans:
        files[f"{base}/{name}"] = data
    return sorted(files.items())


def split_parts(files: Sequence[tuple[str, bytes]], parts: int) -> list[list[tuple[str, bytes]]]:
    """Split like Takeout's multi-part download: in path order, into parts of similar size.

    In path order the mp3s (names start with a digit) come before `MyActivity.json`, so with
    two or more parts the index and most of its audio end up in different parts.
    """
    if not 1 <= parts <= len(files):
        raise ValueError(f"cannot split {len(files)} files into {parts} parts")
    total = sum(len(data) for _, data in files)
    chunks: list[list[tuple[str, bytes]]] = [[] for _ in range(parts)]
    done = last = 0
    for i, item in enumerate(files):
        by_size = min(parts - 1, done * parts // max(total, 1))
        # Never skip a part (a big file could), and leave a file for every later part.
        index = max(min(max(by_size, last), last + 1), parts - (len(files) - i))
        chunks[index].append(item)
        done += len(item[1])
        last = index
    return chunks


def takeout_part_name(export_time: datetime, part: int) -> str:
    return f"takeout-{export_time.astimezone(UTC):%Y%m%dT%H%M%SZ}-{part:03d}"


def write_zip(path: Path, files: Sequence[tuple[str, bytes]], when: datetime) -> Path:
    """A reproducible zip: fixed entry times, order and attributes; mp3s stored, text deflated."""
    stamp = when.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Deflating mp3 gains nothing and slows 10,000-clip benchmark builds.
            info.compress_type = (zipfile.ZIP_STORED if name.endswith(".mp3")
                                  else zipfile.ZIP_DEFLATED)
            info.create_system = 3  # Unix, whatever platform builds it
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return path


def write_tgz(path: Path, files: Sequence[tuple[str, bytes]], when: datetime,
              compress: bool = True) -> Path:
    """A reproducible `.tgz` as Takeout offers it: a gzip-compressed tar of the same files.

    Folders get their own entries as `tar` writes them; times, owners and modes are fixed.
    With `compress=False`, a plain `.tar`.
    """
    stamp = int(when.astimezone(UTC).timestamp())
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        folders: set[str] = set()
        for name, data in files:
            parts = name.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                folder = "/".join(parts[:i])
                if folder not in folders:
                    folders.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, stamp
                    tar.addfile(info)
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, stamp
            tar.addfile(info, io.BytesIO(data))
    data = raw.getvalue()
    if compress:
        data = gzip.compress(data, compresslevel=6, mtime=stamp)
    path.write_bytes(data)
    return path


def part_file_name(export_time: datetime, part: int, parts: int, segmented: bool,
                   archive: str) -> str:
    """`takeout-<stamp>-001.zip`, or with `segmented` `-1-001`, `-1-002`, `-2-001`, ...

    Segmented downloads group parts two to a segment here; what counts is that segment and
    part numbers both change.
    """
    stamp = f"takeout-{export_time.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    if segmented:
        segment, number = divmod(part - 1, 2)
        return f"{stamp}-{segment + 1}-{number + 1:03d}.{archive}"
    return f"{stamp}-{part:03d}.{archive}"


def write_files(root: Path, files: Sequence[tuple[str, bytes]], when: datetime) -> Path:
    """Write files under `root` as an unzip tool would, with `when` as their mtime."""
    mtime = when.timestamp()
    for name, data in files:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, (mtime, mtime))
    return root


def write_takeout(dest_dir: Path | str, entries: Sequence[AssistantEntry], *,
                  layout: Layout = "json", folder: str = "Assistant", locale: Locale = "en",
                  as_zip: bool = False, parts: int = 1, archive: str = "zip",
                  segmented: bool = False,
                  orphans: Sequence[tuple[str, bytes]] = (),
                  export_time: datetime | None = None, html_zone: str | None = None,
                  html_with_zone: bool = True, html_narrow_space: bool = False,
                  newest_first: bool = True) -> list[Path]:
    """Write a Takeout export of `entries` under `dest_dir`; return what a user would open.

    With `as_zip`, writes `takeout-<stamp>-001.zip` … and returns the zip paths (`archive`
    "tgz", "tar.gz" or "tar" for tar archives; `segmented` for `-1-001` names). Otherwise
    writes each part as the folder an unzip tool makes (`takeout-<stamp>-001/Takeout/...`)
    and returns those folders. `export_time` (default: a day after the newest entry) names
    the parts and dates their files. `html_*` apply to `layout="html"` only.
    """
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    when = export_time or _default_export_time(entries)
    files = takeout_files(entries, layout=layout, folder=folder, locale=locale, orphans=orphans,
                          html_zone=html_zone, html_with_zone=html_with_zone,
                          html_narrow_space=html_narrow_space, newest_first=newest_first)
    paths = []
    for number, chunk in enumerate(split_parts(files, parts), start=1):
        name = takeout_part_name(when, number)
        if as_zip:
            target = dest / part_file_name(when, number, parts, segmented, archive)
            if archive == "zip":
                paths.append(write_zip(target, chunk, when))
            else:
                paths.append(write_tgz(target, chunk, when, compress=archive != "tar"))
        else:
            paths.append(write_files(dest / name, chunk, when))
    return paths


def _default_export_time(entries: Sequence[AssistantEntry]) -> datetime:
    newest = max((e.time for e in entries), default=datetime(2024, 1, 2, tzinfo=UTC))
    return (newest + timedelta(days=1)).astimezone(UTC).replace(microsecond=0)


# --- audio ---------------------------------------------------------------------------------


def encode_mp3(samples: Samples, rate: int = SAMPLE_RATE, bitrate: int = 32_000) -> bytes:
    """Mono MP3 without an ID3 tag, bit-exact (no library version inside), so reproducible."""
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp3",
                 options={"fflags": "+bitexact", "id3v2_version": "0"}) as out:
        stream = out.add_stream("libmp3lame", rate=rate, options={"flags": "+bitexact"})
        stream.layout = "mono"
        stream.bit_rate = bitrate
        stream.time_base = Fraction(1, rate)
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = rate
        frame.pts = 0
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def decode_audio(data: bytes, rate: int = SAMPLE_RATE) -> Samples:
    """Any container PyAV reads, as mono float32 samples at `rate`."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
    frames: list[av.AudioFrame] = []
    with av.open(io.BytesIO(data), mode="r") as container:
        for frame in container.decode(audio=0):
            frames.extend(resampler.resample(frame))
        frames.extend(resampler.resample(None))
    if not frames:
        return np.zeros(0, np.float32)
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype(np.float32)


def id3_comment(text: str) -> bytes:
    """A minimal ID3v2.3 tag with one COMM frame; prepended to make identical audio unique."""
    body = b"\x00eng\x00" + text.encode("latin-1")  # Latin-1, language, empty description
    frame = b"COMM" + struct.pack(">I", len(body)) + b"\x00\x00" + body
    size = len(frame)
    syncsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3\x03\x00\x00" + syncsafe + frame


@functools.cache
def _tiny_clip_pool() -> tuple[bytes, ...]:
    """A few 0.3 s mp3s, encoded once per process: encoding each clip would cost ~4 ms."""
    clips = [encode_mp3(tone(0.3, freq) + noise(0.3, 0.01, seed=i))
             for i, freq in enumerate((220.0, 330.0, 440.0, 554.0, 660.0, 880.0))]
    clips.append(encode_mp3(noise(0.3, 0.2, seed=99)))
    return tuple(clips)


def tiny_mp3(index: int, tag: str = "synthetic") -> bytes:
    """A short valid mp3 whose bytes (and SHA-256) are unique per (`tag`, `index`)."""
    pool = _tiny_clip_pool()
    return id3_comment(f"{tag} clip {index}") + pool[index % len(pool)]


# --- synthetic entries in bulk -------------------------------------------------------------

_COMMANDS: tuple[tuple[str, str], ...] = (
    ("turn on the kitchen lights", "Turning on 2 lights."),
    ("what's the weather tomorrow", "Tomorrow it'll be cloudy, with a high of 54 and a low of 43."),
    ("set a timer for ten minutes", "Sure, 10 minutes. Starting now."),
    ("add milk to my shopping list", "OK, I've added milk to your shopping list."),
    ("play some jazz", "Sure, here's a jazz station on Spotify."),
    ("what time is it", "It's 7:30."),
    ("call Dad", "Calling Dad."),
    ("turn off the bedroom lights", "Turning off the bedroom lights."),
    ("what's on my calendar today", "You have 2 events today."),
    ("send a message to Mom saying I'm running late", "Sending the message to Mom."),
    ("how many ounces in a cup", "There are 8 ounces in a cup."),
    ("volume down", ""),
)
_OVERHEARD: tuple[str, ...] = (
    "let's go", "the election results come out tonight", "a letter to grandma",
    "we should talk about the money", "who finished the cake",
)
_NOT_UNDERSTOOD = ("Sorry, I didn't understand.", "Sorry, I'm not sure how to help with that.")
_HOME = (45.523064, -122.676483)


def make_entries(n: int, seed: int = 0,
                 start: datetime = datetime(2022, 1, 3, 8, 0, tzinfo=UTC)) -> list[AssistantEntry]:
    """`n` varied synthetic entries, oldest first, at least 10 s apart, every audio unique.

    About 5 % have no audio. Fast enough for 10,000 entries: audio reuses a few pre-encoded
    clips made unique by an ID3 comment.
    """
    rng = random.Random(seed)
    entries = []
    when = start
    for i in range(n):
        # Whole milliseconds, as in the JSON, so tests can compare parsed times exactly.
        gap_s = 10 + int(rng.expovariate(1 / 10_800))
        when += timedelta(seconds=gap_s, milliseconds=rng.randrange(1000))
        entries.append(_synthetic_entry(i, when, rng, seed))
    return entries


def _synthetic_entry(i: int, when: datetime, rng: random.Random, seed: int) -> AssistantEntry:
    roll = rng.random()
    details = [HOTWORD] if rng.random() < 0.8 else []
    if roll < 0.70:
        query, reply = rng.choice(_COMMANDS)
        title, replies = said(query), [reply] if reply else []
    elif roll < 0.85:
        title, replies = said(rng.choice(_OVERHEARD)), [rng.choice(_NOT_UNDERSTOOD)]
    else:
        title, replies = rng.choice(CONTENTLESS_TITLES), []
    if rng.random() < 0.05:
        details.append(UNRECOGNIZED_SPEAKER)
    audio = None if rng.random() < 0.05 else tiny_mp3(i, f"seed {seed}")
    return AssistantEntry(time=when, title=title, audio=audio, details=details, replies=replies,
                          location=_HOME if rng.random() < 0.3 else None)


# --- committed speech clips ----------------------------------------------------------------


@dataclass(frozen=True)
class SpeechClip:
    """One clip of `reviewer/testing/data/speech/` (see tools/make_speech_assets.py)."""

    file: str
    kind: str  # "command", "overheard" or "wake_only"
    text: str

    @property
    def path(self) -> Path:
        return SPEECH_DIR / self.file

    def samples(self, rate: int = SAMPLE_RATE) -> Samples:
        return decode_audio(self.path.read_bytes(), rate)


@functools.cache
def speech_clips() -> tuple[SpeechClip, ...]:
    """All committed speech clips, in `speech.tsv` order."""
    with (SPEECH_DIR / "speech.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return tuple(SpeechClip(r["file"], r["kind"], r["text"]) for r in rows)


def speech_clip(file: str) -> SpeechClip:
    """The committed clip named `file` (e.g. "command_01.ogg")."""
    for clip in speech_clips():
        if clip.file == file:
            return clip
    raise KeyError(file)
