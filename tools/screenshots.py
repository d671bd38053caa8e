"""Render the app's screens to PNGs (offscreen) so people can look at them:
welcome, review window with the sample transcribed and flagged, import report, preferences,
shortcuts, the delete dialog, the deletion-requests dialog and its PDF letter (page 1 as PNG
when Ghostscript is installed); light and dark.

    .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from dark_palette import dark_palette
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reviewer.core.library import ClipQuery, Library
    from reviewer.resources import sample_export_path
    from reviewer.ui.delete_dialog import DeleteDialog
    from reviewer.ui.dialogs import ImportReportDialog, PreferencesDialog, ShortcutsDialog
    from reviewer.ui.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "lib")
        w = MainWindow(lib)
        w.resize(1400, 900)
        w.show()
        QTest.qWait(200)
        w.grab().save(str(out / "welcome.png"))
        report = lib.import_export([sample_export_path()])
        lib.transcribe()
        lib.flag()
        w.refresh_all()
        w.table.selectRow(0)
        QTest.qWait(1500)
        w.grab().save(str(out / "review.png"))
        d = ImportReportDialog(report, w)
        d.show()
        QTest.qWait(100)
        d.grab().save(str(out / "import-report.png"))
        d.close()
        p = PreferencesDialog(lib.settings(), [("tiny.en", "Whisper tiny, English", True),
                                               ("base", "Whisper base, multilingual", False)],
                              lib.paths.data_dir, lib.weights().presets, w)
        p.show()
        QTest.qWait(100)
        p.grab().save(str(out / "preferences.png"))
        s = ShortcutsDialog(w)
        s.show()
        QTest.qWait(100)
        s.grab().save(str(out / "shortcuts.png"))
        s.close()
        delete = DeleteDialog(3, True, w)
        delete.show()
        QTest.qWait(100)
        delete.grab().save(str(out / "delete.png"))
        delete.close()
        # Requests: the flagged clips marked for a request, one letter drafted, its PDF
        # rendered to PNG when Ghostscript is there to do it.
        lib.decide(lib.clip_ids(ClipQuery(flagged=True))[:6], "delete_request")
        lib.create_requests(name="Erika Mustermann", email="erika@example.org")
        w.show_requests()
        QTest.qWait(300)
        w.requests_dialog.grab().save(str(out / "requests.png"))
        pdf = w.requests_dialog.save_pdf(out / "request-letter.pdf")
        gs = shutil.which("gs")
        if pdf is not None and gs:
            subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r80",
                            "-dFirstPage=1", "-dLastPage=1",
                            f"-sOutputFile={out / 'request-letter.png'}", str(pdf)], check=True)
        w.requests_dialog.close()
        app.setPalette(dark_palette())
        QTest.qWait(500)
        w.grab().save(str(out / "review-dark.png"))
        w.close()
        lib.close()
    print(f"screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
