"""Tables of the library. Changing them means a new schema version (see `schema.py`)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    DDL,
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reviewer.core.store.types import UTCDateTime


def _now() -> datetime:
    return datetime.now(UTC)


# What `Clip.recorded_at` holds for a clip whose time is unknown (`Clip.time_unknown`): a
# fixed instant no export yields (imports accept nothing before 1971), so sorting and
# arithmetic stay safe while every display and count asks `time_unknown` first.
TIME_UNKNOWN_AT = datetime(1970, 1, 1, tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Meta(Base):
    """Key/value facts about the database itself (schema version, creating app version)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportStatus(StrEnum):
    RUNNING = "running"
    CANCELLED = "cancelled"
    COMPLETE = "complete"
    INTERRUPTED = "interrupted"  # killed or failed; importing the same files again resumes it


class ClipStatus(StrEnum):
    READY = "ready"  # audio stored and decodable
    NO_AUDIO = "no_audio"  # the vendor has a record but the export holds no audio for it
    AUDIO_ERROR = "audio_error"  # audio present but unreadable; bytes kept, reason in detail
    # Deleted by the user: audio, transcripts and derived data are gone; the row stays as a
    # tombstone (vendor identifiers, time, device, vendor label) for deletion requests and
    # so a newer export can neither bring it back nor hide that the vendor still has it.
    DELETED = "deleted"


class Decision(StrEnum):
    """The user's answers about a clip. Two separate questions (schema 8 on):

    - what happens to *my copy*: `Clip.decision` is ACCIDENTAL (the device woke by mistake:
      delete my copy; the flagger learns "accidental" from it), KEEP (meant to be recorded:
      keep it; the flagger learns "not accidental") or None (not decided yet);
    - do I ask the vendor to delete *theirs*: `Clip.ask_vendor` is True, False, or None
      ("not answered": yes for an accidental clip from a vendor's export, else no; see
      `queries.asks_vendor`).

    DELETE_REQUEST is no value of `Clip.decision` any more: `Library.decide(ids,
    DELETE_REQUEST)` answers the second question with yes (what R does), and a
    `ClipQuery(decision=DELETE_REQUEST)` lists the clips whose answer is yes."""

    ACCIDENTAL = "accidental"
    KEEP = "keep"
    DELETE_REQUEST = "delete_request"


class ImportRecord(Base):
    """One run of "import this export" (a zip, several parts, or a folder)."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    format_forced: Mapped[bool] = mapped_column(default=False)
    # Every file read (all parts of a multi-part download), as given on this computer.
    sources: Mapped[list[Any]] = mapped_column(default=list)
    # Same export read again -> same fingerprint -> an unfinished run is resumed, not repeated.
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default=ImportStatus.RUNNING)
    started_at: Mapped[datetime] = mapped_column(default=_now)
    finished_at: Mapped[datetime | None]
    account: Mapped[str | None] = mapped_column(Text)
    clips_new: Mapped[int] = mapped_column(default=0)
    clips_existing: Mapped[int] = mapped_column(default=0)
    # The import report: problems (where, reason, severity) and summary counts.
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)

    clips: Mapped[list[Clip]] = relationship(back_populates="import_record")


class Clip(Base):
    """One recording (or one vendor record of a recording)."""

    __tablename__ = "clips"
    __table_args__ = (
        Index("ix_clips_recorded_at", "recorded_at"),
        Index("ix_clips_device", "device"),
        Index("ix_clips_sha256", "audio_sha256"),
        Index("ix_clips_vendor_id", "vendor", "vendor_id"),
        # Covers the timeline's GROUP BY so it never reads whole rows (45 vs 120 ms on 100k).
        Index("ix_clips_timeline", "recorded_at", "score", "flagged", "action"),
        # The review order (acted-on first, then by score): lets SQLite walk an index instead
        # of sorting 100,000 rows each time the threshold slider moves (~25 vs ~80 ms).
        # `dialogue` last: the list reads one row per dialogue, and with it in the index
        # SQLite need not visit each clip's row to check that (threshold change with the
        # flagged filter on, 100,000 clips: 430-690 -> 145-190 ms at load 9-11 on 2 cores).
        Index("ix_clips_priority", text("(acted_on IS 1) DESC"), text("score DESC"),
              "recorded_at", "id", "dialogue"),
        # The few deleted clips (tombstones): listings leave them out with
        # `id NOT IN (SELECT id ... WHERE status = 'deleted')`, which keeps the covering
        # indexes above usable (a plain `status != 'deleted'` made the timeline read every
        # row: 95 -> 180 ms on 100k clips).
        Index("ix_clips_deleted", "id", sqlite_where=text("status = 'deleted'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="RESTRICT"),
                                           index=True)
    vendor: Mapped[str] = mapped_column(String(16))
    vendor_id: Mapped[str | None] = mapped_column(Text)
    identifiers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Identity across imports: re-importing an overlapping export adds only new keys.
    dedup_key: Mapped[str] = mapped_column(Text, unique=True)
    account: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]
    recorded_at_text: Mapped[str] = mapped_column(Text)
    time_approximate: Mapped[bool] = mapped_column(default=False)
    # The export gives no usable time (a 2018 WAV no transcript row matches, a year-9999
    # date): `recorded_at` then holds `TIME_UNKNOWN_AT`, which nothing may show or count as
    # a time; `recorded_at_text` keeps what the export wrote, if anything.
    time_unknown: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    device: Mapped[str | None] = mapped_column(Text)
    duration_s: Mapped[float | None]
    # Relative to the data directory, content-addressed: audio/ab/abcdef….mp3
    audio_path: Mapped[str | None] = mapped_column(Text)
    audio_sha256: Mapped[str | None] = mapped_column(String(64))
    audio_format: Mapped[str | None] = mapped_column(String(8))
    audio_size: Mapped[int | None]
    # Where the audio (else the record) sits inside the export, and where its record sits.
    source_path: Mapped[str] = mapped_column(Text)
    record_path: Mapped[str | None] = mapped_column(Text)
    vendor_transcript: Mapped[str | None] = mapped_column(Text)
    vendor_extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The newest local transcript's text, kept here so the review table can sort and search
    # 100,000 clips without a join ("" = no speech; None = not transcribed).
    transcript: Mapped[str | None] = mapped_column(Text)
    # The language of that transcript ("de", "en", ...: what Whisper detected; an English-only
    # model always says "en"), None while there is no transcript with speech. The flagger
    # picks its word lists by it, and the library guesses its own language from it.
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=ClipStatus.READY)
    status_detail: Mapped[str | None] = mapped_column(Text)
    # Filled by the flagger; None until it has run on this clip.
    score: Mapped[int | None] = mapped_column(index=True)
    flagged: Mapped[bool | None]
    reasons: Mapped[list[Any]] = mapped_column(default=list)  # [{code, text, points}]
    # What the vendor's data shows the device did ("message", "call", ...), and whether this
    # clip both looks accidental and was acted on: those come first.
    action: Mapped[str | None] = mapped_column(String(16))
    acted_on: Mapped[bool | None]
    # The action in words ("a message was sent to Dan Miller"), and the dialogue the clip is
    # a turn of (the first turn's id, shared by all turns; None for a clip on its own).
    action_text: Mapped[str | None] = mapped_column(Text)
    dialogue: Mapped[int | None] = mapped_column(index=True)
    # The user's two answers (see `Decision`): my copy ("accidental" = delete it, "keep"),
    # the flagger learns from it; and whether to ask the vendor to delete theirs (None: not
    # answered, which means yes for an accidental vendor clip).
    decision: Mapped[str | None] = mapped_column(String(16), index=True)
    ask_vendor: Mapped[bool | None]
    decided_at: Mapped[datetime | None]
    imported_at: Mapped[datetime] = mapped_column(default=_now)
    deleted_at: Mapped[datetime | None]

    import_record: Mapped[ImportRecord] = relationship(back_populates="clips")


class AccountDevice(Base):
    """A device the vendor lists as registered to an account (Amazon's
    Devices.Registration files): what recordings' devices can be checked against.

    One row per device and account; a later import of the same list updates it."""

    __tablename__ = "account_devices"
    __table_args__ = (UniqueConstraint("vendor", "account", "device_key",
                                       name="uq_account_device"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor: Mapped[str] = mapped_column(String(16))
    # "" when the list names no account (most registration files do not).
    account: Mapped[str] = mapped_column(Text, default="")
    # The serial number when known, else the device's name: what identifies it in the list.
    device_key: Mapped[str] = mapped_column(Text)
    serial: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    device_type: Mapped[str | None] = mapped_column(Text)
    first_registered: Mapped[str | None] = mapped_column(Text)  # as the list writes it
    # Every column of the row, verbatim, and where it was read.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source_path: Mapped[str] = mapped_column(Text)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="RESTRICT"),
                                           index=True)


class ImportMember(Base):
    """Which clips each import contained: new ones and those already in the library.

    `Clip.import_id` says which import first brought a clip; this says every export it was
    seen in (what "scan" reports, and what checking a newer export against a deletion request
    needs)."""

    __tablename__ = "import_members"

    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"),
                                           primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)


class DecisionLog(Base):
    """Every change of a clip's answers, grouped in batches, so the last one can be undone.

    Each row keeps both answers before and after (`before`/`after`: `Clip.decision`;
    `before_ask`/`after_ask`: `Clip.ask_vendor`), whichever of them the batch changed."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[int] = mapped_column(index=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"))
    before: Mapped[str | None] = mapped_column(String(16))
    after: Mapped[str | None] = mapped_column(String(16))
    before_ask: Mapped[bool | None]
    after_ask: Mapped[bool | None]
    # The delete this batch was made with ("delete, and ask the vendor to delete theirs"):
    # undoing that delete undoes this batch too, so the clips come back as they were.
    with_delete: Mapped[int | None]
    undone: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(default=_now)


class DeleteState(StrEnum):
    INTENT = "intent"  # written before anything is touched; reconciled by rolling back
    COMMITTED = "committed"  # the clips are deleted in the database; files still to finish
    DONE = "done"
    ROLLED_BACK = "rolled_back"  # interrupted before the commit point: nothing was deleted
    UNDOING = "undoing"  # undo is putting files back; finished (or reverted) at the next start
    UNDONE = "undone"


class DeleteBatch(Base):
    """The journal of one "delete these clips" (see `core.deletion`).

    `plan` says what will be touched (audio files, export files and entries) and where each
    file is staged; it is written, with state INTENT, before anything is touched. `snapshot`
    holds what undo needs to restore the derived data (transcripts, flags) and is cleared
    once undo is no longer possible."""

    __tablename__ = "delete_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default=DeleteState.INTENT, index=True)
    permanent: Mapped[bool] = mapped_column(default=False)
    from_export: Mapped[bool] = mapped_column(default=False)
    clip_ids: Mapped[list[Any]] = mapped_column(default=list)
    plan: Mapped[dict[str, Any]] = mapped_column(default=dict)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # What could not be done (an export file that moved, a read-only folder), for the user.
    problems: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    finished_at: Mapped[datetime | None]


class RequestStatus(StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"
    ANSWERED = "answered"


class DeletionRequest(Base):
    """A request to one vendor, for one account, to erase the listed recordings."""

    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor: Mapped[str] = mapped_column(String(16))
    account: Mapped[str | None] = mapped_column(Text)
    law: Mapped[str] = mapped_column(String(8))  # "gdpr" or "ccpa"
    language: Mapped[str] = mapped_column(String(8))  # "en", "de"
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.DRAFTED, index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    sent_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    # The legal deadline from `sent_at` (GDPR: one month; CCPA: 45 days).
    due_at: Mapped[datetime | None]
    # A follow-up cites the request whose clips were found again in a newer export.
    follow_up_of: Mapped[int | None] = mapped_column(ForeignKey("deletion_requests.id"))
    note: Mapped[str | None] = mapped_column(Text)
    # Who asks, as written into the letter: the e-mail address of the vendor account (the
    # export rarely holds it; Alexa's customer id is no e-mail) and the name to sign with.
    requester_name: Mapped[str | None] = mapped_column(Text)
    requester_email: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[RequestItem]] = relationship(back_populates="request",
                                                    cascade="all, delete-orphan")


class RequestItem(Base):
    """One recording listed in a request, with the identifiers as they were sent, and what
    checking a newer export found."""

    __tablename__ = "request_items"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("deletion_requests.id", ondelete="CASCADE"), primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="RESTRICT"),
                                         primary_key=True, index=True)
    # UTC time, device, vendor identifiers as written into the letter.
    listed: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The newest import checked against this item, and whether the recording was in it.
    checked_import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))
    found_again: Mapped[bool | None]
    # How it was found (see `core.requests.verify`): "identifier" / "time_audio" (the same
    # library row was in that import), "identifier_match" / "time_device_audio" (another row
    # of that import matched).
    found_by: Mapped[str | None] = mapped_column(String(24))

    request: Mapped[DeletionRequest] = relationship(back_populates="items")


class TranscriptStatus(StrEnum):
    DONE = "done"
    NO_SPEECH = "no_speech"  # VAD found no speech: not sent to Whisper
    ERROR = "error"  # the audio could not be decoded; reason in `error`


class Transcript(Base):
    """The local transcript of one clip by one model (a clip may have several models')."""

    __tablename__ = "transcripts"
    __table_args__ = (UniqueConstraint("clip_id", "model", name="uq_transcript_clip_model"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(64))
    # Everything that shaped the result (engine mode, context length, beam, temperatures...).
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    # [{"start": s, "end": s, "text": str}, ...], times in seconds from the clip's start
    segments: Mapped[list[Any]] = mapped_column(default=list)
    # [{"start": s, "end": s, "word": str, "probability": p}, ...] for highlighting on playback
    words: Mapped[list[Any]] = mapped_column(default=list)
    # False: word times were not computed yet (transcription leaves them out; the detail pane
    # has them computed when the clip is opened, `Library.word_times`), so `words` is empty
    # for that reason; True: `words` is what there is (empty: no words). Schema 10 on.
    words_computed: Mapped[bool] = mapped_column(default=True, server_default="1")
    avg_logprob: Mapped[float | None]
    no_speech_prob: Mapped[float | None]
    compression_ratio: Mapped[float | None]
    speech_ratio: Mapped[float | None]
    language: Mapped[str | None] = mapped_column(String(16))
    language_prob: Mapped[float | None]
    audio_duration_s: Mapped[float | None]
    # Loudness and music-likeness measured on the same decoded samples (audio.levels).
    audio_levels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    elapsed_s: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)


# Full-text search over both transcripts (SQLite FTS5, kept in step with `clips` by triggers).
_FTS_DDL = (
    "CREATE VIRTUAL TABLE clip_fts USING fts5(vendor_transcript, transcript, "
    "content='clips', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER clips_fts_insert AFTER INSERT ON clips BEGIN "
    "INSERT INTO clip_fts(rowid, vendor_transcript, transcript) "
    "VALUES (new.id, new.vendor_transcript, new.transcript); END",
    "CREATE TRIGGER clips_fts_delete AFTER DELETE ON clips BEGIN "
    "INSERT INTO clip_fts(clip_fts, rowid, vendor_transcript, transcript) "
    "VALUES ('delete', old.id, old.vendor_transcript, old.transcript); END",
    "CREATE TRIGGER clips_fts_update AFTER UPDATE OF vendor_transcript, transcript ON clips "
    "BEGIN INSERT INTO clip_fts(clip_fts, rowid, vendor_transcript, transcript) "
    "VALUES ('delete', old.id, old.vendor_transcript, old.transcript); "
    "INSERT INTO clip_fts(rowid, vendor_transcript, transcript) "
    "VALUES (new.id, new.vendor_transcript, new.transcript); END",
)
for _statement in _FTS_DDL:
    event.listen(Clip.__table__, "after_create", DDL(_statement))  # type: ignore[no-untyped-call]
