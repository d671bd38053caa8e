"""What the library facade uses of the voices feature, in one import."""

from __future__ import annotations

from sqlalchemy import select

from reviewer.config import Paths
from reviewer.core.progress import CancelToken, ProgressCallback
from reviewer.core.store import Store
from reviewer.core.store.voice_tables import ClipEmbedding, Voice
from reviewer.core.voices.devices import DeviceError, DeviceInfo, list_devices, mark_device
from reviewer.core.voices.job import EmbedReport, run_embedding
from reviewer.core.voices.notice import build_notice
from reviewer.core.voices.verdicts import ArchiveCheck, Verdict, check_import, latest_import
from reviewer.core.voices.voices import (
    VoiceError,
    VoiceInfo,
    VoicesSummary,
    enrol,
    forget_enrolment,
    list_voices,
    recluster,
)
from reviewer.core.voices.voices import name_voice as _name_voice


def analyse(store: Store, paths: Paths, progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None, limit: int | None = None) -> EmbedReport:
    """Embed what is new, then cluster again when anything changed (or never was)."""
    report = run_embedding(store, paths, progress, cancel, limit)
    with store.session() as s:
        has_voices = s.scalar(select(Voice.id).where(Voice.kind == "cluster").limit(1))
        assigned = s.scalar(select(ClipEmbedding.clip_id)
                            .where(ClipEmbedding.voice_id.is_not(None)).limit(1))
    if report.embedded or has_voices is None or assigned is None:
        recluster(store)
    return report


def name_voice(store: Store, voice_id: int, label: str) -> str | None:
    value = _name_voice(store, voice_id, label)
    return None if value is None else value.value


def voice_clip_ids(store: Store, voice_id: int) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(ClipEmbedding.clip_id)
                              .where(ClipEmbedding.voice_id == voice_id)
                              .order_by(ClipEmbedding.clip_id)))


__all__ = ["ArchiveCheck", "DeviceError", "DeviceInfo", "EmbedReport", "Verdict", "VoiceError",
           "VoiceInfo", "VoicesSummary", "analyse", "build_notice", "check_import", "enrol",
           "forget_enrolment", "latest_import", "list_devices", "list_voices", "mark_device",
           "name_voice", "voice_clip_ids"]
