"""Read-only, hostile-input-safe access to what the user downloaded.

An export is one or more paths: zips or `.tgz` / `.tar.gz` archives (several parts of one
multi-part Takeout download), folders, or single files. `open_export` merges them into one list
of `Entry` objects with logical '/'-separated paths, looking inside nested zips (Amazon's
`Alexa.zip`) as if they were folders. Nothing is ever extracted to disk by its archived name,
so a hostile name cannot write anywhere; such entries are still refused and reported, because
a traversal or link entry in a vendor export means the archive is not what it claims to be.

Zip members are decompressed in bounded steps (`members.py`; never by `zipfile`'s own
one-shot decompression, which allocates whatever a bomb expands to, whatever the header
says), and a member never yields more bytes than its header declares: a header that lies
about the size raises `EntryReadError` instead. Tar archives get the same rules: links, devices
and unsafe names are refused, headers are read with a size cap, members are read in bounded
steps and never past their declared size (see `gzindex` for reading `.tgz` without unpacking).
"""

from __future__ import annotations

import io
import os
import re
import stat
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from reviewer.core.importers.gzindex import (
    GzipIndex,
    InflateStream,
    OversizedReadError,
    PlainStream,
    TruncatedError,
)
from reviewer.core.importers.members import (
    CHUNK,
    EntryReadError,
    SeekableReader,
    error_text,
    open_member,
)
from reviewer.core.importers.records import Problem
from reviewer.core.messages import Msg, message_of


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


class UnreadableArchiveError(ExportError):
    """One archive the user gave cannot be opened at all (damaged, incomplete, not an archive).

    With several parts of one download, the others are still imported and this one is named.
    """


@dataclass(frozen=True)
class Entry:
    """One file of the export.

    `path` is the logical path inside the export (nested zips appear as folders named after
    the zip). `container` names the file on disk it came from, for messages. `mtime` is the
    file's modification time (zip times carry no zone; they are read as UTC and are only ever
    used as an approximate time).

    `open()` and `read()` raise OSError (for zip members: `EntryReadError`) when the entry
    cannot be read; a zip member never yields more than `size` bytes.
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
    # What was refused, by kind ("encrypted", "nested_too_deep", ...), to say why an export
    # holding nothing usable looks empty.
    refused: Counter[str] = field(default_factory=Counter)
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        closers, self._closers = self._closers, []
        for closer in reversed(closers):
            closer()

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.entries}

    def find(self, predicate: Callable[[Entry], bool]) -> Iterator[Entry]:
        return (e for e in self.entries if predicate(e))


# Takeout names the parts of one download `takeout-20240102T030405Z-001.zip`, `-002.zip`, ...
# or, for big exports, in segments: `-1-001.zip`, `-1-002.zip`, `-2-001.zip`. The same for
# `.tgz` / `.tar.gz`. A segment number has one or two digits, a part number three or more.
_PART_NAME = re.compile(
    r"(?P<base>.+?)(?:-(?P<segment>[0-9]{1,2}))?-(?P<number>[0-9]{3,})"
    r"\.(?P<ext>zip|tgz|tar\.gz)", re.IGNORECASE | re.ASCII)


def sibling_parts(path: Path) -> list[Path]:
    """All parts of a multi-part Takeout download given any one of them.

    Only files with exactly the same name before the part (and segment) number and the same
    kind of archive count; a browser's renamed duplicate (`... -001 (1).zip`) or another
    download's parts do not. Parts come in segment, then part order.
    """
    match = _PART_NAME.fullmatch(path.name)
    if match is None:
        return [path]
    base, ext = match["base"], match["ext"].lower()
    try:
        neighbours = list(path.parent.iterdir())
    except OSError:
        return [path]
    found: list[tuple[int, int, str, Path]] = []
    for p in neighbours:
        m = _PART_NAME.fullmatch(p.name)
        if (m is not None and m["base"] == base and m["ext"].lower() == ext
                and (m["segment"] is None) == (match["segment"] is None) and p.is_file()):
            found.append((int(m["segment"] or 0), int(m["number"]), p.name, p))
    return [p for *_, p in sorted(found)] or [path]


def open_export(paths: Sequence[Path], limits: Limits | None = None,
                expand_parts: bool = True, scratch_dir: Path | None = None) -> ExportSource:
    """Open every path read-only and index its files.

    Large nested zips are spooled to an anonymous temporary file in `scratch_dir` (the
    library's own folder in the app, so nothing is written outside the data directory).

    Raises ExportError when nothing at all can be read (missing path, a `.zip` that is not a
    readable zip, ...). Unsafe or unreadable entries are left out and listed in
    `source.problems`.
    """
    limits = limits or Limits()
    resolved: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise ExportError(Msg("{path}: no such file or folder", path=p))
        candidates = sibling_parts(p) if expand_parts and p.is_file() else [p]
        for c in candidates:
            key = c.resolve()
            if key not in seen:
                seen.add(key)
                resolved.append(c)
    source = ExportSource(roots=resolved)
    budget = _Budget(limits, scratch_dir)
    try:
        unreadable: list[UnreadableArchiveError] = []
        for root in resolved:
            try:
                _index_root(root, source, budget)
            except UnreadableArchiveError as exc:
                unreadable.append(exc)
                # One damaged part of a multi-part download: import the others, name this one.
                source.problems.append(Problem(
                    str(root), Msg("{reason}; nothing in it could be imported. Download this "
                                   "part again and import all parts together",
                                   reason=_part_reason(exc, root))))
        if unreadable and len(unreadable) == len(resolved):
            raise unreadable[0]
    except BaseException:
        source.close()
        raise
    return source


def _part_reason(exc: ExportError, root: Path) -> str:
    said = message_of(exc)
    if isinstance(said, Msg) and said.template == "{path}: {message}":
        return str(said.params["message"])  # still the Msg
    text = str(exc)
    prefix = f"{root}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def _index_root(root: Path, source: ExportSource, budget: _Budget) -> None:
    if root.is_dir():
        _index_folder(root, source, budget)
        return
    kind = _sniff_archive(root)
    if kind in _UNSUPPORTED_ARCHIVES:
        raise ExportError(Msg(
            "{path}: this is a {kind} archive, which this app cannot open. Google and Amazon "
            "send .zip or .tgz files: if you repacked the download, unpack it and import the "
            "folder (or the original .zip / .tgz files)",
            path=root, kind=_UNSUPPORTED_ARCHIVES[kind]))
    if _is_zip_name(root.name) or kind == "zip":
        _index_zip_file(root, source, budget, prefix="", depth=0)
    elif _is_tar_name(root.name) or kind == "tar":
        _index_tar_file(root, source, budget, prefix="", depth=0)
    else:
        _index_single_file(root, source)


_UNSUPPORTED_ARCHIVES = {"7z": "7-Zip (.7z)", "rar": "RAR", "xz": "xz-compressed",
                         "bzip2": "bzip2-compressed"}


def _sniff_archive(path: Path) -> str | None:
    """The kind of archive by its first bytes, whatever the file is called."""
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith(b"BZh"):
        return "bzip2"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    return None


class _Budget:
    def __init__(self, limits: Limits, scratch_dir: Path | None) -> None:
        self.limits = limits
        self.scratch_dir = scratch_dir
        self.total = 0
        self.count = 0

    def admit(self, where: str, size: int, compressed: int | None,
              archive: bool = False) -> str | None:
        """None if the entry may be read, else the reason it may not.

        A nested archive (`Alexa.zip`) is only a container: its members are admitted one by
        one, so its own size counts against neither the per-file nor the total limit (a heavy
        Alexa user's `Alexa.zip` can pass 4 GB); its compression ratio is still checked.
        """
        lim = self.limits
        if size > lim.max_entry_bytes and not archive:
            return Msg("{size} uncompressed is more than the {limit} limit",
                       size=_size_text(size), limit=_size_text(lim.max_entry_bytes))
        if compressed is not None and (refusal := self.ratio_refusal(size, compressed)):
            return refusal
        if not archive and self.total + size > lim.max_total_bytes:
            raise ExportError(Msg(
                "{where}: the export would unpack to more than {limit}; refusing to read it "
                "(possible zip bomb)", where=where, limit=_size_text(lim.max_total_bytes)))
        self.count += 1
        if self.count > lim.max_entries:
            raise ExportError(Msg("{where}: more than {n} files; refusing to read it",
                                  where=where, n=lim.max_entries))
        if not archive:
            self.total += size
        return None

    def ratio_refusal(self, size: int, compressed: int) -> str | None:
        return _ratio_refusal(self.limits, size, compressed)


def _ratio_refusal(limits: Limits, size: int, compressed: int) -> str | None:
    if size >= limits.ratio_floor_bytes and size > limits.max_ratio * max(compressed, 1):
        ratio = size / max(compressed, 1)
        return Msg("compression ratio {ratio}:1 is above the {limit}:1 limit (looks like a "
                   "zip bomb)", ratio=round(ratio), limit=round(limits.max_ratio))
    return None


def _size_text(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024**2:
        return f"{n / 1024:,.0f} kB"
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
        _opener=partial(_open_file, path, False)))


def _index_folder(root: Path, source: ExportSource, budget: _Budget) -> None:
    container = str(root)

    def unreadable(exc: OSError) -> None:
        name = exc.filename if isinstance(exc.filename, str) else container
        try:
            rel = Path(name).relative_to(root).as_posix()
        except ValueError:
            rel = name
        source.problems.append(Problem(f"{container}: {_display(rel)}",
                                       Msg("folder cannot be read ({error})",
                                           error=exc.strerror or exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                source.problems.append(Problem(
                    f"{container}: {_display(_join(rel_dir, d))}",
                    Msg("symbolic link to a folder; not followed")))
        dirnames.sort()
        for name in sorted(filenames):
            full = here / name
            rel = _join(rel_dir, name)
            where = f"{container}: {_display(rel)}"
            try:
                st = full.lstat()
            except OSError as exc:
                source.problems.append(Problem(where, Msg("cannot read: {error}",
                                                          error=exc.strerror or exc)))
                continue
            if stat.S_ISLNK(st.st_mode):
                source.problems.append(Problem(where, Msg("symbolic link; not followed")))
                continue
            if not stat.S_ISREG(st.st_mode):
                source.problems.append(Problem(where, Msg("not a regular file; skipped")))
                continue
            if _is_zip_name(name):
                _index_zip_file(full, source, budget, prefix=rel, depth=1)
                continue
            if _is_tar_name(name):
                _index_tar_file(full, source, budget, prefix=rel, depth=1)
                continue
            refusal = budget.admit(where, st.st_size, None)
            if refusal:
                source.problems.append(Problem(where, refusal))
                continue
            source.entries.append(Entry(
                path=rel, size=st.st_size, container=container,
                mtime=datetime.fromtimestamp(st.st_mtime, UTC),
                _opener=partial(_open_file, full, True)))


def _open_file(path: Path, no_follow: bool) -> IO[bytes]:
    """Open read-only; inside a folder export, refuse a file swapped for a link since indexing."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if no_follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    return os.fdopen(fd, "rb")


def _join(a: str, b: str) -> str:
    return b if a in ("", ".") else f"{a}/{b}"


def _is_zip_name(name: str) -> bool:
    return name.lower().endswith(".zip")


def _is_tar_name(name: str) -> bool:
    return name.lower().endswith((".tgz", ".tar.gz", ".tar"))


def _display(name: str) -> str:
    """A name as shown in messages: control characters (NUL, newlines, escapes) made visible."""
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in name)


def _index_zip_file(path: Path, source: ExportSource, budget: _Budget, prefix: str,
                    depth: int) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:  # zipfile raises many kinds for a damaged archive
        if depth == 0:
            raise UnreadableArchiveError(Msg("{path}: {message}", path=path, message=Msg(
                "not a readable zip archive ({error}); it may be incomplete or damaged",
                error=error_text(exc)))) from exc
        source.problems.append(Problem(str(path), Msg("not a readable zip archive ({error})",
                                                      error=error_text(exc))))
        return
    source._closers.append(zf.close)
    _index_zipfile(zf, str(path), source, budget, prefix, depth)


_SUPPORTED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                      zipfile.ZIP_LZMA)


def _index_zipfile(zf: zipfile.ZipFile, container: str, source: ExportSource, budget: _Budget,
                   prefix: str, depth: int) -> None:
    seen: set[str] = set()
    for info in zf.infolist():
        shown = _display(_member_name(info))
        where = f"{container}: {shown}"
        unsafe = _unsafe_name_reason(info)
        if unsafe:
            source.problems.append(Problem(where, unsafe))
            continue
        name = _normalized(_member_name(info))
        if info.is_dir() or name.endswith("/"):
            continue
        name = name.rstrip("/")
        if not name:
            source.problems.append(Problem(where, Msg("empty file name; refused")))
            continue
        if name in seen:
            source.problems.append(Problem(where, Msg("duplicate entry name in the archive; "
                                                      "only the first is used")))
            continue
        seen.add(name)
        if info.flag_bits & 0x1:
            source.refused["encrypted"] += 1
            source.problems.append(Problem(where, Msg("encrypted entry; cannot be read")))
            continue
        if info.compress_type not in _SUPPORTED_METHODS or info.flag_bits & 0x20:
            source.problems.append(Problem(
                where, Msg("unsupported compression method {method}",
                           method=str(info.compress_type))))
            continue
        is_archive = _is_zip_name(name)
        refusal = budget.admit(where, info.file_size, info.compress_size, archive=is_archive)
        if refusal:
            source.problems.append(Problem(where, refusal))
            continue
        logical = _join(prefix, name)
        mtime = _zip_time(info)
        opener = partial(open_member, zf, info, where)
        if is_archive:
            if depth + 1 > budget.limits.max_nesting:
                source.refused["nested_too_deep"] += 1
                source.problems.append(Problem(where, Msg("zip nested too deeply; not opened")))
                continue
            inner = _open_nested(opener, info.file_size, budget, source)
            if isinstance(inner, str):
                source.problems.append(Problem(where, Msg("not a readable zip archive ({error})",
                                                          error=inner)))
                continue
            source._closers.append(inner.close)
            _index_zipfile(inner, f"{container} > {shown}", source, budget, logical, depth + 1)
            continue
        source.entries.append(Entry(
            path=logical, size=info.file_size, container=container, mtime=mtime,
            _opener=opener))


def _member_name(info: zipfile.ZipInfo) -> str:
    """The stored name, decoded sensibly.

    `zipfile` reads names without the UTF-8 flag as cp437 (correct for old DOS/Windows
    tools) and cuts them at a NUL. Many tools write UTF-8 without setting the flag, which
    cp437 turns into mojibake ('AktivitÃ¤ten'), so a flagless name whose bytes are valid
    UTF-8 is read as UTF-8. The full name (NUL included) is kept for the safety checks.
    """
    name = info.orig_filename
    if not info.flag_bits & 0x800 and not name.isascii():
        try:
            return name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
    return name


def _normalized(name: str) -> str:
    """'/'-separated, without empty or '.' components (kept: a trailing '/' for folders)."""
    name = name.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    return "/".join(parts) + ("/" if name.endswith("/") and parts else "")


_DRIVE = re.compile(r"[A-Za-z]:")


def _unsafe_name_reason(info: zipfile.ZipInfo) -> str | None:
    unsafe = _unsafe_path_reason(_member_name(info))
    if unsafe:
        return unsafe
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return Msg("symbolic link in the archive; refused")
    return None


def _unsafe_path_reason(raw: str) -> str | None:
    if "\x00" in raw:
        return Msg("file name contains a NUL byte; refused")
    name = raw.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or _DRIVE.match(_normalized(name)):
        return Msg("absolute path in the archive; refused")
    if ".." in name.split("/"):
        return Msg("path leads outside the archive ('..'); refused")
    return None


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except ValueError:
        return None


def _open_nested(opener: Callable[[], IO[bytes]], size: int, budget: _Budget,
                 source: ExportSource) -> zipfile.ZipFile | str:
    """Open a zip stored inside a zip without writing it anywhere under its own name.

    Returns the opened zip, or why it cannot be opened.
    """
    data: BinaryIO | None = None
    try:
        with opener() as f:
            if size <= budget.limits.nested_in_memory_bytes:
                data = io.BytesIO(f.read())
            else:
                # Anonymous (already unlinked) file: nothing remains even after a crash.
                data = tempfile.TemporaryFile(dir=budget.scratch_dir)
                while chunk := f.read(CHUNK):
                    data.write(chunk)
                data.seek(0)
        inner = zipfile.ZipFile(data)
    except Exception as exc:  # a damaged inner zip must not stop the rest of the import
        if data is not None:
            data.close()
        return error_text(exc)
    source._closers.append(data.close)
    return inner


# -- tar archives (.tgz, .tar.gz, .tar) -------------------------------------------------------

# Tar headers (including pax and GNU long-name records) are read through a stream that refuses
# any single read larger than this: a header declaring a gigabyte-long "name" is hostile.
_MAX_TAR_HEADER_READ = 1024 * 1024


def _index_tar_file(path: Path, source: ExportSource, budget: _Budget, prefix: str,
                    depth: int) -> None:
    """Index a tar archive in one pass (a tar has no table of contents).

    A `.tgz` is inflated once, saving checkpoints so that members can be read later without
    unpacking anything to disk. An archive that ends early (an incomplete download) keeps
    the members that are complete and names what is missing.
    """
    container = str(path)
    try:
        gzipped = _is_gzip(path)
        index = GzipIndex(path) if gzipped else None
        if index is not None:
            source._closers.append(index.close)
        stream: InflateStream | PlainStream = (
            InflateStream(index, record=True, max_read=_MAX_TAR_HEADER_READ)
            if index is not None else PlainStream(path, max_read=_MAX_TAR_HEADER_READ))
    except OSError as exc:
        _unreadable_tar(path, depth, source, error_text(exc), exc)
        return
    found: list[tuple[Entry, int]] = []  # entry, data offset
    unchecked: tuple[Entry, int] | None = None  # the last member and where its data started
    seen: set[str] = set()
    damage: str | None = None
    with stream:
        try:
            tar = tarfile.open(fileobj=stream, mode="r:")
        except (tarfile.TarError, OSError) as exc:
            _unreadable_tar(path, depth, source, error_text(exc), exc)
            return
        try:
            while True:
                info = tar.next()
                # Keep memory flat for archives of a million files (tarfile lists every member).
                tar.members.clear()  # type: ignore[attr-defined]
                if unchecked is not None:
                    # Passing over the last member's data told how well it compressed.
                    refusal = budget.ratio_refusal(unchecked[0].size,
                                                   stream.compressed_pos - unchecked[1])
                    if refusal:
                        found.pop()
                        source.problems.append(Problem(unchecked[0].where, refusal))
                    unchecked = None
                if info is None:
                    damage = _tar_end_damage(stream, tar.offset)
                    break
                entry = _tar_entry(info, path, index, container, prefix, seen, budget, source)
                if entry is not None:
                    found.append((entry, info.offset_data))
                    unchecked = (entry, stream.compressed_pos)
        except TruncatedError:
            damage = _ENDS_EARLY
        except OversizedReadError as exc:
            damage = message_of(exc)
        except tarfile.ReadError as exc:
            damage = _ENDS_EARLY if "unexpected end" in str(exc) else (
                Msg("the archive is damaged ({error})", error=error_text(exc)))
        except (tarfile.TarError, OSError, ValueError, UnicodeError) as exc:
            damage = Msg("the archive is damaged ({error})", error=error_text(exc))
        reached = stream.tell()
    entries = [e for e, offset in found if offset + e.size <= reached or damage is None]
    if damage is not None:
        kept = (Msg("files after '{name}' are missing", name=_display(entries[-1].path))
                if entries else Msg("none of its files could be read"))
        source.problems.append(Problem(
            container, Msg("{damage}: {kept}. Download this part again to get them",
                           damage=damage, kept=kept)))
    for entry in entries:
        if _is_zip_name(entry.name):
            _index_nested_zip_entry(entry, source, budget, depth)
        else:
            source.entries.append(entry)


_ENDS_EARLY = Msg("the archive ends early (the download is incomplete)")


def _unreadable_tar(path: Path, depth: int, source: ExportSource, reason: str,
                    cause: BaseException) -> None:
    """Raise for an archive the user gave; report one found inside a folder and go on."""
    message = Msg("not a readable tar archive ({reason}); it may be incomplete or damaged",
                  reason=reason)
    if depth == 0:
        raise UnreadableArchiveError(Msg("{path}: {message}", path=path,
                                         message=message)) from cause
    source.problems.append(Problem(str(path), message))


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(2) == b"\x1f\x8b"


def _tar_entry(info: tarfile.TarInfo, path: Path, index: GzipIndex | None, container: str,
               prefix: str, seen: set[str], budget: _Budget,
               source: ExportSource) -> Entry | None:
    raw = info.name
    where = f"{container}: {_display(raw)}"
    refusal = _unsafe_path_reason(raw) or _tar_type_refusal(info)
    if refusal is not None:
        source.problems.append(Problem(where, refusal))
        return None
    if info.isdir():
        return None
    name = _normalized(raw).rstrip("/")
    if not name:
        source.problems.append(Problem(where, Msg("empty file name; refused")))
        return None
    if name in seen:
        source.problems.append(Problem(where, Msg("duplicate entry name in the archive; "
                                                  "only the first is used")))
        return None
    seen.add(name)
    refusal = budget.admit(where, info.size, None, archive=_is_zip_name(name))
    if refusal:
        source.problems.append(Problem(where, refusal))
        return None
    try:
        mtime: datetime | None = datetime.fromtimestamp(info.mtime, UTC)
    except (OverflowError, OSError, ValueError):
        mtime = None
    return Entry(path=_join(prefix, name), size=info.size, container=container, mtime=mtime,
                 _opener=partial(_open_tar_member, path, index, info.offset_data, info.size,
                                 where))


def _tar_type_refusal(info: tarfile.TarInfo) -> str | None:
    if info.issym():
        return Msg("symbolic link in the archive; refused")
    if info.islnk():
        return Msg("hard link in the archive; refused")
    if info.ischr() or info.isblk() or info.isfifo():
        return Msg("device or special file in the archive; refused")
    if info.issparse():
        return Msg("sparse file in the archive; not supported")
    if not (info.isreg() or info.isdir()):
        return Msg("not a regular file; refused")
    return None


def _tar_end_damage(stream: InflateStream | PlainStream, offset: int) -> str | None:
    """A tar ends with two zero blocks; without them the archive was cut short."""
    stream.seek(offset)
    end = stream.read(1024)
    if len(end) < 1024:
        return _ENDS_EARLY
    if end.strip(b"\x00"):
        return Msg("the archive is damaged (unreadable data where a file should start)")
    return None


def _index_nested_zip_entry(entry: Entry, source: ExportSource, budget: _Budget,
                            depth: int) -> None:
    if depth + 1 > budget.limits.max_nesting:
        source.refused["nested_too_deep"] += 1
        source.problems.append(Problem(entry.where, Msg("zip nested too deeply; not opened")))
        return
    inner = _open_nested(entry.open, entry.size, budget, source)
    if isinstance(inner, str):
        source.problems.append(Problem(entry.where, Msg("not a readable zip archive ({error})",
                                                        error=inner)))
        return
    source._closers.append(inner.close)
    _index_zipfile(inner, entry.where.replace(": ", " > ", 1), source, budget, entry.path,
                   depth + 1)


def _open_tar_member(path: Path, index: GzipIndex | None, offset: int, size: int,
                     where: str) -> IO[bytes]:
    return io.BufferedReader(_TarMemberReader(path, index, offset, size, where),
                             buffer_size=64 * 1024)


class _TarMemberReader(SeekableReader):
    """One tar member's bytes: never more than its header declares, an error if fewer."""

    def __init__(self, path: Path, index: GzipIndex | None, offset: int, size: int,
                 where: str) -> None:
        super().__init__()
        self._where = where
        self._offset = offset
        self._size = size
        self._index = index
        self._broken = False
        try:
            self._stream: InflateStream | PlainStream = (
                index.acquire(offset) if index is not None else PlainStream(path))
        except OSError as exc:
            raise EntryReadError(Msg("{where}: cannot be read ({error})", where=where,
                                     error=error_text(exc))) from exc
        self._pos = 0
        self.seek(0)

    def readinto(self, buffer: Any) -> int:
        if self.closed:
            raise ValueError("read from a closed entry")
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._size - self._pos, CHUNK)
        if want <= 0:
            return 0
        try:
            out = self._stream.read(want)
        except OSError as exc:
            self._broken = True
            raise EntryReadError(Msg("{where}: damaged data in the archive ({error})",
                                     where=self._where, error=error_text(exc))) from exc
        if not out:
            raise EntryReadError(Msg(
                "{where}: data ends after {pos} of the {size} bytes its header declares "
                "(damaged or incomplete archive)", where=self._where, pos=self._pos,
                size=self._size))
        view[:len(out)] = out
        self._pos += len(out)
        return len(out)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        target = min(max(base + offset, 0), self._size)
        try:
            reached = self._stream.seek(self._offset + target)
        except OSError as exc:
            self._broken = True
            raise EntryReadError(Msg("{where}: damaged data in the archive ({error})",
                                     where=self._where, error=error_text(exc))) from exc
        self._pos = reached - self._offset
        return self._pos

    def close(self) -> None:
        if not self.closed:
            if (self._index is not None and isinstance(self._stream, InflateStream)
                    and not self._broken):
                self._index.release(self._stream)  # warm for the next member
            else:
                self._stream.close()
        super().close()


def explain_nothing_found(source: ExportSource) -> str | None:
    """Why an export holds nothing an importer can use, when the reading itself says why."""
    if source.refused["encrypted"] and not source.entries:
        return Msg("every file in it is encrypted (password-protected), so none can be "
                   "read. Vendors do not encrypt their downloads: import the original "
                   "download, or unpack this archive with its password and import the folder")
    if source.refused["nested_too_deep"]:
        return Msg("the export is packed in zips nested inside each other more than {n} "
                   "levels deep, which this app does not open. Unpack the outer zips and "
                   "import the innermost export (or its folder)", n=Limits().max_nesting)
    return None
