"""Did the device DO something, and what? Read from the vendor's replies, domain and intent.

An accidental clip that sent a message, placed a call, bought something or unlocked a door
matters far more than one that was merely recorded, so such clips are sorted first, and the
user is told what happened in words ("a message was sent to Dan Miller"), not as an intent
name. A dialogue (the device asked, the next record answered) is one action: `combine` folds
the turns' findings into what the dialogue finally did. The phrases are data in `words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.core.flagging import languages, words

# Kinds, most serious first. Risky ones reach outside the home or open it.
KIND_TEXT = {
    "message": "a message was sent", "call": "a call was placed",
    "purchase": "a purchase was made", "security": "a lock, garage door or alarm was changed",
    "smart_home": "something in the home was switched", "list": "a list was changed",
    "reminder": "a reminder was set", "timer": "a timer or alarm was set",
    "media": "music or media was played",
}
KIND_RANK = {k: i for i, k in enumerate(KIND_TEXT)}
RISKY_KINDS = frozenset({"message", "call", "purchase", "security"})

_DEFAULT_FORM = {"message": "message", "call": "call", "purchase": "order",
                 "security": "unlock", "smart_home": "switch", "list": "list",
                 "reminder": "reminder", "timer": "timer", "media": "media"}
_FLAGS = re.IGNORECASE
# English's replies, then every other language's from its data file ("An wen?").
_REPLIES = tuple((kind, stage, form, re.compile(p, _FLAGS))
                 for kind, stage, form, p in words.ACTION_REPLIES) + tuple(
    (kind, stage, _DEFAULT_FORM.get(kind, kind), pattern)
    for lang in languages.all_languages() for kind, stage, pattern in lang.replies)
_QUESTIONS = tuple(re.compile(p, _FLAGS) for p in words.DEVICE_QUESTIONS) + tuple(
    pattern for lang in languages.all_languages() for _kind, stage, pattern in lang.replies
    if stage == "asked")
_OBJECTS = tuple(re.compile(p, _FLAGS) for p in words.OBJECT_REPLIES)
_PRICE = re.compile(words.PRICE, _FLAGS)
_ARTICLE = re.compile(r"^(?:the|your|a|an|some)\s+", _FLAGS)


@dataclass(frozen=True)
class Action:
    """What one record (or a whole dialogue) shows the device did, or began to do."""

    kind: str  # a KIND_TEXT key
    stage: str  # "done", or "asked": the device asked before acting ("To whom?")
    form: str  # which wording (message, announcement, drop_in, order, unlock, ...)
    evidence: str  # where it shows: replied "…", domain …, intent …
    obj: str | None = None  # whom or what, as the reply named it
    price: str | None = None
    direction: str | None = None  # on / off
    list_name: str | None = None
    question: str | None = None  # the reply that asked, for "asked"

    @property
    def risky(self) -> bool:
        return self.kind in RISKY_KINDS

    @property
    def text(self) -> str:
        return describe(self)


def vendor_replies(extra: dict[str, Any]) -> list[str]:
    replies = [str(r) for r in extra.get("replies") or [] if r]
    for key in ("response_text", "alexa_response"):
        if extra.get(key):
            replies.append(str(extra[key]))
    if not replies:
        for item in extra.get("items") or []:
            if isinstance(item, dict) and item.get("recordItemType") == "ALEXA_RESPONSE":
                text = item.get("transcriptText")
                if text:
                    replies.append(str(text))
    return replies


def asked_question(extra: dict[str, Any]) -> str | None:
    """The device's reply when it asked something (its next record may be the answer)."""
    for reply in vendor_replies(extra):
        last = reply.strip().splitlines()[-1] if reply.strip() else ""
        if any(q.search(last) for q in _QUESTIONS):
            return reply.strip()
    return None


def _clean(obj: str | None) -> str | None:
    if obj is None:
        return None
    obj = _ARTICLE.sub("", obj.strip(" \"'\u201c\u201d"))
    return obj or None


def _named(reply: str) -> str | None:
    for pattern in _OBJECTS:
        m = pattern.search(reply.strip())
        if m and m.group("obj"):
            return _clean(m.group("obj"))
    return None


def detect_action(extra: dict[str, Any]) -> Action | None:
    """The most serious action one record's vendor data shows, if any."""
    found: list[Action] = []
    replies = vendor_replies(extra)
    question = asked_question(extra)
    price = next((m.group("price") for r in replies if (m := _PRICE.search(r))), None)
    named = next((n for r in replies if (n := _named(r))), None)
    for reply in replies:
        text = reply.strip()
        for kind, stage, form, pattern in _REPLIES:
            m = pattern.search(text)
            if m is None:
                continue
            groups = m.groupdict()
            found.append(Action(
                kind, stage, form, f"replied \u201c{text}\u201d",
                obj=_clean(groups.get("obj")) or named, price=price,
                direction=groups.get("dir"), list_name=groups.get("list"),
                question=question if stage == "asked" else None))
            break
    domain = str(extra.get("domain") or "").replace(" ", "").lower()
    intent = str(extra.get("intent") or "").replace(" ", "").lower()
    stage = "asked" if question else "done"
    by_label: list[tuple[str, str]] = []
    for word, kind in words.ACTION_INTENTS:
        if word in intent:
            by_label.append((kind, f"intent {extra.get('intent')}"))
            break
    if domain in words.ACTION_DOMAINS:
        by_label.append((words.ACTION_DOMAINS[domain], f"domain {extra.get('domain')}"))
    for kind, evidence in by_label:
        if any(a.kind == kind for a in found):
            continue
        direction = "off" if "off" in intent else "on" if "turnon" in intent else None
        found.append(Action(kind, stage, _DEFAULT_FORM[kind], evidence, obj=named,
                            price=price, direction=direction,
                            question=question if stage == "asked" else None))
    if not found:
        return None
    return min(found, key=_seriousness)


def _seriousness(a: Action) -> tuple[int, int]:
    return KIND_RANK[a.kind], 0 if a.stage == "done" else 1


def named_object(extra: dict[str, Any]) -> str | None:
    """Whom or what a reply names ("Dan Miller, right?"), whatever the record's intent."""
    return next((n for r in vendor_replies(extra) if (n := _named(r))), None)


def combine(actions: Sequence[Action | None], names: Sequence[str | None] = ()
            ) -> Action | None:
    """What a dialogue finally did: the most serious kind any turn shows, done if any turn
    of that kind was done, with the whom/what and price named anywhere along the way
    (`names`: what each turn's replies named, for turns that showed no action of their own).
    """
    present = [a for a in actions if a is not None]
    if not present:
        return None
    kind = min(present, key=_seriousness).kind
    same = [a for a in present if a.kind == kind]
    done = [a for a in same if a.stage == "done"]
    final = done[-1] if done else same[-1]
    obj = final.obj or next((a.obj for a in reversed(same) if a.obj), None)
    if obj is None:  # "Dan Miller, right?" may come on a turn whose own kind was unclear
        obj = next((a.obj for a in reversed(present) if a.obj), None) or next(
            (n for n in reversed(names) if n), None)
    price = final.price or next((a.price for a in reversed(same) if a.price), None)
    question = final.question or next((a.question for a in same if a.question), None)
    return Action(kind, final.stage, final.form, final.evidence, obj=obj, price=price,
                  direction=final.direction, list_name=final.list_name, question=question)


def _was(obj: str) -> str:
    last = obj.split()[-1].lower() if obj.split() else ""
    return "were" if last.endswith("s") and not last.endswith("ss") else "was"


def describe(a: Action) -> str:
    """The action in plain words: "a message was sent to Dan Miller"."""
    if a.stage == "asked":
        what = {"message": "a message", "call": "a call", "purchase": "an order",
                "security": "unlocking", "smart_home": "a change in the home"}.get(
            a.kind, "an action")
        if a.kind == "purchase" and a.obj:
            what = f"an order for {a.obj}" + (f" ({a.price})" if a.price else "")
        elif a.kind in ("message", "call") and a.obj:
            what = f"{what} to {a.obj}"
        asked = f": the device asked \u201c{a.question}\u201d" if a.question else ""
        return f"{what} was begun{asked}"
    o = a.obj
    if a.form == "message":
        return f"a message was sent to {o}" if o else "a message was sent"
    if a.form == "announcement":
        return "an announcement was played on your devices"
    if a.form == "drop_in":
        return f"a drop-in was started on {o}" if o else "a drop-in was started"
    if a.form == "call":
        return f"a call was placed to {o}" if o else "a call was placed"
    if a.form == "order":
        if o:
            return f"{o} was ordered" + (f" for {a.price}" if a.price else "")
        return "an order was placed" + (f" for {a.price}" if a.price else "")
    if a.form == "unlock":
        return f"the {o} was unlocked" if o else "a lock was unlocked"
    if a.form == "garage":
        return "the garage door was opened"
    if a.form == "disarm":
        return "the alarm was disarmed"
    if a.form == "lock":
        return f"the {o} was locked" if o else "a lock was locked"
    if a.form == "thermostat":
        return "the thermostat was changed"
    if a.form == "switch":
        turned = f"turned {a.direction}" if a.direction else "switched"
        return f"the {o} {_was(o)} {turned}" if o else f"something in the home was {turned}"
    if a.form == "list":
        if o and a.list_name:
            return f"{o} {_was(o)} added to your {a.list_name}"
        return "a list was changed"
    if a.form == "media":
        return f"{o} was played" if o else "music or media was played"
    return KIND_TEXT[a.kind]
