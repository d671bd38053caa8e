"""A big library in seconds: rows written straight into the schema the app created.

The import pipeline would take minutes for 100,000 clips (bench/import_bench.py measures it);
the review window's benchmark and the tests of operations on tens of thousands of clips at once
need the rows, not the import.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reviewer.core.library import Library

WORDS = ("turn on the kitchen lights play some jazz what's the weather tomorrow set a timer "
         "call my dad send a message to mom I think the election results come out tonight "
         "did you write a letter to grandma honestly I don't know").split()


def build_library(data_dir: Path, n: int) -> None:
    """A library at `data_dir` with `n` Amazon clips (ids 1..n, no audio files), scores
    spread over 0..100, every 97th acted on, one import holding them all."""
    Library.open(data_dir).close()
    con = sqlite3.connect(data_dir / "library.sqlite3")
    rng = random.Random(1)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    con.execute("INSERT INTO imports (id, label, format, format_forced, sources, fingerprint, "
                "status, started_at, clips_new, clips_existing, report) VALUES "
                "(1, 'bench', 'amazon', 0, '[]', 'x', 'complete', '2024-01-01', 0, 0, '{}')")
    rows = []
    for i in range(1, n + 1):
        when = start + timedelta(seconds=i * 900 + rng.randint(0, 600))
        said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
        score = rng.randint(0, 100)
        rows.append((i, 1, "amazon", f"utt-{i}", "{}", f"amazon|id|utt-{i}",
                     when.strftime("%Y-%m-%d %H:%M:%S.000000"), when.isoformat(), 0,
                     rng.choice(("Kitchen Echo", "Bedroom Dot", "Living Room")),
                     rng.uniform(1, 12), f"Alexa.zip/audio/{i}.wav", f"alexa {said}",
                     "{}", said if i % 7 else "", "ready", score, score >= 50, "[]",
                     "message" if i % 97 == 0 else None, i % 97 == 0 and score >= 50,
                     "2024-01-01 00:00:00"))
    con.executemany(
        "INSERT INTO clips (id, import_id, vendor, vendor_id, identifiers, dedup_key, "
        "recorded_at, recorded_at_text, time_approximate, device, duration_s, source_path, "
        "vendor_transcript, vendor_extra, transcript, status, score, flagged, reasons, action, "
        "acted_on, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.execute("INSERT INTO import_members (import_id, clip_id) SELECT 1, id FROM clips")
    con.commit()
    con.close()
