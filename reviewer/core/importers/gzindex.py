"""Random access into a gzip file (a `.tgz` Takeout) without unpacking it anywhere.

A tar archive has no table of contents and gzip cannot seek, so reading one member of a
`.tgz` would mean inflating everything before it, again for every member. Instead the one
pass that indexes the archive also saves the inflater's state every so often (`zlib`'s
decompressor objects can be copied: ~50 kB each); reading a member later starts from the
nearest saved state before it. Nothing is written to disk and memory stays bounded: at most
`MAX_CHECKPOINTS` states are kept, further apart for bigger archives.

Everything is decompressed in bounded steps, so a gzip bomb costs time, never memory; the
caller bounds the time through the sizes the tar headers declare.
"""

from __future__ import annotations

import io
import os
import threading
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CHUNK = 256 * 1024
_IN_PIECE = 16 * 1024
MAX_CHECKPOINTS = 1000
MIN_CHECKPOINT_SPACING = 1024 * 1024
_IDLE_STREAMS = 4
# zlib's window bits for "gzip header and trailer expected".
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class TruncatedError(OSError):
    """The compressed data ends before the gzip stream does (an incomplete download)."""


class OversizedReadError(OSError):
    """A header asked for more bytes in one read than any honest archive header needs."""


@dataclass(frozen=True)
class _Checkpoint:
    out_pos: int  # uncompressed bytes before this point
    in_pos: int  # file offset of the first compressed byte not yet given to `state`
    state: Any | None  # a zlib decompressor at that point; None: a fresh gzip member starts


class GzipIndex:
    """The saved inflater states of one gzip file, filled in by the indexing pass."""

    def __init__(self, path: Path) -> None:
        self.path = path
        size = path.stat().st_size
        self.spacing = max(MIN_CHECKPOINT_SPACING, size // MAX_CHECKPOINTS)
        self._points: list[_Checkpoint] = [_Checkpoint(0, 0, None)]
        self._keys: list[int] = [0]
        # Streams left where the last member read ended. Members are mostly read in archive
        # order, so the next one usually starts just after: reusing the stream saves
        # inflating again from the previous checkpoint.
        self._idle: list[InflateStream] = []
        self._lock = threading.Lock()

    def add(self, point: _Checkpoint) -> None:
        if point.out_pos >= self._keys[-1] + self.spacing:
            self._points.append(point)
            self._keys.append(point.out_pos)

    def before(self, out_pos: int) -> _Checkpoint:
        return self._points[bisect_right(self._keys, out_pos) - 1]

    def __len__(self) -> int:
        return len(self._points)

    def acquire(self, offset: int) -> InflateStream:
        """A stream to read from `offset` on: a warm one just before it, else a new one."""
        with self._lock:
            near = [s for s in self._idle if s.tell() <= offset < s.tell() + self.spacing]
            if near:
                best = max(near, key=lambda s: s.tell())
                self._idle.remove(best)
                return best
        return InflateStream(self)

    def release(self, stream: InflateStream) -> None:
        with self._lock:
            self._idle.append(stream)
            extra = self._idle[:-_IDLE_STREAMS]
            del self._idle[:-_IDLE_STREAMS]
        for s in extra:
            s.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for s in idle:
            s.close()


class InflateStream(io.RawIOBase):
    """The uncompressed bytes of a gzip file (one or several concatenated members), seekable.

    `record=True` is the indexing pass: it saves checkpoints into `index` as it goes and
    refuses single reads over `max_read` (tar headers are read through it, and a hostile
    extended header may declare gigabytes). Seeking backwards restarts from a checkpoint.
    """

    def __init__(self, index: GzipIndex, record: bool = False,
                 max_read: int | None = None) -> None:
        super().__init__()
        self._index = index
        self._record = record
        self._max_read = max_read
        fd = os.open(index.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._f = os.fdopen(fd, "rb")
        self._restore(index.before(0))

    @property
    def compressed_pos(self) -> int:
        """Compressed bytes consumed so far (for compression-ratio checks)."""
        return self._in_pos

    def _restore(self, point: _Checkpoint) -> None:
        self._f.seek(point.in_pos)
        self._in_pos = point.in_pos
        self._d = point.state.copy() if point.state is not None else None
        self._leftover = b""  # input past the end of the previous gzip member
        self._buf = b""
        self._off = 0
        self._produced = point.out_pos
        self._pos = point.out_pos
        self._ended = False

    def _fill(self) -> None:
        """Inflate one small piece of input into the buffer (sets `_ended` at the end).

        Input goes in pieces of `_IN_PIECE` bytes and never with zlib's `max_length`: deflate
        expands at most ~1032:1, so one piece yields at most ~17 MB, and after each call zlib
        has emitted everything for its input, which is what makes a state worth saving.
        """
        if self._d is None or self._d.eof:
            rest = self._d.unused_data if self._d is not None else b""
            rest = (rest + self._leftover) or self._read_raw()
            self._leftover = b""
            if not rest or (not rest.strip(b"\x00") and self._rest_is_zeros()):
                # Some writers pad a gzip file with NULs after its last member.
                self._ended = True
                return
            self._d = zlib.decompressobj(_GZIP_WBITS)
            piece = rest
        else:
            piece = self._leftover or self._read_raw()
            self._leftover = b""
            if not piece:
                raise TruncatedError(
                    f"the compressed data ends after {self._in_pos:,} bytes, in the middle "
                    "of the archive (incomplete download)")
        try:
            out = self._d.decompress(piece)
        except zlib.error as exc:
            raise OSError(f"damaged compressed data ({exc})") from exc
        self._produced += len(out)
        self._buf = self._buf[self._off:] + out
        self._off = 0
        if self._record and not self._d.eof and out:
            self._index.add(_Checkpoint(self._produced, self._in_pos, self._d.copy()))

    def _read_raw(self) -> bytes:
        data = self._f.read(_IN_PIECE)
        self._in_pos += len(data)
        return data

    def _rest_is_zeros(self) -> bool:
        while chunk := self._read_raw():
            if chunk.strip(b"\x00"):
                self._leftover = chunk.lstrip(b"\x00")
                return False
        return True

    def _pull(self, n: int) -> bytes:
        """Up to n (> 0) bytes; b'' at the clean end of the last gzip member."""
        while self._off >= len(self._buf) and not self._ended:
            self._fill()
        out = self._buf[self._off:self._off + n]
        self._off += len(out)
        self._pos += len(out)
        return out

    # -- io.RawIOBase ----------------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if not view or self._ended:
            return 0
        out = self._pull(min(len(view), _CHUNK))
        view[:len(out)] = out
        return len(out)

    def read(self, size: int | None = -1) -> bytes:
        """Exactly `size` bytes unless the data ends first (tarfile relies on full reads)."""
        if size is None or size < 0:
            if self._max_read is not None:
                raise OversizedReadError("an archive header asks to read everything at once")
            return self.readall()
        if self._max_read is not None and size > self._max_read:
            raise OversizedReadError(
                f"an archive header asks to read {size:,} bytes at once (more than "
                f"{self._max_read:,}); refusing")
        parts = []
        left = size
        while left > 0 and not self._ended:
            out = self._pull(min(left, _CHUNK))
            parts.append(out)
            left -= len(out)
        return b"".join(parts)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos}[whence] + offset
        if target < 0:
            raise ValueError(f"negative seek position {target}")
        if target < self._pos or (not self._record
                                  and self._index.before(target).out_pos > self._pos):
            self._restore(self._index.before(target))
        while self._pos < target and not self._ended:
            self._pull(min(target - self._pos, _CHUNK))
        return self._pos

    def close(self) -> None:
        if not self.closed:
            self._f.close()
        super().close()


class PlainStream(io.RawIOBase):
    """An uncompressed `.tar` read through the same interface (and read cap) as a `.tgz`."""

    def __init__(self, path: Path, max_read: int | None = None) -> None:
        super().__init__()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._f = os.fdopen(fd, "rb")
        self._max_read = max_read
        self.compressed_pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._f.readinto(buffer)

    def read(self, size: int | None = -1) -> bytes:
        if self._max_read is not None and (size is None or size < 0 or size > self._max_read):
            asked = "everything" if size is None or size < 0 else f"{size:,} bytes"
            raise OversizedReadError(f"an archive header asks to read {asked} at once (more "
                                     f"than {self._max_read:,} bytes); refusing")
        data = self._f.read(size)
        self.compressed_pos = self._f.tell()
        return data

    def tell(self) -> int:
        return self._f.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        pos = self._f.seek(offset, whence)
        self.compressed_pos = pos
        return pos

    def close(self) -> None:
        if not self.closed:
            self._f.close()
        super().close()
