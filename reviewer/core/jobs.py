"""Which background jobs may run together, and what a new job does to a running one.

One `JobQueue` per open library (`Library.jobs`) decides; the GUI's job runner asks it before
starting anything and tells it when a job ends, so the rules live here and not in checks
scattered through the window (the idea of Vorta's `jobs_manager.py`: one place that knows
what is running). The rules, and why:

- import: one at a time; it stops a running transcription first: the transcription that
  follows the new import replaces it (and takes the clips the stopped one left, too).
- transcribe: one at a time. It may run together with an import, and that is the rule's
  point (issue 17): with the bundled model the window and `scan` start it with the import,
  and it follows the import (`Library.transcribe(follow=...)`, see core.feed), taking each
  batch of clips once the import has committed it. That is safe because the two share only
  the database, in WAL mode (readers never wait), with short write transactions on both
  sides (the import's batches, the transcription's saves of up to 16 results; each waits
  for the other's lock up to SQLite's busy timeout, 10 s); the transcription reads which
  clips wait from committed rows only, so it never sees a clip before its audio is on disk,
  and never takes a clip twice. Another model does not follow imports (`follows_imports`):
  it is started when the import ends, as before.
- flag, calibrate: one at a time each; a second request while one runs is dropped (the
  running one already reads the newest data when it ends, or a later request re-runs it).
- delete, undo: never together (both move the same files and journal).
- export: one at a time, never together with a delete or an undo (it reads the files those
  move; a delete waits until the export is written).
- voices: one at a time, never during an import (it runs after the transcription that follows).
- threshold: one at a time (the window retries the newest value once the running one ends).
- decide: a key press (A, G, U, R, and Ctrl+Z on a decision). On a few clips it is instant:
  asked, never started. On `DECIDE_IN_BACKGROUND` clips or more (a whole library selected)
  writing it takes seconds, so it runs as a job, and while it runs no other decision, Ctrl+Z,
  delete or undo of a delete starts (they would act on answers half written, or undo the
  wrong step). Not while a delete or an undo runs: those clips are about to disappear or
  come back, and Ctrl+Z would then undo the invisible decision instead of the delete.

When a job cannot start, `Admission.busy` names the running kind that keeps it out; the
window words that in the interface's language (the core holds no user text here, and no Qt).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class JobKind(StrEnum):
    IMPORT = "import"
    TRANSCRIBE = "transcribe"
    FLAG = "flag"
    CALIBRATE = "calibrate"
    DELETE = "delete"
    UNDO = "undo"
    VOICES = "voices"  # speaker embeddings and the archive check, after transcription
    THRESHOLD = "threshold"  # remember a new threshold and re-apply the stored flags
    EXPORT = "export"  # copy chosen clips' recordings and a CSV out of the library
    DECIDE = "decide"  # a decision key on clips: asked; started as a job on big selections


# From this many clips on, a decision (or its undo) is written by a background job: on 50,000
# clips the write and the re-read took ~2.9 s, on 2,000 about a tenth of a second.
DECIDE_IN_BACKGROUND = 2000


@dataclass(frozen=True)
class Rule:
    # Kinds that keep this one from starting (itself included where only one may run).
    blocked_by: frozenset[JobKind]
    # Running kinds this one stops before it starts.
    cancels: frozenset[JobKind] = frozenset()
    # Tell the user why when the job cannot start now (False: drop it quietly).
    tell: bool = False


RULES: dict[JobKind, Rule] = {
    JobKind.IMPORT: Rule(frozenset({JobKind.IMPORT}), frozenset({JobKind.TRANSCRIBE}),
                         tell=True),
    # Not blocked by IMPORT: it runs beside the import, following it (see the module doc).
    JobKind.TRANSCRIBE: Rule(frozenset({JobKind.TRANSCRIBE})),
    JobKind.FLAG: Rule(frozenset({JobKind.FLAG, JobKind.CALIBRATE})),
    JobKind.CALIBRATE: Rule(frozenset({JobKind.CALIBRATE, JobKind.FLAG}),
                            tell=True),
    JobKind.DELETE: Rule(frozenset({JobKind.DELETE, JobKind.UNDO, JobKind.EXPORT,
                                    JobKind.DECIDE}), tell=True),
    JobKind.UNDO: Rule(frozenset({JobKind.DELETE, JobKind.UNDO, JobKind.EXPORT,
                                  JobKind.DECIDE}), tell=True),
    JobKind.EXPORT: Rule(frozenset({JobKind.EXPORT, JobKind.DELETE, JobKind.UNDO}), tell=True),
    JobKind.VOICES: Rule(frozenset({JobKind.VOICES, JobKind.IMPORT})),
    JobKind.THRESHOLD: Rule(frozenset({JobKind.THRESHOLD})),
    JobKind.DECIDE: Rule(frozenset({JobKind.DELETE, JobKind.UNDO, JobKind.DECIDE}), tell=True),
}


@dataclass(frozen=True)
class Admission:
    """The answer to "may this job start now?"."""

    start: bool
    cancel: tuple[JobKind, ...] = ()  # stop these first (and wait for them)
    # Why not: the running kind that keeps it out, for the window to word (None: nothing
    # to say, the job is dropped quietly or only held).
    busy: JobKind | None = None


@dataclass
class JobQueue:
    """What runs now in one library, and the rules for what may join it."""

    running: set[JobKind] = field(default_factory=set)
    # Kinds that do not start at all until released (a paused transcription; tests of other
    # features hold it so no Whisper runs behind them).
    held: set[JobKind] = field(default_factory=set)

    def hold(self, kind: JobKind | str) -> None:
        self.held.add(JobKind(kind))

    def release(self, kind: JobKind | str) -> None:
        self.held.discard(JobKind(kind))

    def admit(self, kind: JobKind | str) -> Admission:
        rule = RULES[JobKind(kind)]
        if JobKind(kind) in self.held:
            return Admission(False)
        blockers = self.running & rule.blocked_by
        if blockers:
            # The order of the rules' sets, so the same situation always reads the same.
            first = next(k for k in JobKind if k in blockers)
            return Admission(False, busy=first if rule.tell else None)
        return Admission(True, tuple(sorted(self.running & rule.cancels)))

    def started(self, kind: JobKind | str) -> None:
        self.running.add(JobKind(kind))

    def finished(self, kind: JobKind | str) -> None:
        self.running.discard(JobKind(kind))

    def is_running(self, kind: JobKind | str) -> bool:
        return JobKind(kind) in self.running


__all__ = ["DECIDE_IN_BACKGROUND", "RULES", "Admission", "JobKind", "JobQueue", "Rule"]
