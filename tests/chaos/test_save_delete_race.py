"""Issue 11 item 2: a transcript saved while the same clip is being deleted never survives.

The worker's save checked the clip's status, then wrote; a delete landing in between left the
tombstone with its transcript row and `clips.transcript` (2 of 6 GUI trials). Here the real
save (`save_result`, what the job does with each worker message) and the real delete race on
one clip at a time, from two threads, many times, with the save started at a random moment
across the delete's whole run so every interleaving gets its turn.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from sqlalchemy import select

from reviewer.core.library import Library
from reviewer.core.store import Clip, ClipStatus, Transcript
from reviewer.core.transcribe.job import TranscribeReport, save_result
from reviewer.testing.google_exports import make_entries, write_takeout

TRIALS = 120
SAID = "Hey Google, send a message to mom saying I'm running late."


def _message(clip_id: int) -> dict[str, object]:
    """A worker's result message for the clip, as the worker sends it."""
    return {"type": "result", "clip_id": clip_id, "elapsed_s": 0.05,
            "levels": {"rms_dbfs": -30.0, "peak_dbfs": -6.0},
            "transcript": {
                "text": SAID, "segments": [{"start": 0.1, "end": 2.9, "text": SAID}],
                "words": [{"start": 0.1, "end": 0.4, "word": "Hey", "probability": 0.9}],
                "avg_logprob": -0.3, "no_speech_prob": 0.01, "compression_ratio": 1.2,
                "speech_ratio": 0.8, "language": "en", "language_probability": 1.0,
                "duration": 3.0, "no_speech": False, "model": "tiny.en", "settings": {}}}


def test_save_and_delete_race(library: Library, tmp_path: Path) -> None:
    export = write_takeout(tmp_path / "export", make_entries(TRIALS + 20, seed=11))
    library.import_export(export)
    ids = library.clip_ids()[:TRIALS]
    assert len(ids) == TRIALS
    rng = random.Random(2)
    # How long one delete takes here: the save starts anywhere from before it to after it.
    started = time.perf_counter()
    library.delete([ids.pop()], permanent=True)
    spread_s = (time.perf_counter() - started) * 1.5
    outcomes = {"saved first": 0, "deleted first": 0}
    for cid in ids:
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        delay = rng.uniform(0.0, spread_s)
        saved: list[object] = []

        def save(cid: int = cid, barrier: threading.Barrier = barrier,
                 delay: float = delay, saved: list[object] = saved,
                 errors: list[BaseException] = errors) -> None:
            try:
                barrier.wait(30)
                time.sleep(delay)
                saved.append(save_result(library.store, "tiny.en", _message(cid),
                                         TranscribeReport(model="tiny.en")))
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=save)
        thread.start()
        barrier.wait(30)
        report = library.delete([cid], permanent=True)
        thread.join(60)
        assert not thread.is_alive() and errors == []
        assert report.deleted == [cid]
        outcomes["saved first" if saved[0] is not None else "deleted first"] += 1
        with library.store.session() as s:
            clip = s.get(Clip, cid)
            assert clip is not None and clip.status == ClipStatus.DELETED
            assert clip.transcript is None, f"trial {cid}: the tombstone kept its words"
            rows = s.scalars(select(Transcript.text).where(Transcript.clip_id == cid)).all()
            assert rows == [], f"trial {cid}: the tombstone kept its transcript row"
    # Both orders happened: the race really was run, not one side always winning.
    print(f"save vs delete race: {len(ids)} trials, {outcomes}")
    assert min(outcomes.values()) > 0, outcomes
