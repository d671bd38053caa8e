"""Kaldi-style 80-dim log-mel filterbank features in NumPy: what CAM++ was trained on.

CAM++ (3D-Speaker) computes its input with `torchaudio.compliance.kaldi.fbank` (25 ms frames
every 10 ms, Povey window, pre-emphasis 0.97, DC removal, 512-point FFT, power spectrum,
80 triangular mel bins from 20 Hz to Nyquist, natural log, no dither) and subtracts each
utterance's mean. Torch is far too big to ship for that, so this module does the same sums
with NumPy. `tools/export_campplus_onnx.py` stored a reference computed by an independent
C++ Kaldi-compatible implementation; `tests/test_voices_model.py` compares against it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE

FRAME_LENGTH = 400  # 25 ms
FRAME_SHIFT = 160  # 10 ms
FFT_SIZE = 512  # the frame rounded up to a power of two, as Kaldi does
NUM_MEL_BINS = 80
LOW_FREQ = 20.0
PREEMPHASIS = 0.97
# Kaldi floors the mel energies at machine epsilon (float32) before the log.
_EPSILON = float(np.finfo(np.float32).eps)

Features = npt.NDArray[np.float32]


def _mel(freq: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return np.asarray(1127.0 * np.log(1.0 + np.asarray(freq, dtype=np.float64) / 700.0))


@lru_cache(maxsize=1)
def _mel_banks() -> npt.NDArray[np.float64]:
    """(FFT_SIZE // 2 + 1, NUM_MEL_BINS) triangular weights on the mel scale (Kaldi's
    construction: the triangles are linear in mel, not in Hz; the Nyquist bin weighs 0)."""
    half = FFT_SIZE // 2
    mel_low, mel_high = _mel(LOW_FREQ), _mel(SAMPLE_RATE / 2)
    delta = (mel_high - mel_low) / (NUM_MEL_BINS + 1)
    fft_mels = _mel(np.arange(half) * (SAMPLE_RATE / FFT_SIZE))
    banks = np.zeros((half + 1, NUM_MEL_BINS), dtype=np.float64)
    for i in range(NUM_MEL_BINS):
        left = mel_low + i * delta
        centre = left + delta
        right = centre + delta
        up = (fft_mels - left) / (centre - left)
        down = (right - fft_mels) / (right - centre)
        banks[:half, i] = np.maximum(0.0, np.minimum(up, down))
    return banks


@lru_cache(maxsize=1)
def _povey_window() -> npt.NDArray[np.float64]:
    # A symmetric Hann window raised to 0.85 (Kaldi's "povey").
    n = np.arange(FRAME_LENGTH, dtype=np.float64)
    return np.asarray((0.5 - 0.5 * np.cos(2 * np.pi * n / (FRAME_LENGTH - 1))) ** 0.85)


def num_frames(num_samples: int) -> int:
    """Frames Kaldi makes of `num_samples` (only whole frames: "snip edges")."""
    if num_samples < FRAME_LENGTH:
        return 0
    return 1 + (num_samples - FRAME_LENGTH) // FRAME_SHIFT


def log_fbank(samples: npt.NDArray[np.float32]) -> Features:
    """(frames, 80) log-mel energies of 16 kHz mono samples in [-1, 1]; no normalisation."""
    x = np.ascontiguousarray(samples, dtype=np.float64)
    n = num_frames(int(x.shape[0]))
    if n == 0:
        return np.zeros((0, NUM_MEL_BINS), dtype=np.float32)
    index = np.arange(FRAME_LENGTH)[None, :] + FRAME_SHIFT * np.arange(n)[:, None]
    frames = x[index]
    frames = frames - frames.mean(axis=1, keepdims=True)
    # Pre-emphasis; Kaldi's first sample is emphasised against itself.
    previous = np.concatenate([frames[:, :1], frames[:, :-1]], axis=1)
    frames = (frames - PREEMPHASIS * previous) * _povey_window()
    spectrum = np.fft.rfft(frames, n=FFT_SIZE, axis=1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    energies = power @ _mel_banks()
    return np.log(np.maximum(energies, _EPSILON)).astype(np.float32)


def features(samples: npt.NDArray[np.float32]) -> Features:
    """The model's input: log-mel energies minus their mean over the utterance."""
    fb = log_fbank(samples)
    if fb.shape[0]:
        fb = fb - fb.mean(axis=0, keepdims=True)
    return fb
