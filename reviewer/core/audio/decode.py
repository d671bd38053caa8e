"""Decode any clip once into what Whisper and the VAD want: float32 mono samples at 16 kHz.

PyAV decodes in-process (no ffmpeg subprocess per clip: thousands of clips would spend more
time starting processes than transcribing). Corrupt or empty input raises `AudioError` with a
plain-words reason, the same exception `probe_audio` uses, so callers handle one error type.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.probe import AudioError
from reviewer.core.messages import Msg

Samples = npt.NDArray[np.float32]

# PyAV raises these for damaged containers/streams; ValueError/IndexError/UnicodeDecodeError
# come from odd metadata and demuxer edge cases seen with truncated files.
_DECODE_ERRORS = (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError, EOFError)


def decode_audio(data: bytes | Path) -> Samples:
    """Return the first audio stream of `data` (bytes or a file path) as 16 kHz mono float32.

    Channels are down-mixed by libswresample (a sound centred in stereo comes out at -3 dB;
    Whisper normalises levels anyway). Raises `AudioError` when the input is
    empty, unreadable, holds no audio stream, or decodes to nothing.
    """
    source: io.BytesIO | str
    if isinstance(data, Path):
        try:
            data = data.read_bytes()
        except OSError as exc:
            raise AudioError(Msg("cannot be read ({error})", error=exc.strerror or exc)) from exc
    if not data:
        raise AudioError(Msg("the file is empty"))
    source = io.BytesIO(data)
    try:
        samples = _decode(source)
    except AudioError:
        raise
    except _DECODE_ERRORS as exc:
        raise AudioError(Msg("cannot be decoded ({error})", error=_reason(exc))) from exc
    if samples.size == 0:
        raise AudioError(Msg("contains no decodable audio"))
    return samples


def decode_windows(path: Path, window_s: float, search_s: float = 30.0
                   ) -> Iterator[tuple[int, Samples]]:
    """Stream `path` as (offset in samples, samples) windows of about `window_s` seconds, so
    memory stays bounded whatever the recording's length (a 3-hour one is 690 MB decoded).

    Each cut is made at the quietest 0.1 s of the last `search_s` seconds before the window's
    end, so it falls between words rather than inside one. Raises `AudioError` like
    `decode_audio` (also midway: a damaged file can fail after some windows).
    """
    window = int(window_s * SAMPLE_RATE)
    search = min(int(search_s * SAMPLE_RATE), window // 2)
    pending: list[Samples] = []
    held = 0
    offset = 0
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(Msg("the file holds no audio stream"))
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            frames = _frames(container, stream)
            for frame in _chain_flush(frames):
                for out in resampler.resample(frame):
                    pending.append(_to_array(out))
                    held += out.samples
                if held >= window:
                    buf = np.concatenate(pending)
                    cut = _quiet_cut(buf, window - search, window)
                    yield offset, np.ascontiguousarray(buf[:cut])
                    offset += cut
                    pending, held = [buf[cut:].copy()], len(buf) - cut
                    del buf
    except AudioError:
        raise
    except OSError as exc:
        raise AudioError(Msg("cannot be read ({error})", error=exc.strerror or exc)) from exc
    except _DECODE_ERRORS as exc:
        raise AudioError(Msg("cannot be decoded ({error})", error=_reason(exc))) from exc
    tail = np.concatenate(pending) if pending else np.zeros(0, dtype=np.float32)
    if offset == 0 and tail.size == 0:
        raise AudioError(Msg("contains no decodable audio"))
    if tail.size:
        yield offset, np.ascontiguousarray(tail, dtype=np.float32)


def _chain_flush(frames: Iterator[av.AudioFrame]) -> Iterator[av.AudioFrame | None]:
    """The frames, then None: resampling None flushes the resampler's buffered tail."""
    yield from frames
    yield None


def _quiet_cut(buf: Samples, start: int, end: int, frame: int = SAMPLE_RATE // 10) -> int:
    """The middle of the quietest `frame` between `start` and `end` (a place between words)."""
    n = (end - start) // frame
    if n <= 0:
        return end
    energy = (buf[start:start + n * frame].reshape(n, frame).astype(np.float64) ** 2).sum(axis=1)
    return start + int(np.argmin(energy)) * frame + frame // 2


def _decode(source: io.BytesIO) -> Samples:
    chunks: list[Samples] = []
    with av.open(source, mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioError(Msg("the file holds no audio stream"))
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        for frame in _frames(container, stream):
            for out in resampler.resample(frame):
                chunks.append(_to_array(out))
        # Flushing returns the resampler's buffered tail (up to a few ms of audio).
        for out in resampler.resample(None):
            chunks.append(_to_array(out))
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(chunks), dtype=np.float32)


def _frames(container: av.container.InputContainer,
            stream: av.audio.stream.AudioStream) -> Iterator[av.AudioFrame]:
    for frame in container.decode(stream):
        # Some exports have gaps/jumps in timestamps; the resampler would reject those frames,
        # and the samples themselves are what matter here.
        frame.pts = None
        yield frame


def _to_array(frame: av.AudioFrame) -> Samples:
    # Packed float, one channel: shape (1, n).
    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    # PyAV messages carry an errno prefix and a file name that means nothing here ("<none>").
    if "] " in text:
        text = text.split("] ", 1)[1]
    return text.split(": '<none>'")[0].split("; last error")[0].strip() or type(exc).__name__
