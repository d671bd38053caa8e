"""Keep the native libraries we bundle from contacting anyone or writing outside the library.

onnxruntime (it runs Silero VAD, inside the transcription worker) has built-in telemetry:
when a session is created it writes `~/.cache/Microsoft/DeveloperTools/.onnxruntime/`
(a device id and a queued event: OS, CPU, program path) and ~7 s later starts sending it to
`mobile.events.data.microsoft.com`. It reads `ORT_DISABLE_TELEMETRY` from the environment when
it loads; `onnxruntime.disable_telemetry_events()` does not stop it (measured with strace on
onnxruntime 1.32). huggingface_hub (pulled in by faster-whisper) reads its switches once, at
import. So these are set before any of that can load: by importing the `reviewer` package
(which every entry point does first, the spawned worker included), and again explicitly by
the worker and the frozen app's entry script.

Assigned, not `setdefault`: a value inherited from the user's shell must not turn it back on.
"""

from __future__ import annotations

import os

OFFLINE_ENVIRONMENT = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}


def apply_offline_environment() -> None:
    os.environ.update(OFFLINE_ENVIRONMENT)
