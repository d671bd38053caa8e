"""The queries the review table and the CLI rely on: search, filters, sorting, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from reviewer.core.library import ClipQuery, Library, fts_query
from reviewer.core.store import Clip
from reviewer.testing.google_exports import make_entries, write_takeout
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"


@pytest.fixture
def sample(library: Library) -> Library:
    library.import_export([SAMPLE])
    return library


def test_search_finds_word_prefixes_in_either_transcript(sample: Library) -> None:
    kitchen = sample.clips(ClipQuery(text="kitch"))
    assert {c.vendor_transcript for c in kitchen} == {"Said turn on the kitchen lights"}
    assert len(kitchen) == 2
    # The local transcript is searched too, and kept in step when it changes.
    target = sample.clips(ClipQuery(text="grandma"))[0]
    with sample.store.transaction() as s:
        s.execute(update(Clip).where(Clip.id == target.id).values(transcript="zebra crossing"))
    assert [c.id for c in sample.clips(ClipQuery(text="zebra"))] == [target.id]
    assert sample.count_clips(ClipQuery(text="send message")) == 2  # every word must match


def test_search_text_cannot_inject_fts_syntax(sample: Library) -> None:
    # Operators become plain words to look for; punctuation alone means no text filter.
    assert fts_query('kitchen" OR *') == '"kitchen"* "OR"*'
    assert fts_query('") (* ^') == ""
    assert sample.count_clips(ClipQuery(text='") (')) == sample.count_clips()
    assert sample.count_clips(ClipQuery(text="NEAR(")) == 0


def test_sorting_by_columns(sample: Library) -> None:
    by_text = [c.vendor_transcript for c in sample.clips(ClipQuery(sort="vendor_transcript"))]
    assert by_text == sorted(by_text, key=lambda t: (t is None, t))
    newest_first = sample.clips(ClipQuery(sort="recorded_at", descending=True))
    assert newest_first[0].recorded_at >= newest_first[-1].recorded_at


def test_live_threshold_filter_uses_scores(sample: Library) -> None:
    with sample.store.transaction() as s:
        s.execute(update(Clip).values(score=Clip.id * 3))
    assert sample.count_clips(ClipQuery(flagged=True, min_score=60)) == sum(
        1 for c in sample.clips() if c.id * 3 >= 60)
    total = sample.count_clips()
    assert (sample.count_clips(ClipQuery(flagged=False, min_score=60))
            + sample.count_clips(ClipQuery(flagged=True, min_score=60))) == total


def test_decisions_are_undone_one_step_at_a_time(sample: Library) -> None:
    assert sample.decide([1, 2, 3], "accidental") == 3
    assert sample.decide([3, 4], "keep") == 2
    assert sample.count_clips(ClipQuery(decision="undecided")) == sample.count_clips() - 4
    assert sorted(sample.undo_decision()) == [3, 4]
    decisions = {c.id: c.decision for c in sample.clips(ClipQuery(limit=5))}
    assert decisions == {1: "accidental", 2: "accidental", 3: "accidental", 4: None, 5: None}
    assert sorted(sample.undo_decision()) == [1, 2, 3]
    assert sample.count_clips(ClipQuery(decision="undecided")) == sample.count_clips()
    assert sample.undo_decision() == []
    with pytest.raises(ValueError):
        sample.decide([1], "maybe")


def test_an_import_lists_every_clip_it_contained(library: Library, tmp_path: Path) -> None:
    entries = make_entries(30)
    [a] = write_takeout(tmp_path / "a", entries[:20], as_zip=True)
    [b] = write_takeout(tmp_path / "b", entries[10:], as_zip=True)
    first = library.import_export([a])
    second = library.import_export([b])
    assert library.count_clips(ClipQuery(import_id=first.import_id)) == 20
    # 10 new and 10 already known from the first export: all 20 were in the second.
    assert library.count_clips(ClipQuery(import_id=second.import_id)) == 20
    assert second.clips_new == 10
