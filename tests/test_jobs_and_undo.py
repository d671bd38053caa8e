"""The job queue's rules, and undo and the pipeline as library use cases (no window)."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.jobs import JobKind, JobQueue
from reviewer.core.library import ClipQuery, Decision, Library
from reviewer.testing.big_library import build_library


def test_an_import_stops_transcription_and_one_follows_it() -> None:
    q = JobQueue()
    q.started(JobKind.TRANSCRIBE)
    admitted = q.admit(JobKind.IMPORT)
    assert admitted.start and admitted.cancel == (JobKind.TRANSCRIBE,)
    q.finished(JobKind.TRANSCRIBE)  # the window stopped it
    q.started(JobKind.IMPORT)
    # No second import, but a transcription beside the import (it follows the import's
    # batches, issue 17); only one transcription.
    again = q.admit(JobKind.IMPORT)
    assert not again.start and again.busy == JobKind.IMPORT  # the window words it
    follower = q.admit(JobKind.TRANSCRIBE)
    assert follower.start and follower.cancel == ()
    q.started(JobKind.TRANSCRIBE)
    assert not q.admit(JobKind.TRANSCRIBE).start
    assert not q.admit(JobKind.VOICES).start  # still after the import
    q.finished(JobKind.IMPORT)
    q.finished(JobKind.TRANSCRIBE)
    assert q.admit(JobKind.TRANSCRIBE).start


def test_delete_and_undo_never_together_and_held_kinds_wait() -> None:
    q = JobQueue()
    q.started(JobKind.DELETE)
    assert q.admit(JobKind.DELETE).busy == JobKind.DELETE
    assert not q.admit(JobKind.UNDO).start
    assert not q.admit(JobKind.EXPORT).start  # it reads the files a delete moves
    assert q.admit(JobKind.FLAG).start  # unrelated work goes on
    q.finished(JobKind.DELETE)
    assert q.admit(JobKind.UNDO).start
    q.started(JobKind.EXPORT)
    assert not q.admit(JobKind.DELETE).start and not q.admit(JobKind.UNDO).start
    q.finished(JobKind.EXPORT)
    q.hold(JobKind.TRANSCRIBE)
    assert not q.admit(JobKind.TRANSCRIBE).start
    q.release(JobKind.TRANSCRIBE)
    assert q.admit(JobKind.TRANSCRIBE).start


def test_decisions_wait_for_a_delete_or_undo_and_refusals_name_the_running_kind() -> None:
    q = JobQueue()
    assert q.admit(JobKind.DECIDE).start
    q.started(JobKind.DELETE)
    refused = q.admit(JobKind.DECIDE)
    assert not refused.start and refused.busy == JobKind.DELETE
    assert q.admit(JobKind.UNDO).busy == JobKind.DELETE  # Ctrl+Z says why too
    q.finished(JobKind.DELETE)
    q.started(JobKind.UNDO)
    assert q.admit(JobKind.DECIDE).busy == JobKind.UNDO
    q.finished(JobKind.UNDO)
    q.started(JobKind.EXPORT)
    assert q.admit(JobKind.DECIDE).start  # an export only reads: deciding goes on
    assert q.admit(JobKind.UNDO).busy == JobKind.EXPORT
    q.finished(JobKind.EXPORT)
    q.started(JobKind.FLAG)
    assert q.admit(JobKind.FLAG).busy is None  # a quiet kind is dropped without a word


def test_a_decision_written_in_the_background_keeps_other_answers_and_deletes_out() -> None:
    q = JobQueue()
    q.started(JobKind.DECIDE)  # a whole library's selection being decided
    for kind in (JobKind.DECIDE, JobKind.DELETE, JobKind.UNDO):
        refused = q.admit(kind)
        assert not refused.start and refused.busy == JobKind.DECIDE
    assert q.admit(JobKind.EXPORT).start and q.admit(JobKind.FLAG).start
    q.finished(JobKind.DECIDE)
    assert all(q.admit(k).start for k in (JobKind.DECIDE, JobKind.DELETE, JobKind.UNDO))


def test_undo_takes_the_newer_of_decision_and_delete(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 20)
    with Library.open(tmp_path / "lib") as library:
        assert library.next_undo() is None
        assert library.undo().kind is None
        ids = library.clip_ids()
        library.decide(ids[:2], Decision.KEEP)
        library.delete(ids[10:12])  # to the (test) trash: can be undone
        library.decide(ids[2:4], Decision.ACCIDENTAL)
        assert library.next_undo() == "decision"
        undone = library.undo()
        assert undone.kind == "decision" and sorted(undone.clip_ids) == ids[2:4]
        assert library.next_undo() == "delete"
        undone = library.undo()
        assert undone.kind == "delete" and undone.delete is not None
        assert sorted(undone.clip_ids) == ids[10:12]
        assert library.count_clips() == 20
        # A permanent delete cannot be undone: undo goes on to the older decision.
        library.delete(ids[15:16], permanent=True)
        assert library.next_undo() == "decision"
        assert sorted(library.undo().clip_ids) == ids[:2]
        assert library.count_clips(ClipQuery(decision="keep")) == 0


def test_process_flags_once_when_nothing_waits_for_transcription(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 30)
    with Library.open(tmp_path / "lib") as library:
        seen: list[object] = []
        report = library.process(on_result=seen.append, on_flagged=seen.append,
                                 reflag_every=1)
        assert report.transcribed.total == 0  # no audio in this library
        assert report.flagged is not None and report.flagged.total == 30
        assert seen == [report.flagged]


def test_answer_clips_counts_what_a_key_did_and_undo_knows_its_size(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 30)
    with Library.open(tmp_path / "lib") as library:
        ids = library.clip_ids()
        assert library.next_undo_size() == 0
        done = library.answer_clips(ids[:12], Decision.ACCIDENTAL)
        # Amazon clips answered "accidental" are asked about by default.
        assert (done.clip_ids, done.asked) == (ids[:12], 12)
        assert library.next_undo_size() == 12
        r = library.answer_clips(ids[:5], Decision.DELETE_REQUEST)
        assert (r.ask, r.asked, r.clip_ids) == (False, 0, ids[:5])  # all asked: R takes back
        assert library.count_clips(ClipQuery(decision=Decision.ACCIDENTAL)) == 12
        again = library.answer_clips(ids[:5], "delete_request")
        assert again.ask and again.asked == 5
        assert library.answer_clips(ids[:3], None).asked == 0
        assert library.next_undo_size() == 3
        assert sorted(library.undo().clip_ids) == sorted(ids[:3])
        assert library.next_undo_size() == 5
