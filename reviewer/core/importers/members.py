"""Reading one archive member's bytes safely: the zip member decoder, and the reader shape
it shares with tar members.

`open_member` decompresses a zip member in bounded steps (never more than `CHUNK` at once,
whatever the header claims), checks its size and CRC, and turns every way damaged or hostile
data can fail into `EntryReadError` naming the member. Split from `source.py`, which indexes
exports and applies the safety rules; this module only reads bytes.
"""

from __future__ import annotations

import bz2
import copy
import io
import lzma
import zipfile
import zlib
from typing import IO, Any

from reviewer.core.messages import Msg, message_of


class EntryReadError(OSError, zipfile.BadZipFile):
    """One entry cannot be read (damaged data, or a header that lies about its size).

    An OSError, so that code reading entries handles it like any other read failure, and a
    BadZipFile for code written against `zipfile`'s own errors. The message names the entry.
    """


# What zipfile and the operating system say most often about a damaged or unreadable export,
# as messages (a window says them in its language); any other text is shown as it is.
_KNOWN_ERRORS = {
    "File is not a zip file": Msg("File is not a zip file"),
    "Truncated file header": Msg("Truncated file header"),
    "Bad magic number for file header": Msg("Bad magic number for file header"),
    "Bad magic number for central directory": Msg("Bad magic number for central directory"),
    "Permission denied": Msg("Permission denied"),
    "No such file or directory": Msg("No such file or directory"),
    "Input/output error": Msg("Input/output error"),
}


def error_text(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else message_of(exc)
    return _KNOWN_ERRORS.get(text, text) or type(exc).__name__


class SeekableReader(io.RawIOBase):
    """What both member readers (zip and tar) are to `io.BufferedReader`."""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True


# -- reading zip members -------------------------------------------------------------------

# Largest piece decompressed at a time: bounds memory whatever the archive claims or holds.
CHUNK = 256 * 1024


class _Decoder:
    """Decompresses in bounded steps: `pull(n)` returns at most n bytes (b'' = needs input)."""

    @property
    def finished(self) -> bool:
        """The compressed stream has ended (anything after it is ignored, as zipfile does)."""
        return False

    def feed(self, data: bytes) -> None:
        raise NotImplementedError

    def pull(self, n: int) -> bytes:
        raise NotImplementedError


class _StoredDecoder(_Decoder):
    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> None:
        self._buf += data

    def pull(self, n: int) -> bytes:
        out, self._buf = self._buf[:n], self._buf[n:]
        return out


class _DeflateDecoder(_Decoder):
    def __init__(self) -> None:
        self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        self._tail = b""

    @property
    def finished(self) -> bool:
        return self._d.eof

    def feed(self, data: bytes) -> None:
        self._tail += data

    def pull(self, n: int) -> bytes:
        if self._d.eof:
            return b""
        out = self._d.decompress(self._tail, n)
        self._tail = self._d.unconsumed_tail
        return out


class _StreamDecoder(_Decoder):
    """bzip2 / LZMA: the decompressor keeps unconsumed input itself."""

    def __init__(self, d: bz2.BZ2Decompressor | lzma.LZMADecompressor | None) -> None:
        self._d = d
        self._in = b""

    @property
    def finished(self) -> bool:
        return self._d is not None and self._d.eof

    def feed(self, data: bytes) -> None:
        self._in += data

    def pull(self, n: int) -> bytes:
        if self._d is None or self._d.eof:
            return b""
        data, self._in = self._in, b""
        return self._d.decompress(data, n)


class _LzmaDecoder(_StreamDecoder):
    """LZMA as stored in zips: 2 bytes version, 2 bytes properties size, properties, data."""

    def __init__(self, file_size: int) -> None:
        super().__init__(None)
        self._header = b""
        self._file_size = file_size

    def feed(self, data: bytes) -> None:
        if self._d is not None:
            super().feed(data)
            return
        self._header += data
        if len(self._header) < 4:
            return
        size = int.from_bytes(self._header[2:4], "little")
        if size != 5:
            raise lzma.LZMAError("unsupported LZMA properties")
        if len(self._header) < 4 + size:
            return
        props = self._header[4:9]
        lc_lp_pb, dict_size = props[0], int.from_bytes(props[1:5], "little")
        # A valid stream never looks further back than what it has produced, so a dictionary
        # larger than the declared size is never needed (and a hostile 4 GB one never built).
        dict_size = max(4096, min(dict_size, self._file_size))
        filters: list[dict[str, Any]] = [{
            "id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc_lp_pb % 9,
            "lp": (lc_lp_pb // 9) % 5, "pb": lc_lp_pb // 45}]
        self._d = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)
        rest, self._header = self._header[9:], b""
        super().feed(rest)


def _decoder_for(method: int, file_size: int) -> _Decoder:
    if method == zipfile.ZIP_STORED:
        return _StoredDecoder()
    if method == zipfile.ZIP_DEFLATED:
        return _DeflateDecoder()
    if method == zipfile.ZIP_BZIP2:
        return _StreamDecoder(bz2.BZ2Decompressor())
    if method == zipfile.ZIP_LZMA:
        return _LzmaDecoder(file_size)
    raise NotImplementedError(f"compression method {method}")


# What decoding a damaged or hostile member can raise; turned into EntryReadError.
_DATA_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, OSError, ValueError,
                NotImplementedError, RuntimeError)


def open_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> IO[bytes]:
    return io.BufferedReader(_MemberReader(zf, info, where), buffer_size=64 * 1024)


class _MemberReader(SeekableReader):
    """A zip member's bytes, decompressed here in bounded steps and never past `file_size`.

    `zipfile` is only asked for the member's raw (compressed) bytes, through a copy of its
    ZipInfo that says 'stored', so `zipfile` still checks the local header and keeps reads
    of a shared archive file in order. More data than declared, less data than declared, or
    a wrong CRC raise EntryReadError. Seeking backwards restarts from the beginning.
    """

    def __init__(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> None:
        super().__init__()
        self._zf = zf
        self._info = info
        self._where = where
        self._raw: IO[bytes] | None = None
        self._restart()

    def _fail(self, what: str) -> EntryReadError:
        return EntryReadError(Msg("{where}: {what}", where=self._where, what=what))

    def _restart(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        raw_info = copy.copy(self._info)
        raw_info.compress_type = zipfile.ZIP_STORED
        raw_info.file_size = self._info.compress_size
        if hasattr(raw_info, "CRC"):
            del raw_info.CRC  # the CRC is of the decompressed data; checked here instead
        try:
            self._raw = self._zf.open(raw_info)
            self._decoder = _decoder_for(self._info.compress_type, self._info.file_size)
        except _DATA_ERRORS as exc:
            raise self._fail(Msg("cannot be read ({error})", error=error_text(exc))) from exc
        self._pos = 0
        self._crc = 0
        self._verified = False

    def _next(self, n: int) -> bytes:
        """Up to n decompressed bytes; b'' when the data has run out."""
        assert self._raw is not None
        try:
            while True:
                out = self._decoder.pull(n)
                if out or self._decoder.finished:
                    return out
                chunk = self._raw.read(CHUNK)
                if not chunk:
                    return b""
                self._decoder.feed(chunk)
        except _DATA_ERRORS as exc:
            raise self._fail(Msg("damaged data in the archive ({error})",
                                 error=error_text(exc))) from exc

    def _advance(self, n: int) -> bytes:
        """The next at most n (> 0) bytes before the declared end; checks the end when reached."""
        left = self._info.file_size - self._pos
        if left <= 0:
            self._verify()
            return b""
        out = self._next(min(n, left, CHUNK))
        if not out:
            raise self._fail(Msg("data ends after {pos} of the {size} bytes its header "
                                 "declares (damaged archive)", pos=self._pos,
                                 size=self._info.file_size))
        self._pos += len(out)
        self._crc = zlib.crc32(out, self._crc)
        if self._pos == self._info.file_size:
            self._verify()
        return out

    def _verify(self) -> None:
        if self._verified:
            return
        if self._next(1):
            raise self._fail(Msg("holds more data than the {size} bytes its header declares "
                                 "(damaged archive or zip bomb); refused",
                                 size=self._info.file_size))
        if self._crc != self._info.CRC:
            raise self._fail(Msg("checksum (CRC) mismatch: the data is damaged"))
        self._verified = True

    # -- io.RawIOBase ----------------------------------------------------------------------

    def readinto(self, buffer: Any) -> int:
        if self.closed:
            raise ValueError("read from a closed entry")
        view = memoryview(buffer).cast("B")
        if len(view) == 0:
            return 0
        out = self._advance(len(view))
        view[:len(out)] = out
        return len(out)

    def readall(self) -> bytes:
        parts = []
        while out := self._advance(CHUNK):
            parts.append(out)
        return b"".join(parts)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if self.closed:
            raise ValueError("seek on a closed entry")
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._info.file_size}
        target = base[whence] + offset
        if target < 0:
            raise ValueError(f"negative seek position {target}")
        target = min(target, self._info.file_size)
        if target < self._pos:
            self._restart()
        while self._pos < target:
            self._advance(target - self._pos)
        return self._pos

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        super().close()
