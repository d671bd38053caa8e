"""Flagging passes in a child process, for big libraries.

A pass is pure Python: on 100,000 clips a full one keeps a CPU busy for tens of seconds, and
even an incremental one can judge thousands of clips again (when the hours the user never
speaks at change). Run in a thread of the window's process, it holds the GIL, and on a busy
machine the thread holding it can be descheduled while the window waits for it: the window
froze for seconds. In a child process the pass has its own interpreter; the job thread only
waits on a pipe, which releases the GIL. The child keeps the `Flagger`'s state between passes,
so incremental passes stay incremental.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reviewer.core.flagging.incremental import Flagger, FlagReport
from reviewer.core.flagging.scorecard import Weights


class FlagProcessError(Exception):
    """The flagging process failed; the message is meant for the user."""


def run_pass(flagger: Flagger | None, store: Any, full: bool, weights: Weights,
             threshold: int, reason_language: str | None) -> tuple[Flagger, FlagReport]:
    """One pass with `flagger` (a new one when there is none or it judged with other weights,
    threshold or reason language): the same in a thread and in the child process."""
    if full or flagger is None or (flagger.weights, flagger.threshold,
                                   flagger.reason_language) != (weights, threshold,
                                                                reason_language):
        flagger = Flagger(weights, threshold, reason_language)
    report = flagger.full(store) if full else flagger.update(store)
    return flagger, report


def _serve(conn: Connection, db_path: str, backup_dir: str) -> None:
    """The child: answer pass requests until told to stop (or the parent is gone)."""
    from reviewer.core.store import open_store

    if hasattr(os, "nice"):  # a background job: on a busy machine the window goes first
        os.nice(10)
    store = open_store(Path(db_path), Path(backup_dir))  # the schema is current: no change
    flagger: Flagger | None = None
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
                                               language)
                    conn.send(("ok", report))
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
        self.process = ctx.Process(target=_serve, name="reviewer-flagger", daemon=True,
                                   args=(child, str(db_path), str(backup_dir)))
        self.process.start()
        child.close()

    def run(self, full: bool, weights: Weights, threshold: int,
            reason_language: str | None) -> FlagReport:
        report = self._ask(("pass", full, weights, threshold, reason_language))
        assert isinstance(report, FlagReport)
        return report

    def set_threshold(self, threshold: int) -> None:
        self._ask(("threshold", threshold))

    def _ask(self, msg: tuple[Any, ...]) -> Any:
        try:
            self.conn.send(msg)
            # Waiting in poll() releases the GIL; a dead child is noticed within a second.
            while not self.conn.poll(1.0):
                if not self.process.is_alive():
                    raise FlagProcessError(f"the flagging process stopped unexpectedly (exit "
                                           f"code {self.process.exitcode})")
            kind, value = self.conn.recv()
        except (OSError, EOFError) as exc:
            raise FlagProcessError(f"the flagging process stopped unexpectedly ({exc})"
                                   ) from None
        if kind == "error":
            raise FlagProcessError(f"flagging failed: {value}")
        return value

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # already gone: nothing to tell it
            self.conn.send(("stop",))
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self.conn.close()
