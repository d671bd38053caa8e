"""The user's preferences, typed, stored as JSON beside the library, upgraded by version.

Kept with the library (not in a per-machine config) because they describe how this library
is reviewed: the same threshold must apply in the GUI and the CLI.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SETTINGS_VERSION = 2


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    model: str = "tiny.en"
    flag_preset: str = "default"  # careful / default / thorough, or "custom"
    flag_threshold: int | None = None  # used when flag_preset is "custom"
    delete_to_trash: bool = True
    region: str = "eu"  # which deletion-request law applies: "eu" (GDPR) or "california"
    # Deletion-request letters: their language and who signs them (the account's e-mail
    # address is rarely in an export). Empty: the letter shows a placeholder to fill in.
    # "": the library's language (a German library writes German letters).
    request_language: str = ""
    request_name: str = ""
    request_email: str = ""
    # The language the multilingual model was proposed for (shown once per language).
    language_proposed: str = ""
    # The desktop interface's language ("en", "de"); "": the system's. The CLI stays English.
    interface_language: str = ""
    # The language the stored flag reasons were written in ("": the library's own).
    reasons_language: str = ""
    # A full flagging pass started and did not end (cancelled, or the app quit): flag again.
    flag_unfinished: bool = False

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # A damaged settings file must not stop the app; keep a copy for the logs.
            path.replace(path.with_suffix(".damaged.json"))
            return cls()
        data = _upgrade(data)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def save(self, path: Path) -> None:
        fd, tmp = tempfile.mkstemp(prefix="settings-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(self), f, indent=2)
        os.replace(tmp, path)


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring settings written by older versions up to SETTINGS_VERSION, one step at a time."""
    version = int(data.get("version", 1))
    if version == 1:
        # Version 1 saved "en" whether or not anyone chose it (nothing could): from 2 on the
        # letters follow the library's language unless the user picks one.
        if data.get("request_language") == "en":
            data["request_language"] = ""
        version = 2
    data["version"] = max(version, SETTINGS_VERSION)
    return data
