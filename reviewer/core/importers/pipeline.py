"""Turning an export into library clips: detect, parse, copy audio, dedup, commit.

Rows are committed in small batches, each after its audio files are complete on disk, so a
row never exists without its audio. A run that is killed leaves at worst some audio files no
row points to yet; running the same import again finds them in place (content-addressed), adds
the missing rows, and finishes the same import record instead of starting a second one.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from reviewer.config import Paths
from reviewer.core.audio.formats import SNIFF_BYTES, sniff_audio
from reviewer.core.audio.probe import AudioError, probe_audio
from reviewer.core.feed import ImportFeed
from reviewer.core.importers.detect import FORMAT_NAMES, Detection, choose_importer
from reviewer.core.importers.records import (
    ClipRecord,
    DeviceLister,
    Problem,
    RegisteredDevice,
    plausible_time,
)
from reviewer.core.importers.source import ExportSource, Limits, open_export
from reviewer.core.importers.timestamps import utc_iso
from reviewer.core.messages import Msg
from reviewer.core.progress import (
    CancelToken,
    EtaEstimator,
    Progress,
    ProgressCallback,
)
from reviewer.core.store import (
    TIME_UNKNOWN_AT,
    AccountDevice,
    Clip,
    ClipStatus,
    ImportMember,
    ImportRecord,
    ImportStatus,
    Store,
)
from reviewer.core.store.audio_files import AudioFiles, flush_to_disk

BATCH_SIZE = 200
BATCH_SECONDS = 2.0
MAX_PROBLEMS_KEPT = 5000
# Voice clips are seconds long; a multi-hundred-MB "recording" is not one, and reading it
# whole into memory would hurt.
MAX_AUDIO_BYTES = 256 * 1024**2


@dataclass
class ImportReport:
    """What an import did, for the CLI, the GUI and the import record."""

    import_id: int
    format: str
    format_forced: bool
    sources: list[str]
    detection_scores: dict[str, int] = field(default_factory=dict)
    records_found: int = 0
    clips_new: int = 0
    clips_existing: int = 0
    clips_without_audio: int = 0
    audio_errors: int = 0
    audio_added: int = 0  # audio found for clips an earlier import had without it
    # What the export holds (every clip found, new or not): for the per-export summary.
    clips_with_audio: int = 0
    devices: list[str] = field(default_factory=list)
    times_approximate: int = 0
    times_unknown: int = 0
    devices_registered: int = 0  # the account's device list (Amazon's registration files)
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    resumed: bool = False
    # The very same files were imported (completely) before, at this time: this run was
    # merged into that import instead of adding a second one.
    repeat_of: datetime | None = None

    @property
    def nothing_new(self) -> bool:
        return not self.cancelled and self.clips_new == 0 and self.audio_added == 0

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "skipped"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def left_out(self) -> dict[str, int]:
        """Files that are not voice history, counted by kind (most first)."""
        kinds = Counter(p.reason for p in self.problems if p.severity == "left_out")
        return dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))

    def details(self) -> list[tuple[bool, str]]:
        """The summary after the clip counts, in the words the CLI and the GUI both show:
        (is a count of the clips found, text)."""
        lines: list[tuple[bool, str]] = []
        if self.repeat_of is not None and not self.cancelled:
            when = f"{self.repeat_of.astimezone():%Y-%m-%d %H:%M}"
            lines.append((False, f"You imported this export before ({when}) — nothing new"
                          if self.nothing_new else
                          f"You imported this export before ({when}); it is the same import"))
        counts = ((self.clips_without_audio, "without audio (vendor record only)"),
                  (self.audio_added, "audio added to clips imported earlier without it"),
                  (self.audio_errors, "with unreadable audio"),
                  (self.clips_with_audio if self.records_found else 0, "with audio"),
                  (self.times_approximate, "time approximate"),
                  (self.times_unknown, "time unknown"))
        lines += [(True, f"{label}: {n}") for n, label in counts if n]
        if self.devices:
            lines.append((True, f"devices: {', '.join(self.devices)}"))
        if self.devices_registered:
            lines.append((False, "Devices registered to the account (kept as its device "
                                 f"list): {self.devices_registered}"))
        if self.left_out:
            kinds = ", ".join(f"{n} {kind}" for kind, n in self.left_out.items())
            lines.append((False, f"Not voice history, left out: "
                                 f"{sum(self.left_out.values())} file(s) ({kinds})"))
        return lines

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = [asdict(p) for p in self.problems[:MAX_PROBLEMS_KEPT]]
        d["problems_total"] = len(self.problems)
        d["left_out"] = self.left_out
        d["repeat_of"] = utc_iso(self.repeat_of) if self.repeat_of is not None else None
        return d


def run_import(store: Store, paths: Paths, inputs: Sequence[Path],
               forced_format: str | None = None, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None, limits: Limits | None = None,
               feed: ImportFeed | None = None) -> ImportReport:
    """Import one export (one or more paths that belong together) into the library.
    `feed` is told of each committed batch of clips (a transcription follows the import)."""
    emit = _Emitter(progress)
    emit.phase("Reading the export", 0, None)
    with open_export(inputs, limits, scratch_dir=paths.scratch_dir) as source:
        detection = choose_importer(source, forced_format)
        problems: list[Problem] = list(source.problems)
        problems.extend(_forced_format_warning(detection))
        import_id, resumed, repeat_of = _begin(store, source, detection.importer.name,
                                               detection.forced)
        report = ImportReport(import_id=import_id, format=detection.importer.name,
                              format_forced=detection.forced,
                              sources=[str(r) for r in source.roots],
                              detection_scores=detection.scores, resumed=resumed,
                              repeat_of=repeat_of)
        emit.phase("Finding recordings", 0, None)
        try:
            found = [_plausible(r, problems)
                     for r in detection.importer.records(source, problems)]
            # Oldest first, so clip ids follow time the way a user reads the list; clips
            # whose time is unknown last.
            records = sorted(found, key=lambda r: (r.recorded_at is None,
                                                   r.recorded_at or TIME_UNKNOWN_AT))
            devices = (detection.importer.registered_devices(source, problems)
                       if isinstance(detection.importer, DeviceLister) else [])
            _summarise(report, records)
            report.devices_registered = _store_devices(store, report.import_id, devices)
            _store_records(store, paths, records, report, problems, emit, cancel, feed)
        except BaseException:
            # Not left "running" behind the user's back: importing again resumes it.
            _mark_interrupted(store, import_id)
            raise
        report.problems = problems
        _finish(store, report, records)
    return report


def _mark_interrupted(store: Store, import_id: int) -> None:
    with store.transaction() as s:
        record = s.get(ImportRecord, import_id)
        if record is not None and record.status == ImportStatus.RUNNING:
            record.status = ImportStatus.INTERRUPTED


def _plausible(rec: ClipRecord, problems: list[Problem]) -> ClipRecord:
    """The record, with its time made unknown when no recording can have that time."""
    # A clip is kept with "time unknown" rather than dropped: its audio is still the user's.
    if rec.recorded_at is None or plausible_time(rec.recorded_at):
        return rec
    problems.append(Problem(
        rec.record_path or rec.source_path,
        Msg("the time {time} cannot be a recording's; the clip is kept with its time "
            "unknown", time=repr(rec.recorded_at_text)), severity="warning"))
    rec.recorded_at = None
    rec.time_approximate = False
    return rec


def _summarise(report: ImportReport, records: Sequence[ClipRecord]) -> None:
    report.records_found = len(records)
    report.clips_with_audio = sum(r.audio is not None for r in records)
    report.devices = sorted({r.device for r in records if r.device})
    report.times_unknown = sum(r.recorded_at is None for r in records)
    report.times_approximate = sum(r.recorded_at is not None and r.time_approximate
                                   for r in records)


def _store_devices(store: Store, import_id: int, devices: Sequence[RegisteredDevice]) -> int:
    """Keep the account's device list; a later import of the same list updates its rows."""
    if not devices:
        return 0
    rows = {}
    for d in devices:
        # Registration files name no account: "" then, whatever the recordings beside them
        # say, so the list is the same whichever way the download's zips are imported.
        account = d.account or ""
        rows[(account, d.key)] = {
            "vendor": "amazon", "account": account, "device_key": d.key, "serial": d.serial,
            "name": d.name, "device_type": d.device_type,
            "first_registered": d.first_registered, "details": d.details,
            "source_path": d.source_path, "import_id": import_id}
    stmt = sqlite_insert(AccountDevice)
    stmt = stmt.on_conflict_do_update(
        index_elements=["vendor", "account", "device_key"],
        set_={c: stmt.excluded[c] for c in ("serial", "name", "device_type",
                                            "first_registered", "details", "source_path",
                                            "import_id")})
    with store.transaction() as s:
        s.execute(stmt, list(rows.values()))
    return len(rows)


def _forced_format_warning(detection: Detection) -> list[Problem]:
    """Forcing a format the export plainly is not imports little and may duplicate later."""
    name = detection.importer.name
    if not detection.forced or detection.scores.get(name, 0) > 0:
        return []
    best = max(detection.scores, key=lambda n: detection.scores[n])
    if detection.scores[best] > 0:
        return [Problem("--format", Msg(
            "the export does not look like: {format}; it looks like: {best}. Clips imported "
            "this way are not recognised as the same recordings by a later import in the "
            "right format", format=FORMAT_NAMES[name], best=FORMAT_NAMES[best]),
            severity="warning")]
    return [Problem("--format", Msg(
        "the export does not look like: {format}. Clips imported this way are not recognised "
        "as the same recordings by a later import in the right format",
        format=FORMAT_NAMES[name]), severity="warning")]


class _Emitter:
    """Throttles progress to ~10 messages a second; a GUI needs no more."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.eta = EtaEstimator()
        self.last = 0.0
        self.name = ""

    def phase(self, name: str, done: int, total: int | None) -> None:
        self.name = name
        self.send(done, total, {}, force=True)

    def send(self, done: int, total: int | None, counts: dict[str, int],
             force: bool = False) -> None:
        if self.callback is None:
            return
        eta = self.eta.update(done, total)
        now = time.monotonic()
        if force or now - self.last >= 0.1 or done == total:
            self.last = now
            self.callback(Progress("import", self.name, done, total, dict(counts), eta))


def _fingerprint(source: ExportSource) -> str:
    h = hashlib.sha256()
    for root in sorted(str(r.resolve()) for r in source.roots):
        h.update(root.encode() + b"\0")
    for e in sorted(source.entries, key=lambda e: e.path):
        h.update(f"{e.path}\0{e.size}\0".encode())
    return h.hexdigest()


def _label(source: ExportSource) -> str:
    first = source.roots[0].name or str(source.roots[0])
    extra = len(source.roots) - 1
    return first if extra == 0 else f"{first} (+{extra} more part{'s' if extra > 1 else ''})"


def _begin(store: Store, source: ExportSource, fmt: str, forced: bool
           ) -> tuple[int, bool, datetime | None]:
    """Resume an unfinished import of the very same files; merge a repeat of a finished
    one into it (one library row per export, however often it is imported: the repeat is
    still read, so audio an older version lacked is added); else start a new record.
    Returns (import id, resumed, when the repeated import was made)."""
    fingerprint = _fingerprint(source)
    with store.transaction() as s:
        unfinished = s.scalars(
            select(ImportRecord)
            .where(ImportRecord.fingerprint == fingerprint,
                   ImportRecord.status != ImportStatus.COMPLETE)
            .order_by(ImportRecord.id.desc())).first()
        if unfinished is not None:
            unfinished.status = ImportStatus.RUNNING
            unfinished.format = fmt
            return unfinished.id, True, None
        done = s.scalars(
            select(ImportRecord)
            .where(ImportRecord.fingerprint == fingerprint, ImportRecord.format == fmt)
            .order_by(ImportRecord.id)).first()
        if done is not None:
            done.status = ImportStatus.RUNNING
            return done.id, False, done.finished_at or done.started_at
        record = ImportRecord(label=_label(source), format=fmt, format_forced=forced,
                              sources=[str(r.resolve()) for r in source.roots],
                              fingerprint=fingerprint, status=ImportStatus.RUNNING)
        s.add(record)
        s.flush()
        return record.id, False, None


def _time_key(rec: ClipRecord) -> str:
    return utc_iso(rec.recorded_at) if rec.recorded_at is not None else "unknown"


def _dedup_key(rec: ClipRecord, sha256: str | None) -> str | None:
    """Identity of a recording across exports; None until the audio hash is known."""
    if rec.vendor_id:
        return f"{rec.vendor}|id|{rec.vendor_id}"
    if rec.audio is None:
        if rec.recorded_at is None:  # nothing but a text: where it sits tells it apart
            return f"{rec.vendor}|rec|unknown|{rec.record_path}|{rec.vendor_transcript or ''}"
        return f"{rec.vendor}|rec|{_time_key(rec)}|{rec.vendor_transcript or ''}"
    if sha256 is None:
        return None
    if rec.vendor == "folder":
        return f"folder|sha|{sha256}"
    return f"{rec.vendor}|rec|{_time_key(rec)}|sha|{sha256}"


@dataclass
class _Audio:
    path: str | None = None
    sha256: str | None = None
    ext: str | None = None
    size: int | None = None
    duration_s: float | None = None
    status: ClipStatus = ClipStatus.READY
    detail: str | None = None
    data: bytes | None = field(default=None, repr=False)  # read, not yet in the library

    def keep(self, audio_files: AudioFiles) -> _Audio:
        """Copy the bytes into the library (only once the clip is known to be new: a
        recording the user deleted must not come back with a newer export)."""
        if self.data is not None and self.sha256 is not None and self.ext is not None:
            self.path = audio_files.store(self.data, self.sha256, self.ext)
            self.data = None
        return self


def _load_audio(rec: ClipRecord, audio_files: AudioFiles, problems: list[Problem]) -> _Audio:
    assert rec.audio is not None
    where = rec.audio.where
    if rec.audio.size > MAX_AUDIO_BYTES:
        problems.append(Problem(where, Msg("{size} MB is too large for a voice recording; the "
                                           "clip is kept without audio",
                                           size=round(rec.audio.size / 1024**2))))
        return _Audio(status=ClipStatus.AUDIO_ERROR, detail=Msg("file too large to be a recording"))
    try:
        data = rec.audio.read()
    except OSError as exc:
        problems.append(Problem(where, Msg("cannot be read from the export ({error}); the "
                                           "clip is kept without audio", error=exc)))
        return _Audio(status=ClipStatus.AUDIO_ERROR, detail=f"unreadable in the export: {exc}")
    ext = sniff_audio(data[:SNIFF_BYTES])
    if ext is None:
        problems.append(Problem(where, Msg("is not an audio file; the clip is kept without "
                                           "audio")))
        return _Audio(status=ClipStatus.AUDIO_ERROR, detail=Msg("the file is not audio"))
    sha = hashlib.sha256(data).hexdigest()
    audio = _Audio(sha256=sha, ext=ext, size=len(data), data=data)
    try:
        audio.duration_s = probe_audio(data).duration_s
    except AudioError as exc:
        # The bytes are still the user's recording; keep them, a later decoder may cope.
        audio.status, audio.detail = ClipStatus.AUDIO_ERROR, f"audio {exc}"
        problems.append(Problem(where, Msg("audio {error}; kept but marked unreadable",
                                           error=exc), severity="warning"))
    return audio


def _store_records(store: Store, paths: Paths, records: list[ClipRecord], report: ImportReport,
                   problems: list[Problem], emit: _Emitter, cancel: CancelToken | None,
                   feed: ImportFeed | None = None) -> None:
    audio_files = AudioFiles(paths.data_dir, paths.scratch_dir)
    with store.session() as s:
        # dedup key -> clip id (0 for clips of this run not committed yet)
        existing: dict[str, int] = {
            key: clip_id for key, clip_id in s.execute(select(Clip.dedup_key, Clip.id))}
        # The same audio bytes are the same recording, whichever format found them before
        # (a damaged index once imported as a plain folder, then a good copy).
        existing.update((_sha_key(sha, vendor), clip_id) for sha, vendor, clip_id in s.execute(
            select(Clip.audio_sha256, Clip.vendor, Clip.id)
            .where(Clip.audio_sha256.is_not(None))) if sha)
        # Clips known from an earlier import without their audio (one part of a multi-part
        # download imported alone): this import may bring the audio.
        audioless: dict[str, int] = {
            key: clip_id for key, clip_id in s.execute(
                select(Clip.dedup_key, Clip.id).where(Clip.status == ClipStatus.NO_AUDIO))}
    emit.phase("Importing clips", 0, len(records))
    batch = _Batch(store, report.import_id, feed)
    counts: dict[str, int] = {"new": 0, "existing": 0, "problems": 0}
    # Files that are not voice history are no problem; they are all listed by now.
    left_out = sum(p.severity == "left_out" for p in problems)
    for done, rec in enumerate(records, start=1):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        key = _dedup_key(rec, None)
        if key is not None and key in existing:
            report.clips_existing += 1
            batch.seen(existing[key])
            if rec.audio is not None and key in audioless:
                audio = _load_audio(rec, audio_files, problems).keep(audio_files)
                if audio.path is not None:
                    batch.updates.append((audioless.pop(key), _audio_fields(audio, rec)))
                    report.audio_added += 1
        else:
            clip = _make_clip(rec, report.import_id, audio_files, problems, key, existing)
            if isinstance(clip, int):
                report.clips_existing += 1
                batch.seen(clip)
            else:
                existing[clip.dedup_key] = 0
                if clip.audio_sha256:
                    existing[_sha_key(clip.audio_sha256, clip.vendor)] = 0
                batch.clips.append(clip)
                report.clips_new += 1
                report.clips_without_audio += clip.audio_path is None
                report.audio_errors += clip.status == ClipStatus.AUDIO_ERROR
        batch.commit_if_due()
        counts.update(new=report.clips_new, existing=report.clips_existing,
                      problems=len(problems) - left_out)
        emit.send(done, len(records), counts)
    batch.commit()


class _Batch:
    """New clips and audio updates, committed together once their audio is on disk."""

    def __init__(self, store: Store, import_id: int, feed: ImportFeed | None = None) -> None:
        self.store = store
        self.import_id = import_id
        self.feed = feed
        self.clips: list[Clip] = []
        self.updates: list[tuple[int, dict[str, Any]]] = []
        self.members: set[int] = set()
        self.last_commit = time.monotonic()

    def seen(self, clip_id: int) -> None:
        """A clip already in the library is part of this export too."""
        if clip_id:  # 0: added earlier in this run, recorded with its own row
            self.members.add(clip_id)

    def commit_if_due(self) -> None:
        if (len(self.clips) + len(self.updates) >= BATCH_SIZE
                or time.monotonic() - self.last_commit > BATCH_SECONDS):
            self.commit()

    def commit(self) -> None:
        self.last_commit = time.monotonic()
        if not self.clips and not self.updates and not self.members:
            return
        # Rows must never reach the disk before their audio: one sync for the whole batch
        # costs what a single fsync does, where an fsync per file made imports 3x slower.
        flush_to_disk()
        with self.store.transaction() as s:
            s.add_all(self.clips)
            s.flush()
            members = self.members | {c.id for c in self.clips}
            s.execute(sqlite_insert(ImportMember).on_conflict_do_nothing(),
                      [{"import_id": self.import_id, "clip_id": m} for m in members])
            for clip_id, fields in self.updates:
                clip = s.get(Clip, clip_id)
                if clip is not None:
                    for name, value in fields.items():
                        setattr(clip, name, value)
        if self.feed is not None and (self.clips or self.updates):
            self.feed.committed()  # new clips (or new audio) may wait for a transcript
        self.clips.clear()
        self.updates.clear()
        self.members.clear()


def _audio_fields(audio: _Audio, rec: ClipRecord) -> dict[str, Any]:
    return {"duration_s": audio.duration_s, "audio_path": audio.path,
            "audio_sha256": audio.sha256,
            "audio_format": audio.ext.lstrip(".") if audio.ext else None,
            "audio_size": audio.size, "status": audio.status, "status_detail": audio.detail,
            "source_path": rec.source_path}


def _sha_key(sha256: str, vendor: str) -> str:
    """The `existing` key of a recording by its audio (dedup keys never start with "sha|").

    Only used across formats: within one vendor's exports two records may share audio
    bytes, and their own identifiers decide.
    """
    return f"sha|{vendor}|{sha256}"


def _make_clip(rec: ClipRecord, import_id: int, audio_files: AudioFiles,
               problems: list[Problem], key: str | None,
               existing: dict[str, int]) -> Clip | int:
    """A new clip, or the id of the clip already holding this recording (0: added this run)."""
    audio = _load_audio(rec, audio_files, problems) if rec.audio is not None else _Audio(
        status=ClipStatus.NO_AUDIO)
    if key is None:
        key = _dedup_key(rec, audio.sha256)
        if key is None:  # unreadable audio and no vendor id: fall back to where it sits
            key = f"{rec.vendor}|src|{rec.source_path}|{_time_key(rec)}"
        if key in existing:
            # Already in the library (or deleted from it: then it stays deleted and its
            # audio is not written again).
            return existing[key]
    if audio.sha256 is not None:
        for vendor in ("google", "amazon", "folder"):
            if vendor != rec.vendor and _sha_key(audio.sha256, vendor) in existing:
                return existing[_sha_key(audio.sha256, vendor)]
    audio.keep(audio_files)
    return Clip(
        import_id=import_id, vendor=rec.vendor, vendor_id=rec.vendor_id,
        identifiers=rec.identifiers, dedup_key=key, account=rec.account,
        recorded_at=rec.recorded_at or TIME_UNKNOWN_AT, recorded_at_text=rec.recorded_at_text,
        time_approximate=rec.time_approximate, time_unknown=rec.recorded_at is None,
        device=rec.device,
        record_path=rec.record_path, vendor_transcript=rec.vendor_transcript,
        vendor_extra=rec.extra, **_audio_fields(audio, rec))


def _finish(store: Store, report: ImportReport, records: list[ClipRecord]) -> None:
    accounts = Counter(r.account for r in records if r.account)
    with store.transaction() as s:
        record = s.get(ImportRecord, report.import_id)
        assert record is not None
        record.status = ImportStatus.CANCELLED if report.cancelled else ImportStatus.COMPLETE
        record.finished_at = datetime.now(UTC)
        record.clips_new = _count_new(s, report.import_id)
        record.clips_existing = report.clips_existing
        record.report = report.to_dict()
        if accounts:
            record.account = accounts.most_common(1)[0][0]


def _count_new(s: Session, import_id: int) -> int:
    from sqlalchemy import func

    return int(s.scalar(select(func.count()).where(Clip.import_id == import_id)) or 0)
