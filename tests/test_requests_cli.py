"""`reviewer request ...` and `reviewer verify`, run as real subprocesses on a real library."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path

from reviewer.core.importers.timestamps import utc_iso
from tests.request_exports import alexa_export
from tests.test_cli import _env, assert_no_traceback, cli

REQUESTED = (1, 2, 3, 5, 7)
STILL_THERE = (3, 5)


def test_request_and_verify_from_the_command_line(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "library"
    path_a, expected = alexa_export(tmp_path / "exports", "amazon-a", records=10)
    gone = [i for i in REQUESTED if i not in STILL_THERE]
    path_b, _ = alexa_export(tmp_path / "exports", "amazon-b", records=12, drop=gone)

    def run(*args: str, code: int = 0) -> str:
        r = cli(data, *args, env=env)
        assert r.code == code, (args, r.out, r.err)
        assert_no_traceback(r)
        return r.out if code == 0 else r.err

    run("import", str(path_a))
    by_vid = {c["vendor_id"]: c["id"] for c in json.loads(run("list", "--json"))}
    ids = [by_vid[expected[i].vendor_id] for i in REQUESTED]
    still = {by_vid[expected[i].vendor_id] for i in STILL_THERE}
    run("decide", *map(str, ids), "--request-deletion")

    out = run("request", "create", "--language", "de", "--name", "Erika Mustermann",
              "--email", "erika@example.org")
    assert out.startswith("Request 1 to Amazon (account A3EXAMPLECUST0M), GDPR, de: "
                          "5 recording(s)")
    written = [Path(p) for p in re.findall(r"wrote (.+)", out)]
    folder = data / "requests"
    assert [p.name for p in written] == ["request-1-amazon-gdpr-de.txt",
                                         "request-1-amazon-gdpr-de.csv"]
    assert all(p.parent == folder and stat.S_IMODE(p.stat().st_mode) == 0o600
               for p in written)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "Wohin damit" in out and "reviewer request mark-sent 1" in out
    letter = written[0].read_text(encoding="utf-8")
    assert "Antrag auf Löschung von Sprachaufnahmen (Art. 17 DSGVO)" in letter
    for i in REQUESTED:
        assert utc_iso(expected[i].recorded_at) in letter
        assert str(expected[i].vendor_id) in letter
    rows = list(csv.DictReader(io.StringIO(written[1].read_text(encoding="utf-8"),
                                           newline="")))
    assert len(rows) == 5

    # Nothing new to request: said so on stderr, exit 0.
    again = cli(data, "request", "create", env=env)
    assert again.code == 0 and again.out == "" and "No clips are waiting" in again.err

    listing = run("request", "list")
    assert re.search(r"^\s+1\s+drafted\s+amazon\s+GDPR\s+5\s", listing, re.M)
    sent = run("request", "mark-sent", "1")
    assert "marked sent on" in sent and "due by" in sent

    out = run("verify", str(path_b))
    not_deleted = {int(m) for m in re.findall(r"NOT DELETED: clip (\d+)", out)}
    assert not_deleted == still
    assert "2 of 5 recording(s) still in the export, 3 gone" in out
    assert "Follow-up letter drafted: request 2" in out

    show = run("request", "show", "2")
    assert show.startswith("Follow-up 2 of request 1 to Amazon")
    assert show.count("not checked yet") == 2
    assert "Erneuter Antrag auf Löschung" in show
    first = run("request", "show", "1")
    assert first.count("FOUND AGAIN") == 2 and first.count("gone from the newer export") == 3
    csv_out = run("request", "show", "1", "--csv")
    assert [r["no"] for r in csv.DictReader(io.StringIO(csv_out))] == ["1", "2", "3", "4", "5"]

    run("request", "mark-sent", "2", "--date", "2020-01-01")
    listing = run("request", "list")
    line2 = next(ln for ln in listing.splitlines() if re.match(r"\s+2\s", ln))
    assert "OVERDUE" in line2 and "2020-02-01" in line2 and "follow-up of #1" in line2
    line1 = next(ln for ln in listing.splitlines() if re.match(r"\s+1\s", ln))
    assert "OVERDUE" not in line1 and "2 found again" in line1

    # Mistakes: one line, exit 1 (argparse: 2), no traceback.
    assert "there is no request 99" in run("request", "mark-sent", "99", code=1)
    assert "is not a date" in run("request", "mark-sent", "1", "--date", "2024-13-01", code=1)
    assert "before the request was sent" in run("request", "mark-answered", "2", "--date",
                                                "2019-12-31", code=1)
    assert "has been sent" in run("request", "discard", "1", code=1)
    run("request", "frobnicate", code=2)
    answered = run("request", "mark-answered", "1")
    assert "marked answered" in answered
