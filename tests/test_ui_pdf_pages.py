"""A deletion-request letter's table never splits a row across a page break (issue 14, item
15): written by Qt's PDF writer, read back page by page."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

import pytest

from reviewer.core.api import LetterDocument, Paragraph, Table
from reviewer.ui.pdf import write_letter_pdf

pypdf = pytest.importorskip("pypdf")


def _letter(rows: int) -> LetterDocument:
    # Rows of different heights (long identifiers and transcripts wrap onto 1-4 lines), as
    # in a real letter, so page ends fall inside rows.
    table = Table(
        header=("#", "Recorded (UTC)", "Device", "Identifier", "What was said"),
        rows=tuple((str(i), f"2024-03-{i % 28 + 1:02d} 10:{i % 60:02d}:00",
                    "Echo Dot", f"row{i:03d}-" + "amzn1.ask.device." + "AB12" * (5 + i % 13),
                    " ".join(["words"] * (i % 17)) + f" end{i:03d}")
                   for i in range(rows)))
    return LetterDocument(
        language="en", law="gdpr", title="Request to erase recordings",
        sender=("Erika Mustermann", "erika@example.org"), recipient=("Amazon",),
        date_line="1 April 2025", salutation="Dear Sir or Madam,",
        body=(Paragraph("Please erase these recordings. " * 12), table,
              Paragraph("Thank you.")),
        closing="Yours faithfully,", signature=("Erika Mustermann",))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_table_row_splits_across_pages(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    letter = _letter(90)
    path = write_letter_pdf(tmp_path / "letter.pdf", letter)
    pages = [_squash(p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]
    assert len(pages) >= 3
    (table,) = letter.tables
    for row in table.rows:
        # Every cell of the row on one page, and the same page: the row is whole there.
        homes = [{i for i, page in enumerate(pages) if _squash(cell) in page}
                 for cell in row[3:]]
        assert all(homes), row[0]
        assert set.intersection(*homes), (row[0], homes)
    # The header repeats on every page the table runs over.
    assert sum("Recorded(UTC)" in page for page in pages) >= len(pages) - 1
    # The cells keep their small font: the pages hold many rows each.
    assert len(pages) <= 12
