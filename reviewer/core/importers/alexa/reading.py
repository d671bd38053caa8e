"""Reading one text file: decoding it, then the table, JSON, HTML or list inside."""

from __future__ import annotations

import json

from reviewer.core.importers.alexa.delimited import _rows_from_delimited
from reviewer.core.importers.alexa.devices import _DEVICE_LIST_PATH
from reviewer.core.importers.alexa.found import (
    _TEXT_EXTENSIONS,
    MAX_TABLE_BYTES,
    _FileProblems,
    _Row,
    _suffix,
)
from reviewer.core.importers.alexa.history import _rows_from_json
from reviewer.core.importers.alexa.html import _rows_from_html
from reviewer.core.importers.records import (
    Problem,
)
from reviewer.core.importers.source import Entry
from reviewer.core.importers.textfiles import TextDecodeError, decode_text
from reviewer.core.messages import Msg, message_of

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
        sink.add(None, Msg("could not be read ({error}); skipped",
                           error=f"{type(exc).__name__}: {message_of(exc)}"))
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
            sink.add(None, Msg("too large ({n} bytes) to be a voice-history table; skipped",
                               n=entry.size), "warning")
        return []
    data = entry.read()
    try:
        text = decode_text(data)
    except TextDecodeError as exc:
        if _suffix(entry.name) in _TEXT_EXTENSIONS:
            sink.add(None, Msg("cannot be read as text: {error}; skipped", error=exc))
        return []
    rows = _rows_from_text(entry, text.lstrip("\ufeff"), sink)
    if rows and _guessed_encoding(data):
        sink.add(None, Msg("is not UTF-8 or UTF-16; it was read as Windows-1252, so some "
                           "letters may be wrong"), "warning")
    return rows


def _rows_from_text(entry: Entry, text: str, sink: _FileProblems) -> list[_Row]:
    stripped = text.lstrip()
    if _suffix(entry.name) == ".json" or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            if _suffix(entry.name) == ".json" or stripped.startswith("{"):
                sink.add(None, Msg("not valid JSON ({error}); skipped", error=exc))
                return []
            return _rows_from_delimited(entry, text, sink)
        return _rows_from_json(entry, data, sink)
    if stripped.startswith("<"):
        return _rows_from_html(entry, text, sink)
    return _rows_from_delimited(entry, text, sink)
