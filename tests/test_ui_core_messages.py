"""What the core writes (import problems, why nothing was imported, why a job failed, the
archive check's verdicts, flag reasons) reaches a German window in German.

The core never imports Qt: its messages are `Msg`s (English text with their template and
parameters, reviewer/core/messages.py), extracted by `./dev i18n` into the same .ts as the
window's strings and said by `reviewer.ui.i18n.core_text`. Real imports, a real failing job
and real widgets, offscreen; the English-word check of test_ui_german finds leftovers.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget

from reviewer.core.api import ClipQuery, Library, Msg, message_of
from tests.test_ui_german import english_left, english_words


@pytest.fixture
def german(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from reviewer.ui import i18n

    i18n.install("de")
    yield
    i18n.uninstall()


def test_a_msg_is_its_english_text_and_keeps_what_it_was_made_of() -> None:
    inner = Msg("cannot be read ({error})", error=OSError(13, "Permission denied"))
    m = Msg("{where}, entry {n}: {reason}", where="a.json", n=12345, reason=inner)
    assert m == "a.json, entry 12,345: cannot be read ([Errno 13] Permission denied)"
    assert m.template == "{where}, entry {n}: {reason}" and m.params["reason"] is inner
    again = pickle.loads(pickle.dumps(m))  # across the flagging worker's process boundary
    assert isinstance(again, Msg) and again.params["reason"].template == inner.template
    assert message_of(ValueError(m)) is m and message_of(ValueError("plain")) == "plain"


def test_core_text_translates_nested_messages_and_numbers(german: None) -> None:
    from reviewer.ui.i18n import core_text

    m = Msg("{reason}; entry skipped", reason=Msg("no valid time ({time}); entry skipped",
                                                  time="'gestern'"))
    assert core_text(m) == ("keine gültige Zeit ('gestern'); Eintrag übersprungen; "
                            "Eintrag übersprungen")
    assert core_text(Msg("{n} more problems in this file are not listed", n=1234)) == \
        "1.234 weitere Probleme in dieser Datei sind nicht aufgeführt"
    # Text that is no Msg (a file name, an unknown library's error) is shown as it is.
    assert core_text("Küche.mp3") == "Küche.mp3"
    assert core_text(ValueError(Msg("the file is empty"))) == "die Datei ist leer"


def test_core_text_is_the_english_text_in_an_english_window(qapp) -> None:  # type: ignore[no-untyped-def]
    from reviewer.ui import i18n

    i18n.uninstall()
    m = Msg("{n} more problems in this file are not listed", n=1234)
    assert i18n.core_text(m) == str(m) == "1,234 more problems in this file are not listed"


def _damaged_export(root: Path) -> tuple[Path, Path]:
    """A German Takeout folder with one recording replaced by garbage and a broken zip
    inside, and beside it a "download" that is no zip at all."""
    from reviewer.testing.german_exports import write_google

    export, _clips = write_google(root / "google")
    audio = sorted(export.rglob("*.mp3"))
    assert audio
    audio[0].write_bytes(b"\x00garbage, not audio" * 50)
    (export / "Takeout" / "extra.zip").write_bytes(b"PK\x03\x04 cut off")
    broken = root / "takeout-2024-kaputt.zip"
    broken.write_bytes(b"this is not a zip file at all" * 10)
    return export, broken


def test_import_report_of_a_damaged_export_is_german(  # type: ignore[no-untyped-def]
        german: None, qtbot, library: Library, tmp_path: Path) -> None:
    from reviewer.ui.dialogs import ImportReportDialog

    export, broken = _damaged_export(tmp_path)
    batch = library.import_exports([export, broken])
    # The core's own words stay English (the CLI and the log).
    assert batch.failures and "not a readable zip archive" in batch.failures[0].message
    problems = [p for r in batch.exports for p in r.problems if p.severity != "left_out"]
    assert any("not an audio file" in p.reason for p in problems)
    assert any("not a readable zip archive" in p.reason for p in problems)

    dialog = ImportReportDialog(batch)
    qtbot.addWidget(dialog)
    dialog.show()
    summary = dialog.findChild(QLabel, "importSummary").text()
    assert "Aus takeout-2024-kaputt.zip wurde nichts importiert" in summary
    assert "kein lesbares ZIP-Archiv (Datei ist keine ZIP-Datei)" in summary
    assert "es ist vielleicht unvollständig oder beschädigt" in summary
    table = dialog.findChild(QTableWidget)
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(3)]
    assert any("ist keine Tondatei; die Aufnahme wird ohne Ton übernommen" in c
               for c in cells), cells
    assert any(c == "kein lesbares ZIP-Archiv (Datei ist keine ZIP-Datei)" for c in cells)
    leftovers = [c for c in cells if english_words(c)] + english_left(dialog)
    assert leftovers == [], leftovers
    assert not english_words(summary), summary

    # The clip kept without its audio: the pane says why from what the database kept.
    from reviewer.core.api import ClipStatus
    from reviewer.ui.detail import ClipDetail

    [damaged] = [c for c in library.clips(ClipQuery()) if c.status == ClipStatus.AUDIO_ERROR]
    assert damaged.status_detail == "the file is not audio"
    pane = ClipDetail()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_clip(damaged, None, library.audio_path(damaged))
    notices = " ".join(pane.notices)
    assert "Diese Aufnahme konnte nicht gelesen werden: die Datei ist kein Ton" in notices
    pane.stop()


def test_a_failing_job_says_why_in_german(  # type: ignore[no-untyped-def]
        german: None, qtbot, library: Library) -> None:
    """The import job refused by the core (the library's own folder chosen as the export):
    the worker thread hands the window the German message."""
    from reviewer.core.api import USER_ERRORS
    from reviewer.ui.workers import Job

    said: list[str] = []
    job = Job("import", lambda _p, _c: library.import_export([library.paths.data_dir]),
              USER_ERRORS)
    job.failed.connect(lambda message, _details: said.append(message))
    job.start()
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    job.wait(10_000)
    [message] = said
    assert message.startswith(str(library.paths.data_dir))
    assert "liegt im Ordner der Bibliothek" in message and "kein Export" in message
    assert not english_words(message.replace(str(library.paths.data_dir), "")), message


def test_flag_reasons_in_the_clip_pane_and_the_table_are_german(  # type: ignore[no-untyped-def]
        german: None, qtbot, library: Library, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from reviewer.core.api import JobKind
    from reviewer.testing.german_exports import write_alexa
    from reviewer.ui.main_window import MainWindow

    alexa, _ = write_alexa(tmp_path / "alexa")
    library.import_exports([alexa])
    library.reason_language = "de"  # what the app sets from the interface's language
    library.flag()
    for kind in (JobKind.TRANSCRIBE, JobKind.VOICES, JobKind.FLAG):
        library.jobs.hold(kind)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    flagged = library.clips(ClipQuery(flagged=True, order="priority"))
    assert flagged and flagged[0].reasons
    window._select_clip(flagged[0].id)
    qtbot.waitUntil(lambda: window.detail.clip is not None, timeout=10_000)
    pane = " ".join(w.text() for w in window.detail.findChildren(QLabel) if w.isVisible())
    reasons = [r["text"] for r in flagged[0].reasons]
    assert any(r in pane for r in reasons), (reasons, pane)
    assert all(not english_words(r) for r in reasons), reasons
    model = window.model
    tips = [model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount()) for col in range(model.columnCount())]
    tips = [t for t in tips if isinstance(t, str) and t]
    assert any(t.startswith("Markiert: ") for t in tips), tips[:5]  # the flag column's tip
    assert [t for t in tips if english_words(t)] == []
    assert english_left(window) == []


def test_archive_verdict_banner_and_details_are_german(  # type: ignore[no-untyped-def]
        german: None, qtbot, library: Library, tmp_path: Path) -> None:
    """"Is this really your export?": the verdict, its evidence and what to do, in German
    (the account numbers and the CLI commands in backticks stay as they are)."""
    from reviewer.ui.voices_panel import ArchiveBanner
    from tests.test_voices_checks import _alexa_with_two_customers

    library.import_exports([_alexa_with_two_customers(tmp_path)])
    check = library.last_archive_check
    assert check is not None and check.verdicts
    assert check.verdicts[0].title == "Part of this export may be someone else's"  # the CLI's
    banner = ArchiveBanner(library)
    qtbot.addWidget(banner)
    banner.show_check(check)
    assert "Ein Teil dieses Exports gehört vielleicht jemand anderem" in banner.label.text()
    details = banner.details_text()
    assert "A1OTHERCUSTOMER9" in details and "Hören Sie nicht weiter zu" in details
    assert "Formulierung für eine Beschwerde" in details
    assert english_words(banner.label.text()) == [] and english_words(details) == [], details


def test_delete_problems_keep_their_message_through_the_database(german: None) -> None:
    """A delete's problems are stored as JSON in its batch and read back for the report:
    they still translate after the round trip, and older rows (plain text) still read."""
    import json

    from reviewer.core.deletion.plan import DeleteProblem
    from reviewer.ui.i18n import core_text

    problem = DeleteProblem("/exports/takeout.zip", Msg(
        "{reason}; the clip was deleted from the library only",
        reason=Msg("the folder {folder} is read-only", folder=Path("/exports"))), (4, 7))
    stored = json.loads(json.dumps(problem.to_json()))
    assert stored["reason"] == ("the folder /exports is read-only; the clip was deleted from "
                                "the library only")
    back = DeleteProblem.from_json(stored)
    assert back.text == problem.text == (
        "/exports/takeout.zip: the folder /exports is read-only; the clip was deleted from the "
        "library only (2 clips)")
    assert core_text(back.text) == (
        "/exports/takeout.zip: der Ordner /exports ist schreibgeschützt; die Aufnahme wurde "
        "nur aus der Bibliothek gelöscht (2 Aufnahmen)")
    old = DeleteProblem.from_json({"where": "x.zip", "reason": "gone", "clip_ids": [1]})
    assert core_text(old.text) == "x.zip: gone (1 Aufnahme)"
