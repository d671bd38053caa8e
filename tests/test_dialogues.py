"""Dialogues and actions from the vendor's record alone (issue 18): an Alexa privacy-page
export without audio, run through `reviewer scan` as a user would, and the pieces on
hand-built facts."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.flagging.actions import combine, detect_action
from reviewer.core.flagging.scorecard import default_weights, score_clip, score_clips
from reviewer.core.flagging.signals import ClipFacts, build_context
from reviewer.testing import alexa_exports as ax
from tests.conftest import REPO

DAY = datetime(2024, 5, 14, tzinfo=UTC)
DEFAULT = default_weights().threshold


def record(when: datetime, said: str | None, reply: str | None = None,
           domain: str | None = None, intent: str | None = None, *,
           label: str | None = None, device: int = 0, utype: str = "GENERAL") -> dict[str, Any]:
    """One `customerHistoryRecords` entry as the Alexa privacy page gives it (no audio)."""
    name, dtype, serial = ax.DEVICES[device]
    ts = int(when.timestamp() * 1000)
    key = f"{ax.CUSTOMER_ID}#{ts}#{dtype}#{serial}"
    uid = f"AB72C64C86AW2:1.0/{when:%Y/%m/%d/%H}/{serial}/{when:%M:%S}::TNIH_2V.{ts:x}"
    items = [{"recordItemKey": f"{key}#{kind}#0", "recordItemType": kind, "utteranceId": uid,
              "timestamp": ts + (900 if kind == "ALEXA_RESPONSE" else 0),
              "transcriptText": text}
             for kind, text in (("CUSTOMER_TRANSCRIPT", said), ("ASR_REPLACEMENT_TEXT", label),
                                ("ALEXA_RESPONSE", reply)) if text is not None]
    return {"recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
            "device": {"deviceName": name, "serialNumber": serial, "deviceType": dtype},
            "utteranceType": utype, "domain": domain, "intent": intent,
            "voiceHistoryRecordItems": items}


def at(hh: int, mm: int, ss: int) -> datetime:
    return DAY.replace(hour=hh, minute=mm, second=ss)


PORTLAND = [
    record(at(13, 26, 40), "and they said the hardwood floors would be done by friday so "
           "send a message", "To whom?", "Communication", "SendMessage"),
    record(at(13, 26, 46), "the contractor from work you know", "Dan Miller, right?",
           "Communication", "SelectContact"),
    record(at(13, 26, 51), "right", "Okay, sending.", "Communication", "ConfirmSend"),
]
LEGIT_MESSAGE = [
    record(at(8, 2, 10), "send a message to dan", "What's the message?", "Communication",
           "SendMessage", device=1),
    record(at(8, 2, 15), "running ten minutes late", "Dan Miller, right?", "Communication",
           "SelectContact", device=1),
    record(at(8, 2, 20), "yes", "Sending.", "Communication", "ConfirmSend", device=1),
]
OVERHEARD_ORDER = [
    record(at(19, 40, 3), "we're nearly out of that coffee you like the lavazza one aren't we "
           "maybe order some more", "I found Lavazza coffee, it's $19.99. Would you like to "
           "buy it?", "Shopping", "BuyItem", device=1),
    record(at(19, 40, 11), "yes i think so", "Okay, your order for Lavazza coffee has been "
           "placed.", "Shopping", "ConfirmPurchase", device=1),
]
LIGHTS = record(at(21, 5, 0), "turn off the living room lights", "OK.", "SmartHome",
                "TurnOffApplianceIntent")


def write_history(tmp: Path, records: list[dict[str, Any]]) -> Path:
    files = {"Voice History/customer-history-records.json": json.dumps(
        {"customerHistoryRecords": records, "encodedRequestToken": None}).encode()}
    return ax.write_export(ax.ExportContent(files, ()), tmp, name="privacy-page").path


def scan(tmp: Path, export: Path) -> list[dict[str, Any]]:
    out = tmp / "scan.json"
    proc = subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(tmp / "lib"),
                           "scan", str(export), "--json", str(out)], capture_output=True,
                          text=True, cwd=REPO, timeout=300,
                          env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return rows


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("portland")
    records = [*PORTLAND, *LEGIT_MESSAGE, *OVERHEARD_ORDER, LIGHTS]
    rows = scan(tmp, write_history(tmp, records))
    by_text = {str(r["vendor_transcript"]): r for r in rows}
    by_text["_order"] = {"ids": [r["id"] for r in rows]}  # type: ignore[dict-item]
    return by_text


def said(r: dict[str, Any]) -> str:
    return str(r["voiceHistoryRecordItems"][0]["transcriptText"])


def test_portland_every_turn_flagged_and_the_opener_sent_a_message_to_dan(
        scanned: dict[str, dict[str, Any]]) -> None:
    turns = [scanned[said(r)] for r in PORTLAND]
    assert all(t["flagged"] for t in turns), [(t["score"], t["reasons"]) for t in turns]
    opener = turns[0]
    assert opener["acted_on"]
    assert opener["action"] == {"kind": "message", "text": "a message was sent to Dan Miller"}
    assert {t["dialogue"] for t in turns} == {opener["id"]}
    assert any("a message was sent to Dan Miller" in r["text"] for r in opener["reasons"])


def test_the_legitimate_message_dialogue_is_not_flagged(
        scanned: dict[str, dict[str, Any]]) -> None:
    turns = [scanned[said(r)] for r in LEGIT_MESSAGE]
    assert not any(t["flagged"] for t in turns), [(t["score"], t["reasons"]) for t in turns]
    assert len({t["dialogue"] for t in turns}) == 1 and turns[0]["dialogue"] is not None
    assert not any(t["acted_on"] for t in turns)
    assert turns[0]["action"]["text"] == "a message was sent to Dan Miller"


def test_a_purchase_confirmed_after_overheard_talk_is_flagged(
        scanned: dict[str, dict[str, Any]]) -> None:
    turns = [scanned[said(r)] for r in OVERHEARD_ORDER]
    assert all(t["flagged"] and t["acted_on"] for t in turns)
    assert turns[0]["action"] == {"kind": "purchase",
                                  "text": "Lavazza coffee was ordered for $19.99"}


def test_the_lights_clip_has_its_action_though_it_is_not_acted_on(
        scanned: dict[str, dict[str, Any]]) -> None:
    lights = scanned[said(LIGHTS)]
    assert not lights["flagged"] and not lights["acted_on"]
    assert lights["action"] == {"kind": "smart_home",
                                "text": "something in the home was turned off"}
    assert lights["dialogue"] is None


def test_accidental_dialogues_with_an_action_come_first(
        scanned: dict[str, dict[str, Any]]) -> None:
    order = scanned["_order"]["ids"]
    first_five = {scanned[said(r)]["id"] for r in [*PORTLAND, *OVERHEARD_ORDER]}
    assert set(order[:5]) == first_five


# --- the pieces, on hand-built facts -------------------------------------------------------

def facts(i: int, said: str | None, vendor: str = "amazon", **kw: Any) -> ClipFacts:
    """A record without audio: only what the vendor kept."""
    return ClipFacts(clip_id=i, vendor=vendor, recorded_at=kw.pop("when", at(12, 0, 0)),
                     device=kw.pop("device", "Kitchen Echo" if vendor == "amazon" else None),
                     vendor_transcript=said, has_audio=False, **kw)


def signals_of(f: ClipFacts) -> set[str]:
    return set(score_clip(f, build_context([f]), default_weights()).signals)


@pytest.mark.parametrize(("reply", "kind", "text"), [
    ("Sending the message to Mom.", "message", "a message was sent to Mom"),
    ("Calling Priya Shah.", "call", "a call was placed to Priya Shah"),
    ("Dropping in on Living Room.", "call", "a drop-in was started on Living Room"),
    ("Unlocking the front door.", "security", "the front door was unlocked"),
    ("Opening the garage door.", "security", "the garage door was opened"),
    ("Turning off the kitchen lights.", "smart_home", "the kitchen lights were turned off"),
    ("I've added eggs to your shopping list.", "list",
     "eggs were added to your shopping list"),
    ("Playing Despacito by Luis Fonsi.", "media", "Despacito by Luis Fonsi was played"),
    ("To whom?", "message", "a message was begun: the device asked \u201cTo whom?\u201d"),
])
def test_actions_in_words(reply: str, kind: str, text: str) -> None:
    found = detect_action({"response_text": reply})
    assert found is not None and (found.kind, found.text) == (kind, text)


def test_the_risky_kinds_and_a_dialogue_combined() -> None:
    asked = detect_action({"response_text": "I found Lavazza coffee, it's $19.99. Would you "
                                             "like to buy it?", "domain": "Shopping"})
    done = detect_action({"response_text": "Okay, your order has been placed."})
    assert asked is not None and asked.stage == "asked" and asked.risky
    final = combine([asked, done])
    assert final is not None and final.text == "Lavazza coffee was ordered for $19.99"
    lights = detect_action({"domain": "SmartHome", "intent": "TurnOnApplianceIntent"})
    assert lights is not None and not lights.risky
    assert lights.text == "something in the home was turned on"


def test_amazon_text_without_the_wake_word_is_no_evidence_but_its_shape_is() -> None:
    request = signals_of(facts(1, "what's the weather like tomorrow"))
    assert "said_request" in request and "no_wake_word" not in request
    talk = signals_of(facts(2, "honestly i don't think we need to leave until half past"))
    assert {"said_not_a_request", "said_conversational"} <= talk
    # Another clause with its own subject is talk, though it opens like a command.
    assert "said_not_a_request" in signals_of(facts(3, "call me crazy but i think it works"))


def test_google_titles_are_read_after_said_and_may_keep_the_hotword() -> None:
    kept = signals_of(facts(1, "Said hey google turn on the lights", vendor="google"))
    assert {"wake_word", "said_request"} <= kept
    assert "said_request" in signals_of(facts(2, "Said turn on the lights", vendor="google"))
    assert "said_not_a_request" in signals_of(facts(3, "Said and then", vendor="google"))
    assert "unchecked_no_words" in signals_of(facts(4, "Google Assistant", vendor="google"))


def test_a_local_transcript_keeps_the_say_and_no_speech_stands() -> None:
    heard = facts(1, "stop", transcript="Alexa, stop.", transcript_status="done",
                  speech_ratio=0.5, duration_s=2.0)
    assert not {"said_request", "said_not_a_request"} & signals_of(heard)
    silent = facts(2, "play", transcript="", transcript_status="no_speech", speech_ratio=0.0,
                   duration_s=3.0)
    assert "no_speech" in signals_of(silent) and "said_request" not in signals_of(silent)


def test_turns_are_one_dialogue_only_on_one_device_soon_after_a_question() -> None:
    ask = facts(1, "send a message", vendor_extra={"response_text": "To whom?"})
    answer = facts(2, "dan", when=at(12, 0, 6))
    other_device = facts(3, "dan", when=at(12, 0, 6), device="Bedroom Dot")
    late = facts(4, "dan", when=at(12, 1, 0))
    assert build_context([ask, answer]).dialogues == {1: [1, 2]}
    assert build_context([ask, other_device]).dialogues == {}
    assert build_context([ask, late]).dialogues == {}
    no_question = facts(5, "what time is it", vendor_extra={"response_text": "It's noon."})
    assert build_context([no_question, replace_id(answer, 6)]).dialogues == {}


def replace_id(f: ClipFacts, clip_id: int) -> ClipFacts:
    from dataclasses import replace
    return replace(f, clip_id=clip_id)


def test_every_turn_carries_the_dialogues_score_reasons_and_action() -> None:
    turns = [facts(1, "and they said the floors would be done by friday so send a message",
                   vendor_extra={"response_text": "To whom?", "domain": "Communication"}),
             facts(2, "the contractor from work you know", when=at(12, 0, 6),
                   vendor_extra={"response_text": "Dan Miller, right?"}),
             facts(3, "right", when=at(12, 0, 11),
                   vendor_extra={"response_text": "Okay, sending."})]
    cards = score_clips(turns, build_context(turns), default_weights())
    assert len({c.score for c in cards}) == 1 and cards[0].flagged(DEFAULT)
    assert {c.dialogue for c in cards} == {1}
    assert {c.action_text for c in cards} == {"a message was sent to Dan Miller"}
    assert all(c.reasons[0].code == "dialogue" for c in cards)
    assert cards[2].reasons[0].text.startswith("Turn 3 of 3 of one dialogue")
