"""Entry point of the frozen app (PyInstaller runs this file as __main__).

Order matters:
1. Console-less processes (the Windows/macOS windowed app and the worker processes it starts)
   get sys.stdout/sys.stderr = None: give them the null device before anything can print.
2. multiprocessing.freeze_support() before importing the app: a transcription worker is this
   same executable started again by multiprocessing (spawn); freeze_support() turns that run
   into the worker and exits, so the worker never builds a parser or opens a window.
3. ORT_DISABLE_TELEMETRY, HF_HUB_OFFLINE and HF_HUB_DISABLE_TELEMETRY before onnxruntime and
   faster-whisper (and so huggingface_hub) load: they read them once, at load. Importing the
   `reviewer` package sets them too (reviewer.offline); this states it where a frozen run
   starts, the worker processes included.
"""

import multiprocessing
import sys

from reviewer.logging_setup import ensure_std_streams
from reviewer.offline import apply_offline_environment

if __name__ == "__main__":
    ensure_std_streams()
    apply_offline_environment()  # before freeze_support(): the worker runs inside that call
    multiprocessing.freeze_support()

    from reviewer.cli import main

    sys.exit(main())
