"""Progress reports and cancellation shared by every long job (import, transcription, ...)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Progress:
    """A structured progress message: never text to be scraped."""

    job: str  # "import", "transcribe", ...
    phase: str  # human-readable step: "Reading the export", "Importing clips"
    done: int
    total: int | None
    counts: dict[str, int] = field(default_factory=dict)
    eta_s: float | None = None
    # `total` is only what is known so far: more items still arrive (a transcription that
    # follows a running import). No time left is given then: it would be wrong.
    growing: bool = False

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


class Cancelled(Exception):
    """The user asked the job to stop; what was finished before is kept."""


class CancelToken:
    """Set from any thread (GUI button, Ctrl+C handler); checked by the job between items."""

    def __init__(self, event: Any = None) -> None:
        # Any event with set()/is_set(): a multiprocessing one lets a child process see it.
        self._event = event if event is not None else threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class EtaEstimator:
    """Time remaining from a smoothed rate, ignoring the first items (model loading, caches)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, warmup: int = 3) -> None:
        self._clock = clock
        self._warmup = warmup
        self._start: float | None = None
        self._start_done = 0
        self._rate: float | None = None

    def update(self, done: int, total: int | None) -> float | None:
        now = self._clock()
        if self._start is None or done < self._start_done:
            self._start, self._start_done = now, done
            return None
        if total is None or done - self._start_done < self._warmup:
            return None
        elapsed = now - self._start
        if elapsed <= 0:
            return None
        rate = (done - self._start_done) / elapsed
        self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate
        return max(0.0, (total - done) / self._rate) if self._rate > 0 else None


class OverlapProgress:
    """One progress stream for an import and the transcription that follows it (two threads).

    While the import runs, its messages go on, with the clips transcribed so far added to
    their counts ("transcribed 120"): the time left is the import's own, the only one that
    can be known (the transcription's total grows with every batch). Once the import has
    ended the transcription's messages go on alone, with their own time left."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self._lock = threading.Lock()
        self._importing = True
        self._last_import: Progress | None = None
        self._last_transcription: Progress | None = None

    def importing(self, p: Progress) -> None:
        with self._lock:
            self._last_import = p
            self._emit(p)

    def transcription(self, p: Progress) -> None:
        with self._lock:
            self._last_transcription = p
            if not self._importing:
                self._say(p)
            elif self._last_import is not None:
                self._emit(self._last_import)

    def import_ended(self) -> None:
        with self._lock:
            self._importing = False
            if self._last_transcription is not None:
                self._say(self._last_transcription)

    def _emit(self, p: Progress) -> None:
        t = self._last_transcription
        if t is not None and t.total:
            p = replace(p, counts={**p.counts, "transcribed": t.done})
        self._say(p)

    def _say(self, p: Progress) -> None:
        if self.callback is not None:
            self.callback(p)
