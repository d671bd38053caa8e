"""Joining audio to rows: by file name, by an id in the name, or by the nearest time."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta

from reviewer.core.importers.alexa.found import TIME_JOIN_TOLERANCE, JoinKind, _Audio, _Row
from reviewer.core.importers.records import (
    Problem,
)
from reviewer.core.messages import Msg

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
            problems.append(Problem(row.where, Msg("names the audio file {name}, which is not "
                                                   "in the export (or is not audio)",
                                                   name=repr(ref)), "warning"))


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
