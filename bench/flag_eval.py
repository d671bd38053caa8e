"""How well does the flagger find accidental recordings? A labelled export, run through `scan`.

    .venv/bin/python bench/flag_eval.py [--vendor amazon|google|both] [--scale F] [--seed N]
                                        [--language en|de]
                                        [--set audio|text|both] [--text-split dev|held|both]
                                        [--details] [--keep DIR [--reuse]] [--save-json FILE]

Builds voice-history exports whose every clip is labelled intended or accidental, runs the
whole pipeline on them through the real command line (`python -m reviewer --data-dir TMP scan
EXPORT --json OUT`: import, Whisper tiny.en, flagging), and prints precision, recall and F1 at
each preset, PR-AUC, a table per category of clip, and the same for a "vendor labels only"
baseline (flagged = the vendor marked the clip not intended / not understood / contentless).

Intended clips: a real person saying "Alexa" (`alexa/`) + 0.2 s + a spoken command
(`commands/`); "Hey/OK Google" + command (the committed espeak-ng clips, and "Hey Google" +
a corpus command); a bare wake word followed a few seconds later, on the same device, by the
request (Amazon stores these as two recordings, and labels the first "not intended"); a few
short sessions of several requests in a row. Accidental clips: overheard conversation
(`overheard/`, `librispeech/`, the committed overheard lines), TV-like dialogue (several
LibriSpeech voices in a row, quieter and band-limited), near-miss words ("election",
"a letter", "Alexis", "okay cool", ...), music (`music/`), generated noise and near-silence,
long multi-speaker talk (`speech/`). Vendor labels sit on only some accidental clips, as in
real exports; the rest carry whatever the vendor's recogniser made of them (and a few were
acted on: "To whom?", "Playing ...").

The vendor-text-only set (`--set text`, see `bench/vendor_text_set.py`) has no audio at all:
an Alexa privacy-page JSON and Google entries saved without audio, with ordinary requests,
legitimate dialogues (the device asked "What's the message?" and was answered), overheard
lines the cloud answered, and accidental dialogues that sent, bought, called or unlocked. Its
lines are split into a dev half and a held-out half; both figures are printed.

Timestamps spread over six weeks: requests in the user's waking hours on three devices,
accidental activations mostly in TV and family hours, plus bursts at night (a TV left on).
Without the shared corpus (`../shared/corpus`) only the Google export is built, from the
committed speech clips and generated audio.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.flagging.scorecard import default_weights  # noqa: E402
from reviewer.testing import alexa_exports as ax  # noqa: E402
from reviewer.testing import google_exports as gx  # noqa: E402
from reviewer.testing.audio import encode  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
import vendor_text_set as vts  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
ASSETS = REPO / "reviewer" / "testing" / "data" / "speech"
RATE = 16_000
Samples = npt.NDArray[np.float32]

START = datetime(2024, 2, 5, 0, 0, tzinfo=UTC)
DAYS = 42
AMAZON_DEVICES = (("Kitchen Echo", "A3S5BH2HU6VAYF", "G090LF0964340EAH"),
                  ("Living Room Dot", "A32DOYMUN6DTXA", "G0911W0793360TLG"),
                  ("Bedroom Echo Dot", "A1RABVCI4QCIKC", "G2A0V7049223011R"))
# Hours (UTC, the basis the flagger uses too) the user talks to the devices, and how often.
USER_HOURS = {6: 1, 7: 3, 8: 3, 9: 1, 10: 1, 11: 1, 12: 2, 13: 1, 14: 1, 15: 1, 16: 1, 17: 2,
              18: 3, 19: 3, 20: 3, 21: 2, 22: 2, 23: 1}
# When accidental activations happen outside bursts: TV evenings, family mornings.
ACCIDENT_HOURS = {7: 2, 8: 2, 9: 1, 12: 1, 13: 1, 16: 1, 17: 2, 18: 3, 19: 4, 20: 4, 21: 4,
                  22: 3, 23: 2}

# Vendor labels, verbatim.
NOT_INTENDED = ax.LABEL_NOT_INTENDED  # "Text not available – audio was not intended for Alexa"
NOT_UNDERSTOOD = ax.LABEL_NOT_UNDERSTOOD
CONTENTLESS = gx.CONTENTLESS_TITLES

# What the assistant replied to each known command: (reply, Alexa domain, Alexa intent).
REPLIES: dict[str, tuple[str | None, str | None, str | None]] = {
    "what's the weather like tomorrow": ("Tomorrow expect rain, with a high of 54 degrees.",
                                         "Weather", "GetWeatherForecastIntent"),
    "what's the weather tomorrow": ("Tomorrow expect rain, with a high of 54 degrees.",
                                    "Weather", "GetWeatherForecastIntent"),
    "set a timer for ten minutes": ("Ten minutes, starting now.", "Timers", "SetTimerIntent"),
    "play some jazz in the kitchen": ("Shuffling jazz from Amazon Music.", "Music",
                                      "PlayMusicIntent"),
    "play some jazz": ("Shuffling jazz from Amazon Music.", "Music", "PlayMusicIntent"),
    "turn off the living room lights": ("OK.", "SmartHome", "TurnOffApplianceIntent"),
    "turn on the kitchen lights": ("OK.", "SmartHome", "TurnOnApplianceIntent"),
    "turn off the bedroom lights": ("OK.", "SmartHome", "TurnOffApplianceIntent"),
    "add milk to my shopping list": ("I've added milk to your shopping list.", "ShoppingList",
                                     "AddToListIntent"),
    "what time is it": ("It's 7:42 PM.", "Global", "GetTimeIntent"),
    "remind me to call mom at six": ("OK, I'll remind you at 6 PM.", "Notifications",
                                     "CreateReminderIntent"),
    "remind me to take the bins out at seven": ("OK, I'll remind you at 7 PM.", "Notifications",
                                                "CreateReminderIntent"),
    "stop": (None, "Global", "StopIntent"),
    "how many ounces in a cup": ("There are 8 ounces in a cup.", "Knowledge", "QAIntent"),
    "volume down": (None, "Global", "VolumeDownIntent"),
    "what's on my calendar today": ("Today you have 2 events.", "Calendar",
                                    "ReadCalendarIntent"),
    "turn the thermostat to seventy degrees": ("OK, setting the thermostat to 70.",
                                               "SmartHome", "SetTemperatureIntent"),
    "call danielle": ("Calling Danielle.", "Communications", "CallIntent"),
    "call my dad": ("Calling Dad.", "Communications", "CallIntent"),
    "send a message to jordan": ("What's the message?", "Communications", "SendMessageIntent"),
    "send a message to mom saying i'm running late": ("Sending the message to Mom.",
                                                      "Communications", "SendMessageIntent"),
    "order more paper towels": ("I've placed your order for paper towels.", "Shopping",
                                "BuyItemIntent"),
    "tell me a joke": ("What do you call a fish with no eyes? A fsh.", "Entertainment",
                       "JokeIntent"),
    "pause the music": (None, "Music", "PauseIntent"),
    "what's the traffic like to work": ("Your commute is 24 minutes.", "Traffic",
                                        "GetTrafficIntent"),
    "lock the front door": ("Locking the front door.", "SmartHome", "LockIntent"),
    "good night": ("Good night, sleep well.", "Global", "GoodNightIntent"),
}
# What the recogniser made of speech nobody addressed to it, and what it answered.
GARBLES = ("what", "play", "the", "stop", "yes", "tell me", "how", "no", "turn", "I think",
           "is it", "who", "okay", "set", "and then")
CONFUSED = ("Sorry, I'm not sure.", "Hmm, I don't know that one.", None, None,
            "Sorry, I didn't get that.")
# Accidental activations the device acted on: (what it heard, reply, domain, intent).
ACCIDENTAL_ACTIONS = (
    ("send a message", "To whom?", "Communications", "SendMessageIntent"),
    ("play", "Playing Despacito by Luis Fonsi.", "Music", "PlayMusicIntent"),
    ("add eggs", "I've added eggs to your shopping list.", "ShoppingList", "AddToListIntent"),
    ("turn off", "Turning off the kitchen lights.", "SmartHome", "TurnOffApplianceIntent"),
    ("call", "Who do you want to call?", "Communications", "CallIntent"),
)
NEAR_MISS_WORDS = ("election", "a letter", "unacceptable", "alexis", "okay cool", "ok cool")


# --- audio sources ---------------------------------------------------------------------------


@dataclass
class Speech:
    text: str | None
    samples: Samples


@dataclass
class Sources:
    """Decoded audio to compose clips from; empty lists where the corpus is missing."""

    alexa: list[Samples] = field(default_factory=list)
    commands: list[Speech] = field(default_factory=list)  # without a wake word
    overheard: list[Speech] = field(default_factory=list)
    librispeech: dict[str, list[Samples]] = field(default_factory=dict)
    music: dict[str, Samples] = field(default_factory=dict)
    long_talk: dict[str, Samples] = field(default_factory=dict)
    google_commands: list[Speech] = field(default_factory=list)  # "Hey Google, ..."
    google_wake: list[Samples] = field(default_factory=list)
    asset_overheard: list[Speech] = field(default_factory=list)

    @property
    def has_corpus(self) -> bool:
        return bool(self.alexa and self.commands)


def _load(path: Path) -> Samples:
    return decode_audio(path.read_bytes())


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_sources(corpus: Path) -> Sources:
    src = Sources()
    for row in _tsv(ASSETS / "speech.tsv"):
        clip = Speech(row["text"], _load(ASSETS / row["file"]))
        if row["kind"] == "command":
            src.google_commands.append(clip)
        elif row["kind"] == "overheard":
            src.asset_overheard.append(clip)
        elif row["kind"] == "wake_only":
            src.google_wake.append(clip.samples)
    if not corpus.is_dir():
        return src
    src.alexa = [_load(p) for p in sorted((corpus / "alexa").glob("*.flac"),
                                          key=lambda p: int(p.stem) if p.stem.isdigit() else 0)]
    for folder, target in (("commands", src.commands), ("overheard", src.overheard)):
        for row in _tsv(corpus / folder / f"{folder}.tsv"):
            target.append(Speech(row["text"], _load(corpus / folder / row["file"])))
    for speaker in sorted((corpus / "librispeech").iterdir()):
        files = sorted(speaker.glob("*.flac"))
        if files:
            src.librispeech[speaker.name] = [_load(p) for p in files]
    for p in sorted((corpus / "music").iterdir()):
        if p.suffix.lower() in (".wav", ".flac", ".mp3", ".ogg"):
            src.music[p.stem] = _load(p)
    for name in ("conversation_3_speakers.wav", "jfk.flac", "multilingual_en_de.mp3",
                 "stereo_two_speakers.wav"):
        if (corpus / "speech" / name).exists():
            src.long_talk[Path(name).stem] = _load(corpus / "speech" / name)
    return src


# --- composing clips -------------------------------------------------------------------------


def _db(x: float) -> float:
    return float(10 ** (x / 20))


def floor_noise(n: int, level_db: float, rng: np.random.Generator) -> Samples:
    """`n` samples of room tone: brownish noise at `level_db` dBFS RMS."""
    n = max(1, n)
    white = rng.standard_normal(n)
    brown = np.cumsum(white)
    brown -= np.convolve(brown, np.ones(400) / 400, mode="same")  # no DC drift
    brown /= np.sqrt(np.mean(brown**2)) + 1e-9
    mixed = (0.5 * brown + 0.5 * white / np.sqrt(np.mean(white**2))) * _db(level_db)
    return np.asarray(mixed, dtype=np.float32)


def gap(seconds: float) -> Samples:
    return np.zeros(int(seconds * RATE), np.float32)


def lowpass(x: Samples, taps: int = 5) -> Samples:
    """A small TV speaker: highs rolled off."""
    return np.convolve(x, np.ones(taps, np.float32) / taps, mode="same").astype(np.float32)


def crop(x: Samples, seconds: float, rng: random.Random) -> Samples:
    n = int(seconds * RATE)
    if len(x) <= n:
        return x
    start = rng.randrange(0, len(x) - n)
    return x[start:start + n]


def room(parts: Sequence[Samples], rng: random.Random, nrng: np.random.Generator, *,
         gain_db: float = 0.0, floor_db: float | None = None, lead: float | None = None,
         tail: float | None = None) -> Samples:
    """Concatenate parts, add lead/tail time and the room's noise floor, as a device records."""
    lead = rng.uniform(0.1, 0.4) if lead is None else lead
    tail = rng.uniform(0.3, 0.8) if tail is None else tail
    body = np.concatenate([gap(lead), *parts, gap(tail)]).astype(np.float32) * _db(gain_db)
    level = rng.uniform(-62, -50) if floor_db is None else floor_db
    mixed = np.clip(body + floor_noise(len(body), level, nrng), -1, 1)
    return np.asarray(mixed, dtype=np.float32)


def noise_clip(kind: str, seconds: float, rng: random.Random,
               nrng: np.random.Generator) -> Samples:
    """Household non-speech: fan hiss, mains hum, clatter, running water, near-silence."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    x: npt.NDArray[np.float64]
    if kind == "hiss":
        x = nrng.standard_normal(n) * _db(rng.uniform(-35, -22))
    elif kind == "hum":
        f0 = rng.choice((50.0, 60.0))
        x = np.zeros(n)
        for k in range(1, 6):
            x += np.sin(2 * np.pi * f0 * k * t) / k
        x = x * _db(rng.uniform(-30, -20)) + nrng.standard_normal(n) * _db(-50)
    elif kind == "clatter":
        x = nrng.standard_normal(n) * _db(-55)
        for _ in range(rng.randint(4, 12)):
            at = rng.randrange(0, max(1, n - 4000))
            length = rng.randint(800, 4000)
            env = np.exp(-np.arange(length) / rng.uniform(150, 700))
            ring = np.sin(2 * np.pi * rng.uniform(1500, 5000) * np.arange(length) / RATE)
            x[at:at + length] += (0.5 * nrng.standard_normal(length) + ring) * env * _db(
                rng.uniform(-14, -4))
    elif kind == "water":
        water = lowpass(nrng.standard_normal(n).astype(np.float32), 3).astype(np.float64)
        x = water * _db(rng.uniform(-30, -20)) * (1 + 0.3 * np.sin(2 * np.pi * 0.7 * t))
    else:  # near-silence
        x = nrng.standard_normal(n) * _db(rng.uniform(-70, -58))
    return np.clip(np.asarray(x, np.float32), -1, 1)


# --- the labelled events ---------------------------------------------------------------------


@dataclass
class Event:
    category: str
    accidental: bool
    audio: Samples
    when: datetime
    device: str | None
    said: str | None = None  # the vendor's transcript of the request
    label: str | None = None  # Amazon's label / Google's contentless title
    utterance_type: str = "GENERAL"
    reply: str | None = None
    domain: str | None = None
    intent: str | None = None
    details: list[str] = field(default_factory=list)
    action: bool = False  # the vendor's data shows the device did something
    name: str = ""  # audio file name in the export, set when written

    @property
    def seconds(self) -> float:
        return len(self.audio) / RATE

    @property
    def vendor_labelled(self) -> bool:
        """What the "vendor labels only" baseline flags."""
        return self.label is not None


def _hour_time(day: int, hours: dict[int, int], rng: random.Random) -> datetime:
    hour = rng.choices(list(hours), weights=list(hours.values()))[0]
    return START + timedelta(days=day, hours=hour, seconds=rng.uniform(0, 3600),
                             milliseconds=rng.randrange(1000))


class Builder:
    """Makes the events of one export; `vendor` is "amazon" or "google"."""

    def __init__(self, vendor: str, src: Sources, seed: int, scale: float) -> None:
        self.vendor = vendor
        self.src = src
        self.rng = random.Random(f"{vendor}:{seed}")
        self.nrng = np.random.default_rng([zlib.crc32(vendor.encode()), seed])
        self.scale = scale
        self.events: list[Event] = []

    def n(self, count: int) -> int:
        return max(1, round(count * self.scale))

    def device(self, accidental: bool) -> str | None:
        if self.vendor == "google":
            return None
        weights = (3, 5, 2) if accidental else (5, 3, 2)
        return self.rng.choices([d[0] for d in AMAZON_DEVICES], weights=weights)[0]

    def wake(self) -> Samples:
        pool = self.src.alexa if self.vendor == "amazon" else self.src.google_wake
        return pool[self.rng.randrange(len(pool))]

    def add(self, ev: Event) -> Event:
        if self.vendor == "google":
            ev.details = ["Started by hotword", *ev.details]
        self.events.append(ev)
        return ev

    # intended -------------------------------------------------------------------------------

    def request_vendor_data(self, ev: Event, text: str) -> None:
        key = text.lower().rstrip("?.!")
        reply, domain, intent = REPLIES.get(key, ("OK.", None, None))
        ev.said, ev.reply = key, reply
        if self.vendor == "amazon":
            ev.domain, ev.intent = domain, intent
            if self.rng.random() < 0.03:  # the vendor's recogniser failed on a real request
                ev.said, ev.reply, ev.label = None, None, NOT_UNDERSTOOD
        elif self.rng.random() < 0.03:
            ev.details.append(gx.UNRECOGNIZED_SPEAKER)  # a guest's request

    def wake_and_command(self, when: datetime, device: str | None) -> Event:
        if self.vendor == "google" and self.src.google_commands and (
                not self.src.commands or self.rng.random() < 0.4):
            cmd = self.rng.choice(self.src.google_commands)
            audio = room([cmd.samples], self.rng, self.nrng, gain_db=self.rng.uniform(-4, 2))
            text = (cmd.text or "").split(",", 1)[-1].strip()
        else:
            cmd = self.rng.choice(self.src.commands)
            audio = room([self.wake(), gap(self.rng.uniform(0.15, 0.35)), cmd.samples],
                         self.rng, self.nrng, gain_db=self.rng.uniform(-4, 2))
            text = cmd.text or ""
        ev = self.add(Event("intended: wake word + command", False, audio, when, device))
        self.request_vendor_data(ev, text)
        return ev

    def wake_then_request(self, when: datetime, device: str | None) -> None:
        """A bare wake word, a pause, then the request: two recordings, both intended."""
        gain = self.rng.uniform(-4, 2)
        first = self.add(Event("intended: wake word only, then a request", False,
                               room([self.wake()], self.rng, self.nrng, gain_db=gain),
                               when, device))
        if self.vendor == "amazon":
            first.utterance_type = "WAKE_WORD_ONLY"
            first.label = self.rng.choices([NOT_INTENDED, NOT_UNDERSTOOD, None],
                                           weights=(5, 3, 2))[0]
            first.said = None if first.label else "alexa"
        else:
            first.label = CONTENTLESS[0]
        cmd = self.rng.choice(self.src.commands or self.src.google_commands)
        later = when + timedelta(seconds=first.seconds + self.rng.uniform(0.8, 7.0))
        second = self.add(Event("intended: the request after a wake word", False,
                                room([cmd.samples], self.rng, self.nrng, gain_db=gain),
                                later, device))
        text = (cmd.text or "").split(",", 1)[-1].strip()
        self.request_vendor_data(second, text)

    def intended(self, count: int, pairs: int) -> None:
        for _ in range(self.n(count)):
            when = _hour_time(self.rng.randrange(DAYS), USER_HOURS, self.rng)
            device = self.device(False)
            ev = self.wake_and_command(when, device)
            # Sometimes one request leads to another: a short session of 2-3 in a row.
            for _ in range(self.rng.choices((0, 1, 2), weights=(80, 14, 6))[0]):
                when = ev.when + timedelta(seconds=ev.seconds + self.rng.uniform(15, 100))
                ev = self.wake_and_command(when, device)
        for _ in range(self.n(pairs)):
            when = _hour_time(self.rng.randrange(DAYS), USER_HOURS, self.rng)
            self.wake_then_request(when, self.device(False))

    # accidental -----------------------------------------------------------------------------

    def accidental_vendor_data(self, ev: Event, heard: str | None, speech: bool) -> None:
        rng = self.rng
        if self.vendor == "amazon":
            # Amazon labels only some false wakes; the rest get what its recogniser heard.
            weights = (30, 15, 55) if speech else (20, 35, 45)
            kind = rng.choices(("not_intended", "not_understood", "text"), weights=weights)[0]
            if kind == "not_intended":
                ev.label, ev.utterance_type = NOT_INTENDED, "DISCARDED_NON_DEVICE_DIRECTED_INTENT"
                return
            if kind == "not_understood":
                ev.label = NOT_UNDERSTOOD
                return
        elif rng.random() < (0.4 if speech else 0.6):
            ev.label = rng.choice(CONTENTLESS)
            if speech and rng.random() < 0.3:
                ev.details.append(gx.UNRECOGNIZED_SPEAKER)
            return
        if rng.random() < 0.12:
            said, reply, domain, intent = rng.choice(ACCIDENTAL_ACTIONS)
            ev.said, ev.reply, ev.action = said, reply, True
            if self.vendor == "amazon":
                ev.domain, ev.intent = domain, intent
        else:
            words = (heard or "").split()
            ev.said = (" ".join(words[:rng.randint(1, 4)]).lower().strip(",.?!")
                       if words and rng.random() < 0.6 else rng.choice(GARBLES))
            ev.reply = rng.choice(CONFUSED)
        if self.vendor == "google" and speech and rng.random() < 0.25:
            ev.details.append(gx.UNRECOGNIZED_SPEAKER)

    def accident(self, category: str, audio: Samples, heard: str | None, *, speech: bool = True,
                 when: datetime | None = None, device: str | None = None) -> Event:
        if when is None:
            day = self.rng.randrange(DAYS)
            when = (_hour_time(day, ACCIDENT_HOURS, self.rng) if self.rng.random() < 0.93
                    else START + timedelta(days=day, hours=self.rng.uniform(0, 24)))
            device = self.device(True)
        ev = self.add(Event(category, True, audio, when, device))
        self.accidental_vendor_data(ev, heard, speech)
        return ev

    def accidental(self, bursts: int) -> None:
        rng, src = self.rng, self.src
        overheard = [*src.overheard, *src.asset_overheard]
        for _ in range(2 if self.vendor == "amazon" else 1):
            for line in overheard:
                near = any(w in (line.text or "").lower() for w in NEAR_MISS_WORDS)
                category = "accidental: near-miss words" if near else \
                    "accidental: overheard conversation"
                if rng.random() > self.scale:
                    continue
                audio = room([line.samples], rng, self.nrng, gain_db=rng.uniform(-14, 0))
                self.accident(category, audio, line.text)
        voices = [(spk, x) for spk, clips in src.librispeech.items() for x in clips]
        rng.shuffle(voices)
        singles = self.n(60 if self.vendor == "amazon" else 20)
        for _spk, x in voices[:singles]:
            x = crop(x, rng.uniform(2.5, 9.0), rng) if rng.random() < 0.6 else x
            audio = room([x], rng, self.nrng, gain_db=rng.uniform(-14, 0))
            self.accident("accidental: overheard conversation (other voices)", audio, None)
        rest = voices[singles:]
        for _ in range(self.n(10 if self.vendor == "amazon" else 4)):
            # TV-like dialogue: voices taking turns through a small speaker, across the room.
            turns = [crop(rest.pop()[1], rng.uniform(1.5, 4.5), rng)
                     for _ in range(rng.randint(2, 3)) if rest]
            if not turns:
                break
            parts: list[Samples] = []
            for t in turns:
                parts += [lowpass(t, rng.choice((3, 5, 7))), gap(rng.uniform(0.1, 0.5))]
            self.accident("accidental: TV-like dialogue", room(
                parts, rng, self.nrng, gain_db=rng.uniform(-18, -6)), None)
        self.non_speech()
        self.long_talk()
        self.night_bursts(bursts)

    def non_speech(self) -> None:
        rng = self.rng
        for name, x in self.src.music.items():
            for _ in range(self.n(4 if self.vendor == "amazon" else 2)):
                audio = room([crop(x, rng.uniform(4.0, 9.0), rng)], rng, self.nrng,
                             gain_db=rng.uniform(-12, -2))
                self.accident("accidental: music", audio, None, speech=name.startswith("speech"))
        if not self.src.music:  # generated "music": chords
            for k in range(self.n(6)):
                secs = rng.uniform(4, 9)
                t = np.arange(int(secs * RATE)) / RATE
                root_f = 110 * 2 ** (rng.randrange(12) / 12)
                chord = np.zeros(len(t))
                for ratio in (1.0, 1.26, 1.5, 2.0):
                    chord += np.sin(2 * np.pi * root_f * ratio * t)
                self.accident("accidental: music", room(
                    [(0.05 * chord).astype(np.float32)], rng, self.nrng,
                    gain_db=rng.uniform(-12, -2)), None, speech=bool(k < 0))
        kinds = ("hiss", "hum", "clatter", "water", "silence")
        for i in range(self.n(18 if self.vendor == "amazon" else 8)):
            kind = kinds[i % len(kinds)]
            category = ("accidental: silence" if kind == "silence" else "accidental: noise")
            audio = room([noise_clip(kind, rng.uniform(1.5, 7.0), rng, self.nrng)], rng,
                         self.nrng)
            self.accident(category, audio, None, speech=False)

    def long_talk(self) -> None:
        rng = self.rng
        for name, x in self.src.long_talk.items():
            count = {"conversation_3_speakers": 6, "multilingual_en_de": 2}.get(name, 1)
            for _ in range(self.n(count if self.vendor == "amazon" else max(1, count // 3))):
                length = rng.uniform(12, 40) if len(x) > 20 * RATE else len(x) / RATE
                audio = room([crop(x, length, rng)], rng, self.nrng, gain_db=rng.uniform(-10, 0))
                self.accident("accidental: long multi-speaker talk", audio, None)

    def night_bursts(self, bursts: int) -> None:
        """A TV left on at night: several activations within a few minutes."""
        rng = self.rng
        voices = [x for clips in self.src.librispeech.values() for x in clips] or [
            s.samples for s in self.src.asset_overheard]
        for b in range(self.n(bursts)):
            day = rng.randrange(DAYS)
            when = START + timedelta(days=day, hours=rng.choice((0, 1, 2, 3, 4)),
                                     minutes=rng.uniform(0, 50))
            device = "Living Room Dot" if self.vendor == "amazon" and b % 3 else self.device(True)
            for _ in range(rng.randint(3, 5)):
                x = crop(rng.choice(voices), rng.uniform(2.5, 7.0), rng)
                audio = room([lowpass(x, 5)], rng, self.nrng, gain_db=rng.uniform(-16, -6))
                ev = self.accident("accidental: TV at night (burst)", audio, None,
                                   when=when, device=device)
                when = ev.when + timedelta(seconds=ev.seconds + rng.uniform(15, 80))

    def finish(self) -> list[Event]:
        """Keep unrelated events from touching (a real device records one thing at a time)."""
        by_device: dict[str | None, list[Event]] = defaultdict(list)
        for ev in self.events:
            by_device[ev.device].append(ev)
        for evs in by_device.values():
            evs.sort(key=lambda e: e.when)
            for a, b in itertools.pairwise(evs):
                paired = b.category == "intended: the request after a wake word" and \
                    a.category.startswith("intended: wake word only")
                earliest = a.when + timedelta(seconds=a.seconds + (0 if paired else 20))
                if b.when < earliest:
                    b.when = earliest + timedelta(seconds=self.rng.uniform(0, 30))
        for ev in self.events:
            ev.when = ev.when.replace(microsecond=ev.when.microsecond // 1000 * 1000)
        return sorted(self.events, key=lambda e: e.when)


def build_events(vendor: str, src: Sources, seed: int, scale: float) -> list[Event]:
    b = Builder(vendor, src, seed, scale)
    if vendor == "amazon":
        b.intended(count=200, pairs=40)
        b.accidental(bursts=6)
    else:
        b.intended(count=70, pairs=10)
        b.accidental(bursts=3)
    return b.finish()


# --- writing the exports ---------------------------------------------------------------------


def write_amazon(events: Sequence[Event], dest: Path) -> Path:
    serials = {name: (dtype, serial) for name, dtype, serial in AMAZON_DEVICES}
    records: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for i, ev in enumerate(events):
        dtype, serial = serials[ev.device or AMAZON_DEVICES[0][0]]
        ts = int(ev.when.timestamp() * 1000)
        key = f"{ax.CUSTOMER_ID}#{ts}#{dtype}#{serial}"
        uid = (f"AB72C64C86AW2:1.0/{ev.when:%Y/%m/%d/%H}/{serial}/{ev.when:%M:%S}::TNIH_2V."
               f"{i:08x}-2958-4a8a-bc62-5c2d8d0b9d1c")
        items: list[dict[str, Any]] = []
        if ev.said is not None:
            items.append({"recordItemKey": f"{key}#CUSTOMER_TRANSCRIPT#0",
                          "recordItemType": "CUSTOMER_TRANSCRIPT", "utteranceId": uid,
                          "timestamp": ts, "transcriptText": ev.said, "agentVisualName": "Alexa"})
        if ev.label is not None:
            items.append({"recordItemKey": f"{key}#ASR_REPLACEMENT_TEXT#0",
                          "recordItemType": "ASR_REPLACEMENT_TEXT", "utteranceId": uid,
                          "timestamp": ts, "transcriptText": ev.label})
        if ev.reply is not None:
            items.append({"recordItemKey": f"{key}#ALEXA_RESPONSE#0",
                          "recordItemType": "ALEXA_RESPONSE", "utteranceId": uid,
                          "timestamp": ts + 900, "transcriptText": ev.reply,
                          "agentVisualName": "Alexa"})
        records.append({
            "recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
            "device": {"deviceName": ev.device, "serialNumber": serial, "deviceType": dtype},
            "isBinaryFeedbackProvided": False, "isFeedbackPositive": False,
            "utteranceType": ev.utterance_type, "domain": ev.domain, "intent": ev.intent,
            "skillName": None, "voiceHistoryRecordItems": items, "personsInfo": []})
        fmt = "mp3" if i % 5 == 4 else "wav"
        ev.name = uid.replace("/", "_").replace(":", "_") + f".{fmt}"
        files[f"Voice History/Audio/{ev.name}"] = encode(ev.audio, fmt)
    newest_first = list(reversed(records))
    for page, start in enumerate(range(0, len(newest_first), 100)):
        body = {"customerHistoryRecords": newest_first[start:start + 100],
                "encodedRequestToken": None}
        files[f"Voice History/customer-history-records-{page + 1}.json"] = json.dumps(
            body, indent=1, ensure_ascii=False).encode("utf-8")
    built = ax.write_export(ax.ExportContent(files, ()), dest, form="folder",
                            name="amazon-voice-history")
    return built.path


def write_google(events: Sequence[Event], dest: Path,
                 said: Callable[[str], str] = gx.said, locale: gx.Locale = "en") -> Path:
    entries = []
    for ev in events:
        title = ev.label if ev.label is not None else said(ev.said or "")
        entry = gx.AssistantEntry(time=ev.when, title=title, audio=gx.encode_mp3(ev.audio),
                                  details=list(ev.details),
                                  replies=[ev.reply] if ev.reply else [])
        ev.name = entry.file_name or ""
        entries.append(entry)
    [path] = gx.write_takeout(dest, entries, locale=locale)
    return path


# --- running and scoring ---------------------------------------------------------------------


def run_scan(export: Path, data_dir: Path, out: Path, model: str = "tiny.en") -> float:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(data_dir), "scan",
                           str(export), "--json", str(out), "--model", model], env=env, cwd=REPO,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"reviewer scan failed with exit code {proc.returncode}")
    return time.perf_counter() - t0


@dataclass
class Result:
    event: Event
    vendor: str
    row: dict[str, Any]

    @property
    def score(self) -> int:
        return int(self.row["score"] or 0)

    @property
    def accidental(self) -> bool:
        return self.event.accidental

    @property
    def category(self) -> str:
        return self.event.category

    @property
    def vendor_labelled(self) -> bool:
        return self.event.vendor_labelled


class Labelled(Protocol):
    """What the tables need of a result of either set."""

    @property
    def score(self) -> int: ...
    @property
    def accidental(self) -> bool: ...
    @property
    def category(self) -> str: ...
    @property
    def vendor_labelled(self) -> bool: ...


def join_results(vendor: str, events: Sequence[Event], rows: Sequence[dict[str, Any]]
                 ) -> list[Result]:
    by_name = {ev.name: ev for ev in events}
    results = []
    for row in rows:
        name = str(row.get("source") or "").rsplit("/", 1)[-1]
        ev = by_name.pop(name, None)
        if ev is None:
            raise SystemExit(f"scan output names a clip the harness did not write: {name}")
        results.append(Result(ev, vendor, row))
    if by_name:
        raise SystemExit(f"{len(by_name)} clips of the {vendor} export missing from the scan "
                         f"output, e.g. {next(iter(by_name))}")
    return results


L = TypeVar("L", bound="Labelled")


@dataclass
class Quality:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def quality(results: Iterable[L], flag: Callable[[L], bool]) -> Quality:
    q = Quality(0, 0, 0, 0)
    for r in results:
        f, a = flag(r), r.accidental
        q.tp += f and a
        q.fp += f and not a
        q.fn += (not f) and a
        q.tn += (not f) and not a
    return q


def average_precision(pairs: Sequence[tuple[float, bool]]) -> float:
    """Area under the precision-recall curve (step-wise, ties taken together)."""
    positives = sum(a for _, a in pairs)
    if not positives:
        return 0.0
    ap, tp, seen, prev_recall = 0.0, 0, 0, 0.0
    by_score: dict[float, list[bool]] = defaultdict(list)
    for s, a in pairs:
        by_score[s].append(a)
    for s in sorted(by_score, reverse=True):
        tp += sum(by_score[s])
        seen += len(by_score[s])
        recall = tp / positives
        ap += (recall - prev_recall) * (tp / seen)
        prev_recall = recall
    return ap


def print_presets(results: Sequence[L], presets: dict[str, int]) -> None:
    """Precision, recall and F1 at each preset, and for the vendor's labels alone."""
    print(f"\n{'':<26}{'thr':>4} {'precision':>10} {'recall':>7} {'F1':>6} {'flagged':>8}"
          f"   {'TP':>4} {'FP':>4} {'FN':>4}")

    def at(threshold: int) -> Callable[[L], bool]:
        return lambda r: r.score >= threshold

    rows: list[tuple[str, int | None, Callable[[L], bool]]] = [
        (name, presets[name], at(presets[name]))
        for name in ("careful", "default", "thorough") if name in presets]
    rows.append(("vendor labels only", None, lambda r: r.vendor_labelled))
    for name, thr, flag in rows:
        q = quality(results, flag)
        print(f"{name:<26}{thr if thr is not None else '-':>4} {q.precision:>10.3f} "
              f"{q.recall:>7.3f} {q.f1:>6.3f} {q.tp + q.fp:>8}   {q.tp:>4} {q.fp:>4} {q.fn:>4}")


def print_categories(results: Sequence[L], presets: dict[str, int]) -> None:
    print("\nFlagged per category (intended: flagged = false alarm; accidental: flagged = caught)")
    print(f"{'category':<50}{'n':>4} {'careful':>8} {'default':>8} {'thorough':>9} "
          f"{'vendor':>7} {'mean score':>11}")
    cats: dict[str, list[L]] = defaultdict(list)
    for r in results:
        cats[r.category].append(r)
    for cat in sorted(cats, key=lambda c: (c.startswith("accidental"), c)):
        rs = cats[cat]
        cols = [sum(r.score >= presets[p] for r in rs) for p in ("careful", "default", "thorough")]
        vend = sum(r.vendor_labelled for r in rs)
        mean = sum(r.score for r in rs) / len(rs)
        print(f"{cat:<50}{len(rs):>4} {cols[0]:>8} {cols[1]:>8} {cols[2]:>9} {vend:>7} "
              f"{mean:>11.1f}")


def report(results: Sequence[Result], elapsed: dict[str, float], details: bool) -> None:
    weights = default_weights()
    presets = weights.presets
    acc = sum(r.event.accidental for r in results)
    vendors = Counter(r.vendor for r in results)
    print(f"\n{len(results)} clips ({', '.join(f'{v} {n}' for v, n in vendors.items())}): "
          f"{acc} accidental, {len(results) - acc} intended. Scan time: "
          + ", ".join(f"{v} {s:.0f} s" for v, s in elapsed.items()))
    print_presets(results, presets)
    ap = average_precision([(r.score, r.event.accidental) for r in results])
    ap_vendor = average_precision([(float(r.event.vendor_labelled), r.event.accidental)
                                   for r in results])
    print(f"PR-AUC (average precision): score {ap:.3f}; vendor labels only {ap_vendor:.3f}")
    if len(vendors) > 1:
        for v in vendors:
            sub = [r for r in results if r.vendor == v]
            q = quality(sub, lambda r: r.score >= weights.threshold)
            qv = quality(sub, lambda r: r.event.vendor_labelled)
            print(f"  {v:<8} default: P {q.precision:.3f} R {q.recall:.3f} F1 {q.f1:.3f}   "
                  f"vendor labels: P {qv.precision:.3f} R {qv.recall:.3f} F1 {qv.f1:.3f}")

    print_categories(results, presets)

    acted = [r for r in results if r.row["acted_on"]]
    acc_actions = [r for r in results if r.event.accidental and r.event.action]
    order_ok = True
    for v in vendors:
        flags = [bool(r.row["acted_on"]) for r in results if r.vendor == v]
        order_ok &= flags == sorted(flags, reverse=True)
    print(f"\nActed on (flagged, and the vendor's data shows an action): {len(acted)} clips, "
          f"{sum(r.event.accidental for r in acted)} of them truly accidental; "
          f"{sum(bool(r.row['acted_on']) for r in acc_actions)} of the {len(acc_actions)} "
          f"accidental clips with an action caught. Listed first in the scan output: "
          f"{'yes' if order_ok else 'NO'}.")
    if details:
        print_mistakes(results, weights.threshold)


def print_mistakes(results: Sequence[Result], threshold: int) -> None:
    wrong = [r for r in results if (r.score >= threshold) != r.event.accidental]
    print(f"\nMistakes at the default threshold ({len(wrong)}):")
    for r in sorted(wrong, key=lambda r: (r.event.category, -r.score)):
        kind = "FALSE ALARM" if not r.event.accidental else "MISSED"
        print(f"- {kind} [{r.event.category}] score {r.score}, {r.row['duration_s']} s, "
              f"{r.row['recorded_at']} {r.row['device'] or ''}")
        print(f"    vendor: {r.row['vendor_transcript']!r}  heard: {r.row['transcript']!r}")
        print("    " + "; ".join(f"{x['points']:+d} {x['code']}" for x in r.row["reasons"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vendor", choices=("amazon", "google", "both"), default="both")
    ap.add_argument("--set", choices=("audio", "text", "both"), default="both",
                    help="the audio set, the vendor-text-only set (no audio), or both")
    ap.add_argument("--text-split", choices=("dev", "held", "both"), default="both",
                    help="which half of the text set's lines (held: never tuned on)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="share of the default number of clips (e.g. 0.3 for a quick run)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--details", action="store_true", help="list every mistake with reasons")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="build and scan in DIR and keep it (exports, libraries, JSON)")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: scan again into the libraries already in DIR (what "
                         "was transcribed there is not transcribed again; the flags are new)")
    ap.add_argument("--save-json", type=Path, metavar="FILE",
                    help="write every clip's labels and scan output to FILE")
    ap.add_argument("--language", choices=("en", "de"), default="en",
                    help="de: the German set (bench/flag_eval_de.py), scanned with the "
                         "multilingual model (base)")
    args = ap.parse_args()
    if args.reuse and not args.keep:
        ap.error("--reuse needs --keep DIR")

    t0 = time.perf_counter()
    vendors = ["amazon", "google"] if args.vendor == "both" else [args.vendor]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="flag-eval-"))
    try:
        if args.set in ("audio", "both"):
            audio_set(args, vendors, work)
        if args.set in ("text", "both") and args.language == "en":  # the text set is English
            splits = ["dev", "held"] if args.text_split == "both" else [args.text_split]
            for split in splits:
                text_set(args, vendors, work, split)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nTotal time {time.perf_counter() - t0:.0f} s")
    return 0


def audio_set(args: argparse.Namespace, vendors: list[str], work: Path) -> None:
    build: Callable[..., list[Any]] = build_events
    google_writer: Callable[..., Path] = write_google
    model = "tiny.en"
    if args.language == "de":
        import flag_eval_de

        src: Any = flag_eval_de.load_sources(args.corpus)
        build, google_writer = flag_eval_de.build_events, flag_eval_de.write_google
        model = flag_eval_de.MODEL
    else:
        src = load_sources(args.corpus)
        if not src.has_corpus:
            print(f"No corpus at {args.corpus}: building a Google export from the committed "
                  "speech clips and generated audio only.")
            vendors = ["google"]
    results: list[Result] = []
    elapsed: dict[str, float] = {}
    for vendor in vendors:
        events = build(vendor, src, args.seed, args.scale)
        vdir = work / vendor
        if vdir.exists() and not args.reuse:
            shutil.rmtree(vdir)
        if args.reuse and (vdir / "export").exists():
            shutil.rmtree(vdir / "export")  # written again (same clips): names come from it
        export = (write_amazon if vendor == "amazon" else google_writer)(
            events, vdir / "export")
        print(f"{vendor}: {len(events)} clips written to {export} "
              f"({sum(e.accidental for e in events)} accidental); scanning...", flush=True)
        out = vdir / "scan.json"
        elapsed[vendor] = run_scan(export, vdir / "library", out, model)
        rows = json.loads(out.read_text(encoding="utf-8"))
        results += join_results(vendor, events, rows)
    print("\n=== The audio set (recordings, transcribed here) ===")
    report(results, elapsed, args.details)
    if args.save_json:
        args.save_json.write_text(json.dumps(
            [{**r.row, "label_vendor": r.vendor, "category": r.event.category,
              "accidental": r.event.accidental, "vendor_labelled": r.event.vendor_labelled,
              "vendor_action": r.event.action} for r in results], indent=1), encoding="utf-8")


def text_set(args: argparse.Namespace, vendors: list[str], work: Path, split: str) -> None:
    results: list[TextResult] = []
    for vendor in vendors:
        records = vts.build_text_records(vendor, args.seed, split, args.scale)
        vdir = work / f"text-{split}-{vendor}"
        if vdir.exists():
            shutil.rmtree(vdir)
        writer = vts.write_amazon_records if vendor == "amazon" else vts.write_google_records
        export = writer(records, vdir / "export")
        out = vdir / "scan.json"
        run_scan(export, vdir / "library", out)
        rows = json.loads(out.read_text(encoding="utf-8"))
        results += join_text(vendor, records, rows)
    title = "dev half of the lines" if split == "dev" else "held-out half, never tuned on"
    print(f"\n=== The vendor-text-only set, no audio ({title}; seed {args.seed}) ===")
    text_report(results, args.details)


# --- the vendor-text-only set ----------------------------------------------------------------


@dataclass
class TextResult:
    record: vts.TextRecord
    vendor: str
    row: dict[str, Any]
    position: int  # in the scan output (the review order) of its vendor

    @property
    def score(self) -> int:
        return int(self.row["score"] or 0)

    @property
    def accidental(self) -> bool:
        return self.record.accidental

    @property
    def category(self) -> str:
        return self.record.category

    @property
    def vendor_labelled(self) -> bool:
        return self.record.turn.label is not None


def join_text(vendor: str, records: Sequence[vts.TextRecord], rows: Sequence[dict[str, Any]]
              ) -> list[TextResult]:
    by_time = {r.when: r for r in records}
    results = []
    for i, row in enumerate(rows):
        when = datetime.fromisoformat(str(row["recorded_at"]).replace("Z", "+00:00"))
        rec = by_time.pop(when, None)
        if rec is None:
            raise SystemExit(f"scan output has a {vendor} record the harness did not write: "
                             f"{row['recorded_at']}")
        results.append(TextResult(rec, vendor, row, i))
    if by_time:
        raise SystemExit(f"{len(by_time)} {vendor} records missing from the scan output")
    return results


def text_report(results: Sequence[TextResult], details: bool) -> None:
    presets = default_weights().presets
    acc = sum(r.record.accidental for r in results)
    vendors = Counter(r.vendor for r in results)
    print(f"{len(results)} records ({', '.join(f'{v} {n}' for v, n in vendors.items())}): "
          f"{acc} accidental, {len(results) - acc} intended; no audio.")
    print_presets(results, presets)
    print_categories(results, presets)
    dialogue_report(results, presets)
    if details:
        wrong = [r for r in results if r.row["flagged"] != r.record.accidental]
        print(f"\nMistakes at the default threshold ({len(wrong)}):")
        for r in sorted(wrong, key=lambda r: (r.record.category, -r.score)):
            kind = "FALSE ALARM" if not r.record.accidental else "MISSED"
            print(f"- {kind} [{r.record.category}] score {r.score} {r.vendor} "
                  f"{r.row['recorded_at']} dialogue {r.row.get('dialogue')}")
            print(f"    vendor: {r.row['vendor_transcript']!r}  reply: {r.record.turn.reply!r}")
            print("    " + "; ".join(f"{x['points']:+d} {x['code']}" for x in r.row["reasons"]))


def dialogue_report(results: Sequence[TextResult], presets: dict[str, int]) -> None:
    """The issue's bar: every accidental dialogue that acted is found and listed first; no
    legitimate dialogue is flagged; and the scan groups each dialogue's turns."""
    groups: dict[tuple[str, int], list[TextResult]] = defaultdict(list)
    for r in results:
        if r.record.dialogue is not None:
            groups[(r.vendor, r.record.dialogue)].append(r)
    acted = [g for g in groups.values() if g[0].record.accidental and g[0].record.action]
    found = [g for g in acted if all(r.row["acted_on"] for r in g)]
    first_ok = True
    for v in {r.vendor for r in results}:
        mine = [r for r in results if r.vendor == v]
        last_acted = max((r.position for g in acted for r in g if r.vendor == v), default=-1)
        first_ok &= all(r.row["acted_on"] for r in mine if r.position <= last_acted)
    legit = [g for g in groups.values() if not g[0].record.accidental]
    print("\nDialogues:")
    print(f"  accidental dialogues that acted: {len(found)} of {len(acted)} found (every turn "
          f"acted_on at the default threshold); listed first: {'yes' if first_ok else 'NO'}")
    for name in ("default", "thorough"):
        flagged = sum(any(r.score >= presets[name] for r in g) for g in legit)
        print(f"  legitimate dialogues flagged at {name}: {flagged} of {len(legit)}")
    whole = sum(len({r.row.get("dialogue") for r in g}) == 1 and g[0].row.get("dialogue")
                is not None for g in groups.values())
    print(f"  dialogues the scan grouped as one (a shared `dialogue` id): {whole} of "
          f"{len(groups)}")
    with_text = [g for g in acted if all((r.row.get("action") or {}).get("text") for r in g)]
    if acted:
        example = acted[0][0].row.get("action") or {}
        print(f"  with an action in words: {len(with_text)} of {len(acted)}, e.g. "
              f"\u201c{example.get('text')}\u201d")


if __name__ == "__main__":
    sys.exit(main())
