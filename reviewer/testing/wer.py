"""Word error rate, for the tests and the transcription benchmark (each brings its own text
normalisation: what counts as the same word is part of what they measure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


def word_errors(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Substitutions + insertions + deletions turning `ref` into `hyp` (Levenshtein)."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[:], i
        for j, h in enumerate(hyp, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h))
    return row[len(hyp)]


def error_counts(pairs: Iterable[tuple[str, str]],
                 words: Callable[[str], list[str]]) -> tuple[int, int]:
    """(word errors, reference words) over (reference, hypothesis) text pairs."""
    errors = total = 0
    for ref_text, hyp_text in pairs:
        ref = words(ref_text)
        errors += word_errors(ref, words(hyp_text))
        total += len(ref)
    return errors, total
