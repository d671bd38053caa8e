"""Flagging German clips: the lists of the clip's language (its data file), German vendor
labels and replies, German reasons, and the library's main language."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import pytest

from reviewer.core.flagging import languages, words
from reviewer.core.flagging.actions import detect_action
from reviewer.core.flagging.scorecard import REASON_TEXT, Scorecard, default_weights, score_clip
from reviewer.core.flagging.signals import ClipFacts, build_context

T0 = datetime(2024, 3, 4, 18, 0, 0, tzinfo=UTC)
_ids = itertools.count(1)
DE = languages.lexicon("de")


def clip(transcript: str | None = "Alexa, wie spät ist es?", language: str | None = "de",
         **kw: Any) -> ClipFacts:
    base: dict[str, Any] = dict(
        clip_id=next(_ids), vendor="amazon", recorded_at=T0, device="Küche",
        duration_s=2.5, transcript=transcript,
        transcript_status="done" if transcript else "no_speech",
        speech_ratio=0.6 if transcript else 0.0, no_speech_prob=0.01, avg_logprob=-0.3,
        compression_ratio=1.2, rms_dbfs=-22.0, music_likeness=0.0, language=language,
        language_detected=language is not None)
    base.update(kw)
    return ClipFacts(**base)


def card(f: ClipFacts, *others: ClipFacts) -> Scorecard:
    return score_clip(f, build_context([f, *others]), default_weights())


def reasons(c: Scorecard) -> dict[str, str]:
    return {r.code: r.text for r in c.reasons}


def test_the_german_data_file_is_complete_and_well_formed() -> None:
    de = languages.get("de")
    assert de is not None and languages.get("de-DE") is de and languages.get("fr") is None
    # Every reason the scorecard can give has a German text with the same placeholders.
    assert set(de.reasons) == set(REASON_TEXT)
    for code, text in de.reasons.items():
        assert _placeholders(text) == _placeholders(REASON_TEXT[code]), code
    raw = json.loads(resources.files("reviewer.core.flagging.languages")
                     .joinpath("de.json").read_text("utf-8"))
    for key in ("wake_words", "near_misses", "exclamations"):
        for phrase in raw[key]:  # matched against lower-case tokens
            assert phrase == [w.lower() for w in phrase] and all(words.tokens(w) == [w]
                                                                 for w in phrase), phrase


def _placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("text", ["Alexa, wie wird das Wetter morgen?",
                                  "Alexa, schalte das Licht in der Küche aus.",
                                  "Computer, stell einen Timer auf zehn Minuten.",
                                  "Okay Google, erinnere mich morgen an den Zahnarzt.",
                                  "Äh, Alexa, spiel Musik von den Beatles."])
def test_german_requests_are_not_flagged(text: str) -> None:
    c = card(clip(text))
    assert "wake_word" in c.signals and "command_form" in c.signals, c.reasons
    assert c.score < default_weights().threshold


@pytest.mark.parametrize("text, signal", [
    ("Ich glaube, wir sollten heute Abend lieber zu Hause bleiben.", "conversational"),
    ("Weißt du noch, wo ich meinen Schlüssel hingelegt habe?", "no_wake_word"),
    ("Alexander hat gestern angerufen, er kommt am Wochenende.", "near_miss"),
    ("Alles klar, dann treffen wir uns um sieben am Bahnhof.", "near_miss"),
    ("Okay Kuchen ist fertig, kommt ihr?", "near_miss"),
    ("Na ja, das Essen war wirklich nicht so toll.", "conversational"),
])
def test_overheard_german_is_flagged_with_german_reasons(text: str, signal: str) -> None:
    c = card(clip(text))
    assert signal in c.signals, c.reasons
    assert c.score >= default_weights().threshold, c.reasons
    said = reasons(c)
    assert said["no_wake_word"] == "Beginnt nicht mit \u201eAlexa\u201c"
    assert all(t == said[code] for code, t in said.items())  # all German, none in English
    assert not any(t.startswith(("Doesn't", "Sounds like", "Starts with")) for t in said.values())


def test_misheard_german_wake_word_then_a_request() -> None:
    c = card(clip("Ich sage mal. Schalte das Licht im Flur aus."))
    assert "misheard_wake_word" in c.signals
    assert reasons(c)["misheard_wake_word"].startswith("Beginnt mit \u201eIch sage mal\u201c")


def test_the_clips_language_picks_the_lists_the_library_the_reasons() -> None:
    """A mixed household: an English request in a German library is judged with English
    lists (and a German one with German lists); the reasons are in the library's language."""
    german = [clip("Alexa, wie spät ist es?") for _ in range(3)]
    english = clip("Alexa, turn off the kitchen lights.", language="en")
    ctx = build_context([*german, english])
    assert ctx.main_language == "de"
    c = score_clip(english, ctx, default_weights())
    assert "command_form" in c.signals
    assert reasons(c)["wake_word"] == "Beginnt mit \u201eAlexa\u201c"
    overheard_en = clip("I think we should leave now, it's late.", language="en")
    c = score_clip(overheard_en, build_context([*german, overheard_en]), default_weights())
    assert {"no_wake_word", "conversational"} <= set(c.signals)
    assert reasons(c)["no_wake_word"] == "Beginnt nicht mit \u201eAlexa\u201c"
    # In an English library the same clip gets English reasons.
    c = score_clip(overheard_en, build_context([overheard_en]), default_weights())
    assert reasons(c)["no_wake_word"] == "Doesn't start with \u201cAlexa\u201d"
    # The German word "Schalte" only opens a request in German.
    assert words.command_form("Schalte das Licht aus.", DE)
    assert not words.command_form("Schalte das Licht aus.")


def test_german_vendor_labels_and_titles() -> None:
    not_intended = clip(None, vendor_transcript="Text nicht verfügbar \u2013 Audio war nicht für "
                                                "Alexa bestimmt", transcript_status=None,
                        language=None)
    not_understood = clip(None, vendor_transcript="Audio konnte nicht verstanden werden",
                          transcript_status=None, language=None)
    google = clip(None, vendor="google", vendor_transcript="Unbekannter Sprachbefehl",
                  transcript_status=None, language=None, duration_s=8.0)
    said = clip(None, vendor="google", vendor_transcript="Gesagt: mach das Licht an",
                transcript_status=None, language=None)
    everything = [not_intended, not_understood, google, said]
    ctx = build_context(everything)
    assert ctx.main_language == "de"  # from the labels alone: nothing transcribed yet
    cards = {f.clip_id: score_clip(f, ctx, default_weights()) for f in everything}
    assert reasons(cards[not_intended.clip_id])["vendor_not_intended"] == (
        "Amazon hat dies als \u201eText nicht verfügbar \u2013 Audio war nicht für Alexa "
        "bestimmt\u201c markiert")
    assert "vendor_not_understood" in cards[not_understood.clip_id].signals
    assert "vendor_contentless" in cards[google.clip_id].signals
    # Google's German title is read as what was said (issue 18): a request, in German.
    assert cards[said.clip_id].signals == ["said_request"]
    assert languages.language_of_label("Google Assistant") is None  # same title in English


@pytest.mark.parametrize("reply, kind", [
    ("Nachricht an Jonas gesendet.", "message"),
    ("An wen?", "message"),
    ("Wen möchtest du anrufen?", "call"),
    ("Ich rufe Mama an.", "call"),
    ("Deine Bestellung wurde aufgegeben.", "purchase"),
    ("Ich habe Milch zu deiner Einkaufsliste hinzugefügt.", "list"),
    ("Ich schalte das Licht in der Küche aus.", "smart_home"),
    ("Timer für zehn Minuten, ab jetzt.", "timer"),
    ("Ich spiele Musik von den Beatles.", "media"),
])
def test_german_replies_show_what_the_device_did(reply: str, kind: str) -> None:
    extra = {"items": [{"recordItemType": "ALEXA_RESPONSE", "transcriptText": reply}]}
    found = detect_action(extra)
    assert found is not None and found.kind == kind, (reply, found)
    c = card(clip("Ich hab's dir doch gesagt.", vendor_extra=extra))
    assert c.action == kind
    acted = reasons(c)["acted_on"]
    assert acted.startswith("Amazon antwortete \u201e"), acted
    assert languages.get("de").action_texts[kind] in acted  # type: ignore[union-attr]


def test_german_replies_that_did_nothing() -> None:
    for reply in ("Das weiß ich leider nicht.", "Tut mir leid, das habe ich nicht verstanden.",
                  "Morgen wird es sonnig bei 18 Grad."):
        extra = {"items": [{"recordItemType": "ALEXA_RESPONSE", "transcriptText": reply}]}
        assert detect_action(extra) is None, reply


def test_german_wake_word_pair_and_burst() -> None:
    wake = clip("Alexa.", duration_s=1.0)
    request = clip("Schalte das Licht aus.", recorded_at=T0 + timedelta(seconds=3))
    ctx = build_context([wake, request])
    assert wake.clip_id in ctx.followed_by_request and request.clip_id in ctx.follows_wake_word
    assert "no_wake_word" not in score_clip(request, ctx, default_weights()).signals


@pytest.mark.parametrize("title, asks", [
    ("Gesagt: wie spät ist es", True), ("Gesagt: leiser", True), ("Gesagt: gute Nacht", True),
    ("Gesagt: kannst du das Licht ausmachen", True),
    ("Gesagt: alles klar dann treffen wir uns", False), ("Gesagt: das Essen", False),
])
def test_googles_german_titles_are_read_as_requests_or_not(title: str, asks: bool) -> None:
    """Google's "Gesagt: …" is what it heard: on a clip not transcribed here, read with the
    German lists (the library is German), it says whether the clip was a request, in German."""
    f = clip(None, vendor="google", vendor_transcript=title, transcript_status=None,
             language=None)
    others = [clip() for _ in range(3)]
    c = card(f, *others)
    assert ("said_request" in c.signals) is asks, c.reasons
    if asks:
        assert reasons(c)["said_request"] == "Googles Transkript klingt nach einer Bitte an " \
                                             "das Gerät"


def test_a_doubtful_transcript_lets_the_vendors_request_count() -> None:
    """Whisper barely made it out (base's "Okay, du du. …" for a German "Okay Google, …"):
    Google's clean "Gesagt: <request>" counts beside it; a confident transcript keeps the
    vendor's words out of it, and talk is no request whatever Whisper's confidence."""
    heard = "Okay, du du. Misch per Test."
    doubtful = clip(heard, vendor="google", vendor_transcript="Gesagt: wie spät ist es",
                    avg_logprob=-1.3)
    c = card(doubtful)
    assert {"no_wake_word", "unsure_transcript", "said_request"} <= set(c.signals), c.reasons
    assert c.score < default_weights().threshold
    sure = clip(heard, vendor="google", vendor_transcript="Gesagt: wie spät ist es")
    assert "said_request" not in card(sure).signals
    talk = clip(heard, vendor="google", vendor_transcript="Gesagt: das Essen war toll",
                avg_logprob=-1.3)
    assert "said_request" not in card(talk).signals
    assert card(talk).score >= default_weights().threshold


def test_hi_google_is_the_wake_word_and_guten_abend_no_command() -> None:
    assert "wake_word" in card(clip("Hi Google, wie wird das Wetter?")).signals
    tv = card(clip("Guten Abend, meine Damen und Herren, hier ist die Tagesschau."))
    assert "command_form" not in tv.signals and tv.score >= default_weights().threshold
    # "Guten Morgen" said to the device is still a request (a short one).
    assert words.said_request(["guten", "morgen"], DE)
