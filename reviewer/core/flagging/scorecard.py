"""Signals -> a 0-100 score made of points the user can read, one reason per point source."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from reviewer.core.flagging import languages
from reviewer.core.flagging.actions import KIND_TEXT, detect_action
from reviewer.core.flagging.signals import (
    ClipFacts,
    Context,
    Fired,
    all_signals,
    vendor_name,
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
    "unusual_hour": "At an hour you never otherwise use it ({hour}:00 UTC)",
    "wake_word": "Starts with \u201c{word}\u201d",
    "command_form": "Sounds like a command",
    "followed_by_request": "A request followed {seconds} s later: part of a real interaction",
    "follow_up": "Follows a wake word {seconds} s earlier",
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
    extra: dict[str, Any] = field(default_factory=dict)

    def flagged(self, threshold: int) -> bool:
        return self.score >= threshold

    def acted_on(self, threshold: int) -> bool:
        return self.action is not None and self.flagged(threshold)

    def reasons_json(self) -> list[dict[str, Any]]:
        return [asdict(r) for r in self.reasons]


def score_clip(facts: ClipFacts, ctx: Context, weights: Weights) -> Scorecard:
    # Reasons are for the person reviewing, so they are in the library's language when it
    # has a data file with reason texts (a German library: "Beginnt nicht mit „Alexa“"),
    # else English; the words of each clip are judged in the clip's own language.
    language = ctx.main_language
    fired = all_signals(facts, ctx)
    reasons = [_reason(f, facts, weights, language) for f in fired]
    total = sum(r.points for r in reasons)
    card = Scorecard(clip_id=facts.clip_id, score=max(0, min(100, total)),
                     reasons=sorted(reasons, key=lambda r: -abs(r.points)),
                     signals=[f.code for f in fired])
    action = detect_action(facts.vendor_extra)
    if action is not None:
        card.action, card.action_evidence = action
        card.reasons.append(Reason(
            "acted_on", _action_text(facts.vendor, action, language), 0))
    return card


def _reason(f: Fired, facts: ClipFacts, weights: Weights, language: str = "en") -> Reason:
    lang = languages.get(language)
    template = lang.reasons.get(f.code) if lang is not None else None
    params = {"vendor": vendor_name(facts.vendor, language), **f.params}
    return Reason(f.code, (template or REASON_TEXT[f.code]).format(**params),
                  round(weights.rules.get(f.code, 0.0)))


def _action_text(vendor: str, action: tuple[str, str], language: str) -> str:
    kind, evidence = action
    lang = languages.get(language)
    if lang is None or kind not in lang.action_texts:
        return f"{vendor_name(vendor)} {evidence}: {KIND_TEXT[kind]}"
    if evidence.startswith("replied \u201c") and evidence.endswith("\u201d"):
        evidence = f"{lang.replied} \u201e{evidence[len('replied “'):-1]}\u201c"
    return f"{vendor_name(vendor, language)} {evidence}: {lang.action_texts[kind]}"
