"""Transcribe one short clip at a time with Whisper (faster-whisper / CTranslate2), on the CPU.

Why not `WhisperModel.transcribe` per clip: Whisper's encoder always looks at a 30 s window, so
a 3 s "Alexa, what time is it" costs as much as 30 s of speech. Instead, per clip: Silero VAD
(no speech: Whisper is never called, it would invent "Thank you."), trim to the speech plus
0.5 s, log-mel features padded with the log-mel floor to a short context (8 s or the speech
plus 4 s), one encoder call, greedy decoding with timestamps on a single-threaded copy of the
model held to the clip's end and a token budget, a no-repeat re-decode for loops; word times
only for a lone wake word (from the VAD) or a word said twice in a row (alignment drops a
squeezed copy), the others on demand (`word_times`). About 5-6x faster than the plain
loop on 2 cores with a lower word error. Every clip is decoded on its own: nothing from one
clip can end up in another clip's text. Clips with more than 25 s of speech, and the "plain"
setting, use `WhisperModel.transcribe`.

The measurements behind every choice here (timings per step, contexts and paddings tried,
word error on 559 corpus clips, what was tried and not kept) are in bench/README.md, and
`bench/transcribe_bench.py` reproduces them.
"""

from __future__ import annotations

import copy
import os
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.audio.decode import decode_audio
from reviewer.core.audio.vad import SpeechDetection, detect_speech
from reviewer.core.transcribe.models import ModelInfo, ensure_offline, resolve_model

HOP = 160  # samples per mel frame: 100 frames per second
FULL_CONTEXT_FRAMES = 3000
TIME_PRECISION = 0.02  # seconds per timestamp token
MAX_TOKENS = 448  # Whisper's decoder context
SQUEEZED_WORD_S = 0.15  # an aligned word shorter than this did not really take place
PREPEND_PUNCTUATION = "\"'“¿([{-"
APPEND_PUNCTUATION = "\"'.。,，!！?？:：”)]}、"

Samples = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Segment:
    start: float  # seconds from the start of the original clip
    end: float
    text: str


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str
    probability: float


@dataclass(frozen=True)
class ClipTranscript:
    """What Whisper heard in one clip, with what is needed to judge how far to trust it."""

    text: str
    segments: tuple[Segment, ...]
    words: tuple[Word, ...]
    avg_logprob: float | None
    no_speech_prob: float | None
    compression_ratio: float | None
    speech_ratio: float
    language: str
    language_probability: float | None
    duration: float
    no_speech: bool
    model: str
    settings: dict[str, Any] = field(default_factory=dict)
    # False: word times were not computed (`words` is empty for that reason, not because
    # nothing was said); `Engine.word_times` computes them when they are wanted.
    words_computed: bool = True


@dataclass(frozen=True)
class EngineSettings:
    mode: str = "short"  # "short" (short encoder context) or "plain" (WhisperModel.transcribe)
    beam_size: int = 1  # greedy; beam 5 made the short path slower and no more accurate
    # Greedy only: Whisper's temperature fallback (0.2, 0.4, ... on a loop or a low log-prob)
    # never lowered the word error here and made it worse on bare wake words (see above).
    temperatures: tuple[float, ...] = (0.0,)
    best_of: int = 5
    compression_ratio_threshold: float = 2.4
    log_prob_threshold: float = -1.0
    no_speech_threshold: float = 0.6
    # Word times during transcription (cross-attention alignment, ~10-25 ms per short clip):
    # off, they are computed on demand (`word_times`) for the clips a user opens; a lone word
    # still takes its time from the VAD, which costs nothing.
    word_timestamps: bool = False
    language: str | None = None  # None: English for .en models, detected for multilingual
    # With a multilingual model and no `language`: the languages per-clip detection chooses
    # from, the library's main one first (a German household: ("de", "en")). Whisper's
    # detection on a 2-3 s clip is unsure: with base, real "Alexa" clips came out Greek,
    # Telugu or Japanese (6 of 30), espeak-ng German requests Latin or Hebrew, and German ones
    # as English with p(en) 0.1-0.7 while p(de) was 0.01-0.4. English speech, though, gave
    # p(de) <= 0.01 on every clip tried (commands, "Alexa", LibriSpeech). So: the first
    # language, unless another is `language_bias` times as probable. Empty: any language.
    languages: tuple[str, ...] = ()
    language_bias: float = 10.0
    vad_pad_s: float = 0.5  # silence kept around the speech when trimming
    # Encoder windows to round up to: the first that holds the trimmed clip plus
    # `context_padding_s` of silence (8 s for a lone "Alexa", 9 s for a 5 s request).
    context_lengths_s: tuple[int, ...] = tuple(range(8, 26))
    context_padding_s: float = 4.0
    long_form_s: float = 25.0  # trimmed clips longer than this: WhisperModel.transcribe
    # A clip whose speech is one burst shorter than this (a lone "Alexa") goes the plain way:
    # tiny.en hears the bare wake word a little more often in a 30 s window (316 vs 305 of 329
    # corpus clips) at ~3x the cost of such clips. Off by default.
    lone_word_plain_s: float = 0.0
    seed: int = 0  # for fallback sampling
    # What fills the encoder context after the clip: "silence" (the log-mel floor, which is
    # what Whisper saw after short audio in training) or "zeros" (faster-whisper's padding).
    pad_features: str = "silence"
    # Threads for the short path's decoder and word alignment (a second copy of the model);
    # the encoder and the plain/long paths use all cores. 0: the same model as the encoder.
    decoder_threads: int = 1
    # A decode that looks wrong is re-run on these contexts in turn (the first longer one
    # first) until one looks right.
    retry_contexts_s: tuple[int, ...] = (10, 30)
    # A transcript of one word in one segment takes its time from the VAD's speech span
    # instead of cross-attention alignment (which costs ~7 ms, a tenth of a short clip).
    lone_word_from_vad: bool = True
    # A looping decode is first decoded again from the same encoder output with no token
    # allowed twice, before any wider context is tried.
    loop_retry_no_repeat: bool = True
    # Clips transcribed at the same time (`transcribe_many`, or `transcribe` from several
    # threads, as the worker does), each on cores/n threads of one shared model. 1: one clip
    # at a time on all cores (the encoder) and one thread (the decoder). 0: one clip per core
    # (at most `MAX_CLIPS_AT_ONCE`): on 2 cores 1.25x the throughput of one at a time, since
    # the single-threaded decoder leaves the other core idle for most of a short clip.
    clips_at_once: int = 0
    # Short clips whose first greedy decode runs as one batch (`transcribe_batch`; the worker
    # takes this many clips at a time on each of its `clips_at_once` threads). 1: no batching.
    decode_batch: int = 8
    # In such a batch, a clip that closes its last segment with a timestamp after its own end
    # (allowed by a longer neighbour's end) keeps that decode, the segment's end clamped to the
    # clip's end, instead of being decoded again alone (where that timestamp is suppressed).
    # That was why 30 of 187 corpus clips were decoded twice (every such clip's only
    # suppressed token was that last one); on 197 clips texts differed in one (alone, it said
    # the request twice), word error 0.220 vs 0.227, 9 % less CPU a clip. False: every clip
    # gets the decode it gets alone (see bench/README.md, issue 17).
    batch_late_close: bool = True
    # A decode that closed its last segment while this much speech (seconds, by the VAD) is
    # still to come is continued from there on the same encoder output: the decoded tokens
    # plus a timestamp where that speech starts, as the prompt (Whisper's own seek, without a
    # second encoder call). base on a short context often writes "<|0.00|> Alexa <|2.00|>"
    # and stops, losing the request after the pause (8 of 40 composed clips). None: on for
    # multilingual models (0.5 s), off for English-only ones (not measured on tiny.en).
    continue_uncovered_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Each clip at once holds its own encoder output and decoder state (a few MB) and CTranslate2
# keeps one replica per worker thread; beyond this, memory grows with no gain on short clips.
MAX_CLIPS_AT_ONCE = 4


@dataclass
class _Short:
    """A short clip between its encoder call and its transcript."""

    vad: SpeechDetection
    clip_s: float
    features: npt.NDArray[np.float32]
    n_frames: int
    context: int  # encoder frames
    encoded: Any  # the encoder output (a CTranslate2 StorageView)
    language: str
    language_p: float | None
    tokenizer: Any
    budget: int
    suppress: list[int]


@dataclass
class _Decoded:
    tokens: list[int]
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float
    hit_limit: bool


class Engine:
    """Loads one Whisper model once; `transcribe` handles one clip per call.

    With `clips_at_once` = 1 calls must not overlap. With n > 1 (the default on a machine
    with several cores), up to n calls may run at once from different threads (each clip
    then runs on cores/n threads), and `transcribe_many` does that for a sequence of clips.
    """

    def __init__(self, model: ModelInfo, settings: EngineSettings | None = None, *,
                 cpu_threads: int | None = None) -> None:
        ensure_offline()
        from faster_whisper import WhisperModel

        self.info = model
        self.settings = settings or EngineSettings()
        if self.settings.mode not in ("short", "plain"):
            raise ValueError(f"unknown transcription mode {self.settings.mode!r}")
        self.cpu_threads = cpu_threads or os.cpu_count() or 1
        at_once = self.settings.clips_at_once
        self.clips_at_once = max(1, at_once if at_once > 0 else
                                 min(self.cpu_threads, MAX_CLIPS_AT_ONCE))
        # Threads per clip: all cores for one clip at a time, else a share of them.
        per_clip = max(1, self.cpu_threads // self.clips_at_once)
        # A local folder path: faster-whisper never consults a model hub for one.
        self._whisper: Any = WhisperModel(str(model.path), device="cpu", compute_type="int8",
                                          cpu_threads=per_clip, num_workers=self.clips_at_once)
        # The decoder runs one token at a time through small matrices: spread over two
        # threads, each step waits on the other (5-5.6 ms a step on 2 cores, idle or busy,
        # vs 1.6 ms on one thread), so it gets its own single-threaded copy of the model
        # (~90 MB more).
        self._decoder: Any = self._whisper
        threads = self.settings.decoder_threads
        if self.settings.mode == "short" and self.clips_at_once == 1 and 0 < threads != per_clip:
            import ctranslate2

            self._decoder = copy.copy(self._whisper)
            self._decoder.model = ctranslate2.models.Whisper(
                str(model.path), device="cpu", compute_type="int8", intra_threads=threads)
        self.multilingual = bool(self._whisper.model.is_multilingual)
        uncovered = self.settings.continue_uncovered_s
        self._continue_s = (uncovered if uncovered is not None
                            else 0.5 if self.multilingual else 0.0)
        self._log_mel = _LogMel(self._whisper.feature_extractor)
        self._base_suppress: list[int] | None = None
        self._tokenizers: dict[str, Any] = {}

    @classmethod
    def load(cls, cache_dir: Path, model: str | Path = "tiny.en",
             settings: EngineSettings | None = None) -> Engine:
        """Resolve and verify `model` (name or folder), then load it."""
        return cls(resolve_model(model, cache_dir), settings)

    @property
    def model_name(self) -> str:
        return self.info.name

    def transcribe_audio(self, data: bytes | Path) -> ClipTranscript:
        """Decode (raising `AudioError` if corrupt) and transcribe one clip."""
        return self.transcribe(decode_audio(data))

    def transcribe_many(self, clips: Iterable[Samples]) -> Iterator[ClipTranscript]:
        """Transcribe `clips` in order; results in the same order.

        `decode_batch` clips at a time go through `transcribe_batch`, `clips_at_once` such
        batches at once (each on its own thread). Each clip is still decoded on its own
        sequence, so nothing of one clip can reach another's result.
        """
        size = max(1, self.settings.decode_batch)

        def batches() -> Iterator[list[Samples]]:
            batch: list[Samples] = []
            for samples in clips:
                batch.append(samples)
                if len(batch) == size:
                    yield batch
                    batch = []
            if batch:
                yield batch

        if self.clips_at_once == 1:
            for batch in batches():
                yield from self.transcribe_batch(batch)
            return
        from concurrent.futures import Future, ThreadPoolExecutor

        with ThreadPoolExecutor(self.clips_at_once, thread_name_prefix="whisper") as pool:
            pending: deque[Future[list[ClipTranscript]]] = deque()
            for batch in batches():
                pending.append(pool.submit(self.transcribe_batch, batch))
                if len(pending) > self.clips_at_once:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def transcribe_batch(self, clips: Sequence[Samples]) -> list[ClipTranscript]:
        """Transcribe several clips; results in the same order.

        The first greedy decode of the short clips that share an encoder context length and
        language runs as one batch (one `generate` call): the decoder is latency-bound, and
        a batch of 8 costs about half as much per clip as 8 decodes one after another (see
        bench/README.md). Each clip keeps its own sequence, encoder output, checks and
        re-decodes, so its text is what it would get alone (give or take int8 numerics).
        """
        out: list[ClipTranscript | None] = [None] * len(clips)
        groups: dict[tuple[int, str], list[tuple[int, _Short]]] = {}
        for i, raw in enumerate(clips):
            samples = np.ascontiguousarray(raw, dtype=np.float32).reshape(-1)
            vad = detect_speech(samples, pad_s=self.settings.vad_pad_s)
            if self._route(vad) != "short":
                out[i] = self._transcribe_routed(samples, vad)
                continue
            c = self._prepare_short(vad)
            groups.setdefault((c.context, c.language), []).append((i, c))
        for members in groups.values():
            firsts = self._greedy_batch([c for _, c in members])
            for (i, c), decoded in zip(members, firsts, strict=True):
                out[i] = self._finish_short(c, decoded)
        return [t for t in out if t is not None]

    def transcribe(self, samples: Samples) -> ClipTranscript:
        """Transcribe one clip of 16 kHz mono float32 samples."""
        samples = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        vad = detect_speech(samples, pad_s=self.settings.vad_pad_s)
        return self._transcribe_routed(samples, vad)

    def _route(self, vad: SpeechDetection) -> str:
        if not vad.has_speech:
            return "vad"
        if vad.trimmed_duration_s > self.settings.long_form_s:
            return "long"
        if self.settings.mode == "plain" or (
                len(vad.spans) == 1 and vad.speech_s < self.settings.lone_word_plain_s):
            return "plain"
        return "short"

    def _transcribe_routed(self, samples: Samples, vad: SpeechDetection) -> ClipTranscript:
        route = self._route(vad)
        if route == "vad":
            return self._empty(vad, path="vad")
        if route == "long":
            return self._transcribe_long(samples, vad)
        if route == "plain":
            return self._transcribe_plain(samples, vad)
        return self._transcribe_short(vad)

    def detect_language(self, samples: Samples) -> tuple[str, float | None] | None:
        """The language of one clip's speech (one short encoder pass), None without speech."""
        samples = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        vad = detect_speech(samples, pad_s=self.settings.vad_pad_s)
        if not vad.has_speech:
            return None
        clip = vad.trimmed
        features = self._log_mel(clip)
        n_frames = min(features.shape[-1] - 1, clip.shape[0] // HOP)
        encoded = self._encode(features[:, :n_frames], self._context_frames(n_frames))
        return self._language(encoded)

    # --- short encoder context ---------------------------------------------------------------

    def _prepare_short(self, vad: SpeechDetection) -> _Short:
        """Everything of a short clip up to its first decode: features, one encoder call,
        language, tokenizer, token budget and suppressed tokens."""
        clip = vad.trimmed
        clip_s = clip.shape[0] / SAMPLE_RATE
        features = self._log_mel(clip)
        n_frames = min(features.shape[-1] - 1, clip.shape[0] // HOP)
        features = features[:, :n_frames]
        context = self._context_frames(n_frames)
        encoded = self._encode(features, context)
        language, language_p = self._language(encoded)
        tokenizer = self._tokenizer(language)
        return _Short(vad=vad, clip_s=clip_s, features=features, n_frames=n_frames,
                      context=context, encoded=encoded, language=language,
                      language_p=language_p, tokenizer=tokenizer, budget=_token_budget(vad),
                      suppress=self._suppress(tokenizer, clip_s))

    def _transcribe_short(self, vad: SpeechDetection) -> ClipTranscript:
        c = self._prepare_short(vad)
        return self._finish_short(c, self._greedy(c.encoded, c.tokenizer, c.suppress,
                                                  c.budget))

    def _finish_short(self, c: _Short, decoded: _Decoded) -> ClipTranscript:
        """From a clip's first (greedy) decode to its transcript: the quality checks and
        their re-decodes, segments, word times."""
        s = self.settings
        vad, clip_s, features, n_frames = c.vad, c.clip_s, c.features, c.n_frames
        context, encoded, tokenizer = c.context, c.encoded, c.tokenizer
        language, language_p, budget, suppress = c.language, c.language_p, c.budget, c.suppress
        offset = vad.offset_s
        escalated = False
        no_repeat = False
        if s.loop_retry_no_repeat and self._loops(decoded, tokenizer):
            # "Alexa. Alexa. Alexa." on a short context: decode the same encoder output
            # again with no token allowed twice (~15 ms instead of a wider encode).
            retry = self._generate(encoded, tokenizer, suppress, budget, 0.0,
                                   no_repeat_ngram_size=1)
            if not self._looks_wrong(retry, tokenizer, vad) or (
                    self._rank(retry, tokenizer) > self._rank(decoded, tokenizer)):
                decoded, no_repeat = retry, True
        for retry_frames in self._retry_frames(context):
            if not self._looks_wrong(decoded, tokenizer, vad):
                break
            # tiny.en on a short context sometimes loops or stops after one letter; a longer
            # context (up to the 30 s window it was trained on) usually fixes that. Keep
            # whichever decode is better.
            wider = self._encode(features, retry_frames)
            retry = self._greedy(wider, tokenizer, suppress, budget)
            escalated = True
            if not self._looks_wrong(retry, tokenizer, vad) or (
                    self._rank(retry, tokenizer) > self._rank(decoded, tokenizer)):
                decoded, encoded, context = retry, wider, retry_frames
        decoded = self._fallback(decoded, encoded, tokenizer, suppress, budget)
        continued = self._continue_uncovered(c, decoded, encoded)
        if continued is not None:
            decoded = continued
        silent = self._whisper_says_silence(decoded)
        segments = [] if silent else self._segments(decoded.tokens, tokenizer, clip_s)
        words: list[Word] = []
        computed = not segments
        if segments:
            lone = _lone_word(segments, vad, decoded.avg_logprob) if s.lone_word_from_vad \
                else None
            if lone is not None:
                words, computed = [lone], True
            elif s.word_timestamps or any(map(_said_twice, segments)):
                # A word twice in a row may be one word and an invented copy, which only the
                # alignment tells apart (`_drop_squeezed_repeats`): such clips are aligned
                # now, so their text is what it always was (1 of 149 corpus clips).
                segments, words = self._align(segments, tokenizer, encoded, n_frames)
                computed = True
        shifted = [_shift(seg, offset, vad.duration_s) for seg in segments]
        shifted = [seg for seg in shifted if seg.text.strip()]
        words = [_shift_word(w, offset, vad.duration_s) for w in words]
        text = "".join(seg.text for seg in shifted).strip()
        return ClipTranscript(
            text=text, segments=tuple(shifted), words=tuple(words),
            avg_logprob=decoded.avg_logprob, no_speech_prob=decoded.no_speech_prob,
            compression_ratio=decoded.compression_ratio, speech_ratio=vad.speech_ratio,
            language=language, language_probability=language_p, duration=vad.duration_s,
            no_speech=not text, model=self.model_name, words_computed=computed or not shifted,
            settings=self._used(path="short", context_s=context / 100, escalated=escalated,
                                no_repeat_retry=no_repeat, temperature=decoded.temperature,
                                trim_offset_s=offset, trim_end_s=vad.trim_end / SAMPLE_RATE,
                                continued=continued is not None))

    def _continue_uncovered(self, c: _Short, decoded: _Decoded, encoded: Any) -> _Decoded | None:
        """The decode continued over speech it left out (see `continue_uncovered_s`), or None
        when nothing was left out or the continuation looks no better than stopping."""
        tokenizer = c.tokenizer
        begin = tokenizer.timestamp_begin
        tokens = decoded.tokens
        if (self._continue_s <= 0 or not tokens or tokens[-1] < begin
                or self._whisper_says_silence(decoded)):
            return None  # an open last segment already runs to the clip's end
        covered = (tokens[-1] - begin) * TIME_PRECISION
        trim = c.vad.trim_start
        spans = [((a - trim) / SAMPLE_RATE, (b - trim) / SAMPLE_RATE) for a, b in c.vad.spans]
        # Speech that starts after the decode's last timestamp (give or take its 0.2 s
        # imprecision): a span that began inside the covered part was written already.
        rest = [(a, b) for a, b in spans
                if a >= covered - 0.2 and b - max(a, covered) >= self._continue_s]
        if not rest:
            return None
        # From where that speech starts (a little before, for its first sound), never before
        # what is already covered.
        start = max(covered, rest[0][0] - 0.1)
        resume = begin + max(tokens[-1] - begin, round(start / TIME_PRECISION))
        prefix = [*tokens, resume]
        more = self._generate(encoded, tokenizer, c.suppress, max(8, c.budget - len(prefix)),
                              0.0, prefix=prefix)
        # CTranslate2 returns the prompt's tokens after the start sequence too.
        new = more.tokens[len(prefix):] if more.tokens[:len(prefix)] == prefix else more.tokens
        said = [w for w in map(_bare, tokenizer.decode(tokens).split()) if w]
        added = [w for w in map(_bare, tokenizer.decode(new).split()) if w]
        if not added or self._loops(more, tokenizer) or (
                more.avg_logprob < self.settings.log_prob_threshold) or (
                added[:len(said)] == said[:len(added)]):
            return None  # nothing, a loop, improbable, or the same words again
        joined = [*prefix, *new]
        n_old, n_new = len(tokens) + 1, len(new) + 1
        text = tokenizer.decode(joined).strip()
        return _Decoded(tokens=joined,
                        avg_logprob=(decoded.avg_logprob * n_old + more.avg_logprob * n_new)
                        / (n_old + n_new),
                        no_speech_prob=decoded.no_speech_prob,
                        compression_ratio=_compression_ratio(text),
                        temperature=decoded.temperature, hit_limit=more.hit_limit)

    def _retry_frames(self, context: int) -> list[int]:
        return [seconds * 100 for seconds in sorted(self.settings.retry_contexts_s)
                if seconds * 100 > context]

    def _context_frames(self, n_frames: int) -> int:
        needed = n_frames + round(self.settings.context_padding_s * 100)
        for seconds in sorted(self.settings.context_lengths_s):
            if needed <= seconds * 100:
                return seconds * 100
        return FULL_CONTEXT_FRAMES

    def _encode(self, features: npt.NDArray[np.float32], frames: int) -> Any:
        # Features are (log10(mel) + 4) / 4, floored at 8 below the clip's peak (-2 here):
        # the floor is what Whisper's own padding (zero samples) turns into.
        fill = float(features.max()) - 2.0 if self.settings.pad_features == "silence" else 0.0
        padded = np.full((features.shape[0], frames), fill, dtype=np.float32)
        used = min(frames, features.shape[1])
        padded[:, :used] = features[:, :used]
        return self._whisper.encode(padded)

    def _greedy(self, encoded: Any, tokenizer: Any, suppress: list[int],
                budget: int) -> _Decoded:
        return self._generate(encoded, tokenizer, suppress, budget, temperature=0.0)

    def _greedy_batch(self, clips: Sequence[_Short]) -> list[_Decoded]:
        """The greedy decode of each clip (same context and language), as one batch.

        One `generate` call takes one token limit and one suppress list, so the batch runs to
        the largest budget with the latest end-of-clip timestamp allowed; a clip whose decode
        then went past its own budget, or used a timestamp its own list suppresses, is decoded
        again alone, so every clip gets exactly the decode it would get alone. The exception
        (`batch_late_close`): a late timestamp that only closes the last segment is kept.
        """
        if len(clips) == 1:
            c = clips[0]
            return [self._greedy(c.encoded, c.tokenizer, c.suppress, c.budget)]
        import ctranslate2

        tokenizer = clips[0].tokenizer
        prompt = list(tokenizer.sot_sequence)
        budget = max(c.budget for c in clips)
        max_length = min(MAX_TOKENS, len(prompt) + budget)
        loosest = min(clips, key=lambda c: len(c.suppress)).suppress
        allowed = set(loosest)
        encoded = ctranslate2.StorageView.from_array(
            np.concatenate([np.asarray(c.encoded) for c in clips]))
        results = self._decoder.model.generate(
            encoded, [prompt] * len(clips), max_length=max_length, return_scores=True,
            return_no_speech_prob=True, suppress_blank=True, suppress_tokens=loosest,
            max_initial_timestamp_index=50, beam_size=self.settings.beam_size)
        decoded: list[_Decoded] = []
        for c, result in zip(clips, results, strict=True):
            tokens = list(result.sequences_ids[0])
            own_max = min(MAX_TOKENS, len(prompt) + c.budget)
            banned = set(c.suppress) - allowed
            # A last token that closes the last segment after the clip's end is kept (see
            # `batch_late_close`): `_segments` clamps that end to the clip's end.
            late_close = (self.settings.batch_late_close and bool(tokens)
                          and tokens[-1] >= tokenizer.timestamp_begin)
            checked = tokens[:-1] if late_close else tokens
            if len(prompt) + len(tokens) >= own_max or banned.intersection(checked):
                decoded.append(self._greedy(c.encoded, c.tokenizer, c.suppress, c.budget))
                continue
            text = tokenizer.decode(tokens).strip()
            decoded.append(_Decoded(
                tokens=tokens,
                avg_logprob=float(result.scores[0] * len(tokens) / (len(tokens) + 1)),
                no_speech_prob=float(result.no_speech_prob),
                compression_ratio=_compression_ratio(text), temperature=0.0, hit_limit=False))
        return decoded

    def _generate(self, encoded: Any, tokenizer: Any, suppress: list[int], budget: int,
                  temperature: float, prefix: Sequence[int] = (), **extra: Any) -> _Decoded:
        import ctranslate2

        s = self.settings
        prompt = [*tokenizer.sot_sequence, *prefix]
        max_length = min(MAX_TOKENS, len(prompt) + budget)
        if temperature > 0:
            # Seeded sampling: the same clip gives the same fallback text on every run.
            ctranslate2.set_random_seed(s.seed)
            kwargs: dict[str, Any] = {"beam_size": 1, "num_hypotheses": s.best_of,
                                      "sampling_topk": 0, "sampling_temperature": temperature}
        else:
            kwargs = {"beam_size": s.beam_size}
        result = self._decoder.model.generate(
            encoded, [prompt], max_length=max_length, return_scores=True,
            return_no_speech_prob=True, suppress_blank=True, suppress_tokens=suppress,
            max_initial_timestamp_index=50, **kwargs, **extra)[0]
        # With several sampled hypotheses, keep the most probable (as Whisper's best_of does).
        best = max(range(len(result.sequences_ids)), key=lambda i: result.scores[i])
        tokens = list(result.sequences_ids[best])
        avg_logprob = result.scores[best] * len(tokens) / (len(tokens) + 1)
        text = tokenizer.decode(tokens).strip()
        return _Decoded(tokens=tokens, avg_logprob=float(avg_logprob),
                        no_speech_prob=float(result.no_speech_prob),
                        compression_ratio=_compression_ratio(text), temperature=temperature,
                        hit_limit=len(prompt) + len(tokens) >= max_length)

    def _fallback(self, decoded: _Decoded, encoded: Any, tokenizer: Any, suppress: list[int],
                  budget: int) -> _Decoded:
        """Whisper's temperature fallback on a repetitive or improbable greedy decode."""
        tried = [decoded]
        for temperature in self.settings.temperatures:
            if temperature <= 0:
                continue
            if not self._needs_fallback(tried[-1], tokenizer):
                return tried[-1]
            tried.append(self._generate(encoded, tokenizer, suppress, budget, temperature))
        if not self._needs_fallback(tried[-1], tokenizer):
            return tried[-1]
        # All failed: the most probable decode that does not loop (Whisper's rule, plus loops).
        fine = [d for d in tried if not self._loops(d, tokenizer)] or tried
        return max(fine, key=lambda d: d.avg_logprob)

    def _needs_fallback(self, d: _Decoded, tokenizer: Any) -> bool:
        s = self.settings
        if self._whisper_says_silence(d):
            return False
        return self._loops(d, tokenizer) or d.avg_logprob < s.log_prob_threshold

    def _loops(self, d: _Decoded, tokenizer: Any) -> bool:
        text_tokens = [t for t in d.tokens if t < tokenizer.eot]
        if (d.compression_ratio > self.settings.compression_ratio_threshold or d.hit_limit
                or _repeats(text_tokens)):
            return True
        # The same loop in words: "uh, like, uh, like, uh, like" (base on a German wake word)
        # is no token run three times over, the last comma being missing.
        words = [w for w in map(_bare, tokenizer.decode(text_tokens).split()) if w]
        return _repeats(words, longest_unit=3)

    def _whisper_says_silence(self, d: _Decoded) -> bool:
        s = self.settings
        return d.no_speech_prob > s.no_speech_threshold and d.avg_logprob < s.log_prob_threshold

    def _rank(self, d: _Decoded, tokenizer: Any) -> tuple[bool, float]:
        """Order two doubtful decodes: one that does not loop first, then the more probable."""
        return (not self._loops(d, tokenizer), d.avg_logprob)

    def _looks_wrong(self, d: _Decoded, tokenizer: Any, vad: SpeechDetection) -> bool:
        """A loop, or far too little text for the speech ("a" for a 0.8 s "Alexa")."""
        if self._loops(d, tokenizer):
            return True
        letters = sum(ch.isalnum() for ch in tokenizer.decode(d.tokens))
        # Speech runs at 10+ letters per second; under 3 means words went missing.
        return letters < 3.0 * vad.speech_s and not self._whisper_says_silence(d)

    def _suppress(self, tokenizer: Any, clip_s: float) -> list[int]:
        if self._base_suppress is None:
            from faster_whisper.transcribe import get_suppressed_tokens

            self._base_suppress = list(get_suppressed_tokens(tokenizer, [-1]))
        # No timestamp after the clip's end: the last segment must close inside the audio.
        last = round((clip_s + 0.3) / TIME_PRECISION)
        late = range(tokenizer.timestamp_begin + last + 1, tokenizer.timestamp_begin + 1501)
        return self._base_suppress + list(late)

    def _segments(self, tokens: list[int], tokenizer: Any, clip_s: float) -> list[dict[str, Any]]:
        """Split a timestamped decode into segments (times relative to the trimmed clip)."""
        begin = tokenizer.timestamp_begin
        segments: list[dict[str, Any]] = []
        start: float | None = None
        current: list[int] = []
        for token in tokens:
            if token >= begin:
                time = (token - begin) * TIME_PRECISION
                if start is None:
                    start = time
                elif current:
                    segments.append({"seek": 0, "start": start, "end": time,
                                     "tokens": current})
                    current, start = [], time
                else:
                    start = time
            elif token < tokenizer.eot:
                current.append(token)
                start = 0.0 if start is None else start
        if current and start is not None:
            # An unclosed last segment (stopped by EOT or the budget) runs to the clip's end.
            segments.append({"seek": 0, "start": start, "end": max(start, clip_s),
                             "tokens": current})
        kept = []
        for seg in segments:
            if seg["start"] >= clip_s:
                continue  # after the audio ends: invented
            seg["end"] = min(seg["end"], clip_s)
            seg["text"] = tokenizer.decode(seg["tokens"])
            kept.append(seg)
        return kept

    def _align(self, segments: list[dict[str, Any]], tokenizer: Any, encoded: Any,
               n_frames: int) -> tuple[list[dict[str, Any]], list[Word]]:
        """Word times from cross-attention (one extra decoder pass, a few ms on short clips)."""
        self._decoder.add_word_timestamps([segments], tokenizer, encoded, n_frames,
                                          PREPEND_PUNCTUATION, APPEND_PUNCTUATION,
                                          last_speech_timestamp=0.0)
        for seg in segments:
            _drop_squeezed_repeats(seg)
        words = [Word(start=float(w["start"]), end=float(w["end"]), word=str(w["word"]),
                      probability=float(w["probability"]))
                 for seg in segments for w in seg.get("words", [])]
        return segments, words

    # --- word times on demand -----------------------------------------------------------------

    def word_times(self, samples: Samples, settings: dict[str, Any],
                   segments: Sequence[dict[str, Any]], language: str | None) -> list[Word]:
        """Word times for a transcript made without them, from its clip's samples.

        A short-path transcript is aligned on what its decode saw: the same trim (the
        `trim_offset_s`/`trim_end_s` its settings hold) and the same encoder context
        (`context_s`), so the times are those transcription would have computed. Other paths
        (plain, long-form) are aligned in Whisper's 30 s windows, each from the start of the
        first segment not yet aligned. `segments` are the stored ones (clip time); the text
        tokens are their text encoded again. A word the alignment squeezes into almost no
        time after the same word ("Alexa. Alexa." for one "Alexa") is left out.
        """
        samples = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        segs = [seg for seg in segments if str(seg.get("text", "")).strip()]
        if not segs:
            return []
        tokenizer = self._tokenizer(language if self.multilingual and language else "en")
        duration = samples.shape[0] / SAMPLE_RATE
        if settings.get("path") == "short" and "trim_offset_s" in settings:
            start = round(float(settings["trim_offset_s"]) * SAMPLE_RATE)
            if "trim_end_s" in settings:
                end = round(float(settings["trim_end_s"]) * SAMPLE_RATE)
            else:  # made before the end was stored: the same VAD finds the same trim
                pad = float(settings.get("vad_pad_s", self.settings.vad_pad_s))
                end = detect_speech(samples, pad_s=pad).trim_end
            context = round(float(settings.get("context_s", 30.0)) * 100)
            return self._words_in(samples[start:end], start / SAMPLE_RATE, segs, tokenizer,
                                  context, duration)
        words: list[Word] = []
        i = 0
        while i < len(segs):
            first = max(0.0, float(segs[i]["start"]))
            group = [segs[i]]
            i += 1
            while i < len(segs) and float(segs[i]["end"]) <= first + FULL_CONTEXT_FRAMES / 100:
                group.append(segs[i])
                i += 1
            begin = round(first * SAMPLE_RATE)
            window = samples[begin:begin + FULL_CONTEXT_FRAMES * HOP]
            words += self._words_in(window, begin / SAMPLE_RATE, group, tokenizer,
                                    FULL_CONTEXT_FRAMES, duration)
        return words

    def _words_in(self, clip: Samples, offset: float, segments: Sequence[dict[str, Any]],
                  tokenizer: Any, context: int, duration: float) -> list[Word]:
        """Align `segments` (clip time) on `clip`, which starts at `offset` in the clip."""
        features = self._log_mel(clip)  # the features transcription used
        n_frames = min(features.shape[-1] - 1, clip.shape[0] // HOP)
        if n_frames <= 0:
            return []
        encoded = self._encode(features[:, :n_frames], max(context, n_frames))
        limit = n_frames / 100
        local = [{"seek": 0, "start": min(max(0.0, float(seg["start"]) - offset), limit),
                  "end": min(max(0.0, float(seg["end"]) - offset), limit),
                  "tokens": tokenizer.encode(str(seg["text"])), "text": str(seg["text"])}
                 for seg in segments]
        _segments, words = self._align(local, tokenizer, encoded, n_frames)
        return [_shift_word(w, offset, duration) for w in words]

    # --- multilingual ------------------------------------------------------------------------

    def _language(self, encoded: Any) -> tuple[str, float | None]:
        if not self.multilingual:
            return "en", None
        if self.settings.language:
            return self.settings.language, None
        ranked = self._decoder.model.detect_language(encoded)[0]
        return self._choose_language([(str(t)[2:-2], float(p)) for t, p in ranked])

    def _choose_language(self, ranked: Sequence[tuple[str, float]]) -> tuple[str, float]:
        """(code, probability) from Whisper's ranked detection, held to `languages`."""
        candidates = self.settings.languages
        if not candidates:
            return ranked[0]
        probability = dict(ranked)
        main = candidates[0]
        best = max(candidates, key=lambda c: probability.get(c, 0.0))
        if probability.get(best, 0.0) < self.settings.language_bias * probability.get(main, 0.0):
            best = main
        return best, probability.get(best, 0.0)

    def _tokenizer(self, language: str) -> Any:
        if language not in self._tokenizers:
            from faster_whisper.tokenizer import Tokenizer

            self._tokenizers[language] = Tokenizer(self._whisper.hf_tokenizer, self.multilingual,
                                                   task="transcribe", language=language)
        return self._tokenizers[language]

    # --- plain and long-form: WhisperModel.transcribe ------------------------------------------

    def _transcribe_plain(self, samples: Samples, vad: SpeechDetection) -> ClipTranscript:
        # The standard per-clip call: one 30 s window, with timestamps (faster-whisper's
        # default: without them tiny.en more often stops after "Alexa." in "Alexa, what time
        # is it", and the 30 s encoder costs far more than the extra tokens), no word times
        # (with them faster-whisper seeks to the last word and decodes the clip's tail
        # again, inventing "Thank you." after "Alexa").
        return self._via_faster_whisper(samples, vad, path="plain", vad_filter=False,
                                        without_timestamps=False, word_timestamps=False)

    def _transcribe_long(self, samples: Samples, vad: SpeechDetection) -> ClipTranscript:
        return self._via_faster_whisper(samples, vad, path="long", vad_filter=True,
                                        without_timestamps=False,
                                        word_timestamps=self.settings.word_timestamps)

    def _via_faster_whisper(self, samples: Samples, vad: SpeechDetection, *, path: str,
                            vad_filter: bool, without_timestamps: bool,
                            word_timestamps: bool) -> ClipTranscript:
        s = self.settings
        language = s.language if self.multilingual else "en"
        if language is None and s.languages:
            # Choose among the household's languages here (faster-whisper would take any).
            _top, _p, ranked = self._whisper.detect_language(samples)
            language = self._choose_language(ranked)[0]
        segments_iter, info = self._whisper.transcribe(
            samples, language=language, beam_size=s.beam_size, best_of=s.best_of,
            temperature=list(s.temperatures),
            compression_ratio_threshold=s.compression_ratio_threshold,
            log_prob_threshold=s.log_prob_threshold, no_speech_threshold=s.no_speech_threshold,
            # Each 30 s window stands alone: a failure loop cannot spread to the next one.
            condition_on_previous_text=False, without_timestamps=without_timestamps,
            word_timestamps=word_timestamps, vad_filter=vad_filter,
            # A long recording may change language; each window then detects its own.
            multilingual=self.multilingual and path == "long" and not language)
        fw_segments = list(segments_iter)
        duration = vad.duration_s
        segments = tuple(Segment(start=_clamp(seg.start, duration), end=_clamp(seg.end, duration),
                                 text=seg.text) for seg in fw_segments if seg.text.strip())
        words = tuple(Word(start=_clamp(w.start, duration), end=_clamp(w.end, duration),
                           word=w.word, probability=float(w.probability))
                      for seg in fw_segments for w in (seg.words or []))
        text = "".join(seg.text for seg in segments).strip()
        n_tokens = [max(1, len(seg.tokens)) for seg in fw_segments]
        avg_logprob = (float(np.average([seg.avg_logprob for seg in fw_segments],
                                        weights=n_tokens)) if fw_segments else None)
        return ClipTranscript(
            text=text, segments=segments, words=words, avg_logprob=avg_logprob,
            # The clip holds speech if any window does: the least "no speech" window speaks.
            no_speech_prob=(min(seg.no_speech_prob for seg in fw_segments)
                            if fw_segments else None),
            compression_ratio=_compression_ratio(text) if text else None,
            speech_ratio=vad.speech_ratio, language=str(info.language),
            language_probability=(float(info.language_probability) if self.multilingual
                                  else None),
            duration=duration, no_speech=not text, model=self.model_name,
            words_computed=word_timestamps or not text,
            settings=self._used(path=path, context_s=30.0,
                                temperature=max((seg.temperature for seg in fw_segments),
                                                default=0.0)))

    # --- helpers ----------------------------------------------------------------------------

    def _empty(self, vad: SpeechDetection, *, path: str) -> ClipTranscript:
        return ClipTranscript(
            text="", segments=(), words=(), avg_logprob=None, no_speech_prob=None,
            compression_ratio=None, speech_ratio=vad.speech_ratio,
            language=self.settings.language or "en", language_probability=None,
            duration=vad.duration_s, no_speech=True, model=self.model_name,
            settings=self._used(path=path))

    def _used(self, **extra: Any) -> dict[str, Any]:
        return {**self.settings.as_dict(), "model_path": str(self.info.path),
                "model_sha256": self.info.sha256, "cpu_threads": self.cpu_threads, **extra}


class _LogMel:
    """Whisper's log-mel features of a clip, as faster-whisper's `FeatureExtractor` computes
    them (same window, padding, filters and floor; within 1e-6), but with the mel filters as
    the sparse bands they are instead of a matrix product.

    The product (80 x 201 by 201 x frames) went to OpenBLAS, which ran it on every core
    and spun waiting: 7.7 CPU ms of a 4 s clip's ~15 ms features at load ~10, 0.3 ms on one
    thread. Each filter covers 1-10 neighbouring frequency bins (391 of 16,080 weights).
    """

    def __init__(self, extractor: Any) -> None:
        filters = np.asarray(extractor.mel_filters, dtype=np.float32)
        self.n_fft = int(extractor.n_fft)
        self.hop = int(extractor.hop_length)
        self.window = np.hanning(self.n_fft + 1)[:-1].astype(np.float32)
        bands = [np.flatnonzero(row) for row in filters]
        if any(len(b) == 0 for b in bands):
            raise ValueError("a mel filter with no frequency bin")
        self.bins = np.concatenate(bands)
        self.weights = np.concatenate([filters[i, b] for i, b in enumerate(bands)])
        self.starts = np.cumsum([0] + [len(b) for b in bands[:-1]])

    def __call__(self, samples: Samples) -> npt.NDArray[np.float32]:
        half = self.n_fft // 2
        x = np.pad(samples.astype(np.float32, copy=False), (0, self.hop))
        x = np.pad(x, (half, half), mode="reflect")
        frames = np.lib.stride_tricks.sliding_window_view(x, self.n_fft)[::self.hop]
        spectrum = np.fft.rfft(frames * self.window, axis=-1)[:-1]  # the last frame dropped
        power = np.abs(spectrum).astype(np.float32) ** 2
        mel = np.add.reduceat(power[:, self.bins] * self.weights, self.starts, axis=1)
        log = np.log10(np.maximum(mel, 1e-10))
        log = np.maximum(log, log.max() - 8.0)
        return np.ascontiguousarray(((log + 4.0) / 4.0).T, dtype=np.float32)


def _token_budget(vad: SpeechDetection) -> int:
    """Most tokens a decode may produce: ~4 words/s of speech, timestamps, some slack."""
    spoken_s = (vad.spans[-1][1] - vad.spans[0][0]) / SAMPLE_RATE
    return int(12 + 12 * spoken_s)


def _lone_word(segments: list[dict[str, Any]], vad: SpeechDetection,
               avg_logprob: float) -> Word | None:
    """The one word of a one-word transcript, timed by the VAD (trimmed-clip time), or None.

    Its span is the segment's, narrowed to where the VAD heard speech; its probability is the
    decode's mean token probability (alignment would give the word's own).
    """
    if len(segments) != 1 or len(segments[0]["text"].split()) != 1:
        return None
    seg = segments[0]
    speech_start = (vad.spans[0][0] - vad.trim_start) / SAMPLE_RATE
    speech_end = (vad.spans[-1][1] - vad.trim_start) / SAMPLE_RATE
    start = max(float(seg["start"]), speech_start)
    end = min(float(seg["end"]), speech_end)
    if end <= start:
        start, end = float(seg["start"]), float(seg["end"])
    return Word(start=round(start, 2), end=round(end, 2), word=str(seg["text"]),
                probability=float(np.exp(avg_logprob)))


def _repeats(tokens: Sequence[Any], times: int = 3, longest_unit: int = 4) -> bool:
    """True if some run of 1..`longest_unit` tokens (or words) occurs `times` times back to back."""
    n = len(tokens)
    for unit in range(1, longest_unit + 1):
        for start in range(0, n - unit * times + 1):
            first = tokens[start:start + unit]
            if all(tokens[start + k * unit:start + (k + 1) * unit] == first
                   for k in range(1, times)):
                return True
    return False


def _drop_squeezed_repeats(segment: dict[str, Any]) -> None:
    """Drop a word that repeats the previous one but was aligned to almost no audio.

    tiny.en on short clips sometimes says "Alexa. Alexa." for one "Alexa"; the alignment then
    squeezes the invented copy into 0–0.1 s. A real repeated word takes real time.
    """
    words = segment.get("words") or []
    kept: list[dict[str, Any]] = []
    for w in words:
        if kept and _bare(w["word"]) == _bare(kept[-1]["word"]) and (
                w["end"] - w["start"] < SQUEEZED_WORD_S):
            continue
        kept.append(w)
    if len(kept) != len(words):
        segment["words"] = kept
        segment["text"] = "".join(w["word"] for w in kept)
        segment["end"] = kept[-1]["end"] if kept else segment["start"]


def _said_twice(segment: dict[str, Any]) -> bool:
    """Whether a word of the segment's text comes twice in a row ("Alexa. Alexa.")."""
    bare = [b for b in map(_bare, str(segment.get("text", "")).split()) if b]
    return any(a == b for a, b in pairwise(bare))


def _bare(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def _compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _clamp(t: float, duration: float) -> float:
    # Rounded first: a time at the very end (1.913875 s) must not round past it (1.914).
    return min(round(max(0.0, float(t)), 3), duration)


def _shift(seg: dict[str, Any], offset: float, duration: float) -> Segment:
    return Segment(start=_clamp(seg["start"] + offset, duration),
                   end=_clamp(seg["end"] + offset, duration), text=str(seg["text"]))


def _shift_word(w: Word, offset: float, duration: float) -> Word:
    return Word(start=_clamp(w.start + offset, duration), end=_clamp(w.end + offset, duration),
                word=w.word, probability=w.probability)
