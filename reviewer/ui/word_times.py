"""Word times fetched for the detail pane off the GUI thread.

Transcription leaves word times out; the pane shows a clip's transcript at once and asks
`Library.word_times` (stored ones, or computed now and stored) in a one-thread pool, then
lights words up when they arrive. Each request carries its key (clip id, transcript id): a
result for a clip the user has moved past is dropped by the pane, and a request still queued
for it is dropped here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from reviewer.ui import gc_thread

log = logging.getLogger(__name__)

# (clip id, transcript id)
WordsKey = tuple[int, int]
# clip id -> the words of its newest transcript (None: none to time); slow, any thread.
WordSource = Callable[[int], "list[dict[str, Any]] | None"]


class _Signals(QObject):
    ready = Signal(object, object)  # key, list of words or None


class _WordsJob(gc_thread.PoolTask):
    def __init__(self, key: WordsKey, source: WordSource, sink: _Signals) -> None:
        super().__init__()
        self._key, self._source, self._sink = key, source, sink

    def work(self) -> None:
        try:
            words = self._source(self._key[0])
        except Exception:  # no highlight then; the transcript is shown all the same
            log.warning("word times for clip %s failed", self._key[0], exc_info=True)
            words = None
        # RuntimeError: the pane was closed meanwhile; nobody waits for these any more.
        with contextlib.suppress(RuntimeError):
            self._sink.ready.emit(self._key, words)


class WordTimesLoader(QObject):
    """Runs one word-times request at a time; a new one replaces any still queued."""

    ready = Signal(object, object)  # key, list of words or None

    def __init__(self, source: WordSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        gc_thread.install()  # its tasks hold the cycle collector on this (the GUI) thread
        self._pool = QThreadPool(self)
        # One at a time: the model is loaded once and each clip takes one core for tens of ms.
        self._pool.setMaxThreadCount(1)
        self._sink = _Signals(self)
        self._sink.ready.connect(self.ready)

    def request(self, key: WordsKey) -> None:
        self._pool.clear()  # a clip the user moved past is not aligned
        self._pool.start(_WordsJob(key, self._source, self._sink))

    def wait(self, msecs: int = -1) -> bool:
        self._pool.clear()
        return self._pool.waitForDone(msecs)
