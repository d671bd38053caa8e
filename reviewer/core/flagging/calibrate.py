"""Learning from the user's decisions: refit the rule weights by logistic regression.

Each decided clip is a row of 0/1 features (which rules fired for it) and a label
(accidental = 1, keep = 0). A logistic regression, fitted with plain numpy gradient descent,
gives a weight per rule and an intercept; dividing by the intercept turns them back into
points against the usual threshold of 50, so the result still reads as "+N points because…".
Precision and recall are measured before and after on a held-out share of the decisions the
fit never saw, and the new weights are only kept when they are not worse there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from reviewer.core.flagging.scorecard import REASON_TEXT, Weights
from reviewer.core.messages import Msg

MIN_DECISIONS = 30
MIN_PER_CLASS = 8
HOLDOUT_SHARE = 0.3
THRESHOLD = 50
INTERCEPT_PRIOR = -2.0  # log-odds: about one unremarkable clip in eight is accidental


class CalibrationError(Exception):
    """Not enough (or not varied enough) decisions; the message says what is missing."""


@dataclass(frozen=True)
class Example:
    clip_id: int
    codes: frozenset[str]
    accidental: bool


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    f1: float
    n: int


@dataclass(frozen=True)
class Calibration:
    weights: Weights
    before: Quality
    after: Quality
    train_size: int
    holdout_size: int

    @property
    def improved(self) -> bool:
        return self.after.f1 >= self.before.f1


def _in_holdout(clip_id: int) -> bool:
    """A stable split: the same clip is always on the same side, run after run."""
    digest = hashlib.sha256(f"holdout:{clip_id}".encode()).digest()
    return digest[0] / 256 < HOLDOUT_SHARE


def quality(examples: Sequence[Example], weights: Weights, threshold: int) -> Quality:
    tp = fp = fn = 0
    for ex in examples:
        predicted = score(ex.codes, weights) >= threshold
        tp += predicted and ex.accidental
        fp += predicted and not ex.accidental
        fn += (not predicted) and ex.accidental
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(precision, recall, f1, len(examples))


def score(codes: frozenset[str], weights: Weights) -> int:
    return max(0, min(100, round(sum(weights.rules.get(c, 0.0) for c in codes))))


def calibrate(examples: Sequence[Example], current: Weights, threshold: int) -> Calibration:
    _check_enough(examples)
    train = [e for e in examples if not _in_holdout(e.clip_id)]
    holdout = [e for e in examples if _in_holdout(e.clip_id)]
    if not holdout or not any(e.accidental for e in train) or all(e.accidental for e in train):
        raise CalibrationError(Msg("the decisions do not split into a usable training and "
                                   "test set yet; decide a few more clips of both kinds"))
    codes = sorted(set(REASON_TEXT))
    x = _matrix(train, codes)
    y = np.array([1.0 if e.accidental else 0.0 for e in train])
    w, b = _fit(x, y)
    if b >= -1e-3:
        raise CalibrationError(Msg("most clips you decided were accidental even when "
                                   "nothing pointed to it; decide some clips you want to "
                                   "keep"))
    scale = THRESHOLD / -b
    rules = dict(current.rules)
    for code, wi in zip(codes, w, strict=True):
        if x[:, codes.index(code)].any():  # only rules the decisions say something about
            rules[code] = float(round(wi * scale))
    fitted = Weights(rules=rules, presets=current.presets, threshold=THRESHOLD,
                     source="calibrated from your decisions")
    return Calibration(weights=fitted, before=quality(holdout, current, threshold),
                       after=quality(holdout, fitted, THRESHOLD), train_size=len(train),
                       holdout_size=len(holdout))


def _check_enough(examples: Sequence[Example]) -> None:
    accidental = sum(e.accidental for e in examples)
    keep = len(examples) - accidental
    if len(examples) < MIN_DECISIONS or accidental < MIN_PER_CLASS or keep < MIN_PER_CLASS:
        raise CalibrationError(Msg(
            "calibration needs at least {n} decided clips with at least {each} of each kind; "
            "you have {accidental} accidental and {keep} kept", n=MIN_DECISIONS,
            each=MIN_PER_CLASS, accidental=accidental, keep=keep))


def _matrix(examples: Sequence[Example], codes: list[str]) -> npt.NDArray[np.float64]:
    x = np.zeros((len(examples), len(codes)))
    for i, e in enumerate(examples):
        for code in e.codes:
            if code in codes:
                x[i, codes.index(code)] = 1.0
    return x


def _fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 0.05,
         steps: int = 4000, rate: float = 0.5) -> tuple[npt.NDArray[np.float64], float]:
    """Logistic regression by gradient descent; L2 keeps rare rules from running wild."""
    w = np.zeros(x.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        err = p - y
        w -= rate * ((x.T @ err) / n + l2 * w)
        # The intercept is pulled gently towards "an unremarkable clip is intended": when
        # some rule fires on every clip (without audio, every record's transcript reads as a
        # request or not), the data alone cannot place it.
        b -= rate * (float(err.mean()) + l2 * (b - INTERCEPT_PRIOR))
    return w, b
