"""The use cases: one facade that the CLI and the GUI both call."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, literal_column, select, table, text, update

from reviewer.config import Paths, prepare, resolve_paths
from reviewer.core.deletion import (
    DeleteBatchInfo,
    DeleteReport,
    Reconciled,
    SystemTrash,
    Trash,
    UndoReport,
    delete_clips,
    last_delete,
    reconcile,
    undo_last,
)
from reviewer.core.flagging.calibrate import Calibration, Example, calibrate
from reviewer.core.flagging.job import (
    FlagReport,
    apply_threshold,
    load_facts,
    run_flagging,
    weights_path,
)
from reviewer.core.flagging.scorecard import Scorecard, Weights, load_weights, score_clip
from reviewer.core.flagging.signals import build_context
from reviewer.core.importers.pipeline import ImportReport, run_import
from reviewer.core.importers.source import Limits
from reviewer.core.progress import CancelToken, ProgressCallback
from reviewer.core.requests import files as request_files
from reviewer.core.requests import tracking as request_tracking
from reviewer.core.requests.deadlines import law_for_region
from reviewer.core.requests.document import LetterDocument, render_text
from reviewer.core.requests.tracking import CreateResult, RequestError, RequestInfo
from reviewer.core.requests.verify import VerifyReport, verify_import
from reviewer.core.settings import Settings
from reviewer.core.store import (
    Clip,
    ClipStatus,
    DecisionLog,
    ImportMember,
    ImportRecord,
    Store,
    Transcript,
    open_store,
)
from reviewer.core.store.audio_files import AudioFiles
from reviewer.core.store.types import aggregate_utc
from reviewer.core.transcribe.job import ResultCallback, TranscribeReport, run_transcription
from reviewer.core.transcribe.models import (
    ModelChoice,
    ModelInfo,
    add_language_pack,
    list_models,
    write_language_pack,
)

DECISIONS = ("accidental", "keep", "delete_request", None)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClipQuery:
    """Which clips to list, in which order. Every field narrows the result; None is "any"."""

    flagged: bool | None = None
    # With `flagged`, judge against this threshold instead of the stored flags: the GUI's
    # threshold slider re-flags instantly this way.
    min_score: int | None = None
    acted_on: bool | None = None
    decision: str | None = None  # a DECISIONS value, or "undecided"
    device: str | None = None
    vendor: str | None = None
    import_id: int | None = None  # clips that were in this import (new or already known)
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # words (prefixes) in the vendor's or the local transcript
    limit: int | None = None
    offset: int = 0
    # "time" (oldest first) or "priority": acted-on first, then by score, the review order.
    order: str = "time"
    sort: str | None = None  # a SORT_COLUMNS key; overrides `order`
    descending: bool = False
    # Deleted clips (tombstones) are left out unless asked for (deletion requests list them).
    include_deleted: bool = False
    deleted_only: bool = False  # only the tombstones: what was deleted from this library


SORT_COLUMNS = {
    "recorded_at": Clip.recorded_at, "device": Clip.device, "duration_s": Clip.duration_s,
    "vendor_transcript": Clip.vendor_transcript, "transcript": Clip.transcript,
    # Flags follow the live threshold, so they sort by the score behind them.
    "score": Clip.score, "flagged": Clip.score, "acted_on": Clip.acted_on,
    "decision": Clip.decision, "status": Clip.status, "vendor": Clip.vendor, "id": Clip.id,
}


@dataclass(frozen=True)
class ImportSummary:
    id: int
    label: str
    format: str
    status: str
    started_at: datetime
    account: str | None
    clips: int
    with_audio: int
    first: datetime | None
    last: datetime | None
    devices: list[str]
    problems: int


@dataclass(frozen=True)
class LibraryInfo:
    data_dir: Path
    db_path: Path
    db_bytes: int
    audio_bytes: int
    clips: int
    flagged: int
    unflagged: int
    imports: list[ImportSummary] = field(default_factory=list)
    deleted: int = 0  # tombstones, not counted in `clips`


class Library:
    """An open library: its folders, its database and the operations on them."""

    def __init__(self, paths: Paths, store: Store) -> None:
        self.paths = paths
        self.store = store
        self.audio_files = AudioFiles(paths.data_dir, paths.scratch_dir)
        # The OS trash seam (tests may inject another).
        self.trash: Trash = SystemTrash()
        # Interrupted deletes (or undos) finished or rolled back when the library was opened.
        self.reconciled: list[Reconciled] = []
        # The clock seam for request deadlines: tests set another "today".
        self.today: Callable[[], date] = date.today
        # What checking the last import against sent deletion requests found (see `verify`).
        self.last_verification: VerifyReport | None = None

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Library:
        paths = prepare(resolve_paths(data_dir))
        store = open_store(paths.db_path, paths.backup_dir)
        library = cls(paths, store)
        library.audio_files.clear_scratch()
        library.reconciled = reconcile(store, paths, library.trash)
        return library

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def import_export(self, inputs: Sequence[Path], forced_format: str | None = None,
                      progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None,
                      limits: Limits | None = None) -> ImportReport:
        report = run_import(self.store, self.paths, inputs, forced_format, progress, cancel,
                            limits)
        self.last_verification = None
        if not report.cancelled:
            # A newer export is the only way to see whether a vendor deleted what was asked.
            try:
                self.last_verification = self.verify(report.import_id)
            except Exception:  # the import itself succeeded; never lose its report
                log.exception("checking import %s against deletion requests failed",
                              report.import_id)
        return report

    def transcribe(self, model: str = "tiny.en", limit: int | None = None,
                   progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                   settings: dict[str, Any] | None = None,
                   on_result: ResultCallback | None = None) -> TranscribeReport:
        """Transcribe every clip that has audio and no transcript by `model` yet."""
        return run_transcription(self.store, self.paths, model, limit, progress, cancel,
                                 settings, on_result)

    def models(self) -> list[ModelChoice]:
        """The speech models by name, whether each is here, and how to get one that is not."""
        return list_models(self.paths.cache_dir)

    def add_language_pack(self, source: Path) -> ModelInfo:
        """Add the multilingual model from a language pack (.zip or folder), SHA-256 checked,
        into the model cache; `base` is usable from then on."""
        return add_language_pack(source, self.paths.cache_dir)

    def write_language_pack(self, out: Path) -> Path:
        """Write the installed multilingual model as a language pack zip (to give to an
        installed copy of the app)."""
        return write_language_pack(out, self.paths.cache_dir)

    # --- flagging -----------------------------------------------------------------------------

    @property
    def settings_path(self) -> Path:
        return self.paths.data_dir / "settings.json"

    def settings(self) -> Settings:
        return Settings.load(self.settings_path)

    def weights(self) -> Weights:
        return load_weights(weights_path(self.paths.data_dir))

    def threshold(self, settings: Settings | None = None) -> int:
        s = settings or self.settings()
        custom = s.flag_threshold if s.flag_preset == "custom" else None
        preset = None if s.flag_preset == "custom" else s.flag_preset
        return self.weights().threshold_for(preset, custom)

    def set_threshold(self, preset: str | None = None, threshold: int | None = None) -> int:
        """Remember the preset (or custom threshold) and re-flag from stored scores."""
        s = self.settings()
        if threshold is not None:
            s.flag_preset, s.flag_threshold = "custom", max(0, min(100, threshold))
        elif preset is not None:
            self.weights().threshold_for(preset)  # unknown preset -> WeightsError
            s.flag_preset, s.flag_threshold = preset, None
        s.save(self.settings_path)
        value = self.threshold(s)
        apply_threshold(self.store, value)
        return value

    def flag(self, preset: str | None = None, threshold: int | None = None) -> FlagReport:
        """Recompute every clip's signals and score, then flag at the chosen threshold."""
        if preset is not None or threshold is not None:
            self.set_threshold(preset, threshold)
        return run_flagging(self.store, self.weights(), self.threshold())

    def explain(self, clip_id: int) -> tuple[Clip, Scorecard]:
        facts = load_facts(self.store)
        target = next((f for f in facts if f.clip_id == clip_id), None)
        clip = self.clip(clip_id)
        if target is None or clip is None:
            raise LookupError(f"there is no clip {clip_id} in this library")
        return clip, score_clip(target, build_context(facts), self.weights())

    def clip(self, clip_id: int) -> Clip | None:
        with self.store.session() as s:
            return s.get(Clip, clip_id)

    def vendors_of(self, clip_ids: Sequence[int]) -> set[str]:
        """Which vendors the clips come from ("amazon", "google", "folder")."""
        found: set[str] = set()
        with self.store.session() as s:
            for start in range(0, len(clip_ids), 900):  # SQLite's bound-variable limit
                chunk = list(clip_ids[start:start + 900])
                found.update(s.scalars(select(Clip.vendor).where(Clip.id.in_(chunk))
                                       .distinct()))
        return found

    def decide(self, clip_ids: Sequence[int], decision: str | None) -> int:
        """Record the user's verdict on clips ("accidental", "keep", "delete_request", None).

        One call is one undo step, however many clips it touches."""
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        now = datetime.now(UTC) if decision else None
        with self.store.transaction() as s:
            before = {cid: old for cid, old in s.execute(
                select(Clip.id, Clip.decision).where(Clip.id.in_(list(clip_ids))))}
            if not before:
                return 0
            batch = (s.scalar(select(func.max(DecisionLog.batch))) or 0) + 1
            s.add_all(DecisionLog(batch=batch, clip_id=cid, before=old, after=decision)
                      for cid, old in before.items())
            s.execute(update(Clip).where(Clip.id.in_(list(before)))
                      .values(decision=decision, decided_at=now))
            return len(before)

    def undo_decision(self) -> list[int]:
        """Put back the decisions changed by the last `decide` not yet undone; their ids."""
        with self.store.transaction() as s:
            batch = s.scalar(select(func.max(DecisionLog.batch))
                             .where(DecisionLog.undone.is_(False)))
            if batch is None:
                return []
            entries = list(s.scalars(select(DecisionLog).where(DecisionLog.batch == batch)))
            for e in entries:
                s.execute(update(Clip).where(Clip.id == e.clip_id).values(
                    decision=e.before,
                    decided_at=datetime.now(UTC) if e.before else None))
                e.undone = True
            return [e.clip_id for e in entries]

    def last_decision_at(self) -> datetime | None:
        """When the newest decision that undo would put back was made (None: nothing)."""
        with self.store.session() as s:
            return s.scalar(select(func.max(DecisionLog.at))
                            .where(DecisionLog.undone.is_(False)))

    def calibrate(self, save: bool = True) -> Calibration:
        """Refit the weights from the user's keep/accidental decisions (see calibrate.py)."""
        with self.store.session() as s:
            rows = s.execute(select(Clip.id, Clip.reasons, Clip.decision)
                             .where(Clip.decision.in_(("accidental", "keep")),
                                    Clip.status != ClipStatus.DELETED)).all()
        examples = [Example(cid, frozenset(r["code"] for r in reasons or []
                                           if r["code"] != "acted_on"), decision == "accidental")
                    for cid, reasons, decision in rows]
        result = calibrate(examples, self.weights(), self.threshold())
        if save and result.improved:
            path = weights_path(self.paths.data_dir)
            path.write_text(json.dumps(result.weights.to_json(), indent=2), encoding="utf-8")
            settings = self.settings()
            settings.flag_preset, settings.flag_threshold = "custom", result.weights.threshold
            settings.save(self.settings_path)
            self.flag()
        return result

    def transcripts(self, clip_id: int) -> list[Transcript]:
        with self.store.session() as s:
            return list(s.scalars(select(Transcript).where(Transcript.clip_id == clip_id)
                                  .order_by(Transcript.created_at)))

    def clips(self, query: ClipQuery = ClipQuery()) -> list[Clip]:
        with self.store.session() as s:
            return list(s.scalars(_clip_select(query)))

    def clip_ids(self, query: ClipQuery = ClipQuery()) -> list[int]:
        """Just the ids, in order: what a view over 100,000 clips needs up front."""
        with self.store.session() as s:
            return list(s.scalars(_clip_select(query).with_only_columns(Clip.id)))

    def count_clips(self, query: ClipQuery = ClipQuery()) -> int:
        stmt = _clip_select(ClipQuery(**{**query.__dict__, "limit": None, "offset": 0}))
        with self.store.session() as s:
            return int(s.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def devices(self) -> list[str]:
        with self.store.session() as s:
            return [d for d in s.scalars(select(Clip.device).where(
                Clip.device.is_not(None), not_deleted())
                .distinct().order_by(Clip.device)) if d]

    def import_stats(self, import_id: int, threshold: int) -> dict[str, int]:
        """Clips, flagged and acted-on counts of one import at `threshold`."""
        base = ClipQuery(import_id=import_id, min_score=threshold)
        return {"clips": self.count_clips(ClipQuery(import_id=import_id)),
                "flagged": self.count_clips(replace(base, flagged=True)),
                "acted_on": self.count_clips(replace(base, acted_on=True))}

    def audio_path(self, clip: Clip) -> Path | None:
        return self.audio_files.absolute(clip.audio_path) if clip.audio_path else None

    # --- deleting (core.deletion) ------------------------------------------------------------

    def delete(self, clip_ids: Sequence[int], permanent: bool | None = None,
               from_export: bool = False,
               progress: ProgressCallback | None = None) -> DeleteReport:
        """Delete clips: audio, transcripts and derived data go (to the trash unless
        `permanent`; None: as the settings say); each clip stays as a tombstone. With
        `from_export`, also remove their recordings from the export files they came from."""
        if permanent is None:
            permanent = not self.settings().delete_to_trash
        return delete_clips(self.store, self.paths, clip_ids, permanent=permanent,
                            from_export=from_export, trash=self.trash, progress=progress)

    def undo_delete(self) -> UndoReport:
        """Restore the newest delete while its files are still in the trash."""
        return undo_last(self.store, self.paths, self.trash)

    def last_delete(self) -> DeleteBatchInfo | None:
        """The newest delete and whether it can be undone (for an "Undo delete" action)."""
        return last_delete(self.store)

    # --- deletion requests (core.requests) ---------------------------------------------------

    def create_requests(self, region: str | None = None, language: str | None = None,
                        name: str | None = None, email: str | None = None) -> CreateResult:
        """Group the clips marked "delete_request" (not in a request yet) per vendor and
        account into drafted requests. Defaults come from the settings (region -> law)."""
        s = self.settings()
        return request_tracking.create_requests(
            self.store, law=_law(region or s.region), language=language or s.request_language,
            name=name or s.request_name or None, email=email or s.request_email or None,
            today=self.today())

    def requests(self) -> list[RequestInfo]:
        return request_tracking.list_requests(self.store, self.today())

    def request(self, request_id: int) -> RequestInfo:
        return request_tracking.get_request(self.store, request_id, self.today())

    def mark_sent(self, request_id: int, day: date | None = None) -> RequestInfo:
        return request_tracking.mark_sent(self.store, request_id, day or self.today(),
                                          self.today())

    def mark_answered(self, request_id: int, day: date | None = None,
                      note: str | None = None) -> RequestInfo:
        return request_tracking.mark_answered(self.store, request_id, day or self.today(),
                                              self.today(), note)

    def update_request(self, request_id: int, *, region: str | None = None,
                       language: str | None = None, name: str | None = None,
                       email: str | None = None) -> RequestInfo:
        """Change a draft's law (by region), language, or who signs it."""
        return request_tracking.update_draft(
            self.store, request_id, law=_law(region) if region else None, language=language,
            name=name, email=email, today=self.today())

    def discard_request(self, request_id: int) -> None:
        request_tracking.discard_draft(self.store, request_id)

    def request_letter(self, request_id: int) -> LetterDocument:
        """The letter as a structured document (the GUI lays it out and writes the PDF)."""
        return request_tracking.letter_for(self.store, request_id, self.today())

    def render_request(self, request_id: int, fmt: str = "text",
                       attachments: bool = True) -> str:
        """"text": the letter for e-mail or a contact form (`attachments=False` drops the
        sentence about the enclosed CSV); "csv": the listed clips."""
        if fmt == "text":
            return render_text(self.request_letter(request_id), attachments)
        if fmt == "csv":
            return request_tracking.csv_for(self.store, request_id)
        raise ValueError(f"unknown request format {fmt!r}")

    @property
    def requests_dir(self) -> Path:
        return self.paths.data_dir / "requests"

    def write_request_files(self, request_id: int, out_dir: Path | None = None) -> list[Path]:
        """Write the letter (.txt) and the CSV, owner-only, to `out_dir` (default: the
        library's `requests/` folder). Audio is never written."""
        return request_files.write_request_files(
            out_dir or self.requests_dir, request_files.file_stem(self.request(request_id)),
            self.render_request(request_id, "text"), self.render_request(request_id, "csv"),
            private_dir=out_dir is None)

    def verify(self, import_id: int) -> VerifyReport:
        """Check import `import_id` against every sent request to the same vendor; record
        what was found again and draft follow-ups (see `core.requests.verify`)."""
        return verify_import(self.store, import_id, self.today())

    def info(self) -> LibraryInfo:
        live = not_deleted()
        with self.store.session() as s:
            rows = s.execute(
                select(ImportRecord,
                       func.count(Clip.id),
                       func.count(Clip.audio_path),
                       func.min(Clip.recorded_at),
                       func.max(Clip.recorded_at))
                .outerjoin(Clip, (Clip.import_id == ImportRecord.id) & live)
                .group_by(ImportRecord.id).order_by(ImportRecord.id)).all()
            devices: dict[int, list[str]] = {}
            for import_id, device in s.execute(
                    select(Clip.import_id, Clip.device).where(Clip.device.is_not(None), live)
                    .distinct().order_by(Clip.device)):
                if device is not None:
                    devices.setdefault(import_id, []).append(device)
            total = s.scalar(select(func.count(Clip.id)).where(live)) or 0
            deleted = s.scalar(select(func.count(Clip.id)).where(~live)) or 0
            flagged = s.scalar(select(func.count(Clip.id)).where(Clip.flagged.is_(True))) or 0
            unflagged = s.scalar(select(func.count(Clip.id))
                                 .where(Clip.flagged.is_(None), live)) or 0
        imports = [
            ImportSummary(
                id=rec.id, label=rec.label, format=rec.format, status=rec.status,
                started_at=rec.started_at, account=rec.account, clips=n, with_audio=n_audio,
                first=aggregate_utc(first), last=aggregate_utc(last),
                devices=devices.get(rec.id, []),
                problems=int(rec.report.get("problems_total", 0)))
            for rec, n, n_audio, first, last in rows]
        return LibraryInfo(
            data_dir=self.paths.data_dir, db_path=self.paths.db_path,
            db_bytes=_size(self.paths.db_path) + _size(Path(f"{self.paths.db_path}-wal")),
            audio_bytes=sum(_size(p) for p in self.paths.audio_dir.rglob("*") if p.is_file()),
            clips=total, flagged=flagged, unflagged=unflagged, imports=imports,
            deleted=deleted)


def _law(region: str) -> str:
    try:
        return law_for_region(region)
    except ValueError as exc:
        raise RequestError(str(exc)) from None


def _clip_select(q: ClipQuery) -> Select[Clip]:
    stmt = select(Clip)
    for condition in _conditions(q):
        stmt = stmt.where(condition)
    if q.sort is not None:
        column = SORT_COLUMNS[q.sort]
        key = column.desc() if q.descending else column.asc()
        stmt = stmt.order_by(key.nulls_last(), Clip.recorded_at, Clip.id)
    elif q.order == "priority":
        # Written to match ix_clips_priority exactly (SQLite puts NULL scores last on DESC).
        stmt = stmt.order_by(literal_column("(acted_on IS 1)").desc(), Clip.score.desc(),
                             Clip.recorded_at, Clip.id)
    else:
        stmt = stmt.order_by(Clip.recorded_at, Clip.id)
    stmt = stmt.offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return stmt


def _conditions(q: ClipQuery) -> list[Any]:
    c: list[Any] = []
    if q.deleted_only:
        c.append(Clip.status == ClipStatus.DELETED)
    elif not q.include_deleted:
        c.append(not_deleted())
    if q.flagged is not None:
        is_flagged = (Clip.score >= q.min_score) if q.min_score is not None \
            else Clip.flagged.is_(True)
        c.append(is_flagged if q.flagged else ~is_flagged | Clip.score.is_(None))
    if q.acted_on is not None:
        acted = Clip.action.is_not(None) & (Clip.score >= q.min_score) \
            if q.min_score is not None else Clip.acted_on.is_(True)
        c.append(acted if q.acted_on else ~acted)
    if q.decision == "undecided":
        c.append(Clip.decision.is_(None))
    elif q.decision is not None:
        c.append(Clip.decision == q.decision)
    if q.device is not None:
        c.append(Clip.device == q.device)
    if q.vendor is not None:
        c.append(Clip.vendor == q.vendor)
    if q.import_id is not None:
        c.append(Clip.id.in_(select(ImportMember.clip_id)
                             .where(ImportMember.import_id == q.import_id)))
    if q.since is not None:
        c.append(Clip.recorded_at >= q.since)
    if q.until is not None:
        c.append(Clip.recorded_at < q.until)
    if q.text:
        match = fts_query(q.text)
        if match:
            c.append(Clip.id.in_(select(literal_column("rowid")).select_from(
                table("clip_fts")).where(text("clip_fts MATCH :fts").bindparams(fts=match))))
    return c


def not_deleted() -> Any:
    """"Not a tombstone", in the form that keeps the covering indexes usable: the deleted
    ids come from a small partial index (`ix_clips_deleted`), written with a literal so
    SQLite can match that index's WHERE clause."""
    deleted_ids = select(Clip.id).where(text(f"clips.status = '{ClipStatus.DELETED.value}'"))
    return Clip.id.not_in(deleted_ids.scalar_subquery())


def fts_query(user_text: str) -> str:
    """User words -> an FTS5 query where every word must match as a prefix ("kitch" finds
    "kitchen"); quoting each word keeps FTS syntax characters in user text harmless."""
    words = re.findall(r"\w+", user_text)
    return " ".join(f'"{w}"*' for w in words)


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


__all__ = ["ClipQuery", "ClipStatus", "ImportReport", "ImportSummary", "Library", "LibraryInfo"]
