"""Small synthetic audio: tones, noise, silence, encoded to real containers with PyAV."""

from __future__ import annotations

import io
import wave
from fractions import Fraction

import av
import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE as SAMPLE_RATE  # re-exported for the builders

Samples = npt.NDArray[np.float32]


def tone(seconds: float, freq: float = 440.0, amplitude: float = 0.3,
         rate: int = SAMPLE_RATE) -> Samples:
    t = np.arange(int(seconds * rate), dtype=np.float32) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def noise(seconds: float, amplitude: float = 0.1, seed: int = 0,
          rate: int = SAMPLE_RATE) -> Samples:
    rng = np.random.default_rng(seed)
    return (amplitude * rng.standard_normal(int(seconds * rate))).astype(np.float32).clip(-1, 1)


def silence(seconds: float, rate: int = SAMPLE_RATE) -> Samples:
    return np.zeros(int(seconds * rate), dtype=np.float32)


def wav_bytes(samples: Samples, rate: int = SAMPLE_RATE, channels: int = 1) -> bytes:
    """16-bit PCM WAV (mono unless `channels` says the samples are interleaved)."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return buf.getvalue()


def encode(samples: Samples, fmt: str, rate: int = SAMPLE_RATE, bitrate: int = 32_000) -> bytes:
    """Encode mono float samples as `fmt`: "wav", "mp3", "flac", "ogg" (Opus) or "m4a" (AAC)."""
    if fmt == "wav":
        return wav_bytes(samples, rate)
    codec, container_fmt, out_rate = {
        "mp3": ("libmp3lame", "mp3", rate),
        "flac": ("flac", "flac", rate),
        "ogg": ("libopus", "ogg", 48_000),
        "m4a": ("aac", "ipod", rate),
    }[fmt]
    if out_rate != rate:
        samples = _resample_linear(samples, rate, out_rate)
    buf = io.BytesIO()
    with av.open(buf, "w", format=container_fmt) as out:
        stream = out.add_stream(codec, rate=out_rate)
        assert isinstance(stream, av.AudioStream)
        stream.layout = "mono"
        if fmt in ("mp3", "ogg", "m4a"):
            stream.bit_rate = bitrate
        stream.time_base = Fraction(1, out_rate)
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = out_rate
        frame.pts = 0
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def _resample_linear(samples: Samples, src: int, dst: int) -> Samples:
    n = int(len(samples) * dst / src)
    x = np.linspace(0, len(samples) - 1, n, dtype=np.float64)
    return np.interp(x, np.arange(len(samples)), samples).astype(np.float32)
