"""Print a letter to PDF with Qt's own PDF writer (no extra dependency in the installer).

The core produces the letter as structured text (title, paragraphs, a table); here it becomes
a QTextDocument laid out on A4 with margins, then written by QPdfWriter. The text stays real
text in the PDF (selectable, searchable), which is also how the tests read it back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence, Set
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextTable

from reviewer.core.api import (
    BulletList,
    LetterDocument,
    Paragraph,
    Table,
)

# Rounds of layout `write_letter_pdf` spends keeping rows whole: about 150 pages of table.
MAX_PAGE_BREAKS = 150

# The preview's table (`letter_html(soft_breaks=level)`): lines break only between words,
# and only words too long for a column get invisible places to break, as few as fit: level 1
# after the separators of words longer than LONG_WORD characters (a record key, an utterance
# id), level 2 also ISO times after their "T" (date above time), level 3 also every PIECE
# characters between separators, level 4 every PIECE // 2. Other words never break.
SOFT_BREAK = "\u200b"  # zero width space: a place to break that shows nothing
SOFT_LEVELS = 4
LONG_WORD = 24
PIECE = 12
_SEPARATORS = re.compile(r"([#/:_.\-|,;=])")
_ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)?$")


def soft_broken(value: str, level: int = 1) -> str:
    """`value` with SOFT_BREAKs where its over-long words may break (see SOFT_LEVELS)."""
    return " ".join(_soft_word(w, level) for w in value.split(" "))


def _soft_word(word: str, level: int) -> str:
    if _ISO_TIME.match(word):
        return word.replace("T", "T" + SOFT_BREAK, 1) if level >= 2 else word
    if len(word) <= LONG_WORD or level < 1:
        return word
    piece = PIECE // 2 if level >= 4 else PIECE if level >= 3 else len(word)
    parts = _SEPARATORS.sub(lambda m: m[1] + SOFT_BREAK, word).split(SOFT_BREAK)
    return SOFT_BREAK.join(SOFT_BREAK.join(p[i:i + piece] for i in range(0, len(p), piece))
                           for p in parts if p)


def letter_html(doc: LetterDocument, breaks: Mapping[int, Set[int]] | None = None,
                soft_breaks: int = 0) -> str:
    """The letter as simple HTML that QTextDocument lays out well (it knows only a subset).
    `breaks`: per table (by its place among the letter's tables), the rows that start a new
    page (see `write_letter_pdf`). `soft_breaks`: where the table's over-long identifiers may
    break (a level of `soft_broken`), for a preview that wraps only between words."""
    esc = html.escape

    def lines(items: Sequence[str]) -> str:
        return "<br>".join(esc(x) for x in items)

    def text(value: str) -> str:
        return esc(value).replace("\n", "<br>")

    parts = [f"<p>{lines(doc.sender)}</p>", f"<p>{lines(doc.recipient)}</p>",
             f'<p align="right">{esc(doc.date_line)}</p>',
             f"<p><b>{esc(doc.title)}</b></p>", f"<p>{esc(doc.salutation)}</p>"]
    tables = 0
    for block in doc.body:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{text(block.text)}</p>")
        elif isinstance(block, BulletList):
            parts.append("<ul>" + "".join(f"<li>{text(i)}</li>" for i in block.items)
                         + "</ul>")
        else:
            parts.append(_table_html(block, (breaks or {}).get(tables, set()), soft_breaks))
            tables += 1
    parts += [f"<p>{esc(doc.closing)}</p>", f"<p>{lines(doc.signature)}</p>"]
    return "\n".join(parts)


def _table_html(table: Table, breaks: Set[int] = frozenset(), soft: int = 0) -> str:
    """The table; a row in `breaks` starts a new table on a new page, headed again."""
    def esc(value: str) -> str:
        return html.escape(soft_broken(value, soft) if soft else value)

    # <thead>: the header row repeats on every page the table runs over. Identifiers are
    # long and must be copied exactly, so they get a smaller font rather than hyphenation.
    head = "".join(f"<th align=left>{esc(h)}</th>" for h in table.header)
    starts = [0, *sorted(b for b in breaks if 0 < b < len(table.rows))]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(table.rows)
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                       for row in table.rows[start:end])
        page_break = ' style="page-break-before: always"' if i else ""
        # The preview's pane is narrow: a pixel less around each cell leaves the columns
        # 12 pixels more, often what keeps a record key's parts whole.
        padding = 2 if soft else 3
        out.append(f'<table border="1" cellspacing="0" cellpadding="{padding}" width="100%"'
                   f'{page_break}><thead><tr>{head}</tr></thead>{rows}</table>')
    # The font size on a wrapping block: Qt ignores it on a <table> with a page break.
    return '<div style="font-size: 8pt">' + "".join(out) + "</div>"


def write_letter_pdf(path: Path, letter: LetterDocument) -> Path:
    """The letter as an A4 PDF whose table rows never split across a page break (Qt's text
    layout splits a row of wrapped identifiers, half a recording's details on each page):
    laid out, checked, and a row that would straddle a page starts the next page instead,
    until none does."""
    breaks: dict[int, set[int]] = {}
    while True:
        writer, doc = _laid_out(path, letter_html(letter, breaks), letter.title)
        straddling = _first_straddling_row(doc, letter, breaks)
        # One more page break per round (~0.1 s each for a 90-row letter); a letter so long
        # that this would take minutes is printed with whatever rows still straddle.
        if straddling is None or sum(len(b) for b in breaks.values()) >= MAX_PAGE_BREAKS:
            doc.print_(writer)
            del writer  # the file is finished when the writer goes away
            return path
        table, row = straddling
        breaks.setdefault(table, set()).add(row)
        del writer


def _first_straddling_row(doc: QTextDocument, letter: LetterDocument,
                          breaks: Mapping[int, Set[int]]) -> tuple[int, int] | None:
    """(letter table, row) of the first row whose cells start on one page and end on the
    next; rows already starting a page (taller than a page) are left as they are."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    # Qt's tables in document order, matched to the letter's tables and their pieces.
    pieces: list[tuple[int, int]] = []  # (letter table, first row of the piece)
    for index, table in enumerate(letter.tables):
        for start in [0, *sorted(b for b in breaks.get(index, set()) if b < len(table.rows))]:
            pieces.append((index, start))
    frames = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for (index, start), frame in zip(pieces, frames, strict=False):
        for r in range(1, frame.rows()):  # row 0 is the header
            cells = [frame.cellAt(r, c) for c in range(frame.columns())]
            top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top()
                      for c in cells)
            bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom()
                         for c in cells)
            row = start + r - 1
            if int(top // page) != int((bottom - 1) // page) and (r > 1 or start == 0):
                return index, row
    return None


def write_pdf(path: Path, document_html: str, title: str) -> Path:
    """Write `document_html` to `path` as an A4 PDF; returns the path."""
    writer, doc = _laid_out(path, document_html, title)
    doc.print_(writer)
    del writer  # the file is finished when the writer goes away
    return path


def _laid_out(path: Path, document_html: str, title: str) -> tuple[QPdfWriter, QTextDocument]:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Voice History Reviewer")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    # Lay text out with the writer's metrics (300 dpi), not the screen's: otherwise point
    # sizes come out a quarter of their size on paper.
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setHtml(document_html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    return writer, doc
