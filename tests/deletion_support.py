"""Helpers for the deletion tests: a throw-away trash, libraries with transcripts, hashes."""

from __future__ import annotations

import hashlib
import os
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from reviewer.core.library import Library
from reviewer.core.store import Clip, Transcript


def use_test_trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point send2trash (and the trash lookup) at `tmp_path`: never the user's real trash.

    send2trash reads XDG_DATA_HOME once, when first imported, and picks the home trash only
    for files on the home folder's file system; so HOME moves into `tmp_path` too and the
    module's cached locations are set again for this test.
    """
    home = tmp_path / "home"
    xdg = tmp_path / "xdg-data"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    if sys.platform in ("darwin", "win32"):
        return xdg / "Trash"  # no freedesktop trash there

    import send2trash
    import send2trash.plat_other as freedesktop

    monkeypatch.setattr(freedesktop, "XDG_DATA_HOME", os.fsencode(xdg))
    monkeypatch.setattr(freedesktop, "HOMETRASH_B", os.fsencode(xdg / "Trash"))
    monkeypatch.setattr(freedesktop, "HOMETRASH", str(xdg / "Trash"))
    monkeypatch.setattr(send2trash, "send2trash", freedesktop.send2trash)
    return xdg / "Trash"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `root`."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): sha(p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def zip_members(path: Path) -> dict[str, str]:
    """Member name -> SHA-256 of its content."""
    with zipfile.ZipFile(path) as zf:
        return {i.filename: sha(zf.read(i)) for i in zf.infolist()}


def trash_files(trash: Path) -> dict[str, str]:
    return file_hashes(trash / "files")


def add_transcripts(library: Library, clip_ids: list[int]) -> None:
    """A local transcript per clip (and a second model's for the first), as Whisper would."""
    with library.store.transaction() as s:
        for n, cid in enumerate(clip_ids):
            for model in (["tiny.en", "base"] if n == 0 else ["tiny.en"]):
                text = f"overheard kitchen talk {cid} {model}"
                s.add(Transcript(
                    clip_id=cid, model=model, status="done", text=text,
                    settings={"beam": 1}, segments=[{"start": 0.0, "end": 1.0, "text": text}],
                    words=[{"start": 0.0, "end": 0.5, "word": "overheard", "probability": 0.9}],
                    avg_logprob=-0.4, speech_ratio=0.8, language="en",
                    audio_levels={"rms_dbfs": -30.0},
                    created_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)))
                s.execute(update(Clip).where(Clip.id == cid).values(
                    transcript=text, score=70 + n, flagged=True,
                    reasons=[{"code": "not_addressed", "text": "no wake word", "points": 30}]))


def transcript_rows(library: Library, clip_ids: list[int]) -> list[tuple[object, ...]]:
    with library.store.session() as s:
        return [tuple(r) for r in s.execute(
            select(Transcript.clip_id, Transcript.model, Transcript.text, Transcript.segments,
                   Transcript.words, Transcript.created_at, Transcript.audio_levels)
            .where(Transcript.clip_id.in_(clip_ids))
            .order_by(Transcript.clip_id, Transcript.model))]


def transcript_count(library: Library) -> int:
    with library.store.session() as s:
        return int(s.scalar(select(func.count(Transcript.id))) or 0)
