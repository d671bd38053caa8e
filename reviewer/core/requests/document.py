"""A letter as structured data, and its plain-text rendering.

`reviewer.core` produces the structure; the GUI lays it out (Qt's PDF writer), the CLI and
the "copy for the contact form" button use `render_text`. Every string is final: nothing
here needs translating or formatting by the caller.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "attachment": the sentence about the enclosed CSV, which a contact form without
    # attachments leaves out (`render_text(..., attachments=False)`).
    role: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # For plain text, where a wide table cannot be pasted: one numbered block per row.
    caption: str = ""


Block = Paragraph | BulletList | Table


@dataclass(frozen=True)
class LetterDocument:
    """One letter, top to bottom.

    `sender` and `recipient` are address-block lines (no postal address is ever invented:
    the recipient is named, not addressed). `guidance` is not part of the letter: it tells
    the user where and how to send it, in the letter's language, for the dialog or the CLI.
    """

    language: str
    law: str
    title: str  # the subject line; also a good PDF title and file name stem
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    date_line: str
    salutation: str
    body: tuple[Block, ...]
    closing: str
    signature: tuple[str, ...]
    guidance: tuple[str, ...] = field(default=())

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.body if isinstance(b, Table)]


WIDTH = 78


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    lines: list[str] = []
    for n, para in enumerate(text.split("\n")):
        lines.extend(textwrap.wrap(para, WIDTH, initial_indent=first if (
            first is not None and n == 0) else indent, subsequent_indent=indent,
            break_long_words=False, break_on_hyphens=False) or [""])
    return lines


def _table_text(table: Table) -> list[str]:
    """Rows as numbered blocks: `1. <first cells>` then `label: value` lines.

    The first column is the row number, the next two (time, device) go on the first line;
    identifiers follow one per line, unwrapped, so they can be copied exactly."""
    out: list[str] = []
    for row in table.rows:
        head = " — ".join(cell for cell in row[1:3] if cell)
        out.append(f"{row[0]}. {head}")
        for label, cell in zip(table.header[3:], row[3:], strict=True):
            if cell:
                out.append(f"   {label}: {cell}")
    return out


def render_text(doc: LetterDocument, attachments: bool = True) -> str:
    """Plain text for e-mail or a vendor's contact form (UTF-8, wrapped at 78 columns,
    identifiers never wrapped)."""
    lines: list[str] = [*doc.sender, "", *doc.recipient, "", doc.date_line, "",
                        *_wrap(doc.title), "", doc.salutation, ""]
    for block in doc.body:
        if isinstance(block, Paragraph):
            if block.role == "attachment" and not attachments:
                continue
            lines.extend(_wrap(block.text))
        elif isinstance(block, BulletList):
            for item in block.items:
                lines.extend(_wrap(item, indent="  ", first="- "))
        else:
            if block.caption:
                lines.extend(_wrap(block.caption))
            lines.extend(_table_text(block))
        lines.append("")
    lines.extend([doc.closing, "", *doc.signature])
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["Block", "BulletList", "LetterDocument", "Paragraph", "Table", "render_text"]
