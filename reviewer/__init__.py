"""Voice History Reviewer: review smart-speaker voice history on your own computer."""

from reviewer.offline import apply_offline_environment

# First thing on any import of the app (CLI, GUI, the spawned transcription worker): no
# native library may load before its telemetry is switched off (see reviewer.offline).
apply_offline_environment()

__version__ = "0.1.0"
APP_NAME = "Voice History Reviewer"
