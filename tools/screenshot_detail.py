"""Render the clip pane for a sample clip to PNGs (light and dark), to look at the layout.

    .venv/bin/python tools/screenshot_detail.py [--out shots] [--clip "send a message to Anna"]

Builds a throw-away library from the sample Takeout export, transcribes and flags it (the real
model, ~10 s), shows one clip paused part-way (so the played colour, the playhead and the word
highlight are all visible) and writes `detail.png` and `detail-dark.png`. Runs on the offscreen
platform: no display needed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dark_palette import dark_palette  # noqa: E402
from PySide6.QtMultimedia import QMediaPlayer  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from reviewer.core.library import Library  # noqa: E402
from reviewer.ui.detail import ClipDetail  # noqa: E402

SAMPLE = REPO / "resources" / "sample" / "takeout-sample.zip"


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the pane did not get ready in time")
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "shots")
    parser.add_argument("--clip", default="send a message to Anna",
                        help="part of the vendor's transcript of the clip to show")
    parser.add_argument("--at", type=float, default=2.2, help="seconds to pause at")
    parser.add_argument("--size", default="560x600", help="WIDTHxHEIGHT of the pane")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    light = app.style().standardPalette()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="reviewer-shot-") as tmp, Library.open(tmp) as lib:
        lib.import_export([SAMPLE])
        lib.transcribe()
        lib.flag()
        clip = next(c for c in lib.clips() if args.clip.lower()
                    in (c.vendor_transcript or "").lower())
        transcripts = lib.transcripts(clip.id)
        for name, palette in (("detail.png", light), ("detail-dark.png", dark_palette())):
            app.setPalette(palette)
            pane = ClipDetail()
            pane.resize(width, height)
            pane.show()
            pane.show_clip(clip, transcripts[-1] if transcripts else None, lib.audio_path(clip))
            if pane.playable:  # clips without audio have nothing to wait for
                wait_until(app, lambda p=pane: p.waveform.envelope is not None  # type: ignore[misc]
                           or bool(p.notices))
                wait_until(app, lambda p=pane: p.player.mediaStatus()  # type: ignore[misc]
                           in (QMediaPlayer.MediaStatus.LoadedMedia,
                               QMediaPlayer.MediaStatus.InvalidMedia))
                pane.seek(args.at)
            app.processEvents()
            target = args.out / name
            pane.grab().save(str(target))
            print(f"{target}  (clip {clip.id}: {clip.vendor_transcript!r}, "
                  f"word {pane.current_word})")
            pane.close()
            pane.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
