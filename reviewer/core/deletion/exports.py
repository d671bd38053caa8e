"""Finding a deleted clip's recording in the export(s) it was imported from.

A clip remembers where its audio sat inside the export (`Clip.source_path`, a logical path:
nested zips appear as folders) and every import it was seen in (`ImportMember`), each with
the files read (`ImportRecord.sources`: a folder, a zip, or all parts of a multi-part
download). A recording is looked for in each of those files and only counted as found when
its bytes still hash to the clip's `audio_sha256`, so nothing else is ever removed.

What can be removed: a file of a folder export, and a member of a zip that is itself a file on
disk (a zip export, any part of a multi-part one, or an `Alexa.zip` left unextracted in an
export folder). What cannot, and is reported instead: a member of a zip inside a zip (Amazon's
`Alexa.zip` inside the download's zip), an export that has moved or is gone, a read-only one.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.deletion.plan import DeleteProblem
from reviewer.core.deletion.zipclean import file_sha256
from reviewer.core.importers.source import _member_name, _normalized
from reviewer.core.messages import Msg

_CHUNK = 1024 * 1024
_DIFFERENT = Msg("holds a different recording now, left as it is; the clip was deleted from "
                 "the library only")


def _library_only(reason: str) -> str:
    return Msg("{reason}; the clip was deleted from the library only", reason=reason)


@dataclass(frozen=True)
class Wanted:
    """One clip's recording to remove from the exports listed in `roots`."""

    clip_id: int
    source_path: str
    sha256: str
    roots: tuple[str, ...]


@dataclass
class ZipTarget:
    path: Path
    remove: dict[str, list[int]] = field(default_factory=dict)  # member name -> clip ids


@dataclass
class FileTarget:
    path: Path
    sha256: str
    clip_ids: list[int] = field(default_factory=list)


@dataclass
class Located:
    files: list[FileTarget] = field(default_factory=list)
    zips: list[ZipTarget] = field(default_factory=list)
    problems: list[DeleteProblem] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    kind: str  # "file", "zip"
    container: Path
    member: str = ""


@dataclass(frozen=True)
class _Miss:
    rank: int  # the most telling reason is reported when a recording is found nowhere
    where: str
    reason: str


class _ZipCache:
    """Each zip on disk is opened and indexed once per delete."""

    def __init__(self) -> None:
        self._open: dict[Path, tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]] | str] = {}

    def get(self, path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]] | str:
        if path not in self._open:
            try:
                zf = zipfile.ZipFile(path)
            except (OSError, zipfile.BadZipFile, ValueError) as exc:
                self._open[path] = Msg("cannot be read as a zip ({error})", error=exc)
            else:
                names: dict[str, zipfile.ZipInfo] = {}
                for info in zf.infolist():
                    names.setdefault(_normalized(_member_name(info)).rstrip("/"), info)
                self._open[path] = (zf, names)
        return self._open[path]

    def close(self) -> None:
        for item in self._open.values():
            if not isinstance(item, str):
                item[0].close()
        self._open.clear()


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    h = hashlib.sha256()
    with zf.open(info) as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _inside(path: Path, root: Path) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _in_zip(container: Path, member: str, want: Wanted, zips: _ZipCache,
            shown: str) -> _Found | _Miss:
    opened = zips.get(container)
    if isinstance(opened, str):
        return _Miss(2, str(container), _library_only(opened))
    zf, index = opened
    info = index.get(member)
    if info is None:
        parts = member.split("/")
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if prefix.lower().endswith(".zip") and prefix in index:
                return _Miss(4, f"{shown}: {prefix}", _library_only(Msg(
                    "the recording is inside {name}, a zip within the export; it cannot be "
                    "removed from there (extract the export and import the folder to make that "
                    "possible)", name=parts[i - 1])))
        return _Miss(1, shown, _library_only(Msg("no longer holds {path}",
                                                 path=want.source_path)))
    try:
        digest = _hash_member(zf, info)
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError) as exc:
        return _Miss(2, f"{shown}: {member}", _library_only(Msg("cannot be read ({error})",
                                                                error=exc)))
    if digest != want.sha256:
        return _Miss(1, f"{shown}: {member}", _DIFFERENT)
    return _Found("zip", container, info.filename)


def _in_root(root: Path, want: Wanted, zips: _ZipCache) -> _Found | _Miss:
    shown = str(root)
    if not os.path.lexists(root):
        return _Miss(3, shown, _library_only(Msg("the export {name} is no longer at {folder}",
                                                 name=root.name, folder=root.parent)))
    if root.is_dir():
        parts = [p for p in want.source_path.split("/") if p]
        candidate = root.joinpath(*parts)
        try:
            st = os.lstat(candidate)
        except OSError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode) and _inside(candidate, root):
            try:
                digest = file_sha256(candidate)
            except OSError as exc:
                return _Miss(2, str(candidate), _library_only(Msg(
                    "cannot be read ({error})", error=exc.strerror or exc)))
            if digest != want.sha256:
                return _Miss(1, str(candidate), _DIFFERENT)
            return _Found("file", candidate)
        # An Alexa.zip left unextracted in the export folder is a zip on disk like any other.
        for i in range(1, len(parts)):
            prefix = root.joinpath(*parts[:i])
            if parts[i - 1].lower().endswith(".zip") and prefix.is_file() \
                    and _inside(prefix, root):
                return _in_zip(prefix, "/".join(parts[i:]), want, zips, str(prefix))
        return _Miss(1, shown, _library_only(Msg("no longer holds {path}",
                                                 path=want.source_path)))
    if root.name.lower().endswith(".zip") or zipfile.is_zipfile(root):
        return _in_zip(root, want.source_path, want, zips, shown)
    # A single recording given as the export.
    if want.source_path == root.name:
        try:
            if file_sha256(root) == want.sha256:
                return _Found("file", root)
        except OSError as exc:
            return _Miss(2, shown, _library_only(Msg("cannot be read ({error})",
                                                     error=exc.strerror or exc)))
        return _Miss(1, shown, _DIFFERENT)
    return _Miss(0, shown, _library_only(Msg("does not hold {path}", path=want.source_path)))


def _writable(path: Path) -> str | None:
    """Why `path` cannot be replaced or moved to the trash, or None."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return _library_only(Msg("the folder {folder} is read-only", folder=path.parent))
    if not os.access(path, os.W_OK):
        return _library_only(Msg("the file is read-only"))
    return None


def _place(want: Wanted, zips: _ZipCache, files: dict[Path, FileTarget],
           zip_targets: dict[Path, ZipTarget], misses: dict[tuple[str, str], list[int]]) -> None:
    found_any = False
    best: _Miss | None = None
    seen: set[str] = set()
    for root_text in want.roots:
        root = Path(root_text)
        key = os.path.abspath(root)
        if key in seen:
            continue
        seen.add(key)
        result = _in_root(root, want, zips)
        if isinstance(result, _Found):
            found_any = True
            if result.kind == "file":
                target = files.setdefault(result.container,
                                          FileTarget(result.container, want.sha256))
                target.clip_ids.append(want.clip_id)
            else:
                z = zip_targets.setdefault(result.container, ZipTarget(result.container))
                z.remove.setdefault(result.member, []).append(want.clip_id)
        elif best is None or result.rank > best.rank:
            best = result
    if not found_any:
        if best is None:
            best = _Miss(0, want.source_path,
                         _library_only(Msg("the export it came from is not known")))
        misses.setdefault((best.where, best.reason), []).append(want.clip_id)


def locate(wanted: Iterable[Wanted]) -> Located:
    """Where each recording sits in the exports, and why it cannot be removed where not."""
    zips = _ZipCache()
    files: dict[Path, FileTarget] = {}
    zip_targets: dict[Path, ZipTarget] = {}
    misses: dict[tuple[str, str], list[int]] = {}
    try:
        for want in wanted:
            _place(want, zips, files, zip_targets, misses)
    finally:
        zips.close()
    located = Located()
    for path, f in files.items():
        reason = _writable(path)
        if reason:
            misses.setdefault((str(path), reason), []).extend(f.clip_ids)
        else:
            located.files.append(f)
    for path, z in zip_targets.items():
        reason = _writable(path)
        if reason:
            ids = [c for cs in z.remove.values() for c in cs]
            misses.setdefault((str(path), reason), []).extend(ids)
        else:
            located.zips.append(z)
    located.problems = [DeleteProblem(where, reason, tuple(sorted(set(ids))))
                        for (where, reason), ids in misses.items()]
    return located


def roots_for(sources: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Every export file of the given imports, each once, in order."""
    out: dict[str, None] = {}
    for group in sources:
        for s in group:
            out.setdefault(str(s), None)
    return tuple(out)


__all__ = ["FileTarget", "Located", "Wanted", "ZipTarget", "locate",
           "roots_for"]
