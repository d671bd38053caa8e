"""The "transcribe the library" use case: feed the worker, save each result as it arrives.

Resuming needs no bookkeeping: the clips still to do are exactly those with audio and no
transcript by this model, so a run killed at any instant continues with only the unfinished
clips, and nothing is ever marked cancelled. A clip whose audio cannot be decoded gets an
error transcript with the reason, so it is not retried forever; the others go on.

A transcription may follow a running import (`follow`, see core.feed): it asks the database
again for the clips waiting whenever the import committed a batch, takes those it has not
taken yet, and ends when the import has ended and nothing is left. Its total grows meanwhile,
so its progress says so (`Progress.growing`) and gives no time left until the import ended.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError

from reviewer.config import Paths
from reviewer.core.feed import ImportFeed
from reviewer.core.progress import CancelToken, EtaEstimator, Progress, ProgressCallback
from reviewer.core.store import Clip, ClipStatus, Store, Transcript, TranscriptStatus
from reviewer.core.store.queries import audio_without
from reviewer.core.transcribe.models import resolve_model
from reviewer.core.transcribe.worker import TranscriptionWorker, WorkerError

# Clips handed to the worker beyond the ones it is on: enough to never leave it idle, few
# enough that cancel has almost nothing queued to throw away.
_AHEAD = 1
# Results saved in one transaction: a commit (with its fsync) per clip cost more than the
# row itself. A kill loses at most these (they are transcribed again on the next run).
_SAVE_EVERY = 16
# After cancel, how long to wait for the clip in progress before terminating the worker.
_CANCEL_GRACE_S = 0.8
# While following an import, the waiting clips are read again at least this often (seconds).
_REFILL_S = 2.0
# A worker that dies this often without a single result in between is not failing on a clip
# but altogether (a broken installation): stop and say so.
_MAX_DEATHS_IN_A_ROW = 5


@dataclass
class TranscribeReport:
    model: str
    total: int = 0
    done: int = 0
    no_speech: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False
    load_s: float = 0.0
    elapsed_s: float = 0.0
    audio_s: float = 0.0

    @property
    def finished(self) -> int:
        return self.done + self.no_speech + len(self.errors)


ResultCallback = Callable[[int, Transcript], None]
# Asked whether to follow an import, with whether it has ended: True, False, None (not yet).
FollowIf = Callable[[bool], bool | None]


def pending_clip_ids(store: Store, model: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(clip id, audio path) of every clip with audio and no transcript by `model`."""
    done = exists().where(Transcript.clip_id == Clip.id, Transcript.model == model)
    with store.session() as s:
        return [(cid, path) for cid, path in s.execute(audio_without(done, limit))
                if path is not None]


def run_transcription(store: Store, paths: Paths, model: str = "tiny.en",
                      limit: int | None = None, progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None,
                      settings: dict[str, Any] | None = None,
                      on_result: ResultCallback | None = None,
                      worker: TranscriptionWorker | None = None,
                      follow: ImportFeed | None = None,
                      follow_if: FollowIf | None = None) -> TranscribeReport:
    """Transcribe every clip with audio and no transcript by `model`. `worker`: one already
    launched (`TranscriptionWorker.launch`) for this model and settings, e.g. while the
    import ran; this run stops it at the end. `follow`: an import still running, whose
    clips are taken as it commits them (the first query waits for its first batch).
    `follow_if(import_ended)` is asked at each batch until it answers: True, follow; False,
    take none of the import's clips and end (the window first asks about a non-English
    export's model); None, too early to tell (asked again at the next batch)."""
    started = time.perf_counter()
    try:
        info = resolve_model(model, paths.cache_dir)
        report = TranscribeReport(model=info.name)
        todo = deque(pending_clip_ids(store, info.name, limit) if follow is None else ())
    except BaseException:
        if worker is not None:
            worker.stop(force=True)
        raise
    report.total = len(todo)
    if not todo and (follow is None or not follow.anything_to_follow):
        if worker is not None:
            worker.stop(force=True)
        return report
    _send(progress, "Loading the speech model", 0, report, None)
    workers = _Workers(paths, model, settings, cancel, worker)
    try:
        ready = workers.start()
        if ready is None:
            report.cancelled = True
            return report
        report.load_s = float(ready["load_s"])
        # Each worker thread takes up to a batch of queued clips at a time; one more batch
        # waits in the queue so a thread that finishes finds a full batch at once.
        batch = int(ready.get("decode_batch", 1))
        in_flight = (int(ready.get("clips_at_once", 1)) + 1) * batch if batch > 1 else (
            int(ready.get("clips_at_once", 1)) + _AHEAD)
        _drive(workers, store, paths, info.name, todo, report, progress, cancel, on_result,
               in_flight, follow, follow_if)
    finally:
        workers.current.stop(force=report.cancelled)
        report.elapsed_s = time.perf_counter() - started
    return report


class _Workers:
    """The worker process of a run, started again after it dies on a clip."""

    def __init__(self, paths: Paths, model: str, settings: dict[str, Any] | None,
                 cancel: CancelToken | None, launched: TranscriptionWorker | None = None
                 ) -> None:
        self.paths, self.model, self.settings, self.cancel = paths, model, settings, cancel
        self.current = launched or TranscriptionWorker(paths.cache_dir, model, settings)

    def start(self) -> dict[str, Any] | None:
        self.current.launch()
        return self.current.wait_ready(
            cancelled=lambda: self.cancel is not None and self.cancel.cancelled)

    def restart(self) -> dict[str, Any] | None:
        self.current.stop(force=True)
        self.current = TranscriptionWorker(self.paths.cache_dir, self.model, self.settings)
        return self.start()


def _drive(workers: _Workers, store: Store, paths: Paths, model: str,
           todo: deque[tuple[int, str]], report: TranscribeReport,
           progress: ProgressCallback | None, cancel: CancelToken | None,
           on_result: ResultCallback | None, max_in_flight: int,
           follow: ImportFeed | None = None,
           follow_if: FollowIf | None = None) -> None:
    eta = EtaEstimator(warmup=2)
    in_flight: dict[int, str] = {}
    # Every clip this run has taken: a clip is never taken twice, whatever a later query of
    # the waiting clips returns while its result is not saved yet.
    known = {clip_id for clip_id, _rel in todo}
    seen = (0, False)  # the feed's (batches, closed) when the waiting clips were last read
    decided = follow_if is None
    # Clips that were in flight when the worker died: each goes again alone, so the one
    # that kills it (a recording needing more memory than there is, a decoder crash) is
    # known, gets an error transcript saying so and is skipped by every later run instead
    # of killing each of them in turn.
    suspects: set[int] = set()
    deaths = 0
    cancel_at: float | None = None
    unsaved: list[dict[str, Any]] = []
    last_refill = time.monotonic()

    def following() -> bool:
        """The import still runs (or its end is not read yet): more clips may come."""
        return follow is not None and cancel_at is None and not seen[1]

    def flush() -> None:
        saved = save_results(store, model, unsaved, report)
        for m, row in zip(unsaved, saved, strict=True):
            if row is not None and on_result is not None:
                on_result(m["clip_id"], row)
        unsaved.clear()
        if saved:
            left = eta.update(report.finished, report.total)
            _send(progress, "Transcribing", report.finished, report,
                  None if following() else left, following())

    def refill() -> None:
        """Take the clips the import committed since the last look."""
        nonlocal seen, decided
        assert follow is not None
        state = follow.state
        if state == seen:
            return
        if not decided and state[0]:
            assert follow_if is not None
            verdict = follow_if(state[1])
            if verdict is None and not state[1]:
                seen = state  # too early to tell: ask again at the next batch
                return
            if not verdict:
                seen = (state[0], True)  # declined: take nothing of this import
                return
            decided = True
        seen = state
        if not follow.anything_to_follow:
            return
        new = [(c, rel) for c, rel in pending_clip_ids(store, model) if c not in known]
        known.update(c for c, _rel in new)
        todo.extend(new)
        report.total += len(new)
        if new:
            _send(progress, "Transcribing", report.finished, report, None, following())

    _send(progress, "Transcribing", 0, report, None, following())
    while todo or in_flight or following():
        if cancel is not None and cancel.cancelled and cancel_at is None:
            cancel_at = time.monotonic()
            report.cancelled = True
            todo.clear()
        if cancel_at is not None and (not in_flight
                                      or time.monotonic() - cancel_at > _CANCEL_GRACE_S):
            flush()
            return  # the caller terminates the worker; the unfinished clip is simply redone
        # Take more when the queue runs short; and also when the import has ended or a while
        # has passed, so the total is exact as soon as the import ends (a queue never short
        # kept saying "of at least 134 — still importing" beside the finished import report).
        if following() and follow is not None and (
                len(todo) < max_in_flight or follow.closed
                or time.monotonic() - last_refill >= _REFILL_S):
            last_refill = time.monotonic()
            refill()
        while todo and len(in_flight) < max_in_flight:
            if in_flight and (suspects & in_flight.keys() or todo[0][0] in suspects):
                break  # a suspect runs alone
            clip_id, rel = todo.popleft()
            workers.current.submit(clip_id, paths.data_dir / rel)
            in_flight[clip_id] = rel
        if not in_flight:
            if follow is not None and following():
                follow.wait(*seen, timeout_s=0.5)  # nothing to do until the import commits
            continue
        try:
            msg = workers.current.receive(0.1)
        except WorkerError as exc:
            flush()  # what arrived before the death is kept
            deaths += 1
            if cancel_at is not None:
                return
            if deaths > _MAX_DEATHS_IN_A_ROW:
                raise
            if not _worker_died(workers, store, model, in_flight, suspects, todo, report,
                                str(exc)):
                report.cancelled = True
                return
            continue
        if msg is not None and msg.get("clip_id") in in_flight:
            deaths = 0
            del in_flight[msg["clip_id"]]
            suspects.discard(msg["clip_id"])
            unsaved.append(msg)
        # Save when a batch is full, when the worker has nothing more for now (so results
        # still appear while a slow clip runs) and at the end.
        if unsaved and (msg is None or len(unsaved) >= _SAVE_EVERY or not in_flight):
            flush()
    flush()


def _worker_died(workers: _Workers, store: Store, model: str, in_flight: dict[int, str],
                 suspects: set[int], todo: deque[tuple[int, str]], report: TranscribeReport,
                 reason: str) -> bool:
    """Record or requeue the clips a dead worker had; restart it. False if cancelled."""
    if len(in_flight) == 1 and next(iter(in_flight)) in suspects:
        # Alone on the worker, and it died again: this recording is what kills it.
        [clip_id] = in_flight
        suspects.discard(clip_id)
        save_result(store, model, {
            "type": "error", "clip_id": clip_id,
            "error": f"the transcription worker stopped on this recording twice ({reason}): "
                     "it may need more memory than this computer has, or its audio crashes "
                     "the decoder. Skipped; the other recordings go on"}, report)
    else:
        for clip_id, rel in reversed(list(in_flight.items())):
            todo.appendleft((clip_id, rel))
            suspects.add(clip_id)
    in_flight.clear()
    return workers.restart() is not None


def save_result(store: Store, model: str, msg: dict[str, Any],
                report: TranscribeReport) -> Transcript | None:
    """Save one worker message (a transcript or an error) for its clip; None if the clip was
    deleted meanwhile (nothing of it is kept) or another run saved it first."""
    return save_results(store, model, [msg], report)[0]


def save_results(store: Store, model: str, msgs: list[dict[str, Any]],
                 report: TranscribeReport) -> list[Transcript | None]:
    """`save_result` for several messages in one transaction (one per message only if
    another run saved one of these clips first)."""
    if not msgs:
        return []
    rows = [_row(model, msg, report) for msg in msgs]
    try:
        return _save_rows(store, rows)
    except IntegrityError:
        if len(rows) == 1:
            return [None]  # another run (the GUI and the CLI at once) saved this clip first
    out: list[Transcript | None] = []
    for row in rows:
        try:
            out.extend(_save_rows(store, [_copy(row)]))
        except IntegrityError:
            out.append(None)
    return out


def _copy(row: Transcript) -> Transcript:
    """A fresh row with `row`'s values (the failed transaction left `row` unusable)."""
    columns = [c.key for c in Transcript.__table__.columns if c.key != "id"]
    return Transcript(**{k: getattr(row, k) for k in columns})


def _row(model: str, msg: dict[str, Any], report: TranscribeReport) -> Transcript:
    if msg["type"] == "error":
        report.errors.append((msg["clip_id"], msg["error"]))
        return Transcript(clip_id=msg["clip_id"], model=model, status=TranscriptStatus.ERROR,
                          error=msg["error"])
    t = msg["transcript"]
    no_speech = bool(t["no_speech"])
    if no_speech:
        report.no_speech += 1
    else:
        report.done += 1
    report.audio_s += float(t["duration"])
    return Transcript(
        clip_id=msg["clip_id"], model=model, settings=t["settings"],
        status=TranscriptStatus.NO_SPEECH if no_speech else TranscriptStatus.DONE,
        text=t["text"], segments=[dict(s) for s in t["segments"]],
        words=[dict(w) for w in t["words"]], words_computed=bool(t.get("words_computed", True)),
        avg_logprob=t["avg_logprob"],
        no_speech_prob=t["no_speech_prob"], compression_ratio=t["compression_ratio"],
        speech_ratio=t["speech_ratio"], language=t["language"],
        language_prob=t["language_probability"], audio_duration_s=t["duration"],
        audio_levels=msg.get("levels") or {}, elapsed_s=msg.get("elapsed_s"))


def _save_rows(store: Store, rows: list[Transcript]) -> list[Transcript | None]:
    # Under the write lock: a delete of one of these clips either committed before this check
    # (and nothing of it is saved) or waits until this commit (and then removes what was saved).
    out: list[Transcript | None] = []
    with store.write_transaction() as s:
        live = set(s.scalars(select(Clip.id).where(
            Clip.id.in_([r.clip_id for r in rows]), Clip.status != ClipStatus.DELETED)))
        for row in rows:
            if row.clip_id not in live:
                out.append(None)  # deleted while it was being transcribed: keep nothing of it
                continue
            s.add(row)
            text = None if row.status == TranscriptStatus.ERROR else row.text
            language = row.language if row.status == TranscriptStatus.DONE else None
            s.execute(update(Clip).where(Clip.id == row.clip_id)
                      .values(transcript=text, language=language))
            out.append(row)
        s.flush()
    return out


def _send(progress: ProgressCallback | None, phase: str, done: int, report: TranscribeReport,
          eta_s: float | None, growing: bool = False) -> None:
    if progress is None:
        return
    progress(Progress("transcribe", phase, done, report.total,
                      {"transcribed": report.done, "no_speech": report.no_speech,
                       "errors": len(report.errors)}, eta_s, growing))
