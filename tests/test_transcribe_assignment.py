"""No word lands in the wrong clip: a property test through the real worker and job.

Each run builds a folder export of clips composed from speech with known text (the project's
espeak-ng clips; with the shared corpus also real "Alexa" speakers and more commands), in a
random order, with random silence around and between the parts, random lengths and formats,
plus clips with no speech at all. The export is imported into a real SQLite library and
transcribed by the real worker process with the bundled model. Every stored transcript is
then checked for marker words (words of 5+ letters that belong to exactly one source text of
the run) of *another* clip. Different runs use different seeds, so orders, neighbours and
lengths differ.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from reviewer.core.audio.decode import decode_audio
from reviewer.core.library import Library
from reviewer.core.store import Clip as StoredClip
from reviewer.core.store import Transcript, TranscriptStatus
from reviewer.testing.audio import SAMPLE_RATE, encode, noise, silence
from reviewer.testing.folder_exports import Recording, write_folder
from reviewer.testing.google_exports import speech_clips
from tests.conftest import CORPUS

MARKER_LETTERS = 5
CLIPS_PER_RUN = 11  # plus one clip without speech


@dataclass(frozen=True)
class Source:
    name: str
    samples: np.ndarray
    text: str


@dataclass
class Composed:
    name: str
    samples: np.ndarray
    sources: tuple[Source, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sources)


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower()).replace("'", "").split()


def _sources() -> tuple[list[Source], list[Source]]:
    """(wake-word sources, speech sources with distinctive text)."""
    wake: list[Source] = []
    speech: list[Source] = []
    for clip in speech_clips():
        source = Source(clip.file, clip.samples(), clip.text)
        (wake if clip.kind == "wake_only" else speech).append(source)
    if (CORPUS / "commands" / "commands.tsv").is_file():
        import csv

        with (CORPUS / "commands" / "commands.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                path = CORPUS / "commands" / row["file"]
                speech.append(Source(f"commands/{row['file']}", decode_audio(path), row["text"]))
    if (CORPUS / "alexa").is_dir():
        for path in sorted((CORPUS / "alexa").glob("*.flac"))[:40]:
            wake.append(Source(f"alexa/{path.name}", decode_audio(path), "alexa"))
    return wake, speech


_CACHE: dict[str, tuple[list[Source], list[Source]]] = {}


def sources() -> tuple[list[Source], list[Source]]:
    if "all" not in _CACHE:
        _CACHE["all"] = _sources()
    return _CACHE["all"]


def compose_run(rng: random.Random) -> list[Composed]:
    """Clips whose speech sources are all different, in a random order and shape."""
    wake, speech = sources()
    picked = rng.sample(speech, CLIPS_PER_RUN)
    clips: list[Composed] = []
    for i, main in enumerate(picked):
        parts: list[Source] = []
        if rng.random() < 0.5:
            parts.append(rng.choice(wake))  # "Alexa" + 0.1-0.8 s + the request
        parts.append(main)
        pieces = [silence(rng.uniform(0.0, 2.5))]
        for k, part in enumerate(parts):
            if k:
                pieces.append(silence(rng.uniform(0.1, 0.8)))
            pieces.append(part.samples)
        pieces.append(silence(rng.uniform(0.0, 3.0)))
        if rng.random() < 0.25:  # now and then a long recording: the request, then quiet
            pieces.append(silence(rng.uniform(5.0, 12.0)))
        samples = np.concatenate(pieces)
        samples = (samples + noise(len(samples) / SAMPLE_RATE, 0.003, seed=rng.randrange(1000))
                   [: len(samples)]).clip(-1, 1).astype(np.float32)
        clips.append(Composed(f"clip{i}", samples, tuple(parts)))
    # A trigger with no speech: it must stay empty, not collect a neighbour's words.
    clips.append(Composed("noise", noise(rng.uniform(1.0, 4.0), 0.05,
                                         seed=rng.randrange(1000)), ()))
    rng.shuffle(clips)
    return clips


def marker_owner(clips: list[Composed]) -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for clip in clips:
        for source in clip.sources:
            for w in words(source.text):
                if len(w) >= MARKER_LETTERS:
                    owners.setdefault(w, set()).add(source.name)
    return {w: next(iter(o)) for w, o in owners.items() if len(o) == 1}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 22, 33])
def test_no_word_lands_in_another_clip(seed: int, library: Library, tmp_path: Path) -> None:
    rng = random.Random(seed)
    clips = compose_run(rng)
    start = datetime(2024, 5, 1, 9, 0, 0, tzinfo=UTC)
    recordings = []
    for k, clip in enumerate(clips):
        fmt = rng.choice(["wav", "flac", "ogg"])
        when = start + timedelta(seconds=k * 37)
        name = when.strftime("%Y-%m-%d_%H-%M-%S") + f".{fmt}"
        recordings.append(Recording(name, encode(clip.samples, fmt), when))
    export = write_folder(tmp_path, recordings, name="recorder")
    assert library.import_export([export]).clips_new == len(clips)

    report = library.transcribe()
    assert report.finished == len(clips) and not report.errors, report.errors

    by_file = {rec.name: clip for rec, clip in zip(recordings, clips, strict=True)}
    with library.store.session() as s:
        rows = s.query(StoredClip.source_path, Transcript).join(
            Transcript, Transcript.clip_id == StoredClip.id).all()
    assert len(rows) == len(clips)
    owner_of = marker_owner(clips)
    wrong: list[str] = []
    own_heard = own_total = 0
    for source_path, transcript in rows:
        clip = by_file[source_path.rsplit("/", 1)[-1]]
        own_names = {s.name for s in clip.sources}
        own_words = set(words(clip.text))
        heard = words(transcript.text)
        for w in heard:
            owner = owner_of.get(w)
            if owner is not None and owner not in own_names and w not in own_words:
                wrong.append(f"{clip.name} ({clip.text!r}) got {w!r} of {owner}: "
                             f"{transcript.text!r}")
        mine = {w for w, o in owner_of.items() if o in own_names}
        own_total += bool(mine)
        own_heard += bool(mine & set(heard))
        if not clip.sources:
            assert transcript.status == TranscriptStatus.NO_SPEECH and transcript.text == "", (
                transcript.text)
        else:
            assert transcript.status == TranscriptStatus.DONE, transcript.text
            end = transcript.audio_duration_s or 0.0
            assert all(0 <= seg["start"] <= seg["end"] <= end + 0.01
                       for seg in transcript.segments)
    assert not wrong, "\n".join(wrong)
    # Not vacuous: the clips' own marker words do come through.
    assert own_heard >= 0.7 * own_total, (own_heard, own_total)
