"""The waveform picture's numbers: min/max per time bin, reduced to pixel columns on demand.

Pure numpy, so it is tested without Qt and runs in any worker thread. Decoding a clip and
computing its envelope once is the slow part; reducing 4096 bins to a pane's width on resize
takes microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.decode import decode_audio

# Enough columns for a wide pane on a 2x screen.
ENVELOPE_BINS = 4096

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Envelope:
    """Min/max of the samples in `len(mins)` equal time bins, and the audio's length."""

    mins: Floats
    maxs: Floats
    duration_s: float
    peak: float


def compute_envelope(samples: Floats, bins: int = ENVELOPE_BINS,
                     rate: int = SAMPLE_RATE) -> Envelope:
    n = int(samples.size)
    if n == 0:
        empty = np.zeros(1, dtype=np.float32)
        return Envelope(empty, empty, 0.0, 0.0)
    count = min(n, bins)
    starts = (np.arange(count, dtype=np.int64) * n) // count
    mins = np.minimum.reduceat(samples, starts).astype(np.float32)
    maxs = np.maximum.reduceat(samples, starts).astype(np.float32)
    peak = float(max(-mins.min(), maxs.max(), 0.0))
    return Envelope(mins, maxs, n / rate, peak)


def envelope_columns(env: Envelope, columns: int) -> tuple[Floats, Floats]:
    """Min/max per pixel column. With more columns than bins a bin spans several columns
    (reduceat returns the single element when two starts are equal)."""
    count = env.mins.size
    starts = (np.arange(max(columns, 1), dtype=np.int64) * count) // max(columns, 1)
    return np.minimum.reduceat(env.mins, starts), np.maximum.reduceat(env.maxs, starts)


def load_envelope(path: Path, bins: int = ENVELOPE_BINS) -> Envelope:
    """Decode the audio file and compute its envelope (raises AudioError when unreadable)."""
    return compute_envelope(decode_audio(path), bins)
