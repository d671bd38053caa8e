"""From an export to the last clip flagged, on a generated 10,000-clip Alexa + Google export.

    .venv/bin/python bench/scan_bench.py [--clips 10000] [--gui-clips 1000] [--export-dir DIR]
                                         [--no-compare] [--floor N]

The export has the shape of a real archive: an Amazon download (customerHistoryRecords JSON,
audio as WAV, MP3 named .bin, Ogg named by time and FLAC, plus records without audio) and a
Google Takeout zip (MyActivity.json, MP3s), about 60/40. The audio, made unique per clip
(a random lead-in and a faint dither), is mostly 1-6 s: real "Alexa" clips, "Alexa" + an
espeak-ng command, commands and overheard lines alone (../shared/corpus); ~5 % 10-30 s
(LibriSpeech utterances joined, real conversation); ~3 % music; ~5 % silence or hum. Without
the corpus, the committed espeak-ng clips stand in for the speech.

What is timed, in one run:
1. `reviewer scan EXPORTS --json OUT` in a child process, from its start to the JSON written
   (the wall clock a user waits), with when import, transcription and flagging ran (they may
   overlap), and the peak RSS (VmHWM) of the scan process and of each of its child processes
   (the transcription worker; on big libraries also the flagging process);
2. the GUI path at `--gui-clips` (offscreen Qt, the real window): from `import_paths` (what a
   drop does) through the window's job runner to the end of the transcription job, whose last
   step is the final flagging;
3. with `--floor N`, the floor: the same work on N clips of the scan's export with nothing
   around it (one process, one thread, one step after the other), CPU time per step and per
   CTranslate2 call. Its sum divided by the cores is the fastest the whole path can be on this
   machine, however well it overlaps.
For 1 and 2 each process's CPU seconds are printed beside the wall time (who took the
machine's time, and how busy its cores were).
Both 1 and 2 run twice on the same export, "sequential" (the transcription waits for the import's
end, as before issue 17's overlap; `Library.follows_imports` answers False) and "overlapped"
(it follows the import, taking each committed batch), and print the ratio. The phases are
given as spans from the start (they overlap), with the time to the first saved transcript,
how long import and transcription ran together, and how long the transcription ran after the
import's end: adding the phases up would count the overlap twice.
Targets (issue 17): 10,000 clips in <= 10 minutes (60 ms/clip), <= 1.5 GB total RSS. The
machine's load (`uptime`) is printed with every figure: on a shared machine only figures
taken at the same load compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus"
RATE = 16_000
ALEXA_SHARE = 0.6


def load() -> str:
    """The machine's load averages, as `uptime` prints them."""
    return "load " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


# --- the export ----------------------------------------------------------------------------

class Pool:
    """Source audio by kind, decoded once."""

    def __init__(self) -> None:
        from reviewer.core.audio.decode import decode_audio

        self.kinds: dict[str, list[np.ndarray]] = {}
        gap = np.zeros(int(0.2 * RATE), np.float32)
        if (CORPUS / "alexa").is_dir():
            alexa = [decode_audio(p) for p in sorted((CORPUS / "alexa").glob("*.flac"))]
            commands = [decode_audio(p) for p in sorted((CORPUS / "commands").glob("*.wav"))
                        + sorted((CORPUS / "commands").glob("*.flac"))]
            overheard = [decode_audio(p) for p in sorted((CORPUS / "overheard").glob("*.wav"))
                         + sorted((CORPUS / "overheard").glob("*.flac"))]
            libri = [decode_audio(p) for p in sorted((CORPUS / "librispeech").glob("*/*.flac"))]
            music = [decode_audio(p) for p in sorted((CORPUS / "music").glob("*.wav"))]
            talk = [decode_audio(p) for p in sorted((CORPUS / "speech").glob("conv*.wav"))]
        else:
            from reviewer.testing.google_exports import speech_clips

            clips = speech_clips()
            alexa = [c.samples() for c in clips if c.kind == "wake_only"]
            commands = [c.samples() for c in clips if c.kind == "command"]
            overheard = [c.samples() for c in clips if c.kind == "overheard"]
            libri, music, talk = overheard, [], []
        if not commands or not overheard or not alexa:
            raise SystemExit(f"no speech found in {CORPUS} or the committed assets")
        rng = random.Random(7)
        self.kinds["wake"] = alexa
        self.kinds["request"] = [np.concatenate([rng.choice(alexa), gap, c])
                                 for c in commands for _ in range(8)]
        self.kinds["command"] = commands
        self.kinds["overheard"] = overheard
        long: list[np.ndarray] = []
        for k in range(24):  # 10-30 s: LibriSpeech joined until long enough, or a conversation
            target = 10 + (k * 7) % 21
            if talk and k % 4 == 0:
                t = talk[k % len(talk)]
                long.append(t[: int(target * RATE)])
                continue
            parts: list[np.ndarray] = []
            while sum(len(p) for p in parts) < target * RATE:
                parts += [libri[(k * 3 + len(parts)) % len(libri)], gap]
            long.append(np.concatenate(parts)[: int(30 * RATE)])
        self.kinds["long"] = long
        self.kinds["music"] = [m[int(s * RATE): int((s + 4 + s % 7) * RATE)]
                               for m in music for s in (0, 3, 6)] or [_hum(5.0, 0)]
        self.kinds["silence"] = [_hum(1.0 + k % 5, k) for k in range(10)]

    # kind -> share of clips
    MIX = (("wake", 0.17), ("request", 0.42), ("command", 0.15), ("overheard", 0.13),
           ("long", 0.05), ("music", 0.03), ("silence", 0.05))

    def clip(self, index: int, rng: random.Random) -> tuple[str, np.ndarray]:
        roll, kind = rng.random(), self.MIX[-1][0]
        for name, share in self.MIX:
            if roll < share:
                kind = name
                break
            roll -= share
        source = rng.choice(self.kinds[kind])
        # Unique audio per clip (the library keeps one copy of identical audio): a lead-in of
        # its own length and a faint dither, far below anything Whisper hears.
        lead = np.zeros(int(rng.uniform(0.05, 0.6) * RATE), np.float32)
        samples = np.concatenate([lead, source, lead[: len(lead) // 2]])
        dither = np.random.default_rng(index).standard_normal(len(samples)) * 3e-4
        return kind, (samples + dither).astype(np.float32).clip(-1, 1)


def _hum(seconds: float, seed: int) -> np.ndarray:
    """Near silence: room noise, sometimes with a mains hum."""
    from reviewer.testing.audio import noise, tone

    n = noise(seconds, 0.003, seed=seed)
    return n + tone(seconds, 50.0, 0.01) if seed % 2 else n


def build_export(dest: Path, n: int, seed: int = 1) -> tuple[list[Path], dict[str, int]]:
    """An Amazon download folder and a Google Takeout zip holding `n` clips with audio."""
    from reviewer.testing import alexa_exports, google_exports
    from reviewer.testing.audio import encode

    pool = Pool()
    rng = random.Random(seed)
    kinds: dict[str, int] = {}

    def audio(index: int, fmt: str) -> bytes:
        kind, samples = pool.clip(index, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        return (google_exports.encode_mp3(samples) if fmt == "mp3"
                else encode(samples, fmt))

    n_alexa = round(n * ALEXA_SHARE)
    # Four of every six history records carry audio (see `history_json_content`).
    records = next(r for r in range(n_alexa, 2 * n_alexa + 6) if r // 6 * 4 + min(r % 6, 4)
                   >= n_alexa)
    content = alexa_exports.history_json_content(records=records, orphans=0,
                                                 audio_seconds=0.05)
    suffix_fmt = {".wav": "wav", ".mp3": "mp3", ".ogg": "ogg", ".flac": "flac"}
    files = dict(content.files)
    k = 0
    for clip in content.clips:
        if clip.audio_name is None:
            continue
        files[f"Voice History/Audio/{clip.audio_name}"] = audio(k, suffix_fmt[clip.audio_format
                                                                               or ".wav"])
        k += 1
    alexa = alexa_exports.write_export(alexa_exports.ExportContent(files, content.clips),
                                       dest / "amazon", name="amazon-data")
    entries = google_exports.make_entries(n - k, seed=seed,
                                          start=datetime(2023, 1, 2, 8, 0, tzinfo=UTC))
    for j, entry in enumerate(entries):
        entry.audio = audio(k + j, "mp3")
    takeout = google_exports.write_takeout(dest / "google", entries, as_zip=True)
    return [alexa.path, *takeout], kinds


# --- 1. `reviewer scan` in a child process -------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def _sample_tree(root: int, peaks: dict[int, tuple[str, int]],
                 cpu: dict[int, float] | None = None) -> None:
    """Record VmHWM of `root` and all its descendants into `peaks` (pid -> (name, kB)) and,
    given `cpu`, the CPU seconds each has used so far (user + system, pid -> s)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                status = dict(line.split(":", 1) for line in fh if ":" in line)
            name, hwm = status["Name"].strip(), int(status["VmHWM"].split()[0])
            with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            seconds = (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, KeyError, ValueError, IndexError):
            continue
        if hwm > peaks.get(pid, ("", 0))[1]:
            peaks[pid] = (name, hwm)
        if cpu is not None:
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)


def _cpu_line(root: int, peaks: dict[int, tuple[str, int]], cpu: dict[int, float],
              wall: float, label: str) -> str:
    """CPU seconds of the process and of its children (as last sampled, every 0.25 s), next
    to what the cores could have given in that wall time: who took the machine's time."""
    others = sorted(((cpu[p], peaks[p][0]) for p in cpu if p != root and cpu[p] >= 0.5),
                    reverse=True)
    parts = [f"{label} {cpu.get(root, 0.0):.0f} s"]
    parts += [f"{name} {s:.0f} s" for s, name in others]
    total = sum(cpu.values())
    return (f"   CPU: {', '.join(parts)}; {total:.0f} s of the {wall * (os.cpu_count() or 1):.0f}"
            f" core-seconds of the wall time ({total / wall:.2f} cores busy)")


def _watched(cmd: list[str], env: dict[str, str], label: str) -> dict[str, Any]:
    """Run `cmd` to its end, sampling it and its children every 0.25 s: its exit code and
    output, the wall time, peak RSS (MB) of the process and of its children, and the CPU line
    (`label` names the process in it)."""
    peaks: dict[int, tuple[str, int]] = {}
    cpu: dict[int, float] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while proc.poll() is None:
        _sample_tree(proc.pid, peaks, cpu)
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.communicate()
    children = sorted((kb / 1024 for pid, (_n, kb) in peaks.items() if pid != proc.pid),
                      reverse=True)
    return {"returncode": proc.returncode, "stdout": stdout.decode(),
            "stderr": stderr.decode(errors="replace"), "wall": wall,
            "rss": peaks.get(proc.pid, ("", 0))[1] / 1024, "children_rss": children,
            "cpu": _cpu_line(proc.pid, peaks, cpu, wall, label)}


def _sequential() -> None:
    """The "before" mode: no transcription follows an import."""
    from reviewer.core.library import Library

    Library.follows_imports = lambda self, model=None: False  # type: ignore[method-assign]


def _first_transcript(began: float, seen: dict[str, float]) -> None:
    """Record when the first transcript is saved (the job's batch save, in any thread)."""
    from reviewer.core.transcribe import job

    save = job.save_results

    def saving(*args: Any, **kwargs: Any) -> Any:
        rows = save(*args, **kwargs)
        if any(r is not None for r in rows):
            seen.setdefault("first_transcript", time.perf_counter() - began)
        return rows

    job.save_results = saving


def _child_scan(argv: list[str]) -> int:
    """In the child: `reviewer scan`, with when each phase ran written to $SCAN_BENCH_TIMES."""
    from reviewer import cli
    from reviewer.core.library import Library

    if os.environ.get("SCAN_BENCH_SEQUENTIAL"):
        _sequential()
    began = time.perf_counter()
    spans: dict[str, list[float]] = {}
    firsts: dict[str, float] = {}
    _first_transcript(began, firsts)

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter() - began
            try:
                return fn(*args, **kwargs)
            finally:
                t1 = time.perf_counter() - began
                first, last = spans.get(name, [t0, t1])
                spans[name] = [min(first, t0), max(last, t1)]
        return wrapper

    Library.import_exports = timed("import", Library.import_exports)  # type: ignore[method-assign]
    Library.transcribe = timed("transcription", Library.transcribe)  # type: ignore[method-assign]
    Library.flag = timed("flagging", Library.flag)  # type: ignore[method-assign]
    rc = cli.main(argv)
    spans["json"] = [spans.get("flagging", [0.0, 0.0])[1], time.perf_counter() - began]
    if "first_transcript" in firsts:
        spans["first_transcript"] = [firsts["first_transcript"]] * 2
    Path(os.environ["SCAN_BENCH_TIMES"]).write_text(json.dumps(spans))
    return rc


def run_scan(exports: list[Path], work: Path, n: int, sequential: bool) -> dict[str, Any]:
    work.mkdir(parents=True)
    out = work / "scan.json"
    times = work / "times.json"
    env = {**os.environ, "SCAN_BENCH_TIMES": str(times)}
    if sequential:
        env["SCAN_BENCH_SEQUENTIAL"] = "1"
    else:
        env.pop("SCAN_BENCH_SEQUENTIAL", None)
    cmd = [sys.executable, __file__, "--child-scan", "--data-dir", str(work / "lib"), "scan",
           *map(str, exports), "--json", str(out)]
    before = load()
    run = _watched(cmd, env, "this process")
    if run["returncode"] != 0 or not out.is_file():
        raise SystemExit(f"reviewer scan failed ({run['returncode']}):\n{run['stderr'][-3000:]}")
    rows = json.loads(out.read_text(encoding="utf-8"))
    spans = json.loads(times.read_text())
    return {"wall": run["wall"], "rows": rows, "spans": spans, "scan_rss": run["rss"],
            "children_rss": run["children_rss"], "cpu": run["cpu"], "load_before": before,
            "load_after": load(), "stdout": run["stdout"].strip(), "n": n,
            "mode": "sequential" if sequential else "overlapped"}


def _overlap_lines(spans: dict[str, list[float]], first: float | None) -> list[str]:
    """The honest split when phases overlap: when the first transcript came, how long the
    import and the transcription ran together, and what ran after the import's end."""
    lines = []
    if first is not None:
        lines.append(f"   first transcript saved at {first:7.1f} s")
    if "import" in spans and "transcription" in spans:
        (ia, ib), (ta, tb) = spans["import"], spans["transcription"]
        together = max(0.0, min(ib, tb) - max(ia, ta))
        lines.append(f"   import and transcription together {together:6.1f} s; transcription "
                     f"after the import's end {max(0.0, tb - ib):6.1f} s")
    return lines


def print_scan(r: dict[str, Any]) -> None:
    rows = r["rows"]
    with_text = sum(1 for x in rows if x["transcript"])
    print(f"\n1. reviewer scan, {r['mode']}: {len(rows)} clips in the JSON ({r['n']} with "
          f"audio, {with_text} with a transcript, {sum(x['flagged'] for x in rows)} flagged)")
    print(f"   start to JSON written: {r['wall']:.1f} s = {1000 * r['wall'] / r['n']:.0f} "
          f"ms/clip with audio   ({r['load_before']} before, {r['load_after']} after)")
    for name in ("import", "transcription", "flagging", "json"):
        if name in r["spans"]:
            a, b = r["spans"][name]
            print(f"   {name:<14} {a:7.1f} s -> {b:7.1f} s  ({b - a:6.1f} s)")
    first = r["spans"].get("first_transcript", [None])[0]
    for line in _overlap_lines(r["spans"], first):
        print(line)
    total = r["scan_rss"] + sum(r["children_rss"])
    print(f"   peak RSS: scan process {r['scan_rss']:.0f} MB, its child processes (the "
          f"transcription worker, the flagging process) "
          f"{', '.join(f'{x:.0f}' for x in r['children_rss']) or '-'} MB; sum of the peaks "
          f"{total:.0f} MB")
    print(r["cpu"])
    minutes = r["wall"] / r["n"] * 10_000 / 60
    print(f"   target: 10,000 clips <= 10 min -> {minutes:.1f} min at this rate "
          f"({'OK' if minutes <= 10 else 'slower'}); RSS <= 1.5 GB -> "
          f"{'OK' if total <= 1536 else 'over'}")


# --- 2. the GUI path -----------------------------------------------------------------------

def _child_gui(data_dir: Path, exports: list[Path]) -> int:
    """In the child: the real window (offscreen), an import as a drop starts it, and the
    window's own jobs until the transcription job (which flags last) has finished."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reviewer.core.library import Library
    from reviewer.ui.main_window import MainWindow

    if os.environ.get("SCAN_BENCH_SEQUENTIAL"):
        _sequential()
    firsts: dict[str, float] = {}

    app = QApplication.instance() or QApplication([])
    library = Library.open(data_dir)
    window = MainWindow(library)
    window.show()
    app.processEvents()
    seen: dict[str, float] = {}
    t0 = time.perf_counter()
    _first_transcript(t0, firsts)
    window.import_paths(exports)
    while True:
        app.processEvents()
        now = time.perf_counter() - t0
        for kind in window.jobs:
            seen.setdefault(f"{kind}_start", now)
        if "import_start" in seen and "import" not in window.jobs:
            seen.setdefault("import_end", now)
        if ("transcribe_start" in seen and "transcribe" not in window.jobs
                and "import" not in window.jobs):
            seen["transcribe_end"] = now
            break
        if now > 6 * 3600:
            print("gave up after 6 hours", file=sys.stderr)
            return 1
        time.sleep(0.005)
    flagged = library.count_clips(_flagged_query())
    print(json.dumps({**seen, **firsts, "flagged": flagged}))
    window.close()
    return 0


def _flagged_query() -> Any:
    from reviewer.core.api import ClipQuery

    return ClipQuery(flagged=True)


def run_gui(exports: list[Path], work: Path, sequential: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child-gui", str(work / "gui-lib"), *map(str, exports)]
    before = load()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if sequential:
        env["SCAN_BENCH_SEQUENTIAL"] = "1"
    else:
        env.pop("SCAN_BENCH_SEQUENTIAL", None)
    run = _watched(cmd, env, "window process")
    if run["returncode"] != 0:
        raise SystemExit(f"GUI run failed ({run['returncode']}):\n{run['stderr'][-3000:]}")
    seen = json.loads(run["stdout"].strip().splitlines()[-1])
    return {**seen, "load_before": before, "load_after": load(), "window_rss": run["rss"],
            "children_rss": run["children_rss"], "cpu": run["cpu"],
            "mode": "sequential" if sequential else "overlapped"}


def print_gui(g: dict[str, Any], n: int) -> None:
    end = g["transcribe_end"]
    print(f"\n2. GUI, {g['mode']} (offscreen window, its job runner): {n} clips with audio, "
          f"drop to last flag {end:.1f} s = {1000 * end / n:.0f} ms/clip   "
          f"({g['load_before']} before, {g['load_after']} after)")
    print(f"   import job {g.get('import_start', 0):.1f} -> {g.get('import_end', 0):.1f} s, "
          f"transcription + flagging job {g['transcribe_start']:.1f} -> {end:.1f} s; "
          f"{g['flagged']} flagged")
    spans = {"import": [g.get("import_start", 0.0), g.get("import_end", 0.0)],
             "transcription": [g["transcribe_start"], end]}
    for line in _overlap_lines(spans, g.get("first_transcript")):
        print(line)
    print(f"   peak RSS: window process {g['window_rss']:.0f} MB, child processes "
          f"{', '.join(f'{x:.0f}' for x in g['children_rss']) or '-'} MB")
    print(g["cpu"] + " (start-up to exit)")


def _ratio(what: str, sequential: float, overlapped: float) -> None:
    print(f"\n   {what}: sequential {sequential:.1f} s, overlapped {overlapped:.1f} s -> "
          f"{sequential / overlapped:.2f}x (same export, same run; the load differs "
          "between the two runs on a shared machine)")


# --- 3. the floor: the same work with nothing around it ------------------------------------

FLOOR_STEPS = ("import", "audio decode", "levels", "VAD", "Whisper encoder", "Whisper decoder",
               "engine, the rest", "saving", "flagging")


def run_floor(exports: list[Path], work: Path, limit: int) -> dict[str, Any]:
    """What the work costs with nothing around it: one process, one thread, one step after
    the other, CPU time around each step and each CTranslate2 call. The import and the
    flagging pass are the library's own; between them the worker's own per-batch function
    (`_transcribe_some`, batches of `decode_batch`) on the imported clips in the order the
    job takes them, its results saved as the job saves them. The sum is the CPU the whole
    path needs however well it overlaps: divided by the cores, the fastest it can be here."""
    import resource

    from reviewer.core.library import Library
    from reviewer.core.transcribe import engine as engine_mod
    from reviewer.core.transcribe import worker as worker_mod
    from reviewer.core.transcribe.job import TranscribeReport, pending_clip_ids, save_results
    from reviewer.core.transcribe.models import resolve_model

    cpu = dict.fromkeys(FLOOR_STEPS, 0.0)

    def cpu_now() -> float:
        # This process's threads and its reaped children (a big library flags in one).
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    def timed(fn: Callable[..., Any], step: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = cpu_now()
            try:
                return fn(*args, **kwargs)
            finally:
                cpu[step] += cpu_now() - t0
        return wrapper

    class Timed:
        """The CTranslate2 model with CPU time taken around its encoder and decoder calls
        (with one intra-op thread, the call's own thread does all of its work)."""

        def __init__(self, model: Any) -> None:
            self._model = model

        def __getattr__(self, name: str) -> Any:
            step = {"encode": "Whisper encoder", "generate": "Whisper decoder",
                    "align": "Whisper decoder"}.get(name)
            found = getattr(self._model, name)
            return timed(found, step) if step else found

    library = Library.open(work / "floor-lib")
    t0 = cpu_now()
    library.import_exports(exports)
    cpu["import"] = cpu_now() - t0
    waiting = pending_clip_ids(library.store, "tiny.en")
    todo = waiting[:limit]
    # The import took the whole export: the N clips measured carry their share of it.
    cpu["import"] *= len(todo) / max(1, len(waiting))
    settings = engine_mod.EngineSettings(clips_at_once=1)
    engine = engine_mod.Engine(resolve_model("tiny.en", library.paths.cache_dir), settings,
                               cpu_threads=1)
    engine._whisper.model = Timed(engine._whisper.model)
    engine._decoder = engine._whisper  # one thread: the decoder is the same model
    patched = [(worker_mod, "decode_audio", "audio decode"),
               (worker_mod, "measure_levels", "levels"), (engine_mod, "detect_speech", "VAD")]
    originals = [getattr(module, name) for module, name, _step in patched]
    for module, name, step in patched:
        setattr(module, name, timed(getattr(module, name), step))
    report = TranscribeReport(model="tiny.en")
    try:
        t0 = cpu_now()
        for at in range(0, len(todo), settings.decode_batch):
            jobs = [{"clip_id": c, "path": str(library.paths.data_dir / rel)}
                    for c, rel in todo[at:at + settings.decode_batch]]
            msgs = worker_mod._transcribe_some(engine, jobs)
            t1 = cpu_now()
            save_results(library.store, "tiny.en", msgs, report)
            cpu["saving"] += cpu_now() - t1
        engine_cpu = cpu_now() - t0 - cpu["saving"]
    finally:
        for (module, name, _step), original in zip(patched, originals, strict=True):
            setattr(module, name, original)
    named = sum(cpu[k] for k in ("audio decode", "levels", "VAD", "Whisper encoder",
                                 "Whisper decoder"))
    cpu["engine, the rest"] = engine_cpu - named
    if len(todo) == len(waiting):
        t0 = cpu_now()
        library.flag()
        cpu["flagging"] = cpu_now() - t0
    library.close()
    return {"cpu": cpu, "n": len(todo),
            "finished": report.finished, "cores": os.cpu_count() or 1, "load": load()}


def print_floor(f: dict[str, Any]) -> None:
    n, cores, cpu = f["n"], f["cores"], f["cpu"]
    print(f"\n3. The floor: the same work with nothing around it, one process, one thread "
          f"({n} clips with audio, {f['finished']} transcribed; {f['load']})")
    for step in FLOOR_STEPS:
        if step == "flagging" and not cpu[step]:
            print("   flagging: not measured (a part of the export's clips)")
            continue
        print(f"   {step:<18} {1000 * cpu[step] / n:7.1f} CPU ms/clip")
    total = sum(cpu.values())
    whisper = cpu["Whisper encoder"] + cpu["Whisper decoder"]

    def minutes(seconds: float) -> str:
        return f"{seconds / n * 10_000 / cores / 60:.1f} min"

    print(f"   all of it          {1000 * total / n:7.1f} CPU ms/clip -> 10,000 clips on "
          f"{cores} cores, perfectly overlapped: {minutes(total)}")
    print(f"   Whisper's encoder and decoder calls alone {1000 * whisper / n:.1f} CPU ms/clip "
          f"-> {minutes(whisper)} for 10,000 clips on {cores} cores")
    budget = 0.060 * cores
    print(f"   target 60 ms/clip on {cores} cores = {1000 * budget:.0f} CPU ms/clip for "
          f"everything: {'within' if total / n <= budget else 'over'} by "
          f"{abs(1000 * (total / n - budget)):.0f} ms")


# --- main ----------------------------------------------------------------------------------

def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-scan":
        return _child_scan(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1] == "--child-gui":
        return _child_gui(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=10_000,
                    help="clips with audio for the scan (default 10,000; 0: no scan)")
    ap.add_argument("--gui-clips", type=int, default=1_000,
                    help="clips for the GUI path (0: skip it)")
    ap.add_argument("--no-compare", dest="compare", action="store_false",
                    help="only the overlapped mode (default: sequential, then overlapped)")
    ap.add_argument("--floor", type=int, default=0, metavar="N",
                    help="also measure the floor (the work alone, one thread) on N clips of "
                         "the scan's export (0: not)")
    ap.add_argument("--export-dir", type=Path,
                    help="build the exports here and keep them (reused when already there)")
    args = ap.parse_args()
    began = time.perf_counter()
    print(f"scan bench: {args.clips} clips, GUI {args.gui_clips} clips; {load()}")
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        root = args.export_dir or Path(tmp) / "exports"
        if args.floor and not args.clips:
            raise SystemExit("--floor N measures on the scan's export: give --clips too")
        sizes = ([args.clips] if args.clips else []) + ([args.gui_clips] if args.gui_clips else [])
        built: dict[int, list[Path]] = {}
        for n in dict.fromkeys(sizes):
            where = root / str(n)
            listing = where / "exports.json"
            if listing.is_file():
                built[n] = [Path(p) for p in json.loads(listing.read_text())]
                print(f"export of {n} clips reused from {where}")
                continue
            t0 = time.perf_counter()
            built[n], kinds = build_export(where, n)
            listing.write_text(json.dumps([str(p) for p in built[n]]))
            print(f"export of {n} clips built in {time.perf_counter() - t0:.0f} s: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        modes = ([True, False] if args.compare else [False])
        scans = []
        for sequential in modes if args.clips else []:
            scans.append(run_scan(built[args.clips], Path(tmp) / f"scan-{sequential}",
                                  args.clips, sequential))
            print_scan(scans[-1])
        if len(scans) == 2:
            _ratio("reviewer scan, start to JSON", scans[0]["wall"], scans[1]["wall"])
        guis = []
        for sequential in modes if args.gui_clips else []:
            gui_work = Path(tmp) / f"gui-{sequential}"
            gui_work.mkdir()
            guis.append(run_gui(built[args.gui_clips], gui_work, sequential))
            print_gui(guis[-1], args.gui_clips)
        if len(guis) == 2:
            _ratio("GUI, drop to last flag", guis[0]["transcribe_end"],
                   guis[1]["transcribe_end"])
        if args.floor:
            floor_work = Path(tmp) / "floor"
            floor_work.mkdir()
            print_floor(run_floor(built[args.clips], floor_work, args.floor))
    print(f"\nbenchmark took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
