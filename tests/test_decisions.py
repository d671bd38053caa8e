"""The two answers about a clip (schema 8): what happens to my copy (accidental = delete it,
keep) and whether to ask the vendor to delete theirs (yes / no, default yes for accidental
vendor clips). Real exports, real SQLite library; a real version-7 library file upgraded.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from reviewer.core.library import Library
from reviewer.core.store.queries import ClipQuery
from reviewer.core.store.schema import SCHEMA_VERSION
from reviewer.core.views import asks_vendor
from reviewer.testing.folder_exports import default_recordings, write_folder
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.request_exports import alexa_export


@pytest.fixture
def loaded(library: Library, tmp_path: Path) -> Library:
    """Alexa (8 records), Google (6 entries) and a folder recording; nothing decided."""
    path, _ = alexa_export(tmp_path / "exports", "amazon-a", records=8)
    library.import_export([path])
    library.import_export(write_takeout(tmp_path / "google", make_entries(6), as_zip=True))
    library.import_export([write_folder(tmp_path / "folder", default_recordings()[:1])])
    library.today = lambda: date(2024, 1, 31)
    return library


def _ids(library: Library, vendor: str) -> list[int]:
    return [c.id for c in library.clips() if c.vendor == vendor]


def _answers(library: Library, ids: list[int]) -> list[tuple[str | None, bool | None, bool]]:
    clips = [library.clip(i) for i in ids]
    return [(c.decision, c.ask_vendor, asks_vendor(c)) for c in clips if c is not None]


def test_the_two_answers_are_independent_and_default_sensibly(loaded: Library) -> None:
    amazon, google, folder = _ids(loaded, "amazon"), _ids(loaded, "google"), \
        _ids(loaded, "folder")
    a = amazon[0]
    loaded.decide([a], "accidental")
    assert _answers(loaded, [a]) == [("accidental", None, True)]  # the default: ask Amazon
    loaded.ask_vendor([a], False)
    assert _answers(loaded, [a]) == [("accidental", False, False)]
    # A and R no longer replace each other: my copy stays "accidental" through R,
    # and the vendor answer stays through A / G.
    loaded.decide([a], "delete_request")
    assert _answers(loaded, [a]) == [("accidental", True, True)]
    loaded.decide([a], "keep")
    assert _answers(loaded, [a]) == [("keep", True, True)]  # kept here, gone at Amazon's
    loaded.decide([a], None)  # undecided: both cleared
    assert _answers(loaded, [a]) == [(None, None, False)]
    # Keep: no request unless asked; a folder clip has nobody to ask.
    loaded.decide([google[0]], "keep")
    assert _answers(loaded, [google[0]]) == [("keep", None, False)]
    loaded.decide(folder, "accidental")
    loaded.ask_vendor(folder, True)
    assert _answers(loaded, folder) == [("accidental", None, False)]
    # The list filters follow the same rule as the letters.
    assert loaded.count_clips(ClipQuery(decision="delete_request")) == 0
    loaded.decide(amazon[:2], "accidental")
    assert set(loaded.clip_ids(ClipQuery(decision="delete_request"))) == set(amazon[:2])
    assert set(loaded.clip_ids(ClipQuery(decision="accidental"))) == {*amazon[:2], *folder}


def test_undo_puts_back_both_answers_one_step_at_a_time(loaded: Library) -> None:
    a, b = _ids(loaded, "amazon")[:2]
    loaded.decide([a, b], "accidental")
    loaded.ask_vendor([a], False)
    loaded.decide([a, b], "keep")
    assert _answers(loaded, [a, b]) == [("keep", False, False), ("keep", None, False)]
    assert loaded.undo().clip_ids == [a, b]
    assert _answers(loaded, [a, b]) == [("accidental", False, False),
                                        ("accidental", None, True)]
    assert loaded.undo().clip_ids == [a]
    assert _answers(loaded, [a]) == [("accidental", None, True)]
    assert loaded.undo().clip_ids == [a, b]
    assert _answers(loaded, [a, b]) == [(None, None, False)] * 2
    assert loaded.undo().kind is None


def test_letter_lists_exactly_the_clips_marked_for_a_request(loaded: Library) -> None:
    amazon, google = _ids(loaded, "amazon"), _ids(loaded, "google")
    loaded.decide(amazon[:3], "accidental")  # yes by default
    loaded.ask_vendor([amazon[2]], False)  # ... but not this one
    loaded.decide(amazon[3:5], "keep")
    loaded.ask_vendor([amazon[4]], True)  # kept here, yet Amazon should delete theirs
    loaded.ask_vendor([google[0]], True)  # asked without deciding my copy
    loaded.decide(google[1:3], "keep")  # kept: not asked
    wanted = {amazon[0], amazon[1], amazon[4], google[0]}

    result = loaded.create_requests(region="eu", language="en", name="Erika",
                                    email="erika@example.org")
    listed = {i.clip_id for r in result.requests for i in r.items}
    assert listed == wanted and result.skipped == []
    by_vendor = {r.vendor: r for r in result.requests}
    text = loaded.render_request(by_vendor["amazon"].id, "text")
    for cid in amazon[:5]:
        clip = loaded.clip(cid)
        assert clip is not None
        key = clip.identifiers.get("utteranceId") or clip.vendor_id or ""
        assert key and (key in text) == (cid in wanted), cid
    csv_rows = loaded.render_request(by_vendor["amazon"].id, "csv").strip().splitlines()
    assert len(csv_rows) == 1 + 3  # header + amazon[0], amazon[1], amazon[4]


def test_delete_with_request_is_undone_together(loaded: Library) -> None:
    ids = _ids(loaded, "google")[:2]
    loaded.decide([ids[0]], "keep")
    report = loaded.delete(ids, permanent=False, ask_vendor=True)
    assert sorted(report.deleted) == ids
    assert [c[1] for c in _answers(loaded, ids)] == [True, True]
    assert loaded.next_undo() == "delete"
    outcome = loaded.undo()
    assert outcome.kind == "delete" and sorted(outcome.clip_ids) == ids
    # Back exactly as before the delete: not left marked "request deletion".
    assert _answers(loaded, ids) == [("keep", None, False), (None, None, False)]
    assert loaded.undo().clip_ids == [ids[0]]  # then the earlier "keep"
    assert loaded.undo().kind is None


def test_calibration_learns_only_from_my_copy_answers(loaded: Library) -> None:
    """R says nothing about how a clip came to be recorded: only A / G are examples."""
    amazon, google = _ids(loaded, "amazon"), _ids(loaded, "google")
    loaded.ask_vendor(google, True)
    from reviewer.core.flagging.calibrate import CalibrationError
    with pytest.raises(CalibrationError, match="0 accidental and 0 kept"):
        loaded.calibrate(save=False)
    loaded.decide(amazon[:2], "accidental")
    loaded.decide(amazon[2:5], "keep")
    with pytest.raises(CalibrationError, match="2 accidental and 3 kept"):
        loaded.calibrate(save=False)


def _make_v7(db_path: Path) -> None:
    """Turn a current library file back into what version 7 wrote: one `decision` column
    holding "accidental" / "keep" / "delete_request", and a one-column undo log."""
    db = sqlite3.connect(db_path)
    for column in ("before_ask", "after_ask", "with_delete"):
        db.execute(f"ALTER TABLE decision_log DROP COLUMN {column}")
    db.execute("ALTER TABLE clips DROP COLUMN ask_vendor")
    db.execute("UPDATE meta SET value='7' WHERE key='schema_version'")
    db.commit()
    db.close()


def test_version_7_library_opens_with_its_decisions_carried_over(library: Library,
                                                                tmp_path: Path) -> None:
    path, _ = alexa_export(tmp_path / "exports", "amazon-a", records=6)
    library.import_export([path])
    ids = sorted(_ids(library, "amazon"))
    db_path, data_dir = library.paths.db_path, library.paths.data_dir
    library.close()
    _make_v7(db_path)
    db = sqlite3.connect(db_path)
    old = {ids[0]: "accidental", ids[1]: "keep", ids[2]: "delete_request"}
    for cid, value in old.items():
        db.execute("UPDATE clips SET decision = ? WHERE id = ?", (value, cid))
    # The v7 undo log: the last batch turned ids[3] from "accidental" into "delete_request".
    db.execute("UPDATE clips SET decision = 'delete_request' WHERE id = ?", (ids[3],))
    db.executemany("INSERT INTO decision_log (batch, clip_id, before, after, undone, at) "
                   "VALUES (?, ?, ?, ?, 0, '2024-01-01 10:00:00.000000')",
                   [(1, ids[3], None, "accidental"), (2, ids[3], "accidental", "delete_request")])
    db.commit()
    db.close()

    upgraded = Library.open(data_dir)
    try:
        assert upgraded.store.migration_backup is not None
        backup = sqlite3.connect(upgraded.store.migration_backup)
        assert "ask_vendor" not in [r[1] for r in backup.execute("PRAGMA table_info(clips)")]
        backup.close()
        with sqlite3.connect(db_path) as c:
            assert c.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() \
                == (str(SCHEMA_VERSION),)
        # Accidental stays accidental, and stays out of letters as it was (R adds it);
        # keep stays keep; "request deletion" stays a request, my copy undecided.
        assert _answers(upgraded, ids[:4]) == [("accidental", False, False),
                                               ("keep", None, False),
                                               (None, True, True), (None, True, True)]
        assert set(upgraded.clip_ids(ClipQuery(decision="delete_request"))) == set(ids[2:4])
        # Ctrl+Z after the upgrade puts back what it would have before it.
        assert upgraded.undo().clip_ids == [ids[3]]
        assert _answers(upgraded, [ids[3]]) == [("accidental", False, False)]
        assert upgraded.undo().clip_ids == [ids[3]]
        assert _answers(upgraded, [ids[3]]) == [(None, None, False)]
        created = upgraded.create_requests(region="eu", language="en", name="E",
                                           email="e@example.org")
        assert {i.clip_id for r in created.requests for i in r.items} == {ids[2]}
    finally:
        upgraded.close()


def test_cli_decide_answers_each_question_and_list_json_shows_both(
        loaded: Library, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from reviewer.cli import main

    a, b, c = _ids(loaded, "amazon")[:3]
    where = ["--data-dir", str(loaded.paths.data_dir)]
    assert main([*where, "decide", str(a), str(b), "--accidental"]) == 0
    assert main([*where, "decide", str(b), "--no-request"]) == 0
    assert main([*where, "decide", str(c), "--keep", "--request-deletion"]) == 0
    assert main([*where, "decide", str(c)]) == 2  # nothing to record: says what to give
    assert main([*where, "decide", str(c), "--clear", "--no-request"]) == 2
    capsys.readouterr()
    assert main([*where, "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert [(rows[i]["decision"], rows[i]["ask_vendor"]) for i in (a, b, c)] == \
        [("accidental", True), ("accidental", False), ("keep", True)]
    assert main([*where, "decide", str(c), "--request-default"]) == 0
    assert _answers(loaded, [c]) == [("keep", None, False)]
