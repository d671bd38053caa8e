"""Which language a library is in, and the proposal to transcribe it with the multilingual
model when it is not English.

The bundled model (tiny.en) understands English only: on German speech it writes English
nonsense, and the flagger then judges nonsense. So when an export looks German, the app says
so once, in plain words, with the time the multilingual model will take. The evidence, each
counted per clip (never one stray word): German vendor labels and titles ("Gesagt: …", "Audio
konnte nicht verstanden werden"), German words in the vendor's transcripts of requests,
German folder and file names in the export ("Meine Aktivitäten"), a `.de` account, transcripts
a multilingual model already made, and optionally Whisper's language detection on a sample
of clips.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from reviewer.core.flagging import languages
from reviewer.core.messages import Msg, joined
from reviewer.core.store import Clip, ClipStatus, ImportRecord, Store, Transcript
from reviewer.core.transcribe.engine import MAX_CLIPS_AT_ONCE

# Everyday function words that tell German from English in a short request or title.
_FUNCTION_WORDS = {
    "de": frozenset("der die das den dem des und ist nicht ich du wir mir mich dich ein eine "
                    "einen im auf mit für von zu zum zur wie was wann wo bitte mach schalte "
                    "spiel spiele stell stelle wird es gibt heute morgen licht aus an".split()),
    "en": frozenset("the a an and is not i you we me my your in on with for of to what how "
                    "when where please turn play set stop will it there today tomorrow light "
                    "off".split()),
}
# Folder and file names an export has in German (Takeout's localised tree, Amazon's German
# downloads).
_GERMAN_PATH = re.compile(r"meine ?aktivit[äa]ten|sprachaufnahme|sprachverlauf|"
                          r"sprachbefehl|aufnahmen|ger[äa]te", re.IGNORECASE)
# An account whose e-mail or marketplace is German.
_GERMAN_ACCOUNT = re.compile(r"(?:@[\w.-]+\.de\b)|(?:amazon\.de\b)", re.IGNORECASE)
MULTILINGUAL_MODEL = "base"
# What the estimate of the time base will take rests on (`bench/german_bench.py --cost`: tiny.en
# and base as the worker runs them, one clip per core at once, on 67 short German clips, two
# runs each). Wall time on this shared machine says little (load 13-17 on 2 cores: tiny.en
# 3.1-3.6 s a clip, base 4.7-5.0 s, against 0.07 s for tiny.en idle), so base is measured
# against tiny.en: base took 582-600 ms of CPU a clip, tiny.en 307-333 ms, a ratio of ~1.9
# (wall time: ~1.5). tiny.en's idle-machine figure through the worker on 2 cores is 70 ms a
# clip end to end (bench/README.md, before batched decoding made it faster). Base on an idle
# 2-core machine: about their product, 0.13 s a clip.
TINY_IDLE_SECONDS_PER_CLIP = 0.07
BASE_VS_TINY = 1.9
MEASURED_CORES = 2
# At least this many clips, and this share of the clips that say anything, must be German.
MIN_CLIPS = 3
MIN_SHARE = 0.3


@dataclass
class LanguageGuess:
    """Per-clip votes for each language, and what each vote came from, in plain words."""

    votes: Counter[str] = field(default_factory=Counter)
    evidence: dict[str, Counter[str]] = field(default_factory=dict)
    clips_with_evidence: int = 0

    def add(self, language: str, what: str, n: int = 1) -> None:
        self.votes[language] += n
        self.evidence.setdefault(language, Counter())[what] += n

    @property
    def language(self) -> str:
        return self.votes.most_common(1)[0][0] if self.votes else "en"

    def says(self, language: str) -> bool:
        n = self.votes[language]
        return n >= MIN_CLIPS and n >= MIN_SHARE * max(1, self.clips_with_evidence) and \
            n >= max(self.votes.values())


@dataclass(frozen=True)
class LanguageProposal:
    language: str  # "de"
    model: str  # the model proposed
    model_available: bool
    clips: int  # clips with audio not yet transcribed by that model
    estimate_s: float
    evidence: tuple[str, ...]
    text: str  # what to tell the user, ready to show


def guess_language(store: Store, detected: Sequence[str] = ()) -> LanguageGuess:
    """Count the evidence in the library (and `detected`: languages Whisper detected on a
    sample of its clips)."""
    guess = LanguageGuess()
    # Languages a multilingual model detected (English-only models store no probability).
    heard = (select(Transcript.clip_id, Transcript.language)
             .where(Transcript.language_prob.is_not(None), Transcript.status == "done")
             .subquery())
    with store.session() as s:
        rows = s.execute(select(Clip.vendor_transcript, Clip.source_path, Clip.account,
                                heard.c.language)
                         .outerjoin(heard, heard.c.clip_id == Clip.id)
                         .where(Clip.status != ClipStatus.DELETED)).all()
        accounts = [a for a in s.scalars(select(ImportRecord.account)) if a]
    for label, path, account, heard_language in rows:
        before = sum(guess.votes.values())
        label_lang = languages.language_of_label(label)
        if label_lang is not None:
            guess.add(label_lang, "labels")
        else:
            words_lang = _function_word_language(label)
            if words_lang is not None:
                guess.add(words_lang, "vendor transcripts")
        if heard_language:
            guess.add(heard_language, "transcripts")
        if path and _GERMAN_PATH.search(path):
            guess.add("de", "folder names")
        if account and _GERMAN_ACCOUNT.search(account):
            guess.add("de", "account")
        if sum(guess.votes.values()) > before:
            guess.clips_with_evidence += 1
    if any(_GERMAN_ACCOUNT.search(a) for a in accounts):
        guess.add("de", "account")
    for lang in detected:
        guess.add(lang, "detected")
        guess.clips_with_evidence += 1
    return guess


def _function_word_language(text: str | None) -> str | None:
    if not text:
        return None
    toks = re.findall(r"[^\W\d_]+", text.lower())
    scores = {lang: sum(t in words for t in toks) for lang, words in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    others = max(v for k, v in scores.items() if k != best)
    return best if scores[best] >= 2 and scores[best] > others else None


def describe(guess: LanguageGuess, language: str) -> tuple[str, ...]:
    """The evidence for `language`, most clips first, as short phrases."""
    counts = guess.evidence.get(language, Counter())
    name = language_name(language)
    phrases = {
        "labels": lambda n: Msg("the vendor's labels and titles are {language} in {n} clips",
                                language=name, n=n),
        "vendor transcripts": lambda n: Msg("the vendor wrote {language} requests for {n} "
                                            "clips", language=name, n=n),
        "transcripts": lambda n: Msg("the multilingual model heard {language} in {n} clips",
                                     language=name, n=n),
        "folder names": lambda n: Msg("the export's folders and files have {language} names",
                                      language=name),
        "account": lambda n: Msg("the account is a {language} one", language=name),
        "detected": lambda n: Msg("Whisper detected {language} in {n} of the sampled clips",
                                  language=name, n=n),
    }
    return tuple(phrases[what](n) for what, n in counts.most_common())


def language_name(code: str) -> str:
    """"German" for "de"; a language without a name here is shown by its code ("fr")."""
    return Msg("German") if code == "de" else code  # English is never proposed


def propose(guess: LanguageGuess, *, current_model: str, pending_clips: int,
            model_available: bool, how_to_get: str) -> LanguageProposal | None:
    """The proposal to switch to the multilingual model, or None when there is nothing to
    propose (English, too little evidence, or the multilingual model already in use)."""
    language = guess.language
    if language == "en" or not guess.says(language) or current_model != "tiny.en":
        return None
    name = language_name(language)
    evidence = describe(guess, language)
    estimate = base_estimate_s(pending_clips)
    parts: list[str] = [Msg(
        "This library looks {language}: {evidence}. The speech model in use (tiny.en) "
        "understands English only and writes nonsense for {language} speech. The multilingual "
        "model (Whisper base) transcribes {language} and tells each clip's language",
        language=name, evidence=joined("; ", evidence))]
    if pending_clips:
        parts.append(Msg("; for the {n} clips here it will take about {duration} on this "
                         "computer if nothing else keeps it busy", n=pending_clips,
                         duration=_duration(estimate)))
    parts.append(".")
    if not model_available:
        parts += [" ", how_to_get]
    return LanguageProposal(language=language, model=MULTILINGUAL_MODEL,
                            model_available=model_available, clips=pending_clips,
                            estimate_s=estimate, evidence=evidence, text=joined("", parts))


def base_estimate_s(clips: int, cores: int | None = None) -> float:
    """Seconds base takes for `clips` short clips on an otherwise idle computer with `cores`
    cores (this one's by default): the 2-core measurement, shared out over the clips the
    worker runs at once (one per core, at most MAX_CLIPS_AT_ONCE). Optimistic beyond 2 cores
    (not measured there), and a long recording costs more than a short request."""
    cores = max(1, cores if cores is not None else os.cpu_count() or 1)
    at_once = min(cores, MAX_CLIPS_AT_ONCE)
    per_clip = TINY_IDLE_SECONDS_PER_CLIP * BASE_VS_TINY * MEASURED_CORES
    return clips * per_clip / at_once


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return Msg("a minute")
    if minutes < 90:
        return Msg("{n} minutes", n=minutes)
    return Msg("{n} hours", n=f"{seconds / 3600:.1f}")


def sample_clip_paths(store: Store, data_dir: Path, n: int) -> list[Path]:
    """Up to `n` clips' audio files, spread over the library's time range."""
    with store.session() as s:
        paths = [p for p in s.scalars(select(Clip.audio_path).where(
            Clip.audio_path.is_not(None), Clip.status == ClipStatus.READY)
            .order_by(Clip.recorded_at)) if p]
    if len(paths) > n:
        step = len(paths) / n
        paths = [paths[int(i * step)] for i in range(n)]
    return [data_dir / p for p in paths]


def detect_sample(clip_paths: Sequence[Path], cache_dir: Path) -> list[str]:
    """Whisper base's language detection on each clip (any language; clips without speech
    or with unreadable audio are left out). Loads the model in this process (~1 s)."""
    from reviewer.core.audio.decode import decode_audio
    from reviewer.core.audio.probe import AudioError
    from reviewer.core.transcribe.engine import Engine, EngineSettings

    engine = Engine.load(cache_dir, MULTILINGUAL_MODEL, EngineSettings(clips_at_once=1))
    found = []
    for path in clip_paths:
        try:
            detected = engine.detect_language(decode_audio(path))
        except (AudioError, OSError):
            continue
        if detected is not None:
            found.append(detected[0])
    return found


__all__ = ["LanguageGuess", "LanguageProposal", "base_estimate_s", "describe", "detect_sample",
           "guess_language", "propose", "sample_clip_paths"]
