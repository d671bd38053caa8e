"""One long-lived process that loads Whisper once and transcribes clips sent to it.

Why a process, not a thread: CTranslate2 holds the GIL-free CPU for seconds at a time and a
crash inside native code must not take the GUI down; and cancel must be prompt even in the
middle of a clip (the parent can terminate the process). Why one process for the whole job,
not one per clip: loading the model costs more than transcribing a short clip.

Messages are plain dicts (picklable, versionless):
  parent -> worker: {"clip_id": int, "path": str} or None (stop)
  worker -> parent: {"type": "ready", "model": str, "settings": dict, "clips_at_once": int,
                     "decode_batch": int, "load_s": float}
                    {"type": "fatal", "error": str}
                    {"type": "result", "clip_id": int, "transcript": dict, "levels": dict,
                     "elapsed_s": float}
                    {"type": "error", "clip_id": int, "error": str}
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reviewer.core.audio.decode import decode_audio, decode_windows
from reviewer.core.audio.levels import measure_levels
from reviewer.core.audio.probe import AudioError
from reviewer.core.deletion.crashpoints import checkpoint
from reviewer.core.messages import Msg
from reviewer.core.transcribe.long_audio import (
    STREAM_ABOVE_BYTES,
    WINDOW_S,
    transcribe_windows,
)
from reviewer.offline import apply_offline_environment

# How often an idle worker checks that its parent is still alive.
_POLL_S = 0.5
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent_pid: int) -> None:
    """End this process as soon as the parent that started it dies (killed, crashed).

    A worker whose parent is gone only burns CPU (nobody reads its results) and, before this,
    could outlive a SIGKILLed parent by many seconds on a loaded machine: it only looked when
    its queue was empty. On Linux the kernel sends SIGKILL to it the moment the parent (the
    thread that started it, which also stops it) exits; elsewhere the worker checks its
    parent between clips and while idle.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the checks between clips still apply
    if os.getppid() != parent_pid:  # died before the line above took effect
        os._exit(0)


def _thread_lock_for_progress_bars() -> None:
    """faster-whisper's long form makes (disabled) tqdm bars, whose class lock is by default a
    multiprocessing RLock: a named semaphore registered with the resource tracker. A worker
    stopped at quit mid-clip never unregistered it, and the app printed "There appear to be 1
    leaked semaphore objects to clean up at shutdown" on exit. One process needs a thread lock."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - faster-whisper depends on it
        return
    tqdm.set_lock(threading.RLock())


def worker_main(jobs: Any, results: Any, cache_dir: str, model: str,
                settings: dict[str, Any] | None, parent_pid: int) -> None:
    """Entry point of the worker process (module-level so the spawn start method finds it)."""
    _die_with_parent(parent_pid)
    _thread_lock_for_progress_bars()
    # Before the engine (and with it onnxruntime) loads: no telemetry from this process.
    apply_offline_environment()
    started = time.perf_counter()
    try:
        from reviewer.core.transcribe.engine import Engine, EngineSettings
        from reviewer.core.transcribe.models import ModelError

        engine = Engine.load(Path(cache_dir), model,
                             EngineSettings(**settings) if settings else None)
    except ModelError as exc:
        results.put({"type": "fatal", "error": str(exc)})
        return
    except Exception as exc:  # any failure to load must reach the user, not vanish
        results.put({"type": "fatal", "error": f"could not load the model: {exc}"})
        return
    results.put({"type": "ready", "model": engine.model_name,
                 "settings": engine.settings.as_dict(), "clips_at_once": engine.clips_at_once,
                 "decode_batch": max(1, engine.settings.decode_batch),
                 "load_s": time.perf_counter() - started})
    # One thread per clip the engine takes at once: each decodes, measures and transcribes
    # its own clip start to end, so nothing of one clip can reach another's result.
    threads = [threading.Thread(target=_serve, args=(engine, jobs, results, parent_pid),
                                name=f"clip-{n}", daemon=True)
               for n in range(engine.clips_at_once)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _serve(engine: Any, jobs: Any, results: Any, parent_pid: int) -> None:
    size = max(1, int(getattr(engine.settings, "decode_batch", 1)))
    while True:
        try:
            job = jobs.get(timeout=_POLL_S)
        except queue.Empty:
            if os.getppid() != parent_pid:  # parent killed: nobody will read our results
                return
            continue
        if job is None:
            jobs.put(None)  # the stop sentinel is for every thread
            return
        # Whatever else is already queued, up to a batch: short clips are decoded together.
        batch = [job]
        stop = False
        while len(batch) < size:
            try:
                more = jobs.get_nowait()
            except queue.Empty:
                break
            if more is None:
                jobs.put(None)
                stop = True
                break
            batch.append(more)
        for msg in _transcribe_some(engine, batch):
            results.put(msg)
        if stop or os.getppid() != parent_pid:  # between clips too, not only when idle
            return


def _transcribe_some(engine: Any, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One message per job, in order: the small clips transcribed as one batch, a long or
    unreadable one on its own."""
    started = time.perf_counter()
    out: list[dict[str, Any] | None] = [None] * len(jobs)
    batch: list[tuple[int, Any, Any]] = []  # (index, samples, levels)
    for i, job in enumerate(jobs):
        path = Path(job["path"])
        if not path.is_file() or path.stat().st_size > STREAM_ABOVE_BYTES:
            out[i] = _transcribe_one(engine, job)
            continue
        # A test can make a worker die on one recording, as an out-of-memory kill would.
        checkpoint(f"transcribe:{path.name}")
        try:
            # Decoded once: the same samples feed Whisper and the level measurements.
            samples = decode_audio(path)
        except AudioError as exc:
            out[i] = {"type": "error", "clip_id": job["clip_id"], "error": f"audio {exc}"}
            continue
        except Exception as exc:
            out[i] = _failed(job, exc)
            continue
        batch.append((i, samples, measure_levels(samples)))
    if batch:
        try:
            transcripts = engine.transcribe_batch([samples for _, samples, _ in batch])
        except Exception:  # find the clip that fails; the others still get their text
            transcripts = None
        each = (time.perf_counter() - started) / len(jobs)
        for k, (i, samples, levels) in enumerate(batch):
            job = jobs[i]
            if transcripts is None:
                try:
                    result = engine.transcribe(samples)
                except Exception as exc:
                    out[i] = _failed(job, exc)
                    continue
            else:
                result = transcripts[k]
            out[i] = {"type": "result", "clip_id": job["clip_id"], "transcript": asdict(result),
                      "levels": levels.as_dict(), "elapsed_s": each}
    return [msg for msg in out if msg is not None]


def _failed(job: dict[str, Any], exc: Exception) -> dict[str, Any]:
    return {"type": "error", "clip_id": job["clip_id"],
            "error": f"transcription failed: {type(exc).__name__}: {exc}"}


def _transcribe_one(engine: Any, job: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    path = Path(job["path"])
    if not path.is_file():
        return {"type": "error", "clip_id": job["clip_id"],
                "error": f"the audio file is missing from the library ({path.name})"}
    # A test can make a worker die on one recording, as an out-of-memory kill would.
    checkpoint(f"transcribe:{path.name}")
    try:
        if path.stat().st_size > STREAM_ABOVE_BYTES:
            # Possibly hours long: streamed in windows, never whole in memory.
            result, levels = transcribe_windows(engine, decode_windows(path, WINDOW_S))
        else:
            samples = decode_audio(path)
            levels = measure_levels(samples)
            result = engine.transcribe(samples)
    except AudioError as exc:
        return {"type": "error", "clip_id": job["clip_id"], "error": f"audio {exc}"}
    except Exception as exc:  # one bad clip must not stop the others
        return _failed(job, exc)
    return {"type": "result", "clip_id": job["clip_id"], "transcript": asdict(result),
            "levels": levels.as_dict(), "elapsed_s": time.perf_counter() - started}


class WorkerError(Exception):
    """The worker could not start or died; the message is meant for the user."""


class TranscriptionWorker:
    """The parent's handle on the worker process."""

    def __init__(self, cache_dir: Path, model: str = "tiny.en",
                 settings: dict[str, Any] | None = None) -> None:
        # spawn: a fork of a process with Qt or SQLite connections open is unsafe, and spawn
        # is what Windows and macOS (and frozen builds) do anyway.
        ctx = mp.get_context("spawn")
        self.jobs: Any = ctx.Queue()
        self.results: Any = ctx.Queue()
        self.process = ctx.Process(
            target=worker_main, name="reviewer-transcriber", daemon=True,
            args=(self.jobs, self.results, str(cache_dir), model, settings, os.getpid()))
        self.model = model
        self.ready: dict[str, Any] | None = None

    def start(self, timeout_s: float = 120.0,
              cancelled: Callable[[], bool] | None = None) -> dict[str, Any] | None:
        """Start the process and wait until the model is loaded (None if cancelled first)."""
        self.launch()
        return self.wait_ready(timeout_s, cancelled)

    def launch(self) -> None:
        """Start the process, not waiting for the model: it loads while the caller goes on
        (an import, say), and `wait_ready` then finds it ready or nearly."""
        if self.process.pid is None:
            self.process.start()

    def wait_ready(self, timeout_s: float = 120.0,
                   cancelled: Callable[[], bool] | None = None) -> dict[str, Any] | None:
        """Wait until the launched worker has loaded the model (None if cancelled first)."""
        if self.ready is not None:
            return self.ready
        deadline = time.monotonic() + timeout_s
        msg = None
        while msg is None and time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                self.stop(force=True)
                return None
            msg = self.receive(0.2)
        if msg is None:
            self.stop(force=True)
            raise WorkerError(Msg("the transcription worker did not start in time"))
        if msg["type"] == "fatal":
            self.stop(force=True)
            raise WorkerError(msg["error"])
        self.ready = msg
        return msg

    def submit(self, clip_id: int, path: Path) -> None:
        self.jobs.put({"clip_id": clip_id, "path": str(path)})

    def receive(self, timeout_s: float) -> dict[str, Any] | None:
        """The next message, or None after `timeout_s`. Raises if the worker died."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                msg: dict[str, Any] = self.results.get(timeout=min(0.2, timeout_s))
                return msg
            except queue.Empty:
                if not self.process.is_alive():
                    raise WorkerError(Msg(
                        "the transcription worker stopped unexpectedly (exit code {code})",
                        code=str(self.process.exitcode))) from None
                if time.monotonic() >= deadline:
                    return None

    def stop(self, force: bool = False, grace_s: float = 1.0) -> None:
        """Ask the worker to finish; terminate it if it does not within `grace_s`."""
        if self.process.pid is None:
            return
        if not force and self.process.is_alive():
            self.jobs.put(None)
            self.process.join(grace_s)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        for q in (self.jobs, self.results):
            q.cancel_join_thread()
            q.close()
