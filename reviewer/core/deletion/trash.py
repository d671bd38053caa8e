"""The operating system's trash, behind a small seam (tests inject their own or point
XDG_DATA_HOME at a throw-away folder).

Files go to the trash with send2trash. Undo needs to find them again: on Linux and the other
freedesktop systems the trash is a folder (`$XDG_DATA_HOME/Trash`, or `.Trash/$uid` /
`.Trash-$uid` at the top of another file system) with `files/NAME` and `info/NAME.trashinfo`,
whose `Path=` line says where the file came from (send2trash writes it relative to the top
folder when the file sits below it). On macOS and Windows the trash cannot be searched from
here: the user restores the files with the system's own "Put back", which puts them where they
were, and undo then finds them there.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote


class TrashError(OSError):
    """The file could not be moved to the trash; the message is meant for the user."""


@dataclass(frozen=True)
class TrashedFile:
    """A file in the trash: its data (`files/…`) and, on freedesktop systems, its info file."""

    data: Path
    info: Path | None


class Trash(Protocol):
    def send(self, path: Path) -> None:
        """Move `path` to the trash; TrashError when that is not possible."""
        ...

    def find(self, originals: Collection[Path]) -> dict[Path, TrashedFile]:
        """Those of `originals` (absolute paths) that are in the trash, by original path."""
        ...

    def restore(self, item: TrashedFile, target: Path) -> None:
        """Move a trashed file to `target`, which must not exist."""
        ...


def _xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _mount_point(path: Path) -> Path:
    p = Path(os.path.realpath(path))
    while not os.path.ismount(p) and p != p.parent:
        p = p.parent
    return p


def trash_folders(near: Path) -> list[tuple[Path, Path]]:
    """(trash folder, the folder relative `Path=` lines start from) that may hold files
    trashed from the file system of `near`."""
    home = _xdg_data_home()
    folders = [(home / "Trash", home)]
    p = near
    while not p.exists() and p != p.parent:
        p = p.parent
    top = _mount_point(p)
    if hasattr(os, "getuid"):
        uid = str(os.getuid())
        folders += [(top / ".Trash" / uid, top), (top / f".Trash-{uid}", top)]
    return folders


def _info_path(info: Path) -> str | None:
    try:
        text = info.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Path="):
            return unquote(line[5:].strip())
    return None


class SystemTrash:
    """send2trash, plus the freedesktop trash layout to find files again."""

    freedesktop = sys.platform not in ("darwin", "win32")

    def send(self, path: Path) -> None:
        from send2trash import send2trash

        try:
            send2trash(str(path))
        except OSError as exc:
            raise TrashError(f"{path} could not be moved to the trash "
                             f"({exc.strerror or exc})") from exc
        except Exception as exc:  # send2trash's own errors on macOS/Windows
            raise TrashError(f"{path} could not be moved to the trash ({exc})") from exc

    def find(self, originals: Collection[Path]) -> dict[Path, TrashedFile]:
        if not self.freedesktop or not originals:
            return {}
        wanted = {Path(os.path.abspath(p)) for p in originals}
        # Trashed names are the original name, or "stem N.ext" when that was taken.
        stems = {p.name.split(".")[0].split(" ")[0] for p in wanted}
        found: dict[Path, tuple[float, TrashedFile]] = {}
        seen: set[Path] = set()
        for near in {p.parent for p in wanted}:
            for folder, top in trash_folders(near):
                info_dir = folder / "info"
                if folder in seen or not info_dir.is_dir():
                    continue
                seen.add(folder)
                try:
                    infos = [p for p in info_dir.iterdir() if p.name.endswith(".trashinfo")
                             and p.name.split(".")[0].split(" ")[0] in stems]
                except OSError:
                    continue
                for info in infos:
                    recorded = _info_path(info)
                    if recorded is None:
                        continue
                    where = Path(recorded)
                    if not where.is_absolute():
                        where = top / where
                    where = Path(os.path.abspath(where))
                    if where not in wanted:
                        continue
                    data = folder / "files" / info.name[: -len(".trashinfo")]
                    if not os.path.lexists(data):
                        continue
                    mtime = info.stat().st_mtime
                    if where not in found or mtime > found[where][0]:
                        found[where] = (mtime, TrashedFile(data, info))
        return {p: item for p, (_, item) in found.items()}

    def restore(self, item: TrashedFile, target: Path) -> None:
        move_file(item.data, target)
        if item.info is not None:
            item.info.unlink(missing_ok=True)


def move_file(src: Path, target: Path) -> None:
    """Move a file, also across file systems, never leaving a partial file at `target`."""
    if target.exists():
        raise FileExistsError(f"{target} exists")
    try:
        os.rename(src, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # another file system: copy
            raise
    tmp = target.with_name(f".{target.name}.moving")
    try:
        shutil.copyfile(src, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    src.unlink()


__all__ = ["SystemTrash", "Trash", "TrashError", "TrashedFile", "move_file", "trash_folders"]
