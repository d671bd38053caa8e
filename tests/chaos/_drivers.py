"""Programs the syscall-level tests run under strace (`python _drivers.py NAME ARGS...`).

Each one goes through the app's real entry points; they only add what a test needs on top:
holding the transcription worker alive long enough for any background thread of a native
library to act, or driving the desktop app until its background job has finished.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path


def hold_transcribe(data_dir: str, hold_s: str) -> int:
    """Transcribe the library; after the first saved result (so Silero VAD, i.e. onnxruntime,
    has run in the worker) keep the worker alive `hold_s` seconds before going on.

    onnxruntime's telemetry sent its first query ~7 s after its first session: a short run
    ends before that, which is why ordinary tests never saw it.
    """
    from reviewer.core.library import Library

    held = threading.Event()

    def on_result(_clip_id: int, _transcript: object) -> None:
        if not held.is_set():
            held.set()
            time.sleep(float(hold_s))  # the parent waits; the worker process lives on

    with Library.open(data_dir) as library:
        report = library.transcribe(on_result=on_result)
    print(f"transcribed {report.finished} of {report.total}, held {hold_s} s: {held.is_set()}")
    return 0 if held.is_set() and report.finished == report.total else 1


def gui_job(data_dir: str, hold_s: str) -> int:
    """The desktop app (offscreen) on a library with clips to transcribe: it starts the
    background transcription by itself; quit once that and the flagging after it are done
    and at least `hold_s` seconds have passed since the window appeared."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewer.ui import app as app_module
    from reviewer.ui.main_window import MainWindow

    started = time.monotonic()
    deadline = started + 300.0
    seen = {"transcribe": False}

    def poll() -> None:
        app = QApplication.instance()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows:
            jobs = windows[0].jobs
            seen["transcribe"] = seen["transcribe"] or "transcribe" in jobs
            done = seen["transcribe"] and not jobs
            if done and time.monotonic() - started >= float(hold_s):
                print(f"gui job done after {time.monotonic() - started:.1f} s")
                windows[0].close()
                assert app is not None
                app.quit()
                return
        if time.monotonic() > deadline:
            print("gui job did not finish")
            assert app is not None
            app.exit(3)
            return
        QTimer.singleShot(200, poll)

    shown = MainWindow.show

    def show_then_poll(window: MainWindow) -> None:
        shown(window)
        QTimer.singleShot(0, poll)

    MainWindow.show = show_then_poll  # type: ignore[method-assign]
    code = app_module.run_app(data_dir)
    # What is under test ends here; skip the interpreter's teardown of Qt objects (PySide6
    # can abort in it, "bool_dealloc", which has nothing to do with this test).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def orphan_worker(cache_dir: str, clip: str, clips: str) -> int:
    """Start the transcription worker, queue `clips` copies of `clip`, print the worker's
    pid, then wait to be killed: the test kills this process while the worker is busy."""
    from reviewer.core.transcribe.worker import TranscriptionWorker

    worker = TranscriptionWorker(Path(cache_dir))
    worker.start(timeout_s=300)
    for n in range(int(clips)):
        worker.submit(n, Path(clip))
    first = worker.receive(300)  # busy for certain: one clip is done, the rest are queued
    print(f"worker {worker.process.pid} busy {first is not None}", flush=True)
    time.sleep(3600)
    return 0


def worker_rss(cache_dir: str, clip: str) -> int:
    """Transcribe one clip in the real worker; print its result as JSON with the worker's
    peak resident memory (VmHWM, read from /proc before the worker stops)."""
    import json

    from reviewer.core.transcribe.worker import TranscriptionWorker

    worker = TranscriptionWorker(Path(cache_dir))
    started = time.monotonic()
    worker.start(timeout_s=300)
    worker.submit(1, Path(clip))
    msg = None
    peak_kb = 0
    while msg is None:
        msg = worker.receive(1.0)
        status = Path(f"/proc/{worker.process.pid}/status").read_text()
        peak_kb = max(peak_kb, *(int(line.split()[1]) for line in status.splitlines()
                                 if line.startswith("VmHWM:")))
    worker.stop()
    print(json.dumps({"peak_mb": peak_kb / 1024, "elapsed_s": time.monotonic() - started,
                      "result": msg}))
    return 0


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    sys.exit({"hold-transcribe": hold_transcribe, "gui-job": gui_job,
              "orphan-worker": orphan_worker, "worker-rss": worker_rss}[name](*args))
