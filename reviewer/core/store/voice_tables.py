"""Tables of the voices feature (schema 4): one embedding per clip, and the voices found.

Kept apart from `models.py` so the feature's storage reads in one place; the tables share
`Base`, so `create_all` and the migrations see them (`schema.py` imports this module).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.core.store.models import Base


def _now() -> datetime:
    return datetime.now(UTC)


class EmbeddingStatus(StrEnum):
    DONE = "done"
    TOO_SHORT = "too_short"  # under 0.5 s of speech: "too short to judge"
    NO_SPEECH = "no_speech"
    ERROR = "error"  # the audio could not be decoded; reason in `error`


class ClipEmbedding(Base):
    """A clip's speaker embedding (192 float32, little-endian) of its VAD-trimmed speech.

    One row per clip, also for clips that could not be embedded, so the resumable job knows
    they were tried. Deleting a clip (tombstone) deletes this row (`deletion.tombstone`);
    the row is also removed with the clip row itself (ON DELETE CASCADE)."""

    __tablename__ = "clip_embeddings"

    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"),
                                         primary_key=True)
    model: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    speech_s: Mapped[float] = mapped_column(default=0.0)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str | None] = mapped_column(Text)
    # The voice the last clustering put this clip in (None: unassigned / not embedded).
    voice_id: Mapped[int | None] = mapped_column(
        ForeignKey("voices.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class VoiceLabel(StrEnum):
    ME = "me"
    HOUSEHOLD = "household"
    GUEST = "guest"  # a guest, or the TV / radio
    NOT_OURS = "not_ours"


class Voice(Base):
    """One voice found in the library (a cluster of clips), or the user's enrolment.

    Clustering runs again as clips arrive; a voice keeps its id and the user's label while
    most of its clips stay together (see `voices.clusters`). A labelled voice that no clips
    join any more is kept, with its centroid, as a reference of who is who."""

    __tablename__ = "voices"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None until the user names it; a VoiceLabel value after.
    label: Mapped[str | None] = mapped_column(String(16))
    # "cluster": found in the archive; "enrolled": averaged from clips the user picked as
    # their own (only the averaged vector is kept).
    kind: Mapped[str] = mapped_column(String(16), default="cluster")
    # Mean of its members' length-normalised raw embeddings (192 float32).
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    clip_count: Mapped[int] = mapped_column(default=0)
    # Extra facts: for "enrolled", which clips were used; for clusters, the short-clip share.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    labelled_at: Mapped[datetime | None]


class DeviceMark(Base):
    """The user's answer about a device (schema 7): "ours" or "not_ours". Kept apart from
    `account_devices`, which the export fills, because a device the export does not list
    can be marked too, and an answer must survive the next import of the list."""

    __tablename__ = "device_marks"

    # The device's serial when known, else its name, lower-cased: what recordings carry.
    device_key: Mapped[str] = mapped_column(Text, primary_key=True)
    mark: Mapped[str] = mapped_column(String(16))
    marked_at: Mapped[datetime] = mapped_column(default=_now)
