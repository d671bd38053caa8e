"""CSV / TSV tables and headerless line lists (a time, then the transcript)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reviewer.core.importers.alexa.columns import _classify_columns, _Roles, _voice_hint
from reviewer.core.importers.alexa.found import _AUDIO_EXTENSIONS, _FileProblems, _Row, _suffix
from reviewer.core.importers.alexa.tables import _table_row
from reviewer.core.importers.alexa.values import _parse_time, _precision
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg

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
            sink.add(Msg("row {n}", n=n), Msg("is not well-formed CSV ({error}); skipped",
                                              error=exc))
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
        sink.add(Msg("row {n}", n=n), Msg("has {fields} fields but the header has {header}; "
                                          "skipped", fields=len(cells), header=len(header)))
        return None
    row = _table_row(dict(zip(header, cells, strict=True)), roles,
                     f"{entry.path}#row={n}", f"{entry.where}, row {n}")
    if isinstance(row, str):
        sink.add(Msg("row {n}", n=n), row)
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
        sink.add(f"{unit} {number}", Msg("does not start with a date and time; skipped"))
    return [_Row(record_path=f"{entry.path}#{unit}={t.number}",
                 where=f"{entry.where}, {unit} {t.number}", recorded_at=t.parsed[0],
                 recorded_at_text=t.time_text, approximate=t.parsed[1],
                 precision=_precision(t.time_text), transcript=_unquote(t.rest) or None)
            for t in timed]


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text
