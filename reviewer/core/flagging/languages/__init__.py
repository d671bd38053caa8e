"""The flagger's words per language: one data file per language beside this module.

`de.json` (and any `xx.json` added here) holds that language's wake words and the ways they
are misheard, how requests and conversation open, the vendors' labels and titles, the
assistant's replies that show it did something, and the reason texts. The scorecard picks a
clip's lists by the language of its transcript (Whisper's detection), falling back to the
library's main language. English is the built-in default: its lists live in `words.py`,
`signals.py`, `actions.py` and `scorecard.py`, and a language file only needs what differs.

Vendor labels and replies are matched in every language at once: they are the vendor's own
fixed texts, and a German account's labels are German whatever was said.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from reviewer.core.flagging.words import ENGLISH, Lexicon

LABEL_KINDS = ("not_intended", "not_understood", "contentless", "unrecognized_speaker",
               "said_prefixes")


@dataclass(frozen=True)
class Language:
    """One language's data file, parsed."""

    code: str
    name: str
    words: Lexicon
    # Lower-case fragments of the vendor's labels, by kind (see LABEL_KINDS).
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (kind, stage, pattern) on the assistant's reply; stage "done" or "asked".
    replies: tuple[tuple[str, str, re.Pattern[str]], ...] = ()
    reasons: dict[str, str] = field(default_factory=dict)
    action_texts: dict[str, str] = field(default_factory=dict)
    replied: str = "replied"
    vendor_names: dict[str, str] = field(default_factory=dict)
    wake_word_names: dict[str, str] = field(default_factory=dict)


def codes() -> list[str]:
    """The languages that have a data file (English, built in, is not among them)."""
    folder = resources.files(__name__)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def get(code: str | None) -> Language | None:
    """The language `code` ("de", or "de-DE"), or None when it has no data file here."""
    if not code:
        return None
    return _load(code.split("-")[0].split("_")[0].lower())


@cache
def _load(code: str) -> Language | None:
    if code not in codes():
        return None
    data = json.loads(resources.files(__name__).joinpath(f"{code}.json").read_text("utf-8"))
    return _parse(data)


def lexicon(code: str | None) -> Lexicon:
    """The word lists for `code`; English's for English or a language without a file."""
    language = get(code)
    return language.words if language is not None else ENGLISH


def all_languages() -> list[Language]:
    return [lang for lang in (get(c) for c in codes()) if lang is not None]


def labels(kind: str) -> tuple[str, ...]:
    """The label fragments of `kind` in every language with a data file."""
    return tuple(label for lang in all_languages() for label in lang.labels.get(kind, ()))


def language_of_label(text: str | None) -> str | None:
    """The language whose vendor labels or titles `text` carries ("Gesagt: mach …" -> "de")."""
    lower = (text or "").strip().lower()
    if not lower:
        return None
    for lang in all_languages():
        for kind in LABEL_KINDS:
            for fragment in lang.labels.get(kind, ()):
                hit = lower.startswith(fragment) if kind in ("said_prefixes", "contentless") \
                    else fragment in lower
                # "google assistant" is the same title in English: no evidence either way.
                if hit and not (kind == "contentless" and fragment.isascii()):
                    return lang.code
    return None


def _parse(data: dict[str, Any]) -> Language:
    code = str(data["language"])

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(str(w).lower() for w in p) for p in data.get(key, []))

    words = Lexicon(
        language=code, wake_words=phrases("wake_words"), near_misses=phrases("near_misses"),
        command_openings=frozenset(str(w).lower() for w in data.get("command_openings", [])),
        conversation_openings=frozenset(str(w).lower()
                                        for w in data.get("conversation_openings", [])),
        exclamations=frozenset(phrases("exclamations")),
        filler=frozenset(str(w).lower() for w in data.get("filler", [])),
        request_prefixes=phrases("request_prefixes"),
        one_word_requests=frozenset(str(w).lower() for w in data.get("one_word_requests", [])),
        short_requests=frozenset(phrases("short_requests")),
        clause_joins=frozenset(str(w).lower() for w in data.get("clause_joins", [])),
        clause_subjects=frozenset(str(w).lower() for w in data.get("clause_subjects", [])))
    return Language(
        code=code, name=str(data.get("name", code)), words=words,
        labels={k: tuple(str(v).lower() for v in vs)
                for k, vs in data.get("vendor_labels", {}).items()},
        replies=tuple((str(kind), str(stage), re.compile(pattern, re.IGNORECASE))
                      for kind, stage, pattern in data.get("replies", [])),
        reasons={str(k): str(v) for k, v in data.get("reasons", {}).items()},
        action_texts={str(k): str(v) for k, v in data.get("action_texts", {}).items()},
        replied=str(data.get("replied", "replied")),
        vendor_names={str(k): str(v) for k, v in data.get("vendor_names", {}).items()},
        wake_word_names={str(k): str(v) for k, v in data.get("wake_word_names", {}).items()})


__all__ = ["Language", "all_languages", "codes", "get", "labels", "language_of_label",
           "lexicon"]
