"""Read-only, hostile-input-safe access to what the user downloaded.

An export is one or more paths: zips (several parts of one multi-part Takeout download),
folders, or single files. `open_export` merges them into one list of `Entry` objects with
logical '/'-separated paths, looking inside nested zips (Amazon's `Alexa.zip`) as if they were
folders. Nothing is ever extracted to disk by its archived name, so a hostile name cannot write
anywhere; such entries are still refused and reported, because a traversal or link entry in a
vendor export means the archive is not what it claims to be.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from reviewer.core.importers.records import Problem


@dataclass(frozen=True)
class Limits:
    """Caps against zip bombs and runaway inputs; generous for real exports."""

    max_total_bytes: int = 64 * 1024**3
    max_entry_bytes: int = 4 * 1024**3
    # Audio and JSON rarely compress beyond 20:1; bombs go far past 1000:1.
    max_ratio: float = 200.0
    # Ratios of tiny entries are meaningless (a 10 kB run of zeros compresses 1000:1).
    ratio_floor_bytes: int = 1024 * 1024
    max_nesting: int = 3
    max_entries: int = 2_000_000
    # A nested zip is opened in memory up to this size, else spooled to a temp file.
    nested_in_memory_bytes: int = 256 * 1024**2


class ExportError(Exception):
    """The export as a whole cannot be read; the message is meant for the user."""


@dataclass(frozen=True)
class Entry:
    """One file of the export.

    `path` is the logical path inside the export (nested zips appear as folders named after
    the zip). `container` names the file on disk it came from, for messages. `mtime` is the
    file's modification time (zip times carry no zone; they are read as UTC and are only ever
    used as an approximate time).
    """

    path: str
    size: int
    container: str
    mtime: datetime | None
    _opener: Callable[[], IO[bytes]] = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def parent(self) -> str:
        parent = str(PurePosixPath(self.path).parent)
        return "" if parent == "." else parent

    @property
    def where(self) -> str:
        return f"{self.container}: {self.path}"

    def open(self) -> IO[bytes]:
        return self._opener()

    def read(self, limit: int | None = None) -> bytes:
        """The whole entry (or its first `limit` bytes)."""
        with self.open() as f:
            return f.read() if limit is None else f.read(limit)


@dataclass
class ExportSource:
    """The merged, read-only view of every path the user gave."""

    roots: list[Path]
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        for closer in reversed(self._closers):
            closer()
        self._closers.clear()

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.entries}

    def find(self, predicate: Callable[[Entry], bool]) -> Iterator[Entry]:
        return (e for e in self.entries if predicate(e))


def sibling_parts(path: Path) -> list[Path]:
    """All parts of a multi-part Takeout download given any one of them.

    Google names the parts `takeout-20240102T030405Z-001.zip`, `-002.zip`, ...
    """
    stem = path.name
    if not stem.lower().endswith(".zip") or len(stem) < 9:
        return [path]
    base, number = stem[:-4].rsplit("-", 1) if "-" in stem[:-4] else (stem[:-4], "")
    if not (number.isdigit() and len(number) >= 3):
        return [path]
    found = sorted(
        p for p in path.parent.glob(f"{base}-*.zip")
        if p.name[len(base) + 1:-4].isdigit()
    )
    return found or [path]


def open_export(paths: Sequence[Path], limits: Limits | None = None,
                expand_parts: bool = True, scratch_dir: Path | None = None) -> ExportSource:
    """Open every path read-only and index its files.

    Large nested zips are spooled to an anonymous temporary file in `scratch_dir` (the
    library's own folder in the app, so nothing is written outside the data directory).

    Raises ExportError when nothing at all can be read (missing path, not a zip, ...).
    Unsafe or unreadable entries are left out and listed in `source.problems`.
    """
    limits = limits or Limits()
    resolved: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ExportError(f"{p}: no such file or folder")
        candidates = sibling_parts(p) if expand_parts and p.is_file() else [p]
        for c in candidates:
            if c.resolve() not in {r.resolve() for r in resolved}:
                resolved.append(c)
    source = ExportSource(roots=resolved)
    budget = _Budget(limits, scratch_dir)
    try:
        for root in resolved:
            if root.is_dir():
                _index_folder(root, source, budget)
            elif _looks_like_zip(root):
                _index_zip_file(root, source, budget, prefix="", depth=0)
            else:
                _index_single_file(root, source)
    except ExportError:
        source.close()
        raise
    return source


class _Budget:
    def __init__(self, limits: Limits, scratch_dir: Path | None) -> None:
        self.limits = limits
        self.scratch_dir = scratch_dir
        self.total = 0
        self.count = 0

    def admit(self, where: str, size: int, compressed: int | None) -> str | None:
        """None if the entry may be read, else the reason it may not."""
        lim = self.limits
        if size > lim.max_entry_bytes:
            return f"{_mb(size)} uncompressed is more than the {_mb(lim.max_entry_bytes)} limit"
        if (compressed is not None and size >= lim.ratio_floor_bytes
                and size > lim.max_ratio * max(compressed, 1)):
            ratio = size / max(compressed, 1)
            return (f"compression ratio {ratio:,.0f}:1 is above the {lim.max_ratio:,.0f}:1 limit "
                    "(looks like a zip bomb)")
        if self.total + size > lim.max_total_bytes:
            raise ExportError(
                f"{where}: the export would unpack to more than {_mb(lim.max_total_bytes)}; "
                "refusing to read it (possible zip bomb)")
        self.count += 1
        if self.count > lim.max_entries:
            raise ExportError(f"{where}: more than {lim.max_entries:,} files; refusing to read it")
        self.total += size
        return None


def _mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB" if n < 1024**3 else f"{n / 1024**3:,.1f} GB"


def _looks_like_zip(path: Path) -> bool:
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def _index_single_file(path: Path, source: ExportSource) -> None:
    st = path.stat()
    source.entries.append(Entry(
        path=path.name, size=st.st_size, container=str(path),
        mtime=datetime.fromtimestamp(st.st_mtime, UTC),
        _opener=partial(_open_file, path)))


def _index_folder(root: Path, source: ExportSource, budget: _Budget) -> None:
    container = str(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                source.problems.append(Problem(
                    f"{container}: {_join(rel_dir, d)}", "symbolic link to a folder; not followed"))
        dirnames.sort()
        for name in sorted(filenames):
            full = here / name
            rel = _join(rel_dir, name)
            try:
                st = full.lstat()
            except OSError as exc:
                source.problems.append(Problem(f"{container}: {rel}", f"cannot read: {exc}"))
                continue
            if stat.S_ISLNK(st.st_mode):
                source.problems.append(Problem(f"{container}: {rel}",
                                               "symbolic link; not followed"))
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if _is_zip_name(name) and _looks_like_zip(full):
                _index_zip_file(full, source, budget, prefix=rel, depth=1)
                continue
            refusal = budget.admit(f"{container}: {rel}", st.st_size, None)
            if refusal:
                source.problems.append(Problem(f"{container}: {rel}", refusal))
                continue
            source.entries.append(Entry(
                path=rel, size=st.st_size, container=container,
                mtime=datetime.fromtimestamp(st.st_mtime, UTC),
                _opener=partial(_open_file, full)))


def _open_file(path: Path) -> IO[bytes]:
    return open(path, "rb")


def _open_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    return zf.open(info)


def _join(a: str, b: str) -> str:
    return b if a in ("", ".") else f"{a}/{b}"


def _is_zip_name(name: str) -> bool:
    return name.lower().endswith(".zip")


def _index_zip_file(path: Path, source: ExportSource, budget: _Budget, prefix: str,
                    depth: int) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        if depth == 0:
            raise ExportError(f"{path}: not a readable zip archive ({exc})") from exc
        source.problems.append(Problem(str(path), f"not a readable zip archive ({exc})"))
        return
    source._closers.append(zf.close)
    _index_zipfile(zf, str(path), source, budget, prefix, depth)


def _index_zipfile(zf: zipfile.ZipFile, container: str, source: ExportSource, budget: _Budget,
                   prefix: str, depth: int) -> None:
    seen: set[str] = set()
    for info in zf.infolist():
        where = f"{container}: {info.filename}"
        unsafe = _unsafe_name_reason(info)
        if unsafe:
            source.problems.append(Problem(where, unsafe))
            continue
        if info.is_dir():
            continue
        name = info.filename.replace("\\", "/")
        if name in seen:
            source.problems.append(Problem(where, "duplicate entry name in the archive; "
                                                  "only the first is used"))
            continue
        seen.add(name)
        if info.flag_bits & 0x1:
            source.problems.append(Problem(where, "encrypted entry; cannot be read"))
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                      zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
            source.problems.append(Problem(
                where, f"unsupported compression method {info.compress_type}"))
            continue
        refusal = budget.admit(where, info.file_size, info.compress_size)
        if refusal:
            source.problems.append(Problem(where, refusal))
            continue
        logical = _join(prefix, name)
        mtime = _zip_time(info)
        if _is_zip_name(name):
            if depth + 1 > budget.limits.max_nesting:
                source.problems.append(Problem(where, "zip nested too deeply; not opened"))
                continue
            inner = _open_nested(zf, info, budget)
            if inner is None:
                source.problems.append(Problem(where, "not a readable zip archive"))
                continue
            source._closers.append(inner.close)
            _index_zipfile(inner, f"{container} > {name}", source, budget, logical, depth + 1)
            continue
        source.entries.append(Entry(
            path=logical, size=info.file_size, container=container, mtime=mtime,
            _opener=partial(_open_member, zf, info)))


def _unsafe_name_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absolute path in the archive; refused"
    if ".." in PurePosixPath(name).parts:
        return "path leads outside the archive ('..'); refused"
    if "\x00" in name:
        return "file name contains a NUL byte; refused"
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return "symbolic link in the archive; refused"
    return None


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except ValueError:
        return None


def _open_nested(zf: zipfile.ZipFile, info: zipfile.ZipInfo,
                 budget: _Budget) -> zipfile.ZipFile | None:
    """Open a zip stored inside a zip without writing it anywhere under its own name."""
    import tempfile

    if info.file_size <= budget.limits.nested_in_memory_bytes:
        with zf.open(info) as f:
            data: BinaryIO = io.BytesIO(f.read())
    else:
        data = tempfile.TemporaryFile(dir=budget.scratch_dir)
        with zf.open(info) as f:
            while chunk := f.read(1024 * 1024):
                data.write(chunk)
        data.seek(0)
    try:
        return zipfile.ZipFile(data)
    except zipfile.BadZipFile:
        data.close()
        return None
