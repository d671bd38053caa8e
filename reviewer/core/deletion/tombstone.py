"""What a deleted clip keeps, what it loses, and the snapshot that lets undo put it back.

A tombstone keeps what identifies the recording, for deletion requests and for recognising it
in a newer export: vendor, vendor id and every identifier, the dedup key, account, time (as
written and as UTC), device, duration, the audio's SHA-256 (to match the same recording in a
newer export that has no vendor id), where it sat in the export, the user's decision, and the
vendor's own label or transcript (`vendor_transcript`: Amazon's "Audio could not be
understood" / what Alexa heard, Google's activity title — the text the vendor itself shows in
its history, and part of how a Google record is identified in a request).

It loses everything this app derived or copied from the audio: the audio file and its path,
format and size, every local transcript (rows and the copy on the clip), score, flags,
reasons and the action detected, and the content-bearing parts of the vendor's extra fields
(Alexa's response and item texts, Google's replies, the raw entry, locations; see
`CONTENT_KEY_PARTS`). Full-text search forgets the local transcript through the triggers on
`clips`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reviewer.core.store import Clip, ClipStatus, Transcript
from reviewer.core.store.queries import chunked
from reviewer.core.store.types import UTCDateTime
from reviewer.core.store.voice_tables import ClipEmbedding

# Clip fields that a delete clears (and undo restores from the snapshot).
DERIVED_FIELDS = ("transcript", "language", "score", "flagged", "reasons", "action", "acted_on",
                  "audio_path", "audio_format", "audio_size", "status", "status_detail",
                  "vendor_extra")

# A vendor field whose name contains one of these holds what was said or answered, or where:
# it goes with the audio. Everything else (record keys, device, domain/intent, utterance
# type, details such as "Started by hotword") stays with the tombstone.
CONTENT_KEY_PARTS = ("response", "reply", "replies", "text", "transcript", "title", "item",
                     "entry", "location", "subtitle", "summary", "message", "body", "query",
                     "content", "person")


def identifying_extra(extra: dict[str, Any] | None) -> dict[str, Any]:
    """The vendor's extra fields a tombstone keeps."""
    return {k: v for k, v in (extra or {}).items()
            if not any(part in k.lower() for part in CONTENT_KEY_PARTS)}


def _transcript_row(t: Transcript) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in Transcript.__table__.columns:
        if column.name == "id":
            continue
        value = getattr(t, column.key)
        if isinstance(value, datetime):
            value = value.isoformat()
        row[column.key] = value
    return row


def _transcript_from_row(row: dict[str, Any]) -> Transcript:
    values: dict[str, Any] = {}
    for column in Transcript.__table__.columns:
        if column.key not in row:
            continue
        value = row[column.key]
        if isinstance(column.type, UTCDateTime) and isinstance(value, str):
            value = datetime.fromisoformat(value)
        values[column.key] = value
    return Transcript(**values)


def tombstone(s: Session, clip_ids: list[int], now: datetime, detail: str,
              keep_snapshot: bool) -> dict[str, Any]:
    """Turn the clips into tombstones inside the caller's transaction; returns the snapshot
    undo needs (empty when `keep_snapshot` is false)."""
    snapshot: dict[str, Any] = {"clips": {}, "transcripts": []}
    for chunk in chunked(clip_ids):
        clips = list(s.scalars(select(Clip).where(Clip.id.in_(chunk))))
        if keep_snapshot:
            for t in s.scalars(select(Transcript).where(Transcript.clip_id.in_(chunk))
                               .order_by(Transcript.id)):
                snapshot["transcripts"].append(_transcript_row(t))
        for clip in clips:
            if keep_snapshot:
                snapshot["clips"][str(clip.id)] = {f: getattr(clip, f) for f in DERIVED_FIELDS}
            clip.transcript = None
            clip.language = None
            clip.score = None
            clip.flagged = None
            clip.reasons = []
            clip.action = None
            clip.acted_on = None
            clip.audio_path = None
            clip.audio_format = None
            clip.audio_size = None
            clip.status = ClipStatus.DELETED
            clip.status_detail = detail
            clip.vendor_extra = identifying_extra(clip.vendor_extra)
            clip.deleted_at = now
        s.execute(delete(Transcript).where(Transcript.clip_id.in_(chunk)))
        # The voice embedding is derived from the audio too. Undo does not restore it: the
        # voices job embeds the restored clip again (it has audio and no embedding row).
        s.execute(delete(ClipEmbedding).where(ClipEmbedding.clip_id.in_(chunk)))
    return snapshot if keep_snapshot else {}


def restore(s: Session, snapshot: dict[str, Any]) -> list[int]:
    """Put the snapshot's clips back inside the caller's transaction; their ids."""
    restored: list[int] = []
    for key, fields in snapshot.get("clips", {}).items():
        clip = s.get(Clip, int(key))
        if clip is None or clip.status != ClipStatus.DELETED:
            continue
        for name in DERIVED_FIELDS:
            if name in fields:
                setattr(clip, name, fields[name])
        clip.deleted_at = None
        restored.append(clip.id)
    wanted = set(restored)
    s.add_all(_transcript_from_row(row) for row in snapshot.get("transcripts", [])
              if row.get("clip_id") in wanted)
    return restored


__all__ = ["CONTENT_KEY_PARTS", "DERIVED_FIELDS", "identifying_extra", "restore", "tombstone"]
