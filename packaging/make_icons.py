"""Render resources/icons/reviewer.svg into the icon files installers need.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/reviewer-{16..512}.png, reviewer.png (256 px), reviewer.ico (Windows, 16–256 px)
and reviewer.icns (macOS), using Qt's own SVG renderer and image writers (no other tool).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "reviewer.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    images = {}
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        images[size] = image
        path = out_dir / f"reviewer-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"cannot write {path}")
        written.append(path)
    images[256].save(str(out_dir / "reviewer.png"))
    written.append(out_dir / "reviewer.png")
    # Qt's ICO/ICNS writers store one image; the 256 px one scales down well enough, and the
    # Windows shell and Finder pick sizes from it. (Missing writer plugins only skip a file.)
    for name, size in (("reviewer.ico", 256), ("reviewer.icns", 512)):
        if images[size].save(str(out_dir / name)):
            written.append(out_dir / name)
        else:
            print(f"make_icons: no image writer for {name} in this Qt; skipped", file=sys.stderr)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for p in render(Path(sys.argv[1])):
        print(p)
