"""The cleaned copy of an export zip: members copied with their compressed bytes as they
are, from zips written every way exports are (streamed with data descriptors, zip64, mixed
methods, UTF-8 names), and the recompressing fallback giving the same content."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from reviewer.core.deletion import zipclean
from reviewer.core.deletion.zipclean import write_clean_copy

NAMES = ["Takeout/Meine Aktivitäten/Sprache/2024-03-01.mp3", "a/b.wav", "c.json", "d.bin",
         "e.ogg"]
METHODS = [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
           zipfile.ZIP_DEFLATED]


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek in, so it writes data descriptors (as streamed
    downloads are made)."""

    def __init__(self, sink: io.BufferedWriter) -> None:
        self.sink = sink

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        return self.sink.write(b)


def _build(path: Path, how: str) -> dict[str, bytes]:
    contents = {n: (os.urandom(3000) if i % 2 else b"speech " * 500)
                for i, n in enumerate(NAMES)}
    with open(path, "wb") as fh:
        target: object = _Unseekable(fh) if how == "streamed" else fh
        with zipfile.ZipFile(target, "w") as z:  # type: ignore[arg-type]
            for (name, data), method in zip(contents.items(), METHODS, strict=True):
                info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 12, 0, 0))
                info.compress_type = method
                with z.open(info, "w", force_zip64=how == "zip64") as out:
                    out.write(data)
    return contents


def _compressed(path: Path) -> dict[str, bytes]:
    """Each member's compressed bytes, read straight from the file."""
    out = {}
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        for info in z.infolist():
            f.seek(info.header_offset)
            local = f.read(30)
            n, e = struct.unpack("<HH", local[26:30])
            f.seek(info.header_offset + 30 + n + e)
            out[info.filename] = f.read(info.compress_size)
    return out


@pytest.mark.parametrize("how", ["seekable", "streamed", "zip64"])
@pytest.mark.parametrize("raw", [True, False], ids=["raw-copy", "recompress"])
def test_clean_copy_keeps_every_other_member(tmp_path: Path, how: str, raw: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    if not raw:
        monkeypatch.setattr(zipclean, "_can_copy_raw", lambda zout: False)
    copied: list[str] = []
    real_copy = zipclean._copy_compressed
    monkeypatch.setattr(zipclean, "_copy_compressed", lambda src, info, zout, new: (
        copied.append(info.filename), real_copy(src, info, zout, new)))
    src = tmp_path / "export.zip"
    contents = _build(src, how)
    if how == "streamed":
        with zipfile.ZipFile(src) as z:
            assert all(i.flag_bits & 0x08 for i in z.infolist())  # data descriptors
    dest = tmp_path / "clean.zip"
    removed = NAMES[3]
    copy = write_clean_copy(src, dest, [removed])
    assert (copy.kept, copy.removed) == (4, 1)
    with zipfile.ZipFile(dest) as z:
        assert z.testzip() is None
        assert [i.filename for i in z.infolist()] == [n for n in NAMES if n != removed]
        for name in z.namelist():
            assert z.read(name) == contents[name]
            assert z.getinfo(name).compress_type == METHODS[NAMES.index(name)]
            assert z.getinfo(name).date_time == (2024, 3, 1, 12, 0, 0)
    assert len(copied) == (4 if raw else 0)
    if raw:  # the compressed bytes themselves are the original's
        before, after = _compressed(src), _compressed(dest)
        assert after == {k: v for k, v in before.items() if k != removed}
