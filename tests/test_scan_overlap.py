"""Transcription beside a running import (issue 17): it takes the import's clips batch by
batch as they are committed, never a clip twice, and ends when the import has ended and
nothing is left; cancelling or failing the import leaves a consistent library.

Real SQLite, the real worker process with the bundled model, the sample Takeout export.
Ordering is observed through events, never time: the import is held after its second
committed batch (a subclass of the real feed, which waits in the import's thread) until the
transcription has saved a transcript, so "a transcript before the import ended" is certain,
not a race. Ceilings are generous (the machine is shared).
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from reviewer.core import library as library_module
from reviewer.core.feed import ImportFeed
from reviewer.core.importers import pipeline
from reviewer.core.library import Library
from reviewer.core.progress import CancelToken, Progress
from reviewer.core.store import Clip, ClipStatus, ImportRecord, ImportStatus, Transcript
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"
CEILING_S = 600.0

pytestmark = pytest.mark.slow


def _transcripts(library: Library) -> int:
    with library.store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Transcript)) or 0)


class HeldFeed(ImportFeed):
    """The real feed; after its second batch the import waits until `go` says so."""

    def __init__(self, go: threading.Event, then: Any = None) -> None:
        super().__init__()
        self.go = go
        self.then = then
        self.held: bool | None = None  # True: released by `go`, not by the ceiling

    def committed(self) -> None:
        super().committed()
        if self.commits == 2:
            self.held = self.go.wait(CEILING_S)
            if self.then is not None:
                self.then()


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sample holds 31 clips: batches of 4 make several, as a big export has.
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)


def _with_audio(library: Library) -> set[int]:
    with library.store.session() as s:
        return set(s.scalars(select(Clip.id).where(Clip.audio_path.is_not(None),
                                                   Clip.status == ClipStatus.READY)))


def _per_clip(library: Library) -> Counter[int]:
    with library.store.session() as s:
        return Counter(s.scalars(select(Transcript.clip_id)))


def _follow(library: Library, feed: ImportFeed, saved: list[int], first: threading.Event,
            seen: list[Progress], settings: dict[str, Any] | None = None,
            ) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def on_result(clip_id: int, _t: object) -> None:
        saved.append(clip_id)
        first.set()

    def run() -> None:
        try:
            out["report"] = library.transcribe(follow=feed, on_result=on_result,
                                               progress=seen.append, settings=settings)
        except BaseException as exc:  # pragma: no cover - reported by the test
            out["error"] = exc

    t = threading.Thread(target=run, name="follower")
    t.start()
    return t, out


def test_transcripts_arrive_while_the_import_runs_and_none_twice(library: Library) -> None:
    first = threading.Event()
    feed = HeldFeed(first)
    saved: list[int] = []
    seen: list[Progress] = []
    follower, out = _follow(library, feed, saved, first, seen)
    imported = library.import_exports([SAMPLE], feed=feed)
    follower.join(CEILING_S)
    assert not follower.is_alive() and "error" not in out
    # The import waited mid-way (after its second batch) and a transcript came meanwhile.
    assert feed.held is True
    [report] = imported.exports
    assert report.clips_new == 31 and not report.cancelled
    waiting = _with_audio(library)
    transcribed = out["report"]
    assert transcribed.total == len(waiting) == transcribed.finished
    assert len(saved) == len(set(saved)) == len(waiting) and set(saved) == waiting
    assert set(_per_clip(library).values()) == {1}
    # While the import ran, the total was a lower bound and no time left was claimed.
    growing = [p for p in seen if p.growing]
    assert growing and all(p.eta_s is None for p in growing)
    assert any(p.total and p.total < len(waiting) for p in growing)
    assert not seen[-1].growing and seen[-1].done == seen[-1].total == len(waiting)
    # Nothing is left for a later run.
    assert library.transcribe().total == 0


class _ClosingFeed(HeldFeed):
    """Remembers how many progress reports the transcription had sent when the import ended."""

    def __init__(self, go: threading.Event, seen: list[Progress]) -> None:
        super().__init__(go)
        self.seen = seen
        self.reports_at_close: int | None = None

    def close(self, imported: bool = True) -> None:
        if self.reports_at_close is None:
            self.reports_at_close = len(self.seen)
        super().close(imported)


def test_the_total_is_exact_once_the_import_ends(library: Library,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Seen on a real screen: "Transcribing 57 of at least 134 — still importing" beside the
    # finished import's report of 1,000 clips; the waiting clips were read again only when
    # the queue ran short. Two batches (16 + 15 clips, the import held after the second
    # until a transcript is saved) and one clip at a time keep the queue long when it ends.
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 16)
    first = threading.Event()
    seen: list[Progress] = []
    feed = _ClosingFeed(first, seen)
    saved: list[int] = []
    follower, out = _follow(library, feed, saved, first, seen, settings={"decode_batch": 1})
    library.import_exports([SAMPLE], feed=feed)
    follower.join(CEILING_S)
    assert not follower.is_alive() and "error" not in out and feed.held is True
    assert feed.reports_at_close is not None
    after = seen[feed.reports_at_close:]
    assert after and not after[-1].growing
    # At most the report being sent as the import ended still says "at least".
    assert sum(p.growing for p in after) <= 1, [(p.done, p.total) for p in after]
    assert out["report"].finished == len(_with_audio(library))


def test_cancelling_the_import_midway_keeps_a_consistent_library(library: Library) -> None:
    first = threading.Event()
    cancel = CancelToken()
    feed = HeldFeed(first, then=cancel.cancel)
    saved: list[int] = []
    follower, out = _follow(library, feed, saved, first, [])
    imported = library.import_exports([SAMPLE], cancel=cancel, feed=feed)
    follower.join(CEILING_S)
    assert not follower.is_alive() and "error" not in out and feed.held is True
    [report] = imported.exports
    assert report.cancelled and 0 < report.clips_new < 31
    with library.store.session() as s:
        assert s.scalar(select(ImportRecord.status)) == ImportStatus.CANCELLED
        paths = list(s.scalars(select(Clip.audio_path).where(Clip.audio_path.is_not(None))))
    assert all((library.paths.data_dir / p).is_file() for p in paths)  # no row without audio
    # The clips already imported were transcribed, each once.
    kept = _with_audio(library)
    assert set(saved) == kept and set(_per_clip(library).values()) == {1}
    assert not out["report"].cancelled

    # Importing again resumes the same import; the rest is transcribed, nothing twice.
    again = library.import_exports([SAMPLE])
    [resumed] = again.exports
    assert resumed.resumed and resumed.clips_new == 31 - report.clips_new
    rest = library.transcribe()
    assert rest.total == len(_with_audio(library) - kept)
    assert set(_per_clip(library).values()) == {1}
    assert set(_per_clip(library)) == _with_audio(library)


def test_an_import_failing_halfway_keeps_what_it_committed_transcribed(
        library: Library) -> None:
    first = threading.Event()

    def fail() -> None:
        raise OSError("the export's disk went away")

    feed = HeldFeed(first, then=fail)
    saved: list[int] = []
    follower, out = _follow(library, feed, saved, first, [])
    with pytest.raises(OSError, match="went away"):
        library.import_exports([SAMPLE], feed=feed)
    follower.join(CEILING_S)
    assert not follower.is_alive() and "error" not in out and feed.held is True
    assert feed.closed
    with library.store.session() as s:
        assert s.scalar(select(ImportRecord.status)) == ImportStatus.INTERRUPTED
        clips = s.scalar(select(func.count()).select_from(Clip))
    assert clips and clips < 31
    assert set(saved) == _with_audio(library) and set(_per_clip(library).values()) == {1}
    again = library.import_exports([SAMPLE])
    assert again.exports[0].resumed
    library.transcribe()
    assert set(_per_clip(library)) == _with_audio(library)
    assert set(_per_clip(library).values()) == {1}


def test_scan_transcribes_beside_the_import_then_flags_once(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = threading.Event()  # the scan's one progress line counted a transcript
    feeds: list[HeldFeed] = []

    def held_feed() -> HeldFeed:
        feeds.append(HeldFeed(shown))
        return feeds[-1]

    monkeypatch.setattr(library_module, "ImportFeed", held_feed)
    flags: list[object] = []
    real_flag = library.flag
    monkeypatch.setattr(library, "flag", lambda *a: flags.append(a) or real_flag(*a))
    lines: list[Progress] = []

    def progress(p: Progress) -> None:
        lines.append(p)
        if p.job == "import" and p.counts.get("transcribed"):
            shown.set()

    scanned = library.scan([SAMPLE], progress=progress)
    assert feeds and feeds[0].held is True
    assert scanned.processed is not None and scanned.processed.flagged is not None
    transcribed = scanned.processed.transcribed
    assert transcribed.finished == transcribed.total == len(_with_audio(library))
    assert set(_per_clip(library).values()) == {1}
    assert len(flags) == 1  # one flagging pass, at the end
    # One stream: the import's line (with the transcripts counted) until it ended, then
    # the transcription's own.
    ended = max(i for i, p in enumerate(lines) if p.job == "import")
    assert all(p.job == "transcribe" for p in lines[ended + 1:])
    assert lines[-1].job == "transcribe" and lines[-1].done == lines[-1].total


def test_scan_of_nothing_transcribes_nothing(library: Library, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    scanned = library.scan([empty])
    assert scanned.processed is None and _transcripts(library) == 0
