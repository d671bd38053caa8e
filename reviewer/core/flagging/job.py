"""The "flag the library" use case: facts from the store -> scorecards -> saved scores."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from reviewer.core.flagging.scorecard import Scorecard, Weights, score_clips
from reviewer.core.flagging.signals import ClipFacts, build_context
from reviewer.core.store import Clip, ClipStatus, Store, Transcript
from reviewer.core.store.queries import flagged_at


@dataclass
class FlagReport:
    threshold: int
    total: int
    flagged: int
    acted_on: int
    transcribed: int
    weights_source: str


def load_facts(store: Store) -> list[ClipFacts]:
    """Every clip with its newest transcript (any model), in one query."""
    newest = (select(Transcript.clip_id, func.max(Transcript.id).label("tid"))
              .group_by(Transcript.clip_id).subquery())
    stmt = (select(Clip, Transcript)
            .outerjoin(newest, newest.c.clip_id == Clip.id)
            .outerjoin(Transcript, Transcript.id == newest.c.tid)
            .where(Clip.status != ClipStatus.DELETED))  # tombstones are not scored
    facts = []
    with store.session() as s:
        for clip, t in s.execute(stmt):
            levels = (t.audio_levels or {}) if t is not None else {}
            facts.append(ClipFacts(
                clip_id=clip.id, vendor=clip.vendor, recorded_at=clip.recorded_at,
                time_unknown=bool(clip.time_unknown),
                device=clip.device, account=clip.account, duration_s=clip.duration_s,
                vendor_transcript=clip.vendor_transcript, vendor_extra=clip.vendor_extra or {},
                has_audio=clip.audio_path is not None,
                transcript=t.text if t is not None else None,
                transcript_status=t.status if t is not None else None,
                speech_ratio=t.speech_ratio if t is not None else None,
                no_speech_prob=t.no_speech_prob if t is not None else None,
                avg_logprob=t.avg_logprob if t is not None else None,
                compression_ratio=t.compression_ratio if t is not None else None,
                rms_dbfs=levels.get("rms_dbfs"), music_likeness=levels.get("music_likeness"),
                language=t.language if t is not None else None,
                # English-only models report no probability: "en" is assumed, not detected.
                language_detected=t is not None and t.language_prob is not None))
    return facts


def score_all(facts: list[ClipFacts], weights: Weights,
              reason_language: str | None = None) -> list[Scorecard]:
    """Every clip's scorecard; reasons in `reason_language` (None: the library's)."""
    ctx = build_context(facts)
    ctx.reason_language = reason_language
    return score_clips(facts, ctx, weights)


def run_flagging(store: Store, weights: Weights, threshold: int,
                 reason_language: str | None = None) -> FlagReport:
    facts = load_facts(store)
    cards = score_all(facts, weights, reason_language)
    rows = [{"id": c.clip_id, "score": c.score, "flagged": c.flagged(threshold),
             "reasons": c.reasons_json(), "action": c.action, "action_text": c.action_text,
             "dialogue": c.dialogue, "acted_on": c.acted_on(threshold)} for c in cards]
    with store.transaction() as s:
        if rows:
            s.execute(update(Clip), rows)
    return FlagReport(threshold=threshold, total=len(cards),
                      flagged=sum(c.flagged(threshold) for c in cards),
                      acted_on=sum(c.acted_on(threshold) for c in cards),
                      transcribed=sum(f.transcript_status is not None for f in facts),
                      weights_source=weights.source)


def apply_threshold(store: Store, threshold: int) -> int:
    """Re-flag at a new threshold from the stored scores (no signals recomputed)."""
    with store.transaction() as s:
        s.execute(update(Clip).where(Clip.score.is_not(None))
                  .values(flagged=flagged_at(threshold)))
        s.execute(update(Clip).where(Clip.score.is_not(None))
                  .values(acted_on=flagged_at(threshold) & Clip.action.is_not(None)))
        return int(s.scalar(select(func.count()).where(Clip.flagged.is_(True))) or 0)


