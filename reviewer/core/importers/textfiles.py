"""Text files from exports in whatever encoding the vendor (or the user's editor) chose."""

from __future__ import annotations

import codecs

from reviewer.core.messages import Msg


class TextDecodeError(Exception):
    """The bytes are not text in any encoding we can tell apart; message is for the user."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes) -> str:
    """Decode by BOM, else UTF-8, else UTF-16 without BOM (NUL-heavy), else Windows-1252.

    Windows-1252 decodes almost anything, so it is only tried for data without NUL bytes and
    with few control characters: binary data is reported instead of turned into garbage.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(enc)
            except UnicodeDecodeError as exc:
                # A download cut mid-character loses the last character, not the whole file.
                if exc.start >= len(body) - 4:
                    return body[:exc.start].decode(enc)
                raise TextDecodeError(Msg("invalid {encoding} text at byte {n}", encoding=enc,
                                          n=exc.start)) from exc
    # UTF-16 without a BOM is also valid UTF-8 (ASCII plus NULs), so it is tried first
    # when every other byte is NUL.
    if data[:200].count(b"\x00") > min(20, len(data[:200]) // 4):
        # ASCII in UTF-16: the NUL is the second byte of each pair (LE) or the first (BE).
        head = data[:200]
        big_endian = head[0::2].count(0) > head[1::2].count(0)
        for enc in (("utf-16-be", "utf-16-le") if big_endian else ("utf-16-le", "utf-16-be")):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _mostly_printable(text):
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in data:
        text = data.decode("cp1252", errors="replace")
        if _mostly_printable(text):
            return text
    raise TextDecodeError(Msg("not a text file in a known encoding (UTF-8, UTF-16, "
                              "Windows-1252)"))


def _mostly_printable(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return bad / len(sample) < 0.01
