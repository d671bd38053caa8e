"""Deletion requests: grouping, letters (GDPR/CCPA x en/de), CSV, deadlines and statuses.

Real exports (Alexa history zip, Google Takeout zip, a folder of recordings) go through the
real import pipeline into a real SQLite library.
"""

from __future__ import annotations

import csv
import io
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from reviewer.core.importers.timestamps import utc_iso
from reviewer.core.library import Library
from reviewer.core.requests import (
    CSV_COLUMNS,
    BulletList,
    Paragraph,
    RequestError,
    Table,
    add_months,
    due_date,
    render_text,
)
from reviewer.core.store import Clip, Decision
from reviewer.core.store.queries import ClipQuery
from reviewer.testing.alexa_exports import CUSTOMER_ID
from reviewer.testing.folder_exports import default_recordings, write_folder
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.request_exports import alexa_export

EMAIL = "erika@example.org"
NAME = "Erika Mustermann"


@pytest.fixture
def loaded(library: Library, tmp_path: Path) -> Library:
    """Alexa (8 records) and Google (6 entries) imported; nothing decided yet."""
    path, _ = alexa_export(tmp_path / "exports", "amazon-a", records=8)
    library.import_export([path])
    library.import_export(write_takeout(tmp_path / "google", make_entries(6), as_zip=True))
    library.today = lambda: date(2024, 1, 31)
    return library


def _mark(library: Library, vendor: str, n: int) -> list[Clip]:
    clips = [c for c in library.clips() if c.vendor == vendor][:n]
    library.decide([c.id for c in clips], "delete_request")
    return clips


# --- deadlines ---------------------------------------------------------------------------

def test_due_dates_clamp_to_month_end_and_count_45_days() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # leap year
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2024, 1, 15), 14) == date(2025, 3, 15)
    assert due_date("gdpr", date(2024, 5, 10)) == date(2024, 6, 10)
    assert due_date("gdpr", date(2024, 1, 31)) == date(2024, 2, 29)
    assert due_date("ccpa", date(2024, 1, 31)) == date(2024, 3, 16)
    assert due_date("ccpa", date(2023, 12, 20)) == date(2024, 2, 3)
    with pytest.raises(ValueError):
        due_date("hipaa", date(2024, 1, 1))


# --- create ------------------------------------------------------------------------------

def test_create_groups_marked_clips_per_vendor_and_account(loaded: Library,
                                                          tmp_path: Path) -> None:
    amazon = _mark(loaded, "amazon", 3)
    google = _mark(loaded, "google", 2)
    loaded.decide([c.id for c in loaded.clips() if c.vendor == "amazon"][3:5], "keep")
    folder = write_folder(tmp_path / "folder", default_recordings()[:1])
    loaded.import_export([folder])
    folder_clip = next(c for c in loaded.clips() if c.vendor == "folder")
    # A folder of recordings has no vendor to ask: the answer is not even kept.
    loaded.decide([folder_clip.id], "delete_request")
    assert loaded.clip(folder_clip.id).ask_vendor is None  # type: ignore[union-attr]

    result = loaded.create_requests(email=EMAIL, name=NAME)
    assert result.added == 5
    assert result.skipped == []
    by_vendor = {r.vendor: r for r in result.requests}
    assert set(by_vendor) == {"amazon", "google"}
    a, g = by_vendor["amazon"], by_vendor["google"]
    assert (a.account, a.law, a.language, a.status) == (CUSTOMER_ID, "gdpr", "en", "drafted")
    assert g.account is None
    assert [i.clip_id for i in a.items] == [c.id for c in amazon]
    assert [i.clip_id for i in g.items] == [c.id for c in google]
    # The snapshot holds exactly what gets printed, taken from the clip.
    for item, clip in zip(a.items, amazon, strict=True):
        assert item.listed.recorded_at_utc == utc_iso(clip.recorded_at)
        assert item.listed.device == clip.device
        assert item.listed.identifiers["utteranceId"] == clip.identifiers["utteranceId"]
        assert item.listed.identifiers["recordKey"] == clip.identifiers["recordKey"]
        assert item.listed.audio_sha256 == clip.audio_sha256
    for item, clip in zip(g.items, google, strict=True):
        assert item.listed.identifiers == {"audio_file": clip.identifiers["audio_file"],
                                           "time": clip.identifiers["time"],
                                           "title": clip.identifiers["title"]}
    assert [i.listed.no for i in a.items] == [1, 2, 3]

    # Nothing new: nothing created, and the query for "marked, not in a request" says so
    # (the dialog's "Create from marked clips (N)" counts with it).
    marked = ClipQuery(decision=Decision.DELETE_REQUEST, include_deleted=True)
    assert loaded.count_clips(marked) == 5
    assert loaded.count_clips(replace(marked, in_request=False)) == 0
    assert loaded.count_clips(replace(marked, in_request=True)) == 5
    assert loaded.count_clips(ClipQuery(in_request=True)) == 5
    assert loaded.create_requests().requests == []
    earlier = next(c for c in loaded.clips() if c.vendor == "amazon" and c.id == amazon[0].id)
    later = [c for c in loaded.clips() if c.vendor == "amazon"][5]
    loaded.decide([later.id], "delete_request")
    again = loaded.create_requests(language="de")
    assert [r.id for r in again.requests] == [a.id]
    merged = again.requests[0]
    assert merged.language == "de" and merged.requester_email == EMAIL  # kept
    assert [i.clip_id for i in merged.items][-1] == later.id
    assert merged.items[0].clip_id == earlier.id
    assert [i.listed.no for i in merged.items] == [1, 2, 3, 4]

    # Once sent, a request is closed: the next marked clip starts a new one.
    loaded.mark_sent(a.id, date(2024, 1, 30))
    extra = [c for c in loaded.clips() if c.vendor == "amazon"][6]
    loaded.decide([extra.id], "delete_request")
    assert loaded.count_clips(replace(marked, in_request=False)) == 1
    third = loaded.create_requests()
    assert loaded.count_clips(replace(marked, in_request=False)) == 0
    assert len(third.requests) == 1 and third.requests[0].id not in (a.id, g.id)
    assert [i.clip_id for i in third.requests[0].items] == [extra.id]


def test_orphan_recording_goes_under_the_exports_account(library: Library,
                                                        tmp_path: Path) -> None:
    from reviewer.testing.alexa_exports import write_history_json_export

    built = write_history_json_export(tmp_path / "a", form="zip", records=3)
    library.import_export([built.path])
    orphan = next(c for c in library.clips() if c.vendor_id is None)
    assert orphan.account is None
    library.decide([orphan.id], "delete_request")
    (request,) = library.create_requests().requests
    assert request.account == CUSTOMER_ID
    # Its audio file name is the only identifier Amazon's export gives it.
    assert request.items[0].listed.identifiers == {
        "audio_file": orphan.source_path.rsplit("/", 1)[-1]}


# --- letters -----------------------------------------------------------------------------

LETTER_EXPECTATIONS = {
    ("eu", "en"): ["Article 17(1) of the General Data Protection Regulation",
                   "Art. 17(1)(a) GDPR", "within one month of receipt",
                   "Art. 12(3) GDPR", "two further months", "29 February 2024",
                   "supervisory authority", "Dear Sir or Madam,", "Yours faithfully,"],
    ("eu", "de"): ["Art. 17 Abs. 1 der Datenschutz-Grundverordnung",
                   "Art. 17 Abs. 1 lit. a DSGVO", "innerhalb eines Monats nach Eingang",
                   "Art. 12 Abs. 3 DSGVO", "zwei weitere Monate", "29. Februar 2024",
                   "Aufsichtsbehörde", "Sehr geehrte Damen und Herren,",
                   "Mit freundlichen Grüßen"],
    ("california", "en"): ["section 1798.105 of the California Civil Code",
                           "California Consumer Privacy Act", "within 45 calendar days",
                           "§ 1798.130(a)(2)", "16 March 2024", "§ 1798.105(c)",
                           "Dear Sir or Madam,"],
    ("california", "de"): ["§ 1798.105 des California Civil Code",
                           "California Consumer Privacy Act", "innerhalb von 45 Kalendertagen",
                           "§ 1798.130(a)(2)", "16. März 2024", "§ 1798.105(c)",
                           "Sehr geehrte Damen und Herren,"],
}


@pytest.mark.parametrize(("region", "language"), sorted(LETTER_EXPECTATIONS))
def test_letter_states_ground_account_clips_and_deadline(loaded: Library, region: str,
                                                         language: str) -> None:
    amazon = _mark(loaded, "amazon", 4)
    (request,) = loaded.create_requests(region, language, NAME, EMAIL).requests
    loaded.mark_sent(request.id, date(2024, 1, 31))
    doc = loaded.request_letter(request.id)
    text = loaded.render_request(request.id, "text")

    assert doc.law == ("gdpr" if region == "eu" else "ccpa") and doc.language == language
    flat = " ".join(text.split())  # phrases may be wrapped across lines
    for phrase in LETTER_EXPECTATIONS[(region, language)]:
        assert phrase in flat, phrase
    assert doc.title in flat and text.count(EMAIL) >= 2  # sender block and account line
    assert CUSTOMER_ID in text and NAME in doc.signature
    assert doc.date_line == ("31 January 2024" if language == "en" else "31. Januar 2024")
    # The table: one row per clip, with time, device and identifiers exactly as imported,
    # and each identifier on one line of the plain text so it can be copied whole.
    (table,) = doc.tables
    assert table.header[3:5] == ("utteranceId", "recordKey")
    assert len(table.rows) == len(amazon)
    lines = text.splitlines()
    for row, clip in zip(table.rows, amazon, strict=True):
        assert row[1] == utc_iso(clip.recorded_at) and row[2] == clip.device
        for key in ("utteranceId", "recordKey"):
            if key in clip.identifiers:
                assert clip.identifiers[key] in row
                assert f"   {table.header[3 + ('utteranceId', 'recordKey').index(key)]}: " \
                       f"{clip.identifiers[key]}" in lines
        assert f"{row[0]}. {row[1]} — {row[2]}" in lines
    # Erasure of audio, transcripts and derived records is asked for.
    bullets = next(b for b in doc.body if isinstance(b, BulletList))
    assert len(bullets.items) == 3
    assert any("transcript" in b.lower() or "transkript" in b.lower() for b in bullets.items)
    # No audio, no invented addresses: guidance in words, no URL or e-mail of the vendor.
    assert any(isinstance(b, Paragraph) and b.role == "attachment" for b in doc.body)
    assert doc.guidance and not any("http" in g or "@" in g or "www." in g
                                    for g in doc.guidance)
    assert "http" not in text and "www." not in text
    assert doc.recipient[0] == "Amazon"


def test_google_letter_lists_audio_file_time_and_title(loaded: Library) -> None:
    google = _mark(loaded, "google", 3)
    (request,) = loaded.create_requests("eu", "de", NAME, EMAIL).requests
    doc = loaded.request_letter(request.id)
    text = render_text(doc)
    (table,) = doc.tables
    assert table.header[3:] == ("Audiodatei", "time (Meine Aktivitäten)",
                                "Titel (Meine Aktivitäten)", "Meine Ortszeit")
    for row, clip in zip(table.rows, google, strict=True):
        assert row[3:6] == (clip.identifiers["audio_file"], clip.identifiers["time"],
                            clip.identifiers["title"])
        # UTC for the vendor, and the writer's own clock beside it.
        local = clip.recorded_at.astimezone()
        assert row[6] == f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
        for value in row[3:]:
            assert value in text
    assert "Kundennummer" not in text  # Google's export names no account
    assert any("Meine Aktivitäten" in g for g in doc.guidance)
    assert doc.date_line == "31. Januar 2024"  # a draft is dated today


def test_plain_text_for_a_contact_form_can_leave_out_the_attachment_note(
        loaded: Library) -> None:
    _mark(loaded, "amazon", 1)
    (request,) = loaded.create_requests(email=EMAIL, name=NAME).requests
    with_note = loaded.render_request(request.id, "text")
    without = loaded.render_request(request.id, "text", attachments=False)
    assert "enclosed as a CSV file" in with_note and "CSV" not in without


def test_missing_name_and_email_leave_visible_placeholders(loaded: Library) -> None:
    _mark(loaded, "amazon", 1)
    (request,) = loaded.create_requests().requests
    text = loaded.render_request(request.id)
    assert "[the e-mail address of your account]" in text and "[your name]" in text
    updated = loaded.update_request(request.id, name=NAME, email=EMAIL, language="de")
    assert updated.language == "de"
    assert "[" not in loaded.render_request(request.id).split("Sehr geehrte")[0]


# --- CSV ---------------------------------------------------------------------------------

def test_csv_lists_the_same_clips_and_files_are_private(loaded: Library,
                                                        tmp_path: Path) -> None:
    amazon = _mark(loaded, "amazon", 4)
    with loaded.store.transaction() as s:  # a non-ASCII device name must survive as UTF-8
        s.execute(update(Clip).where(Clip.id == amazon[0].id).values(device="Küche Echo"))
    amazon[0] = loaded.clip(amazon[0].id) or amazon[0]
    (request,) = loaded.create_requests(email=EMAIL).requests

    paths = loaded.write_request_files(request.id)
    folder = loaded.paths.data_dir / "requests"
    assert [p.parent for p in paths] == [folder, folder]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.suffix for p in folder.iterdir()) == [".csv", ".txt"]  # never audio
    for p in paths:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    csv_path = next(p for p in paths if p.suffix == ".csv")
    text = csv_path.read_bytes().decode("utf-8")  # strict UTF-8, no BOM
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(csv.reader(io.StringIO(text))).__getitem__(0) == list(CSV_COLUMNS)
    assert len(rows) == len(amazon)
    for row, clip in zip(rows, amazon, strict=True):
        assert row["recorded_at_utc"] == utc_iso(clip.recorded_at)
        assert row["device"] == clip.device
        assert row["vendor"] == "amazon" and row["account"] == CUSTOMER_ID
        assert row["utteranceId"] == clip.identifiers.get("utteranceId", "")
        assert row["recordKey"] == clip.identifiers["recordKey"]
        assert row["audio_file"] == row["time"] == row["title"] == ""
        assert row["time_approximate"] == "no"
    assert rows[0]["device"] == "Küche Echo"
    assert [r["no"] for r in rows] == ["1", "2", "3", "4"]
    assert text == loaded.render_request(request.id, "csv")

    # A folder the user names is created private if missing.
    out = tmp_path / "letters" / "amazon"
    written = loaded.write_request_files(request.id, out)
    assert [p.parent for p in written] == [out, out]
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


# --- statuses and deadlines --------------------------------------------------------------

def test_status_moves_drafted_sent_answered_with_checks(loaded: Library) -> None:
    _mark(loaded, "amazon", 2)
    (request,) = loaded.create_requests(email=EMAIL).requests
    rid = request.id
    assert request.status == "drafted" and request.due is None and not request.overdue
    with pytest.raises(RequestError, match="not been sent"):
        loaded.mark_answered(rid, date(2024, 1, 20))
    with pytest.raises(RequestError, match="future"):
        loaded.mark_sent(rid, date(2024, 2, 5))  # today is 2024-01-31 here
    sent = loaded.mark_sent(rid, date(2024, 1, 15))
    assert (sent.status, sent.sent, sent.due) == ("sent", date(2024, 1, 15), date(2024, 2, 15))
    sent = loaded.mark_sent(rid, date(2024, 1, 31))  # corrected date, deadline follows
    assert sent.due == date(2024, 2, 29)
    with pytest.raises(RequestError, match="can no longer change"):
        loaded.update_request(rid, language="de")
    with pytest.raises(RequestError, match="kept as a record"):
        loaded.discard_request(rid)
    with pytest.raises(RequestError, match="before the request was sent"):
        loaded.mark_answered(rid, date(2024, 1, 30))
    answered = loaded.mark_answered(rid, date(2024, 1, 31), note="case 123-456")
    assert (answered.status, answered.answered, answered.note) == (
        "answered", date(2024, 1, 31), "case 123-456")
    with pytest.raises(RequestError, match="already answered"):
        loaded.mark_sent(rid, date(2024, 1, 31))
    with pytest.raises(RequestError, match="no request 999"):
        loaded.request(999)
    assert [r.status for r in loaded.requests()] == ["answered"]


def test_overdue_when_sent_and_past_due(loaded: Library) -> None:
    _mark(loaded, "amazon", 1)
    _mark(loaded, "google", 1)
    gdpr = loaded.create_requests("eu").requests
    loaded.mark_sent(gdpr[0].id, date(2024, 1, 31))
    loaded.update_request(gdpr[1].id, region="california")
    loaded.mark_sent(gdpr[1].id, date(2024, 1, 31))

    def state(today: date) -> list[tuple[bool, int | None]]:
        loaded.today = lambda: today
        return [(r.overdue, r.days_left) for r in loaded.requests()]

    assert state(date(2024, 2, 29)) == [(False, 0), (False, 16)]
    assert state(date(2024, 3, 1)) == [(True, -1), (False, 15)]
    assert state(date(2024, 3, 17)) == [(True, -17), (True, -1)]
    loaded.mark_answered(gdpr[0].id, date(2024, 3, 17))
    assert state(date(2024, 3, 17)) == [(False, None), (True, -1)]


def test_discarding_a_draft_frees_its_clips(loaded: Library) -> None:
    clips = _mark(loaded, "amazon", 2)
    (request,) = loaded.create_requests().requests
    loaded.discard_request(request.id)
    assert loaded.requests() == []
    (again,) = loaded.create_requests().requests
    assert [i.clip_id for i in again.items] == [c.id for c in clips]


def test_unknown_region_or_language_is_a_request_error(loaded: Library) -> None:
    _mark(loaded, "amazon", 1)
    with pytest.raises(RequestError, match="region"):
        loaded.create_requests(region="mars")
    with pytest.raises(RequestError, match="fr"):
        loaded.create_requests(language="fr")


def test_tombstones_are_listed_like_live_clips(loaded: Library) -> None:
    from tests.request_exports import tombstone

    clips = _mark(loaded, "amazon", 3)
    tombstone(loaded, [clips[0].id])
    (request,) = loaded.create_requests().requests
    assert [i.clip_id for i in request.items] == [c.id for c in clips]
    assert request.items[0].clip_status == "deleted"
    assert clips[0].identifiers["utteranceId"] in loaded.render_request(request.id)


def test_letter_blocks_are_plain_data(loaded: Library) -> None:
    """What the GUI lays out: only Paragraph / BulletList / Table blocks, all strings."""
    _mark(loaded, "google", 2)
    (request,) = loaded.create_requests().requests
    doc = loaded.request_letter(request.id)
    for block in doc.body:
        assert isinstance(block, Paragraph | BulletList | Table)
        if isinstance(block, Table):
            assert all(len(r) == len(block.header) for r in block.rows)
            assert all(isinstance(cell, str) for r in block.rows for cell in r)
