"""Several exports dropped on the window at once: each imported on its own, the report has a
section per export, and an input that gave nothing is named in plain words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel

from reviewer.core.library import Library
from reviewer.testing import amazon_download as ad
from reviewer.testing.google_exports import make_entries, write_takeout
from reviewer.ui.main_window import MainWindow


def test_drop_takeout_parts_alexa_and_a_stray_folder(qtbot, library: Library,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    parts = write_takeout(tmp_path / "google", make_entries(5, seed=7), as_zip=True, parts=2)
    download = ad.write_full_download(tmp_path / "amazon", "zips")
    stray = tmp_path / "Holiday photos"
    stray.mkdir()
    (stray / "list.txt").write_text("beach, mountains\n")
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (*parts, *download.paths, stray)])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: "import" not in window.jobs, timeout=120_000)
    dialog = window.report_dialog
    assert dialog.isVisible()
    text = dialog.findChild(QLabel, "importSummary").text()
    # The stray folder first, in words: which input, and that nothing came from it.
    assert text.startswith("<b>Nothing was imported from Holiday photos</b><br>")
    assert "no voice history found" in text
    # Then one section per export, each named by its files.
    google = text.index("<b>Google Takeout</b> (detected) \u2014 " + parts[0].name)
    amazon = text.index("<b>Amazon Alexa</b> (detected) \u2014 ")
    assert google < amazon
    assert "Clips found: <b>5</b>" in text[google:amazon]
    assert f"Clips found: <b>{len(download.clips)}</b>" in text[amazon:]
    assert "Devices registered to the account (kept as its device list): 3" in text[amazon:]
    assert "Not voice history, left out: 8 file(s)" in text[amazon:]
    assert library.count_clips() == 5 + len(download.clips)
    window.close()
