"""Build the bundled sample export, `resources/sample/takeout-sample.zip`, and its README.

    .venv/bin/python tools/make_sample_export.py

A Google Takeout "My Activity > Assistant" export (JSON layout, one zip) of three weeks in a
made-up household in US Pacific time: spoken requests, overheard conversation, TV and music
triggers and a late-night burst. Speech comes from the committed espeak-ng clips in
`reviewer/testing/data/speech/`; music and noise are synthesised here. The output is
deterministic: re-running gives byte-identical files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

# Run as a script from anywhere: make the project importable without installing it.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.testing.audio import SAMPLE_RATE, Samples, noise, silence  # noqa: E402
from reviewer.testing.google_exports import (  # noqa: E402
    HOTWORD,
    UNRECOGNIZED_SPEAKER,
    AssistantEntry,
    encode_mp3,
    said,
    speech_clip,
    takeout_files,
    write_zip,
)

OUT_DIR = ROOT / "resources" / "sample"
ZIP_NAME = "takeout-sample.zip"
LOCAL = ZoneInfo("America/Los_Angeles")
HOME = (45.523064, -122.676483)  # "this general area": a city centre, not an address
EXPORT_TIME = datetime(2024, 3, 25, 16, 20, 11, tzinfo=UTC)


# --- sounds --------------------------------------------------------------------------------


def _room(samples: Samples, seed: int, level: float = 0.004) -> Samples:
    """Add the faint hiss every real recording has, so no clip is digital silence."""
    return (samples + noise(len(samples) / SAMPLE_RATE, level, seed=seed)).clip(-1, 1)


def _normalise(samples: npt.NDArray[np.floating[Any]], peak: float) -> Samples:
    top = float(np.max(np.abs(samples))) or 1.0
    return (samples * (peak / top)).astype(np.float32)


def speech(file: str, seed: int, lead_s: float = 0.4, peak: float = 0.6) -> Samples:
    clip = speech_clip(file).samples()
    return _room(np.concatenate([silence(lead_s), _normalise(clip, peak), silence(0.5)]), seed)


def music(seconds: float, seed: int, peak: float = 0.35) -> Samples:
    """Chords with harmonics over a kick and hi-hat: enough like music to fool a hotword."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    out = np.zeros_like(t)
    beat = 0.5
    roots = rng.choice([196.0, 220.0, 246.9, 261.6, 293.7], size=int(seconds / (4 * beat)) + 1)
    for i, root in enumerate(roots):
        bar = (t >= i * 4 * beat) & (t < (i + 1) * 4 * beat)
        for ratio in (1.0, 1.26, 1.5):  # major triad
            for harmonic, gain in ((1, 1.0), (2, 0.4), (3, 0.2)):
                out[bar] += gain * np.sin(2 * np.pi * root * ratio * harmonic * t[bar])
    for k in range(int(seconds / beat)):
        start = int(k * beat * SAMPLE_RATE)
        n = min(int(0.15 * SAMPLE_RATE), len(t) - start)
        decay = np.exp(-np.arange(n) / (0.03 * SAMPLE_RATE)).astype(np.float32)
        out[start:start + n] += 3 * decay * np.sin(2 * np.pi * 60 * t[:n])  # kick
        hat = start + int(beat / 2 * SAMPLE_RATE)
        m = min(int(0.04 * SAMPLE_RATE), max(0, len(t) - hat))
        out[hat:hat + m] += 0.8 * rng.standard_normal(m).astype(np.float32) * decay[:m]
    return _room(_normalise(out, peak), seed)


def water(seconds: float, seed: int) -> Samples:
    """Running tap: low-passed noise with a slow swell."""
    raw = noise(seconds + 0.01, 1.0, seed=seed)
    kernel = np.ones(8, dtype=np.float32) / 8
    smooth = np.convolve(raw, kernel, mode="same")[: int(seconds * SAMPLE_RATE)]
    swell = 0.6 + 0.4 * np.sin(np.linspace(0, 3 * np.pi, len(smooth), dtype=np.float32))
    return _normalise(smooth * swell, 0.25)


def door(seconds: float, seed: int) -> Samples:
    """A door banging shut: one loud decaying thud in room noise."""
    out = silence(seconds)
    start = int(0.6 * SAMPLE_RATE)
    n = int(0.4 * SAMPLE_RATE)
    decay = np.exp(-np.arange(n) / (0.05 * SAMPLE_RATE)).astype(np.float32)
    thud = np.sin(2 * np.pi * 80 * np.arange(n) / SAMPLE_RATE) + noise(0.4, 0.6, seed=seed)[:n]
    out[start:start + n] = 0.7 * decay * thud
    return _room(out, seed, 0.006)


def tv(file: str, seed: int) -> Samples:
    """A TV in the next room: speech over a music bed."""
    voice = speech(file, seed, lead_s=0.8, peak=0.45)
    bed = music(len(voice) / SAMPLE_RATE, seed + 1, peak=0.12)
    return (voice + bed[: len(voice)]).clip(-1, 1)


# --- the three weeks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    local: str  # "2024-03-04 07:12:31.418", US Pacific
    sound: Callable[[], Samples] | None
    title: str
    replies: tuple[str, ...] = ()
    details: tuple[str, ...] = (HOTWORD,)
    what: str = ""  # for the README: what this entry is an example of


def _events() -> list[Event]:
    c = "command_{:02d}.ogg".format
    o = "overheard_{:02d}.ogg".format
    w = "wake_only_{:02d}.ogg".format
    return [
        Event("2024-03-04 07:12:31.418", lambda: speech(c(2), 1),
              said("what's the weather tomorrow"),
              ("Tomorrow in Portland it'll be cloudy with showers, with a high of 54 and a low "
               "of 43.",), what="request"),
        Event("2024-03-04 18:45:10.062", lambda: speech(c(1), 2),
              said("turn on the kitchen lights"),
              ("Turning on 2 lights.", ""), what="request (empty `{}` subtitle)"),
        Event("2024-03-05 07:30:02.951", None, said("what time is it"), ("It's 7:30.",), (),
              what="request from the phone, no audio kept"),
        Event("2024-03-05 19:02:44.300", lambda: speech(c(5), 3),
              said("set a timer for ten minutes"),
              ("Sure, 10 minutes. Starting now.",), what="request"),
        Event("2024-03-06 20:15:09.775", lambda: speech(o(1), 4), said("let's go"),
              ("Sorry, I didn't understand.",), what="overheard near-miss (\"OK cool\")"),
        Event("2024-03-07 08:05:55.123", lambda: speech(c(6), 5),
              said("add milk to my shopping list"),
              ("OK, I've added milk to your shopping list.",), what="request with an action"),
        Event("2024-03-07 21:40:12.640", lambda: music(4.0, 6), "Google Assistant",
              what="music trigger, contentless title"),
        Event("2024-03-08 17:20:33.508", lambda: speech(c(3), 7),
              said("send a message to Mom saying I'm running late"),
              ("Sending the message to Mom.",), what="request with an action"),
        Event("2024-03-09 11:02:18.246", lambda: speech(o(2), 8), "Unknown voice command",
              what="overheard conversation"),
        Event("2024-03-09 19:30:40.880", lambda: speech(c(7), 9), said("play some jazz"),
              ("Sure, here's a jazz station on Spotify.",), what="request with an action"),
        Event("2024-03-10 10:15:27.034", lambda: speech(w(1), 10), "Google Assistant",
              what="wake word only"),
        Event("2024-03-11 06:50:03.719", lambda: speech(c(9), 11),
              said("remind me to take the bins out at seven"),
              ("Sure, I'll remind you at 7 PM.",), what="request with an action"),
        Event("2024-03-11 20:11:48.155", lambda: speech(o(3), 12),
              said("did you write a letter to grandma"),
              ("Sorry, I'm not sure how to help with that.",),
              what="overheard near-miss (\"write a letter\")"),
        Event("2024-03-12 18:03:36.492", lambda: speech(o(4), 13), said("send a message to Anna"),
              ("Sending the message to Anna.",),
              what="OVERHEARD SPEECH THAT TRIGGERED AN ACTION: no wake word in the audio"),
        Event("2024-03-13 07:45:21.607", lambda: speech(c(10), 14),
              said("what's on my calendar today"),
              ("You have 2 events today. The first one is Dentist at 10 AM.",), what="request"),
        Event("2024-03-13 22:30:05.288", lambda: water(3.0, 15), "Google Assistant", (), (),
              what="noise trigger (running water)"),
        Event("2024-03-14 19:55:42.911", lambda: speech(c(4), 16), said("call my dad"),
              ("Calling Dad.",), what="request with an action"),
        Event("2024-03-15 21:20:14.376", lambda: tv(o(6), 17), said("the weather for the weekend"),
              ("This weekend in Portland, expect rain on Saturday and sun on Sunday.",),
              what="TV trigger, answered as if asked"),
        Event("2024-03-16 09:10:50.540", lambda: speech(o(5), 18), "Unknown voice command", (),
              (HOTWORD, UNRECOGNIZED_SPEAKER), what="overheard, unrecognised speaker"),
        Event("2024-03-16 23:40:00.815", lambda: speech(w(2), 19), "Google Assistant", ("",),
              what="wake word only"),
        Event("2024-03-17 14:22:31.199", lambda: speech(c(8), 20),
              said("turn off the bedroom lights"),
              ("Turning off the bedroom lights.",), what="request with an action"),
        # The late-night burst: the TV left on triggers the speaker five times in six minutes.
        Event("2024-03-19 02:13:05.452", lambda: music(3.5, 21), "Google Assistant",
              what="late-night burst: music"),
        Event("2024-03-19 02:14:41.018", lambda: tv(o(7), 22), "Unknown voice command",
              what="late-night burst: TV / conversation"),
        Event("2024-03-19 02:15:58.733", lambda: door(2.0, 23), "Google Assistant", (), (),
              what="late-night burst: noise"),
        Event("2024-03-19 02:17:20.264", lambda: speech(o(8), 24), said("who finished the cake"),
              ("Sorry, I don't know how to help with that.",),
              what="late-night burst: overheard"),
        Event("2024-03-19 02:18:47.590", lambda: tv(o(2), 25), "Google Assistant",
              what="late-night burst: TV"),
        Event("2024-03-20 07:05:12.087", lambda: speech(c(5), 26),
              said("set a timer for ten minutes"),
              ("Sure, 10 minutes. Starting now.",), what="request (same words, new recording)"),
        Event("2024-03-21 18:30:45.666", lambda: speech(w(3), 27), "Google Assistant",
              what="wake word only"),
        Event("2024-03-22 20:48:09.321", lambda: music(5.0, 28), "Unknown voice command",
              what="music trigger"),
        Event("2024-03-23 08:12:00.904", lambda: speech(c(1), 29),
              said("turn on the kitchen lights"),
              ("Turning on 2 lights.",), what="request (same words, new recording)"),
        Event("2024-03-24 19:18:22.147", lambda: speech(o(7), 30), "Unknown voice command", (), (),
              what="overheard conversation, not started by hotword"),
    ]


def _utc(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=LOCAL).astimezone(UTC)


def build_entries(events: list[Event]) -> list[AssistantEntry]:
    return [AssistantEntry(time=_utc(e.local), title=e.title,
                           audio=encode_mp3(e.sound()) if e.sound else None,
                           details=list(e.details), replies=list(e.replies), location=HOME)
            for e in events]


# --- README --------------------------------------------------------------------------------


def readme(events: list[Event], entries: list[AssistantEntry], zip_size: int) -> str:
    rows = "\n".join(
        f"| {e.local[:16]} | {x.file_name or '—'} | {x.title} | "
        f"{' / '.join(r for r in e.replies if r) or '—'} | {e.what} |"
        for e, x in zip(events, entries, strict=True))
    clips = sum(1 for x in entries if x.audio is not None)
    return f"""# Sample export

`{ZIP_NAME}` ({zip_size / 1024:.0f} kB) is a made-up Google Takeout download of Assistant voice
history, for trying the app without real data. Open it in the app like any Takeout zip.

It holds `Takeout/My Activity/Assistant/MyActivity.json` ({len(entries)} entries, newest
first, as Takeout writes them) and {clips} mp3 recordings beside it: three weeks of a household
in US Pacific time (times below are local; the JSON and file names are UTC). Each audio file
name is a few seconds off its entry's `time`, as in real exports.

What to look for:

* spoken requests that start with "Hey Google" / "OK Google", several with an action in the
  reply (message, call, shopping list, reminder);
* overheard conversation and TV with no wake word, some answered anyway;
* one overheard sentence ("Anna said she would send a message when her train gets in") that
  Google took as *send a message to Anna* and acted on;
* music and noise triggers with contentless titles ("Google Assistant", "Unknown voice
  command"), bare wake words, and a burst of five activations around 2 AM on 19 March.

| local time | audio file | title | reply | example of |
|---|---|---|---|---|
{rows}

## How it was made

`tools/make_sample_export.py` builds it; re-running gives byte-identical output. Speech is
synthetic (espeak-ng, see `reviewer/testing/data/speech/speech.tsv` for the exact words);
music, water and door sounds are generated with numpy. Nothing here is a real person's voice
or data. The location in each entry is a city centre, not an address.
"""


def main() -> int:
    events = _events()
    entries = build_entries(events)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    zip_path = write_zip(OUT_DIR / ZIP_NAME, takeout_files(entries), EXPORT_TIME)
    size = zip_path.stat().st_size
    (OUT_DIR / "README.md").write_text(readme(events, entries, size), encoding="utf-8")
    print(f"wrote {zip_path} ({size / 1024:.0f} kB, {len(entries)} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
