"""A full flagging pass can be cancelled (the window's Cancel, Ctrl+Q): in the job's thread and
in the child process big libraries use. Whatever was saved, each clip holds either its old
result or its new one, the library says a pass is unfinished, and the next pass completes.

Real SQLite, generated libraries with transcripts (reviewer.testing.big_library), no model.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from reviewer.core.flagging import process as flag_process
from reviewer.core.library import Library
from reviewer.core.progress import Cancelled, CancelToken
from reviewer.core.store.models import Clip
from reviewer.testing.big_library import build_library

CLIPS = 6000


def _rows(library: Library) -> dict[int, tuple[Any, ...]]:
    with library.store.session() as s:
        return {r[0]: tuple(r[1:]) for r in s.execute(
            select(Clip.id, Clip.score, Clip.flagged, Clip.reasons, Clip.acted_on))}


class CancelAt(CancelToken):
    """Says "cancelled" from its `at`-th question on (the pass asks between small steps)."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.asked = 0

    @property
    def cancelled(self) -> bool:
        self.asked += 1
        return self.asked >= self.at


@pytest.fixture
def libraries(tmp_path: Path) -> Any:
    """Two identical generated libraries (their stored scores random, not the flagger's)."""
    opened = []
    for name in ("a", "b"):
        build_library(tmp_path / name, CLIPS)
        opened.append(Library.open(tmp_path / name))
    yield opened
    for lib in opened:
        lib.close()


def test_a_cancelled_pass_leaves_each_clip_old_or_new_and_the_next_completes(
        libraries: list[Library]) -> None:
    done, cut = libraries
    for lib in libraries:
        lib.flag_process_min_clips = CLIPS + 1  # in this thread: deterministic steps
    old = _rows(cut)
    counter = CancelAt(at=10**9)
    done.flag(cancel=counter)  # never cancels: counts the checks of a whole pass
    new = _rows(done)
    assert not done.flag_pass_unfinished()
    changed = {cid for cid in old if old[cid] != new[cid]}
    assert len(changed) > 1000  # the scores were random: a pass rewrites most

    # Cancelled at the last check: in the middle of saving (after the first chunks).
    with pytest.raises(Cancelled):
        cut.flag(cancel=CancelAt(at=counter.asked - 1))
    rows = _rows(cut)
    assert all(rows[cid] in (old[cid], new[cid]) for cid in rows)
    kept_old = {cid for cid in changed if rows[cid] == old[cid]}
    assert kept_old and kept_old != changed  # some saved, some not: cut between chunks
    assert cut.flag_pass_unfinished()  # the window flags again on its next start

    report = cut.flag()
    assert report.full and _rows(cut) == new
    assert not cut.flag_pass_unfinished()


@pytest.fixture
def big(tmp_path: Path) -> Any:
    """A generated library whose passes run in the child process."""
    build_library(tmp_path / "lib", CLIPS)
    library = Library.open(tmp_path / "lib")
    library.flag_process_min_clips = 0
    yield library
    library.close()


def test_a_pass_in_the_child_process_is_cancelled(big: Library) -> None:
    library = big
    old = _rows(library)
    cancel = CancelToken()
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(library.flag(cancel=cancel))
        except Cancelled as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    cancel.cancel()
    worker.join()
    assert isinstance(outcome[0], Cancelled)
    child = library._flag_process
    assert child is not None and child.alive  # stopped by asking: it stays for the next
    assert _rows(library) == old  # cancelled before the save began: nothing written
    assert library.flag_pass_unfinished()

    report = library.flag()
    assert report.full and report.total == CLIPS
    assert library._flag_process is child
    new = _rows(library)
    assert sum(old[c] != new[c] for c in old) > 1000
    assert not library.flag_pass_unfinished()


def test_a_child_that_does_not_answer_is_terminated(big: Library,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No grace at all: the child is ended at once (SQLite rolls back what it had open) and
    the next pass starts a new one."""
    monkeypatch.setattr(flag_process, "CANCEL_GRACE_S", 0.0)
    library = big
    old = _rows(library)
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        library.flag(cancel=cancel)
    child = library._flag_process
    assert child is not None and not child.alive
    assert _rows(library) == old
    assert library.flag_pass_unfinished()
    assert library.flag().full
    assert library._flag_process is not child and library._flag_process is not None
    assert not library.flag_pass_unfinished()


def test_closing_the_window_stops_a_full_pass_and_the_next_start_finishes_it(
        qtbot: Any, tmp_path: Path) -> None:
    """Ctrl+Q during a full pass (a child process on this size): the window closes without
    waiting for the pass, the pass is left unfinished, and the next window flags again."""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reviewer.core.jobs import JobKind
    from reviewer.ui.main_window import MainWindow

    build_library(tmp_path / "lib", CLIPS)
    library = Library.open(tmp_path / "lib")
    try:
        library.jobs.hold(JobKind.TRANSCRIBE)
        old = _rows(library)
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        if JobKind.FLAG not in window.jobs:
            window.start_flagging()
        job = window.jobs[JobKind.FLAG]
        window.close()
        assert job.wait(0)  # its thread has ended: closing waited for a stop, not a pass
        assert library.flag_pass_unfinished()
        rows = _rows(library)
        assert rows != _rows_after_full_pass(tmp_path / "copy")
        assert all(rows[c] in (old[c], _NEW[c]) for c in rows)

        again = MainWindow(library)  # the next start
        qtbot.addWidget(again)
        again.show()
        qtbot.waitUntil(lambda: JobKind.FLAG in again.jobs, timeout=10_000)
        qtbot.waitUntil(lambda: not again.jobs, timeout=300_000)
        assert not library.flag_pass_unfinished()
        assert _rows(library) == _NEW
        again.close()
    finally:
        library.close()


_NEW: dict[int, tuple[Any, ...]] = {}


def _rows_after_full_pass(where: Path) -> dict[int, tuple[Any, ...]]:
    """What a whole pass saves on this generated library (an identical copy, in this thread)."""
    if not _NEW:
        build_library(where, CLIPS)
        copy = Library.open(where)
        try:
            copy.flag_process_min_clips = CLIPS + 1
            copy.flag()
            _NEW.update(_rows(copy))
        finally:
            copy.close()
    return _NEW
