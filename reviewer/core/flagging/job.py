"""The "flag the library" use case: facts from the store -> scorecards -> saved scores."""

from __future__ import annotations

from sqlalchemy import func, select, update

from reviewer.core.flagging.incremental import Flagger, FlagReport, read_facts
from reviewer.core.flagging.scorecard import Scorecard, Weights, score_clips
from reviewer.core.flagging.signals import ClipFacts, build_context
from reviewer.core.store import Clip, Store
from reviewer.core.store.queries import flagged_at

__all__ = ["FlagReport", "Flagger", "apply_threshold", "load_facts", "run_flagging",
           "score_all"]


def load_facts(store: Store) -> list[ClipFacts]:
    """Every live clip with its newest transcript (any model), in clip-id order."""
    return read_facts(store)[0]


def score_all(facts: list[ClipFacts], weights: Weights,
              reason_language: str | None = None) -> list[Scorecard]:
    """Every clip's scorecard; reasons in `reason_language` (None: the library's)."""
    ctx = build_context(facts)
    ctx.reason_language = reason_language
    return score_clips(facts, ctx, weights)


def run_flagging(store: Store, weights: Weights, threshold: int,
                 reason_language: str | None = None) -> FlagReport:
    """Judge every clip afresh and save what changed (one full pass)."""
    return Flagger(weights, threshold, reason_language).full(store)


def apply_threshold(store: Store, threshold: int) -> int:
    """Re-flag at a new threshold from the stored scores (no signals recomputed)."""
    with store.transaction() as s:
        s.execute(update(Clip).where(Clip.score.is_not(None))
                  .values(flagged=flagged_at(threshold)))
        s.execute(update(Clip).where(Clip.score.is_not(None))
                  .values(acted_on=flagged_at(threshold) & Clip.action.is_not(None)))
        return int(s.scalar(select(func.count()).where(Clip.flagged.is_(True))) or 0)
