"""Where is the speech in a clip? Silero VAD, as shipped (ONNX) inside faster-whisper.

The model file comes from faster-whisper's own package assets and runs on onnxruntime, so
nothing is downloaded. Used for three things:
- `spans`: speech regions in samples, and `speech_ratio` (speech time / clip time), a signal
  for the flagger (a TV or a room conversation keeps talking; an accidental wake often doesn't);
- `trimmed`: the clip without its leading/trailing silence (plus a little padding), so the
  transcriber encodes only what matters; `offset_s` maps times back to the original clip;
- `has_speech`: a clip with no speech at all is not sent to Whisper (which, given silence or
  noise, likes to invent "Thank you." or "you").

Deciding "no speech" loses a transcript if it is wrong, so it is conservative: when nothing
passes the normal threshold, a second pass with a lower threshold gets a say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE

Samples = npt.NDArray[np.float32]

# Silero's usual threshold; the lower second-chance threshold only decides "any speech at all?".
SPEECH_THRESHOLD = 0.5
SECOND_CHANCE_THRESHOLD = 0.3
# Shorter bursts are clicks, thumps or a cough, not a word.
MIN_SPEECH_MS = 120
# Pauses between words inside one request are shorter than this; longer gaps split spans.
MIN_SILENCE_MS = 300
# Keep a little audio around the speech: VAD edges cut soft consonants ("s", "f", "h").
DEFAULT_PAD_S = 0.2


@dataclass(frozen=True)
class SpeechDetection:
    """The VAD's view of one clip. Sample indices refer to the original (untrimmed) clip."""

    spans: tuple[tuple[int, int], ...]
    speech_ratio: float
    duration_s: float
    trim_start: int
    trim_end: int
    threshold: float
    trimmed: Samples = field(repr=False, compare=False)

    @property
    def has_speech(self) -> bool:
        return bool(self.spans)

    @property
    def offset_s(self) -> float:
        """Where `trimmed` starts in the original clip, in seconds."""
        return self.trim_start / SAMPLE_RATE

    @property
    def trimmed_duration_s(self) -> float:
        return (self.trim_end - self.trim_start) / SAMPLE_RATE

    @property
    def speech_s(self) -> float:
        return sum(end - start for start, end in self.spans) / SAMPLE_RATE


def detect_speech(samples: Samples, *, pad_s: float = DEFAULT_PAD_S,
                  threshold: float = SPEECH_THRESHOLD) -> SpeechDetection:
    """Find speech in 16 kHz mono float32 `samples` and trim the silence around it.

    With no speech, `spans` is empty, `trimmed` is empty and `has_speech` is False.
    """
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    n = int(samples.shape[0])
    duration_s = n / SAMPLE_RATE
    spans = _speech_spans(samples, threshold) if n else []
    used = threshold
    if not spans and n and threshold > SECOND_CHANCE_THRESHOLD:
        spans = _speech_spans(samples, SECOND_CHANCE_THRESHOLD)
        used = SECOND_CHANCE_THRESHOLD
    if not spans:
        return SpeechDetection(spans=(), speech_ratio=0.0, duration_s=duration_s, trim_start=0,
                               trim_end=0, threshold=used, trimmed=samples[:0])
    pad = round(pad_s * SAMPLE_RATE)
    start = max(0, spans[0][0] - pad)
    end = min(n, spans[-1][1] + pad)
    speech = sum(e - s for s, e in spans)
    return SpeechDetection(spans=tuple(spans), speech_ratio=min(1.0, speech / n),
                           duration_s=duration_s, trim_start=start, trim_end=end,
                           threshold=used, trimmed=samples[start:end])


def _speech_spans(samples: Samples, threshold: float) -> list[tuple[int, int]]:
    # Imported here: pulls in onnxruntime, which the importers/store never need.
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(threshold=threshold, min_speech_duration_ms=MIN_SPEECH_MS,
                         min_silence_duration_ms=MIN_SILENCE_MS, speech_pad_ms=0)
    found = get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    n = int(samples.shape[0])
    spans: list[tuple[int, int]] = []
    for chunk in found:
        start, end = max(0, int(chunk["start"])), min(n, int(chunk["end"]))
        if end > start:
            spans.append((start, end))
    return spans
