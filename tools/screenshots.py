"""Render every screen of the app to PNGs, at three screen sizes, light and dark, so people can
look at them: welcome, review with clips (the whole screen), the detail pane, the timeline, the
import report (and one of a damaged export), preferences, deletion requests, delete, export,
voices, shortcuts, about.

    .venv/bin/python tools/screenshots.py OUT_DIR [--sizes 1024x640,1366x768,1920x1080]
                                                  [--offscreen]

Each size runs on its own real X display (Xvfb with the openbox window manager: window frames,
maximising and fonts as a person's desktop has them) and each screen is taken as the whole
screen, so a dialog taller than the screen looks clipped here as it would there. Without Xvfb
and openbox (or with --offscreen) it falls back to Qt's offscreen platform and grabs the
widgets alone, and says so. The library is the sample export plus a synthetic Alexa export,
transcribed with the bundled model, flagged, voices analysed, six clips in a drafted request.
Files: OUT_DIR/<size>-<light|dark>-<screen>.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

if TYPE_CHECKING:
    from reviewer.core.api import ImportBatchReport

SIZES = ("1024x640", "1366x768", "1920x1080")
THEMES = ("light", "dark")
SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--language", default="en", choices=("en", "de"),
                        help="the interface's language (German: the German sample exports "
                             "are imported too, and the file names say -de)")
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--offscreen", action="store_true",
                        help="Qt's offscreen platform instead of a real X display")
    parser.add_argument("--child", nargs=3, metavar=("SIZE", "THEME", "LIBRARY"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        size, theme, library = args.child
        return render(args.out, size, theme, Path(library), args.language)
    args.out.mkdir(parents=True, exist_ok=True)
    real_x = not args.offscreen and all(shutil.which(t) for t in ("Xvfb", "openbox"))
    if not args.offscreen and not real_x:
        print("Xvfb or openbox not installed: rendering offscreen (widgets only, no window "
              "frames)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="reviewer-shots-") as tmp:
        library = Path(tmp) / "library"
        started = time.monotonic()
        build_library(library, Path(tmp), args.language)
        print(f"library built in {time.monotonic() - started:.0f} s", file=sys.stderr)
        for size in args.sizes.split(","):
            for theme in args.themes.split(","):
                run = Path(tmp) / f"run-{size}-{theme}"
                shutil.copytree(library, run)  # each run starts from the same library
                command = [sys.executable, str(Path(__file__).resolve()), str(args.out),
                           "--language", args.language, "--child", size, theme, str(run)]
                # Qt Multimedia's notes about optional libraries would drown what matters.
                quiet = {"QT_LOGGING_RULES": "qt.multimedia*=false"}
                if real_x:
                    from reviewer.testing.x_server import XServer

                    with XServer(size) as display:
                        done = subprocess.run(command, env={**display.env, **quiet},
                                              check=False, timeout=600)
                else:
                    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **quiet)
                    done = subprocess.run(command, env=env, check=False, timeout=600)
                if done.returncode != 0:
                    print(f"{size} {theme}: failed (exit {done.returncode})", file=sys.stderr)
                    return 1
                shutil.rmtree(run, ignore_errors=True)
    where = "a real X display (Xvfb + openbox)" if real_x else "the offscreen platform"
    print(f"screenshots in {args.out}/ (rendered on {where})")
    return 0


def build_library(data_dir: Path, tmp: Path, language: str = "en") -> None:
    from reviewer.core.api import ClipQuery, Decision, Library
    from reviewer.testing.alexa_exports import write_history_json_export

    alexa = write_history_json_export(tmp / "alexa", form="zip", records=24).path
    inputs = [SAMPLE, alexa]
    if language == "de":
        # A German user's exports (German labels and titles, German speech).
        from reviewer.testing.german_exports import write_alexa, write_google

        inputs = [write_google(tmp / "google-de")[0], write_alexa(tmp / "alexa-de")[0]]
    with Library.open(data_dir) as lib:
        lib.reason_language = language
        lib.import_exports(inputs)
        if language == "de":  # German speech needs the multilingual model
            lib.use_multilingual_model()
            lib.transcribe("base")
        else:
            lib.transcribe()
        lib.flag()
        flagged = lib.clip_ids(ClipQuery(flagged=True, order="priority"))
        lib.decide(flagged[:6], Decision.DELETE_REQUEST)
        lib.create_requests(name="Erika Mustermann", email="erika@example.org")
        lib.decide(flagged[6:9], Decision.ACCIDENTAL)
        lib.decide(lib.clip_ids(ClipQuery(flagged=False))[:3], Decision.KEEP)
        try:
            lib.analyse_voices()
        except Exception as exc:  # the voices panel then says there are none
            print(f"voices not analysed: {exc}", file=sys.stderr)
    # The import report shows what an import of the two exports said: kept for the child.
    (data_dir / "shot-inputs.txt").write_text("".join(f"{p}\n" for p in inputs),
                                              encoding="utf-8")


# --- the child: one size, one theme ---------------------------------------------------------

def damaged_import(tmp: Path, data_dir: Path) -> ImportBatchReport:
    """What the import report says about damage: a folder of recordings with one that is not
    audio, and beside it a "download" that is no zip at all (imported into a scratch library)."""
    from reviewer.core.api import Library

    folder = tmp / "damaged" / "Recordings"
    folder.mkdir(parents=True)
    real = next(p for p in sorted((data_dir / "audio").rglob("*")) if p.is_file())
    shutil.copy(real, folder / f"kitchen{real.suffix}")
    (folder / "living-room.mp3").write_bytes(b"\0not audio" * 100)
    broken = tmp / "takeout-20240305T101010Z-002.zip"
    broken.write_bytes(b"not a zip" * 50)
    with Library.open(tmp / "scratch-damaged") as scratch:
        return scratch.import_exports([folder.parent, broken])


def render(out: Path, size: str, theme: str, data_dir: Path, language: str = "en") -> int:
    from dark_palette import dark_palette
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

    from reviewer.core.api import ClipQuery, JobKind, Library
    from reviewer.ui.delete_dialog import DeleteDialog
    from reviewer.ui.dialogs import (
        AboutDialog,
        ImportReportDialog,
        PreferencesDialog,
        ShortcutsDialog,
    )
    from reviewer.ui.export_dialog import ExportDialog
    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    from reviewer.ui import i18n

    i18n.install(language)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    real_x = app.platformName() == "xcb"
    prefix = f"{size}-{theme}" + ("" if language == "en" else f"-{language}")

    def settle(ms: int = 400) -> None:
        QTest.qWait(ms)

    def shot(name: str, widget: QWidget, whole_screen: bool = True) -> None:
        settle()
        target = out / f"{prefix}-{name}.png"
        screen = app.primaryScreen()
        if real_x and whole_screen and screen is not None:
            screen.grabWindow(0).save(str(target))
        else:
            widget.grab().save(str(target))

    def dialog_shot(name: str, dialog: QWidget) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        QTest.qWaitForWindowExposed(dialog, 5000)
        shot(name, dialog)
        dialog.close()

    tmp = Path(tempfile.mkdtemp(prefix="reviewer-shot-"))
    try:
        # Welcome: an empty library.
        with Library.open(tmp / "empty") as empty:
            w = MainWindow(empty)
            w.showMaximized()
            QTest.qWaitForWindowExposed(w, 5000)
            shot("welcome", w)
            w.close()
            w.deleteLater()
            settle(100)

        # The import report of the two exports, as a fresh library would show it.
        inputs = [Path(p) for p in
                  (data_dir / "shot-inputs.txt").read_text(encoding="utf-8").split()]
        with Library.open(tmp / "scratch") as scratch:
            batch = scratch.import_exports(inputs)

        lib = Library.open(data_dir)
        lib.reason_language = language
        for kind in (JobKind.TRANSCRIBE, JobKind.VOICES):  # everything is done already
            lib.jobs.hold(kind)
        w = MainWindow(lib)
        w.showMaximized()
        QTest.qWaitForWindowExposed(w, 5000)
        flagged = lib.clip_ids(ClipQuery(flagged=True, order="priority"))
        with_audio = [i for i in flagged if (c := lib.clip(i)) is not None and c.audio_path]
        w._select_clip((with_audio or flagged or [None])[0])
        settle(1200)  # waveform and media load
        shot("review", w)
        frame = w.frameGeometry()
        hint = w.minimumSizeHint()
        print(f"{prefix}: main window {frame.width()}x{frame.height()} with its frame "
              f"(smallest it can be: {hint.width()}x{hint.height()})", file=sys.stderr)
        shot("detail", w.detail, whole_screen=False)
        shot("timeline", w.timeline_dock, whole_screen=False)

        report = ImportReportDialog(batch, w)
        dialog_shot("import-report", report)
        dialog_shot("import-report-problems", ImportReportDialog(damaged_import(tmp, data_dir), w))
        dialog_shot("preferences", PreferencesDialog(
            lib.settings(), lib.models(), lib.paths.data_dir, lib.weights().presets, w))
        w.show_requests()
        QTest.qWaitForWindowExposed(w.requests_dialog, 5000)
        shot("requests", w.requests_dialog)
        # The letter's table of recordings, further down the preview: its values must be whole.
        preview = w.requests_dialog.preview
        preview.setTextCursor(preview.document().find("recordKey"))
        preview.ensureCursorVisible()
        bar = preview.verticalScrollBar()  # the table's head at the top, its rows below
        bar.setValue(bar.value() + preview.cursorRect().top() - 8)
        shot("requests-table", w.requests_dialog)
        w.requests_dialog.close()
        dialog_shot("delete", DeleteDialog(3, True, w))
        dialog_shot("export", ExportDialog(3, Path.home(), w))
        w.show_voices()
        QTest.qWaitForWindowExposed(w.voices_dialog, 5000)
        shot("voices", w.voices_dialog)
        w.voices_dialog.close()
        dialog_shot("shortcuts", ShortcutsDialog(w))
        dialog_shot("about", AboutDialog(lib.settings().model, w))
        QTimer.singleShot(0, w.close)
        settle(200)
        lib.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{prefix}: done", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
