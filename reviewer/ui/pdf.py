"""Print a letter to PDF with Qt's own PDF writer (no extra dependency in the installer).

The core produces the letter as structured text (title, paragraphs, a table); here it becomes
a QTextDocument laid out on A4 with margins, then written by QPdfWriter. The text stays real
text in the PDF (selectable, searchable), which is also how the tests read it back.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reviewer.core.api import (
    BulletList,
    LetterDocument,
    Paragraph,
    Table,
)


def letter_html(doc: LetterDocument) -> str:
    """The letter as simple HTML that QTextDocument lays out well (it knows only a subset)."""
    esc = html.escape

    def lines(items: Sequence[str]) -> str:
        return "<br>".join(esc(x) for x in items)

    def text(value: str) -> str:
        return esc(value).replace("\n", "<br>")

    parts = [f"<p>{lines(doc.sender)}</p>", f"<p>{lines(doc.recipient)}</p>",
             f'<p align="right">{esc(doc.date_line)}</p>',
             f"<p><b>{esc(doc.title)}</b></p>", f"<p>{esc(doc.salutation)}</p>"]
    for block in doc.body:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{text(block.text)}</p>")
        elif isinstance(block, BulletList):
            parts.append("<ul>" + "".join(f"<li>{text(i)}</li>" for i in block.items)
                         + "</ul>")
        else:
            parts.append(_table_html(block))
    parts += [f"<p>{esc(doc.closing)}</p>", f"<p>{lines(doc.signature)}</p>"]
    return "\n".join(parts)


def _table_html(table: Table) -> str:
    esc = html.escape
    # <thead>: the header row repeats on every page the table runs over. Identifiers are
    # long and must be copied exactly, so they get a smaller font rather than hyphenation.
    head = "".join(f"<th align=left>{esc(h)}</th>" for h in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                   for row in table.rows)
    return ('<table border="1" cellspacing="0" cellpadding="3" width="100%" '
            f'style="font-size: 8pt"><thead><tr>{head}</tr></thead>{rows}</table>')


def write_pdf(path: Path, document_html: str, title: str) -> Path:
    """Write `document_html` to `path` as an A4 PDF; returns the path."""
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
    doc.print_(writer)
    del writer  # the file is finished when the writer goes away
    return path
