"""Deletion requests in the library: create them from decisions, track them, render them.

A request moves drafted -> sent (on the date the user confirms) -> answered. Only a draft
can change: what it lists is re-numbered when clips are added, its wording follows the
chosen law and language. Once sent, its items are what the vendor received and stay as
they are.

Which clips go into "create requests": every clip the user wants the vendor to delete
(`store.queries.asks_vendor`: answered yes, or marked accidental and not answered;
tombstones of clips deleted here included) from a vendor export, that is in no request
yet. A clip already in a request of any status is left out, answered ones too: a request
the vendor answered is checked against newer exports instead (`verify.py`), and clips found
again there go into a follow-up, not into a new first request. Discarding a draft frees its
clips again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.core.requests.deadlines import LAWS, due_date
from reviewer.core.requests.document import LetterDocument
from reviewer.core.requests.letters import FollowUpContext, LetterFacts, build_letter
from reviewer.core.requests.listing import VENDORS, ListedClip, csv_text, snapshot
from reviewer.core.requests.texts import LANGUAGES
from reviewer.core.store import (
    Clip,
    DeletionRequest,
    ImportRecord,
    RequestItem,
    RequestStatus,
    Store,
)
from reviewer.core.store.queries import asks_vendor


class RequestError(Exception):
    """A request cannot do what was asked (unknown id, wrong status, impossible date)."""


@dataclass(frozen=True)
class ItemInfo:
    clip_id: int
    listed: ListedClip
    checked_import_id: int | None
    found_again: bool | None  # None: no newer export has answered it yet
    found_by: str | None
    clip_status: str  # the clip's status in the library now ("deleted" for a tombstone)


@dataclass(frozen=True)
class RequestInfo:
    """A request as the CLI and the GUI show it. `as_of` is "today" for `overdue`."""

    id: int
    vendor: str
    account: str | None
    law: str
    language: str
    status: str
    created_at: datetime
    sent: date | None
    answered: date | None
    due: date | None
    follow_up_of: int | None
    requester_name: str | None
    requester_email: str | None
    note: str | None
    items: tuple[ItemInfo, ...]
    as_of: date

    @property
    def overdue(self) -> bool:
        """Sent, not answered, and the legal deadline has passed."""
        return (self.status == RequestStatus.SENT and self.due is not None
                and self.as_of > self.due)

    @property
    def days_left(self) -> int | None:
        if self.status != RequestStatus.SENT or self.due is None:
            return None
        return (self.due - self.as_of).days

    @property
    def found_again(self) -> list[ItemInfo]:
        return [i for i in self.items if i.found_again]

    @property
    def listed(self) -> list[ListedClip]:
        return [i.listed for i in self.items]


@dataclass(frozen=True)
class CreateResult:
    requests: list[RequestInfo]  # new requests and drafts that got more clips
    added: int  # clips put into them
    # Marked clips that cannot be requested from anyone: (clip id, reason).
    skipped: list[tuple[int, str]] = field(default_factory=list)


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def check_choice(law: str, language: str) -> None:
    if law not in LAWS:
        raise RequestError(f"unknown law {law!r} (known: {', '.join(LAWS)})")
    if language not in LANGUAGES:
        raise RequestError(f"no letter in {language!r} yet (available: {', '.join(LANGUAGES)})")


# --- create -------------------------------------------------------------------------------

def create_requests(store: Store, *, law: str, language: str, name: str | None = None,
                    email: str | None = None, today: date | None = None) -> CreateResult:
    """One request per vendor and account for the marked clips not in any request yet.

    A draft for the same vendor and account (not a follow-up) takes the new clips instead of
    a second request being made, and takes the given law, language, name and e-mail."""
    check_choice(law, language)
    as_of = today or date.today()
    with store.transaction() as s:
        in_requests = select(RequestItem.clip_id)
        rows = s.execute(
            select(Clip, ImportRecord.account)
            .join(ImportRecord, ImportRecord.id == Clip.import_id)
            .where(asks_vendor(), Clip.id.not_in(in_requests))
            .order_by(Clip.recorded_at, Clip.id)).all()
        groups: dict[tuple[str, str | None], list[Clip]] = {}
        skipped: list[tuple[int, str]] = []
        for clip, import_account in rows:
            if clip.vendor not in VENDORS:
                skipped.append((clip.id, "not from a vendor's export (a folder of recordings "
                                         "has no vendor to ask)"))
                continue
            groups.setdefault((clip.vendor, clip.account or import_account), []).append(clip)
        touched: list[int] = []
        for (vendor, account), clips in sorted(groups.items(),
                                               key=lambda kv: (kv[0][0], kv[0][1] or "")):
            request = s.scalars(
                select(DeletionRequest).where(
                    DeletionRequest.status == RequestStatus.DRAFTED,
                    DeletionRequest.follow_up_of.is_(None), DeletionRequest.vendor == vendor,
                    DeletionRequest.account.is_(None) if account is None
                    else DeletionRequest.account == account)
                .order_by(DeletionRequest.id)).first()
            if request is None:
                request = DeletionRequest(vendor=vendor, account=account, law=law,
                                          language=language, status=RequestStatus.DRAFTED,
                                          requester_name=name, requester_email=email)
                s.add(request)
            else:
                request.law, request.language = law, language
                request.requester_name = name or request.requester_name
                request.requester_email = email or request.requester_email
            s.flush()
            _set_items(s, request, [*_item_clips(s, request), *clips])
            touched.append(request.id)
        added = sum(len(c) for c in groups.values())
    return CreateResult([get_request(store, rid, as_of) for rid in touched], added, skipped)


def _item_clips(s: Session, request: DeletionRequest) -> list[Clip]:
    return list(s.scalars(select(Clip).join(RequestItem, RequestItem.clip_id == Clip.id)
                          .where(RequestItem.request_id == request.id)))


def _set_items(s: Session, request: DeletionRequest, clips: Sequence[Clip]) -> None:
    """A draft's items: these clips, numbered in time order, snapshots taken now."""
    existing = {item.clip_id: item for item in request.items}
    ordered = sorted({c.id: c for c in clips}.values(), key=lambda c: (c.recorded_at, c.id))
    for no, clip in enumerate(ordered, start=1):
        listed = snapshot(clip, no, request.account).to_json()
        item = existing.pop(clip.id, None)
        if item is None:
            request.items.append(RequestItem(clip_id=clip.id, listed=listed))
        else:
            item.listed = listed
    for item in existing.values():
        request.items.remove(item)
    s.flush()


# --- status -------------------------------------------------------------------------------

def _load(s: Session, request_id: int) -> DeletionRequest:
    request = s.get(DeletionRequest, request_id)
    if request is None:
        raise RequestError(f"there is no request {request_id}")
    return request


def _not_future(day: date, today: date, what: str) -> None:
    # A day of slack: the user's calendar may be ahead of this computer's UTC date.
    if day > today + timedelta(days=1):
        raise RequestError(f"{what} {day.isoformat()} is in the future")


def mark_sent(store: Store, request_id: int, day: date, today: date | None = None
              ) -> RequestInfo:
    """Drafted -> sent on `day` (the deadline runs from it). A sent request may be re-dated."""
    as_of = today or date.today()
    _not_future(day, as_of, "the sending date")
    with store.transaction() as s:
        request = _load(s, request_id)
        if request.status == RequestStatus.ANSWERED:
            raise RequestError(f"request {request_id} is already answered")
        if not request.items:
            raise RequestError(f"request {request_id} lists no recordings")
        request.status = RequestStatus.SENT
        request.sent_at = day_start(day)
        request.due_at = day_start(due_date(request.law, day))
    return get_request(store, request_id, as_of)


def mark_answered(store: Store, request_id: int, day: date, today: date | None = None,
                  note: str | None = None) -> RequestInfo:
    """Sent -> answered on `day`; `note` keeps what the vendor said (a case number...)."""
    as_of = today or date.today()
    _not_future(day, as_of, "the answer's date")
    with store.transaction() as s:
        request = _load(s, request_id)
        if request.status == RequestStatus.DRAFTED or request.sent_at is None:
            raise RequestError(f"request {request_id} has not been sent yet; mark it sent "
                               "first")
        if day < request.sent_at.date():
            raise RequestError(f"the answer's date {day.isoformat()} is before the request "
                               f"was sent ({request.sent_at.date().isoformat()})")
        request.status = RequestStatus.ANSWERED
        request.answered_at = day_start(day)
        if note:
            request.note = note
    return get_request(store, request_id, as_of)


def update_draft(store: Store, request_id: int, *, law: str | None = None,
                 language: str | None = None, name: str | None = None,
                 email: str | None = None, today: date | None = None) -> RequestInfo:
    """Change a draft's law, language or who signs it (None leaves a field as it is)."""
    with store.transaction() as s:
        request = _load(s, request_id)
        if request.status != RequestStatus.DRAFTED:
            raise RequestError(f"request {request_id} has been sent; it can no longer change")
        check_choice(law or request.law, language or request.language)
        request.law = law or request.law
        request.language = language or request.language
        request.requester_name = name if name is not None else request.requester_name
        request.requester_email = email if email is not None else request.requester_email
    return get_request(store, request_id, today)


def discard_draft(store: Store, request_id: int) -> None:
    """Delete a draft; its clips can go into the next "create requests" again."""
    with store.transaction() as s:
        request = _load(s, request_id)
        if request.status != RequestStatus.DRAFTED:
            raise RequestError(f"request {request_id} has been sent; it is kept as a record")
        s.delete(request)


# --- reading ------------------------------------------------------------------------------

def _info(s: Session, request: DeletionRequest, as_of: date) -> RequestInfo:
    rows = s.execute(select(RequestItem, Clip.status)
                     .join(Clip, Clip.id == RequestItem.clip_id)
                     .where(RequestItem.request_id == request.id)).all()
    items = sorted((ItemInfo(clip_id=item.clip_id, listed=ListedClip.from_json(item.listed),
                             checked_import_id=item.checked_import_id,
                             found_again=item.found_again, found_by=item.found_by,
                             clip_status=status)
                    for item, status in rows), key=lambda i: i.listed.no)
    return RequestInfo(
        id=request.id, vendor=request.vendor, account=request.account, law=request.law,
        language=request.language, status=request.status, created_at=request.created_at,
        sent=request.sent_at.date() if request.sent_at else None,
        answered=request.answered_at.date() if request.answered_at else None,
        due=request.due_at.date() if request.due_at else None,
        follow_up_of=request.follow_up_of, requester_name=request.requester_name,
        requester_email=request.requester_email, note=request.note, items=tuple(items),
        as_of=as_of)


def get_request(store: Store, request_id: int, today: date | None = None) -> RequestInfo:
    with store.session() as s:
        return _info(s, _load(s, request_id), today or date.today())


def list_requests(store: Store, today: date | None = None) -> list[RequestInfo]:
    with store.session() as s:
        requests = s.scalars(select(DeletionRequest).order_by(DeletionRequest.id))
        return [_info(s, r, today or date.today()) for r in requests]


# --- rendering ----------------------------------------------------------------------------

def letter_for(store: Store, request_id: int, today: date | None = None) -> LetterDocument:
    """The request's letter, dated the day it was sent (a draft: today)."""
    as_of = today or date.today()
    with store.session() as s:
        request = _load(s, request_id)
        info = _info(s, request, as_of)
        follow_up = _follow_up_context(s, request) if request.follow_up_of else None
    return build_letter(LetterFacts(
        vendor=info.vendor, account=info.account, law=info.law, language=info.language,
        name=info.requester_name, email=info.requester_email, clips=info.listed,
        letter_date=info.sent or as_of, follow_up=follow_up))


def _follow_up_context(s: Session, request: DeletionRequest) -> FollowUpContext:
    parent = _load(s, request.follow_up_of) if request.follow_up_of else request
    first = parent
    seen = {request.id}
    while first.follow_up_of is not None and first.id not in seen:
        seen.add(first.id)
        first = _load(s, first.follow_up_of)
    first_date = (first.sent_at or first.created_at).date()
    imported = [ListedClip.from_json(i.listed).found_in or {} for i in request.items]
    import_days = sorted(str(f["imported_at"])[:10] for f in imported if f.get("imported_at"))
    return FollowUpContext(
        first_date=first_date, first_count=len(first.items),
        first_due=first.due_at.date() if first.due_at else None,
        first_answered=first.answered_at.date() if first.answered_at else None,
        answered=parent.answered_at.date() if parent.answered_at else None,
        import_date=date.fromisoformat(import_days[-1]) if import_days else None)


def csv_for(store: Store, request_id: int) -> str:
    return csv_text(get_request(store, request_id).listed)


__all__ = ["CreateResult", "ItemInfo", "RequestError", "RequestInfo",
           "check_choice", "create_requests", "csv_for", "day_start", "discard_draft",
           "get_request", "letter_for", "list_requests", "mark_answered", "mark_sent",
           "update_draft"]
