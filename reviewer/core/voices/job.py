"""The "embed every clip's voice" job: resumable, with progress, saved clip by clip.

Runs after transcription (it decodes each clip again; Silero VAD trims the silence and the
model embeds the speech). Like transcription it needs no bookkeeping to resume: the clips
still to do are exactly those with audio and no `clip_embeddings` row, so a run stopped at
any instant continues with the unfinished clips. Clips with less than half a second of
speech are recorded as "too short to judge" and never embedded: such an embedding says
more about the microphone than about the speaker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy import exists, select

from reviewer.config import Paths
from reviewer.core.audio.decode import decode_audio
from reviewer.core.audio.probe import AudioError
from reviewer.core.audio.vad import detect_speech
from reviewer.core.progress import CancelToken, EtaEstimator, Progress, ProgressCallback
from reviewer.core.store import Clip, ClipStatus, Store
from reviewer.core.store.queries import audio_without
from reviewer.core.store.voice_tables import ClipEmbedding, EmbeddingStatus
from reviewer.core.voices.model import MODEL_NAME, SpeakerModel, shared_model

# Less speech than this is "too short to judge".
MIN_SPEECH_S = 0.5


@dataclass
class EmbedReport:
    total: int = 0
    embedded: int = 0
    too_short: int = 0
    no_speech: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False
    elapsed_s: float = 0.0

    @property
    def finished(self) -> int:
        return self.embedded + self.too_short + self.no_speech + len(self.errors)


@dataclass(frozen=True)
class ClipVoice:
    """What embedding one clip's audio gave."""

    status: str
    speech_s: float
    vector: np.ndarray | None = None
    error: str | None = None


def pending_clips(store: Store, limit: int | None = None) -> list[tuple[int, str]]:
    """(clip id, audio path) of every clip with audio and no embedding row yet."""
    done = exists().where(ClipEmbedding.clip_id == Clip.id)
    with store.session() as s:
        return [(cid, p) for cid, p in s.execute(audio_without(done, limit)) if p is not None]


def embed_samples(model: SpeakerModel, samples: np.ndarray) -> ClipVoice:
    """VAD-trim 16 kHz samples and embed the speech (or say why not)."""
    speech = detect_speech(samples)
    if not speech.has_speech:
        return ClipVoice(EmbeddingStatus.NO_SPEECH, 0.0)
    if speech.speech_s < MIN_SPEECH_S:
        return ClipVoice(EmbeddingStatus.TOO_SHORT, speech.speech_s)
    return ClipVoice(EmbeddingStatus.DONE, speech.speech_s, model.embed(speech.trimmed))


def embed_file(model: SpeakerModel, path: Path) -> ClipVoice:
    try:
        samples = decode_audio(path)
    except AudioError as exc:
        return ClipVoice(EmbeddingStatus.ERROR, 0.0, error=str(exc))
    return embed_samples(model, samples)


def run_embedding(store: Store, paths: Paths, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, limit: int | None = None,
                  model: SpeakerModel | None = None) -> EmbedReport:
    started = time.perf_counter()
    todo = pending_clips(store, limit)
    report = EmbedReport(total=len(todo))
    if not todo:
        return report
    _send(progress, "Loading the speaker model", report)
    speaker_model = model or shared_model()
    eta = EtaEstimator(warmup=3)
    for clip_id, rel in todo:
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        result = embed_file(speaker_model, paths.data_dir / rel)
        _save(store, clip_id, result, report)
        _send(progress, "Finding voices", report, eta.update(report.finished, report.total))
    report.elapsed_s = time.perf_counter() - started
    return report


def _save(store: Store, clip_id: int, result: ClipVoice, report: EmbedReport) -> None:
    if result.status == EmbeddingStatus.DONE:
        report.embedded += 1
    elif result.status == EmbeddingStatus.TOO_SHORT:
        report.too_short += 1
    elif result.status == EmbeddingStatus.NO_SPEECH:
        report.no_speech += 1
    else:
        report.errors.append((clip_id, result.error or "unreadable"))
    vector = None if result.vector is None else \
        np.asarray(result.vector, dtype="<f4").tobytes()
    # Under the write lock from the first read: a delete cannot slip in between the check
    # and the insert and leave a tombstone with an embedding.
    with store.write_transaction() as s:
        status = s.scalar(select(Clip.status).where(Clip.id == clip_id))
        if status is None or status == ClipStatus.DELETED:
            return  # deleted meanwhile: keep nothing derived from its audio
        if s.get(ClipEmbedding, clip_id) is not None:
            return  # another run (GUI and CLI at once) saved it first
        s.add(ClipEmbedding(clip_id=clip_id, model=MODEL_NAME, status=result.status,
                            speech_s=round(result.speech_s, 3), vector=vector,
                            error=result.error))


def _send(progress: ProgressCallback | None, phase: str, report: EmbedReport,
          eta_s: float | None = None) -> None:
    if progress is None:
        return
    progress(Progress("voices", phase, report.finished, report.total,
                      {"embedded": report.embedded, "too_short": report.too_short,
                       "no_speech": report.no_speech, "errors": len(report.errors)}, eta_s))
