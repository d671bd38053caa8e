"""Exports for the deletion-request tests: an Alexa history and newer versions of it.

Records of `history_json_content` depend only on their index, so an export with more
records is "the same account, later": its first records are byte-for-byte the older
export's. `drop` leaves records (and their audio) out, as a vendor that deleted them would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from reviewer.core.library import Library
from reviewer.core.store import Clip, ClipStatus
from reviewer.testing.alexa_exports import (
    ExpectedClip,
    ExportContent,
    history_json_content,
    write_export,
)

HISTORY = "Voice History/customer-history-records.json"


def alexa_export(dest: Path, name: str, records: int, drop: Collection[int] = (),
                 edit: Callable[[int, dict[str, Any]], None] | None = None
                 ) -> tuple[Path, list[ExpectedClip]]:
    """A zip of `records` history records minus `drop`; `edit(i, record)` may change one.

    Returns the zip and the expected clips by record index (dropped ones included)."""
    content = history_json_content(records=records, orphans=0)
    files = dict(content.files)
    page = json.loads(files[HISTORY])
    kept = []
    for i, record in enumerate(page["customerHistoryRecords"]):
        if i in drop:
            name_ = content.clips[i].audio_name
            if name_ is not None:
                del files[f"Voice History/Audio/{name_}"]
            continue
        if edit is not None:
            edit(i, record)
        kept.append(record)
    page["customerHistoryRecords"] = kept
    files[HISTORY] = json.dumps(page, indent=1, ensure_ascii=False).encode()
    built = write_export(ExportContent(files, content.clips), dest, form="zip", name=name)
    return built.path, list(content.clips)


def ids_by_vendor_id(library: Library) -> dict[str, int]:
    """Every clip's id by its vendor id, tombstones included."""
    with library.store.session() as s:
        return {vid: cid for vid, cid in s.execute(select(Clip.vendor_id, Clip.id))
                if vid is not None}


def tombstone(library: Library, clip_ids: Collection[int]) -> None:
    """What a local delete leaves (set directly: the deletion API is built elsewhere)."""
    with library.store.transaction() as s:
        s.execute(update(Clip).where(Clip.id.in_(list(clip_ids))).values(
            status=ClipStatus.DELETED, deleted_at=datetime.now(UTC), audio_path=None,
            audio_format=None, audio_size=None, transcript=None, score=None, flagged=None))
        assert len(list(s.scalars(select(Clip.id).where(
            Clip.status == ClipStatus.DELETED)))) >= len(clip_ids)
