"""Word times on demand (issue 17): transcription with and without word alignment, and the
on-demand alignment the detail pane runs.

Same process, same clips, the two settings alternating in blocks of 8 (one decode batch):
CPU time per clip (`process_time`, all threads) with alignment (the old default) and without
(the new one), texts of both against the references (word error), and how many texts differ
(alignment drops a squeezed repeat: "Alexa. Alexa." for one "Alexa"). Then the on-demand
path as the window runs it (`WordTimer`'s single-threaded engine): model load, CPU per clip,
and whether its words are those transcription would have aligned.

    .venv/bin/python bench/word_times_bench.py --alexa 60 --composed 60
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from transcribe_bench import corpus_clips, wer  # noqa: E402

from reviewer.core.transcribe.engine import Engine, EngineSettings  # noqa: E402
from reviewer.core.transcribe.models import resolve_model  # noqa: E402

BLOCK = 8


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    return kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alexa", type=int, default=60)
    parser.add_argument("--composed", type=int, default=60)
    parser.add_argument("--model", default="tiny.en")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()}")
    clips = [c for c in corpus_clips(args.alexa, args.composed, 0) if c.seconds <= 6.0]
    info = resolve_model(args.model, Path(tempfile.mkdtemp()))
    common = {"clips_at_once": 1}
    engines = {"aligned": Engine(info, EngineSettings(word_timestamps=True, **common)),
               "no words": Engine(info, EngineSettings(word_timestamps=False, **common))}
    cpu = dict.fromkeys(engines, 0.0)
    out: dict[str, list] = {k: [] for k in engines}
    for i in range(0, len(clips), BLOCK):
        block = [c.samples for c in clips[i:i + BLOCK]]
        order = list(engines) if (i // BLOCK) % 2 == 0 else list(reversed(engines))
        for name in order:
            started = time.process_time()
            out[name] += engines[name].transcribe_batch(block)
            cpu[name] += time.process_time() - started
    n = len(clips)
    print(f"{n} clips <= 6 s; CPU ms/clip (all threads, alternating blocks of {BLOCK}):")
    for name in engines:
        print(f"  {name:9s} {1000 * cpu[name] / n:7.1f}")
    print(f"  saved     {100 * (1 - cpu['no words'] / cpu['aligned']):6.1f} %")
    refs = [(c.text, k) for c, k in zip(clips, range(n), strict=True) if c.text]
    for name in engines:
        pairs = [(ref, out[name][k].text) for ref, k in refs]
        print(f"  word error {name:9s} {wer(pairs):.4f} on {len(pairs)} clips")
    differ = [(c.name, a.text, b.text) for c, a, b in
              zip(clips, out["aligned"], out["no words"], strict=True) if a.text != b.text]
    print(f"  texts differ on {len(differ)} of {n}:")
    for name, a, b in differ[:10]:
        print(f"    {name}: aligned {a!r} / without {b!r}")
    computed = sum(t.words_computed for t in out["no words"])
    print(f"  without alignment, words computed anyway (no text, a lone word by VAD, or a "
          f"word twice in a row, aligned to drop a squeezed copy): {computed} of {n}")

    # The on-demand path: WordTimer's engine (one thread).
    rss = _rss_mb()
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    timer = Engine(info, EngineSettings(clips_at_once=1, decoder_threads=0), cpu_threads=1)
    print(f"on demand: model load {time.perf_counter() - started_wall:.2f} s wall, "
          f"{time.process_time() - started_cpu:.2f} s CPU, +{_rss_mb() - rss:.0f} MB resident "
          f"(load {os.getloadavg()[0]:.1f})")
    spent, done, same, close, compared = 0.0, 0, 0, 0, 0
    worst = 0.0
    for c, plain, aligned in zip(clips, out["no words"], out["aligned"], strict=True):
        if plain.words_computed:
            continue
        segments = [asdict(s) for s in plain.segments]
        started = time.process_time()
        words = timer.word_times(c.samples, plain.settings, segments, plain.language)
        spent += time.process_time() - started
        done += 1
        if plain.text == aligned.text and aligned.words:
            compared += 1
            if [w.word for w in words] == [w.word for w in aligned.words]:
                same += 1
                diff = max(max(abs(a.start - b.start), abs(a.end - b.end))
                           for a, b in zip(words, aligned.words, strict=True))
                worst = max(worst, diff)
                close += diff <= 0.02
    if done:
        print(f"  {done} clips aligned on demand: {1000 * spent / done:.1f} CPU ms/clip")
        print(f"  same words as transcription aligned: {same} of {compared} (same text); "
              f"times within 20 ms: {close}; largest difference {worst:.3f} s")
    print(f"load at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
