"""Running core use cases off the GUI thread, with progress and results as Qt signals.

A `Job` lives in the GUI thread; its body runs in a QThread through an internal runner whose
signals reach the Job's own slots queued, and the Job re-emits them. So every public signal of
a Job is emitted in the GUI thread, and anything connected to it (lambdas included) may touch
widgets safely.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from reviewer.core.api import (
    CancelToken,
    Progress,
    storage_problem,
)
from reviewer.ui import gc_thread
from reviewer.ui.i18n import core_text

log = logging.getLogger(__name__)

# A job body gets the progress callback and the cancel token, and returns its result.
JobBody = Callable[[Callable[[object], None], CancelToken], Any]


class _Runner(QObject):
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str, str)
    done = Signal()

    def __init__(self, name: str, body: JobBody, cancel: CancelToken,
                 user_errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.name = name
        self.body = body
        self.cancel = cancel
        self.user_errors = user_errors

    @Slot()
    def run(self) -> None:
        try:
            result = self.body(self.progress.emit, self.cancel)
        except self.user_errors as exc:
            log.warning("%s failed: %s", self.name, exc)
            self.failed.emit(core_text(exc), "")
        except Exception as exc:
            problem = storage_problem(exc)  # a full disk, a damaged database: say so plainly
            if problem is not None:
                log.warning("%s failed: %s", self.name, exc)
                text = core_text(problem)
                self.failed.emit(text[:1].upper() + text[1:], "")
                return
            log.exception("%s crashed", self.name)
            self.failed.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()
            # Stop the thread from inside: a GUI thread blocked in wait() (closing the
            # window) could not deliver a queued quit().
            thread = QThread.currentThread()
            thread.quit()


class Job(QObject):
    """One background job. Emits `progress`, then `finished` (the thread is done), then one
    of `succeeded` / `failed` — all in the GUI thread. `finished` comes first so a handler of
    `succeeded` already sees the job gone and may start the next one.

    Every started job is registered until its `finished`, so `stop_all_jobs()` can end them
    all before the application object goes (see there why that matters)."""

    _running: ClassVar[set[Job]] = set()
    _refusing: ClassVar[bool] = False

    progress = Signal(object)  # Progress, or whatever the body reports
    succeeded = Signal(object)
    failed = Signal(str, str)  # user message, technical details
    finished = Signal()

    def __init__(self, name: str, body: JobBody,
                 user_errors: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__()
        self.name = name
        self.cancel_token = CancelToken()
        self._thread = QThread()
        self._thread.setObjectName(f"job-{name}")
        self._runner = _Runner(name, body, self.cancel_token, user_errors)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self._on_progress)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.done.connect(self._on_done)
        self._outcome: tuple[str, tuple[Any, ...]] | None = None

    def start(self) -> None:
        if Job._refusing:
            # The app is quitting: a job whose predecessor finished during the close
            # (transcription → flagging, voices) must not start a thread nobody waits for.
            log.info("%s not started: the app is closing", self.name)
            return
        Job._running.add(self)
        gc_thread.hold()  # no cycle collection in the job's thread: see gc_thread
        log.info("job %s started", self.name)
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int) -> bool:
        return self._thread.wait(ms)

    @Slot(object)
    def _on_progress(self, p: object) -> None:
        self.progress.emit(p)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._outcome = ("succeeded", (result,))

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self._outcome = ("failed", (message, details))

    @Slot()
    def _on_done(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self in Job._running:
            Job._running.discard(self)
            gc_thread.release()
        log.info("job %s ended", self.name)
        self.finished.emit()
        if self._outcome is not None:
            kind, args = self._outcome
            (self.succeeded if kind == "succeeded" else self.failed).emit(*args)


def stop_all_jobs(timeout_s: float = 120.0) -> bool:
    """Quit-time teardown: refuse new jobs, cancel the running ones and wait until every job
    thread has ended and its `finished` handlers have run. True when none is left.

    A job thread still running when the interpreter finalises is what crashed the app on
    Ctrl+Q during transcription ("QThread: Destroyed while thread is still running" or
    "bool_dealloc" while garbage-collecting): its QThread was destroyed with the window by
    Python's GC, with Python code still running on it. Cancelling makes every body return
    promptly (transcription stops its worker process after a short grace); the ceiling only
    guards against a body that ignores its token."""
    Job._refusing = True
    deadline = time.monotonic() + timeout_s
    while Job._running:
        for job in list(Job._running):
            job.cancel()
        for job in list(Job._running):
            job.wait(max(1, int((deadline - time.monotonic()) * 1000)))
        # The runners' `done` reaches `_on_done` queued: deliver it (and whatever it emits).
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        if time.monotonic() > deadline:
            names = ", ".join(sorted(job.name for job in Job._running))
            if names:
                log.error("jobs still running at quit: %s", names)
            break
    return not Job._running


def allow_jobs() -> None:
    """Undo `stop_all_jobs()`'s refusal (a test that quits and starts a window again)."""
    Job._refusing = False


__all__ = ["Job", "JobBody", "Progress", "allow_jobs", "stop_all_jobs"]
