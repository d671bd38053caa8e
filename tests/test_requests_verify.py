"""Verify: a newer export of the same account shows which requested recordings the vendor
still has. Real zips, the real import pipeline (dedup, memberships), a real library."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from reviewer.core.library import Library
from reviewer.core.requests import RequestInfo, render_text
from reviewer.core.requests.texts import texts_for
from reviewer.core.store import Clip, ClipStatus
from reviewer.testing.alexa_exports import CUSTOMER_ID
from reviewer.testing.google_exports import AssistantEntry, make_entries, write_takeout
from tests.request_exports import alexa_export, ids_by_vendor_id, tombstone

EMAIL = "erika@example.org"
# Record indices: mp3 named .bin, ogg named by time, flac named by recordKey, a record
# without audio or utteranceId (keyed by recordKey), another mp3. Record 0 stays in every
# export, so the newer export's time span covers all five.
REQUESTED = (1, 2, 3, 5, 7)
STILL_THERE = (3, 5)


def _request_sent(library: Library, clip_ids: list[int]) -> RequestInfo:
    library.decide(clip_ids, "delete_request")
    (request,) = library.create_requests("eu", "en", "Erika Mustermann", EMAIL).requests
    return library.mark_sent(request.id, library.today())


@pytest.mark.parametrize("deleted_here", [False, True], ids=["kept", "tombstones"])
def test_newer_export_with_two_of_five_requested_clips(library: Library, tmp_path: Path,
                                                       deleted_here: bool) -> None:
    exports = tmp_path / "exports"
    path_a, expected = alexa_export(exports, "amazon-a", records=10)
    library.import_export([path_a])
    by_vid = ids_by_vendor_id(library)
    requested = [by_vid[str(expected[i].vendor_id)] for i in REQUESTED]
    still_there = [by_vid[str(expected[i].vendor_id)] for i in STILL_THERE]
    request = _request_sent(library, requested)
    assert len(request.items) == 5
    if deleted_here:
        tombstone(library, requested)

    # B: the same account later, two more records; the vendor dropped 3 of the 5.
    gone = [i for i in REQUESTED if i not in STILL_THERE]
    path_b, _ = alexa_export(exports, "amazon-b", records=12, drop=gone)
    report_b = library.import_export([path_b])
    assert report_b.clips_new == 2

    # The hook ran at the end of the import and found exactly those two.
    v = library.last_verification
    assert v is not None and v.import_id == report_b.import_id
    (check,) = v.checks
    assert check.request_id == request.id
    assert sorted(f.clip_id for f in v.found) == sorted(still_there)
    assert {f.found_by for f in v.found} == {"identifier"}
    assert sorted(check.not_found) == sorted(set(requested) - set(still_there))
    assert check.not_covered == () and not check.deadline_passed

    # Recorded on the items, and shown in the request.
    shown = library.request(request.id)
    assert {i.clip_id for i in shown.found_again} == set(still_there)
    assert {i.clip_id: i.found_again for i in shown.items} == {
        cid: cid in still_there for cid in requested}
    assert {i.checked_import_id for i in shown.items} == {report_b.import_id}

    # A follow-up is drafted listing exactly those two, citing the first request's date.
    assert check.follow_up_id is not None
    follow = library.request(check.follow_up_id)
    assert (follow.status, follow.follow_up_of, follow.account) == ("drafted", request.id,
                                                                     CUSTOMER_ID)
    assert sorted(i.clip_id for i in follow.items) == sorted(still_there)
    originals = {i.clip_id: i.listed for i in shown.items}
    for item in follow.items:
        first = originals[item.clip_id]
        assert item.listed.identifiers == first.identifiers
        assert item.listed.recorded_at_utc == first.recorded_at_utc
        assert item.listed.found_in is not None
        assert item.listed.found_in["import_id"] == report_b.import_id
    doc = library.request_letter(follow.id)
    text = render_text(doc)
    flat = " ".join(text.split())
    assert request.sent is not None
    first_date = texts_for("en").format_date(request.sent)  # e.g. "22 November 2026"
    assert f"my request of {first_date}" in doc.title
    assert f"On {first_date} I requested, under Article 17 GDPR, the erasure of 5 voice " \
           "recordings" in flat
    assert "still contains the following 2 of those recordings" in flat
    for cid in still_there:
        assert originals[cid].identifiers["recordKey"] in text
    for cid in set(requested) - set(still_there):
        assert originals[cid].identifiers["recordKey"] not in text
    assert "Art. 77 GDPR" in flat

    # Verifying again is idempotent: the same draft, the same two clips.
    again = library.verify(report_b.import_id)
    assert again.follow_ups == [follow.id]
    assert sorted(i.clip_id for i in library.request(follow.id).items) == sorted(still_there)
    assert len(library.requests()) == 2

    # Tombstones stay tombstones: the newer export does not bring the audio back.
    with library.store.session() as s:
        statuses = set(s.scalars(select(Clip.status).where(Clip.id.in_(requested))))
    assert statuses == ({ClipStatus.DELETED} if deleted_here else statuses - {
        ClipStatus.DELETED})


def test_fallback_matches_rows_that_did_not_dedup(library: Library, tmp_path: Path) -> None:
    """Google renamed an audio file (new vendor id); Amazon dropped an utteranceId (the
    record is keyed by recordKey now): new rows, matched by time+device+audio and by the
    remaining identifier."""
    entries = make_entries(8, seed=3)
    library.import_export(write_takeout(tmp_path / "g-a", entries, as_zip=True))
    path_a, expected = alexa_export(tmp_path / "a", "amazon-a", records=6)
    library.import_export([path_a])
    by_vid = ids_by_vendor_id(library)
    google_target = next(e for e in entries[:4] if e.audio is not None)
    g_id = by_vid[str(google_target.file_name)]
    a_id = by_vid[str(expected[0].vendor_id)]
    g_request = _request_sent(library, [g_id])
    a_request = _request_sent(library, [a_id])

    renamed = [AssistantEntry(**{**e.__dict__, "audio_name": "renamed-by-google.mp3"})
               if e is google_target else e for e in entries]
    library.import_export(write_takeout(tmp_path / "g-b", renamed, as_zip=True))
    v = library.last_verification
    assert v is not None
    (found,) = v.found
    assert (found.request_id, found.clip_id, found.found_by) == (g_request.id, g_id,
                                                                 "time_device_audio")
    assert found.matched_clip_id != g_id

    def drop_utterance_ids(i: int, record: dict[str, Any]) -> None:
        if i == 0:
            for item in record["voiceHistoryRecordItems"]:
                item.pop("utteranceId", None)

    path_b, _ = alexa_export(tmp_path / "b", "amazon-b", records=7, edit=drop_utterance_ids)
    library.import_export([path_b])
    v = library.last_verification
    assert v is not None
    (found,) = v.found
    assert (found.request_id, found.clip_id, found.found_by) == (a_request.id, a_id,
                                                                 "identifier_match")
    assert library.request(a_request.id).items[0].found_by == "identifier_match"


def test_exports_that_cannot_tell_change_nothing(library: Library, tmp_path: Path) -> None:
    path_a, expected = alexa_export(tmp_path / "a", "amazon-a", records=10)
    library.import_export([path_a])
    by_vid = ids_by_vendor_id(library)
    requested = [by_vid[str(expected[i].vendor_id)] for i in REQUESTED]
    request = _request_sent(library, requested)

    # The very same files again: skipped, they say nothing about deletion.
    library.import_export([path_a])
    v = library.last_verification
    assert v is not None and v.checks == ()
    assert v.skipped[0][0] == request.id and "same files" in v.skipped[0][1]

    # Another account's export: skipped.
    def other_account(_i: int, record: dict[str, Any]) -> None:
        record["recordKey"] = record["recordKey"].replace(CUSTOMER_ID, "A1OTHERCUSTOMER")

    path_o, _ = alexa_export(tmp_path / "o", "amazon-other", records=3, edit=other_account)
    library.import_export([path_o])
    v = library.last_verification
    assert v is not None and v.checks == () and "another account" in v.skipped[0][1]

    # A newer export that starts after some requested recordings: those are "not covered",
    # not "deleted".
    path_b, _ = alexa_export(tmp_path / "b", "amazon-b", records=12, drop=range(4))
    library.import_export([path_b])
    v = library.last_verification
    assert v is not None
    (check,) = v.checks
    assert [f.clip_id for f in check.found] == requested[3:]  # records 5 and 7
    assert sorted(check.not_covered) == sorted(requested[:3]) and check.not_found == ()
    items = {i.clip_id: i for i in library.request(request.id).items}
    assert all(items[c].found_again is None for c in requested[:3])
    assert all(items[c].found_again is True for c in requested[3:])


def test_google_export_of_another_account_is_not_conclusive(library: Library,
                                                            tmp_path: Path) -> None:
    entries = make_entries(6, seed=1)
    library.import_export(write_takeout(tmp_path / "mine", entries, as_zip=True))
    target = [c.id for c in library.clips() if c.vendor == "google"][2:4]
    request = _request_sent(library, target)
    # Someone else's Takeout: no account in Google exports, and no recording in common.
    library.import_export(write_takeout(tmp_path / "theirs", make_entries(6, seed=9),
                                        as_zip=True))
    v = library.last_verification
    assert v is not None
    (check,) = v.checks
    assert check.found == () and check.not_found == ()
    assert sorted(check.not_covered) == sorted(target)
    assert all(i.found_again is None for i in library.request(request.id).items)
    # My own newer Takeout without the two: gone.
    newer = [e for e in make_entries(8, seed=1)
             if e.file_name not in {c.vendor_id for c in library.clips() if c.id in target}]
    library.import_export(write_takeout(tmp_path / "mine-later", newer, as_zip=True))
    v = library.last_verification
    assert v is not None
    (check,) = v.checks
    assert sorted(check.not_found) == sorted(target) and check.follow_up_id is None


def test_drafted_requests_are_not_checked(library: Library, tmp_path: Path) -> None:
    path_a, _ = alexa_export(tmp_path / "a", "amazon-a", records=4)
    library.import_export([path_a])
    library.decide([c.id for c in library.clips()][:2], "delete_request")
    library.create_requests()
    path_b, _ = alexa_export(tmp_path / "b", "amazon-b", records=5)
    library.import_export([path_b])
    v = library.last_verification
    assert v is not None and v.checks == () and v.skipped == ()


def test_follow_up_of_a_follow_up_cites_the_first_request(library: Library,
                                                          tmp_path: Path) -> None:
    path_a, expected = alexa_export(tmp_path / "a", "amazon-a", records=8)
    library.import_export([path_a])
    by_vid = ids_by_vendor_id(library)
    requested = [by_vid[str(expected[i].vendor_id)] for i in (0, 1, 2)]
    first = _request_sent(library, requested)
    library.mark_answered(first.id, library.today())

    path_b, _ = alexa_export(tmp_path / "b", "amazon-b", records=9, drop=[0])
    library.import_export([path_b])
    v = library.last_verification
    assert v is not None and v.checks[0].deadline_passed  # answered: the vendor is done
    (follow_id,) = v.follow_ups
    assert sorted(i.clip_id for i in library.request(follow_id).items) == requested[1:]
    library.mark_sent(follow_id, library.today())

    path_c, _ = alexa_export(tmp_path / "c", "amazon-c", records=10, drop=[0, 1])
    library.import_export([path_c])
    v = library.last_verification
    assert v is not None
    by_request = {c.request_id: c for c in v.checks}
    # The first request's follow-up was sent: no second draft of it; the follow-up got one.
    assert by_request[first.id].follow_up_id is None
    second = by_request[follow_id].follow_up_id
    assert second is not None
    info = library.request(second)
    assert info.follow_up_of == follow_id
    assert [i.clip_id for i in info.items] == [requested[2]]
    doc = library.request_letter(second)
    flat = " ".join(render_text(doc).split())
    assert "the erasure of 3 voice recordings" in flat  # cites the first request
    assert "You replied to that request" not in flat  # the follow-up was not answered
    assert date.today().isoformat()[:4] in doc.title


def test_follow_up_cites_a_deadline_that_passed_without_an_answer(library: Library,
                                                                   tmp_path: Path) -> None:
    path_a, expected = alexa_export(tmp_path / "a", "amazon-a", records=4)
    library.import_export([path_a])
    clip_id = ids_by_vendor_id(library)[str(expected[1].vendor_id)]
    library.decide([clip_id], "delete_request")
    (request,) = library.create_requests("eu", "en", "Erika Mustermann", EMAIL).requests
    library.mark_sent(request.id, date(2024, 1, 31))
    path_b, _ = alexa_export(tmp_path / "b", "amazon-b", records=5)
    library.import_export([path_b])
    v = library.last_verification
    assert v is not None and v.checks[0].deadline_passed
    (follow_id,) = v.follow_ups

    def letter() -> str:
        return " ".join(library.render_request(follow_id).split())

    assert ("The one-month period for answering that request ended on 29 February 2024 "
            "(Art. 12(3) GDPR).") in letter()
    assert "On 31 January 2024 I requested" in letter()
    library.mark_answered(request.id, date(2024, 2, 10))  # answered in time, yet not deleted
    assert "You replied to that request on 10 February 2024." in letter()
    assert "period for answering" not in letter()
