"""The main window's status bar: the clip counts with Resume, and the background jobs
(start, progress, finishing, failure, cancel) shown beside them.

A mixin of MainWindow (reviewer/ui/main_window.py); the jobs themselves are the library's
(its job queue admits them), this only runs them on a Job thread and shows their progress."""

# mypy: disable-error-code="misc"
# (The methods take `self: MainWindow`, the window they are a part of, so mypy checks
# every attribute they reach; mypy calls such a self type "not a supertype" of the mixin
# and files that under [misc], silenced in this file for that reason; main_window.py, where
# the parts meet, stays fully checked.)

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from reviewer import APP_NAME
from reviewer.core.api import USER_ERRORS, ClipQuery, JobKind, Progress
from reviewer.ui.filters import WAITING_SHOW
from reviewer.ui.i18n import QT_TRANSLATE_NOOP, number_text
from reviewer.ui.workers import Job

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

# Background work with no progress of its own in the status bar.
QUIET_JOBS = frozenset({JobKind.FLAG, JobKind.CALIBRATE, JobKind.THRESHOLD})

# The steps the core's jobs report (Progress.phase), for the interface's language.
_PHASES = {p: p for p in (
    QT_TRANSLATE_NOOP("Progress", "Reading the export"),
    QT_TRANSLATE_NOOP("Progress", "Finding recordings"),
    QT_TRANSLATE_NOOP("Progress", "Importing clips"),
    QT_TRANSLATE_NOOP("Progress", "Loading the speech model"),
    QT_TRANSLATE_NOOP("Progress", "Transcribing"),
    QT_TRANSLATE_NOOP("Progress", "Loading the speaker model"),
    QT_TRANSLATE_NOOP("Progress", "Finding voices"),
    QT_TRANSLATE_NOOP("Progress", "Exporting clips"),
    QT_TRANSLATE_NOOP("Progress", "Preparing"),
    QT_TRANSLATE_NOOP("Progress", "Moving audio out of the library"),
    QT_TRANSLATE_NOOP("Progress", "Moving audio to the trash"),
    QT_TRANSLATE_NOOP("Progress", "Deleting audio"))}

_EXPORT_OF = re.compile(r"^Export (\d+) of (\d+): (.*)$", re.S)

_CLEANED_COPY = re.compile(r"^Writing a cleaned copy of (.*)$", re.S)


class StatusBar:
    """MainWindow's status bar (see the module's docstring)."""

    # The newest progress of each running job: an import and the transcription that follows
    # it share the status line. The window sets it first.
    _last_progress: dict[str, Progress]

    def _make_status_bar(self: MainWindow) -> None:
        bar = self.statusBar()
        self.job_label = QLabel("")
        self.job_label.setAccessibleName(self.tr("Background work"))
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(220)
        self.job_progress.setAccessibleName(self.tr("Progress"))
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.setToolTip(self.tr("Stop the background work (it resumes next time)"))
        self.job_cancel.clicked.connect(self.cancel_jobs)
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("countsLabel")
        # "52 not transcribed yet" is a link: it lists them.
        self.counts_label.linkActivated.connect(lambda _link: self.show_waiting())
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setToolTip(self.tr("Transcribe the clips that are waiting, then "
                                              "flag them"))
        self.resume_button.clicked.connect(self.start_transcription)
        self.resume_button.setVisible(False)
        bar.addWidget(self.counts_label)
        bar.addWidget(self.resume_button)  # beside the count it resumes
        bar.addWidget(QWidget(), 1)
        bar.addPermanentWidget(self.job_label)
        bar.addPermanentWidget(self.job_progress)
        bar.addPermanentWidget(self.job_cancel)
        self._show_job(None)

    def _update_counts(self: MainWindow, waiting: bool = True) -> None:
        """Count afresh; `waiting` False keeps the last count of all clips and of clips not
        transcribed yet (a threshold change cannot change them: while the slider moves only
        the flagged count is read on this thread)."""
        self._show_counts((
            self.library.count_clips() if waiting else self._totals[0],
            self.library.count_clips(ClipQuery(flagged=True, min_score=self.model.threshold)),
            self.library.count_clips(ClipQuery(waiting=True)) if waiting else self._totals[2]))

    def _show_counts(self: MainWindow, totals: tuple[int, int, int] | None = None) -> None:
        """The status line; `totals` (clips, flagged, waiting) as last counted unless given.
        A filter change only changes how many are shown, so it re-counts nothing. Clips not
        transcribed yet are said apart: nothing judged them, so "flagged" is not finished."""
        if totals is not None:
            self._totals = totals
        total, flagged, waiting = self._totals
        if total == 0:
            # An empty library is the welcome page: counts of nothing are noise there.
            self.counts_label.setText("")
            self.counts_label.setToolTip("")
            self._update_resume()
            self._update_empty()
            return
        text = (self.tr("%1 shown of %2 clips").replace(
                    "%1", number_text(self.model.rowCount())).replace("%2", number_text(total))
                + " \u00b7 "
                + self.tr("%1 flagged (score %2 or more)").replace("%1", number_text(flagged))
                .replace("%2", str(self.model.threshold)))
        if waiting:
            text += " \u00b7 " + '<a href="waiting">' + self.tr(
                "%n not transcribed yet", "", waiting).replace(str(waiting),
                                                             number_text(waiting)) + "</a>"
        self.counts_label.setText(text)
        self.counts_label.setToolTip(self.tr(
            "Clips not transcribed yet are not judged: they are neither flagged nor kept-looking "
            "until transcription has run. Click to list them.") if waiting else "")
        self._update_resume()
        self._update_empty()

    def _update_resume(self: MainWindow) -> None:
        """Resume is offered where the unfinished work is said, while nothing transcribes."""
        waiting = self._totals[2] > 0
        running = JobKind.TRANSCRIBE in self.jobs
        self.resume_button.setVisible(waiting and not running and not self._closing)
        self.act_transcribe.setEnabled(not running and self.stack.currentIndex() == 1)

    def show_waiting(self: MainWindow) -> None:
        """List the clips not transcribed yet."""
        self.filters.set_show(WAITING_SHOW)

    def _busy_text(self: MainWindow, kind: JobKind, busy: JobKind) -> str:
        """Why `kind` cannot start while `busy` runs, in the interface's language (the
        queue in the core names the kinds only)."""
        if kind == JobKind.DECIDE:
            if busy == JobKind.DECIDE:
                return self.tr("Still saving the last decision on many clips: the next one "
                               "waits until it is done.")
            if busy == JobKind.UNDO:
                return self.tr("Clips are being brought back: decisions wait until that is "
                               "done.")
            return self.tr("Clips are being deleted: decisions wait until the delete is "
                           "done.")
        texts = {
            JobKind.IMPORT: self.tr("An import is already running; try again when it is done."),
            JobKind.FLAG: self.tr("The flagger is still scoring your clips; try again in a "
                                  "moment."),
            JobKind.CALIBRATE: self.tr("The flagger is already learning from your decisions."),
            JobKind.DELETE: self.tr("A delete is running; try again when it is done."),
            JobKind.UNDO: self.tr("Clips are being brought back; try again when that is done."),
            JobKind.EXPORT: self.tr("An export is running; try again when it is done."),
            JobKind.DECIDE: self.tr("A decision on many clips is being saved; try again "
                                    "when it is done."),
        }
        return texts.get(busy, self.tr("Something else is running; try again when it is "
                                       "done."))

    def _start_job(self: MainWindow, name: JobKind | str, body: Any,
                   quiet: bool = False) -> Job | None:
        """Start a background job if the library's job queue admits it now (it may first
        stop another one, or say why not); None when it does not start."""
        if self._closing:  # a job finishing during close must not start the next one
            return None
        kind = JobKind(name)
        admission = self.library.jobs.admit(kind)
        if not admission.start:
            if admission.busy is not None:
                QMessageBox.information(self, APP_NAME, self._busy_text(kind, admission.busy))
            return None
        for other in admission.cancel:
            self.cancel_job(other)
        job = Job(kind, body, USER_ERRORS)
        self.jobs[kind] = job
        self.library.jobs.started(kind)
        if not quiet:
            job.progress.connect(self._show_progress)
        job.failed.connect(lambda message, details: self._job_failed(kind, message, details))
        job.finished.connect(lambda: self._job_finished(kind))
        self._show_job(job if not quiet else None)
        job.start()
        self._update_resume()
        return job

    def _job_finished(self: MainWindow, name: str) -> None:
        self.library.jobs.finished(name)
        job = self.jobs.pop(name, None)
        self._last_progress.pop(name, None)
        if job is not None:
            job.deleteLater()
        if self._closing:  # the status bar may be gone already
            return
        visible = next((j for j in self.jobs.values() if j.name not in QUIET_JOBS), None)
        self._show_job(visible)
        if visible is not None and visible.name in self._last_progress:
            self._show_progress(self._last_progress[visible.name])  # where it is, at once
        self._update_resume()

    def _job_failed(self: MainWindow, name: str, message: str, details: str) -> None:
        what = {"import": self.tr("The import failed"),
                "transcribe": self.tr("Transcription stopped"),
                "flag": self.tr("Flagging failed"), "delete": self.tr("The delete failed"),
                "voices": self.tr("Finding voices stopped"),
                "undo": self.tr("Undo failed"), "export": self.tr("The export failed"),
                "calibrate": self.tr("Learning from your decisions did not work"),
                "threshold": self.tr("Saving the threshold failed"),
                "decide": self.tr("Saving the decision failed")}.get(name, name)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"{what}: {message}",
                          parent=self)
        if details:
            box.setDetailedText(details)
        box.exec()

    def _show_job(self: MainWindow, job: Job | None) -> None:
        for w in (self.job_label, self.job_progress, self.job_cancel):
            w.setVisible(job is not None)
        if job is not None:
            self.job_label.setText({"import": self.tr("Importing\u2026"),
                                    "transcribe": self.tr("Transcribing\u2026"),
                                    "delete": self.tr("Deleting\u2026"),
                                    "voices": self.tr("Finding voices\u2026"),
                                    "undo": self.tr("Restoring\u2026"),
                                    "export": self.tr("Exporting\u2026"),
                                    "decide": self.tr("Saving the decision\u2026")
                                    }.get(job.name, job.name))
            self.job_progress.setRange(0, 0)
            # A decision is one transaction: written whole or not at all, nothing to stop.
            self.job_cancel.setVisible(job.name != JobKind.DECIDE)

    def _show_progress(self: MainWindow, p: object) -> None:
        if not isinstance(p, Progress):
            return
        self._last_progress[p.job] = p
        following = self._last_progress.get(JobKind.TRANSCRIBE)
        if JobKind.IMPORT in self.jobs and JobKind.IMPORT in self._last_progress:
            # An import and the transcription that follows it: the import's line leads
            # (its time left is known), the transcription's count follows it.
            p = self._last_progress[JobKind.IMPORT]
        else:
            following = None
        text = phase_text(p.phase)
        if p.total and p.done >= p.total:
            # Every item is done but the job is not: say what it does now, not "0 s left".
            self.job_progress.setRange(0, 0)
            text = self._finishing_text(p.job)
        elif p.growing:  # more clips still come: no bar, no time left
            self.job_progress.setRange(0, 0)
            text = self.tr("{phase} {done} of at least {total} \u2014 still importing").format(
                phase=text, done=number_text(p.done), total=number_text(p.total or 0))
        else:
            if p.total:
                self.job_progress.setRange(0, p.total)
                self.job_progress.setValue(p.done)
                text += f" {number_text(p.done)}/{number_text(p.total)}"
            if p.eta_s is not None and round(p.eta_s) > 0:
                text += " \u00b7 " + self.tr("about {time} left").format(time=_eta(p.eta_s))
        if following is not None and following.total:
            text += " \u2014 " + self.tr("transcribed {done} of at least {total}").format(
                done=number_text(following.done), total=number_text(following.total))
        self.job_label.setText(text)

    def _finishing_text(self: MainWindow, job: str) -> str:
        """What a job still does once its last item is done (instead of "about 0 s left")."""
        if job == "import":
            return self.tr("Saving the import and checking it against your requests\u2026")
        if job == "transcribe":
            return self.tr("Saving the last transcripts and flagging\u2026")
        if job == "delete":
            return self.tr("Finishing the delete\u2026")
        return self.tr("Finishing\u2026")

    def cancel_job(self: MainWindow, name: str) -> None:
        job = self.jobs.get(name)
        if job is not None:
            job.cancel()
            job.wait(3000)

    def cancel_jobs(self: MainWindow) -> None:
        self._switch_model = False  # stopped by the user: nothing starts after it
        for job in list(self.jobs.values()):
            job.cancel()
        self.statusBar().showMessage(self.tr("Stopping\u2026 unfinished work resumes next "
                                             "time"), 4000)


def phase_text(phase: str) -> str:
    """A job's step as the core words it, in the interface's language."""
    translate = QCoreApplication.translate
    if m := _EXPORT_OF.match(phase):
        return translate("Progress", "Export {n} of {count}: {step}").format(
            n=m[1], count=m[2], step=phase_text(m[3]))
    if m := _CLEANED_COPY.match(phase):
        return translate("Progress", "Writing a cleaned copy of {name}").format(name=m[1])
    return translate("Progress", _PHASES[phase]) if phase in _PHASES else phase


def _eta(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    return f"{s // 3600} h {(s % 3600) // 60} min"
