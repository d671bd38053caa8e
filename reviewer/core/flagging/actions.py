"""Did the device DO something? Read from the vendor's reply, domain and intent.

An accidental clip that sent a message, placed a call, bought something or changed the home
matters far more than one that was merely recorded, so such clips are sorted first.
"""

from __future__ import annotations

import re
from typing import Any

from reviewer.core.flagging import languages

# (kind, pattern on the assistant's reply). Kinds in order of how much they matter.
_REPLY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p, re.IGNORECASE)) for kind, p in (
        ("message", r"\b(sending|sent|i'll send) (the |your |a )?(message|text)"),
        ("message", r"^to whom\b|\bwho (do you want|should i) (to )?(message|text|send)"),
        ("message", r"\bwhat('s| is| should be) the message\b"),
        ("call", r"^(ok(ay)?,? )?calling\b|\bwho (do you want|should i) (to )?call"),
        ("call", r"\bdropping in\b|\bstarting (a |the )?call\b"),
        ("purchase", r"\b(ordered|ordering|i've placed|your order|purchased|buying)\b"),
        ("smart_home", r"^(ok(ay)?,? )?(turning|switching) (on|off)\b|\b(locking|unlocking|"
                       r"dimming|setting the (thermostat|temperature|lights?))\b"),
        ("list", r"\b(i've |i have )?added .* to (your|the) .*list\b|^(ok(ay)?,? )?added\b"),
        ("reminder", r"\b(i'll|i will) remind you\b|\breminder (set|for)\b"),
        ("timer", r"\b(timer|alarm) (set|for)\b|\bstarting now\b|^sure,? \d+ (minutes?|seconds?)"),
        ("media", r"^(ok(ay)?,? )?(playing|here's a|shuffling|resuming)\b"),
    ))

# Other languages' replies, from their data files ("Nachricht gesendet", "An wen?").
_REPLY_PATTERNS += tuple((kind, pattern) for lang in languages.all_languages()
                         for kind, _stage, pattern in lang.replies)

# Alexa domains / intents that carry out an action.
_DOMAIN_KINDS = {
    "communications": "message", "messaging": "message", "calling": "call", "comms": "call",
    "shopping": "purchase", "purchase": "purchase", "smarthome": "smart_home",
    "smart_home": "smart_home", "homeautomation": "smart_home", "notifications": "reminder",
    "reminders": "reminder", "alarms": "timer", "timers": "timer", "music": "media",
    "list": "list", "todo": "list", "shoppinglist": "list",
}
_INTENT_WORDS = (("sendmessage", "message"), ("message", "message"), ("call", "call"),
                 ("purchase", "purchase"), ("buy", "purchase"), ("order", "purchase"),
                 ("turnon", "smart_home"), ("turnoff", "smart_home"), ("addtolist", "list"),
                 ("remind", "reminder"), ("timer", "timer"), ("alarm", "timer"),
                 ("play", "media"))

KIND_TEXT = {
    "message": "a message was sent", "call": "a call was placed",
    "purchase": "a purchase was made", "smart_home": "something in the home was switched",
    "list": "a list was changed", "reminder": "a reminder was set",
    "timer": "a timer or alarm was set", "media": "music or media was played",
}
KIND_RANK = {k: i for i, k in enumerate(KIND_TEXT)}


def vendor_replies(extra: dict[str, Any]) -> list[str]:
    replies = [str(r) for r in extra.get("replies") or [] if r]
    for key in ("response_text", "alexa_response"):
        if extra.get(key):
            replies.append(str(extra[key]))
    for item in extra.get("items") or []:
        if isinstance(item, dict) and item.get("recordItemType") == "ALEXA_RESPONSE":
            text = item.get("transcriptText")
            if text:
                replies.append(str(text))
    return replies


def detect_action(extra: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, evidence) of the most serious action the vendor's data shows, if any."""
    found: list[tuple[str, str]] = []
    for reply in vendor_replies(extra):
        for kind, pattern in _REPLY_PATTERNS:
            if pattern.search(reply):
                found.append((kind, f"replied \u201c{reply.strip()}\u201d"))
                break
    domain = str(extra.get("domain") or "").replace(" ", "").lower()
    intent = str(extra.get("intent") or "").replace(" ", "").lower()
    if domain in _DOMAIN_KINDS:
        found.append((_DOMAIN_KINDS[domain], f"domain {extra.get('domain')}"))
    for word, kind in _INTENT_WORDS:
        if word in intent:
            found.append((kind, f"intent {extra.get('intent')}"))
            break
    if not found:
        return None
    return min(found, key=lambda f: KIND_RANK[f[0]])
