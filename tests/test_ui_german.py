"""Every screen with the German translation loaded (real widgets, offscreen): no visible text
is still English.

What counts as visible: window titles, labels, buttons, check boxes, menu and toolbar actions
(with their tooltips), table headers, combo box entries, placeholders, tooltips and the names
screen readers say. A text is English when it is a source string whose German differs (the
translator did not reach it), or when it holds words only English has ("the", "clip",
"your", …) — which also catches strings nobody wrapped in tr(). The library is built from the
German sample exports, so the data shown (vendor titles, devices) is German too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTabBar,
    QTextBrowser,
    QToolBar,
    QWidget,
)

from reviewer.core.api import ImportBatchReport, Library
from tests.test_i18n import tools_i18n

# Words English has and German does not (checked against the German texts: "was", "will",
# "an", "in", "so", "die", "also", "export", "import", "status" are German words too).
ENGLISH_WORDS = frozenset("""
the and of to is are your you with for this that these not from on at by be it its or were
can cannot has have had what which when where who how any every each more only clip clips
recording recordings show open delete mark keep undo search file help view review settings
preferences close cancel save copy select next previous play stop yet here there
please than then they them their our ours all none some new old first last left right
""".split())
# Names that are the same in German (products, the app's name).
ALLOWED = ("Voice History Reviewer", "Google Takeout", "Amazon Alexa", "Google Assistant",
           "Whisper", "Alexa", "Google")
_TAG = re.compile(r"<[^>]+>")
_TECHNICAL = re.compile(r"\S+\.[A-Za-z0-9]{2,4}\b|`[^`]*`|\"[^\"]*\"|\S+/\S+|\S+@\S+")


def _sources() -> set[str]:
    """English source strings whose German translation differs from them."""
    found = set()
    for m in tools_i18n.read_messages(tools_i18n.ts_path("de")).values():
        if any(t != m.source for t in m.translations):
            found.add(m.source.replace("&", ""))
    return found


SOURCES = _sources()


def english_words(text: str) -> list[str]:
    plain = html.unescape(_TAG.sub(" ", text)).replace("&", "")
    for name in ALLOWED:
        plain = plain.replace(name, " ")
    plain = _TECHNICAL.sub(" ", plain)
    return [w for w in re.findall(r"[A-Za-z']+", plain) if w.lower() in ENGLISH_WORDS]


def untranslated(text: str) -> bool:
    if not text.strip():
        return False
    return text.replace("&", "") in SOURCES or bool(english_words(text))


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} › {action.text()}", action.text()
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            yield f"{where} › {action.text()} (tooltip)", action.toolTip()
        if action.statusTip():
            yield f"{where} › {action.text()} (status tip)", action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} › {action.text()}")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a person sees or hears in `root` and its children."""
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        name = f"{type(w).__name__}({w.objectName() or '-'})"
        if w.isWindow():
            yield f"{name} title", w.windowTitle()
        yield f"{name} tooltip", w.toolTip()
        yield f"{name} accessible name", w.accessibleName()
        if isinstance(w, QLabel | QAbstractButton):
            yield f"{name} text", w.text()
        elif isinstance(w, QGroupBox):
            yield f"{name} title", w.title()
        elif isinstance(w, QLineEdit):
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{name} item {i}", w.itemText(i)
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield f"{name} tab {i}", w.tabText(i)
        elif isinstance(w, QTextBrowser):
            yield f"{name} text", w.toPlainText()
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(col, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        yield f"{name} header {col}", value
        elif isinstance(w, QMenuBar):
            for action in w.actions():
                yield f"menu {action.text()}", action.text()
                if action.menu() is not None:
                    yield from _menu_texts(action.menu(), action.text())
        elif isinstance(w, QToolBar):
            for action in w.actions():
                yield f"toolbar {action.text()}", action.text()
                yield f"toolbar {action.text()} (tooltip)", action.toolTip()


def english_left(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in visible_texts(root) if untranslated(text)]


@pytest.fixture
def german(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from reviewer.ui import i18n

    i18n.install("de")
    yield
    i18n.uninstall()


def test_the_checker_sees_english(german: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: an unwrapped English label, a translated source string shown
    untranslated, and a German text are told apart."""
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("Show the clip", root)
    QLabel("Import report", root)  # a source string, shown as is
    QLabel(QCoreApplication.translate("ImportReportDialog", "Import report"), root)
    QLabel("Aufnahme Küche.mp3 von Erika", root)
    left = english_left(root)
    assert len(left) == 2 and "Show the clip" in left[0] and "Import report" in left[1]


@pytest.fixture
def german_library(library: Library, tmp_path: Path) -> tuple[Library, ImportBatchReport]:
    """The German sample exports, imported and flagged (reasons in German), with what the
    import reported."""
    from reviewer.testing.german_exports import write_alexa, write_google

    alexa, _ = write_alexa(tmp_path / "alexa")
    google, _ = write_google(tmp_path / "google")
    batch = library.import_exports([alexa, google])
    library.reason_language = "de"
    library.flag()
    return library, batch


def test_dialogs_are_german(german: None, qtbot,  # type: ignore[no-untyped-def]
                            german_library: tuple[Library, ImportBatchReport],
                            tmp_path: Path) -> None:
    from reviewer.ui.delete_dialog import DeleteDialog
    from reviewer.ui.dialogs import (
        AboutDialog,
        CrashDialog,
        ImportReportDialog,
        PreferencesDialog,
        ShortcutsDialog,
    )
    from reviewer.ui.requests_dialog import DatePrompt
    from reviewer.ui.welcome import WelcomePage

    lib, batch = german_library
    screens: list[QWidget] = [
        WelcomePage(),
        PreferencesDialog(lib.settings(), lib.models(), lib.paths.data_dir,
                          lib.weights().presets),
        ShortcutsDialog(),
        AboutDialog(lib.settings().model),
        CrashDialog("ValueError: kaputt", "Traceback …", tmp_path / "reviewer.log"),
        DeleteDialog(3, True),
        DatePrompt("Als gesendet vermerken", "An welchem Tag?"),
        ImportReportDialog(batch),
    ]
    left = []
    for screen in screens:
        qtbot.addWidget(screen)
        screen.show()
        left += english_left(screen)
    assert left == [], "\n".join(left)


def test_review_window_and_its_dialogs_are_german(  # type: ignore[no-untyped-def]
        german: None, qtbot, german_library: tuple[Library, ImportBatchReport]) -> None:
    """The main window on the German library (menus, toolbar, filter bar, table headers,
    library panel, timeline, status bar, the clip pane of a flagged clip), and the windows it
    opens: deletion requests, voices and devices, export."""
    from reviewer.core.api import ClipQuery, JobKind
    from reviewer.ui.export_dialog import ExportDialog
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.voices_panel import DevicesDialog

    lib, _batch = german_library
    for kind in (JobKind.TRANSCRIBE, JobKind.VOICES, JobKind.FLAG):
        lib.jobs.hold(kind)  # nothing runs in the background: the screens are what is checked
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    flagged = lib.clip_ids(ClipQuery(flagged=True, order="priority"))
    assert flagged
    window._select_clip(flagged[0])
    qtbot.waitUntil(lambda: window.detail.clip is not None, timeout=10_000)
    left = english_left(window)
    window.show_requests()
    left += english_left(window.requests_dialog)
    window.show_voices()
    left += english_left(window.voices_dialog)
    devices = DevicesDialog(lib)
    qtbot.addWidget(devices)
    devices.show()
    left += english_left(devices)
    export = ExportDialog(3, Path.home())
    qtbot.addWidget(export)
    export.show()
    left += english_left(export)
    # The clip menu (right-click) holds the same actions.
    left += [f"clip menu: {w}: {t!r}" for w, t in _menu_texts(window.clip_menu(), "clip menu")
             if untranslated(t)]
    assert left == [], "\n".join(left)
