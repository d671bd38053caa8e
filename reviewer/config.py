"""Where the app keeps things: one place that resolves every directory.

The library (database + copied audio) lives in the platformdirs user data directory unless
`--data-dir` or `REVIEWER_DATA_DIR` says otherwise, so tests and development never touch a real
user's data. The directory holds private audio: it is created owner-only (0700).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "VoiceHistoryReviewer"
DATA_DIR_ENV = "REVIEWER_DATA_DIR"
# The folder (inside the data dir) a delete stages files in; journals store paths under it
# relative to the data dir, so the name is part of the on-disk format.
STAGING_DIR = "deleting"


class DataDirError(Exception):
    """The library location cannot be used; the message is meant for the user."""


@dataclass(frozen=True)
class Paths:
    """Every location the app writes to. All of them are inside `data_dir` except logs/cache."""

    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def scratch_dir(self) -> Path:
        """Temporary files (partly written audio, spooled nested zips); emptied at start."""
        return self.data_dir / "tmp"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def weights_path(self) -> Path:
        """The flagging weights calibrated from the user's decisions (absent: the defaults)."""
        return self.data_dir / "flag-weights.json"

    @property
    def requests_dir(self) -> Path:
        """Where deletion-request letters and CSVs are written by default."""
        return self.data_dir / "requests"

    @property
    def staging_dir(self) -> Path:
        return self.data_dir / STAGING_DIR

    @property
    def ui_state_path(self) -> Path:
        """Window geometry, dock and column layout (Qt's QSettings, INI format)."""
        return self.data_dir / "ui.ini"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Resolve (without creating) the app's directories.

    Precedence: explicit `data_dir`, then $REVIEWER_DATA_DIR, then the platform default.
    With an override, logs and cache live inside it too, so an override isolates everything.
    """
    override = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
    if override is None:
        override = remembered_data_dir()
    if override is not None:
        root = Path(override).expanduser().absolute()
        return Paths(data_dir=root, log_dir=root / "logs", cache_dir=root / "cache")
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
    )


def _location_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / "location.json"


def remembered_data_dir() -> Path | None:
    """The library folder the user chose in Preferences, if any (and if it still exists)."""
    try:
        data = json.loads(_location_file().read_text(encoding="utf-8"))
        path = Path(data["data_dir"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.is_dir() else None


def remember_data_dir(path: Path | None) -> None:
    """Use `path` as the library from the next start (None: back to the default)."""
    file = _location_file()
    if path is None:
        file.unlink(missing_ok=True)
        return
    ensure_private_dir(file.parent)
    file.write_text(json.dumps({"data_dir": str(path)}), encoding="utf-8")


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) readable by the owner only; tighten it if it exists."""
    old_umask = os.umask(0o077)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(f"Cannot create the folder {path}: {exc.strerror or exc}") from exc
    finally:
        os.umask(old_umask)
    if not path.is_dir():
        raise DataDirError(f"{path} exists but is not a folder")
    if os.name == "posix":
        try:
            path.chmod(0o700)
        except OSError as exc:
            raise DataDirError(f"Cannot make {path} private: {exc.strerror or exc}") from exc
    return path


def refuse_shared_folder(path: Path) -> None:
    """An existing folder others may write to (/tmp, a shared drive) is not made private by
    force: that would silently take it away from everyone else (chmod 0700). The library
    goes in a folder of its own instead; a new name is created private."""
    if os.name != "posix" or not path.is_dir():
        return
    mode = path.stat().st_mode
    if mode & stat.S_IWOTH:
        raise DataDirError(
            f"{path} is a folder other users can write to; the library holds private audio "
            "and is kept readable by you only, which would take the folder away from them. "
            f"Use a new folder inside it instead, e.g. --data-dir {path / APP_DIR_NAME} "
            "(it is created readable by you only).")


def prepare(paths: Paths) -> Paths:
    """Create every directory the library needs, owner-only."""
    refuse_shared_folder(paths.data_dir)
    for d in (paths.data_dir, paths.audio_dir, paths.scratch_dir, paths.backup_dir,
              paths.log_dir, paths.cache_dir):
        ensure_private_dir(d)
    return paths
