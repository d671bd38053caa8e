"""Recordings too long to hold in memory at once, transcribed window by window.

A 3-hour recording is 690 MB as 16 kHz float32, and decoding it whole, then running the VAD
and Whisper's long-form path over it, took the worker to a 4.97 GB peak: killed on any
machine with less, on every run. Here it is decoded as a stream of ~10-minute windows cut
at quiet moments (`decode_windows`); each window is measured and transcribed like a clip of
its own (the engine's long-form path, with its VAD skipping silence), its times shifted by
the window's place in the recording, and the windows' results joined into one transcript
and one set of levels for the clip. Memory stays that of one window, whatever the length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import numpy as np

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.levels import AudioLevels, combine_levels, measure_levels
from reviewer.core.transcribe.engine import ClipTranscript, Segment, Word, _compression_ratio

WINDOW_S = 600.0
# Files smaller than this are decoded whole as before: even uncompressed 16-bit mono at
# 48 kHz, 16 MB is under 3 minutes, far below one window.
STREAM_ABOVE_BYTES = 16 * 1024 * 1024

Samples = Any  # npt.NDArray[np.float32]; kept loose for the engine's duck-typed interface


def transcribe_windows(engine: Any, windows: Iterable[tuple[int, Samples]]
                       ) -> tuple[ClipTranscript, AudioLevels]:
    """Transcribe and measure each (offset in samples, samples) window; join the results."""
    parts: list[tuple[float, float, ClipTranscript]] = []
    levels: list[tuple[AudioLevels, int]] = []
    for offset, samples in windows:
        levels.append((measure_levels(samples), len(samples)))
        result = engine.transcribe(samples)
        parts.append((offset / SAMPLE_RATE, len(samples) / SAMPLE_RATE, result))
        del samples
    return join_transcripts(parts), combine_levels(levels)


def join_transcripts(parts: list[tuple[float, float, ClipTranscript]]) -> ClipTranscript:
    """((start s, length s, transcript) per window) -> one transcript of the whole."""
    segments: list[Segment] = []
    words: list[Word] = []
    texts: list[str] = []
    duration = sum(length for _o, length, _t in parts)
    for offset, _length, t in parts:
        segments += [replace(seg, start=seg.start + offset, end=seg.end + offset)
                     for seg in t.segments]
        words += [replace(w, start=w.start + offset, end=w.end + offset) for w in t.words]
        if t.text:
            texts.append(t.text)
    text = " ".join(texts)
    spoken = [t for _o, _l, t in parts if t.text]
    weights = [max(1, len(t.segments)) for t in spoken]
    logprobs = [(t.avg_logprob, w) for t, w in zip(spoken, weights, strict=True)
                if t.avg_logprob is not None]
    no_speech = [t.no_speech_prob for _o, _l, t in parts if t.no_speech_prob is not None]
    main = max(spoken, key=lambda t: len(t.text)) if spoken else parts[0][2]
    return ClipTranscript(
        text=text, segments=tuple(segments), words=tuple(words),
        avg_logprob=(float(np.average([lp for lp, _w in logprobs],
                                      weights=[w for _lp, w in logprobs]))
                     if logprobs else None),
        no_speech_prob=min(no_speech) if no_speech else None,
        compression_ratio=_compression_ratio(text) if text else None,
        speech_ratio=(sum(t.speech_ratio * length for _o, length, t in parts) / duration
                      if duration else 0.0),
        language=main.language, language_probability=main.language_probability,
        duration=duration, no_speech=not text, model=main.model,
        words_computed=all(t.words_computed for _o, _l, t in parts),
        settings={**main.settings, "windows": len(parts), "window_s": WINDOW_S})
