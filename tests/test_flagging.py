"""Flagging: every signal on hand-built facts, the scorecard, acted-on ordering, the weights
file, calibration, and the reasons real clips get through the real model."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reviewer.core.flagging import words
from reviewer.core.flagging.actions import detect_action
from reviewer.core.flagging.scorecard import (
    REASON_TEXT,
    Scorecard,
    Weights,
    WeightsError,
    default_weights,
    load_weights,
    score_clip,
)
from reviewer.core.flagging.signals import ClipFacts, build_context
from reviewer.core.library import ClipQuery, Library
from reviewer.testing import alexa_exports as ax
from reviewer.testing.audio import SAMPLE_RATE, encode, noise
from tests.conftest import CORPUS

T0 = datetime(2024, 3, 4, 18, 0, 0, tzinfo=UTC)
_ids = itertools.count(1)

NOT_INTENDED = "Text not available – audio was not intended for Alexa"  # en dash, verbatim
NOT_UNDERSTOOD = "Audio could not be understood"


def clip(transcript: str | None = "Alexa, what time is it?", **kw: Any) -> ClipFacts:
    """A transcribed Amazon clip that looks like an ordinary request unless told otherwise."""
    base: dict[str, Any] = dict(
        clip_id=next(_ids), vendor="amazon", recorded_at=T0, device="Kitchen Echo",
        duration_s=2.5, transcript=transcript,
        transcript_status="done" if transcript else "no_speech",
        speech_ratio=0.6 if transcript else 0.0, no_speech_prob=0.01, avg_logprob=-0.3,
        compression_ratio=1.2, rms_dbfs=-22.0, music_likeness=0.0)
    base.update(kw)
    return ClipFacts(**base)


def card(f: ClipFacts, others: Sequence[ClipFacts] = (),
         weights: Weights | None = None) -> Scorecard:
    ctx = build_context([f, *others])
    return score_clip(f, ctx, weights or default_weights())


def codes(f: ClipFacts, others: Sequence[ClipFacts] = ()) -> set[str]:
    return set(card(f, others).signals)


def reason(c: Scorecard, code: str) -> str:
    return next(r.text for r in c.reasons if r.code == code)


DEFAULT = default_weights().threshold


# --- vendor evidence -----------------------------------------------------------------------

def test_amazon_not_intended_label_verbatim_with_the_en_dash() -> None:
    c = card(clip("Hello there.", vendor_transcript=NOT_INTENDED))
    assert "vendor_not_intended" in c.signals
    assert reason(c, "vendor_not_intended") == f"Amazon marked this \u201c{NOT_INTENDED}\u201d"


def test_amazon_discarded_utterance_type_counts_as_not_intended() -> None:
    f = clip(None, transcript_status=None,
             vendor_extra={"utteranceType": "DISCARDED_NON_DEVICE_DIRECTED_INTENT"})
    assert codes(f) == {"vendor_not_intended"}
    # Amazon's own judgement alone (no audio to check) reaches the default threshold.
    assert card(f).score >= DEFAULT


@pytest.mark.parametrize("label", [NOT_UNDERSTOOD, "No text stored"])
def test_amazon_not_understood_labels(label: str) -> None:
    assert "vendor_not_understood" in codes(clip(None, vendor_transcript=label))


def test_amazon_wake_word_only_and_plain_requests() -> None:
    f = clip("Alexa.", vendor_extra={"utteranceType": "WAKE_WORD_ONLY"})
    assert "vendor_wake_word_only" in codes(f)
    plain = codes(clip(vendor_transcript="what time is it",
                       vendor_extra={"utteranceType": "GENERAL"}))
    assert not {c for c in plain if c.startswith("vendor_")}


@pytest.mark.parametrize("title", ["Google Assistant", "Unknown voice command"])
def test_google_contentless_titles(title: str) -> None:
    f = clip("Hey Google", vendor="google", device=None, vendor_transcript=title,
             vendor_extra={"details": ["Started by hotword"]})
    c = card(f)
    assert "vendor_contentless" in c.signals
    assert title in reason(c, "vendor_contentless")


def test_google_unrecognized_speaker_and_ordinary_entries() -> None:
    f = clip("Who ate the cake?", vendor="google", device=None,
             vendor_transcript="Said who ate the cake",
             vendor_extra={"details": ["Started by hotword", "From unrecognized speaker"]})
    assert codes(f) >= {"vendor_unrecognized_speaker"}
    assert "vendor_contentless" not in codes(f)
    ordinary = clip("Hey Google, turn on the lights.", vendor="google", device=None,
                    vendor_transcript="Said turn on the lights",
                    vendor_extra={"details": ["Started by hotword"]})
    assert not {c for c in codes(ordinary) if c.startswith("vendor_")}
    # Amazon's labels mean nothing in a Google export, and the reverse.
    assert "vendor_not_intended" not in codes(replace(ordinary, vendor_transcript=NOT_INTENDED))
    assert "vendor_contentless" not in codes(clip(vendor_transcript="Google Assistant"))


# --- audio ---------------------------------------------------------------------------------

def test_no_speech() -> None:
    c = card(clip(None, transcript_status="no_speech", speech_ratio=0.03, duration_s=4.0))
    assert "no_speech" in c.signals
    assert reason(c, "no_speech") == "No speech detected (3 % of the clip)"
    assert "no_speech" in codes(clip("Uh.", speech_ratio=0.02))
    assert c.score >= default_weights().presets["careful"]


def test_little_speech_needs_a_clip_long_enough_to_tell() -> None:
    assert "little_speech" in codes(clip("Yeah.", speech_ratio=0.15, duration_s=5.0))
    assert "little_speech" not in codes(clip("Yeah.", speech_ratio=0.15, duration_s=2.0))
    assert "little_speech" not in codes(clip("Yeah, sure.", speech_ratio=0.6, duration_s=5.0))


def test_not_transcribed_clips_get_no_audio_or_transcript_signals() -> None:
    f = clip(None, transcript_status=None, speech_ratio=None, duration_s=30.0)
    assert codes(f) == set()


@pytest.mark.parametrize(("seconds", "expected"), [
    (4.0, set()), (7.0, {"long_clip"}), (14.0, {"very_long_clip"})])
def test_long_and_very_long_clips(seconds: float, expected: set[str]) -> None:
    got = codes(clip(duration_s=seconds)) & {"long_clip", "very_long_clip"}
    assert got == expected
    if expected == {"long_clip"}:
        assert reason(card(clip(duration_s=seconds)), "long_clip") == \
            "7 s long \u2014 commands are usually short"


def test_quiet_compared_with_the_users_median_level() -> None:
    usual = [clip(recorded_at=T0 + timedelta(hours=i)) for i in range(8)]
    far = clip("They said it would rain.", rms_dbfs=-40.0, recorded_at=T0 + timedelta(days=1))
    c = card(far, usual)
    assert "quiet" in c.signals and "18 dB quieter" in reason(c, "quiet")
    assert all("quiet" not in codes(u, [*usual, far]) for u in usual)
    # Too few clips to know the user's usual level: no judgement.
    assert "quiet" not in codes(far, usual[:2])


def test_music() -> None:
    assert "music" in codes(clip("La la la.", music_likeness=0.8))
    assert "music" not in codes(clip("La la la.", music_likeness=0.2))


# --- transcript ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Alexa, what time is it?", "Alixa, turn off the lights.", "Allexa volume down",
    "So, Alexa, stop.", "Echo, play some jazz."])
def test_wake_word_matched_fuzzily(text: str) -> None:
    got = codes(clip(text))
    assert "wake_word" in got and "no_wake_word" not in got


@pytest.mark.parametrize("text", ["Hey Google, turn on the lights.", "OK Google, stop.",
                                  "Okay Google, what's the weather?"])
def test_google_wake_phrases(text: str) -> None:
    got = codes(clip(text, vendor="google", device=None))
    assert "wake_word" in got and "no_wake_word" not in got


def test_no_wake_word_reason_names_the_vendors_wake_word() -> None:
    text = "And so, my fellow Americans, ask not what your country can do for you."
    assert reason(card(clip(text)), "no_wake_word") == "Doesn't start with \u201cAlexa\u201d"
    g = card(clip(text, vendor="google", device=None))
    assert reason(g, "no_wake_word") == "Doesn't start with \u201cHey Google\u201d"
    assert g.score >= DEFAULT


@pytest.mark.parametrize(("text", "near"), [
    ("Alexis and her brother are coming over on Sunday.", "alexis"),
    ("Election results were not what anyone expected.", "election"),
    ("A letter came from the bank today.", "a letter"),
    ("Unacceptable, you cannot leave the dishes.", "unacceptable"),
    ("Okay cool, so who is reading the story?", "okay cool")])
def test_near_misses(text: str, near: str) -> None:
    c = card(clip(text))
    assert {"near_miss", "no_wake_word"} <= set(c.signals)
    assert f"\u201c{near}\u201d" in reason(c, "near_miss")
    assert c.score >= DEFAULT


def test_near_miss_only_at_the_start_and_never_for_the_wake_word() -> None:
    assert "near_miss" not in codes(clip("I think the election results come out tonight."))
    assert "near_miss" not in codes(clip("Alexa, read the letter."))


def test_command_form() -> None:
    assert "command_form" in codes(clip("Alexa, turn off the living room lights."))
    assert "command_form" in codes(clip("Alexa. Set a timer for 10 minutes. Thanks."))
    assert "command_form" not in codes(clip("Alexa."))
    # Questions between people go on talking; exclamations only look like questions.
    assert "command_form" not in codes(clip("Who finished the cake? I was saving that."))
    assert "command_form" not in codes(clip("What a spiteful thing to say."))


def test_a_misheard_wake_word_before_a_request() -> None:
    c = card(clip("I like that. What time is it?"))
    assert {"misheard_wake_word", "command_form"} <= set(c.signals)
    assert "no_wake_word" not in c.signals
    assert "\u201cI like that\u201d" in reason(c, "misheard_wake_word")
    assert c.score < DEFAULT
    # A known near miss is not taken for a misheard wake word, nor is talk that goes on.
    assert "misheard_wake_word" not in codes(clip("Alexis. Turn on the lights."))
    assert "misheard_wake_word" not in codes(clip("Oh no. Who took it? I was saving it."))


def test_conversation() -> None:
    text = "Honestly, I don't know if we can afford the holiday this year."
    c = card(clip(text, duration_s=3.9))
    assert "conversational" in c.signals and "command_form" not in c.signals
    assert "conversational" not in codes(clip("Alexa, what's on my calendar today?"))


def test_unsure_transcript() -> None:
    for kw in ({"avg_logprob": -1.3}, {"compression_ratio": 2.8}, {"no_speech_prob": 0.8}):
        assert "unsure_transcript" in codes(clip("When church arts young.", **kw))
    assert "unsure_transcript" not in codes(clip("When church arts young."))


# --- context -------------------------------------------------------------------------------

def _overheard(n: int, device: str = "Living Room Dot", start: datetime = T0,
               step_s: float = 50) -> list[ClipFacts]:
    return [clip("Something is going to happen, he said.", device=device, duration_s=4.0,
                 recorded_at=start + timedelta(seconds=i * step_s)) for i in range(n)]


def test_burst_of_activations_on_one_device() -> None:
    tv = _overheard(4)
    c = card(tv[0], tv[1:])
    assert "burst" in c.signals
    assert reason(c, "burst").startswith("One of 4 activations within 5 minutes")
    # The same clips on different devices, or spread over an hour, are no burst.
    spread = [replace(f, device=f"Dot {i}") for i, f in enumerate(tv)]
    assert "burst" not in codes(spread[0], spread[1:])
    slow = _overheard(4, step_s=1200)
    assert "burst" not in codes(slow[0], slow[1:])


def test_a_users_session_of_requests_is_no_burst() -> None:
    session = [clip(f"Alexa, {cmd}.", recorded_at=T0 + timedelta(seconds=40 * i))
               for i, cmd in enumerate(("set a timer for ten minutes", "play some jazz",
                                        "add milk to my shopping list", "volume down"))]
    assert all("burst" not in codes(f, [o for o in session if o is not f]) for f in session)


def test_unusual_hour(local_zone: Any) -> None:
    # Hours are the computer's local hours: in Tokyo (UTC+9), 22:05 UTC is 7:05 in the morning.
    local_zone("Asia/Tokyo")
    tokyo = timezone(timedelta(hours=9))
    days = [clip(f"Alexa, {cmd}.", recorded_at=datetime(2024, 3, d, h, 5, tzinfo=tokyo))
            for d in range(1, 6) for h, cmd in ((7, "weather"), (12, "stop"), (18, "play jazz"),
                                                (21, "lights off"))]
    night = clip("He said nothing.",
                 recorded_at=datetime(2024, 3, 7, 3, 12, tzinfo=tokyo).astimezone(UTC))
    evening = clip("He said nothing.", recorded_at=datetime(2024, 3, 7, 19, 12, tzinfo=tokyo))
    c = card(night, [*days, evening])
    assert "unusual_hour" in c.signals and "(3:00 local time)" in reason(c, "unusual_hour")
    assert "unusual_hour" not in codes(evening, [*days, night])
    # Too little history to know the user's hours.
    assert "unusual_hour" not in codes(night, days[:10])


# --- the wake-word pair --------------------------------------------------------------------

def _pair(gap_s: float) -> tuple[ClipFacts, ClipFacts]:
    wake = clip("Alexa.", duration_s=1.5, speech_ratio=0.5, vendor_transcript=NOT_INTENDED,
                vendor_extra={"utteranceType": "WAKE_WORD_ONLY"})
    request = clip("What's the weather like tomorrow?", duration_s=2.0,
                   vendor_transcript="what's the weather like tomorrow",
                   recorded_at=T0 + timedelta(seconds=1.5 + gap_s))
    return wake, request


def test_wake_word_only_then_a_request_is_one_intended_interaction() -> None:
    wake, request = _pair(gap_s=3.0)
    w, r = card(wake, [request]), card(request, [wake])
    assert {"followed_by_request", "vendor_not_intended", "vendor_wake_word_only"} <= set(
        w.signals)
    assert reason(w, "followed_by_request") == \
        "A request followed 3 s later: part of a real interaction"
    assert not w.flagged(DEFAULT) and not w.flagged(default_weights().presets["thorough"])
    assert "follow_up" in r.signals and "no_wake_word" not in r.signals
    assert not r.flagged(DEFAULT)


def test_the_same_wake_word_a_minute_before_the_request_is_flagged() -> None:
    wake, request = _pair(gap_s=60.0)
    w, r = card(wake, [request]), card(request, [wake])
    assert "followed_by_request" not in w.signals
    assert w.flagged(DEFAULT)
    assert "follow_up" not in r.signals and "no_wake_word" in r.signals


def test_pair_needs_the_same_device() -> None:
    wake, request = _pair(gap_s=3.0)
    request = replace(request, device="Bedroom Echo")
    assert "followed_by_request" not in codes(wake, [request])


def test_a_misheard_wake_word_half_of_a_pair_is_not_blamed_for_it() -> None:
    wake, request = _pair(gap_s=2.0)
    wake = replace(wake, transcript="Alexer.")
    w = card(wake, [request])
    assert "followed_by_request" in w.signals and "no_wake_word" not in w.signals
    assert not w.flagged(DEFAULT)


def test_pair_from_vendor_data_alone_without_transcripts() -> None:
    wake, request = _pair(gap_s=2.0)
    wake = replace(wake, transcript=None, transcript_status=None)
    request = replace(request, transcript=None, transcript_status=None)
    w = card(wake, [request])
    assert "followed_by_request" in w.signals and not w.flagged(DEFAULT)


# --- acted on ------------------------------------------------------------------------------

@pytest.mark.parametrize(("extra", "kind"), [
    ({"response_text": "To whom?"}, "message"),
    ({"replies": ["Calling Danielle."]}, "call"),
    ({"domain": "Shopping", "intent": "BuyItemIntent"}, "purchase"),
    ({"response_text": "Turning off the kitchen lights."}, "smart_home"),
    ({"items": [{"recordItemType": "ALEXA_RESPONSE",
                 "transcriptText": "I've added eggs to your shopping list."}]}, "list"),
])
def test_actions_found_in_vendor_data(extra: dict[str, Any], kind: str) -> None:
    found = detect_action(extra)
    assert found is not None and found.kind == kind


def test_no_action_in_a_confused_reply() -> None:
    assert detect_action({"response_text": "Sorry, I'm not sure."}) is None
    assert detect_action({}) is None


def test_acted_on_only_when_flagged() -> None:
    sent = {"response_text": "To whom?", "domain": "Communications"}
    accident = card(clip("Anna said she would send a message when her train gets in.",
                         vendor_extra=sent, duration_s=4.0))
    assert accident.action == "message" and accident.acted_on(DEFAULT)
    assert any(r.code == "acted_on" and r.points == 0 for r in accident.reasons)
    request = card(clip("Alexa, send a message to Jordan.", vendor_extra=sent))
    assert request.action == "message" and not request.acted_on(DEFAULT)


def _record(i: int, when: datetime, *, said: str | None = None, label: str | None = None,
            utype: str = "GENERAL", reply: str | None = None, domain: str | None = None
            ) -> dict[str, Any]:
    device, dtype, serial = ax.DEVICES[0]
    ts = int(when.timestamp() * 1000)
    key = f"{ax.CUSTOMER_ID}#{ts}#{dtype}#{serial}"
    uid = f"AB72C64C86AW2:1.0/{when:%Y/%m/%d/%H}/{serial}/{when:%M:%S}::TNIH_2V.{i:08x}-2958"
    items: list[dict[str, Any]] = []
    for kind, text in (("CUSTOMER_TRANSCRIPT", said), ("ASR_REPLACEMENT_TEXT", label),
                       ("ALEXA_RESPONSE", reply)):
        if text is not None:
            items.append({"recordItemKey": f"{key}#{kind}#{i}", "recordItemType": kind,
                          "utteranceId": uid, "timestamp": ts, "transcriptText": text})
    return {"recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
            "device": {"deviceName": device, "serialNumber": serial, "deviceType": dtype},
            "utteranceType": utype, "domain": domain, "intent": None,
            "voiceHistoryRecordItems": items}


def _history_export(tmp: Path, records: list[dict[str, Any]],
                    audio: dict[str, bytes] | None = None) -> Path:
    files = {f"Voice History/Audio/{name}": data for name, data in (audio or {}).items()}
    files["Voice History/customer-history-records.json"] = json.dumps(
        {"customerHistoryRecords": records}).encode()
    return ax.write_export(ax.ExportContent(files, ()), tmp, name="export").path


def test_acted_on_clips_come_first_in_the_review_order(library: Library,
                                                       tmp_path: Path) -> None:
    h = timedelta(hours=2)
    records = [
        _record(0, T0, said="what's the weather", reply="Rain tomorrow.", domain="Weather"),
        _record(1, T0 + h, label=NOT_UNDERSTOOD, utype="WAKE_WORD_ONLY"),  # 55, no action
        _record(2, T0 + 2 * h, label=NOT_INTENDED, reply="To whom?"),  # 50, acted on
        _record(3, T0 + 3 * h, label=NOT_INTENDED),  # 50, no action
    ]
    library.import_export([_history_export(tmp_path, records)])
    report = library.flag()
    assert (report.flagged, report.acted_on) == (3, 1)
    ordered = library.clips(ClipQuery(order="priority"))
    assert [c.vendor_transcript for c in ordered][:2] == [NOT_INTENDED, NOT_UNDERSTOOD]
    assert ordered[0].acted_on and ordered[0].action == "message"
    assert ordered[1].score is not None and ordered[0].score is not None
    assert ordered[1].score > ordered[0].score  # acted on beats a higher score
    assert not ordered[-1].flagged
    assert [c.id for c in library.clips(ClipQuery(flagged=True, order="priority"))] == \
        [c.id for c in ordered[:3]]


# --- weights -------------------------------------------------------------------------------

def test_built_in_weights_cover_every_rule_and_presets_are_ordered() -> None:
    w = default_weights()
    assert set(w.rules) == set(REASON_TEXT)
    assert w.presets["careful"] > w.presets["default"] == w.threshold > w.presets["thorough"]
    assert w.threshold_for("careful") == w.presets["careful"]
    assert w.threshold_for() == w.threshold
    assert w.threshold_for("thorough", threshold=120) == 100
    with pytest.raises(WeightsError):
        w.threshold_for("reckless")


def test_user_weights_override_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    assert load_weights(None).source == "built-in"
    assert load_weights(path).rules == default_weights().rules  # no file yet
    path.write_text(json.dumps({"version": 1, "threshold": 60,
                                "presets": {"careful": 80, "default": 60, "thorough": 40},
                                "rules": {"no_wake_word": 42}}))
    w = load_weights(path)
    assert w.rules["no_wake_word"] == 42 and w.threshold == 60
    assert w.rules["music"] == default_weights().rules["music"]  # merged from the built-in
    assert w.source == str(path)


@pytest.mark.parametrize("text", [
    "{not json", json.dumps({"rules": {}}),
    json.dumps({"threshold": 50, "presets": {}, "rules": {"made_up_rule": 5}}),
    json.dumps({"threshold": 50, "presets": {}, "rules": {"music": "loud"}})])
def test_broken_weights_file_is_a_weights_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(text)
    with pytest.raises(WeightsError, match="delete it"):
        load_weights(path)


def test_points_come_from_the_weights() -> None:
    f = clip("He said it would rain tomorrow.")
    w = default_weights()
    w.rules["no_wake_word"] = 33
    c = card(f, weights=w)
    assert next(r.points for r in c.reasons if r.code == "no_wake_word") == 33
    assert c.score == sum(r.points for r in c.reasons) or c.score in (0, 100)


def test_library_preset_and_threshold(library: Library, tmp_path: Path) -> None:
    records = [_record(0, T0, label=NOT_INTENDED)]  # scores exactly 50
    library.import_export([_history_export(tmp_path, records)])
    assert library.flag().flagged == 1
    assert library.flag(preset="careful").flagged == 0
    assert library.threshold() == default_weights().presets["careful"]
    assert library.flag(threshold=50).flagged == 1


# --- calibration ---------------------------------------------------------------------------

def test_calibrate_repairs_a_rule_with_the_wrong_sign(library: Library, tmp_path: Path) -> None:
    records = []
    for i in range(72):
        when = T0 + timedelta(hours=3 * i)
        kind = i % 3
        if kind == 0:
            records.append(_record(i, when, label=NOT_INTENDED,
                                   utype="DISCARDED_NON_DEVICE_DIRECTED_INTENT"))
        elif kind == 1 and i % 2:
            records.append(_record(i, when, label=NOT_UNDERSTOOD))
        else:
            records.append(_record(i, when, said="what time is it", reply="It's 7 PM."))
    library.import_export([_history_export(tmp_path, records)])
    # Deliberately wrong user weights: Amazon's "not intended" label counted *against*.
    wrong = default_weights()
    wrong.rules["vendor_not_intended"] = -40
    weights_file = library.paths.data_dir / "flag-weights.json"
    weights_file.write_text(json.dumps(wrong.to_json()))
    library.flag()
    for c in library.clips():
        accidental = c.vendor_transcript in (NOT_INTENDED, NOT_UNDERSTOOD)
        library.decide([c.id], "accidental" if accidental else "keep")

    result = library.calibrate()
    assert result.after.f1 > result.before.f1
    assert result.after.f1 == pytest.approx(1.0)
    saved = json.loads(weights_file.read_text())
    assert saved["rules"]["vendor_not_intended"] > 0
    assert library.weights().rules["vendor_not_intended"] > 0
    # Every clip was re-scored with the new weights.
    flagged = {c.vendor_transcript for c in library.clips(ClipQuery(flagged=True))}
    assert flagged == {NOT_INTENDED, NOT_UNDERSTOOD}


# --- named real clips through the real model -----------------------------------------------

needs_corpus = pytest.mark.skipif(not (CORPUS / "alexa" / "0.flac").is_file(),
                                  reason="shared corpus not present")


def _load(path: Path) -> np.ndarray:
    from reviewer.core.audio.decode import decode_audio

    return decode_audio(path.read_bytes())


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.float32)


@pytest.fixture(scope="module")
def real_scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Scorecard]]:
    """A small Alexa export of real clips, imported, transcribed with tiny.en and flagged."""
    if not (CORPUS / "alexa" / "0.flac").is_file():
        pytest.skip("shared corpus not present")
    tmp = tmp_path_factory.mktemp("real")
    alexa = [_load(CORPUS / "alexa" / f"{n}.flac") for n in (9, 10, 8)]
    weather = _load(CORPUS / "commands" / "cmd01.wav")
    timer = _load(CORPUS / "commands" / "cmd02.wav")
    pad = _silence(0.3)
    rng = np.random.default_rng(7)
    clips: dict[str, tuple[np.ndarray, dict[str, Any], float]] = {
        # name: (audio, record fields, seconds after the previous clip ends)
        "wake+command": (np.concatenate([pad, alexa[0], _silence(0.2), weather, pad]),
                         {"said": "what's the weather like tomorrow", "reply": "Rain."}, 0),
        "wake only": (np.concatenate([pad, alexa[1], pad]),
                      {"label": NOT_INTENDED, "utype": "WAKE_WORD_ONLY"}, 3600),
        "request after it": (np.concatenate([pad, timer, pad]),
                             {"said": "set a timer for ten minutes",
                              "reply": "Ten minutes, starting now."}, 2.5),
        "jfk": (_load(CORPUS / "speech" / "jfk.flac"), {"said": "ask not"}, 3600),
        "noise": (noise(3.0, 0.05, seed=3) + 0.002 * rng.standard_normal(3 * SAMPLE_RATE),
                  {"label": NOT_UNDERSTOOD}, 3600),
    }
    records, audio, names = [], {}, {}
    when = T0
    for i, (name, (samples, fields, after)) in enumerate(clips.items()):
        when = when + timedelta(seconds=after)
        rec = _record(i, when, **fields)
        records.append(rec)
        uid = rec["voiceHistoryRecordItems"][0]["utteranceId"]
        file_name = uid.replace("/", "_").replace(":", "_") + ".wav"
        audio[file_name] = encode(np.asarray(samples, np.float32), "wav")
        names[file_name] = name
        when = when + timedelta(seconds=len(samples) / SAMPLE_RATE)
    export = _history_export(tmp, records, audio)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        with Library.open(tmp / "library") as lib:
            lib.import_export([export])
            report = lib.transcribe()
            assert report.done + report.no_speech == len(clips)
            lib.flag()
            cards = {}
            for c in lib.clips():
                cards[names[Path(c.source_path or "").name]] = lib.explain(c.id)[1]
    yield cards


@needs_corpus
def test_real_alexa_followed_by_a_command_is_not_flagged(
        real_scan: dict[str, Scorecard]) -> None:
    c = real_scan["wake+command"]
    assert "wake_word" in c.signals and "command_form" in c.signals
    assert not c.flagged(DEFAULT)


@needs_corpus
def test_real_wake_word_only_then_a_request_is_not_flagged(
        real_scan: dict[str, Scorecard]) -> None:
    wake, request = real_scan["wake only"], real_scan["request after it"]
    assert "followed_by_request" in wake.signals and "vendor_not_intended" in wake.signals
    assert not wake.flagged(DEFAULT)
    assert "follow_up" in request.signals and not request.flagged(DEFAULT)


@needs_corpus
def test_real_jfk_has_no_wake_word(real_scan: dict[str, Scorecard]) -> None:
    c = real_scan["jfk"]
    assert "Doesn't start with \u201cAlexa\u201d" in [r.text for r in c.reasons]
    assert c.flagged(DEFAULT)


@needs_corpus
def test_real_noise_has_no_speech(real_scan: dict[str, Scorecard]) -> None:
    c = real_scan["noise"]
    assert "no_speech" in c.signals
    assert any(r.text.startswith("No speech detected") for r in c.reasons)
    assert c.flagged(default_weights().presets["careful"])


def test_word_helpers() -> None:
    assert words.similarity("alixa", "alexa") == pytest.approx(0.8)
    assert words.is_wake_word_only("Alexa. Alexa.")
    assert not words.is_wake_word_only("Alexa, stop.")
    assert words.sentences("I like that. What time is it? 10.5") == [
        ["i", "like", "that"], ["what", "time", "is", "it"], ["10", "5"]]
