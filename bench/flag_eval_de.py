"""The German evaluation set of `bench/flag_eval.py --language de` (run it through that).

A German household's Alexa export and German Takeout, every clip labelled intended or
accidental, scanned through the real command line with the multilingual model (`reviewer
scan --model base`: import, Whisper base with each clip's language detected, flagging).

Intended: a real person's "Alexa" (`alexa/` in the corpus) + 0.2 s + a German request spoken
by espeak-ng's German voices (reviewer.testing.german_speech.COMMANDS); "Hey/Okay Google" +
request, all espeak-ng; a bare wake word and the request a few seconds later (two
recordings). Accidental: German talk in the room (OVERHEARD, espeak-ng, many voices, near and
far), the committed German overheard clips, TV-like runs of several lines through a small
speaker, a TV left on at night (bursts), the German half of the corpus's multilingual_en_de
read aloud (long talk), music and household noise. Vendor data as German exports have it:
Alexa's German labels on some accidental clips ("Text nicht verfügbar – Audio war nicht für
Alexa bestimmt", "Audio konnte nicht verstanden werden"), German fragments and answers on the
rest (a few acted on: "An wen?"), Google's "Gesagt: …" and "Unbekannter Sprachbefehl".
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import flag_eval as fe
import numpy as np

from reviewer.core.audio.decode import decode_audio
from reviewer.testing import german_exports as ge
from reviewer.testing import german_speech as gs
from reviewer.testing import google_exports as gx

MODEL = "base"
NOT_INTENDED = ge.LABEL_NOT_INTENDED
NOT_UNDERSTOOD = ge.LABEL_NOT_UNDERSTOOD
CONTENTLESS = ("Google Assistant", ge.TITLE_UNKNOWN)
# What Alexa's recogniser made of talk nobody addressed to it, and what it answered.
GARBLES = ("was", "spiel", "die", "stopp", "ja", "sag mal", "wie", "nein", "mach", "ich glaube",
           "ist das", "wer", "okay", "stell", "und dann")
CONFUSED = ("Das weiß ich leider nicht.", "Tut mir leid, das habe ich nicht verstanden.", None,
            None, "Hm, dabei kann ich nicht helfen.")
# Accidental activations the device acted on: (what it heard, reply, domain, intent).
ACCIDENTAL_ACTIONS = (
    ("schick eine nachricht", "An wen?", "Communications", "SendMessageIntent"),
    ("spiel", "Ich spiele Atemlos von Helene Fischer.", "Music", "PlayMusicIntent"),
    ("setz eier auf die liste", "Ich habe Eier zu deiner Einkaufsliste hinzugefügt.",
     "ShoppingList", "AddToListIntent"),
    ("schalte aus", "Ich schalte das Licht in der Küche aus.", "SmartHome",
     "TurnOffApplianceIntent"),
    ("ruf an", "Wen möchtest du anrufen?", "Communications", "CallIntent"),
)
NEAR_MISS_WORDS = ("alexander", "alexandra", "elektra", "alles klar", "okay, gut")
REPLIES = {c.lower(): (r, d, i) for c, r, d, i in gs.COMMANDS}


def said(text: str) -> str:
    """Google's German title of a transcribed request."""
    return f"Gesagt: {text}"


@dataclass
class Speech:
    text: str
    samples: np.ndarray
    voice: str


@dataclass
class GermanSources:
    alexa: list[np.ndarray]
    commands: list[Speech]
    google_wake: list[np.ndarray]
    overheard: list[Speech]
    committed_overheard: list[Speech]
    music: dict[str, np.ndarray]
    long_talk: list[np.ndarray]


def load_sources(corpus: Path) -> GermanSources:
    alexa = [decode_audio(p) for p in sorted((corpus / "alexa").glob("*.flac"),
                                             key=lambda p: int(p.stem))[::3]]
    if not alexa:
        raise SystemExit(f"the German evaluation needs the corpus's real 'Alexa' clips "
                         f"({corpus / 'alexa'})")
    voices = gs.VOICES

    def spoken(text: str, i: int, base_wpm: int) -> Speech:
        voice = voices[i % len(voices)]
        samples = gs.speak(text, voice, base_wpm + 7 * (i % 4))
        if samples is None:
            raise SystemExit("espeak-ng and sox are needed (apt-get install espeak-ng sox)")
        return Speech(text, samples, voice)

    commands = [spoken(c, i, 138) for i, (c, _r, _d, _i) in enumerate(gs.COMMANDS)]
    wake = [spoken(w, i + 2, 140).samples for i, w in enumerate(gs.GOOGLE_WAKE * 2)]
    overheard = [spoken(line, i + 4, 145) for i, line in enumerate(gs.OVERHEARD)]
    rows = ge.speech_rows()
    committed = [Speech(r["text"], gx.decode_audio((ge.SPEECH_DE / f).read_bytes()), r["voice"])
                 for f, r in rows.items() if r["kind"] == "overheard"]
    music = {}
    if (corpus / "music").is_dir():
        for p in sorted((corpus / "music").iterdir()):
            if p.suffix.lower() in (".wav", ".flac", ".mp3", ".ogg"):
                music[p.stem] = decode_audio(p)
    long_talk = []
    mp3 = corpus / "speech" / "multilingual_en_de.mp3"
    if mp3.is_file():
        long_talk.append(decode_audio(mp3)[30 * fe.RATE:])
    return GermanSources(alexa, commands, wake, overheard, committed, music, long_talk)


class GermanBuilder(fe.Builder):
    """The events of one German export; `vendor` is "amazon" or "google". Devices, times and
    the no-overlap rule are the English set's; the speech and the vendor data are German."""

    def __init__(self, vendor: str, src: GermanSources, seed: int, scale: float) -> None:
        super().__init__(vendor, src, seed, scale)  # type: ignore[arg-type]
        self.src_de = src
        self.rng = random.Random(f"de:{vendor}:{seed}")
        self.nrng = np.random.default_rng([zlib.crc32(b"de" + vendor.encode()), seed])

    def wake(self) -> np.ndarray:
        pool = self.src_de.alexa if self.vendor == "amazon" else self.src_de.google_wake
        return pool[self.rng.randrange(len(pool))]

    def request_data(self, ev: fe.Event, text: str) -> None:
        reply, domain, intent = REPLIES.get(text.lower(), ("Okay.", None, None))
        ev.said, ev.reply = text.lower(), reply
        if self.vendor == "amazon":
            ev.domain, ev.intent = domain, intent
            if self.rng.random() < 0.03:  # the recogniser failed on a real request
                ev.said, ev.reply, ev.label = None, None, NOT_UNDERSTOOD

    def intended(self, count: int, pairs: int) -> None:
        rng = self.rng
        for _ in range(self.n(count)):
            when = fe._hour_time(rng.randrange(fe.DAYS), fe.USER_HOURS, rng)
            cmd = rng.choice(self.src_de.commands)
            audio = fe.room([self.wake(), fe.gap(rng.uniform(0.15, 0.35)), cmd.samples], rng,
                            self.nrng, gain_db=rng.uniform(-4, 2))
            ev = self.add(fe.Event("intended: wake word + command", False, audio, when,
                                   self.device(False)))
            self.request_data(ev, cmd.text)
        for _ in range(self.n(pairs)):
            when = fe._hour_time(rng.randrange(fe.DAYS), fe.USER_HOURS, rng)
            device = self.device(False)
            gain = rng.uniform(-4, 2)
            first = self.add(fe.Event("intended: wake word only, then a request", False,
                                      fe.room([self.wake()], rng, self.nrng, gain_db=gain),
                                      when, device))
            if self.vendor == "amazon":
                first.utterance_type = "WAKE_WORD_ONLY"
                first.label = rng.choices([NOT_INTENDED, NOT_UNDERSTOOD, None], (5, 3, 2))[0]
                first.said = None if first.label else "alexa"
            else:
                first.label = CONTENTLESS[0]
            cmd = rng.choice(self.src_de.commands)
            later = when + timedelta(seconds=first.seconds + rng.uniform(0.8, 7.0))
            second = self.add(fe.Event("intended: the request after a wake word", False,
                                       fe.room([cmd.samples], rng, self.nrng, gain_db=gain),
                                       later, device))
            self.request_data(second, cmd.text)

    def accident(self, category: str, audio: np.ndarray, heard: str | None, *,
                 speech: bool = True, when: datetime | None = None,
                 device: str | None = None) -> fe.Event:
        rng = self.rng
        if when is None:
            when = fe._hour_time(rng.randrange(fe.DAYS), fe.ACCIDENT_HOURS, rng)
            device = self.device(True)
        ev = self.add(fe.Event(category, True, audio, when, device))
        if self.vendor == "amazon":
            kind = rng.choices(("not_intended", "not_understood", "text"),
                               weights=(30, 15, 55) if speech else (20, 35, 45))[0]
            if kind == "not_intended":
                ev.label, ev.utterance_type = NOT_INTENDED, "DISCARDED_NON_DEVICE_DIRECTED_INTENT"
                return ev
            if kind == "not_understood":
                ev.label = NOT_UNDERSTOOD
                return ev
        elif rng.random() < (0.4 if speech else 0.6):
            ev.label = rng.choice(CONTENTLESS)
            return ev
        if rng.random() < 0.12:
            ev.said, ev.reply, domain, intent = rng.choice(ACCIDENTAL_ACTIONS)
            ev.action = True
            if self.vendor == "amazon":
                ev.domain, ev.intent = domain, intent
        else:
            words = (heard or "").split()
            ev.said = (" ".join(words[:rng.randint(1, 4)]).lower().strip(",.?!")
                       if words and rng.random() < 0.6 else rng.choice(GARBLES))
            ev.reply = rng.choice(CONFUSED)
        return ev

    def accidental(self, bursts: int) -> None:
        rng, src = self.rng, self.src_de
        lines = [*src.overheard, *src.committed_overheard]
        for line in lines:
            if rng.random() > self.scale:
                continue
            near = any(w in line.text.lower() for w in NEAR_MISS_WORDS)
            category = ("accidental: near-miss words" if near
                        else "accidental: overheard conversation")
            far = rng.random() < 0.3  # across the room, or from the TV
            audio = fe.room([fe.lowpass(line.samples, 5) if far else line.samples], rng,
                            self.nrng, gain_db=rng.uniform(-16, -8) if far
                            else rng.uniform(-8, 0))
            self.accident(category, audio, line.text)
        for _ in range(self.n(6 if self.vendor == "amazon" else 2)):
            # TV-like dialogue: two or three lines in turn through a small speaker.
            turns = rng.sample(lines, rng.randint(2, 3))
            parts: list[np.ndarray] = []
            for t in turns:
                parts += [fe.lowpass(t.samples, rng.choice((3, 5, 7))), fe.gap(rng.uniform(0.1,
                                                                                           0.5))]
            self.accident("accidental: TV-like dialogue", fe.room(
                parts, rng, self.nrng, gain_db=rng.uniform(-18, -6)), None)
        for name, x in src.music.items():
            for _ in range(self.n(2 if self.vendor == "amazon" else 1)):
                audio = fe.room([fe.crop(x, rng.uniform(4.0, 9.0), rng)], rng, self.nrng,
                                gain_db=rng.uniform(-12, -2))
                self.accident("accidental: music", audio, None, speech=name.startswith("speech"))
        kinds = ("hiss", "hum", "clatter", "water", "silence")
        for i in range(self.n(8 if self.vendor == "amazon" else 3)):
            kind = kinds[i % len(kinds)]
            audio = fe.room([fe.noise_clip(kind, rng.uniform(1.5, 7.0), rng, self.nrng)], rng,
                            self.nrng)
            self.accident("accidental: silence" if kind == "silence" else "accidental: noise",
                          audio, None, speech=False)
        for x in src.long_talk[:1] if self.vendor == "amazon" else []:
            audio = fe.room([fe.crop(x, rng.uniform(12, 25), rng)], rng, self.nrng,
                            gain_db=rng.uniform(-10, 0))
            self.accident("accidental: long talk (a person reading)", audio, None)
        for b in range(self.n(bursts)):
            when = fe.START + timedelta(days=rng.randrange(fe.DAYS),
                                        hours=rng.choice((0, 1, 2, 3)), minutes=rng.uniform(0, 50))
            device = "Living Room Dot" if self.vendor == "amazon" and b % 3 else self.device(True)
            for _ in range(rng.randint(3, 4)):
                line = rng.choice(lines)
                audio = fe.room([fe.lowpass(line.samples, 5)], rng, self.nrng,
                                gain_db=rng.uniform(-16, -6))
                ev = self.accident("accidental: TV at night (burst)", audio, line.text,
                                   when=when, device=device)
                when = ev.when + timedelta(seconds=ev.seconds + rng.uniform(15, 80))


def build_events(vendor: str, src: GermanSources, seed: int, scale: float) -> list[fe.Event]:
    b = GermanBuilder(vendor, src, seed, scale)
    if vendor == "amazon":
        b.intended(count=40, pairs=5)
        b.accidental(bursts=2)
    else:
        b.intended(count=16, pairs=2)
        b.accidental(bursts=1)
    return b.finish()


def write_google(events: Sequence[fe.Event], dest: Path) -> Path:
    return fe.write_google(events, dest, said=said, locale="de")


__all__ = ["MODEL", "build_events", "load_sources", "write_google"]
