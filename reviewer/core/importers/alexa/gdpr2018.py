"""The 2018 GDPR download: numbered WAVs and a PDF listing each recording's time and text."""

from __future__ import annotations

import io
import re
import wave
from collections.abc import Sequence

from reviewer.core.importers.alexa.delimited import _split_time_line, _unquote
from reviewer.core.importers.alexa.found import _Audio, _Row
from reviewer.core.importers.alexa.join import _claim
from reviewer.core.importers.alexa.values import _precision
from reviewer.core.importers.records import (
    Problem,
)
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg, message_of

# ---------------------------------------------------------------------------------------------
# The 2018 GDPR download: numbered WAVs and a PDF listing each recording's time and text


def _read_pdf_list(entry: Entry, problems: list[Problem]) -> list[_Row]:
    """The rows of a PDF transcript list; a PDF that is something else is left out."""
    try:
        lines = _pdf_lines(entry.read())
    except Exception as exc:  # pypdf raises many kinds for damaged or encrypted files
        problems.append(Problem(entry.where, Msg(
            "this document cannot be read ({error}); if it lists your recordings, their texts "
            "and times are missing", error=f"{type(exc).__name__}: {message_of(exc)}")))
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
            Msg("{numbered} numbered recordings but {waiting} entries in the transcript list "
                "without a recording: {left} recording(s) could not be matched to an entry, "
                "so they are kept with their time unknown", numbered=len(numbered),
                waiting=len(waiting), left=left), "warning"))


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


