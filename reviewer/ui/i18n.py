"""The interface's language: Qt translators for the app's own strings and Qt's standard
dialogs, and dates, numbers and durations written the way the chosen language writes them.

The app's strings are marked with Qt's tr() (`self.tr("…")` in QObject subclasses,
`QCoreApplication.translate("Context", "…")` elsewhere, `QT_TRANSLATE_NOOP` for module-level
tables). `./dev i18n` extracts them into resources/i18n/reviewer_XX.ts (the sources a translator
edits) and compiles those into reviewer/ui/translations/reviewer_XX.qm, which ship with the
package and the installers. English needs no translation, but its .qm carries the plural forms
("%n clip(s)" -> "1 clip" / "2 clips").

The language follows the system's unless Preferences names one (Settings.interface_language);
a change applies from the next start, because every widget sets its texts once when built.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from reviewer.core.api import Msg, message_of

log = logging.getLogger(__name__)

# Choices offered in Preferences: "" follows the system. Each name is written in its own
# language, so someone who cannot read the current one still finds theirs.
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}
SOURCE_LANGUAGE = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

# Installed translators, kept referenced (Qt does not own them) and removable by tests.
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context` without translating it yet (module-level
    tables); PySide6's own version is typed as returning object."""
    return text


def system_language() -> str:
    """The first of the system's UI languages the app has a translation for; English when
    none (a French desktop gets English, not German)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def resolve(choice: str | None) -> str:
    """The language to use for a Preferences choice ("" or unknown: the system's)."""
    return choice if choice in LANGUAGES else system_language()


def current_language() -> str:
    """The language the interface is in now ("en", "de")."""
    return _current


def _qt_translations_dirs() -> list[Path]:
    """Where Qt's own .qm files are: QLibraryInfo's answer, and PySide6's folders (the
    frozen app keeps them at PySide6/Qt/translations or, on Windows, PySide6/translations)."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        root = Path(PySide6.__file__).resolve().parent
        dirs += [root / "Qt" / "translations", root / "translations"]
    except (ImportError, TypeError):  # pragma: no cover - PySide6 is always there
        pass
    return dirs


def install(choice: str | None = None) -> str:
    """Install the translators for `choice` ("", "en", "de") into the running application
    and make QLocale() format for that language; returns the language used. Call it before
    any widget is built. Calling it again replaces the previous translators."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    uninstall()
    language = resolve(choice)
    own = QTranslator(app)
    if own.load(str(TRANSLATIONS_DIR / f"reviewer_{language}.qm")):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("no translation file for %s in %s", language, TRANSLATIONS_DIR)
    if language != SOURCE_LANGUAGE:
        # Qt's own strings: the buttons of standard dialogs (OK, Cancel, Close), the file
        # dialog, the context menu of text fields.
        qt = QTranslator(app)
        if any(qt.load(f"qtbase_{language}", str(d)) for d in _qt_translations_dirs()):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("Qt's own %s translations were not found", language)
    # Numbers and dates follow the interface's language; a German system keeps its own
    # region (de_AT, de_CH) when the interface is German too.
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        QLocale.setDefault(system)
    else:
        QLocale.setDefault(QLocale(language))
    _current = language
    log.info("interface language: %s", language)
    return language


def uninstall() -> None:
    """Remove the installed translators (back to the English source strings)."""
    global _current
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale.system())
    _current = SOURCE_LANGUAGE


# --- the core's messages -----------------------------------------------------------------------

# Where lupdate puts the core's Msg templates (Msg is QT_TR_NOOP to it: no class, no context).
CORE_CONTEXT = ""


def core_text(value: object) -> str:
    """What the core wrote (a `Msg`, an exception raised with one, any text) in the
    interface's language: the template translated, its parameters filled in (numbers the
    language's way, a Msg parameter translated in turn). Text that is no Msg (a file name,
    an operating system's error) is shown as it is."""
    if isinstance(value, BaseException):
        value = message_of(value)
    if not isinstance(value, Msg):
        text = str(value)
        if _current == SOURCE_LANGUAGE or not text:
            return text
        # A message kept as plain text (the database keeps no Msg) still translates when it
        # has no parameters: it is its own template.
        return QCoreApplication.translate(CORE_CONTEXT, text)
    template = QCoreApplication.translate(CORE_CONTEXT, value.template)
    if template == value.template and _current == SOURCE_LANGUAGE:
        return str(value)
    params = {k: core_text(v) if isinstance(v, Msg) else
              number_text(v) if isinstance(v, int) else str(v)
              for k, v in value.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English then
        log.warning("translation of %r does not fit its parameters", value.template)
        return str(value)


# --- formatting for the interface's language -------------------------------------------------

def _qdatetime(value: datetime) -> QDateTime:
    """A local-time QDateTime showing the same wall-clock time as `value` (aware values are
    converted to the computer's time zone first)."""
    local = value.astimezone() if value.tzinfo is not None else value
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second))


def date_text(value: date | datetime) -> str:
    """A date as the language writes it briefly: 2024-03-05 -> "05.03.24" in German,
    "3/5/24" in US English."""
    day = value.astimezone() if isinstance(value, datetime) and value.tzinfo else value
    return QLocale().toString(QDate(day.year, day.month, day.day),
                              QLocale.FormatType.ShortFormat)


def datetime_text(value: datetime, seconds: bool = False) -> str:
    """Date and time in the language's short form ("05.03.24 14:07")."""
    loc = QLocale()
    qdt = _qdatetime(value)
    if not seconds:
        return loc.toString(qdt, QLocale.FormatType.ShortFormat)
    return (f"{loc.toString(qdt.date(), QLocale.FormatType.ShortFormat)} "
            f"{loc.toString(qdt.time(), QLocale.FormatType.LongFormat)}")


def number_text(value: float, decimals: int = 0) -> str:
    """1234.5 -> "1,234.5" / "1.234,5"."""
    loc = QLocale()
    if decimals == 0:
        return loc.toString(round(value))
    return loc.toString(float(value), "f", decimals)


def duration_text(seconds: float | None) -> str:
    """A clip's length: "4.2 s" / "4,2 s" under a minute, else "m:ss" ("1:05:00" past an
    hour); "" when unknown."""
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("Format", "%1 s").replace(
            "%1", number_text(seconds, 1))
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
