"""Re-flagging incrementally while transcripts arrive gives exactly what a full pass gives.

A real SQLite library with clips bunched in time on a few devices (wake-word pairs, bursts,
dialogues where the device asked something, unusual hours, quiet clips, German labels); its
transcripts are saved in random batches, as the Whisper worker saves them, and after every
batch `Library.reflag()` (incremental) must leave every clip's saved score, flag, reasons,
action and dialogue as a full pass computes them, and its context equal to `build_context`.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from reviewer.core.flagging.incremental import Flagger, saved_values
from reviewer.core.flagging.job import load_facts, score_all
from reviewer.core.flagging.signals import build_context
from reviewer.core.library import Library
from reviewer.core.store.models import Clip, ClipStatus, ImportRecord, Transcript

SAID = ("turn on the kitchen lights", "what's the weather", "To whom?", "send a message",
        "Audio could not be understood", "Text not available", "honestly I don't know what "
        "she said about the election results and the whole thing", "", "Alexa")
HEARD = ("alexa turn on the kitchen lights", "alexa", "turn off the lights",
         "so I told him we would meet at the station tomorrow after work and then",
         "okay google set a timer for ten minutes", "echo play some jazz", "the contractor",
         "alexa wie spät ist es", "mach das Licht an", "")


def _library_with_clips(library: Library, rng: random.Random, n: int) -> list[int]:
    start = datetime(2023, 3, 1, 6, tzinfo=UTC)
    with library.store.transaction() as s:
        imp = ImportRecord(label="t", format="amazon", format_forced=False, sources=[],
                     fingerprint="f", status="complete", clips_new=n, clips_existing=0,
                     report={})
        s.add(imp)
        s.flush()
        when = start
        for i in range(n):
            # Mostly seconds apart (pairs, dialogues, bursts), sometimes hours (unusual hours).
            when += timedelta(seconds=rng.choice((2, 5, 8, 12, 40, 200, 3600, 5 * 3600)))
            vendor = rng.choice(("amazon", "amazon", "google"))
            said = rng.choice(SAID)
            if vendor == "google":
                said = rng.choice(("Said: " + said, "Gesagt: mach das Licht an",
                                   "Google Assistant", "Unknown voice command"))
            extra: dict[str, Any] = {}
            if rng.random() < 0.3:
                extra["response_text"] = rng.choice(("To whom?", "What's the message?",
                                                     "OK", "Message sent to Dan."))
            if rng.random() < 0.1:
                extra["utteranceType"] = "WAKE_WORD_ONLY"
            s.add(Clip(import_id=imp.id, vendor=vendor, vendor_id=f"v{i}", identifiers={},
                       dedup_key=f"k{i}", recorded_at=when, recorded_at_text=when.isoformat(),
                       time_approximate=False, time_unknown=rng.random() < 0.03,
                       device=rng.choice(("Kitchen", "Bedroom", None)),
                       account="me", duration_s=rng.choice((None, 1.5, 3.0, 7.0, 14.0)),
                       source_path=f"a/{i}.wav", audio_path=f"audio/{i}.wav",
                       vendor_transcript=said, vendor_extra=extra,
                       imported_at=datetime(2024, 1, 1, tzinfo=UTC)))
    with library.store.session() as s:
        return list(s.scalars(select(Clip.id).order_by(Clip.id)))


def _save_transcripts(library: Library, rng: random.Random, clip_ids: list[int]) -> None:
    """As the worker saves results: a transcript row per clip (sometimes a second model's)."""
    with library.store.transaction() as s:
        for cid in clip_ids:
            used = set(s.scalars(select(Transcript.model).where(Transcript.clip_id == cid)))
            free = [m for m in ("tiny.en", "base", "small") if m not in used]
            if not free:
                continue
            status = rng.choice(("done", "done", "done", "no_speech", "error"))
            s.add(Transcript(
                clip_id=cid, model=rng.choice(free), status=status,
                text=rng.choice(HEARD) if status == "done" else "",
                speech_ratio=rng.choice((0.0, 0.1, 0.5, 0.9)),
                no_speech_prob=rng.choice((None, 0.1, 0.7)),
                avg_logprob=rng.choice((None, -0.3, -1.5)),
                compression_ratio=rng.choice((None, 1.2, 2.6)),
                language=rng.choice(("en", "de", None)),
                language_prob=rng.choice((None, 0.9)),
                audio_levels={"rms_dbfs": rng.uniform(-60, -15), "music_likeness":
                              rng.choice((0.0, 0.7))} if status != "error" else {}))


def _saved_rows(library: Library) -> dict[int, tuple[Any, ...]]:
    with library.store.session() as s:
        return {r[0]: tuple(r[1:]) for r in s.execute(
            select(Clip.id, Clip.score, Clip.flagged, Clip.reasons, Clip.action,
                   Clip.action_text, Clip.dialogue, Clip.acted_on)
            .where(Clip.status != ClipStatus.DELETED))}


def _full_pass_rows(library: Library) -> dict[int, tuple[Any, ...]]:
    """What a full pass would save, computed without saving it."""
    threshold = library.threshold()
    facts = load_facts(library.store)
    cards = score_all(facts, library.weights())
    return {c.clip_id: saved_values(c, f, threshold)
            for c, f in zip(cards, facts, strict=True)}


@pytest.mark.parametrize("seed", range(6))
def test_incremental_reflag_equals_a_full_pass(library: Library, seed: int,
                                               local_zone: Any) -> None:
    local_zone("Europe/Berlin")
    rng = random.Random(seed)
    ids = _library_with_clips(library, rng, 260)
    waiting = ids[:]
    rng.shuffle(waiting)
    first = library.reflag()
    assert first.full and first.total == len(ids)
    passes = 0
    while waiting:
        batch, waiting = waiting[:rng.randint(1, 40)], waiting[rng.randint(1, 40):]
        if rng.random() < 0.2:  # a clip transcribed again by another model
            batch.append(rng.choice(ids))
        _save_transcripts(library, rng, batch)
        report = library.reflag()
        assert not report.full
        passes += 1
        flagger = library._flagger
        assert flagger is not None
        facts = load_facts(library.store)
        assert flagger.ctx == build_context(facts)
        expected = _full_pass_rows(library)
        assert _saved_rows(library) == expected
        assert report.flagged == sum(1 for v in expected.values() if v[1])
        assert report.transcribed == sum(f.transcript_status is not None for f in facts)
        assert report.rescored < len(ids) or flagger.ctx.main_language != "en" or passes < 3
    assert passes >= 3


def test_a_pass_judges_only_what_changed(library: Library) -> None:
    """A transcript far from every other clip re-judges that clip alone (and the quiet
    ones when the usual loudness moved): the point of the incremental pass."""
    rng = random.Random(7)
    ids = _library_with_clips(library, rng, 200)
    _save_transcripts(library, rng, ids[:150])
    library.reflag()
    _save_transcripts(library, random.Random(1), [ids[160]])
    report = library.reflag()
    assert not report.full
    assert 1 <= report.rescored < 40


def test_import_or_delete_between_passes_means_a_full_pass(library: Library) -> None:
    rng = random.Random(3)
    ids = _library_with_clips(library, rng, 50)
    library.reflag()
    with library.store.transaction() as s:
        s.get(Clip, ids[5]).status = ClipStatus.DELETED  # type: ignore[union-attr]
    report = library.reflag()
    assert report.full and report.total == 49
    assert _saved_rows(library) == _full_pass_rows(library)


def test_new_weights_or_threshold_start_over(library: Library) -> None:
    rng = random.Random(4)
    _library_with_clips(library, rng, 40)
    library.reflag()
    old = library._flagger
    library.set_threshold(threshold=10)
    report = library.reflag()  # the stored flags were re-applied: no need to judge again
    assert library._flagger is old and not report.full
    assert _saved_rows(library) == _full_pass_rows(library)
    weights = library.weights()
    weights.rules["burst"] = weights.rules.get("burst", 0) + 7
    library.paths.weights_path.write_text(__import__("json").dumps(weights.to_json()))
    assert library.reflag().full
    assert isinstance(library._flagger, Flagger)


def test_passes_in_a_child_process_give_the_same_scores(library: Library) -> None:
    """A big library's passes run in a child process (so they never hold the window's GIL);
    it keeps its state between passes, so they stay incremental."""
    library.flag_process_min_clips = 0  # as if it were big
    rng = random.Random(5)
    ids = _library_with_clips(library, rng, 120)
    assert library.reflag().full
    child = library._flag_process
    assert child is not None and child.alive
    _save_transcripts(library, rng, ids[:30])
    report = library.reflag()
    assert not report.full and 0 < report.rescored < len(ids)
    assert _saved_rows(library) == _full_pass_rows(library)
    library.set_threshold(threshold=15)
    _save_transcripts(library, rng, ids[30:60])
    assert not library.reflag().full
    assert _saved_rows(library) == _full_pass_rows(library)
    assert library.flag().full
    library.close()
    assert not child.alive


def test_a_dead_flagging_process_is_replaced(library: Library) -> None:
    """The child can die (out of memory, killed): the next pass starts a new one instead of
    failing with "stopped unexpectedly" until the app is restarted, and moving the threshold
    meanwhile still saves it."""
    library.flag_process_min_clips = 0
    rng = random.Random(9)
    ids = _library_with_clips(library, rng, 60)
    assert library.reflag().full
    child = library._flag_process
    assert child is not None
    child.process.kill()
    child.process.join(30)
    assert library.set_threshold(threshold=20) == 20
    _save_transcripts(library, rng, ids[:20])
    assert library.reflag().full  # a new child knows nothing yet: it judges everything
    assert library._flag_process is not None and library._flag_process.alive
    assert library._flag_process is not child
    assert _saved_rows(library) == _full_pass_rows(library)
    library.close()
