"""Group clips into voices without enrolment: average linkage on centred cosine.

- Each embedding is length-normalised and the *background* mean subtracted, then normalised
  again ("centred cosine"). Subtracting a mean of many voices removes what every embedding
  shares (microphone, language, the model's own bias), which made short clips of one speaker
  far easier to tell apart (per-clip EER at 1 s 3.1 % -> 2.2 % on the corpus). The mean is
  the archive's own, blended with a fixed mean of many speakers (`background.npy`):
  an archive of one or two voices would otherwise centre on those voices themselves and
  scatter them into noise.
- Clips with at least 1.5 s of speech are clustered first (average linkage: two groups
  merge while the mean similarity over all their cross pairs stays above the threshold; a
  running-mean centroid drifts, an average over pairs does not).
- Shorter clips then join the group they resemble most, only above a threshold that rises as
  the clip gets shorter (short embeddings are noisier: one fixed threshold either splits a
  voice of 1 s clips into dozens or merges strangers). Those that join nothing are grouped
  among themselves with the same length-dependent rule.
- A group of fewer than `MIN_VOICE_CLIPS` clips is no voice: its clips stay unassigned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

LONG_S = 1.5
MIN_VOICE_CLIPS = 3
# Threshold on the average centred cosine between two groups (see `threshold_for`).
# Calibrated on the corpus (LibriSpeech crops; bench/archive_check_bench.py).
LONG_THRESHOLD = 0.22
SHORT_THRESHOLD = 0.30  # for 0.5 s of speech; linear up to LONG_THRESHOLD at LONG_S
# How much of the archive's own mean goes into the centre (the rest: the background mean).
ARCHIVE_WEIGHT = 0.5
# Average linkage holds two n x n float32 matrices: above this many clips (32 MB at 2,000),
# the longest clips are clustered and the others join the voices found, as short clips do.
MAX_LINKAGE = 2000

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Item:
    clip_id: int
    vector: npt.NDArray[np.float32]  # raw 192-d embedding
    speech_s: float


@lru_cache(maxsize=1)
def background_mean() -> Vectors:
    """Mean of length-normalised embeddings of many speakers (see `background.npy`'s
    provenance in `tools/make_voice_background.py`)."""
    loaded: Vectors = np.load(Path(__file__).with_name("background.npy")).astype(np.float32)
    return loaded


def normalise(x: npt.NDArray[np.float32]) -> Vectors:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    out: Vectors = (x / np.maximum(norms, 1e-9)).astype(np.float32)
    return out


def centre_of(unit: Vectors) -> Vectors:
    """The centre subtracted before comparing: archive mean blended with the background."""
    if unit.shape[0] == 0:
        return background_mean()
    archive = unit.mean(axis=0)
    out: Vectors = (ARCHIVE_WEIGHT * archive
                    + (1 - ARCHIVE_WEIGHT) * background_mean()).astype(np.float32)
    return out


def centred(raw: npt.NDArray[np.float32], centre: Vectors) -> Vectors:
    return normalise(normalise(raw) - centre)


def threshold_for(speech_s: float | npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Average-similarity threshold for a group whose clips hold `speech_s` of speech
    (the shorter side of a merge decides)."""
    frac = np.clip((np.asarray(speech_s, dtype=np.float64) - 0.5) / (LONG_S - 0.5), 0, 1)
    return np.asarray(SHORT_THRESHOLD + (LONG_THRESHOLD - SHORT_THRESHOLD) * frac)


def average_linkage(x: Vectors, lengths: npt.NDArray[np.float64],
                    groups: list[list[int]] | None = None) -> list[list[int]]:
    """Agglomerate rows of unit vectors `x` (starting from `groups`, default singletons)
    while the best pair's average cross similarity passes the threshold for the shorter
    of the two groups' mean speech lengths. Returns lists of row indices."""
    members = [list(g) for g in groups] if groups is not None else [[i] for i in range(len(x))]
    k = len(members)
    if k < 2:
        return members
    sums = np.stack([x[m].sum(axis=0) for m in members]).astype(np.float64)
    sizes = np.array([len(m) for m in members], dtype=np.float64)
    mean_len = np.array([lengths[m].mean() for m in members], dtype=np.float64)
    # sim[a, b] = average over pairs = (sum_a . sum_b) / (n_a n_b)
    sim = ((sums @ sums.T) / np.outer(sizes, sizes)).astype(np.float32)
    np.fill_diagonal(sim, -np.inf)
    alive = np.ones(k, dtype=bool)

    def margin_row(i: int) -> npt.NDArray[np.float64]:
        row = sim[i] - threshold_for(np.minimum(mean_len[i], mean_len))
        row[~alive] = -np.inf
        row[i] = -np.inf
        return np.asarray(row)

    margins = np.stack([margin_row(i) for i in range(k)]).astype(np.float32)
    best = margins.max(axis=1)
    best_of = margins.argmax(axis=1)
    while True:
        a = int(np.argmax(np.where(alive, best, -np.inf)))
        if not alive[a] or best[a] < 0:
            break
        b = int(best_of[a])
        # Merge b into a.
        members[a].extend(members[b])
        sums[a] += sums[b]
        mean_len[a] = (mean_len[a] * sizes[a] + mean_len[b] * sizes[b]) / (sizes[a] + sizes[b])
        sizes[a] += sizes[b]
        alive[b] = False
        members[b] = []
        sim[a] = (sums @ sums[a]) / (sizes * sizes[a])
        sim[:, a] = sim[a]
        sim[a, a] = -np.inf
        margins[b] = -np.inf
        margins[:, b] = -np.inf
        margins[a] = margin_row(a)
        margins[:, a] = margins[a]
        best[b] = -np.inf
        # Rows that pointed at a or b must look again; the others only compare with a.
        stale = alive & ((best_of == a) | (best_of == b))
        stale[a] = True
        idx = np.flatnonzero(stale)
        best[idx] = margins[idx].max(axis=1)
        best_of[idx] = margins[idx].argmax(axis=1)
        better = alive & (margins[:, a] > best)
        best[better] = margins[better, a]
        best_of[better] = a
    return [m for m in members if m]


def _attach(x: Vectors, lengths: npt.NDArray[np.float64], voices: list[list[int]],
            rows: npt.NDArray[np.int64]) -> list[int]:
    """Add each of `rows` to the voice it resembles most (average similarity to its clips)
    if that passes its length's threshold; returns the rows that joined none."""
    if not voices or not len(rows):
        return [int(r) for r in rows]
    sums = np.stack([x[g].sum(axis=0) for g in voices])
    sizes = np.array([len(g) for g in voices], dtype=np.float64)
    avg = (x[rows] @ sums.T) / sizes
    best = avg.argmax(axis=1)
    passes = avg[np.arange(len(rows)), best] >= threshold_for(lengths[rows])
    left: list[int] = []
    for row, v, ok in zip(rows, best, passes, strict=True):
        (voices[int(v)].append(int(row)) if ok else left.append(int(row)))
    return left


def _linkage_capped(x: Vectors, lengths: npt.NDArray[np.float64],
                    rows: npt.NDArray[np.int64]) -> tuple[list[list[int]], list[int]]:
    """Average linkage over `rows` (at most MAX_LINKAGE of them, the longest; the rest
    join afterwards). Returns (groups of rows, rows left over)."""
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) > MAX_LINKAGE:
        order = rows[np.argsort(-lengths[rows], kind="stable")]
        core, extra = np.sort(order[:MAX_LINKAGE]), order[MAX_LINKAGE:]
    else:
        core, extra = rows, np.zeros(0, dtype=np.int64)
    groups = [[int(core[i]) for i in g] for g in average_linkage(x[core], lengths[core])]
    left = _attach(x, lengths, groups, extra)
    return groups, left


@dataclass(frozen=True)
class Clustering:
    groups: list[list[int]]  # clip ids per voice, biggest first
    unassigned: list[int]  # clip ids in no voice
    centre: Vectors


def cluster(items: list[Item]) -> Clustering:
    if not items:
        return Clustering([], [], background_mean())
    raw = np.stack([it.vector for it in items]).astype(np.float32)
    unit = normalise(raw)
    centre = centre_of(unit)
    x = normalise(unit - centre)
    lengths = np.array([it.speech_s for it in items], dtype=np.float64)
    long_rows = np.flatnonzero(lengths >= LONG_S)
    short_rows = np.flatnonzero(lengths < LONG_S)
    # 1. Long clips among themselves.
    long_groups, long_left = _linkage_capped(x, lengths, long_rows)
    voices = [g for g in long_groups if len(g) >= MIN_VOICE_CLIPS]
    loose_long = [i for g in long_groups if len(g) < MIN_VOICE_CLIPS for i in g]
    # 2. Short clips join the voice they resemble most, above their length's threshold
    # (voices only: a pair of long clips is no voice yet).
    leftover = _attach(x, lengths, voices, short_rows)
    # 3. What is left (short clips and long clips in tiny groups) groups among itself.
    rest = np.array(sorted(leftover + loose_long + long_left), dtype=np.int64)
    unassigned: list[int] = []
    if len(rest):
        groups, left = _linkage_capped(x, lengths, rest)
        unassigned.extend(left)
        for rows in groups:
            (voices.append(rows) if len(rows) >= MIN_VOICE_CLIPS else unassigned.extend(rows))
    voices.sort(key=len, reverse=True)
    return Clustering([[items[i].clip_id for i in g] for g in voices],
                      sorted(items[i].clip_id for i in unassigned), centre)
