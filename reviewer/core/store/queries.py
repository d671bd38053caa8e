"""Which clips, in which order: every query the library runs over `clips` is built here.

`ClipQuery` is the plain description the GUI and the CLI fill in; `clip_select` turns it into
SQL (filters, sort columns, the not-deleted rule, full-text search). `chunked` is the one place
that splits a long id list for SQLite's bound-variable limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, literal_column, or_, select, table, text

from reviewer.core.store.models import (
    Clip,
    ClipStatus,
    Decision,
    ImportMember,
    RequestItem,
    Transcript,
)
from reviewer.core.vendors import REQUESTABLE

# SQLite refuses a statement with more than 32,766 bound variables (999 before 3.32); a few
# hundred per statement keeps every IN list far below either limit at no measurable cost.
CHUNK = 500

T = TypeVar("T")


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[list[T]]:
    """`items` in lists of at most `size`, in order: one IN (...) each."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


@dataclass(frozen=True)
class ClipQuery:
    """Which clips to list, in which order. Every field narrows the result; None is "any"."""

    flagged: bool | None = None
    # With `flagged`, judge against this threshold instead of the stored flags: the GUI's
    # threshold slider re-flags instantly this way.
    min_score: int | None = None
    acted_on: bool | None = None
    # My copy: "accidental" / "keep"; "delete_request": the vendor is to be asked to delete
    # theirs (`asks_vendor`); "undecided": neither question answered.
    decision: str | None = None
    device: str | None = None
    vendor: str | None = None
    import_id: int | None = None  # clips that were in this import (new or already known)
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # words (prefixes) in the vendor's or the local transcript
    limit: int | None = None
    offset: int = 0
    # "time" (oldest first) or "priority": acted-on first, then by score, the review order.
    order: str = "time"
    sort: str | None = None  # a SORT_COLUMNS key; overrides `order`
    descending: bool = False
    # Deleted clips (tombstones) are left out unless asked for (deletion requests list them).
    include_deleted: bool = False
    deleted_only: bool = False  # only the tombstones: what was deleted from this library
    # A dialogue's later turns left out: it is listed once, by its first turn (the review
    # table expands it; see Library.dialogues).
    dialogue_heads: bool = False
    # Clips whose audio this computer has not transcribed yet (see awaiting_transcript).
    waiting: bool | None = None
    # True: only clips already listed in a deletion request (of any state); False: only those
    # not in one yet, what "Create from marked clips" would still put into a request.
    in_request: bool | None = None


SORT_COLUMNS = {
    "recorded_at": Clip.recorded_at, "device": Clip.device, "duration_s": Clip.duration_s,
    "vendor_transcript": Clip.vendor_transcript, "transcript": Clip.transcript,
    # Flags follow the live threshold, so they sort by the score behind them.
    "score": Clip.score, "flagged": Clip.score, "acted_on": Clip.acted_on,
    "decision": Clip.decision, "status": Clip.status, "vendor": Clip.vendor, "id": Clip.id,
}


def clip_select(q: ClipQuery) -> Select[Clip]:
    stmt = select(Clip)
    for condition in clip_conditions(q):
        stmt = stmt.where(condition)
    if q.sort is not None:
        column = SORT_COLUMNS[q.sort]
        key = column.desc() if q.descending else column.asc()
        stmt = stmt.order_by(key.nulls_last(), Clip.recorded_at, Clip.id)
    elif q.order == "priority":
        # Written to match ix_clips_priority exactly (SQLite puts NULL scores last on DESC).
        stmt = stmt.order_by(literal_column("(acted_on IS 1)").desc(), Clip.score.desc(),
                             Clip.recorded_at, Clip.id)
    else:
        stmt = stmt.order_by(Clip.recorded_at, Clip.id)
    stmt = stmt.offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return stmt


def clip_conditions(q: ClipQuery) -> list[ColumnElement[bool]]:
    """The WHERE terms of `q` (the timeline counts with the same ones)."""
    c: list[Any] = []
    if q.deleted_only:
        c.append(Clip.status == ClipStatus.DELETED)
    elif not q.include_deleted:
        c.append(not_deleted())
    if q.dialogue_heads:
        c.append(Clip.dialogue.is_(None) | (Clip.dialogue == Clip.id))
    if q.flagged is not None:
        is_flagged = flagged_at(q.min_score) if q.min_score is not None \
            else Clip.flagged.is_(True)
        c.append(is_flagged if q.flagged else ~is_flagged | Clip.score.is_(None))
    if q.acted_on is not None:
        acted = Clip.action.is_not(None) & flagged_at(q.min_score) \
            if q.min_score is not None else Clip.acted_on.is_(True)
        c.append(acted if q.acted_on else ~acted)
    if q.decision == "undecided":
        c.append(Clip.decision.is_(None) & Clip.ask_vendor.is_(None))
    elif q.decision == Decision.DELETE_REQUEST:
        c.append(asks_vendor())
    elif q.decision is not None:
        c.append(Clip.decision == q.decision)
    if q.waiting is not None:
        c.append(awaiting_transcript() if q.waiting else ~awaiting_transcript())
    if q.in_request is not None:
        listed = select(RequestItem.clip_id)
        c.append(Clip.id.in_(listed) if q.in_request else Clip.id.not_in(listed))
    if q.device is not None:
        c.append(Clip.device == q.device)
    if q.vendor is not None:
        c.append(Clip.vendor == q.vendor)
    if q.import_id is not None:
        c.append(Clip.id.in_(select(ImportMember.clip_id)
                             .where(ImportMember.import_id == q.import_id)))
    if q.since is not None:
        c.append(Clip.recorded_at >= q.since)
    if q.until is not None:
        c.append(Clip.recorded_at < q.until)
        c.append(Clip.time_unknown.is_(False))  # its placeholder is before any `until`
    if q.text:
        match = fts_query(q.text)
        if match:
            c.append(Clip.id.in_(select(literal_column("rowid")).select_from(
                table("clip_fts")).where(text("clip_fts MATCH :fts").bindparams(fts=match))))
    return c


def asks_vendor() -> ColumnElement[bool]:
    """"Ask the vendor to delete their copy" in SQL: answered yes, or not answered on a clip
    marked accidental that came from a vendor's export (the default; `views.asks_vendor`
    is the same rule in Python)."""
    return or_(Clip.ask_vendor.is_(True),
               and_(Clip.ask_vendor.is_(None), Clip.decision == Decision.ACCIDENTAL.value,
                    Clip.vendor.in_(sorted(REQUESTABLE))))


def flagged_at(threshold: int) -> ColumnElement[bool]:
    """"Flagged" in SQL: scored at least the threshold in force (see flagging.is_flagged)."""
    return Clip.score >= threshold


def awaiting_transcript() -> ColumnElement[bool]:
    """"Waiting for transcription": readable audio that no model has transcribed yet (an
    error transcript counts as done: it is not retried). Unfinished work, which the window
    must never show as judged and harmless."""
    done = exists().where(Transcript.clip_id == Clip.id)
    # `transcript IS NULL` first: SQLite evaluates left to right and skips the subquery for
    # every transcribed clip (the timeline's GROUP BY over 100,000 clips: ~600 -> ~420 ms).
    return (Clip.transcript.is_(None) & (Clip.status == ClipStatus.READY)
            & Clip.audio_path.is_not(None) & ~done)


def audio_without(done: ColumnElement[bool],
                  limit: int | None = None) -> Select[int, str | None]:
    """(clip id, audio path) of the readable clips with audio that have no result yet, oldest
    first: the work list of a background pass. `done` says "this clip has its result" (an
    EXISTS over the pass's own table: a transcript by the model, an embedding)."""
    stmt = (select(Clip.id, Clip.audio_path)
            .where(Clip.audio_path.is_not(None), Clip.status == ClipStatus.READY, ~done)
            .order_by(Clip.recorded_at, Clip.id))
    return stmt if limit is None else stmt.limit(limit)


def unscorable_yet() -> ColumnElement[bool]:
    """Waiting for transcription with no vendor text either: nothing says what was said, so
    the flagger gives it no score until this computer has heard it."""
    return awaiting_transcript() & (Clip.vendor_transcript.is_(None)
                                    | (Clip.vendor_transcript == ""))


def not_deleted() -> Any:
    """"Not a tombstone", in the form that keeps the covering indexes usable: the deleted
    ids come from a small partial index (`ix_clips_deleted`), written with a literal so
    SQLite can match that index's WHERE clause."""
    deleted_ids = select(Clip.id).where(text(f"clips.status = '{ClipStatus.DELETED.value}'"))
    return Clip.id.not_in(deleted_ids.scalar_subquery())


def fts_query(user_text: str) -> str:
    """User words -> an FTS5 query where every word must match as a prefix ("kitch" finds
    "kitchen"); quoting each word keeps FTS syntax characters in user text harmless."""
    words = re.findall(r"\w+", user_text)
    return " ".join(f'"{w}"*' for w in words)
