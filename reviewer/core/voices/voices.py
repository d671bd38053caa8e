"""Voices in the library: cluster the stored embeddings, keep names across re-clustering,
list voices with their facts, name them, enrol the user's own voice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, select, update

from reviewer.core.messages import Msg
from reviewer.core.store import Clip, ClipStatus, Store
from reviewer.core.store.queries import chunked
from reviewer.core.store.voice_tables import ClipEmbedding, EmbeddingStatus, Voice, VoiceLabel
from reviewer.core.voices.clusters import Clustering, Item, cluster, normalise

LABELS = tuple(v.value for v in VoiceLabel)
# Labels that say "this voice belongs here" (a guest or the TV is not a stranger's archive).
CLAIMED = (VoiceLabel.ME, VoiceLabel.HOUSEHOLD, VoiceLabel.GUEST)
MIN_ENROL_CLIPS = 3
EXAMPLES = 3


class VoiceError(Exception):
    """A voices request that cannot be done; the message is for the user."""


def to_vector(blob: bytes) -> npt.NDArray[np.float32]:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def to_blob(vector: npt.NDArray[np.float32]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def load_items(store: Store) -> list[Item]:
    """Every live clip's embedding."""
    with store.session() as s:
        rows = s.execute(
            select(ClipEmbedding.clip_id, ClipEmbedding.vector, ClipEmbedding.speech_s)
            .join(Clip, Clip.id == ClipEmbedding.clip_id)
            .where(ClipEmbedding.status == EmbeddingStatus.DONE,
                   Clip.status != ClipStatus.DELETED)
            .order_by(ClipEmbedding.clip_id)).all()
    return [Item(cid, to_vector(vec), float(speech)) for cid, vec, speech in rows
            if vec is not None]


def recluster(store: Store) -> Clustering:
    """Cluster every embedding again and save the voices, keeping each voice's id and label
    when most of its clips stay together."""
    items = load_items(store)
    result = cluster(items)
    by_id = {it.clip_id: it for it in items}
    with store.transaction() as s:
        previous = {cid: vid for cid, vid in s.execute(
            select(ClipEmbedding.clip_id, ClipEmbedding.voice_id)) if vid is not None}
        old_voices = {v.id: v for v in s.scalars(select(Voice).where(Voice.kind == "cluster"))}
        taken_groups = carry_over(previous, result.groups, set(old_voices))
        taken_voices = set(taken_groups.values())
        s.execute(update(ClipEmbedding).values(voice_id=None))
        for gi, group in enumerate(result.groups):
            centroid = normalise(np.stack([by_id[c].vector for c in group])).mean(axis=0)
            short = sum(1 for c in group if by_id[c].speech_s < 1.5)
            if gi in taken_groups:
                voice = old_voices[taken_groups[gi]]
                voice.centroid, voice.clip_count = to_blob(centroid), len(group)
                voice.details = {"short_clips": short}
            else:
                voice = Voice(kind="cluster", centroid=to_blob(centroid), clip_count=len(group),
                              details={"short_clips": short})
                s.add(voice)
                s.flush()
            for start in range(0, len(group), 500):
                s.execute(update(ClipEmbedding)
                          .where(ClipEmbedding.clip_id.in_(group[start:start + 500]))
                          .values(voice_id=voice.id))
        for vid, voice in old_voices.items():
            if vid in taken_voices:
                continue
            if voice.label is None:
                s.delete(voice)
            else:  # a named voice with no clips now stays as a reference of who is who
                voice.clip_count = 0
    return result


def carry_over(previous: dict[int, int], groups: list[list[int]],
               known: set[int]) -> dict[int, int]:
    """Which new group keeps which old voice id (and so its label): the biggest overlaps
    first, each id to one group at most, and only when more than half of the smaller side
    is shared."""
    old_sizes = Counter(previous.values())
    candidates = []
    for gi, group in enumerate(groups):
        overlap = Counter(previous[c] for c in group if c in previous)
        for vid, n in overlap.items():
            if vid in known and n * 2 > min(len(group), old_sizes[vid]):
                candidates.append((n, gi, vid))
    taken: dict[int, int] = {}
    for _n, gi, vid in sorted(candidates, reverse=True):
        if gi not in taken and vid not in taken.values():
            taken[gi] = vid
    return taken


@dataclass(frozen=True)
class ExampleClip:
    clip_id: int
    recorded_at: datetime
    speech_s: float
    transcript: str | None


@dataclass(frozen=True)
class VoiceInfo:
    id: int
    label: str | None
    kind: str
    clips: int
    short_clips: int
    first: datetime | None
    last: datetime | None
    devices: tuple[str, ...]
    imports: tuple[int, ...]
    examples: tuple[ExampleClip, ...]

    @property
    def claimed(self) -> bool:
        return self.label in CLAIMED


@dataclass(frozen=True)
class VoicesSummary:
    voices: tuple[VoiceInfo, ...]
    embedded: int
    too_short: int
    no_speech: int
    errors: int
    unassigned: int
    pending: int  # clips with audio not embedded yet
    enrolled: bool


def list_voices(store: Store) -> VoicesSummary:
    with store.session() as s:
        voices = list(s.scalars(select(Voice).order_by(Voice.clip_count.desc(), Voice.id)))
        rows = s.execute(
            select(ClipEmbedding.voice_id, ClipEmbedding.speech_s, Clip.id, Clip.recorded_at,
                   Clip.device, Clip.import_id, Clip.transcript, Clip.vendor_transcript)
            .join(Clip, Clip.id == ClipEmbedding.clip_id)
            .where(ClipEmbedding.voice_id.is_not(None), Clip.status != ClipStatus.DELETED)
            .order_by(ClipEmbedding.speech_s.desc(), Clip.id)).all()
        statuses = Counter(s.scalars(
            select(ClipEmbedding.status).join(Clip, Clip.id == ClipEmbedding.clip_id)
            .where(Clip.status != ClipStatus.DELETED)))
        assigned = len(rows)
        from reviewer.core.voices.job import pending_clips

    members: dict[int, list[tuple[float, int, datetime, str | None, int, str | None]]] = {}
    for vid, speech, cid, at, device, import_id, transcript, vendor_text in rows:
        if vid is None:
            continue
        members.setdefault(vid, []).append(
            (speech, cid, at, device, import_id, transcript or vendor_text))
    infos = []
    for v in voices:
        m = members.get(v.id, [])
        if v.kind == "cluster" and not m and v.label is None:
            continue
        times = [r[2] for r in m]
        infos.append(VoiceInfo(
            id=v.id, label=v.label, kind=v.kind, clips=len(m),
            short_clips=sum(1 for r in m if r[0] < 1.5),
            first=min(times) if times else None, last=max(times) if times else None,
            devices=tuple(sorted({r[3] for r in m if r[3]})),
            imports=tuple(sorted({r[4] for r in m})),
            # The longest clips are the easiest to recognise (rows come longest first).
            examples=tuple(ExampleClip(r[1], r[2], r[0], r[5]) for r in m[:EXAMPLES])))
    return VoicesSummary(
        voices=tuple(infos), embedded=statuses.get(EmbeddingStatus.DONE, 0),
        too_short=statuses.get(EmbeddingStatus.TOO_SHORT, 0),
        no_speech=statuses.get(EmbeddingStatus.NO_SPEECH, 0),
        errors=statuses.get(EmbeddingStatus.ERROR, 0),
        unassigned=statuses.get(EmbeddingStatus.DONE, 0) - assigned,
        pending=len(pending_clips(store)),
        enrolled=any(v.kind == "enrolled" for v in voices))


def parse_label(label: str) -> VoiceLabel | None:
    """"me", "household", "guest", "not-ours" (or "tv"); "none"/"" clears."""
    key = label.strip().lower().replace("-", "_").replace(" ", "_")
    if key in ("", "none", "clear", "unnamed"):
        return None
    if key in ("tv", "guest_or_tv", "radio"):
        return VoiceLabel.GUEST
    try:
        return VoiceLabel(key)
    except ValueError:
        raise VoiceError(f"unknown name {label!r}: use me, household, guest (or TV), "
                         "not-ours, or none") from None


def name_voice(store: Store, voice_id: int, label: str) -> VoiceLabel | None:
    value = parse_label(label)
    with store.transaction() as s:
        voice = s.get(Voice, voice_id)
        if voice is None:
            raise VoiceError(f"there is no voice {voice_id} (see `reviewer voices`)")
        voice.label = value.value if value is not None else None
        voice.labelled_at = datetime.now(UTC) if value is not None else None
    return value


def enrol(store: Store, clip_ids: list[int]) -> int:
    """Store the average of the user's own clips as "me" (only the averaged vector is kept,
    and which clips gave it). Replaces an earlier enrolment. Returns the voice id."""
    rows: list[tuple[int, bytes | None]] = []
    with store.session() as s:
        # Chunked: "these are all me" after Ctrl+A can be tens of thousands of ids.
        for chunk in chunked(clip_ids):
            rows.extend(s.execute(select(ClipEmbedding.clip_id, ClipEmbedding.vector)
                                  .where(ClipEmbedding.clip_id.in_(chunk),
                                         ClipEmbedding.status == EmbeddingStatus.DONE)).all())
    usable = [(cid, to_vector(v)) for cid, v in rows if v is not None]
    if len(usable) < MIN_ENROL_CLIPS:
        raise VoiceError(Msg(
            "Pick at least {n} of your own clips with enough speech (only {usable} of those "
            "given have a voice embedding; very short clips and clips not yet analysed cannot "
            "be used).", n=MIN_ENROL_CLIPS, usable=len(usable)))
    mean = normalise(np.stack([v for _c, v in usable])).mean(axis=0)
    with store.transaction() as s:
        s.execute(delete(Voice).where(Voice.kind == "enrolled"))
        voice = Voice(kind="enrolled", label=VoiceLabel.ME.value, centroid=to_blob(mean),
                      clip_count=0, details={"clips": sorted(c for c, _ in usable)},
                      labelled_at=datetime.now(UTC))
        s.add(voice)
        s.flush()
        return voice.id


def forget_enrolment(store: Store) -> bool:
    with store.transaction() as s:
        existing = s.scalar(select(Voice.id).where(Voice.kind == "enrolled"))
        s.execute(delete(Voice).where(Voice.kind == "enrolled"))
        return existing is not None
