"""Word times on demand: computed for the clip a user opens, not for every clip transcribed.

Transcription leaves word times out (cross-attention alignment was ~9 % of a short clip's CPU
and only the detail pane's word highlight uses them; see bench/README.md, issue 17). When a
clip whose transcript has none is opened, `WordTimer` computes them in this process: one
copy of the transcript's model, loaded on first use, on one thread (a running
transcription's worker keeps the other cores), aligned on the same trim and encoder context
the transcript was decoded with (`Engine.word_times`). `Library.word_times` stores the result,
so each clip is aligned once.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.decode import decode_audio, decode_windows
from reviewer.core.transcribe.engine import Engine, EngineSettings, Word
from reviewer.core.transcribe.long_audio import STREAM_ABOVE_BYTES, WINDOW_S
from reviewer.core.transcribe.models import resolve_model


class WordTimer:
    """One lazily loaded single-threaded engine per model, shared by all callers."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    def _engine_for(self, model: str) -> Engine:
        if self._engine is None or self._engine.model_name != model:
            self._engine = None  # one model at a time in the window's process
            self._engine = Engine(resolve_model(model, self.cache_dir),
                                  EngineSettings(clips_at_once=1, decoder_threads=0),
                                  cpu_threads=1)
        return self._engine

    def compute(self, audio: Path, model: str, settings: dict[str, Any],
                segments: list[dict[str, Any]], language: str | None) -> list[dict[str, Any]]:
        """The words of a transcript of `audio` by `model` (raises `AudioError`)."""
        with self._lock:  # one clip at a time: the engine's calls must not overlap
            engine = self._engine_for(model)
            if audio.stat().st_size <= STREAM_ABOVE_BYTES:
                words = engine.word_times(decode_audio(audio), settings, segments, language)
            else:  # transcribed window by window (long_audio): aligned the same way
                words = []
                for offset, samples in decode_windows(audio, WINDOW_S):
                    start, end = offset / SAMPLE_RATE, (offset + len(samples)) / SAMPLE_RATE
                    inside = [{**seg, "start": float(seg["start"]) - start,
                               "end": float(seg["end"]) - start} for seg in segments
                              if start <= float(seg["start"]) < end]
                    words += [Word(w.start + start, w.end + start, w.word, w.probability)
                              for w in engine.word_times(samples, {"path": "long"}, inside,
                                                         language)]
            return [asdict(w) for w in words]

    def close(self) -> None:
        with self._lock:
            self._engine = None
