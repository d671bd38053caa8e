"""The use cases: one facade that the CLI and the GUI both call."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from reviewer.config import Paths, prepare, resolve_paths
from reviewer.core.clip_export import AudioChoice, ClipExportReport, export_clips
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
from reviewer.core.feed import ImportFeed
from reviewer.core.flagging.actions import vendor_replies
from reviewer.core.flagging.calibrate import Calibration, Example, calibrate
from reviewer.core.flagging.job import (
    Flagger,
    FlagReport,
    apply_threshold,
    load_facts,
    score_all,
)
from reviewer.core.flagging.process import FlagProcess, run_pass
from reviewer.core.flagging.scorecard import Scorecard, Weights, load_weights
from reviewer.core.import_guards import (
    import_lock,
    mark_interrupted,
    no_import_running,
    refuse_library_inputs,
)
from reviewer.core.importers.batch import ImportBatchReport, run_imports
from reviewer.core.importers.pipeline import ImportReport, run_import
from reviewer.core.importers.source import Limits
from reviewer.core.jobs import JobKind, JobQueue
from reviewer.core.language import (
    MULTILINGUAL_MODEL,
    LanguageProposal,
    detect_sample,
    guess_language,
    propose,
    sample_clip_paths,
)
from reviewer.core.progress import (
    Cancelled,
    CancelToken,
    OverlapProgress,
    Progress,
    ProgressCallback,
)
from reviewer.core.requests import LANGUAGES
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
    Decision,
    DecisionLog,
    ImportMember,
    ImportRecord,
    Store,
    Transcript,
    TranscriptStatus,
    open_store,
)
from reviewer.core.store.audio_files import AudioFiles
from reviewer.core.store.queries import (
    ClipQuery,
    awaiting_transcript,
    chunked,
    clip_conditions,
    clip_select,
    flagged_at,
    fts_query,
    not_deleted,
)
from reviewer.core.store.types import aggregate_utc
from reviewer.core.timeline import Bucket, BucketSize, timeline_counts
from reviewer.core.transcribe.job import (
    FollowIf,
    ResultCallback,
    TranscribeReport,
    pending_clip_ids,
    run_transcription,
)
from reviewer.core.transcribe.models import (
    BUNDLED_MODEL_NAME,
    ModelChoice,
    ModelInfo,
    add_language_pack,
    list_models,
    write_language_pack,
)
from reviewer.core.transcribe.words import WordTimer
from reviewer.core.transcribe.worker import TranscriptionWorker
from reviewer.core.vendors import REQUESTABLE
from reviewer.core.views import ClipInfo, ClipRow, TranscriptInfo, asks_vendor
from reviewer.core.voices import api as voices_api
from reviewer.core.voices.api import (
    ArchiveCheck,
    DeviceError,
    DeviceInfo,
    EmbedReport,
    VoiceError,
    VoiceInfo,
    VoicesSummary,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DialogueTurn:
    """One turn of a dialogue: what the vendor wrote down, and what the device answered."""

    clip_id: int
    recorded_at: datetime
    said: str | None
    reply: str | None


@dataclass(frozen=True)
class Dialogue:
    """Records on one device where the device asked and the next record answered, judged
    together by the flagger; `id` is the first turn's clip id."""

    id: int
    turns: tuple[DialogueTurn, ...]
    action_text: str | None  # what the whole dialogue finally did, in words


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
class ImportCounts:
    clips: int
    flagged: int
    acted_on: int


UndoKind = Literal["decision", "delete"]


class _Same:
    """"Leave this answer as it is" (None already means "no answer")."""


SAME = _Same()
# While transcribing for the window, re-flag after this many new transcripts, so flags appear
# without waiting for the end (incrementally: only the clips they can have changed).
REFLAG_EVERY = 40
# A running import with this many clips and no sign of a language other than English is
# followed by the English model (`Library.language_settled`): a batch or two (~2-4 s of an
# import on a busy machine, while the worker still loads the model). A German export shows
# its labels, folder names or account in its first clips; one whose first clips show nothing
# is transcribed by the English model until the question is answered, then by the one chosen.
LANGUAGE_SETTLED_CLIPS = 30
# Libraries this big are flagged in a child process (see flagging.process).
FLAG_PROCESS_MIN_CLIPS = 5000


@dataclass(frozen=True)
class UndoOutcome:
    kind: UndoKind | None  # None: there was nothing to undo
    clip_ids: list[int]  # the clips whose decision or deletion was undone
    delete: UndoReport | None = None  # for an undone delete: what was restored, and problems


@dataclass(frozen=True)
class Answered:
    """What one decision key did (`answer_clips`): the window's status-bar sentence."""

    decision: Decision | None  # the key: ACCIDENTAL, KEEP, DELETE_REQUEST (R) or None (U)
    clip_ids: list[int]  # the clips answered (for R: the vendor clips only)
    asked: int = 0  # of them, how many the vendor will be asked to delete (A, R)
    ask: bool = True  # R: True asked to delete them, False no longer asks


@dataclass(frozen=True)
class ReviewSnapshot:
    """Everything the review window shows that flagging changes, read in one go: built in a
    background thread after a re-flag, so the GUI thread only swaps it in."""

    query: ClipQuery
    threshold: int
    ids: list[int]  # the clips `query` lists, in its order
    imports: list[ImportSummary]
    import_counts: dict[int, ImportCounts]
    buckets: list[Bucket]
    total: int  # clips in the library (tombstones not counted)
    flagged: int  # of those, flagged at the threshold
    waiting: int = 0  # of those, not transcribed yet


@dataclass(frozen=True)
class ProcessReport:
    transcribed: TranscribeReport
    flagged: FlagReport | None  # None: cancelled before flagging


@dataclass(frozen=True)
class ScanReport:
    imported: ImportBatchReport  # one report per export among the inputs
    processed: ProcessReport | None  # None: nothing imported, or cancelled


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
        # The metadata check of the last import ("is this export yours?"; see `check_archive`).
        self.last_archive_check: ArchiveCheck | None = None
        # What runs in the background now, and what may join it (see core.jobs).
        self.jobs = JobQueue()
        # A transcription worker started ahead of the transcription (see `warm_up`).
        self._warm: TranscriptionWorker | None = None
        # The language flag reasons are written in: the desktop app sets its interface's
        # language here; None (the CLI) keeps the library's own (German library: German).
        self.reason_language: str | None = None
        # The last flagging pass's state, so a re-flag while transcripts arrive judges only
        # what they changed (see flagging.incremental); the lock: one pass at a time.
        self._flagger: Flagger | None = None
        self._flag_lock = threading.Lock()
        # From this many clips on, passes run in a child process (see flagging.process):
        # below it a pass takes milliseconds and a process would only cost its start.
        self.flag_process_min_clips = FLAG_PROCESS_MIN_CLIPS
        self._flag_process: FlagProcess | None = None
        # Word times for the clips a user opens (see `word_times`); the model loads on use.
        self._word_timer = WordTimer(paths.cache_dir)

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Library:
        paths = prepare(resolve_paths(data_dir))
        store = open_store(paths.db_path, paths.backup_dir)
        library = cls(paths, store)
        with no_import_running(paths) as idle:
            if idle:  # else the scratch files are a running import's (another process)
                mark_interrupted(store)
                library.audio_files.clear_scratch()
        library.reconciled = reconcile(store, paths, library.trash)
        return library

    def close(self) -> None:
        self._cool_down()
        self._word_timer.close()
        with self._flag_lock:
            if self._flag_process is not None:
                self._flag_process.close()
                self._flag_process = None
        self.store.close()

    def warm_up(self) -> None:
        """Start the transcription worker now, for the bundled model, so that it loads (a
        process start and the model: 2-3 s on an idle laptop, over 20 s on a busy one) while
        an import runs; the next `transcribe` or `process` takes it. `scan` does this, and the
        window when an import starts. Not for the multilingual model, whose settings depend
        on the language the import reveals; nothing when transcription is held."""
        if self._warm is not None or JobKind.TRANSCRIBE in self.jobs.held:
            return
        if self.settings().model != BUNDLED_MODEL_NAME:
            return
        self._warm = TranscriptionWorker(self.paths.cache_dir, BUNDLED_MODEL_NAME)
        self._warm.launch()

    def _cool_down(self) -> None:
        warm, self._warm = self._warm, None
        if warm is not None:
            warm.stop(force=True)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def import_export(self, inputs: Sequence[Path], forced_format: str | None = None,
                      progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None,
                      limits: Limits | None = None,
                      feed: ImportFeed | None = None) -> ImportReport:
        refuse_library_inputs(inputs, self.paths.data_dir)
        with import_lock(self.paths, self.store):
            try:
                report = run_import(self.store, self.paths, inputs, forced_format, progress,
                                    cancel, limits, feed)
            except BaseException:
                mark_interrupted(self.store)  # never left "running"; the same import resumes
                raise
        self.last_verification = None
        if not report.cancelled:
            # A newer export is the only way to see whether a vendor deleted what was asked.
            try:
                self.last_verification = self.verify(report.import_id)
            except Exception:  # the import itself succeeded; never lose its report
                log.exception("checking import %s against deletion requests failed",
                              report.import_id)
            self.last_archive_check = self._check_quietly(report.import_id)
        return report

    def import_exports(self, inputs: Sequence[Path], forced_format: str | None = None,
                       progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None,
                       limits: Limits | None = None,
                       feed: ImportFeed | None = None) -> ImportBatchReport:
        """Import whatever the user gave: each export among `inputs` on its own (each through
        `import_export`, with its guards and checks), with its own report; inputs that yield
        nothing are named in `failures`.

        `feed`: told of every committed batch and closed when this returns or raises, for a
        transcription that follows the import (`transcribe(follow=feed)`)."""
        verification: VerifyReport | None = None
        archive_check: voices_api.ArchiveCheck | None = None

        def one(group: list[Path], said: ProgressCallback | None) -> ImportReport:
            nonlocal verification, archive_check
            report = self.import_export(group, forced_format, said, cancel, limits, feed)
            # Several exports: the one that found recordings still there is what to show.
            found = self.last_verification
            if found is not None and (verification is None or found.found
                                      or not verification.found):
                verification = found
            if self.last_archive_check is not None:
                archive_check = self.last_archive_check
            return report

        try:
            batch = run_imports(inputs, one, progress, cancel)
        except BaseException:
            if feed is not None:
                # An import that failed halfway closes it too: what it committed is in the
                # library (and resumes with the same import), and is transcribed.
                feed.close(imported=False)
            raise
        if feed is not None:
            feed.close(imported=bool(batch.exports))
        self.last_verification = verification
        self.last_archive_check = archive_check
        return batch

    def transcribe(self, model: str = "tiny.en", limit: int | None = None,
                   progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                   settings: dict[str, Any] | None = None,
                   on_result: ResultCallback | None = None,
                   worker: TranscriptionWorker | None = None,
                   follow: ImportFeed | None = None,
                   follow_if: FollowIf | None = None) -> TranscribeReport:
        """Transcribe every clip that has audio and no transcript by `model` yet.

        A multilingual model in a library that is not English detects each clip's language
        among the library's language and English (see `EngineSettings.languages`).
        `follow`: an import running meanwhile (its `import_exports(feed=...)`): its clips are
        taken as it commits them, and this returns once it has ended and nothing is left;
        `follow_if`, asked at its first batch, may decline that (see `run_transcription`)."""
        if settings is None and model != BUNDLED_MODEL_NAME:
            main = self.language()
            if main != "en":
                settings = {"languages": [main, "en"]}
        if worker is None and model == BUNDLED_MODEL_NAME and settings is None:
            worker, self._warm = self._warm, None
        else:
            self._cool_down()  # warmed for another model or other settings
        return run_transcription(self.store, self.paths, model, limit, progress, cancel,
                                 settings, on_result, worker, follow, follow_if)

    # --- the library's language ---------------------------------------------------------------

    def language(self, detected: Sequence[str] = ()) -> str:
        """The library's language ("de", "en", ...) from what the clips show; "en" unless
        the evidence for another is clear."""
        guess = guess_language(self.store, detected)
        return guess.language if guess.says(guess.language) else "en"

    def language_proposal(self, sample: int = 0, force: bool = False
                          ) -> LanguageProposal | None:
        """Propose the multilingual model when the library looks non-English (once per
        language: None after `language_proposal_shown`, unless `force`). With `sample`,
        Whisper base also detects the language of that many clips (when it is here)."""
        s = self.settings()
        available = {m.name: m for m in self.models()}
        base = available[MULTILINGUAL_MODEL]
        detected: list[str] = []
        if sample and base.available:
            detected = detect_sample(sample_clip_paths(self.store, self.paths.data_dir, sample),
                                     self.paths.cache_dir)
        guess = guess_language(self.store, detected)
        if not force and s.language_proposed == guess.language:
            return None
        return propose(guess, current_model=s.model,
                       pending_clips=len(pending_clip_ids(self.store, MULTILINGUAL_MODEL)),
                       model_available=base.available, how_to_get=base.how_to_get)

    def language_proposal_shown(self, proposal: LanguageProposal) -> None:
        s = self.settings()
        s.language_proposed = proposal.language
        s.save(self.settings_path)

    def use_multilingual_model(self, proposal: LanguageProposal | None = None) -> None:
        """Use the multilingual model for this library from now on (the proposal, if any,
        counts as answered)."""
        s = self.settings()
        s.model = MULTILINGUAL_MODEL
        if proposal is not None:
            s.language_proposed = proposal.language
        s.save(self.settings_path)
    def process(self, model: str | None = None, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None,
                on_result: Callable[[int], None] | None = None,
                on_flagged: Callable[[FlagReport], None] | None = None,
                reflag_every: int | None = None, flag_after_cancel: bool = False,
                preset: str | None = None, threshold: int | None = None,
                worker: TranscriptionWorker | None = None,
                follow: ImportFeed | None = None,
                follow_if: FollowIf | None = None) -> ProcessReport:
        """The pipeline after an import: transcribe what waits for it, then flag.

        `on_result(clip_id)` after each saved transcript. With `reflag_every`, the library is
        re-flagged once that many new transcripts are saved (`on_flagged` then), so flags
        appear while the transcription goes on: the window wants that, a headless scan does
        not. Those passes are incremental (`reflag`); the one at the end is a full pass. When
        cancelled, flagging is skipped unless `flag_after_cancel`. `follow`, `follow_if`: see
        `transcribe`.

        A re-flag waits for the end of the batch of saved transcripts it falls in (the
        progress report that follows the batch's `on_result` calls): what it reads then has
        every transcript reported before it and none reported after it, so a count kept from
        `on_result` calls and one read by `on_flagged` agree (the window's "N not transcribed
        yet" beside "297 of 400")."""
        since = 0

        def result(clip_id: int, _transcript: object) -> None:
            nonlocal since
            if on_result is not None:
                on_result(clip_id)
            since += 1

        def reported(item: Progress) -> None:
            nonlocal since
            if progress is not None:
                progress(item)
            if reflag_every is not None and since >= reflag_every:
                since = 0
                report = self.reflag()
                if on_flagged is not None:
                    on_flagged(report)

        transcribed = self.transcribe(model or self.settings().model, None, reported, cancel,
                                      on_result=result, worker=worker, follow=follow,
                                      follow_if=follow_if)
        flagged = None
        if not transcribed.cancelled or flag_after_cancel:
            try:  # a cancel during this pass stops it too (unless asked to flag anyway)
                flagged = self.flag(preset, threshold, None if flag_after_cancel else cancel)
            except Cancelled:
                return ProcessReport(transcribed, None)
            if on_flagged is not None:
                on_flagged(flagged)
        return ProcessReport(transcribed, flagged)

    def scan(self, inputs: Sequence[Path], forced_format: str | None = None,
             model: str | None = None, progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None, preset: str | None = None,
             threshold: int | None = None) -> ScanReport:
        """Import, transcribe and flag in one go (`reviewer scan`; the window runs the same
        jobs, showing the import report when the import ends).

        With the bundled model the transcription runs beside the import (`follows_imports`):
        it starts on the first committed batch of clips, takes each later one, and ends when
        the import has ended and nothing is left; then one flagging pass. Another model waits
        for the import (its settings depend on the library's language, which the import
        shows), as every model did before."""
        chosen = model or self.settings().model
        if not self.follows_imports(chosen):
            if model in (None, BUNDLED_MODEL_NAME):
                self.warm_up()  # the bundled model loads while the import runs
            try:
                imported = self.import_exports(inputs, forced_format, progress, cancel)
                processed = None
                if imported.exports and not (cancel is not None and cancel.cancelled):
                    processed = self.process(chosen, progress, cancel, preset=preset,
                                             threshold=threshold)
            finally:
                self._cool_down()  # unused (nothing imported, cancelled): stopped
            return ScanReport(imported, processed)
        said = OverlapProgress(progress)
        feed = ImportFeed()
        transcribed: list[TranscribeReport] = []
        failed: list[BaseException] = []

        def follow() -> None:
            try:
                transcribed.append(self.transcribe(chosen, None, said.transcription, cancel,
                                                   follow=feed))
            except BaseException as exc:  # raised in the caller's thread below
                failed.append(exc)

        follower = threading.Thread(target=follow, name="scan-transcribe", daemon=True)
        follower.start()
        try:
            imported = self.import_exports(inputs, forced_format, said.importing, cancel,
                                           feed=feed)
        finally:
            feed.close(imported=False)  # no-op unless the import raised before closing it
            said.import_ended()
            follower.join()
        if failed:
            raise failed[0]
        processed = None
        if imported.exports and not (cancel is not None and cancel.cancelled):
            report = transcribed[0]
            flagged = None if report.cancelled else self.flag(preset, threshold)
            processed = ProcessReport(report, flagged)
        return ScanReport(imported, processed)

    def language_settled(self, import_ended: bool = True) -> bool | None:
        """Whether a transcription may follow a running import with the current model: the
        window asks, so a German export is not transcribed by the English model before the
        user was asked. False: the library looks non-English and the model is the English
        one (`language_proposal`, whether asked already or not: then the transcription
        starts after the import, as before); True: it does not, and the import has ended or
        brought enough clips to tell (`LANGUAGE_SETTLED_CLIPS`); None: too early to tell."""
        # Asked or not (the question may be open in the window right now): a library that
        # looks non-English is not followed by the English model.
        if self.language_proposal(force=True) is not None:
            return False
        if import_ended or self.count_clips() >= LANGUAGE_SETTLED_CLIPS:
            return True
        return None

    def follows_imports(self, model: str | None = None) -> bool:
        """Whether a transcription by `model` (default: the settings') may run beside an
        import, taking its clips as they are committed: the bundled model, unless
        transcription is held. Other models wait for the import: the multilingual model's
        settings depend on the library's language, which the import reveals."""
        return ((model or self.settings().model) == BUNDLED_MODEL_NAME
                and JobKind.TRANSCRIBE not in self.jobs.held)

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
        return self.paths.settings_path

    def settings(self) -> Settings:
        return Settings.load(self.settings_path)

    def weights(self) -> Weights:
        return load_weights(self.paths.weights_path)

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
        with self._flag_lock:
            apply_threshold(self.store, value)
            if self._flagger is not None:
                self._flagger.set_threshold(value)
            self._drop_dead_flag_process()
            if self._flag_process is not None:
                self._flag_process.set_threshold(value)
        return value

    def flag(self, preset: str | None = None, threshold: int | None = None,
             cancel: CancelToken | None = None) -> FlagReport:
        """Recompute every clip's signals and score, then flag at the chosen threshold.

        `cancel` stops the pass between chunks (raising `Cancelled`): each clip keeps its old
        result or its new one, and `flag_pass_unfinished` says so until a pass completes (the
        window starts one on its next start)."""
        if preset is not None or threshold is not None:
            self.set_threshold(preset, threshold)
        self._note_flag_pass(unfinished=True)
        report = self._flag_pass(full=True, cancel=cancel)
        self._note_flag_pass(unfinished=False, reasons=self.reason_language or "")
        return report

    def flag_pass_unfinished(self) -> bool:
        """A full flagging pass was stopped (cancelled, or the app quit) before it ended:
        some clips may still hold results of the older one. Flag again."""
        return self.settings().flag_unfinished and self.count_clips() > 0

    def _note_flag_pass(self, unfinished: bool, reasons: str | None = None) -> None:
        s = self.settings()
        if s.flag_unfinished == unfinished and reasons in (None, s.reasons_language):
            return
        s.flag_unfinished = unfinished
        if reasons is not None:
            s.reasons_language = reasons
        s.save(self.settings_path)

    def reasons_outdated(self) -> bool:
        """The stored reasons were written for another language than `reason_language`
        (the interface's language changed since the last flagging): flag again."""
        return (self.settings().reasons_language != (self.reason_language or "")
                and self.count_clips() > 0)

    def reflag(self) -> FlagReport:
        """Flag again after new transcripts: only the clips they can have changed are judged
        again (the same scores as `flag`, in a fraction of the time); a full pass when there
        was none yet, or the weights or threshold changed since."""
        return self._flag_pass(full=False)

    def _flag_pass(self, full: bool, cancel: CancelToken | None = None) -> FlagReport:
        weights, threshold, language = self.weights(), self.threshold(), self.reason_language
        with self._flag_lock:
            self._drop_dead_flag_process()
            if self._flag_process is None and self.count_clips() >= self.flag_process_min_clips:
                self._flagger = None  # its state lives in the child from now on
                self._flag_process = FlagProcess(self.paths.db_path, self.paths.backup_dir)
            if self._flag_process is not None:
                return self._flag_process.run(full, weights, threshold, language, cancel)
            self._flagger, report = run_pass(self._flagger, self.store, full, weights,
                                             threshold, language, cancel)
            return report

    def _drop_dead_flag_process(self) -> None:
        """A child that died (killed, out of memory) is let go, so the next pass starts a
        new one (with a full pass) instead of every pass failing until the app restarts."""
        if self._flag_process is not None and not self._flag_process.alive:
            self._flag_process.close()
            self._flag_process = None

    def explain(self, clip_id: int) -> tuple[ClipInfo, Scorecard]:
        facts = load_facts(self.store)
        index = next((i for i, f in enumerate(facts) if f.clip_id == clip_id), None)
        clip = self.clip(clip_id)
        if index is None or clip is None:
            raise LookupError(f"there is no clip {clip_id} in this library")
        # Scored with every other clip: a dialogue's turns are judged together.
        return clip, score_all(facts, self.weights(), self.reason_language)[index]

    def clip(self, clip_id: int) -> ClipInfo | None:
        with self.store.session() as s:
            found = s.get(Clip, clip_id)
            return ClipInfo.of(found) if found is not None else None

    def vendors_of(self, clip_ids: Sequence[int]) -> set[str]:
        """Which vendors the clips come from ("amazon", "google", "folder")."""
        found: set[str] = set()
        with self.store.session() as s:
            for chunk in chunked(clip_ids):
                found.update(s.scalars(select(Clip.vendor).where(Clip.id.in_(chunk))
                                       .distinct()))
        return found

    def decide(self, clip_ids: Sequence[int], decision: Decision | str | None) -> int:
        """Answer "what happens to my copy" for clips: ACCIDENTAL (delete it; the flagger
        learns "accidental"), KEEP, or None to clear both answers (undecided).
        DELETE_REQUEST answers the other question instead, as `ask_vendor(ids, True)`.

        One call is one undo step, however many clips it touches; the number of clips found."""
        try:
            decision = Decision(decision) if decision is not None else None
        except ValueError:
            raise ValueError(f"unknown decision {decision!r}") from None
        if decision == Decision.DELETE_REQUEST:
            return self.ask_vendor(clip_ids, True)
        if decision is None:
            return self._answer(clip_ids, decision=None, ask=None)
        return self._answer(clip_ids, decision=decision.value)

    def answer_clips(self, clip_ids: Sequence[int], key: Decision | str | None) -> Answered:
        """A decision key on clips, as the window's keys mean it: A (ACCIDENTAL), G (KEEP),
        U (None) as `decide`; R (DELETE_REQUEST) asks the vendor to delete the vendor clips
        among them, or no longer asks when all of them are asked about already. One undo
        step; what it did, counted (on a whole library's selection this takes seconds: the
        window runs it as a background job, see core.jobs)."""
        key = Decision(key) if key is not None else None
        if key == Decision.DELETE_REQUEST:
            rows = [r for r in self.rows(clip_ids).values() if r.vendor in REQUESTABLE]
            ask = not all(asks_vendor(r) for r in rows)
            if rows:
                self.ask_vendor([r.id for r in rows], ask)
            return Answered(key, [r.id for r in rows], len(rows) if ask else 0, ask)
        self.decide(clip_ids, key)
        asked = sum(1 for r in self.rows(clip_ids).values() if asks_vendor(r)) \
            if key == Decision.ACCIDENTAL else 0
        return Answered(key, list(clip_ids), asked)

    def next_undo_size(self) -> int:
        """How many clips the decision `undo` would put back touches (0: none to undo)."""
        with self.store.session() as s:
            batch = s.scalar(select(func.max(DecisionLog.batch))
                             .where(DecisionLog.undone.is_(False),
                                    DecisionLog.with_delete.is_(None)))
            if batch is None:
                return 0
            return int(s.scalar(select(func.count()).where(DecisionLog.batch == batch)) or 0)

    def ask_vendor(self, clip_ids: Sequence[int], ask: bool | None) -> int:
        """Answer "do I ask the vendor to delete their copy" for clips (None: back to the
        default, which is yes for an accidental vendor clip). Clips from a folder have no
        vendor to ask and keep no answer. My-copy answers stay as they are."""
        return self._answer(clip_ids, ask=ask)

    def _answer(self, clip_ids: Sequence[int], *, decision: str | _Same | None = SAME,
                ask: bool | _Same | None = SAME, with_delete: int | None = None) -> int:
        """Change one or both answers, logged as one undo batch; the clips found."""
        now = datetime.now(UTC)
        with self.store.transaction() as s:
            before: dict[int, tuple[str | None, bool | None, str]] = {}
            for chunk in chunked(sorted(set(clip_ids))):
                before.update((cid, (old, old_ask, vendor)) for cid, old, old_ask, vendor in
                              s.execute(select(Clip.id, Clip.decision, Clip.ask_vendor,
                                               Clip.vendor).where(Clip.id.in_(chunk))))
            if not before:
                return 0
            after: dict[int, tuple[str | None, bool | None]] = {}
            for cid, (old, old_ask, vendor) in before.items():
                new = old if isinstance(decision, _Same) else decision
                new_ask = old_ask if isinstance(ask, _Same) else ask
                if vendor not in REQUESTABLE:
                    new_ask = None  # nobody to ask: an answer would only mislead
                after[cid] = (new, new_ask)
            batch = (s.scalar(select(func.max(DecisionLog.batch))) or 0) + 1
            # One executemany, not an ORM object per clip: 50,000 clips in well under a second.
            s.execute(insert(DecisionLog), [
                {"batch": batch, "clip_id": cid, "before": before[cid][0],
                 "before_ask": before[cid][1], "after": new, "after_ask": new_ask,
                 "with_delete": with_delete}
                for cid, (new, new_ask) in after.items()])
            self._set_answers(s, after, now)
            return len(before)

    @staticmethod
    def _set_answers(s: Session, answers: dict[int, tuple[str | None, bool | None]],
                     now: datetime) -> None:
        """Write (decision, ask_vendor) per clip: one UPDATE per distinct pair and chunk."""
        groups: dict[tuple[str | None, bool | None], list[int]] = {}
        for cid, pair in answers.items():
            groups.setdefault(pair, []).append(cid)
        for (decision, ask), ids in groups.items():
            answered = decision is not None or ask is not None
            for chunk in chunked(ids):
                s.execute(update(Clip).where(Clip.id.in_(chunk)).values(
                    decision=decision, ask_vendor=ask, decided_at=now if answered else None))

    def undo_decision(self) -> list[int]:
        """Put back the answers changed by the last batch not yet undone; their ids.
        A batch made with a delete is undone with that delete (see `undo`), never alone."""
        with self.store.transaction() as s:
            batch = s.scalar(select(func.max(DecisionLog.batch))
                             .where(DecisionLog.undone.is_(False),
                                    DecisionLog.with_delete.is_(None)))
            if batch is None:
                return []
            return self._undo_batches(s, [batch])

    def _undo_batches(self, s: Session, batches: Sequence[int]) -> list[int]:
        entries = s.execute(select(DecisionLog.clip_id, DecisionLog.before,
                                   DecisionLog.before_ask)
                            .where(DecisionLog.batch.in_(batches))
                            .order_by(DecisionLog.batch.desc(), DecisionLog.id)).all()
        answers: dict[int, tuple[str | None, bool | None]] = {}
        for cid, old, old_ask in entries:
            answers[cid] = (old, old_ask)  # newest batch first: the oldest "before" wins
        self._set_answers(s, answers, datetime.now(UTC))
        s.execute(update(DecisionLog).where(DecisionLog.batch.in_(batches))
                  .values(undone=True))
        return list(dict.fromkeys(cid for cid, _old, _ask in entries))

    def next_undo(self) -> UndoKind | None:
        """What `undo` would undo: the newer of the last decision not yet undone and the last
        delete (while that can still be undone); None when there is nothing."""
        last = self.last_delete()
        delete_at = last.created_at if last is not None and last.can_undo else None
        decided_at = self.last_decision_at()
        if delete_at is None:
            return "decision" if decided_at is not None else None
        return "delete" if decided_at is None or delete_at >= decided_at else "decision"

    def undo(self) -> UndoOutcome:
        """Undo the newest of the last decision and the last delete (see `next_undo`).
        Undoing a delete moves files back from the trash: run it off the GUI thread."""
        kind = self.next_undo()
        if kind == "delete":
            report = self.undo_delete()
            if report.ok and report.batch_id is not None:
                self._undo_marks_of_delete(report.batch_id)
            return UndoOutcome(kind, list(report.restored), report)
        if kind == "decision":
            return UndoOutcome(kind, self.undo_decision())
        return UndoOutcome(None, [])

    def _undo_marks_of_delete(self, delete_batch: int) -> None:
        """The answers given with a delete ("and ask the vendor") go back with it."""
        with self.store.transaction() as s:
            batches = list(s.scalars(select(DecisionLog.batch).distinct().where(
                DecisionLog.with_delete == delete_batch, DecisionLog.undone.is_(False))))
            if batches:
                self._undo_batches(s, batches)

    def last_decision_at(self) -> datetime | None:
        """When the newest decision that undo would put back was made (None: nothing)."""
        with self.store.session() as s:
            return s.scalar(select(func.max(DecisionLog.at))
                            .where(DecisionLog.undone.is_(False),
                                   DecisionLog.with_delete.is_(None)))

    def calibrate(self, save: bool = True) -> Calibration:
        """Refit the weights from the user's keep/accidental decisions (see calibrate.py).
        Only the my-copy answer teaches it (A / G): whether the vendor is asked to delete
        theirs says nothing about how the clip came to be recorded."""
        with self.store.session() as s:
            rows = s.execute(select(Clip.id, Clip.reasons, Clip.decision)
                             .where(Clip.decision.in_((Decision.ACCIDENTAL, Decision.KEEP)),
                                    Clip.status != ClipStatus.DELETED)).all()
        examples = [Example(cid, frozenset(r["code"] for r in reasons or []
                                           if r["code"] != "acted_on"),
                            decision == Decision.ACCIDENTAL)
                    for cid, reasons, decision in rows]
        result = calibrate(examples, self.weights(), self.threshold())
        if save and result.improved:
            path = self.paths.weights_path
            path.write_text(json.dumps(result.weights.to_json(), indent=2), encoding="utf-8")
            settings = self.settings()
            settings.flag_preset, settings.flag_threshold = "custom", result.weights.threshold
            settings.save(self.settings_path)
            self.flag()
        return result

    def transcripts(self, clip_id: int) -> list[TranscriptInfo]:
        """Every transcription of the clip, oldest first."""
        with self.store.session() as s:
            return [TranscriptInfo.of(t) for t in s.scalars(
                select(Transcript).where(Transcript.clip_id == clip_id)
                .order_by(Transcript.created_at))]

    def word_times(self, clip_id: int) -> list[dict[str, Any]] | None:
        """The word times of the clip's newest transcript: stored ones, or computed now (with
        the same model, trim and encoder context as the transcript; tens of ms on a short
        clip, plus loading the model the first time) and stored. None: no transcript with
        words to time (none, no speech, an error) or no audio. Slow: not on the GUI thread."""
        with self.store.session() as s:
            row = s.execute(
                select(Transcript, Clip.audio_path).join(Clip, Clip.id == Transcript.clip_id)
                .where(Transcript.clip_id == clip_id, Clip.status != ClipStatus.DELETED)
                .order_by(Transcript.created_at.desc(), Transcript.id.desc()).limit(1)).first()
        if row is None or row[0].status != TranscriptStatus.DONE:
            return None
        t, rel = row
        if t.words_computed:
            return list(t.words or [])
        if not rel:
            return None
        words = self._word_timer.compute(self.audio_files.absolute(rel), t.model,
                                         dict(t.settings or {}), list(t.segments or []),
                                         t.language)
        with self.store.write_transaction() as s:
            # Unless the clip was deleted or transcribed again meanwhile.
            s.execute(update(Transcript).where(Transcript.id == t.id,
                                               Transcript.words_computed.is_(False))
                      .values(words=words, words_computed=True))
        return words

    def clips(self, query: ClipQuery = ClipQuery()) -> list[ClipInfo]:
        with self.store.session() as s:
            return [ClipInfo.of(c) for c in s.scalars(clip_select(query))]

    def rows(self, clip_ids: Sequence[int]) -> dict[int, ClipRow]:
        """The review table's columns for these clips (ids not found are left out)."""
        found: dict[int, ClipRow] = {}
        with self.store.session() as s:
            for chunk in chunked(clip_ids):
                for values in s.execute(select(*_ROW_COLUMNS).where(Clip.id.in_(chunk))):
                    found[values[0]] = ClipRow(*values)
        return found

    def timeline(self, bucket: BucketSize = "day", min_score: int | None = None,
                 tz_offset_minutes: int = 0, query: ClipQuery | None = None,
                 zone: tzinfo | None = None) -> list[Bucket]:
        """Clips per local day or week (see core.timeline): in `zone` (each clip by its own
        offset, DST included; `local_zone()` is the user's) or at a fixed offset."""
        return timeline_counts(self.store, bucket, min_score, tz_offset_minutes, query, zone)

    def has_pending_work(self, model: str | None = None) -> bool:
        """Whether some clip with audio still waits for a transcript by `model` (default: the
        model in the settings)."""
        return bool(pending_clip_ids(self.store, model or self.settings().model, limit=1))

    def clip_ids(self, query: ClipQuery = ClipQuery()) -> list[int]:
        """Just the ids, in order: what a view over 100,000 clips needs up front."""
        with self.store.session() as s:
            # Core rows, not ORM ones: on 100,000 ids the ORM's per-row Python (which holds
            # the GIL the window's thread needs) took 460 of 680 ms; Core takes 350 in all.
            stmt = clip_select(query).with_only_columns(Clip.id)
            return list(s.connection().execute(stmt).scalars())

    def dialogues(self, clip_ids: Sequence[int]) -> dict[int, Dialogue]:
        """The dialogues that these clips begin (clips that begin none are left out)."""
        found: dict[int, list[DialogueTurn]] = {}
        action: dict[int, str | None] = {}
        with self.store.session() as s:
            for chunk in chunked(list(clip_ids)):
                rows = s.execute(
                    select(Clip.id, Clip.dialogue, Clip.recorded_at, Clip.vendor_transcript,
                           Clip.vendor_extra, Clip.action_text)
                    .where(Clip.dialogue.in_(chunk), not_deleted())
                    .order_by(Clip.recorded_at, Clip.id))
                for cid, head, when, said, extra, text in rows:
                    replies = vendor_replies(extra or {})
                    found.setdefault(head, []).append(DialogueTurn(
                        cid, when, said, " / ".join(replies) if replies else None))
                    if cid == head:
                        action[head] = text
        return {head: Dialogue(head, tuple(turns), action.get(head))
                for head, turns in found.items() if len(turns) > 1}

    def count_clips(self, query: ClipQuery = ClipQuery()) -> int:
        # COUNT over the WHERE terms alone: counting a subquery of clip_select made SQLite
        # build and sort every selected row first (its LIMIT -1 OFFSET 0 stops the subquery
        # being flattened): 100,000 clips, 190-290 ms a count; this way 9-35 ms.
        stmt = select(func.count()).select_from(Clip).where(*clip_conditions(query))
        with self.store.session() as s:
            return int(s.scalar(stmt) or 0)

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

    def audio_path(self, clip: ClipInfo) -> Path | None:
        return self.audio_files.absolute(clip.audio_path) if clip.audio_path else None

    # --- exporting clips (core.clip_export) --------------------------------------------------

    def export_clips(self, clip_ids: Sequence[int], out_dir: Path, *, as_zip: bool = False,
                     audio: AudioChoice = "original", progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> ClipExportReport:
        """Write the clips' recordings and a CSV of their metadata and transcripts as a new
        folder (or zip, `as_zip`) inside `out_dir`, in the order given; `audio="wav"`
        converts the recordings to WAV. Deleted clips and unknown ids are left out."""
        found: dict[int, ClipInfo] = {}
        with self.store.session() as s:
            for chunk in chunked(list(dict.fromkeys(clip_ids))):
                found.update((c.id, ClipInfo.of(c)) for c in s.scalars(
                    select(Clip).where(Clip.id.in_(chunk), not_deleted())))
        clips = [found[i] for i in dict.fromkeys(clip_ids) if i in found]
        return export_clips(clips, self.audio_path, out_dir, as_zip=as_zip, audio=audio,
                            library_dir=self.paths.data_dir, progress=progress, cancel=cancel)

    # --- deleting (core.deletion) ------------------------------------------------------------

    def delete(self, clip_ids: Sequence[int], permanent: bool | None = None,
               from_export: bool = False,
               progress: ProgressCallback | None = None,
               ask_vendor: bool = False) -> DeleteReport:
        """Delete clips: audio, transcripts and derived data go (to the trash unless
        `permanent`; None: as the settings say); each clip stays as a tombstone. With
        `from_export`, also remove their recordings from the export files they came from.
        With `ask_vendor`, the deleted clips are also marked for a deletion request, as part
        of the same step: undoing the delete takes that mark back too."""
        if permanent is None:
            permanent = not self.settings().delete_to_trash
        report = delete_clips(self.store, self.paths, clip_ids, permanent=permanent,
                              from_export=from_export, trash=self.trash, progress=progress)
        if ask_vendor and report.deleted and report.batch_id is not None:
            self._answer(report.deleted, ask=True, with_delete=report.batch_id)
        return report

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
            self.store, law=_law(region or s.region),
            language=language or s.request_language or self._letter_language(),
            name=name or s.request_name or None, email=email or s.request_email or None,
            today=self.today())

    def _letter_language(self) -> str:
        """Letters in the library's language when there are letters in it, else English."""
        main = self.language()
        return main if main in LANGUAGES else "en"

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
        return self.paths.requests_dir

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

    # --- voices and "is this export yours?" (core.voices) ------------------------------------

    def analyse_voices(self, progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None,
                       limit: int | None = None) -> EmbedReport:
        """Embed every clip's voice not embedded yet (resumable), then group the voices."""
        return voices_api.analyse(self.store, self.paths, progress, cancel, limit)

    def voices(self) -> VoicesSummary:
        return voices_api.list_voices(self.store)

    def name_voice(self, voice_id: int, label: str) -> str | None:
        """Name a voice: "me", "household", "guest" (or "tv"), "not-ours"; "none" clears."""
        return voices_api.name_voice(self.store, voice_id, label)

    def voice_clip_ids(self, voice_id: int) -> list[int]:
        return voices_api.voice_clip_ids(self.store, voice_id)

    def enrol_voice(self, clip_ids: Sequence[int]) -> int:
        """Average 3+ of the user's own clips into their voice ("me")."""
        return voices_api.enrol(self.store, list(clip_ids))

    def forget_enrolment(self) -> bool:
        return voices_api.forget_enrolment(self.store)

    def check_archive(self, import_id: int | None = None) -> ArchiveCheck | None:
        """Verdicts on an import (default: the newest), from its records and its voices."""
        target = import_id if import_id is not None else voices_api.latest_import(self.store)
        return None if target is None else voices_api.check_import(self.store, target)

    def device_overview(self) -> list[DeviceInfo]:
        """Devices seen in recordings and on the vendors' device lists, with the user's
        answer about each ("ours" / "not ours")."""
        return voices_api.list_devices(self.store)

    def mark_device(self, device: str, answer: str) -> DeviceInfo:
        """Say whether a device (serial or name) is the user's: "ours", "not-ours", "none"."""
        return voices_api.mark_device(self.store, device, answer)

    def archive_notice(self, check: ArchiveCheck, language: str = "en") -> str:
        """The notice to the vendor ("you sent me another person's data") as plain text."""
        s = self.settings()
        return render_text(voices_api.build_notice(
            self.store, check, language, s.request_name or None, s.request_email or None,
            self.today()))

    def _check_quietly(self, import_id: int) -> ArchiveCheck | None:
        try:
            return voices_api.check_import(self.store, import_id)
        except Exception:  # the import itself succeeded; never lose its report
            log.exception("checking import %s for someone else's data failed", import_id)
            return None

    def imports(self) -> list[ImportSummary]:
        """Every import with its counts: database queries only, no walk over the audio
        folder, so the window can refresh it whenever results arrive."""
        live = not_deleted()
        # Clips whose time is unknown hold a placeholder that is no time: not in the range.
        known_time = case((Clip.time_unknown.is_(False), Clip.recorded_at))
        with self.store.session() as s:
            rows = s.execute(
                select(ImportRecord,
                       func.count(Clip.id),
                       func.count(Clip.audio_path),
                       func.min(known_time),
                       func.max(known_time))
                .outerjoin(Clip, (Clip.import_id == ImportRecord.id) & live)
                .group_by(ImportRecord.id).order_by(ImportRecord.id)).all()
            devices: dict[int, list[str]] = {}
            for import_id, device in s.execute(
                    select(Clip.import_id, Clip.device).where(Clip.device.is_not(None), live)
                    .distinct().order_by(Clip.device)):
                if device is not None:
                    devices.setdefault(import_id, []).append(device)
        return [
            ImportSummary(
                id=rec.id, label=rec.label, format=rec.format, status=rec.status,
                started_at=rec.started_at, account=rec.account, clips=n, with_audio=n_audio,
                first=aggregate_utc(first), last=aggregate_utc(last),
                devices=devices.get(rec.id, []),
                problems=int(rec.report.get("problems_total", 0)))
            for rec, n, n_audio, first, last in rows]

    def import_clip_ids(self, import_id: int) -> tuple[list[int], list[int]]:
        """The live clips of an import: (those no other import holds, those another import
        holds too). Removing an import deletes the first and leaves the second."""
        others = select(ImportMember.clip_id).where(ImportMember.import_id != import_id)
        with self.store.session() as s:
            rows = s.execute(
                select(ImportMember.clip_id, ImportMember.clip_id.in_(others))
                .join(Clip, Clip.id == ImportMember.clip_id)
                .where(ImportMember.import_id == import_id, not_deleted())
                .order_by(ImportMember.clip_id)).all()
        return [c for c, shared in rows if not shared], [c for c, shared in rows if shared]

    def import_counts(self, threshold: int) -> dict[int, ImportCounts]:
        """Per import: the clips that were in it (new or already known), how many of them
        are flagged and acted on at `threshold`. One GROUP BY for all imports."""
        flagged = flagged_at(threshold)
        acted = flagged & Clip.action.is_not(None)
        with self.store.session() as s:
            rows = s.execute(
                select(ImportMember.import_id, func.count(),
                       func.sum(case((flagged, 1), else_=0)),
                       func.sum(case((acted, 1), else_=0)))
                .join(Clip, Clip.id == ImportMember.clip_id)
                .where(not_deleted()).group_by(ImportMember.import_id)).all()
        return {iid: ImportCounts(int(n), int(f or 0), int(a or 0)) for iid, n, f, a in rows}

    def review_snapshot(self, query: ClipQuery, threshold: int, bucket: BucketSize = "day",
                        tz_offset_minutes: int = 0, zone: tzinfo | None = None
                        ) -> ReviewSnapshot:
        """The window's lists and counts at `threshold` (see ReviewSnapshot)."""
        return ReviewSnapshot(
            query=query, threshold=threshold, ids=self.clip_ids(query), imports=self.imports(),
            import_counts=self.import_counts(threshold),
            buckets=self.timeline(bucket, threshold, tz_offset_minutes, zone=zone),
            total=self.count_clips(),
            flagged=self.count_clips(ClipQuery(flagged=True, min_score=threshold)),
            waiting=self.count_clips(ClipQuery(waiting=True)))

    def info(self) -> LibraryInfo:
        """The import summary plus totals and the sizes on disk (walks the audio folder:
        for `reviewer info`, not for a window refreshing while results arrive)."""
        live = not_deleted()
        imports = self.imports()
        with self.store.session() as s:
            total = s.scalar(select(func.count(Clip.id)).where(live)) or 0
            deleted = s.scalar(select(func.count(Clip.id)).where(~live)) or 0
            flagged = s.scalar(select(func.count(Clip.id)).where(Clip.flagged.is_(True))) or 0
            unflagged = s.scalar(select(func.count(Clip.id))
                                 .where(Clip.flagged.is_(None), live)) or 0
        return LibraryInfo(
            data_dir=self.paths.data_dir, db_path=self.paths.db_path,
            db_bytes=_size(self.paths.db_path) + _size(Path(f"{self.paths.db_path}-wal")),
            audio_bytes=sum(_size(p) for p in self.paths.audio_dir.rglob("*") if p.is_file()),
            clips=total, flagged=flagged, unflagged=unflagged, imports=imports,
            deleted=deleted)


_ROW_COLUMNS = tuple(awaiting_transcript().label("waiting") if f.name == "waiting"
                     else getattr(Clip, f.name) for f in fields(ClipRow))


def _law(region: str) -> str:
    try:
        return law_for_region(region)
    except ValueError as exc:
        raise RequestError(str(exc)) from None


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


__all__ = ["ArchiveCheck", "ClipQuery", "ClipStatus", "Decision", "DeviceError", "DeviceInfo",
           "Dialogue", "DialogueTurn", "EmbedReport", "ImportReport",
           "ImportSummary", "Library", "LibraryInfo", "VoiceError", "VoiceInfo", "VoicesSummary",
           "fts_query"]
