"""Which files of an export to look at, and what each one is (by content, not name)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.importers.alexa.activities import _ACTIVITY_KEYS
from reviewer.core.importers.alexa.columns import _classify_columns, _voice_hint
from reviewer.core.importers.alexa.delimited import _find_header, _parse_line_list
from reviewer.core.importers.alexa.found import (
    _AUDIO_EXTENSIONS,
    _BINARY_MAGIC,
    _IMAGE_MAGIC,
    _TEXT_EXTENSIONS,
    DETECT_HEAD_BYTES,
    DETECT_MAX_AUDIO_SNIFFS,
    DETECT_MAX_TEXT_FILES,
    _Audio,
    _suffix,
)
from reviewer.core.importers.alexa.html import _HtmlText
from reviewer.core.importers.alexa.join import _norm_id
from reviewer.core.importers.alexa.reading import _head_text
from reviewer.core.importers.records import (
    Problem,
)
from reviewer.core.importers.source import Entry
from reviewer.core.importers.timestamps import time_from_filename
from reviewer.core.messages import Msg

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
            problems.append(Problem(entry.where, Msg("cannot be read ({error}); skipped",
                                                     error=exc)))
            continue
        kind = sniff_audio(head)
        if kind is not None:
            audio.append(_make_audio(entry, kind))
        elif _suffix(entry.name) in _AUDIO_EXTENSIONS:
            problems.append(Problem(
                entry.where, Msg("named like an audio file, but its content is not audio in "
                                 "any known format (damaged, or not a recording); skipped")))
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
