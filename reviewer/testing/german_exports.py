"""A German household's voice history: an Alexa export with German labels and replies, and a
Google Takeout ("Meine Aktivitäten", JSON) with German titles, built from the committed
espeak-ng German clips (`data/speech_de`).

Every clip is labelled intended or accidental, so tests can check the flags:
- Alexa: six requests ("Alexa, wie wird das Wetter morgen?" …) with Amazon's German transcript
  and Alexa's German answer; overheard talk Amazon labelled "Text nicht verfügbar – Audio war
  nicht für Alexa bestimmt" or "Audio konnte nicht verstanden werden", or transcribed as a
  fragment; one overheard line Alexa took for "schick eine Nachricht" and answered "An wen?"
  (acted on).
- Google: two requests titled "Gesagt: …", overheard lines titled "Unbekannter Sprachbefehl"
  or with a garbled "Gesagt: …".
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from reviewer.testing import alexa_exports as ax
from reviewer.testing import google_exports as gx
from reviewer.testing.audio import SAMPLE_RATE, Samples, encode, noise

SPEECH_DE = Path(__file__).parent / "data" / "speech_de"
START = datetime(2024, 3, 4, 17, 2, 11, 250000, tzinfo=UTC)  # 18:02 in Berlin
ACCOUNT = "A1DEKUNDE0B3RL1N"
LABEL_NOT_INTENDED = "Text nicht verfügbar \u2013 Audio war nicht für Alexa bestimmt"
LABEL_NOT_UNDERSTOOD = "Audio konnte nicht verstanden werden"
TITLE_UNKNOWN = "Unbekannter Sprachbefehl"
DEVICES = (("Echo Küche", "A3S5BH2HU6VAYF", "G090LF0964340DE1"),
           ("Echo Dot Wohnzimmer", "A32DOYMUN6DTXA", "G0911W0793360DE2"))


@dataclass(frozen=True)
class GermanClip:
    """One record of the export and what it really was."""

    vendor: str  # "amazon" or "google"
    speech: str  # the committed clip (file in data/speech_de)
    text: str  # what was spoken
    accidental: bool
    when: datetime
    vendor_text: str | None  # Amazon's transcript or label / Google's title
    reply: str | None = None
    acted_on: bool = False
    file_name: str = ""  # the audio file's name in the export


def speech_rows() -> dict[str, dict[str, str]]:
    with (SPEECH_DE / "speech.tsv").open(encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh, delimiter="\t")}


def recorded(name: str, seed: int) -> Samples:
    """A committed clip as a device records it: a short lead-in, the speech, room tone."""
    clip = gx.decode_audio((SPEECH_DE / name).read_bytes())
    body = np.concatenate([noise(0.3, 0.003, seed=seed), clip, noise(0.5, 0.003, seed=seed + 1)])
    return np.asarray(body.clip(-1, 1), dtype=np.float32)


# (speech file, Amazon's transcript or label, Alexa's reply, domain, intent, accidental)
_ALEXA: tuple[tuple[str, str, str | None, str | None, str | None, bool], ...] = (
    ("command_01.ogg", "wie wird das wetter morgen",
     "Morgen wird es in Berlin bewölkt bei 12 Grad.", "Weather", "GetWeatherForecastIntent",
     False),
    ("command_02.ogg", "schalte das licht in der küche aus", "Okay.", "SmartHome",
     "TurnOffApplianceIntent", False),
    ("overheard_01.ogg", LABEL_NOT_INTENDED, None, None, None, True),
    ("command_03.ogg", "stell einen timer auf zehn minuten", "Zehn Minuten, ab jetzt.",
     "Timers", "SetTimerIntent", False),
    ("overheard_02.ogg", LABEL_NOT_UNDERSTOOD, None, None, None, True),
    ("command_04.ogg", "spiel musik von den beatles",
     "Ich spiele Musik von den Beatles von Amazon Music.", "Music", "PlayMusicIntent", False),
    ("overheard_03.ogg", "das essen", "Das weiß ich leider nicht.", "Knowledge", "QAIntent",
     True),
    ("command_05.ogg", "setz milch auf die einkaufsliste",
     "Ich habe Milch zu deiner Einkaufsliste hinzugefügt.", "ShoppingList", "AddToListIntent",
     False),
    ("overheard_04.ogg", "schick eine nachricht", "An wen?", "Communications",
     "SendMessageIntent", True),
    ("command_06.ogg", "schick eine nachricht an jonas", "Nachricht an Jonas gesendet.",
     "Communications", "SendMessageIntent", False),
)
# (speech file, title, reply, accidental)
_GOOGLE: tuple[tuple[str, str, str | None, bool], ...] = (
    ("command_07.ogg", "Gesagt: mach das Licht im Schlafzimmer an",
     "Okay, das Licht im Schlafzimmer ist an.", False),
    ("overheard_05.ogg", TITLE_UNKNOWN, None, True),
    ("command_08.ogg", "Gesagt: erinnere mich morgen um acht an den Zahnarzt",
     "Okay, ich erinnere dich morgen um 8 Uhr.", False),
    ("overheard_06.ogg", "Gesagt: alles klar dann treffen wir uns",
     "Das habe ich leider nicht verstanden.", True),
    ("overheard_07.ogg", TITLE_UNKNOWN, None, True),
)


def alexa_clips() -> list[GermanClip]:
    rows = speech_rows()
    clips = []
    for i, (speech, said, reply, _domain, _intent, accidental) in enumerate(_ALEXA):
        when = START + timedelta(hours=5 * i, minutes=7 * i, seconds=13.5 * i)
        clips.append(GermanClip("amazon", speech, rows[speech]["text"], accidental, when, said,
                                reply, acted_on=accidental and reply == "An wen?"))
    return clips


def google_clips() -> list[GermanClip]:
    rows = speech_rows()
    return [GermanClip("google", speech, rows[speech]["text"], accidental,
                       START + timedelta(days=2, hours=4 * i, minutes=11 * i), title, reply)
            for i, (speech, title, reply, accidental) in enumerate(_GOOGLE)]


def _alexa_record(i: int, c: GermanClip, domain: str | None, intent: str | None
                  ) -> tuple[dict[str, Any], str]:
    device, dtype, serial = DEVICES[i % len(DEVICES)]
    ts = int(c.when.timestamp() * 1000)
    key = f"{ACCOUNT}#{ts}#{dtype}#{serial}"
    uid = (f"AB72C64C86AW2:1.0/{c.when:%Y/%m/%d/%H}/{serial}/{c.when:%M:%S}::TNIH_2V."
           f"{i:08x}-4b1d-4a8a-bc62-5c2d8d0b9dde")
    kind = ("ASR_REPLACEMENT_TEXT" if c.vendor_text in (LABEL_NOT_INTENDED, LABEL_NOT_UNDERSTOOD)
            else "CUSTOMER_TRANSCRIPT")
    items: list[dict[str, Any]] = [{
        "recordItemKey": f"{key}#{kind}#0", "recordItemType": kind, "utteranceId": uid,
        "timestamp": ts, "transcriptText": c.vendor_text, "agentVisualName": "Alexa"}]
    if c.reply is not None:
        items.append({"recordItemKey": f"{key}#ALEXA_RESPONSE#0",
                      "recordItemType": "ALEXA_RESPONSE", "utteranceId": uid,
                      "timestamp": ts + 900, "transcriptText": c.reply,
                      "agentVisualName": "Alexa"})
    utype = ("DISCARDED_NON_DEVICE_DIRECTED_INTENT" if c.vendor_text == LABEL_NOT_INTENDED
             else "GENERAL")
    record = {
        "recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
        "device": {"deviceName": device, "serialNumber": serial, "deviceType": dtype},
        "isBinaryFeedbackProvided": False, "isFeedbackPositive": False,
        "utteranceType": utype, "domain": domain, "intent": intent, "skillName": None,
        "voiceHistoryRecordItems": items, "personsInfo": []}
    return record, uid.replace("/", "_").replace(":", "_")


def write_alexa(dest: Path) -> tuple[Path, list[GermanClip]]:
    """An unzipped Amazon download (`dest/amazon-daten/Alexa/...`) of `alexa_clips()`."""
    clips = []
    records: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for i, (c, template) in enumerate(zip(alexa_clips(), _ALEXA, strict=True)):
        record, stem = _alexa_record(i, c, template[3], template[4])
        records.append(record)
        fmt = "mp3" if i % 3 == 2 else "wav"
        files[f"Voice History/Audio/{stem}.{fmt}"] = encode(recorded(c.speech, seed=i), fmt)
        clips.append(replace(c, file_name=f"{stem}.{fmt}"))
    page = {"customerHistoryRecords": list(reversed(records)), "encodedRequestToken": None}
    files["Voice History/customer-history-records.json"] = json.dumps(
        page, indent=1, ensure_ascii=False).encode("utf-8")
    built = ax.write_export(ax.ExportContent(files, ()), dest, form="folder",
                            name="amazon-daten")
    return built.path, clips


def write_google(dest: Path) -> tuple[Path, list[GermanClip]]:
    """A German Takeout (`takeout-…/Takeout/Meine Aktivitäten/Assistant/…`), JSON layout."""
    clips = google_clips()
    entries = [gx.AssistantEntry(time=c.when, title=c.vendor_text or TITLE_UNKNOWN,
                                 audio=gx.encode_mp3(recorded(c.speech, seed=100 + i)),
                                 details=[gx.HOTWORD], replies=[c.reply] if c.reply else [])
               for i, c in enumerate(clips)]
    [path] = gx.write_takeout(dest, entries, locale="de")
    return path, [replace(c, file_name=e.file_name or "")
                  for c, e in zip(clips, entries, strict=True)]


__all__ = ["LABEL_NOT_INTENDED", "LABEL_NOT_UNDERSTOOD", "SAMPLE_RATE", "TITLE_UNKNOWN",
           "GermanClip", "alexa_clips", "google_clips", "recorded", "speech_rows",
           "write_alexa", "write_google"]
