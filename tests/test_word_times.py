"""Word times on demand, through the user's path: the sample Takeout imported and transcribed
by the real model into a real library (no word times: transcription leaves them out), then
clips opened in the real detail pane (offscreen), which has their words computed off the GUI
thread, stored, and used again when the clip is opened again."""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from reviewer.core.api import ClipInfo, Library, TranscriptInfo
from reviewer.ui.detail import ClipDetail

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        lib = Library.open(tmp_path_factory.mktemp("word-times") / "library")
        lib.import_export([SAMPLE])
        report = lib.transcribe(limit=4)
        assert report.done >= 3, report
    try:
        yield lib
    finally:
        lib.close()


def _newest(library: Library, clip_id: int) -> TranscriptInfo:
    return library.transcripts(clip_id)[-1]


def _untimed(library: Library) -> list[tuple[ClipInfo, TranscriptInfo]]:
    """The clips whose transcript has several words and no word times yet."""
    out = []
    for clip in library.clips():
        found = library.transcripts(clip.id)
        if found and found[-1].status == "done" and len(found[-1].text.split()) >= 3 \
                and not found[-1].words_computed:
            out.append((clip, found[-1]))
    return out


class Counting:
    """`Library.word_times` as the window passes it, counting calls and their threads."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.calls: list[int] = []
        self.threads: set[int] = set()

    def __call__(self, clip_id: int) -> list[dict[str, Any]] | None:
        self.calls.append(clip_id)
        self.threads.add(threading.get_ident())
        return self.library.word_times(clip_id)


@pytest.fixture
def source(library: Library) -> Counting:
    return Counting(library)


@pytest.fixture
def pane(qtbot: QtBot, source: Counting) -> Iterator[ClipDetail]:
    widget = ClipDetail(word_source=source)
    qtbot.addWidget(widget)
    widget.resize(520, 640)
    widget.show()
    yield widget
    widget.shutdown()


def test_transcription_stores_no_word_times_and_says_so(library: Library) -> None:
    untimed = _untimed(library)
    assert len(untimed) >= 2
    for _clip, t in untimed:
        assert t.words == [] and t.segments and t.text.strip()


def test_opening_a_clip_computes_stores_and_reuses_its_word_times(
        library: Library, pane: ClipDetail, source: Counting, qtbot: QtBot) -> None:
    clip, t = _untimed(library)[0]
    pane.show_clip(clip, t, library.audio_path(clip))
    # The transcript is there at once, as text; its words come from another thread.
    label = pane._transcript_label
    assert t.text.split()[0] in label.text() and "#w0" not in label.text()
    assert pane.waiting_for_words
    qtbot.waitUntil(lambda: not pane.waiting_for_words, timeout=120_000)
    assert source.calls == [clip.id] and threading.get_ident() not in source.threads
    assert "#w0" in label.text()
    stored = _newest(library, clip.id)
    assert stored.words_computed and len(stored.words) >= 3
    assert [w["word"].strip() for w in stored.words] == t.text.split()
    # The highlight follows the position with the new words.
    highlight = pane.palette().color(QPalette.ColorRole.Highlight).name()
    w = stored.words[1]
    assert pane.highlight_at((w["start"] + w["end"]) / 2) == 1
    assert label.text().count(f"background-color:{highlight}") == 1
    for a, b in itertools.pairwise(stored.words):
        assert 0.0 <= a["start"] <= a["end"] <= b["start"] + 0.02
    assert stored.words[-1]["end"] <= (clip.duration_s or 60.0) + 0.01
    # Opened again (a fresh read, as the window does): the stored words, nothing computed.
    pane.show_clip(None, None, None)
    pane.show_clip(clip, stored, library.audio_path(clip))
    assert not pane.waiting_for_words and "#w0" in label.text()
    assert library.word_times(clip.id) == stored.words
    assert source.calls == [clip.id]


def test_a_result_for_a_clip_left_behind_is_not_shown(
        library: Library, pane: ClipDetail, source: Counting, qtbot: QtBot) -> None:
    untimed = _untimed(library)
    assert len(untimed) >= 1
    (second, t2) = untimed[0]
    first = next(c for c in library.clips() if c.id != second.id)
    t1 = _newest(library, first.id)
    # The user opens one clip and moves on before its words arrive.
    pane.show_clip(second, t2, library.audio_path(second))
    stale = (second.id, t2.id)
    pane.show_clip(first, t1, library.audio_path(first))
    before = pane._transcript_label.text()
    pane._on_word_times(stale, [{"start": 0.0, "end": 9.0, "word": " WRONG", "probability": 1}])
    assert pane._transcript_label.text() == before and "WRONG" not in before
    assert pane._transcript is t1
    # The request itself still ran (or was dropped from the queue), and stored what it found.
    qtbot.waitUntil(lambda: not pane.waiting_for_words, timeout=120_000)
    pane.shutdown()
    assert all(c in (second.id, first.id) for c in source.calls)
