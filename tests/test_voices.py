"""Voices through the user's path: real exports imported into a real library, the real job
(decode, VAD, CAM++), clustering, naming, verdicts, the notice letter, deletion, migration.

Voice-quality tests use the corpus's real speakers (skipped when it is absent); the rest uses
generated voices: the committed espeak-ng clips played faster or slower, which the speaker
model hears as different people (espeak's own voice variants it does not tell apart)."""

from __future__ import annotations

import csv
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import event, select

from reviewer.core.audio.decode import decode_audio
from reviewer.core.library import Library
from reviewer.core.store.voice_tables import ClipEmbedding, EmbeddingStatus
from reviewer.core.voices.api import VoiceError
from reviewer.core.voices.clusters import Item, cluster, normalise
from reviewer.core.voices.job import embed_samples
from reviewer.core.voices.model import shared_model
from reviewer.testing.audio import encode, silence
from reviewer.testing.folder_exports import Recording, write_folder
from tests.conftest import CORPUS

SPEECH = Path(__file__).resolve().parent.parent / "reviewer" / "testing" / "data" / "speech"
SR = 16_000


def corpus() -> Path | None:
    for cand in (os.environ.get("REVIEWER_CORPUS"), str(CORPUS)):
        if cand and (Path(cand) / "librispeech").is_dir():
            return Path(cand)
    return None


needs_corpus = pytest.mark.skipif(corpus() is None, reason="the shared corpus is absent")


def warp(x: np.ndarray, factor: float) -> np.ndarray:
    """Play `factor` times faster: pitch and every formant scale together (another 'voice')."""
    n = int(len(x) / factor)
    return np.interp(np.arange(n) * factor, np.arange(len(x)), x).astype(np.float32)


def espeak_clips() -> list[np.ndarray]:
    rows = list(csv.DictReader((SPEECH / "speech.tsv").open(), delimiter="\t"))
    return [decode_audio(SPEECH / r["file"]) for r in rows if r["kind"] != "wake_only"]


def speaker_clips(speaker: str, n: int, seconds: float = 3.0, skip: int = 0) -> list[np.ndarray]:
    root = corpus()
    assert root is not None
    out = []
    for f in sorted((root / "librispeech" / speaker).glob("*.flac"))[skip:skip + n]:
        out.append(decode_audio(f)[SR: SR + int(seconds * SR)])
    return out


def folder_export(tmp: Path, name: str, clips: list[np.ndarray], start: datetime) -> Path:
    recs = []
    for i, x in enumerate(clips):
        when = start + timedelta(hours=7 * i, minutes=i)
        audio = np.concatenate([silence(0.4), x, silence(0.4)])
        recs.append(Recording(f"{when:%Y-%m-%d_%H-%M-%S}.wav", encode(audio, "wav"), when))
    return write_folder(tmp, recs, name=name)


# --- the model: same and different speakers ----------------------------------------------------


def _nearest_same(vectors: list[np.ndarray], labels: list[str]) -> float:
    x = normalise(np.stack(vectors))
    sim = x @ x.T
    np.fill_diagonal(sim, -9)
    lab = np.array(labels)
    return float((lab[sim.argmax(axis=1)] == lab).mean())


def test_same_speaker_scores_above_different_speaker_generated() -> None:
    model = shared_model()
    vectors, labels = [], []
    for factor in (0.8, 1.0, 1.25):
        for x in espeak_clips()[:8]:
            r = embed_samples(model, warp(x, factor))
            assert r.vector is not None
            vectors.append(r.vector)
            labels.append(str(factor))
    x = normalise(np.stack(vectors))
    lab = np.array(labels)
    sim = x @ x.T
    same = sim[(lab[:, None] == lab[None, :]) & ~np.eye(len(lab), dtype=bool)].mean()
    diff = sim[lab[:, None] != lab[None, :]].mean()
    assert same > diff + 0.1
    assert _nearest_same(vectors, labels) >= 0.8


@needs_corpus
def test_same_speaker_scores_above_different_speaker_corpus() -> None:
    model = shared_model()
    vectors, labels = [], []
    for speaker in ("1688", "2033", "3005", "533"):
        for x in speaker_clips(speaker, 4):
            r = embed_samples(model, x)
            assert r.vector is not None
            vectors.append(r.vector)
            labels.append(speaker)
    assert _nearest_same(vectors, labels) == 1.0


@needs_corpus
def test_clustering_a_mixed_archive_finds_each_voice() -> None:
    model = shared_model()
    items, truth = [], {}
    root = corpus()
    assert root is not None
    sources: list[tuple[str, np.ndarray]] = []
    for speaker in ("1998", "2414", "3080"):
        sources += [(speaker, x) for x in speaker_clips(speaker, 6, seconds=2.0)]
    # One-off voices (the TV, visitors): one clip each, no voice of their own.
    for f in sorted((root / "alexa").iterdir())[:4]:
        sources.append((f"tv-{f.name}", decode_audio(f)))
    for i, (who, x) in enumerate(sources):
        r = embed_samples(model, x)
        if r.vector is not None:
            items.append(Item(i, r.vector, r.speech_s))
            truth[i] = who
    result = cluster(items)
    groups = [{truth[c] for c in g} for g in result.groups]
    assert sorted(g.pop() for g in groups if len(g) == 1) == ["1998", "2414", "3080"]
    assert len(result.groups) == 3
    assert all(truth[c].startswith("tv-") for c in result.unassigned)


# --- the library: job, storage, naming, deletion --------------------------------------------------


def test_voices_job_stores_embeddings_resumes_and_deletes_with_the_clip(
        library: Library, tmp_path: Path) -> None:
    clips = [warp(x, 0.85) for x in espeak_clips()[:5]]
    clips.append(np.zeros(int(1.2 * SR), dtype=np.float32))  # silence: no speech
    clips.append(espeak_clips()[0][: int(0.35 * SR)])  # a fragment: too short to judge
    library.import_export([folder_export(tmp_path, "rec", clips, datetime(2024, 3, 1,
                                                                           tzinfo=UTC))])
    progress = []
    first = library.analyse_voices(progress=progress.append, limit=3)
    assert first.total == 3 and first.embedded == 3
    assert progress[-1].job == "voices" and progress[-1].done == 3
    second = library.analyse_voices()  # resumes with the rest only
    assert second.total == 4
    assert second.embedded == 2 and second.no_speech + second.too_short == 2
    with library.store.session() as s:
        rows = list(s.scalars(select(ClipEmbedding)))
    assert len(rows) == 7
    done = [r for r in rows if r.status == EmbeddingStatus.DONE]
    assert all(r.vector is not None and len(r.vector) == 192 * 4 for r in done)
    assert all(r.vector is None for r in rows if r.status != EmbeddingStatus.DONE)
    summary = library.voices()
    assert summary.embedded == 5 and summary.pending == 0
    # Deleting a clip deletes its embedding.
    victim = done[0].clip_id
    library.delete([victim], permanent=True)
    with library.store.session() as s:
        assert s.get(ClipEmbedding, victim) is None
    assert library.analyse_voices().total == 0  # a tombstone is never embedded again


@needs_corpus
def test_names_stick_and_a_strangers_voice_raises_part_of_this_export(
        library: Library, tmp_path: Path) -> None:
    t0 = datetime(2024, 3, 1, tzinfo=UTC)
    household = speaker_clips("1688", 5) + speaker_clips("2609", 5)
    library.import_export([folder_export(tmp_path, "earlier", household, t0)])
    library.analyse_voices()
    before = library.voices().voices
    assert [v.clips for v in before] == [5, 5]
    assert all(len(v.examples) == 3 and v.first is not None for v in before)
    library.name_voice(before[0].id, "me")
    library.name_voice(before[1].id, "household")
    check = library.check_archive()
    assert check is not None and not check.verdicts
    # A newer export: the same two people, plus four clips of someone else.
    newer = speaker_clips("1688", 4, skip=5) + speaker_clips("2609", 4, skip=5)
    stranger = speaker_clips("3331", 4)
    library.import_export([folder_export(tmp_path, "newer", newer + stranger,
                                         t0 + timedelta(days=40))])
    library.analyse_voices()
    after = {v.id: v for v in library.voices().voices}
    assert after[before[0].id].label == "me" and after[before[0].id].clips == 9
    assert after[before[1].id].label == "household" and after[before[1].id].clips == 9
    check = library.check_archive()
    assert check is not None
    assert [v.title for v in check.verdicts] == ["Part of this export may be someone else's"]
    verdict = check.verdicts[0]
    assert len(verdict.clip_ids) == 4 and len(verdict.voice_ids) == 1
    assert "speaks in 4 clips of this export" in verdict.evidence[0]
    assert any("--notice" in a for a in verdict.advice)
    for language, phrase in (("en", "another person"), ("de", "anderen Person")):
        text = library.archive_notice(check, language)
        assert phrase in text
        assert "wav" in text  # the clips are listed by what identifies them
    # Naming that voice "not ours" keeps the verdict, now on the user's word.
    library.name_voice(verdict.voice_ids[0], "not-ours")
    again = library.check_archive()
    assert again is not None and again.verdicts[0].codes == ("foreign_voice",)


@needs_corpus
def test_a_swapped_export_may_not_be_yours(library: Library, tmp_path: Path) -> None:
    t0 = datetime(2024, 3, 1, tzinfo=UTC)
    library.import_export([folder_export(tmp_path, "mine", speaker_clips("1998", 5)
                                         + speaker_clips("2033", 5), t0)])
    library.analyse_voices()
    for v in library.voices().voices:
        library.name_voice(v.id, "household")
    library.import_export([folder_export(tmp_path, "theirs", speaker_clips("367", 6)
                                         + speaker_clips("533", 5), t0 + timedelta(days=9))])
    library.analyse_voices()
    check = library.check_archive()
    assert check is not None
    assert check.verdicts[0].title == "This export may not be yours"
    assert check.verdicts[0].codes[0] == "speech_unmatched"
    assert "11 of 11 clips with enough speech (100%)" in check.verdicts[0].evidence[0]


def test_enrolment_needs_three_usable_clips(library: Library, tmp_path: Path) -> None:
    clips = [warp(x, 0.9) for x in espeak_clips()[:4]]
    library.import_export([folder_export(tmp_path, "rec", clips, datetime(2024, 3, 1,
                                                                           tzinfo=UTC))])
    library.analyse_voices()
    ids = library.clip_ids()
    from reviewer.core.voices.api import VoiceError

    with pytest.raises(VoiceError, match="at least 3"):
        library.enrol_voice(ids[:2])
    library.enrol_voice(ids[:3])
    assert library.voices().enrolled
    assert library.forget_enrolment() and not library.voices().enrolled


def test_schema_3_library_gains_the_voice_tables(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    lib.close()
    db_path = tmp_path / "lib" / "library.sqlite3"
    db_path = db_path if db_path.exists() else next((tmp_path / "lib").glob("*.sqlite3"))
    db = sqlite3.connect(db_path)
    db.execute("DROP TABLE clip_embeddings")
    db.execute("DROP TABLE voices")
    # What schema 5 added (dialogues and action texts) did not exist at schema 3 either.
    db.execute("DROP INDEX ix_clips_dialogue")
    db.execute("DROP INDEX ix_clips_priority")  # holds `dialogue` since v9; v9 makes it again
    db.execute("ALTER TABLE clips DROP COLUMN dialogue")
    db.execute("ALTER TABLE clips DROP COLUMN action_text")
    db.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    db.commit()
    db.close()
    lib = Library.open(tmp_path / "lib")
    try:
        assert lib.store.migration_backup is not None
        assert ".v3." in lib.store.migration_backup.name
        tables = {r[0] for r in sqlite3.connect(db_path).execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"clip_embeddings", "voices"} <= tables
        assert lib.voices().voices == ()
    finally:
        lib.close()


def test_voice_names_are_checked(library: Library) -> None:
    from reviewer.core.voices.api import VoiceError

    with pytest.raises(VoiceError, match="no voice 42"):
        library.name_voice(42, "me")
    with pytest.raises(VoiceError, match="unknown name"):
        library.name_voice(1, "neighbour")


def test_big_archives_cluster_the_longest_clips_then_attach_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above MAX_LINKAGE clips, the longest are clustered and the others join: same voices."""
    from reviewer.core.voices import clusters

    rng = np.random.default_rng(0)
    directions = rng.standard_normal((4, 192))
    items = [Item(i, (directions[i % 4] + rng.standard_normal(192)).astype(np.float32),
                  float(rng.uniform(0.6, 4.0))) for i in range(120)]
    whole = cluster(items)
    monkeypatch.setattr(clusters, "MAX_LINKAGE", 30)
    capped = cluster(items)
    assert sorted(map(sorted, whole.groups)) == sorted(map(sorted, capped.groups))
    residues = [{c % 4 for c in g} for g in capped.groups]
    assert all(len(r) == 1 for r in residues)
    assert set().union(*residues) == {0, 1, 2, 3} and len(residues) == 4


def test_enrolment_reads_tens_of_thousands_of_ids_in_chunks(library: Library) -> None:
    """'These are me' after Ctrl+A: the ids are read in chunks, not one IN (...) past SQLite's
    bound-variable limit (held here at 999, the limit of SQLite before 3.32)."""
    library.store.engine.dispose()
    event.listen(library.store.engine, "connect", lambda con, _rec: con.setlimit(
        sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999))
    with pytest.raises(VoiceError, match="at least"):  # none analysed: said so, not a crash
        library.enrol_voice(list(range(1, 2_500)))
