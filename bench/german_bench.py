"""German speech: word error of tiny.en (English only) vs the multilingual base model, through
the short-context engine, on German clips with known text.

    .venv/bin/python bench/german_bench.py [--corpus DIR] [--voices N] [--models tiny.en,base]

Clips: the committed espeak-ng German clips (reviewer/testing/data/speech_de); German
requests (reviewer.testing.german_speech.COMMANDS) spoken by espeak-ng's German voices after a
real person's "Alexa" (../shared/corpus/alexa, when present) or alone; overheard German talk
and TV lines (OVERHEARD); and the German half of the corpus's speech/multilingual_en_de.mp3
(the German MIT licence text, read by a person; the reference is the standard German
translation, which the reader follows closely). Configurations:
- tiny.en: the engine as the app runs it by default;
- base, languages de,en: each clip's language detected, held to German and English (what a
  German library gets);
- base, language de: German given.
Per configuration: word error per group and overall (lower case, punctuation dropped, digits
as German words), clips whose transcript loops (a 1-3 word unit three times in a row), and
ms per clip (one clip at a time, on a shared machine: a rough figure).

`--cost`: instead, what the time estimate of the language proposal (core/language.py) rests
on: tiny.en and base as the worker runs them (default settings: one clip per core at once,
`transcribe_many`) on the short clips (the long reading left out), each run twice; per clip
the wall time and the CPU time of this whole process (every thread). CPU time hardly depends
on what else the machine runs, wall time does: on a loaded machine the idle figure is
CPU time / cores at best, and tiny.en's ratio of its idle wall time (bench/README.md) to its
CPU time here says how close to that the engine gets.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.audio.vad import detect_speech  # noqa: E402
from reviewer.core.transcribe.engine import Engine, EngineSettings, _repeats  # noqa: E402
from reviewer.core.transcribe.models import resolve_model  # noqa: E402
from reviewer.testing import german_speech  # noqa: E402
from reviewer.testing.wer import error_counts  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
ASSETS = REPO / "reviewer" / "testing" / "data" / "speech_de"
RATE = 16_000
# The German half of multilingual_en_de.mp3 (the MIT licence in German).
MIT_DE = ("Jedem, der diese Software und die dazugehörigen Dokumentationsdateien erhält, wird "
          "hiermit unentgeltlich die Genehmigung erteilt, mit der Software uneingeschränkt zu "
          "verfahren. Dies umfasst insbesondere das Recht, die Software zu verwenden, zu "
          "vervielfältigen, zu modifizieren, zusammenzufügen, zu veröffentlichen, zu verteilen, "
          "unterzulizenzieren und oder Kopien der Software zu verkaufen und diese Rechte unter "
          "den folgenden Bedingungen anderen zu übertragen.")
_NUMBERS = {"3": "drei", "5": "fünf", "6": "sechs", "7": "sieben", "8": "acht", "9": "neun",
            "10": "zehn", "12": "zwölf", "20": "zwanzig", "21": "einundzwanzig",
            "200": "zweihundert", "500": "fünfhundert"}


@dataclass
class Clip:
    name: str
    group: str
    samples: np.ndarray
    text: str


def words(text: str) -> list[str]:
    text = re.sub(r"[^\w' ]+", " ", text.lower().replace("/", " "))
    return [_NUMBERS.get(w, w) for w in text.split() if w]


def german_half(path: Path) -> np.ndarray:
    """From the longest pause between 25 and 35 s (where the reader switches to German)."""
    samples = decode_audio(path)
    vad = detect_speech(samples, pad_s=0.0)
    gaps = [(b[0] - a[1], a[1], b[0]) for a, b in zip(vad.spans, vad.spans[1:], strict=False)
            if 25 * RATE <= a[1] <= 35 * RATE]
    cut = max(gaps)[1] if gaps else 30 * RATE
    return samples[cut:]


def build_clips(corpus: Path, voices: int) -> list[Clip]:
    clips: list[Clip] = []
    with (ASSETS / "speech.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            clips.append(Clip(f"speech_de/{row['file']}", f"committed {row['kind']}",
                              decode_audio(ASSETS / row["file"]), row["text"]))
    alexa = sorted((corpus / "alexa").glob("*.flac"), key=lambda p: int(p.stem)) \
        if (corpus / "alexa").is_dir() else []
    pool = german_speech.VOICES[:max(1, voices)]
    gap = np.zeros(int(0.2 * RATE), np.float32)
    for i, (command, _reply, _domain, _intent) in enumerate(german_speech.COMMANDS):
        spoken = german_speech.speak(command, pool[i % len(pool)], 140 + 5 * (i % 4))
        if spoken is None:
            raise SystemExit("espeak-ng and sox are needed (apt-get install espeak-ng sox)")
        if alexa:
            wake = decode_audio(alexa[(7 + 17 * i) % len(alexa)])
            clips.append(Clip(f"alexa+{command}", "real Alexa + espeak command",
                              np.concatenate([wake, gap, spoken]), f"Alexa {command}"))
        else:
            clips.append(Clip(command, "espeak command", spoken, command))
    for i, line in enumerate(german_speech.OVERHEARD):
        spoken = german_speech.speak(line, pool[(i + 3) % len(pool)], 150 + 5 * (i % 3))
        assert spoken is not None
        clips.append(Clip(line, "espeak overheard", spoken, line))
    mp3 = corpus / "speech" / "multilingual_en_de.mp3"
    if mp3.is_file():
        clips.append(Clip("multilingual_en_de.mp3 (German half)", "real reader (long)",
                          german_half(mp3), MIT_DE))
    return clips


def run(engine: Engine, clips: list[Clip]) -> tuple[list[str], list[float]]:
    texts, ms = [], []
    for clip in clips:
        t0 = time.perf_counter()
        texts.append(engine.transcribe(clip.samples).text)
        ms.append(1000 * (time.perf_counter() - t0))
    return texts, ms


def cost(clips: list[Clip]) -> int:
    short = [c for c in clips if not c.group.startswith("real reader")]
    cores = os.cpu_count() or 1
    print(f"{len(short)} short clips, {cores} cores; load average before: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as cache:
        for label, model, settings in (
                ("tiny.en", "tiny.en", EngineSettings()),
                ("base, languages de,en", "base", EngineSettings(languages=("de", "en")))):
            engine = Engine(resolve_model(model, Path(cache)), settings)
            list(engine.transcribe_many(c.samples for c in short[:4]))  # warm up
            for run_no in (1, 2):
                wall, cpu = time.perf_counter(), time.process_time()
                list(engine.transcribe_many(c.samples for c in short))
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(f"  {label:<22} run {run_no}: wall {1000 * wall / len(short):6.0f} ms/clip"
                      f", CPU {1000 * cpu / len(short):6.0f} ms/clip ({engine.clips_at_once} "
                      f"at once); load average {os.getloadavg()[0]:.1f}", flush=True)
            del engine
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--voices", type=int, default=len(german_speech.VOICES),
                    help="how many of espeak-ng's German voices to take turns")
    ap.add_argument("--show", action="store_true", help="print every transcript")
    ap.add_argument("--cost", action="store_true",
                    help="wall and CPU time per clip as the worker runs tiny.en and base")
    args = ap.parse_args()
    began = time.perf_counter()
    clips = build_clips(args.corpus, args.voices)
    if args.cost:
        return cost(clips)
    groups = sorted({c.group for c in clips})
    print(f"{len(clips)} German clips: " + ", ".join(
        f"{g} {sum(c.group == g for c in clips)}" for g in groups), flush=True)
    configs = [("tiny.en", "tiny.en", EngineSettings(clips_at_once=1)),
               ("base, languages de,en", "base",
                EngineSettings(languages=("de", "en"), clips_at_once=1)),
               ("base, language de", "base", EngineSettings(language="de", clips_at_once=1))]
    results: dict[str, tuple[list[str], list[float]]] = {}
    with tempfile.TemporaryDirectory() as cache:
        for label, model, settings in configs:
            engine = Engine(resolve_model(model, Path(cache)), settings)
            results[label] = run(engine, clips)
            print(f"  {label}: done", flush=True)
            del engine
    print(f"\n{'':<24}" + "".join(f"{label:>24}" for label, _, _ in configs))
    for group in [*groups, "all"]:
        row = f"{group:<24}"
        for label, _, _ in configs:
            texts, _ms = results[label]
            pairs = [(c.text, t) for c, t in zip(clips, texts, strict=True)
                     if group in ("all", c.group)]
            errors, total = error_counts(pairs, words)
            row += f"{errors / total:>18.3f} ({total:>3})" if total else f"{'-':>24}"
        print(row)
    row = f"{'loops (clips)':<24}"
    for label, _, _ in configs:
        texts, _ = results[label]
        row += f"{sum(_repeats(words(t), 3, 3) for t in texts):>24}"
    print(row)
    row = f"{'ms/clip (median)':<24}"
    for label, _, _ in configs:
        _texts, ms = results[label]
        row += f"{float(np.median(ms)):>24.0f}"
    print(row)
    wake = defaultdict(int)
    for label, _, _ in configs:
        texts, _ = results[label]
        wake[label] = sum(t.lower().lstrip(" ,.").startswith(("alexa", "hey google", "okay google",
                                                               "ok google"))
                          for c, t in zip(clips, texts, strict=True)
                          if c.text.lower().startswith(("alexa", "hey google", "okay google")))
    n_wake = sum(c.text.lower().startswith(("alexa", "hey google", "okay google")) for c in clips)
    print(f"{'starts with the wake word':<24}" + "".join(
        f"{wake[label]:>20}/{n_wake:<3}" for label, _, _ in configs))
    if args.show:
        for i, c in enumerate(clips):
            print(f"\n[{c.group}] {c.text}")
            for label, _, _ in configs:
                print(f"  {label:<22} {results[label][0][i]}")
    print(f"\nbenchmark took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
