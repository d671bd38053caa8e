"""Deletion requests in the desktop app, driven through the window with real widgets: mark
clips, create the request, read the letter, save it as PDF (text read back from the PDF
file), copy it for a contact form, mark it sent, see it overdue, and import a newer export
that still holds two of the recordings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from reviewer.core.library import Library
from reviewer.core.requests import render_text
from reviewer.ui.i18n import date_text
from reviewer.ui.main_window import MainWindow
from reviewer.ui.pdf import LONG_WORD, SOFT_BREAK, soft_broken
from reviewer.ui.requests_dialog import RequestsDialog, SignerPrompt
from tests.request_exports import alexa_export, ids_by_vendor_id

pypdf = pytest.importorskip("pypdf")

REQUESTED = (1, 2, 3, 5, 7)
STILL_THERE = (3, 5)


def _words(text: str) -> str:
    """PDF text extraction breaks lines and spaces differently from the source: compare
    the words only."""
    return " ".join(re.findall(r"\S+", text))


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return _words(" ".join(page.extract_text() or "" for page in reader.pages))


@pytest.fixture
def window(window_no_whisper: MainWindow) -> MainWindow:
    return window_no_whisper


def test_request_dialog_pdf_text_csv_tracking_and_verify(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, library: Library, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    exports = tmp_path / "exports"
    path_a, expected = alexa_export(exports, "amazon-a", records=10)
    library.import_export([path_a])
    window.refresh_all()
    by_vid = ids_by_vendor_id(library)
    ids = [by_vid[expected[i].vendor_id] for i in REQUESTED]  # type: ignore[index]
    library.decide(ids, "delete_request")

    window.act_requests.trigger()
    dialog: RequestsDialog = window.requests_dialog
    assert dialog.isVisible()
    assert dialog.btn_create.text() == "Create from marked clips (5)"
    # Create: its information box is modal, so it is answered (and read) by a stand-in.
    assert library.requests() == []
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(
        lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok))
    # Who signs is asked first (a first letter signed "[your name]" otherwise): the prompt
    # is modal, so it is answered with typed keys from a timer, as a user would.
    asked: list[bool] = []

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        if not isinstance(prompt, SignerPrompt):
            QTimer.singleShot(50, answer)
            return
        ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
        asked.append(ok.isEnabled())  # not before both are given
        qtbot.keyClicks(prompt.name, "Erika Mustermann")
        qtbot.keyClicks(prompt.email, "erika@example.org")
        asked.append(ok.isEnabled())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(dialog.btn_create, Qt.MouseButton.LeftButton)
    assert asked == [False, True]
    assert shown and "5 recording(s) put into 1 request(s)" in shown[0]
    (info,) = library.requests()
    assert dialog.selected_id() == info.id and dialog.table.rowCount() == 1
    # The five are in a request now: the button counts only what Create would still take.
    assert dialog.btn_create.text() == "Create from marked clips (0)"
    one_more = next(i for i in by_vid.values() if i not in ids)
    library.decide([one_more], "delete_request")
    dialog.refresh(info.id)
    assert dialog.btn_create.text() == "Create from marked clips (1)"
    library.decide([one_more], None)
    dialog.refresh(info.id)
    # The very first letter is signed, and the signer is remembered for the next ones.
    first = render_text(library.request_letter(info.id))
    assert "Erika Mustermann" in first and "erika@example.org" in first
    assert "[your name]" not in first
    settings = library.settings()
    assert (settings.request_name, settings.request_email) == ("Erika Mustermann",
                                                               "erika@example.org")

    # The draft's details are edited in the dialog, land in the letter and are remembered.
    dialog.name.setText("Erika M. Mustermann")
    dialog.name.editingFinished.emit()
    dialog.email.setText("erika@example.org")
    dialog.email.editingFinished.emit()
    preview = _words(dialog.preview.toPlainText())
    assert "Erika M. Mustermann" in preview and "erika@example.org" in preview
    assert library.settings().request_name == "Erika M. Mustermann"
    assert "Article 17" in preview or "Art. 17" in preview
    letter = library.request_letter(info.id)
    (table,) = letter.tables
    assert len(table.rows) == 5

    # PDF: written by Qt, read back as text: title, account, every clip's identifiers.
    pdf = dialog.save_pdf(tmp_path / "letter.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    # The letter says the list is enclosed as CSV: it is written beside the PDF.
    listed = (tmp_path / "letter.csv").read_bytes().decode("utf-8")
    assert listed == library.render_request(info.id, "csv")
    text = pdf_text(pdf)
    assert _words(letter.title) in text
    assert "erika@example.org" in text
    # Table cells wrap inside long identifiers, so compare them with all spacing removed.
    squashed = re.sub(r"\s+", "", text)
    for row in table.rows:
        for cell in row:
            assert re.sub(r"\s+", "", cell) in squashed, (cell, row)
    assert "Where to send" not in text  # guidance is for the user, not the vendor

    # German: switch the language and the letter follows.
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.language.activated.emit(dialog.language.currentIndex())
    assert library.request(info.id).language == "de"
    de_text = pdf_text(dialog.save_pdf(tmp_path / "brief.pdf") or Path())
    assert "DSGVO" in de_text

    # Copy for a contact form: plain text without the note about the attached CSV.
    copied = dialog.copy_text()
    assert copied == render_text(library.request_letter(info.id), attachments=False)
    assert QGuiApplication.clipboard().text() == copied

    # Text and CSV files.
    (tmp_path / "out").mkdir()
    written = dialog.save_files(tmp_path / "out")
    assert sorted(p.suffix for p in written) == [".csv", ".txt"]

    # Sent 40 days ago under GDPR: one month has passed -> overdue, shown in red.
    sent = date.today() - timedelta(days=40)
    dialog.mark_sent(sent)
    info = library.request(info.id)
    assert info.status == "sent" and info.overdue
    status = dialog.table.item(0, 3)
    assert status.text().startswith("Overdue by")
    assert status.foreground().color().name() == "#b00020"
    assert not dialog.btn_sent.isEnabled() and dialog.btn_answered.isEnabled()
    dialog.grab().save(str(tmp_path / "requests.png"))

    # A newer export still holding two of the five: the window says so and a follow-up
    # is drafted listing exactly those two.
    path_b, _ = alexa_export(exports, "amazon-b", records=12,
                             drop=[i for i in REQUESTED if i not in STILL_THERE])
    window.import_paths([path_b])
    qtbot.waitUntil(lambda: "import" not in window.jobs, timeout=60_000)
    box = window.not_deleted_box
    assert box.isVisible() and "2 recording(s)" in box.text()
    assert date_text(sent) in box.text()
    follow_up = next(r for r in library.requests() if r.follow_up_of == info.id)
    assert sorted(i.clip_id for i in follow_up.items) == sorted(
        by_vid[expected[i].vendor_id] for i in STILL_THERE)  # type: ignore[index]
    box.close()
    window.show_requests()
    assert dialog.table.rowCount() == 2


def test_letter_preview_keeps_values_whole_within_the_pane(  # type: ignore[no-untyped-def]
        qtbot, library: Library, tmp_path: Path) -> None:
    """The preview breaks lines only between words: times and identifiers are never cut at
    an arbitrary character (Qt's default made "2018-02-02T14:0" / "0:48Z"), over-long
    identifiers break only after their separators, and the letter never scrolls sideways,
    from the pane on a 1024x640 screen to a wide one (a pane dragged narrower than the
    words of the columns falls back to breaking anywhere, still never sideways). A copy from
    it holds the exact values."""
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=6)
    library.import_export([export])
    library.decide(library.clip_ids()[:5], "delete_request")
    library.create_requests(name="Erika Mustermann", email="erika@example.org")
    dialog = RequestsDialog(library)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)  # the dialog on a 1024x640 screen
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    preview = dialog.preview
    (table,) = library.request_letter(library.requests()[0].id).tables
    record_key = next(c for c in table.rows[0] if "#" in c)
    assert len(record_key) > LONG_WORD  # one the pane cannot hold in a column unbroken

    for width in (360, 515, 800):
        dialog.preview.setFixedWidth(width)
        qtbot.waitUntil(lambda w=width: preview.width() == w
                        and not preview._fit_timer.isActive(), timeout=5000)
        doc = preview.document()
        assert preview.fits(), (width, doc.size().width(), preview.viewport().width())
        assert preview.horizontalScrollBar().maximum() <= 1, width
        assert not preview.horizontalScrollBar().isVisible()
        if width < 400:  # narrower than the columns' words: broken anywhere, not sideways
            continue
        for value in (c for row in table.rows for c in row):
            for piece in soft_broken(value, preview.level).replace(SOFT_BREAK, " ").split():
                cursor = doc.find(piece)
                assert not cursor.isNull(), (width, piece)
                while not cursor.isNull():  # every occurrence on one line
                    block = cursor.block()
                    layout = block.layout()
                    first = layout.lineForTextPosition(cursor.selectionStart() - block.position())
                    last = layout.lineForTextPosition(cursor.selectionEnd() - 1
                                                      - block.position())
                    assert first.lineNumber() == last.lineNumber(), (width, piece)
                    cursor = doc.find(piece, cursor)
        if width == 800:  # room enough: the times stand whole on one line, date and time
            assert preview.level < 2
    preview.selectAll()
    copied = preview.createMimeDataFromSelection().text()
    assert SOFT_BREAK not in copied and record_key in copied
