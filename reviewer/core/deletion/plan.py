"""What one delete will touch, written to the journal (`DeleteBatch.plan`) before it does.

Every path that a crash could leave behind is in the plan, so the next start knows what to
move back (before the commit point) or finish (after it) without guessing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from reviewer.core.messages import Msg, from_data, to_data

PLAN_VERSION = 1


@dataclass
class AudioMove:
    """One library audio file: moved from `rel` to `staged` (both relative to the data dir)
    before the commit point, then to the trash (or unlinked) after it."""

    rel: str
    staged: str
    sha256: str
    trashed: str | None = None  # where it is in the trash, once known
    gone: bool = False  # left the staging folder (trashed or unlinked)


@dataclass
class ExportFile:
    """A recording in a folder export: sent to the trash (or unlinked) after the commit point."""

    path: str
    sha256: str
    clip_ids: list[int] = field(default_factory=list)
    trashed: str | None = None
    done: bool = False


@dataclass
class ZipRewrite:
    """A zip export holding recordings: a cleaned copy (`tmp`, same folder) is written and
    verified before the commit point; after it the copy takes the zip's name and the original
    goes to the trash under the name `backup` (or is dropped, when deleting permanently)."""

    path: str
    tmp: str
    backup: str
    old_sha256: str
    old_size: int
    remove: list[str] = field(default_factory=list)  # member names exactly as stored
    clip_ids: list[int] = field(default_factory=list)
    kept: int = 0
    new_sha256: str | None = None
    new_size: int | None = None
    trashed: str | None = None
    done: bool = False


@dataclass
class Plan:
    staging: str  # relative to the data dir
    audio: list[AudioMove] = field(default_factory=list)
    export_files: list[ExportFile] = field(default_factory=list)
    zips: list[ZipRewrite] = field(default_factory=list)
    # Audio files left in place because a clip that is not deleted uses them too.
    shared_audio: list[str] = field(default_factory=list)
    # Undo's own journal: where each file is being restored from (see undo.py).
    undo: dict[str, Any] | None = None
    version: int = PLAN_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        return cls(
            staging=str(data.get("staging", "")),
            audio=[AudioMove(**a) for a in data.get("audio", [])],
            export_files=[ExportFile(**f) for f in data.get("export_files", [])],
            zips=[ZipRewrite(**z) for z in data.get("zips", [])],
            shared_audio=list(data.get("shared_audio", [])),
            undo=data.get("undo"),
            version=int(data.get("version", PLAN_VERSION)))


@dataclass(frozen=True)
class DeleteProblem:
    """Something that could not be done, said so the user can act on it."""

    where: str
    reason: str
    clip_ids: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        n = len(self.clip_ids)
        if n == 0:
            return Msg("{where}: {reason}", where=self.where, reason=self.reason)
        if n == 1:
            return Msg("{where}: {reason} (1 clip)", where=self.where, reason=self.reason)
        return Msg("{where}: {reason} ({n} clips)", where=self.where, reason=self.reason, n=n)

    def to_json(self) -> dict[str, Any]:
        # "reason" stays plain English for older readers; "said" keeps the Msg.
        return {"where": self.where, "reason": str(self.reason),
                "said": to_data(self.reason), "clip_ids": list(self.clip_ids)}

    @classmethod
    def from_json(cls, data: Any) -> DeleteProblem:
        if isinstance(data, str):
            return cls("", data)
        reason = from_data(data["said"]) if "said" in data else str(data.get("reason", ""))
        return cls(str(data.get("where", "")), reason,
                   tuple(int(c) for c in data.get("clip_ids", [])))
