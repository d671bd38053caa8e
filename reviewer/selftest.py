"""`reviewer selftest`: prove that this installation works end to end, without the user's data.

Loads the bundled model (checking its SHA-256), imports the bundled sample export into a
throw-away library, transcribes it through the real worker process (which, in a frozen build,
is the bundled executable started again by multiprocessing), flags it, and embeds its voices
with the bundled speaker model (SHA-256 checked too). Every step prints one
line; the exit code is 0 only if every check passed. The temporary library is removed at the end.

Used by the packaging test on the frozen app, and useful to a user or a bug report ("does
transcription work on this computer at all?").
"""

from __future__ import annotations

import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reviewer import APP_NAME, __version__

# (vendor label of a clip in the sample export, words its transcript must contain). The sample's
# speech is synthetic and clear; tiny.en gets these right, and one of them is enough to show
# that real speech came out of the model (not silence, not a hallucinated "Thank you.").
KNOWN_PHRASES: tuple[tuple[str, str], ...] = (
    ("Said turn on the kitchen lights", "kitchen lights"),
    ("Said add milk to my shopping list", "shopping list"),
    ("Said set a timer for ten minutes", "timer"),
    ("Said call my dad", "call my dad"),
)
MIN_KNOWN_PHRASES = 2


class SelftestFailed(Exception):
    """A check did not pass; the message says which and why."""


@dataclass
class SelftestResult:
    ok: bool = True
    lines: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def run_selftest(out: TextIO | None = None, model: str = "tiny.en",
                 sample: Path | None = None) -> SelftestResult:
    """Run every check; print one line per step to `out` (if any). Never raises."""
    from reviewer.resources import sample_export_path

    result = SelftestResult()
    started = time.perf_counter()

    def say(line: str) -> None:
        result.lines.append(line)
        if out is not None:
            out.write(line + "\n")
            out.flush()

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    say(f"{APP_NAME} {__version__} selftest ({frozen}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})")
    sample_path = sample or sample_export_path()
    with tempfile.TemporaryDirectory(prefix="reviewer-selftest-") as tmp:
        state: dict[str, Any] = {}

        def check_model() -> str:
            from reviewer.core.transcribe.models import resolve_model

            t0 = time.perf_counter()
            info = resolve_model(model, Path(tmp) / "library" / "cache")
            state["model"] = info
            sha = f", SHA-256 {info.sha256[:12]}… verified" if info.sha256 else ""
            return f"{info.name} at {info.path}{sha} ({time.perf_counter() - t0:.1f} s)"

        def check_import() -> str:
            from reviewer.core.library import Library

            if not sample_path.is_file():
                raise SelftestFailed(f"the sample export is missing ({sample_path})")
            library = Library.open(Path(tmp) / "library")
            state["library"] = library
            report = library.import_export([sample_path])
            state["import"] = report
            problems = [f"{p.where}: {p.reason}" for p in report.problems]
            if report.records_found == 0:
                raise SelftestFailed("no clips found in the sample export")
            if report.clips_new != report.records_found or report.audio_errors or report.skipped:
                raise SelftestFailed(
                    f"{report.clips_new} of {report.records_found} clips imported, "
                    f"{report.audio_errors} with unreadable audio; " + "; ".join(problems[:5]))
            with_audio = report.clips_new - report.clips_without_audio
            state["with_audio"] = with_audio
            return (f"{report.clips_new} clips from {sample_path.name} "
                    f"({with_audio} with audio, {report.clips_without_audio} without)")

        def check_transcribe() -> str:
            library = state["library"]
            report = library.transcribe(model)
            state["transcribe"] = report
            if report.errors:
                clip_id, error = report.errors[0]
                raise SelftestFailed(f"{len(report.errors)} clip(s) failed, e.g. clip "
                                     f"{clip_id}: {error}")
            if report.total != state["with_audio"] or report.finished != report.total:
                raise SelftestFailed(f"{report.finished} of {report.total} clips transcribed, "
                                     f"{state['with_audio']} have audio")
            clips = library.clips()
            texts: dict[int, str] = {}
            missing = []
            for c in clips:
                if c.audio_path is None:
                    continue
                transcripts = library.transcripts(c.id)
                if not transcripts:
                    missing.append(c.id)
                else:
                    texts[c.id] = transcripts[-1].text
            if missing:
                raise SelftestFailed(f"no transcript for clip(s) {missing[:10]}")
            state["clips"], state["texts"] = clips, texts
            per_clip = report.elapsed_s / max(1, report.finished)
            return (f"{report.done} with speech, {report.no_speech} without, in "
                    f"{report.elapsed_s:.1f} s ({per_clip:.2f} s per clip, model loaded in "
                    f"{report.load_s:.1f} s by the worker process)")

        def check_phrases() -> str:
            by_label: dict[str, list[str]] = {}
            for c in state["clips"]:
                if c.id in state["texts"]:
                    by_label.setdefault(c.vendor_transcript or "", []).append(
                        _words(state["texts"][c.id]))
            found = [words for label, words in KNOWN_PHRASES
                     if any(words in heard for heard in by_label.get(label, []))]
            if len(found) < MIN_KNOWN_PHRASES:
                heard = "; ".join(t for ts in by_label.values() for t in ts[:1])[:300]
                raise SelftestFailed(f"none of the known phrases was heard (heard: {heard})")
            return f"{len(found)} of {len(KNOWN_PHRASES)} known phrases heard: " + ", ".join(
                repr(f) for f in found)

        def check_flag() -> str:
            library = state["library"]
            report = library.flag()
            unscored = [c.id for c in library.clips() if c.score is None]
            if report.total != len(state["clips"]) or unscored:
                raise SelftestFailed(f"{report.total} clips scored of {len(state['clips'])}; "
                                     f"unscored: {unscored[:10]}")
            if report.transcribed != len(state["texts"]):
                raise SelftestFailed(f"flagging saw {report.transcribed} transcripts, "
                                     f"expected {len(state['texts'])}")
            state["flag"] = report
            return (f"{report.total} clips scored, {report.flagged} flagged at threshold "
                    f"{report.threshold}, {report.acted_on} of them acted on by the device")

        def check_voices() -> str:
            from reviewer.core.voices.model import check_model as check_speaker_model

            library = state["library"]
            verified = check_speaker_model()
            if not verified.ok:
                raise SelftestFailed(f"the speaker model at {verified.path} is missing or not "
                                     "the pinned file")
            report = library.analyse_voices()
            if report.errors or report.embedded == 0:
                raise SelftestFailed(f"{report.embedded} clips embedded, errors: "
                                     f"{report.errors[:3]}")
            summary = library.voices()
            if summary.pending or summary.embedded != report.embedded:
                raise SelftestFailed(f"{summary.pending} clips left unanalysed")
            return (f"speaker model SHA-256 {verified.sha256[:12]}… verified; "
                    f"{report.embedded} clips embedded, {report.too_short} too short, "
                    f"{report.no_speech} without speech, {len(summary.voices)} voice(s), "
                    f"in {report.elapsed_s:.1f} s")

        steps: list[tuple[str, Callable[[], str]]] = [
                 ("model", check_model), ("import", check_import),
                 ("transcribe", check_transcribe), ("known phrases", check_phrases),
                 ("flag", check_flag), ("voices", check_voices)]
        try:
            for name, step in steps:
                try:
                    detail = step()
                except Exception as exc:  # every failure is a result to report, not a crash
                    result.ok = False
                    kind = "" if isinstance(exc, SelftestFailed) else f"{type(exc).__name__}: "
                    say(f"  FAILED {name}: {kind}{exc}")
                    break
                say(f"  ok     {name}: {detail}")
        finally:
            library = state.get("library")
            if library is not None:
                library.close()
    elapsed = time.perf_counter() - started
    result.facts = {"elapsed_s": elapsed, "clips": len(state.get("clips", [])),
                    "transcribed": len(state.get("texts", {}))}
    if result.ok:
        flag = state["flag"]
        say(f"selftest passed in {elapsed:.1f} s: {len(state['clips'])} clips imported, "
            f"{len(state['texts'])} transcribed, {flag.flagged} flagged.")
    else:
        say(f"selftest FAILED after {elapsed:.1f} s.")
    return result
