"""Re-flagging while transcripts arrive: score only what the new transcripts can have changed.

A full flagging run reads, judges and writes every clip (on 100,000 clips that is tens of
seconds of Python, which also starves the window's thread of the GIL). While transcription
runs, each batch of results changes the facts of a few clips; a `Flagger` keeps the facts,
the context and the saved scores of the last pass in memory and re-judges only:

- the clips with a new transcript;
- the clips whose context changed with them: the neighbours on the same device (wake-word
  pairs, dialogues, bursts within 5 minutes), the quiet clips when the library's usual
  loudness moved, the clips at an hour that became (or stopped being) unusual, every clip
  when the library's main language changed, and every turn of an affected dialogue.

The context itself is kept up to date piece by piece, from per-clip traits computed once per
fact change. `build_context` stays the definition: tests check that after any sequence of
updates the context and the scores equal a full run's.

Long loops call `pause` every few milliseconds of work: a short sleep, so a thread running a
pass lets the window's thread take the GIL at once instead of waiting for its switch interval
at every call into Python (the convoy that froze the window for seconds).
"""

from __future__ import annotations

import bisect
import contextlib
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update

from reviewer.core.flagging import is_acted_on, is_flagged, languages, words
from reviewer.core.flagging.actions import asked_question
from reviewer.core.flagging.scorecard import Scorecard, Weights, score_some
from reviewer.core.flagging.signals import (
    BURST_WINDOW,
    DIALOGUE_GAP_S,
    PAIR_WINDOW_S,
    ClipFacts,
    Context,
    _bursts,
    _is_request,
    _is_wake_only,
    _lex,
    _local_hour,
    _stream_key,
    _timed,
)
from reviewer.core.progress import Cancelled, CancelToken
from reviewer.core.store import Clip, ClipStatus, Store, Transcript
from reviewer.core.store.queries import CHUNK, chunked

# Work between two pauses, and the pause itself (seconds).
WORK_SLICE_S = 0.002
PAUSE_S = 0.0005


class Pacer:
    """Sleeps a moment after every WORK_SLICE_S of work (see the module's docstring)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.last = time.perf_counter()

    def __call__(self) -> None:
        if self.enabled and time.perf_counter() - self.last >= WORK_SLICE_S:
            time.sleep(PAUSE_S)
            self.last = time.perf_counter()


@dataclass(frozen=True)
class FlagReport:
    threshold: int
    total: int
    flagged: int
    acted_on: int
    transcribed: int
    weights_source: str
    rescored: int = 0  # clips judged again by this pass
    written: int = 0  # clips whose saved score, reasons or flag changed
    full: bool = True  # every clip judged (False: only what new transcripts touched)


@dataclass(frozen=True)
class _Traits:
    """What the context needs of one clip, computed once per change of its facts."""

    wake_only: bool
    request: bool
    wake_start: bool  # the local transcript starts with a wake word
    question: bool  # the device's reply asked something
    level: float | None  # loudness, counted in the usual level (done transcripts only)
    vote: str | None  # the language it votes for as the library's main language


def _quiet_entry(f: ClipFacts) -> tuple[float, int] | None:
    """The clip's place among those `audio_signals` can call quiet."""
    if f.rms_dbfs is None or f.transcript_status not in ("done", "no_speech"):
        return None
    return (f.rms_dbfs, f.clip_id)


def _traits(f: ClipFacts) -> _Traits:
    wake_start = bool(f.transcript) and words.starts_with_wake_word(
        f.transcript or "", lex=_lex(f)) is not None
    if f.language_detected and f.language:
        vote: str | None = f.language
    else:
        vote = languages.language_of_label(f.vendor_transcript)
    return _Traits(
        wake_only=_is_wake_only(f), request=_is_request(f), wake_start=wake_start,
        question=asked_question(f.vendor_extra) is not None,
        level=f.rms_dbfs if f.rms_dbfs is not None and f.transcript_status == "done" else None,
        vote=vote)


# What a pass saves per clip, in this order (see `_saved`).
_SAVED = ("score", "flagged", "reasons", "action", "action_text", "dialogue", "acted_on")


def _saved(card: Scorecard, threshold: int) -> tuple[Any, ...]:
    return (card.score, card.flagged(threshold), card.reasons_json(), card.action,
            card.action_text, card.dialogue, card.acted_on(threshold))


def saved_values(card: Scorecard, facts: ClipFacts, threshold: int) -> tuple[Any, ...]:
    """What a pass saves for one clip (in `_SAVED` order). A clip nobody has heard yet
    (ClipFacts.unheard) on which nothing else stood out gets no score, flag or reasons: a
    0 from its time and length alone would read "nothing stood out" before anything was
    looked at. What the export does say (the wake word alone, an action, a burst) still
    scores it; what the vendor's record says the device did is kept either way."""
    if facts.unheard and card.score == 0:
        return (None, None, [], card.action, card.action_text, card.dialogue, None)
    return _saved(card, threshold)


class _Stream:
    """One device's timed clips in time order (ties in clip-id order, as `build_context`)."""

    def __init__(self, facts: list[ClipFacts]) -> None:
        facts = sorted(facts, key=lambda f: f.recorded_at)
        self.ids = [f.clip_id for f in facts]
        self.times = [f.recorded_at for f in facts]
        self.ends = [f.recorded_at + timedelta(seconds=f.duration_s or 0) for f in facts]

    def span(self, lo: Any, hi: Any) -> range:
        return range(bisect.bisect_left(self.times, lo), bisect.bisect_right(self.times, hi))


class Flagger:
    """The flagging state of one library between passes (see the module's docstring).

    Not thread-safe: one pass at a time (the library's job queue runs one flagging job)."""

    def __init__(self, weights: Weights, threshold: int, reason_language: str | None = None,
                 pause: Callable[[], None] | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.reason_language = reason_language  # see Context.reason_language
        self.pause = pause or Pacer()
        self.cancel: CancelToken | None = None  # the running pass's (see `full`)
        self.facts: dict[int, ClipFacts] = {}
        self.traits: dict[int, _Traits] = {}
        self.saved: dict[int, tuple[Any, ...]] = {}
        self.ctx = Context(None, {}, {}, {}, set(), reason_language=reason_language)
        self.streams: dict[tuple[str, str], _Stream] = {}
        self.where: dict[int, tuple[_Stream, int]] = {}
        self.levels: list[float] = []
        # (loudness, clip) of the clips that can be "quieter than usual", quietest first
        self.quiet_pool: list[tuple[float, int]] = []
        self.counts = Counter[str]()  # flagged, acted_on, transcribed
        self.hours = [0] * 24
        self.intended = 0
        self.by_hour: dict[int, list[int]] = {h: [] for h in range(24)}
        self.hour_of: dict[int, int] = {}
        self.quiet_hours: set[int] = set()
        self.votes: Counter[str] = Counter()
        self.transcript_mark = 0
        self.clip_mark: tuple[int, int] = (0, 0)
        self.ready = False

    # --- passes -------------------------------------------------------------------------------

    def full(self, store: Store, cancel: CancelToken | None = None) -> FlagReport:
        """Judge every clip afresh and save what changed.

        `cancel` is checked between small steps: a cancelled pass raises `Cancelled` having
        saved whole chunks only (each clip holds its old result or its new one), and the
        next pass is a full one."""
        with self._cancellable(cancel):
            return self._full(store)

    def _full(self, store: Store) -> FlagReport:
        self.transcript_mark = _max_transcript_id(store)
        self.clip_mark = _clip_mark(store)
        facts, stored = read_facts(store, pause=self._step)
        self._rebuild(facts)
        self.saved = stored
        self.counts["flagged"] = self.counts["acted_on"] = 0
        for v in stored.values():
            self.counts["flagged"] += bool(v[1])
            self.counts["acted_on"] += bool(v[6])
        ids = list(self.facts)
        written = self._rescore(store, ids)
        self.ready = True
        return self._report(len(ids), written, full=True)

    def update(self, store: Store, cancel: CancelToken | None = None) -> FlagReport:
        """Judge again what the transcripts saved since the last pass can have changed; a full
        pass when this is the first one, or clips were added or deleted meanwhile. `cancel`
        as in `full`."""
        with self._cancellable(cancel):
            return self._update(store)

    @contextlib.contextmanager
    def _cancellable(self, cancel: CancelToken | None) -> Iterator[None]:
        self.cancel = cancel
        try:
            yield
        except Cancelled:
            self.ready = False  # the state is half new: the next pass starts over
            raise
        finally:
            self.cancel = None

    def _step(self) -> None:
        """Between small pieces of work: yield the CPU a moment, stop if asked to."""
        self.pause()
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()

    def _update(self, store: Store) -> FlagReport:
        if not self.ready or _clip_mark(store) != self.clip_mark:
            return self._full(store)
        with store.session() as s:
            rows = s.execute(select(Transcript.id, Transcript.clip_id)
                             .where(Transcript.id > self.transcript_mark)).all()
        if not rows:
            return self._report(0, 0, full=False)
        self.transcript_mark = max(r[0] for r in rows)
        changed = sorted({r[1] for r in rows} & self.facts.keys())
        new_facts, _ = read_facts(store, changed, pause=self._step)
        for f in new_facts:
            old = self.facts[f.clip_id]
            if (old.recorded_at, old.duration_s, _stream_key(old), _timed(old)) != \
                    (f.recorded_at, f.duration_s, _stream_key(f), _timed(f)):
                return self._full(store)  # not a transcript's change: start over
        rescore = self._apply(new_facts)
        written = self._rescore(store, sorted(rescore))
        return self._report(len(rescore), written, full=False)

    def set_threshold(self, threshold: int) -> None:
        """The stored flags were re-applied at `threshold` (see `apply_threshold`)."""
        self.threshold = threshold
        self.saved = {cid: v if v[0] is None else (
            v[0], is_flagged(v[0], threshold), *v[2:6], is_acted_on(v[0], v[3], threshold))
            for cid, v in self.saved.items()}
        self.counts["flagged"] = sum(1 for v in self.saved.values() if v[1])
        self.counts["acted_on"] = sum(1 for v in self.saved.values() if v[6])

    # --- the context, built and kept -----------------------------------------------------------

    def _rebuild(self, facts: list[ClipFacts]) -> None:
        self.facts = {f.clip_id: f for f in facts}
        self.traits = {}
        for f in facts:
            self.traits[f.clip_id] = _traits(f)
            self._step()
        grouped: dict[tuple[str, str], list[ClipFacts]] = {}
        for f in facts:
            if _timed(f):
                grouped.setdefault(_stream_key(f), []).append(f)
        self.streams = {k: _Stream(v) for k, v in grouped.items()}
        self.where = {}
        for stream in self.streams.values():
            for i, cid in enumerate(stream.ids):
                self.where[cid] = (stream, i)
        self.levels = sorted(t.level for t in self.traits.values() if t.level is not None)
        self.quiet_pool = sorted(p for p in map(_quiet_entry, facts) if p is not None)
        self.counts = Counter(transcribed=sum(f.transcript_status is not None for f in facts))
        self.votes = Counter(t.vote for t in self.traits.values() if t.vote is not None)
        self.hours = [0] * 24
        self.by_hour = {h: [] for h in range(24)}
        self.hour_of = {}
        self.intended = 0
        for cid in self.where:
            hour = _local_hour(self.facts[cid])
            self.hour_of[cid] = hour
            self.by_hour[hour].append(cid)
            if self.traits[cid].wake_start:
                self.hours[hour] += 1
                self.intended += 1
            self._step()
        self.ctx = Context(self._median(), {}, {}, {}, set(), self._main_language(),
                           reason_language=self.reason_language)
        for stream in self.streams.values():
            for k in range(len(stream.ids) - 1):
                self._pair(stream, k)
                self._step()
            self._dialogue_region(stream, 0, len(stream.ids) - 1)
            if stream.ids:
                self._bursts_around(stream, stream.times[0], stream.times[-1])
        self.quiet_hours = self._quiet_hours()
        self.ctx.unusual_hour = {cid for h in self.quiet_hours for cid in self.by_hour[h]}

    def _apply(self, new_facts: list[ClipFacts]) -> set[int]:
        """Take in changed facts; the ids of every clip to judge again."""
        ctx = self.ctx
        old_median, old_language = ctx.median_rms, ctx.main_language
        touched: set[int] = set()
        for f in new_facts:
            cid = f.clip_id
            old = self.traits[cid]
            new = _traits(f)
            old_entry, new_entry = _quiet_entry(self.facts[cid]), _quiet_entry(f)
            if old_entry is not None:
                del self.quiet_pool[bisect.bisect_left(self.quiet_pool, old_entry)]
            if new_entry is not None:
                bisect.insort(self.quiet_pool, new_entry)
            self.counts["transcribed"] += ((f.transcript_status is not None)
                                           - (self.facts[cid].transcript_status is not None))
            self.facts[cid], self.traits[cid] = f, new
            touched.add(cid)
            if old.level is not None:
                del self.levels[bisect.bisect_left(self.levels, old.level)]
            if new.level is not None:
                bisect.insort(self.levels, new.level)
            if old.vote is not None:
                self.votes[old.vote] -= 1
                if not self.votes[old.vote]:
                    del self.votes[old.vote]
            if new.vote is not None:
                self.votes[new.vote] += 1
            if cid in self.hour_of and old.wake_start != new.wake_start:
                step = 1 if new.wake_start else -1
                self.hours[self.hour_of[cid]] += step
                self.intended += step
        rescore = set(touched)
        ctx.median_rms = self._median()
        ctx.main_language = self._main_language()
        if ctx.main_language != old_language:
            rescore.update(self.facts)  # every reason is written in the main language
        if ctx.median_rms != old_median:
            rescore.update(self._quiet_clips(old_median, ctx.median_rms))
        quiet = self._quiet_hours()
        if quiet != self.quiet_hours:
            for h in quiet ^ self.quiet_hours:
                rescore.update(self.by_hour[h])
            self.quiet_hours = quiet
            ctx.unusual_hour = {cid for h in quiet for cid in self.by_hour[h]}
        # Pairs and dialogues change next to a changed clip; bursts within a window of any
        # clip whose being "addressed" (or a later turn) may have changed with them.
        moved: set[int] = set()
        places = [self.where[cid] for cid in touched if cid in self.where]
        for stream, i in places:
            for k in (i - 1, i):
                if 0 <= k < len(stream.ids) - 1:
                    rescore.update(self._pair(stream, k))
                    moved.update(stream.ids[k:k + 2])
        for stream, i in places:
            region = self._dialogue_region(stream, max(i - 1, 0), i)
            rescore.update(region)
            moved.update(region)
        for cid in moved:
            stream, i = self.where[cid]
            rescore.update(self._bursts_around(stream, stream.times[i], stream.times[i]))
        # A dialogue is judged as one: all its turns, by the old grouping and the new.
        for cid in list(rescore):
            d = ctx.dialogue_of.get(cid)
            if d is not None:
                rescore.update(ctx.dialogues.get(d, ()))
        return rescore

    def _median(self) -> float | None:
        return statistics.median(self.levels) if len(self.levels) >= 5 else None

    def _main_language(self) -> str:
        if not self.votes:
            return "en"
        top = max(self.votes.values())
        best = [lang for lang, n in self.votes.items() if n == top]
        if len(best) == 1:
            return best[0]
        # A tie goes to the language voted first in clip order, as Counter.most_common does
        # on the votes counted in that order.
        for cid in self.facts:
            vote = self.traits[cid].vote
            if vote in best:
                return vote
        return best[0]

    def _quiet_hours(self) -> set[int]:
        if self.intended < 20:
            return set()
        h = self.hours
        return {x for x in range(24) if h[x] + h[(x - 1) % 24] + h[(x + 1) % 24] == 0}

    def _quiet_clips(self, old: float | None, new: float | None) -> set[int]:
        """Clips whose "quieter than usual" reason may differ between two usual levels."""
        limit = max(m for m in (old, new) if m is not None) - 12
        end = bisect.bisect_left(self.quiet_pool, (limit, -1))
        return {cid for _level, cid in self.quiet_pool[:end]}

    def _pair(self, stream: _Stream, k: int) -> set[int]:
        """Whether clips k and k+1 of a stream are a wake word and its request (`_pairs`);
        the clips whose part in a pair changed."""
        a, b = stream.ids[k], stream.ids[k + 1]
        followed, follows = self.ctx.followed_by_request, self.ctx.follows_wake_word
        before = (followed.pop(a, None), follows.pop(b, None))
        gap = (stream.times[k + 1] - stream.ends[k]).total_seconds()
        if -1.0 <= gap <= PAIR_WINDOW_S and self.traits[a].wake_only and \
                self.traits[b].request:
            followed[a] = follows[b] = max(gap, 0.0)
        return {cid for cid, old, new in ((a, before[0], followed.get(a)),
                                          (b, before[1], follows.get(b))) if old != new}

    def _linked(self, stream: _Stream, k: int) -> bool:
        """Clip k+1 answers the question of clip k (`_dialogues`)."""
        a, b = stream.ids[k], stream.ids[k + 1]
        if self.traits[b].wake_only or not self.traits[a].question:
            return False
        return -1.0 <= (stream.times[k + 1] - stream.ends[k]).total_seconds() <= DIALOGUE_GAP_S

    def _dialogue_region(self, stream: _Stream, lo: int, hi: int) -> set[int]:
        """Rebuild the dialogues through clips lo..hi of a stream (every chain reaching into
        it, whole); the ids of their clips, as they were and as they are."""
        n = len(stream.ids)
        if n < 2:
            return set()
        left, right = max(min(lo, n - 2), 0), min(hi, n - 2)
        while left > 0 and self._linked(stream, left - 1):
            left -= 1
        while right < n - 2 and self._linked(stream, right + 1):
            right += 1
        ctx = self.ctx
        region = stream.ids[left:right + 2]
        touched = set(region)
        for cid in region:
            first = ctx.dialogue_of.pop(cid, None)
            if first is not None:
                touched.update(ctx.dialogues.pop(first, ()))
        for k in range(left, right + 1):
            if self._linked(stream, k):
                a, b = stream.ids[k], stream.ids[k + 1]
                first = ctx.dialogue_of.setdefault(a, a)
                ctx.dialogues.setdefault(first, [a]).append(b)
                ctx.dialogue_of[b] = first
            self._step()
        return touched

    def _bursts_around(self, stream: _Stream, lo: Any, hi: Any) -> set[int]:
        """Burst sizes of the stream's clips within one burst window of times lo..hi (what a
        change of the clips there can reach), which need the clips within two windows: a
        window ending up to one window later counts back one more. The clips whose size
        changed."""
        ctx = self.ctx
        span = stream.span(lo - 2 * BURST_WINDOW, hi + 2 * BURST_WINDOW)
        counted = [self.facts[stream.ids[j]] for j in span
                   if not self._addressed(stream.ids[j])
                   and ctx.dialogue_of.get(stream.ids[j], stream.ids[j]) == stream.ids[j]]
        sizes: dict[int, int] = {}
        _bursts(counted, sizes)
        changed = set()
        for j in stream.span(lo - BURST_WINDOW, hi + BURST_WINDOW):
            cid = stream.ids[j]
            old = ctx.burst_size.pop(cid, None)
            if cid in sizes:
                ctx.burst_size[cid] = sizes[cid]
            if old != sizes.get(cid):
                changed.add(cid)
        self._step()
        return changed

    def _addressed(self, cid: int) -> bool:
        ctx = self.ctx
        if cid in ctx.followed_by_request or cid in ctx.follows_wake_word:
            return True
        return self.facts[cid].transcript_status == "done" and self.traits[cid].wake_start

    # --- judging and saving --------------------------------------------------------------------

    def _rescore(self, store: Store, ids: Sequence[int]) -> int:
        """Judge `ids` again and save those whose result changed; how many were saved."""
        changed: list[dict[str, Any]] = []
        for chunk in chunked(ids, 64):
            cards = score_some(self.facts, self.ctx, self.weights, chunk)
            for cid in chunk:
                values = saved_values(cards[cid], self.facts[cid], self.threshold)
                old = self.saved.get(cid)
                if old != values:
                    self.counts["flagged"] += bool(values[1]) - bool(old and old[1])
                    self.counts["acted_on"] += bool(values[6]) - bool(old and old[6])
                    self.saved[cid] = values
                    changed.append({"id": cid, **dict(zip(_SAVED, values, strict=True))})
            self._step()
        for rows in chunked(changed, 500):
            with store.transaction() as s:
                s.execute(update(Clip), rows)
            self._step()
        return len(changed)

    def _report(self, rescored: int, written: int, full: bool) -> FlagReport:
        return FlagReport(
            threshold=self.threshold, total=len(self.facts), flagged=self.counts["flagged"],
            acted_on=self.counts["acted_on"], transcribed=self.counts["transcribed"],
            weights_source=self.weights.source, rescored=rescored, written=written, full=full)


# --- reading the store ---------------------------------------------------------------------------

_FACT_COLUMNS = (Clip.id, Clip.vendor, Clip.recorded_at, Clip.time_unknown, Clip.device,
                 Clip.account, Clip.duration_s, Clip.vendor_transcript, Clip.vendor_extra,
                 Clip.audio_path)
_TRANSCRIPT_COLUMNS = (Transcript.text, Transcript.status, Transcript.speech_ratio,
                       Transcript.no_speech_prob, Transcript.avg_logprob,
                       Transcript.compression_ratio, Transcript.audio_levels,
                       Transcript.language, Transcript.language_prob)
_STORED_COLUMNS = tuple(getattr(Clip, name) for name in _SAVED)


def read_facts(store: Store, clip_ids: Sequence[int] | None = None,
               pause: Callable[[], None] | None = None
               ) -> tuple[list[ClipFacts], dict[int, tuple[Any, ...]]]:
    """Clips (all live ones, or `clip_ids`) in id order with their newest transcript (any
    model), and what the last pass saved for each."""
    if clip_ids is not None and len(clip_ids) > CHUNK:
        # Each id is bound twice below: tens of thousands of new transcripts since the last
        # pass (a long scan) passed SQLite's bound-variable limit in one statement.
        all_facts: list[ClipFacts] = []
        all_stored: dict[int, tuple[Any, ...]] = {}
        for chunk in chunked(sorted(clip_ids)):
            part, saved = read_facts(store, chunk, pause)
            all_facts.extend(part)
            all_stored.update(saved)
        return all_facts, all_stored
    newest = (select(Transcript.clip_id, func.max(Transcript.id).label("tid"))
              .group_by(Transcript.clip_id))
    if clip_ids is not None:
        newest = newest.where(Transcript.clip_id.in_(clip_ids))
    sub = newest.subquery()
    stmt = (select(*_FACT_COLUMNS, *_TRANSCRIPT_COLUMNS, *_STORED_COLUMNS, Clip.status)
            .outerjoin(sub, sub.c.clip_id == Clip.id)
            .outerjoin(Transcript, Transcript.id == sub.c.tid)
            .where(Clip.status != ClipStatus.DELETED)  # tombstones are not scored
            .order_by(Clip.id))
    if clip_ids is not None:
        stmt = stmt.where(Clip.id.in_(clip_ids))
    facts: list[ClipFacts] = []
    stored: dict[int, tuple[Any, ...]] = {}
    with store.session() as s:
        for row in s.execute(stmt).yield_per(2000):
            (cid, vendor, recorded_at, time_unknown, device, account, duration, said, extra,
             audio_path, text, status, speech, no_speech, logprob, compression, levels,
             language, language_prob) = row[:19]
            levels = levels or {}
            has_t = status is not None
            facts.append(ClipFacts(
                clip_id=cid, vendor=vendor, recorded_at=recorded_at,
                time_unknown=bool(time_unknown), device=device, account=account,
                duration_s=duration, vendor_transcript=said, vendor_extra=extra or {},
                has_audio=audio_path is not None,
                transcript=text if has_t else None, transcript_status=status,
                speech_ratio=speech, no_speech_prob=no_speech, avg_logprob=logprob,
                compression_ratio=compression, rms_dbfs=levels.get("rms_dbfs"),
                music_likeness=levels.get("music_likeness"), language=language,
                # English-only models report no probability: "en" is assumed, not detected.
                language_detected=has_t and language_prob is not None,
                awaiting_transcript=(not has_t and audio_path is not None
                                     and row[-1] == ClipStatus.READY)))
            stored[cid] = tuple(row[19:-1])
            if pause is not None:
                pause()
    return facts, stored


def _max_transcript_id(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.max(Transcript.id))) or 0)


def _clip_mark(store: Store) -> tuple[int, int]:
    """How many live clips there are and the newest one's id: a change means an import or a
    delete happened since the last pass."""
    with store.session() as s:
        row = s.execute(select(func.count(Clip.id), func.max(Clip.id))
                        .where(Clip.status != ClipStatus.DELETED)).one()
        return int(row[0] or 0), int(row[1] or 0)
