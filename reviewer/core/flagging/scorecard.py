"""Signals -> a 0-100 score made of points the user can read, one reason per point source."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from reviewer.core.flagging import is_acted_on, is_flagged, languages
from reviewer.core.flagging.actions import Action, combine, detect_action, named_object
from reviewer.core.flagging.signals import (
    ClipFacts,
    Context,
    Fired,
    all_signals,
    vendor_name,
    vendor_said,
)

PRESETS = ("careful", "default", "thorough")

# What each rule says to the user; {placeholders} come from the signal's params.
REASON_TEXT: dict[str, str] = {
    "vendor_not_intended": "{vendor} marked this \u201c{label}\u201d",
    "vendor_not_understood": "{vendor} marked this \u201c{label}\u201d",
    "vendor_wake_word_only": "{vendor} recorded only the wake word",
    "vendor_contentless": "{vendor} kept no words for it (\u201c{label}\u201d)",
    "vendor_unrecognized_speaker": "{vendor} did not recognise the speaker",
    "no_speech": "No speech detected ({pct} % of the clip)",
    "little_speech": "Little speech ({pct} % of the clip)",
    "long_clip": "{seconds} s long \u2014 commands are usually short",
    "very_long_clip": "{seconds} s long \u2014 far longer than a command",
    "quiet": "{db} dB quieter than your usual recordings (far away, or a TV)",
    "music": "Sounds like music ({pct} %)",
    "no_wake_word": "Doesn't start with \u201c{wake}\u201d",
    "near_miss": "Starts with \u201c{words}\u201d, a known false wake word",
    "misheard_wake_word": "Starts with \u201c{words}\u201d, then a request: probably "
                          "\u201c{wake}\u201d misheard",
    "conversational": "Sounds like conversation ({words} words), not a command",
    "unsure_transcript": "Whisper could barely make it out",
    "burst": "One of {count} activations within 5 minutes (a TV or a conversation?)",
    "unusual_hour": "At an hour you never otherwise use it ({hour}:00 local time)",
    "wake_word": "Starts with \u201c{word}\u201d",
    "command_form": "Sounds like a command",
    "followed_by_request": "A request followed {seconds} s later: part of a real interaction",
    "follow_up": "Follows a wake word {seconds} s earlier",
    "said_request": "{vendor}'s transcript reads like a request to the device",
    "said_not_a_request": "{vendor}'s transcript doesn't read like a request: \u201c{text}\u201d",
    "said_conversational": "{vendor}'s transcript sounds like conversation ({words} words)",
    "unchecked_no_words": "{vendor} kept no words for it, and nothing was transcribed here "
                          "to say otherwise",
    "risky_action": "A risky action: {action}",
}


class WeightsError(Exception):
    """The weights file is unusable; the message is meant for the user."""


@dataclass
class Weights:
    rules: dict[str, float]
    presets: dict[str, int]
    threshold: int
    source: str = "built-in"

    def threshold_for(self, preset: str | None = None, threshold: int | None = None) -> int:
        if threshold is not None:
            return max(0, min(100, threshold))
        if preset is None:
            return self.threshold
        if preset not in self.presets:
            raise WeightsError(f"unknown preset {preset!r}; choose one of "
                               f"{', '.join(self.presets)}")
        return self.presets[preset]

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "threshold": self.threshold, "presets": self.presets,
                "rules": self.rules}


def default_weights() -> Weights:
    text = resources.files("reviewer.core.flagging").joinpath("weights.json").read_text()
    return _parse(json.loads(text), "built-in")


def load_weights(user_file: Path | None) -> Weights:
    """The user's calibrated weights if present (and sound), else the built-in ones."""
    base = default_weights()
    if user_file is None or not user_file.exists():
        return base
    try:
        data = json.loads(user_file.read_text(encoding="utf-8"))
        user = _parse(data, str(user_file))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WeightsError(f"{user_file}: not a usable weights file ({exc}); delete it to go "
                           "back to the built-in weights") from exc
    # Rules added in a newer version keep their built-in weight.
    user.rules = {**base.rules, **user.rules}
    return user


def _parse(data: dict[str, Any], source: str) -> Weights:
    rules = {str(k): float(v) for k, v in data["rules"].items()}
    unknown = set(rules) - set(REASON_TEXT)
    if unknown:
        raise ValueError(f"unknown rules {sorted(unknown)}")
    presets = {str(k): int(v) for k, v in data["presets"].items()}
    return Weights(rules, presets, int(data["threshold"]), source)


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    points: int


@dataclass
class Scorecard:
    clip_id: int
    score: int
    reasons: list[Reason]
    signals: list[str]
    action: str | None = None  # kind of action the vendor's data shows
    action_evidence: str | None = None
    action_text: str | None = None  # what it did, in words: "a message was sent to Dan"
    dialogue: int | None = None  # the first turn's clip id, shared by every turn
    extra: dict[str, Any] = field(default_factory=dict)

    def flagged(self, threshold: int) -> bool:
        return is_flagged(self.score, threshold)

    def acted_on(self, threshold: int) -> bool:
        return is_acted_on(self.score, self.action, threshold)

    def reasons_json(self) -> list[dict[str, Any]]:
        return [asdict(r) for r in self.reasons]


def score_clip(facts: ClipFacts, ctx: Context, weights: Weights) -> Scorecard:
    """One clip judged on its own (a turn of a dialogue: see `score_clips`)."""
    return _card(facts, all_signals(facts, ctx), detect_action(facts.vendor_extra), weights,
                 ctx.reason_language or ctx.main_language)


def _card(facts: ClipFacts, fired: list[Fired], action: Action | None,
          weights: Weights, language: str) -> Scorecard:
    # Reasons are for the person reviewing, so they are in the library's language when it
    # has a data file with reason texts (a German library: "Beginnt nicht mit „Alexa“"),
    # else English, unless the reviewer's interface names a language (ctx.reason_language);
    # the words of each clip are judged in the clip's own language.
    if action is not None and action.risky and action.stage == "done":
        fired = [*fired, Fired("risky_action", {"action": action_words(action, language)})]
    reasons = [_reason(f, facts, weights, language) for f in fired]
    total = sum(r.points for r in reasons)
    card = Scorecard(clip_id=facts.clip_id, score=max(0, min(100, total)),
                     reasons=sorted(reasons, key=lambda r: -abs(r.points)),
                     signals=[f.code for f in fired])
    if action is not None:
        card.action, card.action_evidence, card.action_text = (
            action.kind, action.evidence, action_words(action, language))
        card.reasons.append(Reason(
            "acted_on", _action_text(facts.vendor, action, language), 0))
    return card


def score_clips(facts: list[ClipFacts], ctx: Context, weights: Weights) -> list[Scorecard]:
    """Every clip, with each dialogue judged as one unit (see `score_some`)."""
    cards = score_some({f.clip_id: f for f in facts}, ctx, weights, [f.clip_id for f in facts])
    return [cards[f.clip_id] for f in facts]


def score_some(by_id: Mapping[int, ClipFacts], ctx: Context, weights: Weights,
               ids: Iterable[int]) -> dict[int, Scorecard]:
    """The cards of `ids`, judged among all the clips of `by_id` (whose context `ctx` is).

    A dialogue stands or falls with how it began: an opening that looks like overheard talk
    makes every turn accidental (the answers were taken from the same room's talk), and a
    real request keeps every turn intended, however little its answers sound like commands.
    Every turn carries the dialogue's score, the opening's reasons and what the dialogue
    finally did (the contact named on one turn, the sending on the next)."""
    ids = list(ids)
    cards: dict[int, Scorecard] = {}
    heads: dict[int, list[int]] = {}
    for cid in ids:
        first = ctx.dialogue_of.get(cid)
        if first is not None and first in by_id:
            present = [t for t in ctx.dialogues.get(first, ()) if t in by_id]
            if len(present) >= 2 and cid in present:
                heads[first] = present
                continue
        cards[cid] = score_clip(by_id[cid], ctx, weights)
    wanted = set(ids) if heads else set()
    for first, present in heads.items():
        opener = by_id[first]
        extras = [by_id[t].vendor_extra for t in present]
        action = combine([detect_action(e) for e in extras], [named_object(e) for e in extras])
        head = _card(opener, all_signals(opener, ctx), action, weights,
                     ctx.reason_language or ctx.main_language)
        said = vendor_said(opener) or (opener.transcript or "").strip() or "(no words)"
        own = [r for r in head.reasons if r.code != "acted_on"]
        acted = [r for r in head.reasons if r.code == "acted_on"]
        for n, t in enumerate(present, start=1):
            if t not in wanted:
                continue
            note = Reason("dialogue", f"Turn {n} of {len(present)} of one dialogue, judged by "
                                      f"how it began: \u201c{_short(said)}\u201d", 0)
            cards[t] = Scorecard(
                clip_id=t, score=head.score, reasons=[note, *own, *acted],
                signals=list(head.signals), action=head.action,
                action_evidence=head.action_evidence, action_text=head.action_text,
                dialogue=first)
    return cards


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _reason(f: Fired, facts: ClipFacts, weights: Weights, language: str = "en") -> Reason:
    lang = languages.get(language)
    template = lang.reasons.get(f.code) if lang is not None else None
    params = {"vendor": vendor_name(facts.vendor, language), **f.params}
    return Reason(f.code, (template or REASON_TEXT[f.code]).format(**params),
                  round(weights.rules.get(f.code, 0.0)))


def action_words(action: Action, language: str = "en") -> str:
    """What the action did, in the reasons' language: English names whom and what; another
    language says what kind of thing was done, from its data file."""
    lang = languages.get(language)
    if lang is None or action.kind not in lang.action_texts:
        return action.text
    return lang.action_texts[action.kind]


def _action_text(vendor: str, action: Action, language: str) -> str:
    evidence = action.evidence
    lang = languages.get(language)
    if lang is not None and action.kind in lang.action_texts and \
            evidence.startswith("replied \u201c") and evidence.endswith("\u201d"):
        evidence = f"{lang.replied} \u201e{evidence[len('replied “'):-1]}\u201c"
    return f"{vendor_name(vendor, language)} {evidence}: {action_words(action, language)}"
