"""Check that audio decodes and measure its length, from bytes already in memory."""

from __future__ import annotations

import io
from dataclasses import dataclass

import av

from reviewer.core.messages import Msg


class AudioError(Exception):
    """The audio cannot be decoded; the message says why in plain words."""


@dataclass(frozen=True)
class AudioInfo:
    duration_s: float
    sample_rate: int
    channels: int
    codec: str


def probe_audio(data: bytes) -> AudioInfo:
    """Decode every frame of the first audio stream and count samples.

    Counting decoded samples, rather than trusting the header, gives the true length of
    VBR MP3s without a Xing header and catches truncated or corrupt files at import time.
    """
    if not data:
        raise AudioError(Msg("the file is empty"))
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            streams = container.streams.audio
            if not streams:
                raise AudioError(Msg("the file holds no audio stream"))
            stream = streams[0]
            rate = stream.codec_context.sample_rate or stream.rate or 0
            samples = 0
            for frame in container.decode(stream):
                samples += frame.samples
                rate = frame.sample_rate or rate
            channels = stream.codec_context.channels or 1
            codec = stream.codec_context.name
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise AudioError(Msg("cannot be decoded ({error})", error=_describe(exc))) from exc
    if samples == 0 or rate == 0:
        raise AudioError(Msg("contains no decodable audio"))
    return AudioInfo(duration_s=samples / rate, sample_rate=rate, channels=channels, codec=codec)


def _describe(exc: Exception) -> str:
    text = str(exc)
    # PyAV messages carry the errno and a file name that is meaningless here ("<none>").
    if "] " in text:
        text = text.split("] ", 1)[1]
    return text.split(": '<none>'")[0].split("; last error")[0].strip() or type(exc).__name__
