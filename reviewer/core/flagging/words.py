"""Wake words, near misses and command openings, matched the way tiny.en mishears them.

The lists below are English's. Every function takes a `lex` (a `Lexicon`, English's by
default): another language's lists come from its data file (see `flagging.languages`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

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
    "increase decrease raise lower volume start cancel read find navigate take make wake "
    "shuffle repeat snooze mute unmute convert spell define translate reorder how's who's where's "
    "when's"
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


# Polite or first-person openings of a request ("can you turn it down", "i want to hear jazz").
REQUEST_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("please",), ("can", "you"), ("could", "you"), ("would", "you"), ("will", "you"),
    ("i", "want", "to"), ("i'd", "like", "to"), ("i", "need"), ("i", "wanna"),
)
# A second clause with its own subject ("call me crazy but i think ..."): talk, not a request.
CLAUSE_JOINS = frozenset("but because cause so and then or".split())
CLAUSE_SUBJECTS = frozenset((
    "i we you he she they it's that's i'm i've i'd we're you're he's she's they're there's"
).split())
# A vendor's transcript (no punctuation, no wake word) still reads as one request up to this.
SAID_REQUEST_MAX_WORDS = 14
# Google titles a transcribed request "Said <what it heard>"; only such titles are speech.
SAID_PREFIXES: tuple[str, ...] = ("said ",)
# Requests that are complete in one word ("Alexa, stop"); other one-word texts are fragments.
ONE_WORD_REQUESTS = frozenset((
    "stop pause resume cancel louder quieter softer next skip previous help continue shuffle "
    "repeat mute unmute snooze"
).split())
# Whole short phrases said to a device on their own.
SHORT_REQUESTS: frozenset[tuple[str, ...]] = frozenset({
    ("good", "morning"), ("good", "night"), ("good", "evening"), ("thank", "you"),
    ("never", "mind"), ("volume", "up"), ("volume", "down"),
})


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
    # How a vendor's transcript (no wake word, no punctuation) reads as a request: see
    # `said_request`. Empty for a language whose file does not say.
    request_prefixes: tuple[tuple[str, ...], ...] = ()
    one_word_requests: frozenset[str] = frozenset()
    short_requests: frozenset[tuple[str, ...]] = frozenset()
    clause_joins: frozenset[str] = frozenset()
    clause_subjects: frozenset[str] = frozenset()


ENGLISH = Lexicon("en", WAKE_WORDS, NEAR_MISSES, COMMAND_OPENINGS, CONVERSATION_OPENINGS,
                  frozenset(EXCLAMATIONS), _FILLER, REQUEST_PREFIXES, ONE_WORD_REQUESTS,
                  SHORT_REQUESTS, CLAUSE_JOINS, CLAUSE_SUBJECTS)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


# Remembered: a library's transcripts use a few thousand words, and every flagging pass compares
# each against the same phrase words again (on 10,000 clips this edit distance was 59 % of a
# re-flag's time, 526,172 calls in six re-flags).
@lru_cache(maxsize=1 << 16)
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
        if len(word) <= 3:
            if tok != word:
                return False
        elif similarity(tok, word) < threshold:
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
    longest_first = sorted(phrases, key=len, reverse=True)
    for i in range(0, min(len(toks), start + within)):
        for phrase in longest_first:
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


# --- the vendor's own words: its transcript, and what the device answered -------------------
# Everything below is data, one entry per phrase, so another language is added by adding its
# phrases (patterns are matched case-insensitively on the vendor's text).

# A device reply that asks something: the next record on the same device is its answer.
DEVICE_QUESTIONS: tuple[str, ...] = (
    r"\?\s*$",  # any reply ending in a question
    r"^to whom\b", r",\s*right\b", r"\bshould i (order|buy|send|call|unlock|open)\b",
    r"\bwhat(?:'s| is| should be) the message\b", r"\bwould you like\b", r"\bdo you want\b",
    r"\bsay (?:yes|no)\b", r"\bwhat(?:'s| is) your (?:voice )?(?:code|pin)\b",
)
# How the reply says the device did (stage "done") or began (stage "asked") something.
# (kind, stage, form, pattern). Kinds: see actions.KIND_TEXT; `form` picks the wording of the
# action; named groups `obj` (whom or what) and `dir` (on/off) fill it in.
_NAME = r"(?P<obj>[^.,!?]+?)"
ACTION_REPLIES: tuple[tuple[str, str, str, str], ...] = (
    ("message", "done", "message", rf"\bsending (?:(?:the|your|a) )?(?:message|text) to {_NAME}"
                                   r"(?:[.,!?]|$)"),
    ("message", "done", "message", r"^(?:ok(?:ay)?,? )?sending\b|\b(?:sending|sent|i'll send) "
                                   r"(?:the |your |a )?(?:message|text)\b|\bmessage sent\b"),
    ("message", "done", "announcement", r"\b(?:announcing|i've announced|announcement sent)\b"),
    ("message", "asked", "message", r"^to whom\b|\bwho (?:do you want|should i) (?:to )?"
                                    r"(?:message|text|send)|\bwhat(?:'s| is| should be) the "
                                    r"message\b"),
    ("call", "done", "drop_in", rf"\bdropping in(?: on {_NAME}(?:[.,!?]|$))?"),
    ("call", "done", "call", rf"^(?:ok(?:ay)?,? )?calling {_NAME}(?:[.,!?]|$)"),
    ("call", "done", "call", r"^(?:ok(?:ay)?,? )?calling\b|\bstarting (?:a |the )?call\b"),
    ("call", "asked", "call", r"\bwho (?:do you want|should i) (?:to )?call\b"),
    ("purchase", "done", "order", rf"\byour order for {_NAME} (?:has been|was|is) placed"),
    ("purchase", "done", "order", rf"\bi've (?:placed|reordered) (?:your order for |an order "
                                  rf"for )?{_NAME}(?:[.,!]|$)"),
    ("purchase", "done", "order", r"\b(?:ordered|order (?:has been|was) placed|purchased)\b"),
    ("purchase", "asked", "order", rf"\bi found {_NAME},? (?:it's|for|at)\b"),
    ("purchase", "asked", "order", r"\b(?:would you like to|should i|do you want (?:me )?to) "
                                   r"(?:buy|order|reorder)\b"),
    ("security", "done", "unlock", rf"\bunlocking (?:the |your )?{_NAME}(?:[.,!?]|$)"),
    ("security", "done", "unlock", rf"\b(?:the |your )?{_NAME} is (?:now )?unlocked\b"),
    ("security", "done", "garage", r"\bopening (?:the |your )?garage"),
    ("security", "done", "disarm", r"\b(?:disarming|disarmed)\b"),
    ("security", "asked", "unlock", r"\bwhat(?:'s| is) your (?:voice )?(?:code|pin)\b"),
    ("smart_home", "done", "switch", rf"^(?:ok(?:ay)?,? )?(?:turning|switching) (?P<dir>on|off)"
                                     rf" (?:the |your )?{_NAME}(?:[.,!?]|$)"),
    ("smart_home", "done", "thermostat", r"\bsetting the (?:thermostat|temperature)\b"),
    ("smart_home", "done", "lock", rf"\blocking (?:the |your )?{_NAME}(?:[.,!?]|$)"),
    ("smart_home", "done", "switch", r"\bdimming\b|\bsetting the lights?\b"),
    ("list", "done", "list", rf"\b(?:i've |i have )?added {_NAME} to (?:your|the) "
                             r"(?P<list>[^.,!?]*list)\b"),
    ("reminder", "done", "reminder", r"\b(?:i'll|i will) remind you\b|\breminder (?:set|for)\b"),
    ("timer", "done", "timer", r"\b(?:timer|alarm) (?:set|for)\b|\bstarting now\b|"
                               r"^sure,? \d+ (?:minutes?|seconds?)"),
    ("media", "done", "media", rf"^(?:ok(?:ay)?,? )?(?:playing|shuffling) {_NAME}"
                               r"(?: from [^.,!?]+)?(?:[.,!?]|$)"),
    ("media", "done", "media", r"^(?:ok(?:ay)?,? )?(?:playing|here's a|shuffling|resuming)\b"),
)
# Replies that name whom or what the device is about to act on ("Dan Miller, right?").
OBJECT_REPLIES: tuple[str, ...] = (
    rf"^{_NAME},? right\b", rf"\bdid you mean {_NAME}(?:[.,!?]|$)",
    rf"^(?:ok(?:ay)?,? )?(?:sending|calling|ordering|unlocking) {_NAME}(?:[.,!?]|$)",
)
# A price named in a reply ("it's $19.99").
PRICE = r"(?P<price>[$€£]\s?\d[\d,]*(?:\.\d\d)?|\d[\d,]*(?:\.\d\d)? (?:dollars|euros|pounds))"
# Alexa domains and intent words that name what the device did, when the reply does not.
ACTION_DOMAINS: dict[str, str] = {
    "communications": "message", "communication": "message", "messaging": "message",
    "calling": "call", "comms": "call", "shopping": "purchase", "purchase": "purchase",
    "smarthome": "smart_home", "smart_home": "smart_home", "homeautomation": "smart_home",
    "notifications": "reminder", "reminders": "reminder", "alarms": "timer",
    "timers": "timer", "music": "media", "list": "list", "todo": "list",
    "shoppinglist": "list",
}
ACTION_INTENTS: tuple[tuple[str, str], ...] = (
    ("unlock", "security"), ("disarm", "security"), ("opengarage", "security"),
    ("dropin", "call"), ("announce", "message"), ("sendmessage", "message"),
    ("confirmsend", "message"), ("selectcontact", "message"), ("message", "message"),
    ("call", "call"), ("purchase", "purchase"), ("buy", "purchase"), ("reorder", "purchase"),
    ("order", "purchase"), ("turnon", "smart_home"), ("turnoff", "smart_home"),
    ("lock", "smart_home"), ("addtolist", "list"), ("remind", "reminder"),
    ("timer", "timer"), ("alarm", "timer"), ("play", "media"),
)


def said_request(toks: list[str], lex: Lexicon = ENGLISH) -> bool:
    """The words of a vendor's transcript (lower case, unpunctuated, usually without the wake
    word) read as one request: a known opening, or a complete one-word request."""
    if not toks:
        return False
    wake = find_phrase(toks, lex.wake_words, 2, lex=lex)
    if wake is not None:
        toks = toks[wake.end:]
        if not toks:
            return False
    if any(a in lex.clause_joins and b in lex.clause_subjects
           for a, b in itertools.pairwise(toks)):
        return False
    for prefix in lex.request_prefixes:
        if tuple(toks[:len(prefix)]) == prefix and len(toks) > len(prefix):
            return len(toks) <= SAID_REQUEST_MAX_WORDS  # the opening itself asks
    if tuple(toks) in lex.short_requests:
        return True
    if len(toks) == 1:
        return toks[0] in lex.one_word_requests
    return (len(toks) <= SAID_REQUEST_MAX_WORDS and toks[0] in lex.command_openings
            and tuple(toks[:2]) not in lex.exclamations)
