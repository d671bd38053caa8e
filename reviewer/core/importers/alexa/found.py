"""Tuning (limits, file kinds) and what the readers find before joining: audio files, rows
with their roles, per-file problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Any, Literal

from reviewer.core.importers.records import (
    Problem,
)
from reviewer.core.importers.source import Entry
from reviewer.core.messages import Msg

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
            where = (self.entry.where if place is None else
                     Msg("{where}, {place}", where=self.entry.where, place=place))
            self.problems.append(Problem(where, reason, severity))

    def close(self) -> None:
        hidden = self.count - MAX_PROBLEMS_PER_FILE
        if hidden > 0:
            self.problems.append(Problem(
                self.entry.where, Msg("{n} more problems in this file are not listed",
                                      n=hidden)))


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()
