"""Files the app ships (the sample export), found the same way frozen and unfrozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding `resources/`: the repository when run from source, the bundle's
    data folder (sys._MEIPASS) when frozen by PyInstaller."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def sample_export_path() -> Path:
    return resource_root() / "resources" / "sample" / "takeout-sample.zip"
