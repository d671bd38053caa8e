"""Which clips look accidental, and why: signals -> scorecard -> score + reasons."""

from __future__ import annotations


def is_flagged(score: int | None, threshold: int) -> bool:
    """The one meaning of "flagged": scored at least the threshold in force. The stored
    `flagged` column is this at the threshold of the last flagging run; anything that follows
    the live slider (table, detail badge, counts) asks this instead."""
    return score is not None and score >= threshold


def is_acted_on(score: int | None, action: str | None, threshold: int) -> bool:
    """Flagged, and the device did something with it."""
    return action is not None and is_flagged(score, threshold)
