"""Audio: decode once (PyAV), levels, voice activity, waveform envelope."""

# Every sample array in the app is mono float32 at Whisper's rate: decode resamples to it,
# and VAD, levels, envelopes, speaker embeddings and the engine all read it as such.
SAMPLE_RATE = 16_000
