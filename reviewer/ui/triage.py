"""Triage in the main window: which clips are selected and current, J/K, the decision keys
(A, G, U, R) and Ctrl+Z for decisions (on DECIDE_IN_BACKGROUND clips or more, written by a
DECIDE job so the window stays live).

A mixin of MainWindow (reviewer/ui/main_window.py). Every decision goes through the
library's job queue first (`_may_decide`): a running delete makes them wait."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex

from reviewer.core.api import (
    DECIDE_IN_BACKGROUND,
    Answered,
    CancelToken,
    Decision,
    JobKind,
    TranscriptInfo,
    UndoOutcome,
)
from reviewer.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

# Under the window's own name in the .ts (tr() looks there first, this being MainWindow).
UNDO_LABELS = {"delete": QT_TRANSLATE_NOOP("MainWindow", "&Undo delete"),
               "decision": QT_TRANSLATE_NOOP("MainWindow", "&Undo decision")}


class Triage:
    """MainWindow's triage (see the module's docstring)."""

    def current_clip_id(self: MainWindow) -> int | None:
        index = self.table.currentIndex()
        return self.model.clip_id(index.row()) if index.isValid() else None

    def selected_clip_ids(self: MainWindow) -> list[int]:
        """The clips of the visibly selected rows, and only those: a key press never decides
        on a row that merely holds the keyboard focus."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        # A folded dialogue's row is the whole dialogue: all its turns are decided together.
        return self.model.clip_ids_of_rows(rows)

    def _select_row(self: MainWindow, row: int) -> None:
        """Select exactly this row and make it current. (QTableView.selectRow follows the
        modifier keys Qt believes held: with Ctrl seen as down it toggles the row instead,
        and a decision key would then find nothing selected.)"""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _select_clips(self: MainWindow, clip_ids: list[int]) -> list[int]:
        """Select exactly these clips' rows (the first current and in view); returns the
        ones the list shows."""
        rows = sorted({r for c in clip_ids if (r := self.model.row_of(c)) is not None})
        selection = self.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        selection.clearSelection()
        if not rows:
            self.table.setCurrentIndex(QModelIndex())
            return []
        first = self.model.index(rows[0], 0)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        # One selection of contiguous runs, selected at once: a row at a time emitted a
        # selection change per row (an undo on thousands of clips took minutes).
        runs = QItemSelection()
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            runs.select(self.model.index(start, 0), self.model.index(prev, 0))
            if r is not None:
                start = prev = r
        selection.select(runs, flags)
        self.table.scrollTo(first)
        return [c for c in clip_ids if self.model.row_of(c) is not None]

    def toggle_dialogue(self: MainWindow) -> None:
        index = self.table.currentIndex()
        if index.isValid() and not self.model.toggle_dialogue(index.row()):
            self.statusBar().showMessage(self.tr("This clip is no dialogue"), 3000)

    def _select_clip(self: MainWindow, clip_id: int | None) -> None:
        row = self.model.row_of(clip_id) if clip_id is not None else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is not None:
            self._select_row(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.detail.show_clip(None, None, None)

    def _current_changed(self: MainWindow, current: QModelIndex, _previous: QModelIndex) -> None:
        clip_id = self.model.clip_id(current.row()) if current.isValid() else None
        if clip_id is None:
            self.detail.show_clip(None, None, None)
            self.act_play.setEnabled(False)
            return
        clip = self.library.clip(clip_id)
        if clip is None or (clip.status == "deleted" and self.model.query.deleted_only is False
                            and not self.model.query.include_deleted):
            self.detail.show_clip(None, None, None)  # deleted meanwhile: nothing to show
            return
        transcripts = self.library.transcripts(clip_id)
        transcript: TranscriptInfo | None = transcripts[-1] if transcripts else None
        audio = self.library.audio_path(clip) if clip is not None else None
        self.detail.show_clip(clip, transcript, audio)
        self.act_play.setEnabled(self.detail.playable)

    def select_all(self: MainWindow) -> None:
        if self.stack.currentIndex() == 1:
            self.table.selectAll()
            self.statusBar().showMessage(self.tr("%Ln clip(s) selected", "",
                                                 self.model.rowCount()), 3000)

    def _focus_search(self: MainWindow) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def decide(self: MainWindow, decision: Decision | str | None) -> None:
        """A (ACCIDENTAL), G (KEEP), U (None: both answers cleared) on the selected clips;
        R (DELETE_REQUEST) toggles "ask the vendor to delete theirs" (see `toggle_request`).
        A and G answer only "my copy": an answer about the vendor's copy stays."""
        if decision == Decision.DELETE_REQUEST:
            self.toggle_request()
            return
        if not self._may_decide():
            return
        ids = self.selected_clip_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select a clip first"), 3000)
            return
        self._answer(ids, decision)

    def toggle_request(self: MainWindow) -> None:
        """R: ask the vendor to delete their copy of the selected clips, or no longer ask
        (when every selected clip is asked about already). My-copy answers stay."""
        if not self._may_decide():
            return
        ids = self.selected_clip_ids()
        if ids:
            self._answer(ids, Decision.DELETE_REQUEST)

    def _answer(self: MainWindow, ids: list[int], key: Decision | str | None) -> None:
        """A decision key on `ids`: at once on a few clips; on DECIDE_IN_BACKGROUND or more
        (a whole library selected: seconds of writing) as a job, the window staying live;
        other decision keys, Ctrl+Z and deletes wait for it (the job queue says so)."""
        single = len(ids) == 1
        if len(ids) < DECIDE_IN_BACKGROUND:
            self._answered(self.library.answer_clips(ids, key), single)
            return

        def body(_progress: Any, _cancel: CancelToken) -> Answered:
            return self.library.answer_clips(ids, key)

        job = self._start_job(JobKind.DECIDE, body)
        if job is not None:
            job.succeeded.connect(lambda done: self._answered(done, single))

    def _answered(self: MainWindow, done: Answered, single: bool) -> None:
        """After a decision key: the rows, the Undo label and what happened, in words."""
        if self._closing:
            return
        n = len(done.clip_ids)
        if done.decision == Decision.DELETE_REQUEST:
            if not n:
                self.statusBar().showMessage(self.tr(
                    "These recordings come from a folder: there is no vendor to ask"), 5000)
                return
            self._decided(done.clip_ids)
            text = (self.tr("%n clip(s) will be in a deletion request", "", n) if done.ask
                    else self.tr("%n clip(s) taken out of the next deletion request", "", n))
            self.statusBar().showMessage(text + self.tr(" \u2014 Ctrl+Z undoes"), 6000)
            return
        self._decided(done.clip_ids)
        if done.decision == Decision.ACCIDENTAL:
            text = self.tr("%n clip(s): your copy to be deleted (accidental)", "", n)
            if done.asked:
                text += self.tr("; %n will be in a deletion request (R: no)", "", done.asked)
        elif done.decision == Decision.KEEP:
            text = self.tr("%n clip(s): keep your copy", "", n)
        else:
            text = self.tr("%n clip(s): undecided again", "", n)
        self.statusBar().showMessage(text + self.tr(" \u2014 Ctrl+Z undoes"), 6000)
        if single:
            self.move(1)  # triage: decide and go on to the next clip

    def _may_decide(self: MainWindow, kind: JobKind = JobKind.DECIDE) -> bool:
        """Whether the job queue lets a decision key (or Ctrl+Z) act now; if not, the
        status bar says why (a running delete: the clips are about to disappear)."""
        admission = self.library.jobs.admit(kind)
        if not admission.start and admission.busy is not None:
            self.statusBar().showMessage(self._busy_text(kind, admission.busy), 6000)
        return admission.start

    def _decided(self: MainWindow, ids: list[int]) -> None:
        """After an answer changed: the rows, the clip pane's badges, the Undo label."""
        self._label_undo()
        self.model.refresh_clips(ids)
        if self.current_clip_id() in ids:
            self._current_changed(self.table.currentIndex(), QModelIndex())

    def _label_undo(self: MainWindow) -> None:
        kind = self.library.next_undo()
        label = UNDO_LABELS.get(kind or "")
        self.act_undo.setText(self.tr(label) if label else self.tr("&Undo"))
        self.act_undo.setEnabled(kind is not None)

    def undo(self: MainWindow) -> None:
        """Ctrl+Z: the library undoes the newer of its last decision and its last delete."""
        # A delete's undo waits for a running delete or export; a decision's undo waits for
        # a running delete (it would undo a decision on clips about to disappear).
        if not self._may_decide(JobKind.UNDO if self.library.next_undo() == "delete"
                                else JobKind.DECIDE):
            return
        if self.library.next_undo() == "delete":
            self.undo_delete()
            return
        if self.library.next_undo_size() >= DECIDE_IN_BACKGROUND:  # as big decisions are
            def body(_progress: Any, _cancel: CancelToken) -> UndoOutcome:
                return self.library.undo()

            job = self._start_job(JobKind.DECIDE, body)
            if job is not None:
                job.succeeded.connect(self._undone_decision)
            return
        self._undone_decision(self.library.undo())

    def _undone_decision(self: MainWindow, outcome: UndoOutcome) -> None:
        if self._closing:
            return
        self._label_undo()
        if not outcome.clip_ids:
            self.statusBar().showMessage(self.tr("Nothing to undo"), 3000)
            return
        self.model.refresh_clips(outcome.clip_ids)
        # The selection becomes exactly the undone clips: the next key acts on them only.
        shown = self._select_clips(outcome.clip_ids)
        text = self.tr("Undid the decision on %n clip(s)", "", len(outcome.clip_ids))
        if len(shown) < len(outcome.clip_ids):
            text += " \u2014 " + self.tr("%n of them not in this list", "",
                                          len(outcome.clip_ids) - len(shown))
        self._current_changed(self.table.currentIndex(), QModelIndex())
        self.statusBar().showMessage(text, 4000)
