"""Per-clip evidence, each piece a named signal the scorecard turns into points and a reason.

Inputs are plain `ClipFacts` (built from the store by `flagging.job`), so every signal can be
tested without a database. Context signals (bursts, unusual hours, wake-word pairs, the user's
usual loudness) look at all clips of the library together.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from reviewer.core import vendors
from reviewer.core.flagging import languages, words
from reviewer.core.flagging.actions import asked_question

LONG_CLIP_S = 6.0
VERY_LONG_CLIP_S = 12.0
PAIR_WINDOW_S = 10.0
BURST_WINDOW = timedelta(minutes=5)
BURST_MIN = 3
# A dialogue: the device asked something and the next record on the same device answered
# within this many seconds of the question's record ending (its start, when no length is
# known; Alexa listens about 8 s after its spoken question, which itself takes a few seconds).
DIALOGUE_GAP_S = 15.0
# Vendor text quoted in a reason is cut to this many characters.
QUOTE_MAX = 70


@dataclass(frozen=True)
class ClipFacts:
    """What the flagger knows about one clip. Transcript fields are None until transcribed."""

    clip_id: int
    vendor: str
    recorded_at: datetime
    device: str | None = None
    account: str | None = None
    duration_s: float | None = None
    vendor_transcript: str | None = None
    vendor_extra: dict[str, Any] = field(default_factory=dict)
    has_audio: bool = True
    transcript: str | None = None
    transcript_status: str | None = None  # done / no_speech / error
    speech_ratio: float | None = None
    no_speech_prob: float | None = None
    avg_logprob: float | None = None
    compression_ratio: float | None = None
    rms_dbfs: float | None = None
    music_likeness: float | None = None
    # The transcript's language ("en" for an English-only model), and whether Whisper
    # detected it (a multilingual model) rather than assumed it.
    language: str | None = None
    language_detected: bool = False
    time_unknown: bool = False
    # Readable audio that no model has transcribed yet (store.queries.awaiting_transcript).
    awaiting_transcript: bool = False

    @property
    def unheard(self) -> bool:
        """Waiting for transcription with no vendor text either: nothing says what was
        said (see flagging.incremental.saved_values)."""
        return self.awaiting_transcript and not (self.vendor_transcript or "").strip()


# Times outside these years cannot be a smart speaker's (and year 1 or 9999 overflow the
# window arithmetic): a library imported before such times were refused still has them.
_PLAUSIBLE_YEARS = range(1971, 9000)


def _timed(f: ClipFacts) -> bool:
    """The clip's time can be compared with others' (bursts, pairs, hours)."""
    return not f.time_unknown and f.recorded_at.year in _PLAUSIBLE_YEARS


@dataclass
class Fired:
    """A signal that fired: its rule code and the values its reason text needs."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def wake_word_name(vendor: str, language: str | None = None) -> str:
    lang = languages.get(language)
    if lang is not None and vendor in lang.wake_word_names:
        return lang.wake_word_names[vendor]
    return vendors.wake_word(vendor)


def vendor_name(vendor: str, language: str | None = None) -> str:
    lang = languages.get(language)
    if lang is not None and vendor in lang.vendor_names:
        return lang.vendor_names[vendor]
    return vendors.subject_name(vendor)


# --- vendor evidence -----------------------------------------------------------------------

# English's labels here; every other language's come from its data file (`languages`).
_NOT_INTENDED = ("not intended", *languages.labels("not_intended"))
_NOT_UNDERSTOOD = ("could not be understood", "no text stored", "audio was not understood",
                   *languages.labels("not_understood"))
_CONTENTLESS_TITLES = {"google assistant", "unknown voice command", "google-assistant",
                       *languages.labels("contentless")}
_UNRECOGNIZED_SPEAKER = ("unrecognized speaker", *languages.labels("unrecognized_speaker"))
_SAID_PREFIXES = (*words.SAID_PREFIXES, *languages.labels("said_prefixes"))


def vendor_signals(f: ClipFacts) -> list[Fired]:
    fired: list[Fired] = []
    label = (f.vendor_transcript or "").strip()
    lower = label.lower()
    extra = f.vendor_extra
    utterance_type = str(extra.get("utteranceType") or extra.get("utterance_type") or "")
    if f.vendor == "amazon":
        if any(s in lower for s in _NOT_INTENDED) or \
                utterance_type == "DISCARDED_NON_DEVICE_DIRECTED_INTENT":
            fired.append(Fired("vendor_not_intended", {"label": label or utterance_type}))
        elif any(s in lower for s in _NOT_UNDERSTOOD):
            fired.append(Fired("vendor_not_understood", {"label": label}))
        if utterance_type == "WAKE_WORD_ONLY":
            fired.append(Fired("vendor_wake_word_only", {}))
    elif f.vendor == "google":
        if lower in _CONTENTLESS_TITLES:
            fired.append(Fired("vendor_contentless", {"label": label}))
        details = [str(d).lower() for d in extra.get("details") or []]
        if any(marker in d for d in details for marker in _UNRECOGNIZED_SPEAKER):
            fired.append(Fired("vendor_unrecognized_speaker", {}))
    return fired


# --- audio and Whisper ---------------------------------------------------------------------

def audio_signals(f: ClipFacts, median_rms: float | None) -> list[Fired]:
    fired: list[Fired] = []
    if f.transcript_status not in ("done", "no_speech"):
        return fired  # not transcribed (or unreadable): no audio evidence either way
    ratio = f.speech_ratio if f.speech_ratio is not None else 0.0
    if f.transcript_status == "no_speech" or ratio < 0.05:
        fired.append(Fired("no_speech", {"pct": round(ratio * 100)}))
    elif ratio < 0.25 and (f.duration_s or 0) > 3:
        fired.append(Fired("little_speech", {"pct": round(ratio * 100)}))
    if f.duration_s is not None:
        if f.duration_s >= VERY_LONG_CLIP_S:
            fired.append(Fired("very_long_clip", {"seconds": round(f.duration_s)}))
        elif f.duration_s >= LONG_CLIP_S:
            fired.append(Fired("long_clip", {"seconds": round(f.duration_s)}))
    if (median_rms is not None and f.rms_dbfs is not None
            and f.rms_dbfs < median_rms - 12):
        fired.append(Fired("quiet", {"db": round(median_rms - f.rms_dbfs)}))
    if (f.music_likeness or 0) >= 0.5:
        fired.append(Fired("music", {"pct": round((f.music_likeness or 0) * 100)}))
    return fired


def transcript_signals(f: ClipFacts, follows_wake_word: bool,
                       lex: words.Lexicon = words.ENGLISH) -> list[Fired]:
    """Evidence from what Whisper heard, with the word lists `lex` of the clip's language.
    `follows_wake_word`: the clip is one half of a wake-word pair (a request right after a
    bare wake word, or that wake word itself), so a missing wake word in its own transcript
    is no evidence of anything."""
    if f.transcript_status != "done" or not f.transcript:
        return []
    fired: list[Fired] = []
    text = f.transcript.strip()
    toks = words.tokens(text)
    wake = words.starts_with_wake_word(text, lex=lex)
    wake_name = wake_word_name(f.vendor, lex.language)
    if wake is not None:
        fired.append(Fired("wake_word", {"word": " ".join(wake.words).title()}))
    elif not follows_wake_word:
        near = words.starts_with_near_miss(text, lex)
        misheard = None if near is not None else words.misheard_wake_word(text, lex)
        if near is not None:
            fired.append(Fired("near_miss", {"words": " ".join(near.words)}))
        if misheard is not None:
            fired.append(Fired("misheard_wake_word", {"words": " ".join(misheard).capitalize(),
                                                      "wake": wake_name}))
        else:
            fired.append(Fired("no_wake_word", {"wake": wake_name}))
    if words.command_form(text, lex):
        fired.append(Fired("command_form", {}))
    elif (len(toks) >= 12 or (wake is None and words.conversation_opening(text, lex))
          or (f.duration_s and len(toks) / max(f.duration_s, 0.1) > 3.2 and len(toks) >= 8)):
        fired.append(Fired("conversational", {"words": len(toks)}))
    if ((f.avg_logprob is not None and f.avg_logprob < -1.0)
            or (f.compression_ratio is not None and f.compression_ratio > 2.4)
            or (f.no_speech_prob is not None and f.no_speech_prob > 0.6)):
        fired.append(Fired("unsure_transcript", {}))
    return fired


def vendor_said(f: ClipFacts) -> str | None:
    """What the vendor wrote down of the speech itself, or None when it kept a label instead
    ("Audio could not be understood", Google's "Google Assistant")."""
    text = " ".join((f.vendor_transcript or "").split())
    lower = text.lower()
    if not text:
        return None
    if f.vendor == "amazon":
        if any(s in lower for s in _NOT_INTENDED + _NOT_UNDERSTOOD):
            return None
        return text
    if f.vendor == "google":
        for prefix in _SAID_PREFIXES:
            if lower.startswith(prefix):
                return text[len(prefix):].strip() or None
    return None


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1].rstrip() + "\u2026"


def said_signals(f: ClipFacts, answering: bool, local: list[Fired],
                 lex: words.Lexicon = words.ENGLISH) -> list[Fired]:
    """Evidence from the vendor's own transcript. Amazon's leave the wake word out and
    Google's usually do, so a missing wake word there says nothing; a present one does.
    Alone (nothing transcribed here), its shape says whether it was a request; beside a local
    transcript it only adds what that one did not show. `answering`: the record answers the
    device's question, so it need not read like a request."""
    said = vendor_said(f)
    fired: list[Fired] = []
    # Nothing heard here to weigh it against (not transcribed, or no audio at all). When
    # Whisper found no speech, that local verdict stands and the vendor's words add nothing.
    alone = f.transcript_status not in ("done", "no_speech")
    if said is None:
        label = (f.vendor_transcript or "").strip().lower()
        no_words = (any(s in label for s in _NOT_UNDERSTOOD) if f.vendor == "amazon"
                    else f.vendor == "google" and label in _CONTENTLESS_TITLES)
        if no_words and alone:
            fired.append(Fired("unchecked_no_words", {}))
        return fired
    toks = words.tokens(said)
    if not toks:
        return fired
    have = {x.code for x in local}
    wake = words.find_phrase(toks, lex.wake_words, 2, lex=lex)
    if wake is not None:
        if alone:
            fired.append(Fired("wake_word", {"word": " ".join(wake.words).title()}))
    elif not answering and "near_miss" not in have:
        near = words.find_phrase(toks, lex.near_misses, 1, threshold=0.85, lex=lex)
        if near is not None:
            fired.append(Fired("near_miss", {"words": " ".join(near.words)}))
    request = words.said_request(toks, lex)
    if alone and not answering:
        if request:
            fired.append(Fired("said_request", {"vendor": vendor_name(f.vendor)}))
        else:
            fired.append(Fired("said_not_a_request", {"text": _quote(said)}))
    elif request and not answering and "unsure_transcript" in have:
        # Whisper could barely make it out here, so its reading (no wake word, say) is weak
        # evidence, and the vendor's clean reading as a request counts too. Seen with base on
        # German "Okay Google, …" requests, written as "Okay, du du. Misch per Test.".
        fired.append(Fired("said_request", {"vendor": vendor_name(f.vendor)}))
    talk = not request and (len(toks) >= 12 or (wake is None and toks[0] in
                                                   lex.conversation_openings))
    if talk and not answering and not have & {"conversational", "command_form"}:
        fired.append(Fired("said_conversational", {"words": len(toks)}))
    return fired


# --- context -------------------------------------------------------------------------------

def _stream_key(f: ClipFacts) -> tuple[str, str]:
    """Clips that came from the same device (or, lacking devices, the same account)."""
    return (f.vendor, f.device or f.account or "")


WAKE_ONLY_MAX_S = 4.0


def _lex(f: ClipFacts) -> words.Lexicon:
    return languages.lexicon(f.language)


def _is_wake_only(f: ClipFacts) -> bool:
    """Only a wake word: Amazon says so, Whisper heard nothing else, or Google kept a short
    recording without any words (what it does when the hotword is followed by a pause)."""
    utterance_type = str(f.vendor_extra.get("utteranceType") or "")
    if utterance_type == "WAKE_WORD_ONLY":
        return True
    if (f.vendor == "google" and (f.vendor_transcript or "").strip().lower() in
            _CONTENTLESS_TITLES and (f.duration_s is None or f.duration_s <= WAKE_ONLY_MAX_S)):
        return True
    return bool(f.transcript) and words.is_wake_word_only(f.transcript or "", _lex(f))


def _is_request(f: ClipFacts) -> bool:
    if f.transcript_status == "done" and f.transcript:
        return (not words.is_wake_word_only(f.transcript, _lex(f))
                and len(words.tokens(f.transcript)) > 0)
    label = (f.vendor_transcript or "").lower()
    return bool(label) and not any(s in label for s in _NOT_INTENDED + _NOT_UNDERSTOOD) \
        and label not in _CONTENTLESS_TITLES


@dataclass
class Context:
    median_rms: float | None
    followed_by_request: dict[int, float]  # wake-only clip -> seconds to the request
    follows_wake_word: dict[int, float]  # request clip -> seconds since the wake word
    burst_size: dict[int, int]
    unusual_hour: set[int]
    # The library's language: what Whisper detected in most clips, else the language of the
    # vendor's labels and titles; English when nothing says otherwise.
    main_language: str = "en"
    # clip -> its dialogue's id (the first turn's clip id); dialogue id -> turns in order
    dialogue_of: dict[int, int] = field(default_factory=dict)
    dialogues: dict[int, list[int]] = field(default_factory=dict)
    # The language the reasons are written in for the person reviewing (the desktop app's
    # interface language); None: the library's own, main_language.
    reason_language: str | None = None

    def answering(self, clip_id: int) -> bool:
        """A later turn of a dialogue: it answers the device, not addresses it."""
        d = self.dialogue_of.get(clip_id)
        return d is not None and d != clip_id


def build_context(facts: list[ClipFacts]) -> Context:
    levels = [f.rms_dbfs for f in facts
              if f.rms_dbfs is not None and f.transcript_status == "done"]
    median_rms = statistics.median(levels) if len(levels) >= 5 else None
    streams: dict[tuple[str, str], list[ClipFacts]] = defaultdict(list)
    timed = [f for f in facts if _timed(f)]
    for f in timed:
        streams[_stream_key(f)].append(f)
    followed: dict[int, float] = {}
    follows: dict[int, float] = {}
    bursts: dict[int, int] = {}
    dialogue_of: dict[int, int] = {}
    dialogues: dict[int, list[int]] = {}
    for clips in streams.values():
        clips.sort(key=lambda c: c.recorded_at)
        _pairs(clips, followed, follows)
        _dialogues(clips, dialogue_of, dialogues)
        # An answer to the device's question is no fresh activation: it makes no burst.
        _bursts([c for c in clips if not _addressed(c, followed, follows)
                 and dialogue_of.get(c.clip_id, c.clip_id) == c.clip_id], bursts)
    return Context(median_rms, followed, follows, bursts, _unusual_hours(timed),
                   main_language(facts), dialogue_of, dialogues)


def _dialogues(clips: list[ClipFacts], dialogue_of: dict[int, int],
               dialogues: dict[int, list[int]]) -> None:
    """Chains of records where the device's reply asked something and the next record on
    the same device, soon after, answered it (clips sorted by time)."""
    for a, b in itertools.pairwise(clips):
        if _is_wake_only(b) or asked_question(a.vendor_extra) is None:
            continue
        end_a = a.recorded_at + timedelta(seconds=a.duration_s or 0)
        if not -1.0 <= (b.recorded_at - end_a).total_seconds() <= DIALOGUE_GAP_S:
            continue
        first = dialogue_of.setdefault(a.clip_id, a.clip_id)
        dialogues.setdefault(first, [a.clip_id]).append(b.clip_id)
        dialogue_of[b.clip_id] = first


def main_language(facts: list[ClipFacts]) -> str:
    """The language most clips are in: Whisper's detection where a multilingual model ran,
    else the language of the vendor's labels ("Gesagt: …", "Audio konnte nicht …")."""
    votes: Counter[str] = Counter()
    for f in facts:
        if f.language_detected and f.language:
            votes[f.language] += 1
        else:
            label_language = languages.language_of_label(f.vendor_transcript)
            if label_language is not None:
                votes[label_language] += 1
    return votes.most_common(1)[0][0] if votes else "en"


def _pairs(clips: list[ClipFacts], followed: dict[int, float],
           follows: dict[int, float]) -> None:
    for a, b in itertools.pairwise(clips):
        end_a = a.recorded_at + timedelta(seconds=a.duration_s or 0)
        gap = (b.recorded_at - end_a).total_seconds()
        if -1.0 <= gap <= PAIR_WINDOW_S and _is_wake_only(a) and _is_request(b):
            followed[a.clip_id] = max(gap, 0.0)
            follows[b.clip_id] = max(gap, 0.0)


def _addressed(f: ClipFacts, followed: dict[int, float], follows: dict[int, float]) -> bool:
    """Clearly spoken to the device: starts with the wake word, or part of a wake-word pair.
    Several requests in a row are a user's session, not a TV; they do not make a burst."""
    if f.clip_id in followed or f.clip_id in follows:
        return True
    return (f.transcript_status == "done" and bool(f.transcript)
            and words.starts_with_wake_word(f.transcript or "", lex=_lex(f)) is not None)


def _bursts(clips: list[ClipFacts], bursts: dict[int, int]) -> None:
    """Activations nobody addressed, bunched within a few minutes (clips sorted by time)."""
    start = 0
    times = [c.recorded_at for c in clips]
    for i, t in enumerate(times):
        while times[start] < t - BURST_WINDOW:
            start += 1
        n = i - start + 1
        if n >= BURST_MIN:
            for c in clips[start:i + 1]:
                bursts[c.clip_id] = max(bursts.get(c.clip_id, 0), n)


def _local_hour(f: ClipFacts) -> int:
    """The hour on this computer's clock (its zone's rules on that date): people keep local
    hours, so a UTC hour would call 7 am "unusual" in Tokyo."""
    return f.recorded_at.astimezone().hour


def _unusual_hours(facts: list[ClipFacts]) -> set[int]:
    """Clips at local hours when the user never talks to it."""
    intended = [f for f in facts
                if f.transcript and words.starts_with_wake_word(f.transcript, lex=_lex(f))]
    if len(intended) < 20:
        return set()
    hours = [0] * 24
    for f in intended:
        hours[_local_hour(f)] += 1
    quiet = {h for h in range(24)
             if hours[h] + hours[(h - 1) % 24] + hours[(h + 1) % 24] == 0}
    return {f.clip_id for f in facts if _local_hour(f) in quiet}


def context_signals(f: ClipFacts, ctx: Context) -> list[Fired]:
    fired: list[Fired] = []
    if f.clip_id in ctx.followed_by_request:
        fired.append(Fired("followed_by_request",
                           {"seconds": round(ctx.followed_by_request[f.clip_id])}))
    if f.clip_id in ctx.follows_wake_word:
        fired.append(Fired("follow_up", {"seconds": round(ctx.follows_wake_word[f.clip_id])}))
    if f.clip_id in ctx.burst_size:
        fired.append(Fired("burst", {"count": ctx.burst_size[f.clip_id]}))
    if f.clip_id in ctx.unusual_hour:
        fired.append(Fired("unusual_hour", {"hour": _local_hour(f)}))
    return fired


def clip_language(f: ClipFacts, ctx: Context) -> str:
    """The language a clip's words are judged (and its reasons written) in."""
    return f.language or ctx.main_language


def all_signals(f: ClipFacts, ctx: Context) -> list[Fired]:
    answering = ctx.answering(f.clip_id)
    in_pair = (f.clip_id in ctx.follows_wake_word or f.clip_id in ctx.followed_by_request
               or answering)
    lex = languages.lexicon(clip_language(f, ctx))
    local = transcript_signals(f, in_pair, lex)
    if answering:  # an answer ("right", "the contractor") need not sound like a command
        local = [x for x in local if x.code != "conversational"]
    return [*vendor_signals(f), *audio_signals(f, ctx.median_rms), *local,
            *said_signals(f, answering, local, lex), *context_signals(f, ctx)]
