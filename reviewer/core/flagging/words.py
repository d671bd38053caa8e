"""Wake words, near misses and command openings, matched the way tiny.en mishears them.

The lists below are English's. Every function takes a `lex` (a `Lexicon`, English's by
default): another language's lists come from its data file (see `flagging.languages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each entry: the words as they must appear in a row, lower-case.
WAKE_WORDS: tuple[tuple[str, ...], ...] = (
    ("alexa",), ("echo",), ("computer",), ("amazon",), ("ziggy",),
    ("hey", "google"), ("ok", "google"), ("okay", "google"), ("k", "google"),
    ("hey", "siri"),
)
# Openings that woke devices in studies of misactivations, or that tiny.en writes for them.
NEAR_MISSES: tuple[tuple[str, ...], ...] = (
    ("election",), ("a", "letter"), ("unacceptable",), ("alexis",), ("alexander",),
    ("okay", "cool"), ("ok", "cool"), ("hey", "cool"), ("ok", "doodle"), ("a", "lexus"),
    ("electric",), ("selected",),
)
# How a request to an assistant usually begins, after the wake word.
COMMAND_OPENINGS = frozenset((
    "turn switch set play stop pause resume skip call text send message remind add put order "
    "buy what what's whats when where who how is are will tell show open close lock unlock dim "
    "increase decrease raise lower volume start cancel read find navigate take make wake"
).split())
# Openings of talk between people (to each other, or on TV), rare in requests to a device.
CONVERSATION_OPENINGS = frozenset((
    "i we you he she they did does do honestly obviously anyway well yeah yes no it's that's "
    "this there's let's i'm i've we're you're don't"
).split())
# Exclamations that open like a question but are not one ("What a mess!").
EXCLAMATIONS = frozenset({("what", "a"), ("what", "an")})
# A misheard wake word: at most this many words, alone in the first sentence.
MISHEARD_MAX_WORDS = 3
# Filler tiny.en writes before the wake word ("So, K google ...").
_FILLER = frozenset({"so", "um", "uh", "and", "oh", "hey", "but", "the"})
# Letters of any alphabet ("weißt", "schließ"), digits, apostrophes.
_WORD = re.compile(r"(?:[^\W_]|')+")
# A sentence ends at . ! ? followed by a space or the end ("10.5" stays one token).
_SENTENCE_END = re.compile(r"[.!?…]+(?:\s+|$)")


@dataclass(frozen=True)
class Lexicon:
    """One language's word lists, as the functions below use them."""

    language: str
    wake_words: tuple[tuple[str, ...], ...]
    near_misses: tuple[tuple[str, ...], ...]
    command_openings: frozenset[str]
    conversation_openings: frozenset[str]
    exclamations: frozenset[tuple[str, ...]]
    filler: frozenset[str]


ENGLISH = Lexicon("en", WAKE_WORDS, NEAR_MISSES, COMMAND_OPENINGS, CONVERSATION_OPENINGS,
                  frozenset(EXCLAMATIONS), _FILLER)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def similarity(a: str, b: str) -> float:
    """1 - normalised edit distance: "alixa" ~ "alexa" = 0.8."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))


@dataclass(frozen=True)
class Match:
    words: tuple[str, ...]
    at: int  # index of the first matched word in the transcript's tokens
    end: int  # index after the last matched word


def _match_at(toks: list[str], i: int, phrase: tuple[str, ...], threshold: float) -> bool:
    if i + len(phrase) > len(toks):
        return False
    for k, word in enumerate(phrase):
        tok = toks[i + k]
        # Short words ("ok", "hey", "k") must match exactly: fuzziness there matches anything.
        need = 1.0 if len(word) <= 3 else threshold
        if similarity(tok, word) < need:
            return False
    return True


def find_phrase(
    toks: list[str], phrases: tuple[tuple[str, ...], ...], within: int, threshold: float = 0.75,
    lex: Lexicon = ENGLISH,
) -> Match | None:
    """The first phrase starting within the first `within` tokens (filler words skipped)."""
    start = 0
    while start < len(toks) and toks[start] in lex.filler and start < within:
        start += 1
    for i in range(0, min(len(toks), start + within)):
        for phrase in sorted(phrases, key=len, reverse=True):
            if _match_at(toks, i, phrase, threshold):
                return Match(phrase, i, i + len(phrase))
    return None


def starts_with_wake_word(text: str, within: int = 3, lex: Lexicon = ENGLISH) -> Match | None:
    return find_phrase(tokens(text), lex.wake_words, within, lex=lex)


def starts_with_near_miss(text: str, lex: Lexicon = ENGLISH) -> Match | None:
    return find_phrase(tokens(text), lex.near_misses, 2, threshold=0.85, lex=lex)


def is_wake_word_only(text: str, lex: Lexicon = ENGLISH) -> bool:
    """ "Alexa." / "Hey Google. Hey Google." — nothing but wake words."""
    toks = tokens(text)
    if not toks:
        return False
    i = 0
    while i < len(toks):
        m = find_phrase(toks[i:], lex.wake_words, 1, lex=lex)
        if m is None or m.at != 0:
            return toks[i] in lex.filler and i == len(toks) - 1 and i > 0
        i += m.end
    return True


def conversation_opening(text: str, lex: Lexicon = ENGLISH) -> bool:
    toks = tokens(text)
    return bool(toks) and toks[0] in lex.conversation_openings


def sentences(text: str) -> list[list[str]]:
    """The tokens of each sentence, as Whisper punctuated them; empty sentences dropped."""
    return [t for t in (tokens(s) for s in _SENTENCE_END.split(text.replace("’", "'"))) if t]


def _request(sentence: list[str], lex: Lexicon = ENGLISH) -> bool:
    return (0 < len(sentence) <= 12 and sentence[0] in lex.command_openings
            and tuple(sentence[:2]) not in lex.exclamations)


def _request_and_end(rest: list[list[str]], lex: Lexicon = ENGLISH) -> bool:
    """One request sentence, then at most a word or two ("please", "thank you")."""
    return bool(rest) and _request(rest[0], lex) and sum(len(s) for s in rest[1:]) <= 2


def misheard_wake_word(text: str, lex: Lexicon = ENGLISH) -> tuple[str, ...] | None:
    """ "I like that. What time is it?": a short first sentence that is no wake word (and no
    known near miss), then a request: how tiny.en often writes a wake word it misheard.
    Returns the opening's words."""
    sents = sentences(text)
    if len(sents) < 2 or not 0 < len(sents[0]) <= MISHEARD_MAX_WORDS:
        return None
    if (find_phrase(sents[0], lex.wake_words, 3, lex=lex)
            or find_phrase(sents[0], lex.near_misses, 2, 0.85, lex=lex)):
        return None
    return tuple(sents[0]) if _request_and_end(sents[1:], lex) else None


def command_form(text: str, lex: Lexicon = ENGLISH) -> bool:
    """A single short sentence (after any wake word, or a misheard one) opening like a
    request to an assistant: "Alexa, turn off the lights". Not a question followed by more
    talk ("Who ate the cake? I was saving it."), not an exclamation ("What a mess")."""
    sents = sentences(text)
    if not sents:
        return False
    wake = find_phrase(sents[0], lex.wake_words, 3, lex=lex)
    if wake is not None:
        rest = [sents[0][wake.end:], *sents[1:]] if sents[0][wake.end:] else sents[1:]
    elif misheard_wake_word(text, lex) is not None:
        rest = sents[1:]
    else:
        rest = sents
    return _request_and_end(rest, lex)
