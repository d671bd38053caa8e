"""Loudness and music-likeness of a clip, from samples already decoded for transcription.

The flagger compares each clip's level with the user's usual level (someone talking to the
device from across the room, or a TV, sounds quieter than the owner right next to it) and
asks whether the clip sounds like music: a steady, tonal spectrum that changes slowly, where
speech alternates voiced vowels, noisy consonants and pauses every few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

_FRAME = 512  # 32 ms
_SILENCE_DBFS = -50.0


@dataclass(frozen=True)
class AudioLevels:
    rms_dbfs: float  # over the frames that are not silent
    peak_dbfs: float
    active_ratio: float  # share of 32 ms frames above -50 dBFS
    tonality: float  # 0..1: share of active frames with a peaked (harmonic) spectrum
    spectral_flux: float  # mean frame-to-frame spectral change of active frames; low = steady
    music_likeness: float  # 0..1, combines the two: tonal and steady

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_levels(samples: npt.NDArray[np.float32]) -> AudioLevels:
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    n_frames = len(x) // _FRAME
    if n_frames == 0:
        return AudioLevels(-120.0, -120.0, 0.0, 0.0, 0.0, 0.0)
    frames = x[: n_frames * _FRAME].reshape(n_frames, _FRAME)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    db = 20 * np.log10(np.maximum(rms, 1e-6))
    active = db > _SILENCE_DBFS
    peak = float(20 * np.log10(max(float(np.max(np.abs(x))), 1e-6)))
    if not active.any():
        return AudioLevels(float(np.max(db)), peak, 0.0, 0.0, 0.0, 0.0)
    act = frames[active] * np.hanning(_FRAME).astype(np.float32)
    spectra = np.abs(np.fft.rfft(act, axis=1))[:, 2:256]  # ~60 Hz to 8 kHz
    tonal = _peaked(spectra)
    flux = _flux(spectra)
    rms_active = float(20 * np.log10(max(float(np.sqrt(np.mean(
        frames[active].astype(np.float64) ** 2))), 1e-6)))
    return AudioLevels(rms_dbfs=rms_active, peak_dbfs=peak, active_ratio=float(active.mean()),
                       tonality=tonal, spectral_flux=flux,
                       music_likeness=_music_likeness(tonal, flux))


def _music_likeness(tonal: float, flux: float) -> float:
    # Tonal and steady: music. Speech is tonal in vowels but changes fast.
    return float(np.clip(tonal * (1.0 - min(flux / 0.5, 1.0)) * 1.6, 0.0, 1.0))


def combine_levels(parts: Sequence[tuple[AudioLevels, int]]) -> AudioLevels:
    """The levels of a recording measured in consecutive windows ((levels, samples) each), as
    one measurement of the whole would give them, up to the frames cut at window edges."""
    frames = [n // _FRAME for _lv, n in parts]
    total = sum(frames)
    if total == 0:
        return AudioLevels(-120.0, -120.0, 0.0, 0.0, 0.0, 0.0)
    active = [lv.active_ratio * f for (lv, _n), f in zip(parts, frames, strict=True)]
    peak = max(lv.peak_dbfs for lv, _n in parts)
    loud = sum(active)
    if loud == 0:
        return AudioLevels(max(lv.rms_dbfs for lv, _n in parts), peak, 0.0, 0.0, 0.0, 0.0)
    # Mean power over the active frames of every window, then back to dB.
    power = sum(a * 10 ** (lv.rms_dbfs / 10) for (lv, _n), a in zip(parts, active, strict=True))
    tonal = sum(a * lv.tonality for (lv, _n), a in zip(parts, active, strict=True)) / loud
    flux = sum(a * lv.spectral_flux for (lv, _n), a in zip(parts, active, strict=True)) / loud
    return AudioLevels(rms_dbfs=float(10 * np.log10(power / loud)), peak_dbfs=peak,
                       active_ratio=loud / total, tonality=tonal, spectral_flux=flux,
                       music_likeness=_music_likeness(tonal, flux))


def _peaked(spectra: npt.NDArray[np.float32]) -> float:
    """Share of frames whose strongest bins stand far above the spectrum's median."""
    top = np.sort(spectra, axis=1)[:, -3:].mean(axis=1)
    median = np.median(spectra, axis=1) + 1e-9
    return float(np.mean(top / median > 30.0))


def _flux(spectra: npt.NDArray[np.float32]) -> float:
    if len(spectra) < 2:
        return 0.0
    norm = spectra / (np.linalg.norm(spectra, axis=1, keepdims=True) + 1e-9)
    return float(np.mean(np.linalg.norm(np.diff(norm, axis=0), axis=1)))
