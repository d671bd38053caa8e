"""What the library hands out: frozen plain values, never ORM objects.

The GUI and the CLI read clips, transcripts and table rows through these; a value cannot be
changed behind the database's back, and holding one keeps no session or connection open.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from reviewer.core.flagging import is_acted_on, is_flagged
from reviewer.core.flagging.actions import KIND_TEXT, vendor_replies
from reviewer.core.store.models import Decision
from reviewer.core.vendors import AMAZON, REQUESTABLE, subject_name

V = TypeVar("V")


def _copy(cls: type[V], obj: object) -> V:
    return cls(**{f.name: getattr(obj, f.name) for f in fields(cls)})  # type: ignore[arg-type]


@dataclass(frozen=True)
class ClipInfo:
    """One clip as stored (see store.models.Clip for what each field means)."""

    id: int
    import_id: int
    vendor: str
    vendor_id: str | None
    identifiers: dict[str, Any]
    dedup_key: str
    account: str | None
    recorded_at: datetime
    recorded_at_text: str
    time_approximate: bool
    device: str | None
    duration_s: float | None
    audio_path: str | None
    audio_sha256: str | None
    audio_format: str | None
    audio_size: int | None
    source_path: str
    record_path: str | None
    vendor_transcript: str | None
    vendor_extra: dict[str, Any]
    transcript: str | None
    language: str | None
    status: str
    status_detail: str | None
    score: int | None
    flagged: bool | None
    reasons: list[Any]
    action: str | None
    acted_on: bool | None
    decision: str | None
    decided_at: datetime | None
    imported_at: datetime
    deleted_at: datetime | None
    time_unknown: bool  # `recorded_at` is a placeholder: the export gave no usable time
    action_text: str | None  # the action in words ("a message was sent to Dan Miller")
    dialogue: int | None  # the first turn's id of the dialogue the clip is a turn of
    # Ask the vendor to delete their copy: True / False / None (not answered; see asks_vendor)
    ask_vendor: bool | None = None

    @classmethod
    def of(cls, clip: object) -> ClipInfo:
        return _copy(cls, clip)


@dataclass(frozen=True)
class TranscriptInfo:
    """One transcription of a clip by one model (see store.models.Transcript)."""

    id: int
    clip_id: int
    model: str
    settings: dict[str, Any]
    status: str
    error: str | None
    text: str
    segments: list[Any]
    words: list[Any]
    avg_logprob: float | None
    no_speech_prob: float | None
    compression_ratio: float | None
    speech_ratio: float | None
    language: str | None
    language_prob: float | None
    audio_duration_s: float | None
    audio_levels: dict[str, Any]
    elapsed_s: float | None
    created_at: datetime
    # False: `words` is empty because word times were not computed yet (`Library.word_times`).
    words_computed: bool = True

    @classmethod
    def of(cls, transcript: object) -> TranscriptInfo:
        return _copy(cls, transcript)


@dataclass(frozen=True)
class ClipRow:
    """The columns of the review table for one clip."""

    id: int
    recorded_at: datetime
    time_approximate: bool
    device: str | None
    vendor: str
    duration_s: float | None
    vendor_transcript: str | None
    transcript: str | None
    score: int | None
    action: str | None
    decision: str | None
    status: str
    status_detail: str | None
    time_unknown: bool = False
    ask_vendor: bool | None = None
    waiting: bool = False  # its audio is not transcribed yet (store.queries.awaiting_transcript)


AMAZON_FIELDS = (("utteranceType", "Utterance type"), ("domain", "Domain"),
                 ("intent", "Intent"), ("skillName", "Skill"))


def vendor_facts(clip: ClipInfo) -> list[tuple[str, str]]:
    """(label, text) of what the vendor's own data says, verbatim where it is the vendor's."""
    who = subject_name(clip.vendor)
    extra: dict[str, Any] = clip.vendor_extra or {}
    rows: list[tuple[str, str]] = []
    if clip.vendor_transcript:
        rows.append((f"{who}\u2019s transcript", clip.vendor_transcript))
    for reply in vendor_replies(extra):
        rows.append((f"{who} replied", reply))
    if clip.action:
        rows.append(("Action", clip.action_text or KIND_TEXT.get(clip.action, clip.action)))
    if clip.vendor == AMAZON.id:
        for key, label in AMAZON_FIELDS:
            if extra.get(key):
                rows.append((label, str(extra[key])))
    details = [str(d) for d in extra.get("details") or [] if d]
    if details:
        rows.append(("Details", ", ".join(details)))
    return rows


def asks_vendor(clip: ClipInfo | ClipRow) -> bool:
    """Whether the clip is to go into a deletion request: the user said yes, or said
    nothing and marked it accidental, and it came from a vendor that can be asked (the
    same rule as `store.queries.asks_vendor`, which picks the clips for a letter)."""
    if clip.vendor not in REQUESTABLE:
        return False
    if clip.ask_vendor is not None:
        return clip.ask_vendor
    return clip.decision == Decision.ACCIDENTAL


def action_text(action: str | None) -> str:
    """What an action kind means, in words ("a message was sent")."""
    return KIND_TEXT.get(action or "", action or "")


__all__ = ["ClipInfo", "ClipRow", "TranscriptInfo", "action_text", "asks_vendor", "is_acted_on",
           "is_flagged", "vendor_facts"]
