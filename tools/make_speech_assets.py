"""Generate the small spoken clips in `reviewer/testing/data/speech/` (English) and
`speech_de/` (German) with espeak-ng.

Run once; the output is committed as data so tests never need espeak-ng:

    .venv/bin/python tools/make_speech_assets.py

Needs `espeak-ng` and `sox` on PATH (apt-get install espeak-ng sox). The output is
deterministic (Opus is encoded bit-exact), so re-running only changes files whose text,
voice or speed changed here.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "reviewer" / "testing" / "data" / "speech"
OUT_DIR_DE = ROOT / "reviewer" / "testing" / "data" / "speech_de"
RATE = 16_000
# Speech stays intelligible to Whisper at this rate and the folder stays well under 1 MB.
OPUS_BITRATE = 24_000


@dataclass(frozen=True)
class Utterance:
    kind: str  # "command", "overheard" or "wake_only"
    text: str
    voice: str  # espeak-ng voice, optionally with a "+variant"
    wpm: int


UTTERANCES: tuple[Utterance, ...] = (
    Utterance("command", "Hey Google, turn on the kitchen lights", "en-us", 160),
    Utterance("command", "OK Google, what's the weather tomorrow", "en-us+m1", 160),
    Utterance("command", "Hey Google, send a message to Mom saying I'm running late",
              "en-us+m3", 170),
    Utterance("command", "Hey Google, call my dad", "en-gb", 145),
    Utterance("command", "OK Google, set a timer for ten minutes", "en-gb", 160),
    Utterance("command", "Hey Google, add milk to my shopping list", "en-gb+f2", 155),
    Utterance("command", "OK Google, play some jazz", "en-us+m3", 150),
    Utterance("command", "Hey Google, turn off the bedroom lights", "en-gb+m2", 170),
    Utterance("command", "OK Google, remind me to take the bins out at seven", "en-us", 145),
    Utterance("command", "Hey Google, what's on my calendar today", "en-gb+f2", 160),
    Utterance("overheard", "OK cool, let's go", "en-us+f3", 160),
    Utterance("overheard", "I think the election results come out tonight", "en-gb+m2", 165),
    Utterance("overheard", "Did you write a letter to grandma?", "en-us+m1", 155),
    Utterance("overheard", "Anna said she would send a message when her train gets in",
              "en-gb+m2", 145),
    Utterance("overheard", "Can you pick up the kids on Thursday? I have a meeting until five.",
              "en-gb", 170),
    Utterance("overheard", "Coming up after the break, the weather for the weekend.",
              "en-us+m3", 160),
    Utterance("overheard", "Honestly, I don't know if we can afford the holiday this year.",
              "en-gb+f2", 155),
    Utterance("overheard", "Who finished the cake? I was saving that!", "en-gb+m2", 155),
    Utterance("wake_only", "Hey Google", "en-us", 150),
    Utterance("wake_only", "OK Google", "en-gb+f2", 150),
    Utterance("wake_only", "Hey Google", "en-us+m3", 135),
)


# German: requests as a German household says them to Alexa or Google, and talk overheard in
# the same room (with the near misses of German false activations: "Alexander", "alles klar",
# "Elektra"). espeak-ng's German voices; base (multilingual) transcribes them.
UTTERANCES_DE: tuple[Utterance, ...] = (
    Utterance("command", "Alexa, wie wird das Wetter morgen?", "de", 150),
    Utterance("command", "Alexa, schalte das Licht in der Küche aus.", "de+m3", 150),
    Utterance("command", "Alexa, stell einen Timer auf zehn Minuten.", "de+f2", 145),
    Utterance("command", "Alexa, spiel Musik von den Beatles.", "de+m1", 150),
    Utterance("command", "Alexa, setz Milch auf die Einkaufsliste.", "de+f3", 145),
    Utterance("command", "Alexa, schick eine Nachricht an Jonas.", "de", 150),
    Utterance("command", "Hey Google, mach das Licht im Schlafzimmer an.", "de+m3", 155),
    Utterance("command", "Okay Google, erinnere mich morgen um acht an den Zahnarzt.",
              "de+f2", 150),
    Utterance("overheard", "Ich glaube, wir sollten heute Abend lieber zu Hause bleiben.",
              "de+m1", 160),
    Utterance("overheard", "Hast du Alexander heute schon gesehen?", "de+f3", 150),
    Utterance("overheard", "Na ja, das Essen gestern war wirklich nicht so toll.", "de", 160),
    Utterance("overheard", "Weißt du noch, wo ich meinen Schlüssel hingelegt habe?", "de+m3",
              155),
    Utterance("overheard", "Und nun das Wetter: Morgen wird es im Norden regnerisch.", "de+f2",
              165),
    Utterance("overheard", "Alles klar, dann treffen wir uns um sieben am Bahnhof.", "de+m1",
              160),
    Utterance("overheard", "Die Kinder müssen am Donnerstag früher abgeholt werden.", "de+f3",
              155),
    Utterance("wake_only", "Alexa", "de", 140),
    Utterance("wake_only", "Hey Google", "de+f2", 140),
)


def speak(utterance: Utterance, workdir: Path) -> npt.NDArray[np.int16]:
    """16 kHz mono int16 samples of `utterance` (espeak-ng speaks at 22.05 kHz; sox resamples)."""
    raw = workdir / "raw.wav"
    resampled = workdir / "16k.wav"
    subprocess.run(["espeak-ng", "-v", utterance.voice, "-s", str(utterance.wpm), "-w", str(raw),
                    utterance.text], check=True)
    # -R: sox dithers with a random seed by default, which made every run's bytes differ.
    subprocess.run(["sox", "-R", str(raw), "-c", "1", "-b", "16", str(resampled),
                    "rate", "-h", str(RATE)], check=True)
    with wave.open(str(resampled), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)


def trim_silence(pcm: npt.NDArray[np.int16], keep_s: float = 0.15) -> npt.NDArray[np.int16]:
    """Cut espeak's long trailing silence down to `keep_s`, so clips compose tightly."""
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > 300)
    if loud.size == 0:
        return pcm
    keep = int(keep_s * RATE)
    return pcm[max(0, loud[0] - keep): loud[-1] + keep]


def encode_opus(pcm: npt.NDArray[np.int16]) -> bytes:
    """Ogg/Opus, bit-exact: no random stream serial or library version, so output is stable."""
    out_rate = 48_000  # libopus only takes 8/12/16/24/48 kHz; 48 kHz is what players expect
    buf = io.BytesIO()
    with av.open(buf, "w", format="ogg", options={"fflags": "+bitexact"}) as out:
        stream = out.add_stream("libopus", rate=out_rate, options={"flags": "+bitexact"})
        stream.layout = "mono"
        stream.bit_rate = OPUS_BITRATE
        stream.time_base = Fraction(1, out_rate)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = 0
        # The resampler inside PyAV's encoder converts 16 kHz input to the stream's 48 kHz.
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def file_names(utterances: tuple[Utterance, ...]) -> list[str]:
    counts: dict[str, int] = {}
    names = []
    for u in utterances:
        counts[u.kind] = counts.get(u.kind, 0) + 1
        names.append(f"{u.kind}_{counts[u.kind]:02d}.ogg")
    return names


def write_set(utterances: tuple[Utterance, ...], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names(utterances)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, utterance in zip(names, utterances, strict=True):
            pcm = trim_silence(speak(utterance, Path(tmp)))
            (out_dir / name).write_bytes(encode_opus(pcm))
            rows.append([name, utterance.kind, utterance.text, utterance.voice, str(utterance.wpm),
                         f"{len(pcm) / RATE:.2f}"])
    with (out_dir / "speech.tsv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "kind", "text", "voice", "wpm", "seconds"])
        writer.writerows(rows)
    total = sum(p.stat().st_size for p in out_dir.iterdir())
    print(f"wrote {len(rows)} clips to {out_dir} ({total / 1024:.0f} kB)")


def main() -> int:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (apt-get install espeak-ng sox)", file=sys.stderr)
            return 1
    write_set(UTTERANCES, OUT_DIR)
    write_set(UTTERANCES_DE, OUT_DIR_DE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
