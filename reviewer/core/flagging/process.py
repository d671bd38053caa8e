"""Flagging passes in a child process, for big libraries.

A pass is pure Python: on 100,000 clips a full one keeps a CPU busy for tens of seconds, and
even an incremental one can judge thousands of clips again (when the hours the user never
speaks at change). Run in a thread of the window's process, it holds the GIL, and on a busy
machine the thread holding it can be descheduled while the window waits for it: the window
froze for seconds. In a child process the pass has its own interpreter; the job thread only
waits on a pipe, which releases the GIL. The child keeps the `Flagger`'s state between passes,
so incremental passes stay incremental.

Cancelling: the parent sets an event the child's pass checks between chunks (as in a thread);
the child answers "cancelled" having saved whole chunks only. A child that does not answer
within `CANCEL_GRACE_S` (stuck in one long statement) is terminated: SQLite rolls back its
open transaction, so each clip still holds its old result or its new one.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reviewer.core.flagging.incremental import Flagger, FlagReport
from reviewer.core.flagging.scorecard import Weights
from reviewer.core.progress import Cancelled, CancelToken

CANCEL_GRACE_S = 5.0


class FlagProcessError(Exception):
    """The flagging process failed; the message is meant for the user."""


def run_pass(flagger: Flagger | None, store: Any, full: bool, weights: Weights,
             threshold: int, reason_language: str | None,
             cancel: CancelToken | None = None) -> tuple[Flagger, FlagReport]:
    """One pass with `flagger` (a new one when there is none or it judged with other weights,
    threshold or reason language): the same in a thread and in the child process."""
    if full or flagger is None or (flagger.weights, flagger.threshold,
                                   flagger.reason_language) != (weights, threshold,
                                                                reason_language):
        flagger = Flagger(weights, threshold, reason_language)
    report = flagger.full(store, cancel) if full else flagger.update(store, cancel)
    return flagger, report


def _serve(conn: Connection, db_path: str, backup_dir: str, stop: Any) -> None:
    """The child: answer pass requests until told to stop (or the parent is gone)."""
    from reviewer.core.store import open_store

    if hasattr(os, "nice"):  # a background job: on a busy machine the window goes first
        os.nice(10)
    store = open_store(Path(db_path), Path(backup_dir))  # the schema is current: no change
    flagger: Flagger | None = None
    cancel = CancelToken(stop)
    try:
        while True:
            try:
                msg = conn.recv()
            except EOFError:
                return
            if msg[0] == "stop":
                return
            try:
                if msg[0] == "threshold":
                    if flagger is not None:
                        flagger.set_threshold(msg[1])
                    conn.send(("ok", None))
                else:
                    _kind, full, weights, threshold, language = msg
                    flagger, report = run_pass(flagger, store, full, weights, threshold,
                                               language, cancel)
                    conn.send(("ok", report))
            except Cancelled:  # whole chunks saved; the flagger starts over next time
                conn.send(("cancelled", None))
            except Exception as exc:  # reported to the parent, which raises it there
                flagger = None
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        store.close()


class FlagProcess:
    """The parent's handle on the flagging child (started on first use)."""

    def __init__(self, db_path: Path, backup_dir: Path) -> None:
        # spawn, as the transcription worker: forking a process with Qt or SQLite open is
        # unsafe, and spawn is what Windows, macOS and frozen builds do anyway.
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.stop = ctx.Event()
        self.process = ctx.Process(target=_serve, name="reviewer-flagger", daemon=True,
                                   args=(child, str(db_path), str(backup_dir), self.stop))
        self.process.start()
        child.close()

    def run(self, full: bool, weights: Weights, threshold: int,
            reason_language: str | None, cancel: CancelToken | None = None) -> FlagReport:
        """One pass in the child; `Cancelled` when `cancel` is set meanwhile (see the module's
        docstring)."""
        report = self._ask(("pass", full, weights, threshold, reason_language), cancel)
        assert isinstance(report, FlagReport)
        return report

    def set_threshold(self, threshold: int) -> None:
        self._ask(("threshold", threshold))

    def _ask(self, msg: tuple[Any, ...], cancel: CancelToken | None = None) -> Any:
        asked_to_stop: float | None = None
        self.stop.clear()  # a cancel that came after the last pass ended is not this one's
        try:
            self.conn.send(msg)
            # Waiting in poll() releases the GIL; a dead child or a cancel is noticed within
            # a tenth of a second.
            while not self.conn.poll(0.1):
                if cancel is not None and cancel.cancelled and asked_to_stop is None:
                    self.stop.set()
                    asked_to_stop = time.monotonic()
                if asked_to_stop is not None and \
                        time.monotonic() - asked_to_stop > CANCEL_GRACE_S:
                    self._terminate()
                    raise Cancelled()
                if not self.process.is_alive():
                    raise FlagProcessError(f"the flagging process stopped unexpectedly (exit "
                                           f"code {self.process.exitcode})")
            kind, value = self.conn.recv()
        except (OSError, EOFError) as exc:
            raise FlagProcessError(f"the flagging process stopped unexpectedly ({exc})"
                                   ) from None
        if kind == "error":
            raise FlagProcessError(f"flagging failed: {value}")
        if kind == "cancelled":
            raise Cancelled()
        return value

    def _terminate(self) -> None:
        self.process.terminate()
        self.process.join(5)

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # already gone: nothing to tell it
            self.conn.send(("stop",))
        self.process.join(10)
        if self.process.is_alive():
            self._terminate()
        self.conn.close()
