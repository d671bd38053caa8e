"""A minimal PDF holding lines of text, written by hand (no PDF library, no Qt).

Enough for importers that read a vendor's PDF list with pypdf: one Helvetica text object per
page, a line per `T*`, Latin-1 text (WinAnsiEncoding), correct cross-reference offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

LINES_PER_PAGE = 50


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(lines: Sequence[str], lines_per_page: int = LINES_PER_PAGE) -> bytes:
    """A PDF whose pages show `lines`, top to bottom, `lines_per_page` to a page."""
    pages = [list(lines[i:i + lines_per_page])
             for i in range(0, max(len(lines), 1), lines_per_page)] or [[]]
    objects: list[bytes] = []  # object n is objects[n - 1]
    font = 3
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, page_lines in enumerate(pages):
        content = b"BT /F1 10 Tf 14 TL 50 800 Td " + b" ".join(
            b"(" + _escape(line) + b") Tj T*" for line in page_lines) + b" ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> "
            f"/Contents {first_page + 2 * i + 1} 0 R >>".encode())
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n"
                       + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


__all__ = ["text_pdf"]
