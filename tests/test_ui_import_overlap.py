"""The window transcribes an import's clips while the import runs (issue 17): the status
line says both ("… — transcribed 3 of at least 8"), transcripts and the list appear before
the import has ended, and every clip is transcribed once. The real window (offscreen), the
real worker and model, the sample export; the import is held after its second batch until
the window shows a transcript (events, not time)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections import Counter

import pytest
from sqlalchemy import select

from reviewer.core import library as library_module
from reviewer.core.importers import pipeline
from reviewer.core.jobs import JobKind
from reviewer.core.library import Library
from reviewer.core.store import Transcript
from reviewer.core.transcribe.job import pending_clip_ids
from reviewer.ui import import_flow, review_jobs
from reviewer.ui.clip_model import COLUMN_INDEX
from reviewer.ui.main_window import MainWindow
from tests.test_scan_overlap import CEILING_S, SAMPLE, HeldFeed

pytestmark = pytest.mark.slow


def _transcribed_rows(window: MainWindow) -> int:
    column = COLUMN_INDEX["transcript"]
    texts = [str(window.model.data(window.model.index(r, column)) or "")
             for r in range(window.model.rowCount())]
    return sum(1 for t in texts if t and t != "(not transcribed yet)")


def test_the_window_transcribes_while_the_import_runs(
        qtbot, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)  # several batches from 31 clips
    monkeypatch.setattr(review_jobs, "REFLAG_EVERY", 2)  # the list follows soon
    # Follow once 4 clips show no other language (the held import stops at 8).
    monkeypatch.setattr(library_module, "LANGUAGE_SETTLED_CLIPS", 4)
    go = threading.Event()
    feeds: list[HeldFeed] = []

    def held_feed() -> HeldFeed:
        feeds.append(HeldFeed(go))
        return feeds[-1]

    monkeypatch.setattr(import_flow, "ImportFeed", held_feed)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    try:
        window.import_paths([SAMPLE])
        # Both jobs at once: the job queue admits the transcription beside the import.
        assert {JobKind.IMPORT, JobKind.TRANSCRIBE} <= set(window.jobs)
        qtbot.waitUntil(lambda: _transcribed_rows(window) > 0
                        and "transcribed" in window.job_label.text(),
                        timeout=int(CEILING_S * 1000))
        # The import is still held mid-way: all this came before it ended.
        assert JobKind.IMPORT in window.jobs and feeds[0].held is None
        assert window.stack.currentIndex() == 1  # the review, not the welcome page
        label = window.job_label.text()
        assert "of at least" in label and "left" not in label.split("\u2014")[-1]
        # The list holds the clips committed so far, not yet the whole export.
        assert 0 < window.model.rowCount() < 31
        go.set()
        qtbot.waitUntil(lambda: not window.jobs, timeout=int(CEILING_S * 1000))
        assert feeds[0].held is True
        assert pending_clip_ids(library.store, "tiny.en") == []
        with library.store.session() as s:
            assert set(Counter(s.scalars(select(Transcript.clip_id))).values()) == {1}
        window.report_dialog.close()
        assert "not transcribed yet" not in window.counts_label.text()
    finally:
        go.set()
        window.cancel_jobs()
        qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
        window.close()
