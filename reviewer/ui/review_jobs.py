"""The main window's review work in the background: transcription, flagging, voices,
learning from decisions, and swapping their results into the table without moving the
user (`_hold_still`).

A mixin of MainWindow (reviewer/ui/main_window.py); the jobs read the view's state in
their own thread (`review_progress`) so the GUI thread only swaps the result in."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QTimeZone
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from reviewer.core.api import (
    REFLAG_EVERY,
    ArchiveCheck,
    Calibration,
    Cancelled,
    CancelToken,
    FlagReport,
    JobKind,
    ProcessReport,
    ReviewSnapshot,
    local_zone,
)
from reviewer.ui.i18n import number_text
from reviewer.ui.voices_panel import VoicesDialog

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class ReviewJobs:
    """MainWindow's review jobs (see the module's docstring)."""

    def _resume_background_work(self: MainWindow) -> None:
        if self.library.has_pending_work(self.settings.model):
            self.start_transcription()
        elif self.library.reasons_outdated() or self.library.flag_pass_unfinished():
            # the interface's language changed (re-word), or the last pass was stopped
            self.start_flagging()
        elif self.library.voices().pending:
            self.start_voices()

    def start_transcription(self: MainWindow) -> None:
        """Transcribe what waits and flag (re-flagging as results arrive): the library's
        pipeline, in the background."""
        model = self.settings.model
        feed = self._import_feed  # an import runs: follow it (its clips, batch by batch)
        if feed is None or feed.closed or not self.library.follows_imports(model):
            feed = None

        def body(progress: Any, cancel: CancelToken) -> ProcessReport:
            return self.library.process(
                model, progress, cancel, on_result=progress,
                on_flagged=lambda report: progress(self.review_progress(report)),
                reflag_every=REFLAG_EVERY, follow=feed,
                follow_if=self.library.language_settled)

        job = self._start_job(JobKind.TRANSCRIBE, body)
        if job is not None:
            job.progress.connect(self._transcribe_progress)
            job.succeeded.connect(self._processed)

    def _processed(self: MainWindow, report: ProcessReport) -> None:
        if self._switch_model:  # stopped for another model: start that one
            self._switch_model = False
            self.start_transcription()
            return
        if report.flagged is None:  # stopped by the user: flag what was transcribed so far
            self.start_flagging()
        self.start_voices()

    def _transcribe_progress(self: MainWindow, item: object) -> None:
        if isinstance(item, int):  # a finished clip: show its transcript at once
            self.model.refresh_clips([item])
            if item == self.current_clip_id():
                self._current_changed(self.table.currentIndex(), QModelIndex())
            # ... and one fewer "not transcribed yet" beside the job's "297 of 400" (it was
            # counted again only with the next flags, up to 40 clips later). The re-flag's
            # snapshot, read after the clips reported so far, sets the count exactly again.
            total, flagged, waiting = self._totals
            if waiting:
                self._show_counts((total, flagged, waiting - 1))
        elif isinstance(item, ReviewSnapshot):  # re-scored: flags, counts, charts follow
            self._apply_snapshot(item)

    def _snapshot(self: MainWindow) -> ReviewSnapshot:
        return self.library.review_snapshot(self.model.live_query(), self.model.threshold,
                                            self.timeline.bucket_size(), zone=_local_zone())

    def review_progress(self: MainWindow, _report: FlagReport) -> ReviewSnapshot:
        """In the job's thread, after a (re-)flag: read everything the window shows that
        flagging changed, so the GUI thread only swaps it in (on 100,000 clips these reads
        take a good part of a second). Reads the view's state as plain attributes."""
        return self._snapshot()

    def _apply_snapshot(self: MainWindow, snap: ReviewSnapshot | None) -> None:
        if self._closing or snap is None:  # closing, or cancelled: nothing new to show
            return
        if snap.query != self.model.live_query() or snap.threshold != self.model.threshold:
            self._after_flagging()  # the user changed the view meanwhile: read it afresh
            return
        if snap.total and self.stack.currentIndex() != 1:
            self.refresh_all()  # the first clips of an import, transcribed while it runs
            return
        self._hold_still(lambda: self.model.set_ids(snap.ids))
        self._fill_imports(snap.imports, snap.import_counts)
        self.timeline.set_buckets(snap.buckets)
        self._show_counts((snap.total, snap.flagged, snap.waiting))

    def start_flagging(self: MainWindow) -> None:
        def body(_progress: Any, cancel: CancelToken) -> ReviewSnapshot | None:
            try:
                return self.review_progress(self.library.flag(cancel=cancel))
            except Cancelled:  # Cancel or quit: the next start flags again
                return None

        job = self._start_job(JobKind.FLAG, body, quiet=True)
        if job is not None:
            job.succeeded.connect(self._apply_snapshot)

    def start_voices(self: MainWindow) -> None:
        """After transcription: embed the new clips' voices and check the newest export."""
        def body(progress: Any, cancel: CancelToken) -> object:
            self.library.analyse_voices(progress=progress, cancel=cancel)
            return self.library.check_archive()

        job = self._start_job(JobKind.VOICES, body)
        if job is not None:
            job.succeeded.connect(self._voices_done)

    def _voices_done(self: MainWindow, check: object) -> None:
        self.archive_banner.show_check(check if isinstance(check, ArchiveCheck) else None)
        dialog = getattr(self, "voices_dialog", None)
        if dialog is not None:
            dialog.refresh()

    def show_voices(self: MainWindow) -> None:
        dialog = getattr(self, "voices_dialog", None)
        if dialog is None:
            self.voices_dialog = dialog = VoicesDialog(self.library, self,
                                                       self.selected_clip_ids)
            dialog.exampleRequested.connect(self._select_clip)
            dialog.namesChanged.connect(
                lambda: self.archive_banner.show_check(self.library.check_archive()))
        else:
            dialog.refresh()
        dialog.show()
        dialog.raise_()

    def _hold_still(self: MainWindow, reload: Callable[[], None]) -> None:
        """Re-read the rows (new flags re-order them) without moving the user: the selected
        clips stay selected, and the current one stays current, at the same height in the
        view. Only if the current clip left the list does the one now in its row take over
        (as after a delete)."""
        index = self.table.currentIndex()
        current = self.model.clip_id(index.row()) if index.isValid() else None
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        selected = [cid for r in rows if (cid := self.model.clip_id(r)) is not None]
        height = max(1, self.table.rowHeight(index.row())) if index.isValid() else 1
        offset = self.table.rowViewportPosition(index.row()) if index.isValid() else -1
        reload()
        if current is None or not self.model.rowCount():
            return
        row = self.model.row_of(current)
        if row is None:
            row = min(index.row(), self.model.rowCount() - 1)
            selected = []
        keep = sorted({r for cid in selected if (r := self.model.row_of(cid)) is not None}
                      | {row})
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = prev = keep[0]
        for r in [*keep[1:], None]:  # contiguous runs: Ctrl+A over 100,000 rows is one range
            if r is not None and r == prev + 1:
                prev = r
                continue
            selection.select(self.model.index(start, 0), self.model.index(prev, last))
            if r is not None:
                start = prev = r
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        model.setCurrentIndex(self.model.index(row, max(index.column(), 0)),
                              QItemSelectionModel.SelectionFlag.NoUpdate)
        target = self.model.index(row, 0)
        if 0 <= offset < self.table.viewport().height():
            # Where it was on screen: the rows above it may have changed, it has not.
            top = max(0, row - offset // height)
            self.table.scrollTo(self.model.index(top, 0),
                                QAbstractItemView.ScrollHint.PositionAtTop)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)

    def _after_flagging(self: MainWindow) -> None:
        self._hold_still(self.model.reload)
        self.refresh_imports()
        self.refresh_timeline()
        self._update_counts()

    def calibrate(self: MainWindow) -> None:
        """Refit the weights and re-score every clip: seconds on a big library, so in the
        background; the result is shown when it is done."""
        def body(_progress: Any, _cancel: CancelToken) -> tuple[Calibration, ReviewSnapshot]:
            return self.library.calibrate(), self._snapshot()

        job = self._start_job(JobKind.CALIBRATE, body, quiet=True)
        if job is not None:
            job.succeeded.connect(self._calibrated)

    def _calibrated(self: MainWindow, outcome: tuple[Calibration, ReviewSnapshot]) -> None:
        result, snapshot = outcome
        b, a = result.before, result.after
        verdict = (self.tr("The new weights are in use.") if result.improved else
                   self.tr("They were not better on the clips held back, so nothing changed."))
        self.calibration_box = box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Learn from my decisions"),
            self.tr("Tested on %Ln of your decisions the fit never saw:", "",
                    result.holdout_size) + "\n"
            + self.tr("before: precision {precision}, recall {recall}").format(
                precision=number_text(b.precision, 2), recall=number_text(b.recall, 2)) + "\n"
            + self.tr("after: precision {precision}, recall {recall}").format(
                precision=number_text(a.precision, 2), recall=number_text(a.recall, 2))
            + f"\n\n{verdict}", parent=self)
        box.setObjectName("calibrationResult")
        box.setModal(False)
        box.show()
        self._apply_snapshot(snapshot)


def _local_zone() -> tzinfo:
    """The user's time zone (Qt knows its name on every system): the timeline cuts each
    clip's day by the offset of its own date, so DST never moves a late clip a day."""
    return local_zone(bytes(QTimeZone.systemTimeZoneId().data()).decode() or None)
