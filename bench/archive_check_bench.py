"""Is this export yours? The voice checks over many random households, and what they cost.

    .venv/bin/python bench/archive_check_bench.py [--trials 300] [--lengths 2 1]
        [--scale 2000] [--corpus DIR | --generated] [--seed 0] [--cache DIR]

Voices come from the corpus (`../shared/corpus`, or `--corpus`, or REVIEWER_CORPUS): its
LibriSpeech speakers are the household members and strangers, its crowd-sourced "Alexa" clips
(hundreds of different people, one clip each) are the TV and visitors. Without the corpus (or
with `--generated`), voices are generated: the committed espeak-ng clips played faster or
slower (pitch and vocal-tract length change together). The speaker model tells these apart
far less well than real people (espeak's own voice variants not at all), so those figures
(100 households, 2 s / 1 s: swapped flagged 37 / 49 %, stranger found 26 / 25 %, own archive
clean 86 / 76 %) only show that the harness runs; the figures that matter need real voices.

Every clip is cut to the clip length (2 s, 1 s), VAD-trimmed and embedded as the app does
(`voices.job.embed_samples`). Each trial then runs the app's own functions (`clusters.cluster`,
`voices.carry_over`, `checks.evidence_from`) on a simulated library:
- an earlier export of household H (2–4 voices, 6–15 clips each, 2–4 TV clips), clustered and
  named by the user as they would (the voice most clips of a member fall in: "me" for the
  first member, "household" for the others; TV voices "guest");
- then a new export, clustered together with the earlier one, names carried over:
  own   H again (5–20 clips each) + 2–6 TV clips        -> expect no verdict;
  swap  another household (1–3 voices, 5–20 clips each) + TV -> expect "may not be yours";
  guest H + 3–20 clips of one stranger + TV           -> expect the stranger found as a voice
        of its own (a voice holding at least half of the stranger's clips, most of its clips
        the stranger's) and "part of this export may be someone else's" raised for it.
Then the cost: decode + VAD + embedding per clip, and for `--scale` clips (with peak RSS), and
clustering that many.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.audio.probe import AudioError  # noqa: E402
from reviewer.core.audio.vad import detect_speech  # noqa: E402
from reviewer.core.voices.checks import ImportClip, KnownVoice, evidence_from  # noqa: E402
from reviewer.core.voices.clusters import Item, centre_of, cluster, normalise  # noqa: E402
from reviewer.core.voices.job import embed_file, embed_samples  # noqa: E402
from reviewer.core.voices.model import SpeakerModel  # noqa: E402
from reviewer.core.voices.voices import carry_over  # noqa: E402

SR = 16_000


@dataclass
class Clip:
    speaker: str
    vector: np.ndarray
    speech_s: float


def corpus_dir(arg: str | None) -> Path | None:
    for cand in (arg, os.environ.get("REVIEWER_CORPUS"), str(ROOT.parent / "shared" / "corpus")):
        if cand and (Path(cand) / "librispeech").is_dir():
            return Path(cand)
    return None


def crops(x: np.ndarray, seconds: float, most: int) -> list[np.ndarray]:
    n = int(seconds * SR)
    # Half a second of silence around each crop, as a smart speaker's clip has.
    pad = np.zeros(SR // 2, dtype=np.float32)
    return [np.concatenate([pad, x[i * n:(i + 1) * n], pad]) for i in range(min(most, len(x) // n))]


def warp(x: np.ndarray, factor: float) -> np.ndarray:
    n = int(len(x) / factor)
    return np.interp(np.arange(n) * factor, np.arange(len(x)), x).astype(np.float32)


def load_pools(model: SpeakerModel, corpus: Path | None, seconds: float,
               cache: Path | None = None) -> tuple[dict[str, list[Clip]], list[Clip]]:
    """Embedded clips per speaker, and the TV/visitor clips (cached in `cache` if given:
    embedding the pools is most of the run)."""
    if cache is not None:
        path = cache / f"pools-{'corpus' if corpus else 'generated'}-{seconds:g}s.pickle"
        if path.is_file():
            with path.open("rb") as f:
                loaded: tuple[dict[str, list[Clip]], list[Clip]] = pickle.load(f)
            return loaded
        pools = load_pools(model, corpus, seconds)
        cache.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(pools, f)
        return pools
    speakers: dict[str, list[Clip]] = {}
    tv: list[Clip] = []

    def add(into: list[Clip], name: str, samples: np.ndarray) -> None:
        r = embed_samples(model, samples)
        if r.vector is not None:
            into.append(Clip(name, r.vector, r.speech_s))

    if corpus is not None:
        for d in sorted((corpus / "librispeech").iterdir()):
            if not d.name.isdigit():
                continue
            for f in sorted(d.glob("*.flac")):
                for c in crops(decode_audio(f), seconds, 6):
                    add(speakers.setdefault(d.name, []), d.name, c)
        for i, f in enumerate(sorted((corpus / "alexa").iterdir())):
            try:
                x = decode_audio(f)
            except AudioError:
                continue
            for c in crops(x, seconds, 1) or [x]:
                add(tv, f"tv{i}", c)
    else:
        data = ROOT / "reviewer" / "testing" / "data" / "speech"
        rows = list(csv.DictReader((data / "speech.tsv").open(), delimiter="\t"))
        clips = [decode_audio(data / r["file"]) for r in rows]
        for k, factor in enumerate((0.78, 0.85, 0.92, 1.0, 1.08, 1.17, 1.27, 1.38)):
            for c in clips:
                for crop in crops(warp(c, factor), seconds, 2):
                    add(speakers.setdefault(f"gen{k}", []), f"gen{k}", crop)
        for i, c in enumerate(clips):
            for crop in crops(warp(c, 0.7 + 0.05 * (i % 16)), seconds, 1):
                add(tv, f"tv{i}", crop)
    return speakers, tv


class Trial:
    """One simulated library: clips with ids, the earlier export named, a new export."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.items: list[Item] = []
        self.speaker_of: dict[int, str] = {}
        # Each crop is used once per library: a new export never repeats an earlier clip.
        self.used: dict[int, set[int]] = {}

    def add(self, pool: list[Clip], n: int) -> list[int]:
        used = self.used.setdefault(id(pool), set())
        free = [i for i in range(len(pool)) if i not in used]
        ids = []
        for i in self.rng.choice(free, size=min(n, len(free)), replace=False):
            used.add(int(i))
            c = pool[int(i)]
            cid = len(self.items) + 1
            self.items.append(Item(cid, c.vector, c.speech_s))
            self.speaker_of[cid] = c.speaker
            ids.append(cid)
        return ids


def run_trial(kind: str, speakers: dict[str, list[Clip]], tv: list[Clip],
              rng: np.random.Generator) -> tuple[bool, bool, bool]:
    """-> (not_yours raised, part raised, stranger found as its own voice)."""
    names = sorted(speakers)
    order = list(rng.permutation(names))
    household = order[:int(rng.integers(2, 5))]
    t = Trial(rng)
    # Earlier export: household + TV, clustered and named by the user.
    for s in household:
        t.add(speakers[s], int(rng.integers(6, 16)))
    t.add(tv, int(rng.integers(2, 5)))
    earlier = cluster(t.items)
    labels: dict[int, str | None] = {}
    voice_of: dict[int, int] = {}
    for vid, group in enumerate(earlier.groups, start=1):
        who = Counter(t.speaker_of[c] for c in group).most_common(1)[0][0]
        labels[vid] = ("me" if who == household[0] else "household" if who in household
                       else "guest")
        for c in group:
            voice_of[c] = vid
    first_new = len(t.items) + 1
    fresh = speakers
    stranger_ids: list[int] = []
    if kind == "swap":
        others = order[len(household):len(household) + int(rng.integers(1, 4))]
        for s in others:
            t.add(fresh[s], int(rng.integers(5, 21)))
    else:
        for s in household:
            t.add(fresh[s], int(rng.integers(5, 21)))
        if kind == "guest":
            stranger = order[len(household)]
            stranger_ids = t.add(fresh[stranger], int(rng.integers(3, 21)))
    t.add(tv, int(rng.integers(2, 7)))
    # The library clusters everything again; names carry over by membership.
    result = cluster(t.items)
    kept = carry_over(voice_of, result.groups, set(labels))
    next_id = max(labels, default=0) + 1
    assignment: dict[int, int] = {}
    voices: dict[int, KnownVoice] = {}
    by_id = {it.clip_id: it for it in t.items}
    for gi, group in enumerate(result.groups):
        vid = kept.get(gi)
        if vid is None:
            vid, next_id = next_id, next_id + 1
        centroid = normalise(np.stack([by_id[c].vector for c in group])).mean(axis=0)
        voices[vid] = KnownVoice(vid, labels.get(vid), centroid)
        for c in group:
            assignment[c] = vid
    rows = [ImportClip(it.clip_id, it.vector, it.speech_s, assignment.get(it.clip_id))
            for it in t.items if it.clip_id >= first_new]
    unit = normalise(np.stack([it.vector for it in t.items]))
    ev = evidence_from(rows, voices, centre_of(unit))
    not_yours = any(f.kind == "not_yours" for f in ev.findings)
    part = any(f.kind == "part" for f in ev.findings)
    found = False
    if stranger_ids:
        mine = set(stranger_ids)
        for f in ev.findings:
            if f.code != "foreign_voice":
                continue
            group = [c for c, v in assignment.items() if v == f.voice_ids[0]]
            hits = len(mine & set(group))
            if hits * 2 >= len(mine) and hits * 2 > len(group):
                found = True
    return not_yours, part, found


def scenario_figures(speakers: dict[str, list[Clip]], tv: list[Clip], trials: int,
                     seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    out: dict[str, float] = {}
    counts = {"own_clean": 0, "swap_flagged": 0, "guest_found": 0, "guest_part": 0,
              "own_part": 0, "own_not_yours": 0}
    for _ in range(trials):
        ny, part, _f = run_trial("own", speakers, tv, rng)
        counts["own_clean"] += not (ny or part)
        counts["own_part"] += part
        counts["own_not_yours"] += ny
        ny, _part, _f = run_trial("swap", speakers, tv, rng)
        counts["swap_flagged"] += ny
        _ny, part, found = run_trial("guest", speakers, tv, rng)
        counts["guest_found"] += found and part
        counts["guest_part"] += part
    for k, v in counts.items():
        out[k] = v / trials
    return out


def cost(model: SpeakerModel, corpus: Path | None, scale: int) -> None:
    if corpus is not None:
        files = sorted(p for p in (corpus / "alexa").iterdir() if p.is_file())
        files += sorted((corpus / "librispeech").glob("[0-9]*/*.flac"))
    else:
        files = sorted((ROOT / "reviewer" / "testing" / "data" / "speech").glob("*.ogg"))
    # Where the time goes, on distinct files (one thread, as the app runs it).
    embed_file(model, files[0])  # warm-up
    # CPU time as well as wall time: on a shared machine the wall clock mostly measures the
    # other processes.
    parts = {"decode": 0.0, "vad": 0.0, "embed": 0.0}
    cpu = dict.fromkeys(parts, 0.0)
    step = max(1, len(files) // 200)
    sample = files[::step][:200]
    speech_total = 0.0
    for f in sample:
        marks = [(time.perf_counter(), time.process_time())]
        x = decode_audio(f)
        marks.append((time.perf_counter(), time.process_time()))
        speech = detect_speech(x)
        marks.append((time.perf_counter(), time.process_time()))
        if speech.speech_s >= 0.5:
            model.embed(speech.trimmed)
            speech_total += min(speech.trimmed_duration_s, 20.0)
        marks.append((time.perf_counter(), time.process_time()))
        for i, k in enumerate(parts):
            parts[k] += marks[i + 1][0] - marks[i][0]
            cpu[k] += marks[i + 1][1] - marks[i][1]
    n = len(sample)
    print(f"cost: per clip over {n} files (mean {speech_total / n:.1f} s embedded): wall "
          + ", ".join(f"{k} {1000 * v / n:.0f} ms" for k, v in parts.items())
          + "; CPU " + ", ".join(f"{k} {1000 * v / n:.0f} ms" for k, v in cpu.items()))
    t0, c0 = time.perf_counter(), time.process_time()
    results = [embed_file(model, files[i % len(files)]) for i in range(scale)]
    elapsed, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    speech_s = [r.speech_s for r in results if r.vector is not None]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cost: {scale} clips (mean speech {np.mean(speech_s):.2f} s) decoded, VAD-trimmed "
          f"and embedded in {elapsed:.1f} s = {1000 * elapsed / scale:.0f} ms per clip "
          f"(CPU {cpu_s:.1f} s = {1000 * cpu_s / scale:.0f} ms per clip); "
          f"peak RSS {rss:.0f} MB; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    items = [Item(i, r.vector, r.speech_s) for i, r in enumerate(results) if r.vector is not None]
    t0 = time.perf_counter()
    cluster(items)
    # The files repeat to make up the count, so the voices found mean nothing here.
    print(f"cost: clustering {len(items)} embeddings: {time.perf_counter() - t0:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--lengths", type=float, nargs="+", default=[2.0, 1.0])
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--corpus")
    parser.add_argument("--generated", action="store_true",
                        help="use generated voices even when the corpus is there")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="keep the embedded pools here between runs")
    args = parser.parse_args()
    corpus = None if args.generated else corpus_dir(args.corpus)
    print(f"voices: {'corpus ' + str(corpus) if corpus else 'generated (no corpus found)'}")
    model = SpeakerModel()
    for seconds in args.lengths:
        t0 = time.perf_counter()
        speakers, tv = load_pools(model, corpus, seconds, args.cache)
        print(f"\n{seconds:g} s clips: {sum(len(v) for v in speakers.values())} clips of "
              f"{len(speakers)} speakers, {len(tv)} TV/visitor clips "
              f"(embedded in {time.perf_counter() - t0:.0f} s)")
        f = scenario_figures(speakers, tv, args.trials, args.seed)
        print(f"  swapped archive flagged \"may not be yours\":      {f['swap_flagged']:6.1%}")
        print(f"  3-20 stranger clips found as a voice of their own: {f['guest_found']:6.1%}"
              f"   (\"part\" raised: {f['guest_part']:.1%})")
        print(f"  own archive (2-4 voices + TV), no verdict:         {f['own_clean']:6.1%}"
              f"   (false \"part\": {f['own_part']:.1%}, false \"not yours\": "
              f"{f['own_not_yours']:.1%})")
        print(f"  ({args.trials} random households per scenario, seed {args.seed})")
    if args.scale:
        print()
        cost(model, corpus, args.scale)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
