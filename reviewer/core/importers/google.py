"""Google Takeout: My Activity > Assistant (or Voice and Audio), JSON or the legacy HTML.

Entries are joined to their audio only through `audioFiles` (HTML: `<audio><source src>`),
never by rebuilding a file name from `time`: the two can differ by seconds. Takeout localises
folder and file names (German: `Meine Aktivitäten/…/MeineAktivitäten.json`), so activity files
are recognised by their content, and multi-part downloads are already merged by the source.
"""

from __future__ import annotations

import codecs
import json
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.importers.records import ClipRecord, Problem
from reviewer.core.importers.source import Entry, ExportSource
from reviewer.core.importers.textfiles import TextDecodeError, decode_text
from reviewer.core.importers.timestamps import (
    known_zone,
    parse_timestamp,
    time_from_filename,
    zone_label,
)
from reviewer.core.messages import Msg, message_of

_AUDIO_EXTS = (".mp3", ".wav", ".ogg", ".opus", ".m4a", ".flac", ".aac")
# Folders that hold voice activity, in the languages Takeout is seen in. Other activity
# (Search, YouTube) in the same download is not voice history and is left alone.
_VOICE_FOLDER_WORDS = ("assistant", "voice", "audio", "sprach", "voix", "voz", "spraak",
                       "voce", "ассистент", "голос")
# Products whose names merely contain a voice word but are not voice activity (a full My
# Activity download has `Assistant Memory`, and `Assistant Notes and Lists` beside it).
_NOT_VOICE_WORDS = ("memory", "notes", "lists", "notizen", "listen", "gedächtnis", "youtube",
                    "search", "suche")
# The product / header names of voice activity itself.
_VOICE_PRODUCTS = frozenset({"assistant", "google assistant", "voice and audio",
                             "voice & audio"})
_MAX_ACTIVITY_BYTES = 512 * 1024**2
# Activity files by name, for files too damaged to be recognised by their content:
# `MyActivity.json`, `MeineAktivitäten.html`, split `MyActivity-2.html`.
_ACTIVITY_NAME = re.compile(r"(my\s*activity|meine\s*aktivitäten)(-\d+)?\.(json|html?)",
                            re.IGNORECASE)
# Where the next entry of a Takeout JSON array starts: used to step over a damaged entry.
_NEXT_ENTRY = re.compile(r'\{\s*"(?:header|title|titleUrl|time|products)"\s*:')


class GoogleTakeoutImporter:
    name = "google"

    def detect(self, source: ExportSource) -> int:
        files = _activity_files(source)
        if not files:
            return 0
        voice = [f for f, _ in files if _in_voice_folder(f)]
        return 95 if voice else 60

    def records(self, source: ExportSource, problems: list[Problem]) -> Iterator[ClipRecord]:
        by_folder: dict[str, dict[str, Entry]] = defaultdict(dict)
        by_name: dict[str, list[Entry]] = defaultdict(list)
        for e in source.entries:
            if e.name.lower().endswith(_AUDIO_EXTS):
                by_folder[e.parent][e.name] = e
                by_name[e.name].append(e)
        referenced: set[str] = set()
        voice_folders: set[str] = set()
        unlinked: list[ClipRecord] = []  # HTML entries that name no audio file
        other: dict[str, int] = {}  # activity files of other products: entries left out
        unknown_zones: dict[str, int] = defaultdict(int)
        for entry, kind in _activity_files(source):
            parsed = _load_json(entry, problems) if kind == "json" else _load_html(entry, problems)
            if _in_voice_folder(entry):
                voice_folders.add(entry.parent)
            if parsed is None:
                continue
            skipped_other = 0
            for index, item in enumerate(parsed, start=1):
                where = Msg("{where}, entry {n}", where=entry.where, n=index)
                if isinstance(item, _BadEntry):
                    problems.append(Problem(where, Msg("{reason}; entry skipped",
                                                       reason=item.reason)))
                    continue
                if not isinstance(item, dict):
                    problems.append(Problem(where, Msg("not an activity object; skipped")))
                    continue
                shape = _shape_problem(item)
                if shape is not None:
                    problems.append(Problem(where, Msg("{reason}; entry skipped",
                                                       reason=shape)))
                    continue
                if not _is_voice_item(item, entry):
                    skipped_other += 1
                    continue
                voice_folders.add(entry.parent)
                for rec in _item_records(item, entry, index, kind, where, by_folder, by_name,
                                         referenced, problems):
                    label = zone_label(rec.recorded_at_text) if kind == "html" else None
                    if label is not None and not known_zone(label):
                        unknown_zones[label] += 1
                    if kind == "html" and rec.audio is None and not item.get("audioFiles"):
                        unlinked.append(rec)
                    else:
                        yield rec
            if skipped_other:
                other[entry.where] = skipped_other
        yield from _join_by_time(unlinked, voice_folders, by_folder, referenced)
        for label, count in sorted(unknown_zones.items()):
            problems.append(Problem(
                Msg("activity times"),
                Msg("1 entry gives its time in the zone '{zone}', which this app does not "
                    "know; read as your computer's local time and marked approximate",
                    zone=label) if count == 1 else
                Msg("{n} entries give their time in the zone '{zone}', which this app does "
                    "not know; read as your computer's local time and marked approximate",
                    n=count, zone=label), severity="warning"))
        if other:
            problems.append(Problem(
                Msg("1 My Activity file") if len(other) == 1 else
                Msg("{n} My Activity files", n=len(other)),
                Msg("{n} entries of other Google products (not Assistant voice activity) "
                    "left out", n=sum(other.values())), severity="warning"))
        yield from _orphans(voice_folders, by_folder, referenced, problems)


# Google's audio name and the HTML entry's time differ by 0.2-3 s, and the HTML time is cut to
# the second: an mp3 further away than this is not the entry's.
_JOIN_TOLERANCE = timedelta(seconds=4.5)


def _join_by_time(records: list[ClipRecord], voice_folders: set[str],
                  by_folder: dict[str, dict[str, Entry]],
                  referenced: set[str]) -> Iterator[ClipRecord]:
    """Attach to each HTML entry that links no audio the nearest unclaimed mp3 by name time.

    Legacy HTML (and some current exports) lists the command but not its mp3, which sits in
    the same folder named by its exact UTC time. Closest pairs are joined first, so two
    commands seconds apart each get their own recording. When the entries' zone is unknown
    (times approximate), the offset that lines most mp3s up to the second is used.
    """
    audio: list[tuple[datetime, Entry]] = []
    for folder in sorted(voice_folders):
        for name, e in sorted(by_folder.get(folder, {}).items()):
            parsed = time_from_filename(name)
            if e.path not in referenced and parsed is not None and not parsed[1]:
                audio.append((parsed[0], e))
    if not records or not audio:
        yield from records
        return
    audio.sort(key=lambda a: a[0])
    times = [t for t, _e in audio]
    shift = _zone_shift([r for r in records if r.time_approximate], times)
    pairs: list[tuple[timedelta, int, int]] = []
    for i, rec in enumerate(records):
        if rec.recorded_at is None:  # no time to join by
            continue
        when = rec.recorded_at + (shift if rec.time_approximate else timedelta(0))
        lo = bisect_left(times, when - _JOIN_TOLERANCE)
        hi = bisect_right(times, when + _JOIN_TOLERANCE)
        pairs.extend((abs(times[j] - when), i, j) for j in range(lo, hi))
    joined: dict[int, int] = {}
    taken: set[int] = set()
    for _gap, i, j in sorted(pairs):
        if i not in joined and j not in taken:
            joined[i] = j
            taken.add(j)
    for i, rec in enumerate(records):
        if i in joined:
            t, e = audio[joined[i]]
            referenced.add(e.path)
            rec.audio, rec.source_path, rec.vendor_id = e, e.path, e.name
            rec.recorded_at, rec.time_approximate = t, False
            rec.identifiers = {"audio_file": e.name, **rec.identifiers}
            rec.extra = {**rec.extra, "time_source": "audio file name",
                         "audio_joined_by_time": True}
        yield rec


def _zone_shift(records: list[ClipRecord], times: list[datetime]) -> timedelta:
    """The whole quarter-hour offset that lines most zone-less entries up with mp3 names.

    `times` is sorted. A sample of entries is enough to find the exporter's offset, and keeps
    this fast for exports of tens of thousands of entries.
    """
    if not records or not times:
        return timedelta(0)
    sample = records[:: max(1, len(records) // 300)]
    best, best_count = timedelta(0), 0
    for quarters in range(-14 * 4, 14 * 4 + 1):
        shift = timedelta(minutes=15 * quarters)
        count = 0
        for rec in sample:
            if rec.recorded_at is None:
                continue
            when = rec.recorded_at + shift
            lo = bisect_left(times, when - _JOIN_TOLERANCE)
            count += lo < len(times) and times[lo] <= when + _JOIN_TOLERANCE
        if count > best_count or (count == best_count and abs(shift) < abs(best)):
            best, best_count = shift, count
    return best


importer = GoogleTakeoutImporter()


def _activity_files(source: ExportSource) -> list[tuple[Entry, str]]:
    """(entry, "json" | "html") for every My Activity file in the export.

    By content, or by Takeout's file name: a damaged `MyActivity.json` is still the index of
    its folder, and must be reported as damaged rather than let the folder pass for a plain
    folder of recordings.
    """
    found = []
    for e in source.entries:
        lower = e.name.lower()
        by_name = _ACTIVITY_NAME.fullmatch(e.name) is not None
        if lower.endswith(".json") and e.size > 2:
            head = _as_utf8(_head(e))
            if by_name or re.match(
                    rb'^(\xef\xbb\xbf)?\s*\[\s*(\]|\{\s*"(header|title|time|products)")', head):
                found.append((e, "json"))
        elif lower.endswith((".html", ".htm")):
            head = _as_utf8(_head(e, 4096))
            if by_name or (b"outer-cell" in head and b"mdl-" in head):
                found.append((e, "html"))
    return found


def _head(e: Entry, n: int = 256) -> bytes:
    try:
        return e.read(n)
    except OSError:  # damaged zip members raise EntryReadError, an OSError
        return b""


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
               (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _as_utf8(head: bytes) -> bytes:
    """The start of a UTF-16/32 file (re-saved by an editor) as UTF-8, to recognise it.

    `_load_*` decode the whole file with `decode_text`; this only has to be good enough to
    see `[{"header"` or the HTML markers in a head that may end mid-character.
    """
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="ignore").encode()
    if head.count(b"\x00") * 4 > len(head):  # UTF-16 without a BOM: every other byte NUL
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return head.decode(encoding, errors="ignore").encode()
    return head


def _in_voice_folder(e: Entry) -> bool:
    folder = e.parent.rsplit("/", 1)[-1].casefold()
    return (any(w in folder for w in _VOICE_FOLDER_WORDS)
            and not any(w in folder for w in _NOT_VOICE_WORDS))


def _is_voice_item(item: dict[str, Any], entry: Entry) -> bool:
    if item.get("audioFiles"):
        return True
    if _in_voice_folder(entry):
        return True
    products = item.get("products")
    names = [str(p) for p in products] if isinstance(products, list) else []
    names.append(str(item.get("header") or ""))
    return any(n.strip().casefold() in _VOICE_PRODUCTS for n in names)


def _load_json(entry: Entry, problems: list[Problem]) -> list[Any] | None:
    """The entries of one activity JSON; a damaged entry is skipped and named, not the file.

    Entries are parsed one at a time, so one broken entry (bad nesting, a 5,000-digit number,
    a cut-off end) costs that entry only: parsing resumes where the next entry starts.
    """
    text = _activity_text(entry, problems)
    return None if text is None else _json_entries(text, entry, problems)


def _activity_text(entry: Entry, problems: list[Problem]) -> str | None:
    """An activity file's text; as much of it as can be read when the archive is damaged."""
    if entry.size > _MAX_ACTIVITY_BYTES:
        problems.append(Problem(entry.where, Msg("activity file is too large to read")))
        return None
    data, damage = _read_what_can_be_read(entry)
    text = _decode(entry, data, damage is not None, problems)
    if text is not None and damage is not None:
        problems.append(Problem(entry.where, Msg("{damage}; entries after byte {n} are lost",
                                                 damage=damage, n=len(data))))
    return text


def _read_what_can_be_read(entry: Entry) -> tuple[bytes, str | None]:
    """The entry's bytes, or as many as could be read before damage (and what the damage is)."""
    parts: list[bytes] = []
    try:
        with entry.open() as f:
            # Small reads: what was read before a damaged spot is kept.
            while chunk := f.read(16 * 1024):
                parts.append(chunk)
    except OSError as exc:
        return b"".join(parts), Msg("the file is damaged in the archive ({error})",
                                    error=exc)
    return b"".join(parts), None


def _decode(entry: Entry, data: bytes, cut: bool, problems: list[Problem]) -> str | None:
    for trim in range(4 if cut else 1):  # a cut may fall inside a character
        try:
            return decode_text(data[:len(data) - trim] if trim else data)
        except TextDecodeError as exc:
            error = exc
    problems.append(Problem(entry.where, message_of(error)))
    return None


_DECODER = json.JSONDecoder()


def _json_entries(text: str, entry: Entry, problems: list[Problem]) -> list[Any] | None:
    i = _skip_space(text, 0)
    if not text.startswith("[", i):
        problems.append(Problem(
            entry.where, Msg("not a list of activity entries (damaged or not a Takeout "
                             "file); audio in this folder is imported without its activity "
                             "details")))
        return None
    items: list[Any] = []
    i = _skip_space(text, i + 1)
    index = 0
    while i < len(text) and text[i] != "]":
        index += 1
        try:
            item, i = _DECODER.raw_decode(text, i)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            items.append(_BadEntry(_json_error(exc)))
            found = _NEXT_ENTRY.search(text, i + 1)
            if found is None:
                break
            i = found.start()
            continue
        items.append(item)
        i = _skip_space(text, i)
        if text.startswith(",", i):
            i = _skip_space(text, i + 1)
        elif not text.startswith("]", i):
            found = _NEXT_ENTRY.search(text, i)
            if found is None:
                items.append(_BadEntry(Msg("the file ends in the middle of the list (damaged "
                                           "or incomplete)")))
                break
            i = found.start()
    else:
        if i >= len(text):
            items.append(_BadEntry(Msg("the file ends in the middle of the list (damaged "
                                       "or incomplete)")))
    return items


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _json_error(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return Msg("nested too deeply to be an activity entry")
    if isinstance(exc, json.JSONDecodeError):
        return Msg("malformed JSON at line {line}, column {column}: {error}",
                   line=exc.lineno, column=exc.colno, error=exc.msg)
    return Msg("cannot be read ({error})", error=exc)


class _BadEntry:
    """An entry that could not be parsed; reported where it stood, then skipped."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


_LIST_FIELDS = ("details", "subtitles", "audioFiles", "products", "locationInfos")


def _shape_problem(item: dict[str, Any]) -> str | None:
    """What makes an entry unusable: a field of the wrong kind ("details": 5)."""
    for name in _LIST_FIELDS:
        if name in item and item[name] is not None and not isinstance(item[name], list):
            return Msg("'{name}' is not a list", name=name)
    for name in ("title", "time", "header"):
        if name in item and item[name] is not None and not isinstance(item[name], str):
            return Msg("'{name}' is not text", name=name)
    return None


def _item_records(item: dict[str, Any], entry: Entry, index: int, kind: str, where: str,
                  by_folder: dict[str, dict[str, Entry]], by_name: dict[str, list[Entry]],
                  referenced: set[str], problems: list[Problem]) -> Iterator[ClipRecord]:
    time_text = str(item.get("time") or "")
    parsed = parse_timestamp(time_text)
    if parsed is None:
        problems.append(Problem(where, Msg("no valid time ({time}); entry skipped",
                                           time=repr(time_text))))
        return
    when, approximate = parsed  # HTML: the exporter's zone; approximate if not named
    details = [str(d["name"]) for d in item.get("details") or []
               if isinstance(d, dict) and d.get("name")]
    replies = [str(s["name"]) for s in item.get("subtitles") or []
               if isinstance(s, dict) and s.get("name")]
    extra: dict[str, Any] = {"details": details, "replies": replies, "entry": item,
                             "layout": kind}
    title = item.get("title")
    title_text = str(title) if title is not None else None
    record_path = f"{entry.path}#entry={index}"
    audio_names = [str(a) for a in item.get("audioFiles") or [] if isinstance(a, str) and a]
    if not audio_names:
        yield ClipRecord(vendor="google", recorded_at=when, recorded_at_text=time_text,
                         time_approximate=approximate, source_path=record_path,
                         record_path=record_path, vendor_transcript=title_text, extra=extra,
                         identifiers={"time": time_text, "title": title_text or ""})
        return
    for name in audio_names:
        audio = _find_audio(name, entry.parent, by_folder, by_name)
        rec_when, rec_approx, rec_extra = when, approximate, dict(extra)
        if audio is None:
            problems.append(Problem(
                where, Msg("audio file {name} is not in the export; the entry is kept "
                           "without audio (if the download has several parts, import them "
                           "together)", name=repr(name)),
                severity="warning"))
        else:
            referenced.add(audio.path)
        if approximate or kind == "html":  # HTML times stop at the second
            exact = _exact_time_from_name(name, when)
            if exact is not None:
                rec_when, rec_approx = exact, False
                rec_extra["time_source"] = "audio file name"
        yield ClipRecord(vendor="google", recorded_at=rec_when, recorded_at_text=time_text,
                         time_approximate=rec_approx,
                         source_path=audio.path if audio else record_path,
                         record_path=record_path, vendor_id=name, audio=audio,
                         vendor_transcript=title_text, extra=rec_extra,
                         identifiers={"audio_file": name, "time": time_text,
                                      "title": title_text or ""})


def _find_audio(name: str, folder: str, by_folder: dict[str, dict[str, Entry]],
                by_name: dict[str, list[Entry]]) -> Entry | None:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    hit = by_folder.get(folder, {}).get(base)
    if hit is not None:
        return hit
    candidates = by_name.get(base) or []
    return candidates[0] if len(candidates) == 1 else None


def _exact_time_from_name(name: str, approximate_time: datetime) -> datetime | None:
    """Google's audio names carry the exact UTC time; trust them if they agree within a day."""
    parsed = time_from_filename(name)
    if parsed is None or parsed[1]:
        return None
    exact = parsed[0]
    return exact if abs(exact - approximate_time) <= timedelta(hours=26) else None


def _orphans(voice_folders: set[str], by_folder: dict[str, dict[str, Entry]],
             referenced: set[str], problems: list[Problem]) -> Iterator[ClipRecord]:
    for folder in sorted(voice_folders):
        for name, audio in sorted(by_folder.get(folder, {}).items()):
            if audio.path in referenced:
                continue
            if sniff_audio(_head(audio, SNIFF_BYTES)) is None:
                problems.append(Problem(audio.where, Msg("has an audio file name but is not "
                                                         "audio; skipped")))
                continue
            parsed = time_from_filename(name)
            if parsed is not None:
                when, approximate = parsed
                text = name
            elif audio.mtime is not None:
                when, approximate, text = audio.mtime, True, audio.mtime.isoformat()
            else:
                problems.append(Problem(audio.where, Msg("no entry refers to this audio and "
                                                         "its time is unknown; skipped")))
                continue
            yield ClipRecord(vendor="google", recorded_at=when, recorded_at_text=text,
                             time_approximate=approximate, source_path=audio.path,
                             vendor_id=name, identifiers={"audio_file": name}, audio=audio,
                             extra={"orphan_audio": True})


class _TakeoutHTML(HTMLParser):
    """Collects one dict per `outer-cell` in Takeout's Material Design Lite markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict[str, Any]] = []
        self._depth = 0
        self._cell_depth: int | None = None
        self._role: str | None = None
        self._role_depth = 0
        self._current: dict[str, Any] = {}
        self._lines: list[str] = []
        self._caption: list[str] = []
        self._header: list[str] = []
        self._title_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "br":
            self._newline()
            return
        if tag in ("source", "audio") and a.get("src") and self._cell_depth is not None:
            self._current.setdefault("audioFiles", []).append(a["src"])
            return
        if tag == "a" and self._role == "body" and self._title_href is None:
            self._title_href = a.get("href")
        if tag != "div":
            return
        self._depth += 1
        if "outer-cell" in classes:
            self._start_item()
            self._cell_depth = self._depth
        elif self._cell_depth is not None and self._role is None:
            if "header-cell" in classes:
                self._role, self._role_depth = "header", self._depth
            elif "content-cell" in classes and "mdl-typography--caption" in classes:
                self._role, self._role_depth = "caption", self._depth
            elif ("content-cell" in classes and "mdl-typography--body-1" in classes
                  and "body_done" not in self._current):
                self._role, self._role_depth = "body", self._depth

    def handle_endtag(self, tag: str) -> None:
        if tag != "div":
            return
        if self._role is not None and self._depth == self._role_depth:
            if self._role == "body":
                self._newline()
                self._current["body_done"] = True
            self._role = None
        if self._cell_depth is not None and self._depth == self._cell_depth:
            self._finish_item()
            self._cell_depth = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._role == "body":
            self._lines.append(data)
        elif self._role == "caption":
            self._caption.append(data)
        elif self._role == "header":
            self._header.append(data)

    def _newline(self) -> None:
        if self._role == "body":
            self._lines.append("\n")
        elif self._role == "caption":
            self._caption.append("\n")

    def _start_item(self) -> None:
        self._current, self._lines, self._caption, self._header = {}, [], [], []
        self._title_href = None

    def _finish_item(self) -> None:
        lines = [ln.strip() for ln in "".join(self._lines).replace("\xa0", " ").split("\n")]
        lines = [ln for ln in lines if ln]
        time_index = next((i for i, ln in enumerate(lines) if parse_timestamp(ln)), None)
        item: dict[str, Any] = {"header": "".join(self._header).strip()}
        if time_index is not None:
            item["title"] = " ".join(lines[:time_index])
            item["time"] = lines[time_index]
            item["subtitles"] = [{"name": ln} for ln in lines[time_index + 1:]]
        else:
            item["title"] = " ".join(lines)
        if self._title_href:
            item["titleUrl"] = self._title_href
        if "audioFiles" in self._current:
            item["audioFiles"] = self._current["audioFiles"]
        item.update(_caption_fields(self._caption))
        self.items.append(item)


def _caption_fields(parts: list[str]) -> dict[str, Any]:
    """"Products:\\n Assistant\\nDetails:\\n Started by hotword" -> products/details lists."""
    fields: dict[str, list[str]] = {}
    key: str | None = None
    for raw in "".join(parts).replace("\u2003", " ").replace("\xa0", " ").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.endswith(":"):
            key = line[:-1].strip().lower()
            fields.setdefault(key, [])
        elif key is not None:
            fields[key].append(line)
    out: dict[str, Any] = {}
    if "products" in fields:
        out["products"] = fields.pop("products")
    if "details" in fields:
        out["details"] = [{"name": d} for d in fields.pop("details")]
    if fields:
        out["caption"] = fields
    return out


def _load_html(entry: Entry, problems: list[Problem]) -> list[Any] | None:
    text = _activity_text(entry, problems)
    if text is None:
        return None
    parser = _TakeoutHTML()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # HTMLParser raises these on broken markup
        problems.append(Problem(entry.where, Msg("malformed HTML ({error}); skipped",
                                                 error=exc)))
        return None
    if not parser.items:
        problems.append(Problem(entry.where, Msg("no activity entries found in this HTML "
                                                 "file")))
    return parser.items
