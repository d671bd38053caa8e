"""Entry point of the frozen app (PyInstaller runs this file as __main__).

Order matters:
1. Console-less processes (the Windows/macOS windowed app and the worker processes it starts)
   get sys.stdout/sys.stderr = None: give them the null device before anything can print.
2. multiprocessing.freeze_support() before importing the app: a transcription worker is this
   same executable started again by multiprocessing (spawn); freeze_support() turns that run
   into the worker and exits, so the worker never builds a parser or opens a window.
3. HF_HUB_OFFLINE before faster-whisper (and so huggingface_hub) is imported: it reads the
   variable once, at import. The app only ever hands it model folders, this is belt and braces.
"""

import multiprocessing
import os
import sys

from reviewer.logging_setup import ensure_std_streams

if __name__ == "__main__":
    ensure_std_streams()
    multiprocessing.freeze_support()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

    from reviewer.cli import main

    sys.exit(main())
