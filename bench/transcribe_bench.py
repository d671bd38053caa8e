"""Plain per-clip Whisper vs the engine's short encoder context, on real clips, in one run.

    .venv/bin/python bench/transcribe_bench.py [--clips N] [--show-errors]

Clips: a fixed mix from the shared corpus (../shared/corpus): `alexa/` (known text "alexa"),
`commands/` and `overheard/` (text in their .tsv), `librispeech/` (timing only: the corpus has
no LibriSpeech transcripts). Without the corpus, the project's own espeak-ng clips
(reviewer/testing/data/speech) are used. Both modes transcribe the same decoded samples with
the same model, so only the transcription is timed (decode excluded, VAD included).
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.transcribe.engine import ClipTranscript, Engine, EngineSettings  # noqa: E402
from reviewer.core.transcribe.models import bundled_model  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
ASSETS = REPO / "reviewer" / "testing" / "data" / "speech"
# Share of each corpus group in the default mix (wake words dominate real histories).
MIX = (("alexa", 0.40), ("commands", 0.25), ("overheard", 0.15), ("librispeech", 0.20))


@dataclass
class Clip:
    name: str
    group: str
    samples: np.ndarray
    text: str | None  # None: no reference text, timing only

    @property
    def seconds(self) -> float:
        return len(self.samples) / 16_000


# --- word error rate -----------------------------------------------------------------------

_NUMBERS = {str(i): w for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"])}
_NUMBERS.update({"30": "thirty", "40": "forty", "50": "fifty", "100": "hundred"})
_SPELLINGS = {"okay": "ok", "mum": "mom"}


def normalise(text: str) -> list[str]:
    """Lower case, no punctuation, digits as words: "Set a timer for 10 minutes." == spoken."""
    text = re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("’", "'"))
    words = (w.strip("'") for w in text.split())
    return [_SPELLINGS.get(w, _NUMBERS.get(w, w)) for w in words if w]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + insertions + deletions, reference words): Levenshtein over words."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[:], i
        for j, h in enumerate(hyp, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h))
    return row[len(hyp)], len(ref)


# --- clips ---------------------------------------------------------------------------------

def _tsv(folder: Path, name: str) -> list[tuple[Path, str]]:
    with (folder / name).open(encoding="utf-8") as fh:
        return [(folder / row["file"], row["text"]) for row in csv.DictReader(fh, delimiter="\t")]


def _spread(items: list[tuple[Path, str | None]], n: int) -> list[tuple[Path, str | None]]:
    """n items evenly spread over the list (different speakers, not the first n files)."""
    if n >= len(items):
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def corpus_clips(n: int) -> list[Clip]:
    groups: dict[str, list[tuple[Path, str | None]]] = {
        "alexa": [(p, "alexa") for p in sorted((CORPUS / "alexa").glob("*.flac"),
                                               key=lambda p: int(p.stem))],
        "commands": list(_tsv(CORPUS / "commands", "commands.tsv")),
        "overheard": list(_tsv(CORPUS / "overheard", "overheard.tsv")),
        "librispeech": [(p, None) for p in sorted((CORPUS / "librispeech").glob("*/*.flac"))],
    }
    clips: list[Clip] = []
    for group, share in MIX:
        want = round(n * share) if group != MIX[-1][0] else n - len(clips)
        for path, text in _spread(groups[group], max(0, want)):
            clips.append(Clip(f"{group}/{path.name}", group, decode_audio(path), text))
    return clips


def asset_clips(n: int) -> list[Clip]:
    rows: list[tuple[Path, str | None]] = list(_tsv(ASSETS, "speech.tsv"))
    return [Clip(f"speech/{p.name}", p.stem.rsplit("_", 1)[0], decode_audio(p), text)
            for p, text in _spread(rows, n)]


# --- run -----------------------------------------------------------------------------------

@dataclass
class Run:
    name: str
    ms: list[float]
    results: list[ClipTranscript]


def run(name: str, transcribe: Callable[[np.ndarray], ClipTranscript], clips: list[Clip]) -> Run:
    transcribe(clips[0].samples)  # warm-up: first call allocates buffers
    ms, results = [], []
    for clip in clips:
        start = time.perf_counter()
        results.append(transcribe(clip.samples))
        ms.append((time.perf_counter() - start) * 1000)
    return Run(name, ms, results)


def wer(clips: list[Clip], results: list[ClipTranscript], group: str | None = None) -> str:
    errors = words = 0
    for clip, result in zip(clips, results, strict=True):
        if clip.text is not None and group in (None, clip.group):
            e, n = word_errors(clip.text, result.text)
            errors, words = errors + e, words + n
    return f"{errors / words:.3f}" if words else "  n/a"


def report(clips: list[Clip], runs: list[Run], show_errors: bool) -> None:
    groups = list(dict.fromkeys(c.group for c in clips))
    total_s = sum(c.seconds for c in clips)
    print(f"\n{len(clips)} clips, {total_s:.0f} s of audio (median "
          f"{statistics.median(c.seconds for c in clips):.1f} s); groups: "
          + ", ".join(f"{g} {sum(c.group == g for c in clips)}" for g in groups))
    width = max(len(r.name) for r in runs) + 2
    print(f"\nword error rate against the known text (lower is better)\n{'mode':<{width}}"
          f"{'all':>7}" + "".join(f"{g[:10]:>11}" for g in groups))
    for r in runs:
        print(f"{r.name:<{width}}{wer(clips, r.results):>7}"
              + "".join(f"{wer(clips, r.results, g):>11}" for g in groups))
    print(f"\nms per clip (transcription only)\n{'mode':<{width}}{'mean':>7}{'median':>8}"
          f"{'p95':>7}" + "".join(f"{g[:10]:>11}" for g in groups) + f"{'speed-up':>10}")
    base = runs[0]
    for r in runs:
        pairs = list(zip(clips, r.ms, strict=True))
        by_group = "".join(
            f"{statistics.mean(ms for c, ms in pairs if c.group == g):>11.0f}" for g in groups)
        print(f"{r.name:<{width}}{statistics.mean(r.ms):>7.0f}{statistics.median(r.ms):>8.0f}"
              f"{float(np.percentile(r.ms, 95)):>7.0f}{by_group}"
              f"{statistics.mean(base.ms) / statistics.mean(r.ms):>9.1f}x")
    print()
    for r in runs:
        print(f"{r.name}: ", end="")
        alexa = [res for c, res in zip(clips, r.results, strict=True) if c.group == "alexa"]
        if alexa:
            hits = sum("alexa" in normalise(res.text) for res in alexa)
            print(f"'alexa' heard in {hits}/{len(alexa)} wake-word clips", end="; ")
        paths = [res.settings.get("path") for res in r.results]
        escalated = sum(bool(res.settings.get("escalated")) for res in r.results)
        sampled = sum((res.settings.get("temperature") or 0) > 0 for res in r.results)
        print(f"paths {dict((p, paths.count(p)) for p in sorted(set(map(str, paths))))}, "
              f"re-run on 30 s: {escalated}, temperature fallback: {sampled}")
    if show_errors:
        fast = runs[1]
        print("\nclips where the two modes differ:")
        for clip, a, b in zip(clips, base.results, fast.results, strict=True):
            if normalise(a.text) != normalise(b.text):
                print(f"  {clip.name} (ref: {clip.text!r})\n    {base.name}: {a.text!r}\n"
                      f"    {fast.name}: {b.text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=60, help="number of clips (default 60)")
    parser.add_argument("--show-errors", action="store_true",
                        help="list the clips where the two modes disagree")
    args = parser.parse_args()

    if (CORPUS / "alexa").is_dir():
        clips = corpus_clips(args.clips)
        source = f"corpus {CORPUS}"
    else:
        clips = asset_clips(args.clips)
        source = f"committed speech assets {ASSETS} (corpus not found)"
    print(f"clips from {source}")

    with tempfile.TemporaryDirectory() as cache:
        model = bundled_model(Path(cache))
        t0 = time.perf_counter()
        plain = Engine(model, EngineSettings(mode="plain"))
        print(f"model {model.name} loaded in {time.perf_counter() - t0:.2f} s, "
              f"{plain.cpu_threads} CPU threads, int8, greedy (beam 1)")
        short = Engine(model, EngineSettings(mode="short"))
        # Same engine without the temperature fallback: what the fallback costs and buys.
        greedy = Engine(model, EngineSettings(mode="short", temperatures=(0.0,)))
        runs = [run("plain", plain.transcribe, clips),
                run("short-context", short.transcribe, clips),
                run("short, greedy only", greedy.transcribe, clips)]
    report(clips, runs, args.show_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
