"""German speech with the multilingual base model through the short-context engine: the
language held to the household's, word error against the known text, no loops, and nothing
of one clip in another's transcript (through the real worker and job).

Uses the committed espeak-ng German clips (reviewer/testing/data/speech_de) and the real base
model from the `multilingual` extra (skipped without it).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reviewer.core.audio.decode import decode_audio
from reviewer.core.transcribe import models
from reviewer.core.transcribe.engine import Engine, EngineSettings, _repeats
from reviewer.testing.wer import error_counts

ASSETS = Path(__file__).resolve().parent.parent / "reviewer" / "testing" / "data" / "speech_de"
HAVE_BASE = all(models._package_dir(p) is not None for p in models.BASE_PART_PACKAGES)
needs_base = pytest.mark.skipif(not HAVE_BASE, reason='multilingual extra not installed '
                                                      '(pip install ".[multilingual]")')


def german_clips() -> list[tuple[str, str, str]]:
    with (ASSETS / "speech.tsv").open(encoding="utf-8") as fh:
        return [(r["file"], r["kind"], r["text"]) for r in csv.DictReader(fh, delimiter="\t")]


def german_words(text: str) -> list[str]:
    numbers = {"10": "zehn", "7": "sieben", "8": "acht"}
    return [numbers.get(w, w) for w in re.sub(r"[^\w' ]+", " ", text.lower()).split()]


def _engine_choosing(languages: tuple[str, ...]) -> Engine:
    engine = object.__new__(Engine)  # only the language choice is exercised: no model load
    engine.settings = EngineSettings(languages=languages)
    return engine


def test_detection_is_held_to_the_households_languages() -> None:
    ranked = [("la", 0.41), ("en", 0.13), ("de", 0.03), ("ja", 0.01)]
    # Any language allowed: Whisper's first guess, however unlikely.
    assert _engine_choosing(())._choose_language(ranked) == ("la", 0.41)
    # German first: English only when it is at least ten times as probable.
    assert _engine_choosing(("de", "en"))._choose_language(ranked) == ("de", 0.03)
    assert _engine_choosing(("de", "en"))._choose_language(
        [("en", 0.9), ("de", 0.01)]) == ("en", 0.9)
    assert _engine_choosing(("en", "de"))._choose_language(ranked) == ("en", 0.13)
    assert _engine_choosing(("de", "fr"))._choose_language([("en", 0.99)]) == ("de", 0.0)


@pytest.fixture(scope="module")
def base_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    cache = tmp_path_factory.mktemp("model-cache")
    return Engine.load(cache, "base", EngineSettings(languages=("de", "en"), clips_at_once=1))


@needs_base
@pytest.mark.slow
def test_base_transcribes_german_without_loops(base_engine: Engine) -> None:
    pairs = []
    for name, kind, text in german_clips():
        result = base_engine.transcribe(decode_audio(ASSETS / name))
        assert result.model == "base" and result.language in ("de", "en")
        tokens = german_words(result.text)
        assert not _repeats(tokens, times=3, longest_unit=3), (name, result.text)
        assert len(tokens) <= 2 * len(german_words(text)) + 2, (name, result.text)
        if kind != "wake_only":
            pairs.append((text, result.text))
    errors, total = error_counts(pairs, german_words)
    # espeak-ng's German is robotic: base's word error on these clips measured 0.52-0.56 on one
    # machine and 0.61 (73 of 120) on another (different CPU; ctranslate2 was not pinned then),
    # while tiny.en's is above 1.2 (it writes English for them). The bound tells the two apart
    # without depending on the machine's CPU.
    assert errors / total < 0.75, (errors, total)
    assert sum(t.startswith("Alexa") for _, t in pairs) >= 4


MARKER_LETTERS = 6  # shorter words turn up by mishearing alone


@needs_base
@pytest.mark.slow
def test_base_through_the_worker_puts_no_word_in_another_clip(
        base_engine: Engine, tmp_path: Path) -> None:
    """The German clips, shuffled into a folder export, through the real worker process and
    job with base: no transcript holds a word that only another clip's text has (unless the
    clip decoded alone gave it too, which is a mishearing, not a crossed wire)."""
    import random

    from reviewer.core.library import Library
    from reviewer.testing.audio import wav_bytes

    clips = [c for c in german_clips() if c[1] != "wake_only"]
    order = list(range(len(clips)))
    random.Random(5).shuffle(order)
    export = tmp_path / "export"
    export.mkdir()
    names = {}
    for k, i in enumerate(order):
        name = f"2024-03-0{1 + k // 10}_12-{k % 10:02d}-00.wav"
        (export / name).write_bytes(wav_bytes(decode_audio(ASSETS / clips[i][0])))
        names[name] = i
    owners: dict[str, set[int]] = {}
    for i, (_f, _k, text) in enumerate(clips):
        for w in set(german_words(text)):
            if len(w) >= MARKER_LETTERS:
                owners.setdefault(w, set()).add(i)
    markers = {w: next(iter(o)) for w, o in owners.items() if len(o) == 1}
    alone = [german_words(base_engine.transcribe(decode_audio(ASSETS / f)).text)
             for f, _k, _t in clips]
    with Library.open(tmp_path / "lib") as library:
        library.import_export([export])
        report = library.transcribe("base", settings={"languages": ["de", "en"]})
        assert report.done == len(clips) and not report.errors
        texts = {names[c.source_path.rsplit("/", 1)[-1]]: c.transcript or ""
                 for c in library.clips()}
    crossed = [(clips[i][2], w) for i, text in texts.items() for w in german_words(text)
               if w in markers and markers[w] != i and w not in alone[i]]
    checked = sum(w in markers for text in texts.values() for w in german_words(text))
    # Base gets ~8 of these distinctive words right on espeak-ng German (measured).
    assert checked >= 4 and crossed == [], crossed
