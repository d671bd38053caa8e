"""Did the vendor delete what it was asked to? Check a newer export against sent requests.

Runs after every import (`Library.import_export`) and on demand (`reviewer verify`). For each
request that was sent (or answered) to the same vendor, each listed recording is looked for
in the new import:

1. Membership: the import pipeline dedups a recording by its vendor identifier (else by its
   UTC time and audio hash), so a recording still in the export is the very same library
   row, tombstone or not, with an `ImportMember` row for the new import. Found "by
   identifier" (or "by time and audio" for a recording without an identifier).
2. Fallback, for rows that did not dedup (the vendor changed the export's layout, the
   identifier the pipeline keyed on is missing, a file was renamed): a row of the new import
   that shares a recording identifier (utteranceId, recordKey, id, audio file name) with
   the listed clip, else whose time is within 1 s, on the same device, with the same audio
   SHA-256.

Found again -> "not deleted": `found_again` is set, and a follow-up letter is drafted
listing exactly those recordings and citing the first request's date (one draft per
request; a later check replaces its list).

Not found is only concluded when the import can say so: the import completed, it is of the
same account (same account id; for exports that name no account, such as Google's, it must
share at least one recording with the exports the request's clips came from), and the
recording's time lies within the span of recordings the new export holds. Otherwise the
recording is reported as "not covered" and its item is left as it was.

Which imports count: only those started after the request's sending date, and never a
re-import of files imported before (same fingerprint): re-reading the old export would
"find" everything. Drafted requests are not checked: the vendor has not been asked yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from reviewer.core.requests.listing import ListedClip
from reviewer.core.store import (
    Clip,
    DeletionRequest,
    ImportMember,
    ImportRecord,
    ImportStatus,
    RequestItem,
    RequestStatus,
    Store,
)
from reviewer.core.store.types import aggregate_utc
from reviewer.core.vendors import subject_name

TIME_TOLERANCE = timedelta(seconds=1)
# Identifiers that name one recording (not an account, a device or an activity entry).
RECORDING_IDS = ("utteranceId", "recordKey", "id", "audio_file")


@dataclass(frozen=True)
class FoundClip:
    request_id: int
    clip_id: int  # the requested clip
    listed: ListedClip
    # "identifier" / "time_audio": the same library row was in the new import;
    # "identifier_match" / "time_device_audio": another row of it matched.
    found_by: str
    matched_clip_id: int  # the row of the new import (== clip_id for membership)


@dataclass(frozen=True)
class RequestCheck:
    request_id: int
    vendor: str
    account: str | None
    status: str
    sent: date | None
    due: date | None
    found: tuple[FoundClip, ...]
    not_found: tuple[int, ...]  # clip ids the export no longer holds: deleted, it seems
    not_covered: tuple[int, ...]  # the export cannot tell (time span, account, partial)
    follow_up_id: int | None  # the drafted follow-up listing `found`
    deadline_passed: bool  # if not, the vendor may still be working on it

    @property
    def checked(self) -> int:
        return len(self.found) + len(self.not_found) + len(self.not_covered)


@dataclass(frozen=True)
class VerifyReport:
    import_id: int
    import_label: str
    checks: tuple[RequestCheck, ...] = ()
    # Requests to this vendor that this import says nothing about: (request id, why).
    skipped: tuple[tuple[int, str], ...] = ()
    notes: tuple[str, ...] = field(default=())
    vendor: str = ""
    # The newest sent request this export was made before: it cannot show what the vendor
    # deleted after that (None: no such request).
    older_than: date | None = None

    @property
    def older_notice(self) -> str | None:
        """The plain-words warning for `older_than`, shared by the window and the CLI."""
        if self.older_than is None:
            return None
        day = self.older_than.isoformat()
        return (f"This export is older than your request of {day}: it cannot show whether "
                f"{subject_name(self.vendor)} deleted the recordings. Download a new export "
                f"after {day}.")

    @property
    def found(self) -> list[FoundClip]:
        return [f for c in self.checks for f in c.found]

    @property
    def follow_ups(self) -> list[int]:
        return [c.follow_up_id for c in self.checks if c.follow_up_id is not None]


@dataclass
class _ImportView:
    """What the new import holds, indexed for the fallback matcher."""

    record: ImportRecord
    members: set[int]
    first: datetime | None
    last: datetime | None
    by_identifier: dict[tuple[str, str], list[Clip]]
    by_sha: dict[str, list[Clip]]


def verify_import(store: Store, import_id: int, today: date | None = None) -> VerifyReport:
    as_of = today or date.today()
    with store.transaction() as s:
        record = s.get(ImportRecord, import_id)
        if record is None:
            raise LookupError(f"there is no import {import_id}")
        requests = list(s.scalars(
            select(DeletionRequest)
            .where(DeletionRequest.vendor == record.format,
                   DeletionRequest.status.in_((RequestStatus.SENT, RequestStatus.ANSWERED)))
            .order_by(DeletionRequest.id)))
        if not requests:
            return VerifyReport(import_id, record.label, vendor=record.format)
        # These files existed when they were first imported: an export imported (or
        # re-imported) from before a request was sent cannot tell what was deleted since.
        made = aggregate_utc(s.scalar(select(func.min(ImportRecord.started_at)).where(
            ImportRecord.fingerprint == record.fingerprint)))
        # Requests carry a sending day: the same files imported again, first read on or
        # before that day, cannot hold what the vendor did after it either.
        repeat = bool((record.report or {}).get("repeat_of"))
        older = [r.sent_at for r in requests if r.sent_at is not None and made is not None
                 and (made < r.sent_at or (repeat and made.date() <= r.sent_at.date()))]
        view = _view(s, record)
        checks: list[RequestCheck] = []
        skipped: list[tuple[int, str]] = []
        for request in requests:
            reason = _unusable(s, record, request)
            if reason is not None:
                skipped.append((request.id, reason))
                continue
            checks.append(_check(s, view, request, as_of))
        notes = []
        if record.status != ImportStatus.COMPLETE:
            notes.append("The import did not complete: recordings it did not reach are "
                         "reported as not covered. Run the import again to finish it.")
        return VerifyReport(import_id, record.label, tuple(checks), tuple(skipped),
                            tuple(notes), record.format,
                            max(older).date() if older else None)


def _unusable(s: Session, record: ImportRecord, request: DeletionRequest) -> str | None:
    if request.sent_at is None:
        return "not sent yet"
    repeat = (record.report or {}).get("repeat_of")
    if repeat:  # imported again into the same import: the files of its first time
        return (f"these are the same files you imported on {repeat[:10]}: import an export "
                "you requested from the vendor after sending the request")
    if record.started_at < request.sent_at:
        return (f"the export was imported before the request was sent "
                f"({request.sent_at.date().isoformat()})")
    earlier = s.scalar(select(ImportRecord.id).where(
        ImportRecord.fingerprint == record.fingerprint, ImportRecord.id < record.id).limit(1))
    if earlier is not None:
        return (f"these are the same files as import #{earlier}: import an export you "
                "requested from the vendor after sending the request")
    if request.account and record.account and request.account != record.account:
        return f"the export is of another account ({record.account})"
    return None


def _view(s: Session, record: ImportRecord) -> _ImportView:
    members = set(s.scalars(select(ImportMember.clip_id)
                            .where(ImportMember.import_id == record.id)))
    first, last = s.execute(
        select(func.min(Clip.recorded_at), func.max(Clip.recorded_at))
        .join(ImportMember, ImportMember.clip_id == Clip.id)
        .where(ImportMember.import_id == record.id, Clip.time_unknown.is_(False))).one()
    by_identifier: dict[tuple[str, str], list[Clip]] = {}
    by_sha: dict[str, list[Clip]] = {}
    clips = s.scalars(select(Clip).join(ImportMember, ImportMember.clip_id == Clip.id)
                      .where(ImportMember.import_id == record.id))
    for clip in clips:
        for key, value in _recording_ids(clip.identifiers or {}, clip.vendor_id):
            by_identifier.setdefault((key, value), []).append(clip)
        if clip.audio_sha256:
            by_sha.setdefault(clip.audio_sha256, []).append(clip)
    return _ImportView(record, members, aggregate_utc(first), aggregate_utc(last),
                       by_identifier, by_sha)


def _recording_ids(identifiers: dict[str, object], vendor_id: str | None
                   ) -> Iterable[tuple[str, str]]:
    for key in RECORDING_IDS:
        value = identifiers.get(key)
        if value:
            yield key, str(value)
    if vendor_id:
        yield "vendor_id", vendor_id


def _match(view: _ImportView, listed: ListedClip) -> tuple[str, int] | None:
    if listed.clip_id in view.members:
        return ("identifier" if listed.vendor_id else "time_audio"), listed.clip_id
    for key, value in _recording_ids(dict(listed.identifiers), listed.vendor_id):
        for clip in view.by_identifier.get((key, value), []):
            if clip.vendor == listed.vendor:
                return "identifier_match", clip.id
    if listed.audio_sha256 and listed.recorded_at_utc:
        when = _listed_time(listed)
        for clip in view.by_sha.get(listed.audio_sha256, []):
            if (clip.vendor == listed.vendor and clip.device == listed.device
                    and not clip.time_unknown
                    and abs(clip.recorded_at - when) <= TIME_TOLERANCE):
                return "time_device_audio", clip.id
    return None


def _listed_time(listed: ListedClip) -> datetime:
    return datetime.fromisoformat(listed.recorded_at_utc.replace("Z", "+00:00"))


def _same_account(s: Session, view: _ImportView, request: DeletionRequest) -> bool:
    """Known accounts must be equal; unknown ones must share a recording with the exports
    the requested clips came from (two accounts' exports share none)."""
    if request.account and view.record.account:
        return request.account == view.record.account
    clip_ids = select(RequestItem.clip_id).where(RequestItem.request_id == request.id)
    earlier = select(ImportMember.import_id).where(ImportMember.clip_id.in_(clip_ids),
                                                   ImportMember.import_id != view.record.id)
    other = aliased(ImportMember)
    shared = s.scalar(select(ImportMember.clip_id)
                      .join(other, other.clip_id == ImportMember.clip_id)
                      .where(ImportMember.import_id == view.record.id,
                             other.import_id.in_(earlier)).limit(1))
    return shared is not None


def _check(s: Session, view: _ImportView, request: DeletionRequest, as_of: date
           ) -> RequestCheck:
    conclusive = view.record.status == ImportStatus.COMPLETE and _same_account(s, view, request)
    found: list[FoundClip] = []
    not_found: list[int] = []
    not_covered: list[int] = []
    for item in sorted(request.items, key=lambda i: int(i.listed.get("no", 0))):
        listed = ListedClip.from_json(item.listed)
        newer_check = (item.checked_import_id is not None
                       and item.checked_import_id > view.record.id)
        hit = _match(view, listed)
        if hit is not None:
            found.append(FoundClip(request.id, item.clip_id, listed, hit[0], hit[1]))
            if not newer_check:
                item.found_again, item.found_by = True, hit[0]
                item.checked_import_id = view.record.id
            continue
        # A recording listed without a time: no time range can say it should be there.
        when = _listed_time(listed) if listed.recorded_at_utc else None
        covered = (conclusive and when is not None and view.first is not None
                   and view.last is not None
                   and view.first - TIME_TOLERANCE <= when <= view.last + TIME_TOLERANCE)
        if not covered:
            not_covered.append(item.clip_id)
            continue
        not_found.append(item.clip_id)
        if not newer_check:
            item.found_again, item.found_by = False, None
            item.checked_import_id = view.record.id
    s.flush()
    follow_up = _draft_follow_up(s, view.record, request, found) if found else None
    due = request.due_at.date() if request.due_at else None
    return RequestCheck(
        request_id=request.id, vendor=request.vendor, account=request.account,
        status=request.status, sent=request.sent_at.date() if request.sent_at else None,
        due=due, found=tuple(found), not_found=tuple(not_found),
        not_covered=tuple(not_covered), follow_up_id=follow_up,
        deadline_passed=request.status == RequestStatus.ANSWERED
        or (due is not None and as_of > due))


def _draft_follow_up(s: Session, record: ImportRecord, request: DeletionRequest,
                     found: list[FoundClip]) -> int | None:
    """The drafted follow-up of `request`, listing exactly `found` (None if a follow-up was
    already sent: that one is checked on its own and gets its own follow-up)."""
    follow_ups = list(s.scalars(select(DeletionRequest)
                                .where(DeletionRequest.follow_up_of == request.id)
                                .order_by(DeletionRequest.id)))
    if any(f.status != RequestStatus.DRAFTED for f in follow_ups):
        return None
    draft = follow_ups[0] if follow_ups else None
    if draft is None:
        draft = DeletionRequest(
            vendor=request.vendor, account=request.account, law=request.law,
            language=request.language, status=RequestStatus.DRAFTED,
            follow_up_of=request.id, requester_name=request.requester_name,
            requester_email=request.requester_email)
        s.add(draft)
    draft.note = (f"Drafted because import #{record.id} ({record.label}) still held "
                  f"{len(found)} recording(s) of request #{request.id}.")
    found_in = {"import_id": record.id, "label": record.label,
                "imported_at": record.started_at.isoformat()}
    wanted = {f.clip_id: replace(f.listed, no=n, found_in=found_in).to_json()
              for n, f in enumerate(found, start=1)}
    for item in list(draft.items):
        if item.clip_id in wanted:
            item.listed = wanted.pop(item.clip_id)
        else:
            draft.items.remove(item)
    draft.items.extend(RequestItem(clip_id=cid, listed=listed)
                       for cid, listed in wanted.items())
    s.flush()
    return draft.id


__all__ = ["RECORDING_IDS", "TIME_TOLERANCE", "FoundClip", "RequestCheck", "VerifyReport",
           "verify_import"]
