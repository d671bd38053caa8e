"""The interface's translations: the .ts sources match the code, German is complete, the
shipped .qm files are compiled from the .ts, and the translators really load (the app's own
strings with their plural forms, Qt's standard buttons, numbers and dates for the language)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _tools_i18n() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tools_i18n", REPO / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tools_i18n = _tools_i18n()


@pytest.fixture
def german(qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from reviewer.ui import i18n

    yield i18n.install("de")
    i18n.uninstall()


@pytest.mark.parametrize("language", sorted(tools_i18n.LANGUAGES))
def test_ts_files_hold_exactly_the_strings_of_the_code(language: str) -> None:
    """lupdate into a copy finds nothing new and nothing gone: a string added to the
    interface without `./dev i18n` (or one removed) fails here."""
    assert tools_i18n.stale(language) == []


@pytest.mark.parametrize("language", sorted(tools_i18n.LANGUAGES))
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    assert tools_i18n.translation_problems(tools_i18n.ts_path(language), language) == []


@pytest.mark.parametrize("language", sorted(tools_i18n.LANGUAGES))
def test_shipped_qm_is_compiled_from_the_ts(language: str) -> None:
    assert not tools_i18n.qm_outdated(language), f"run ./dev i18n ({language})"


def test_the_checks_fail_on_an_unfinished_or_broken_translation(tmp_path: Path) -> None:
    """The translation check itself can fail: an unfinished message, a lost placeholder and
    a missing plural form are each reported."""
    ts = tmp_path / "reviewer_de.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context><name>X</name>
<message><source>Open</source><translation type="unfinished"></translation></message>
<message><source>Delete {n} clips</source><translation>Aufnahmen löschen</translation></message>
<message numerus="yes"><source>%n clip(s)</source>
<translation><numerusform>%n Aufnahme</numerusform></translation></message>
</context></TS>""", encoding="utf-8")
    problems = tools_i18n.translation_problems(ts, "de")
    assert len(problems) == 3, problems
    assert "not translated" in problems[0]
    assert "placeholders" in problems[1]
    assert "plural forms" in problems[2]


def test_german_translator_translates_strings_plurals_and_qt_buttons(german: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from reviewer.ui import i18n

    assert german == "de" and i18n.current_language() == "de"
    tr = QCoreApplication.translate
    assert tr("WelcomePage", "Open the sample export") == "Beispiel-Export öffnen"
    text = "%n problem(s) \u2014 everything else was imported:"
    assert tr("ImportReportDialog", text, "", 1).startswith("1 Problem ")
    assert tr("ImportReportDialog", text, "", 3).startswith("3 Probleme ")
    # Qt's own strings come from qtbase_de: standard buttons say "Schließen".
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Schließen"


def test_english_plurals_come_from_the_english_catalogue(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from reviewer.ui import i18n

    try:
        assert i18n.install("en") == "en"
        text = "%n problem(s) \u2014 everything else was imported:"
        assert QCoreApplication.translate("ImportReportDialog", text, "", 1).startswith(
            "1 problem ")
        assert QCoreApplication.translate("ImportReportDialog", text, "", 2).startswith(
            "2 problems ")
    finally:
        i18n.uninstall()


def test_numbers_dates_and_durations_follow_the_language(german: str) -> None:
    from reviewer.ui.i18n import date_text, datetime_text, duration_text, number_text

    assert number_text(1234) == "1.234"
    assert number_text(4.25, 1) == "4,2" or number_text(4.25, 1) == "4,3"
    assert duration_text(4.2) == "4,2 s"
    assert duration_text(65) == "1:05"
    assert duration_text(3700) == "1:01:40"
    assert duration_text(None) == ""
    assert date_text(date(2024, 3, 5)) == "05.03.24"
    when = datetime(2024, 3, 5, 14, 7, tzinfo=UTC).astimezone()
    text = datetime_text(when)
    assert text.startswith(when.strftime("%d.%m.%y")) and when.strftime("%H:%M") in text


def test_choice_resolves_to_a_shipped_language() -> None:
    from reviewer.ui import i18n

    assert i18n.resolve("de") == "de" and i18n.resolve("en") == "en"
    # "" (the system's) and a language without a translation both give a shipped one.
    assert i18n.resolve("") in i18n.LANGUAGES
    assert i18n.resolve("fr") in i18n.LANGUAGES
    for code in i18n.LANGUAGES:
        assert (i18n.TRANSLATIONS_DIR / f"reviewer_{code}.qm").is_file()


def test_preferences_offer_the_language_and_keep_the_choice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reviewer.core.api import Settings
    from reviewer.ui.dialogs import PreferencesDialog

    dialog = PreferencesDialog(Settings(interface_language="de"), [], tmp_path,
                               {"default": 50})
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "en", "de"]
    assert combo.currentData() == "de" and combo.currentText() == "Deutsch"
    assert dialog.result_settings().interface_language == "de"
    combo.setCurrentIndex(0)
    assert dialog.result_settings().interface_language == ""
    assert "started again" in dialog.findChild(type(dialog.model_hint), "languageNote").text()


def test_settings_keep_the_interface_language(tmp_path: Path) -> None:
    from reviewer.core.api import Settings

    path = tmp_path / "settings.json"
    Settings(interface_language="de").save(path)
    assert Settings.load(path).interface_language == "de"
    assert Settings().interface_language == ""


def test_reasons_follow_the_reviewers_language_over_the_librarys() -> None:
    """A German library writes German reasons; with the interface in English (the window sets
    Context.reason_language / Library.reason_language) the same clip's reasons are English."""
    from reviewer.core.flagging.scorecard import default_weights, score_clip
    from reviewer.core.flagging.signals import build_context
    from tests.test_flagging_german import clip, reasons

    german = [clip("Alexa, wie spät ist es?") for _ in range(3)]
    overheard = clip("Ich glaube, wir sollten jetzt gehen, es ist spät.")
    ctx = build_context([*german, overheard])
    assert ctx.main_language == "de"
    assert reasons(score_clip(overheard, ctx, default_weights()))["no_wake_word"] == \
        "Beginnt nicht mit \u201eAlexa\u201c"
    ctx.reason_language = "en"
    assert reasons(score_clip(overheard, ctx, default_weights()))["no_wake_word"] == \
        "Doesn't start with \u201cAlexa\u201d"


def test_library_rewords_reasons_when_the_interface_language_changes(library) -> None:  # type: ignore[no-untyped-def]
    from reviewer.core.api import ClipQuery
    from reviewer.resources import sample_export_path

    def texts() -> list[str]:
        return [r["text"] for c in library.clips(ClipQuery()) for r in (c.reasons or [])]

    library.import_export([sample_export_path()])
    library.flag()  # the CLI's way: the library's own language (the sample is English)
    assert not library.reasons_outdated()
    english = texts()
    assert any(t.startswith("Google's transcript") for t in english)
    library.reason_language = "de"
    assert library.reasons_outdated()
    library.flag()
    assert not library.reasons_outdated()
    german = texts()
    assert len(german) == len(english) and german != english
    assert any(t.startswith("Googles Transkript") for t in german)
    library.reason_language = None
    assert library.reasons_outdated()


def test_installers_carry_the_translations() -> None:
    """The PyInstaller spec collects reviewer's package data (the .qm files) and the bundle
    pruning keeps Qt's own German (standard buttons) while dropping the other languages."""
    pytest.importorskip("PyInstaller")
    from PyInstaller.utils.hooks import collect_data_files

    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import bundle
    finally:
        sys.path.remove(str(REPO / "packaging"))
    collected = {Path(src).name for src, _dest in collect_data_files(
        "reviewer", excludes=["testing", "testing/**", "**/__pycache__"])}
    assert {"reviewer_de.qm", "reviewer_en.qm"} <= collected
    for folder in ("PySide6/Qt/translations", "PySide6/translations"):
        assert bundle.prune_reason(f"{folder}/qtbase_de.qm") is None
        assert bundle.prune_reason(f"{folder}/qtbase_fr.qm") == "Qt translations"
        assert bundle.prune_reason(f"{folder}/qtwebengine_de.qm") == "Qt translations"
