"""The export reader treats every download as hostile: it only reads, refuses unsafe entries,
bounds what bombs and lying headers can make it allocate, and reports instead of crashing."""

from __future__ import annotations

import gc
import hashlib
import io
import os
import random
import stat
import struct
import tempfile
import tracemalloc
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.importers.records import Problem
from reviewer.core.importers.source import (
    Entry,
    EntryReadError,
    ExportError,
    ExportSource,
    Limits,
    open_export,
    sibling_parts,
)

# ---------------------------------------------------------------------------------------------
# Building archives
# ---------------------------------------------------------------------------------------------


def zip_bytes(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def write_zip(path: Path, files: dict[str, bytes],
              method: int = zipfile.ZIP_DEFLATED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files, method))
    return path


@dataclass
class Raw:
    """One hand-written zip member: every header field is whatever the test says."""

    name: bytes
    data: bytes = b""
    method: int = zipfile.ZIP_STORED
    flags: int = 0
    create_system: int = 0
    external_attr: int = 0
    file_size: int | None = None     # declared; default: the real uncompressed size
    crc: int | None = None           # default: the real CRC
    trailing: bytes = b""            # stored after the compressed stream's end

    def payload(self) -> bytes:
        if self.method == zipfile.ZIP_STORED:
            return self.data + self.trailing
        if self.method == zipfile.ZIP_DEFLATED:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            return c.compress(self.data) + c.flush() + self.trailing
        raise AssertionError(self.method)


def raw_zip(members: list[Raw]) -> bytes:
    """A zip written byte by byte (zipfile itself refuses to write most hostile things)."""
    out = bytearray()
    central = bytearray()
    for m in members:
        payload = m.payload()
        crc = zlib.crc32(m.data) if m.crc is None else m.crc
        size = len(m.data) if m.file_size is None else m.file_size
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, m.flags, m.method, 0, 0x5821,
                           crc, len(payload), size, len(m.name), 0)
        out += m.name + payload
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", (m.create_system << 8) | 20, 20,
                               m.flags, m.method, 0, 0x5821, crc, len(payload), size,
                               len(m.name), 0, 0, 0, 0, m.external_attr, offset)
        central += m.name
    cd_offset = len(out)
    out += central
    out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members),
                       len(central), cd_offset, 0)
    return bytes(out)


def declare_size(archive: bytes, name: str, file_size: int) -> bytes:
    """Make the local header and the central directory claim another uncompressed size."""
    data = bytearray(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        info = z.getinfo(name)
        struct.pack_into("<I", data, info.header_offset + 22, file_size)
        cd_offset = struct.unpack_from("<I", data, len(data) - 22 + 16)[0]
    pos = cd_offset
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<3H", data, pos + 28)
        if bytes(data[pos + 46:pos + 46 + n]) == name.encode():
            struct.pack_into("<I", data, pos + 24, file_size)
            return bytes(data)
        pos += 46 + n + m + k
    raise AssertionError(f"{name} not in the central directory")


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def paths(source: ExportSource) -> list[str]:
    return sorted(e.path for e in source.entries)


def only_problem(source: ExportSource) -> Problem:
    assert len(source.problems) == 1, source.problems
    return source.problems[0]


def read_all(source: ExportSource) -> dict[str, bytes]:
    return {e.path: e.read() for e in source.entries}


# ---------------------------------------------------------------------------------------------
# Watching what the reader does
# ---------------------------------------------------------------------------------------------


def snapshot(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every file, link and folder under root, with a hash of each file's bytes."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in dirnames + filenames:
            full = here / name
            if skip is not None and (full == skip or skip in full.parents):
                continue
            rel = full.relative_to(root).as_posix()
            if full.is_symlink():
                seen[rel] = "link:" + os.readlink(full)
            elif full.is_dir():
                seen[rel] = "dir"
            else:
                seen[rel] = hashlib.sha256(full.read_bytes()).hexdigest()
    return seen


@pytest.fixture
def zip_spy(monkeypatch: pytest.MonkeyPatch) -> list[zipfile.ZipFile]:
    """Every ZipFile the reader opens (to check they all get closed)."""
    opened: list[zipfile.ZipFile] = []
    real = zipfile.ZipFile

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if self.mode == "r":                      # not the test's own writers
                opened.append(self)

    monkeypatch.setattr(zipfile, "ZipFile", Recording)
    return opened


@dataclass
class Spooled:
    dir: object
    file: Any
    real_path: str | None


@pytest.fixture
def spool_spy(monkeypatch: pytest.MonkeyPatch) -> list[Spooled]:
    """Every temporary file the reader creates, with where it really lives."""
    made: list[Spooled] = []
    real = tempfile.TemporaryFile

    def recording(*args: Any, **kwargs: Any) -> Any:
        f = real(*args, **kwargs)
        where = None
        if Path("/proc/self/fd").is_dir():
            where = os.readlink(f"/proc/self/fd/{f.fileno()}")
        made.append(Spooled(kwargs.get("dir"), f, where))
        return f

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    return made


@pytest.fixture
def no_resource_warnings() -> Iterator[list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield caught
        gc.collect()
    leaked = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaked, [str(w.message) for w in leaked]


# ---------------------------------------------------------------------------------------------
# The export is only read
# ---------------------------------------------------------------------------------------------


def test_export_is_only_read_and_nothing_is_written_outside_scratch(
        tmp_path: Path, spool_spy: list[Spooled]) -> None:
    downloads = tmp_path / "downloads"
    alexa = zip_bytes({"Alexa/Voice/a.wav": b"RIFF" + b"\x01" * 3000,
                       "Alexa/Voice/a.json": b'{"x": 1}'})
    stamp = "takeout-20240102T030405Z"
    write_zip(downloads / f"{stamp}-001.zip", {"Takeout/archive_browser.html": b"<html/>",
                                               "Takeout/Amazon/Alexa.zip": alexa})
    write_zip(downloads / f"{stamp}-002.zip", {"Takeout/My Activity/Assistant/x.mp3": b"ID3"})
    folder = downloads / "folder-export"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "clip.wav").write_bytes(b"RIFF" + b"\x02" * 500)
    (folder / "Alexa.zip").write_bytes(alexa)
    (folder / "link.wav").symlink_to(folder / "sub" / "clip.wav")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    os.utime(downloads / f"{stamp}-001.zip", (1_000_000_000, 1_000_000_000))

    before = snapshot(tmp_path, skip=scratch)
    mtime_before = os.stat(downloads / f"{stamp}-001.zip").st_mtime_ns
    with open_export([downloads / f"{stamp}-001.zip", folder],
                     limits=Limits(nested_in_memory_bytes=100), scratch_dir=scratch) as src:
        contents = read_all(src)
        for e in src.entries:                      # and by streaming, with seeks
            with e.open() as f:
                f.seek(0, io.SEEK_END)
                f.seek(1)
                f.read(7)
                f.seek(0)
                assert f.read() == contents[e.path]
    after = snapshot(tmp_path, skip=scratch)

    assert after == before
    assert os.stat(downloads / f"{stamp}-001.zip").st_mtime_ns == mtime_before
    assert list(scratch.iterdir()) == []
    assert spool_spy and all(s.dir == scratch for s in spool_spy)   # spooling did happen
    assert contents["Takeout/Amazon/Alexa.zip/Alexa/Voice/a.json"] == b'{"x": 1}'
    assert contents["Takeout/My Activity/Assistant/x.mp3"] == b"ID3"
    assert contents["sub/clip.wav"] == b"RIFF" + b"\x02" * 500
    assert contents["Alexa.zip/Alexa/Voice/a.wav"] == b"RIFF" + b"\x01" * 3000


# ---------------------------------------------------------------------------------------------
# Hostile names
# ---------------------------------------------------------------------------------------------

HOSTILE = [
    ("../evil.txt", "../evil.txt", "outside the archive"),
    ("Takeout/../../evil.txt", "Takeout/../../evil.txt", "outside the archive"),
    ("..\\..\\evil.txt", "..\\..\\evil.txt", "outside the archive"),
    ("Takeout\\..\\..\\evil.txt", "Takeout\\..\\..\\evil.txt", "outside the archive"),
    ("/etc/passwd", "/etc/passwd", "absolute path"),
    ("C:\\Windows\\evil.dll", "C:\\Windows\\evil.dll", "absolute path"),
    ("C:/Windows/evil.dll", "C:/Windows/evil.dll", "absolute path"),
    ("c:evil.txt", "c:evil.txt", "absolute path"),
    ("\\\\server\\share\\evil.txt", "\\\\server\\share\\evil.txt", "absolute path"),
    ("\\evil.txt", "\\evil.txt", "absolute path"),
]


@pytest.mark.parametrize(("name", "shown", "reason"), HOSTILE)
def test_hostile_names_are_refused_and_reported(tmp_path: Path, name: str, shown: str,
                                                reason: str) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Takeout/ok.txt", b"fine")
        z.writestr(zipfile.ZipInfo(name), b"pwned")
        z.writestr("Takeout/after.txt", b"also fine")
    with zipfile.ZipFile(archive) as z:
        assert name in z.namelist()                   # the name really is stored as is

    with open_export([archive]) as src:
        assert paths(src) == ["Takeout/after.txt", "Takeout/ok.txt"]
        assert read_all(src) == {"Takeout/after.txt": b"also fine", "Takeout/ok.txt": b"fine"}
        problem = only_problem(src)
    assert problem.where == f"{archive}: {shown}"
    assert reason in problem.reason and "refused" in problem.reason
    assert problem.severity == "skipped"


def test_nul_in_a_name_is_refused_and_shown_visibly(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"Takeout/a.mp3\x00.txt", b"x"),
                                 Raw(b"Takeout/b.mp3", b"y")]))
    with open_export([archive]) as src:
        assert paths(src) == ["Takeout/b.mp3"]     # not "Takeout/a.mp3" (zipfile cuts at NUL)
        problem = only_problem(src)
    assert problem.where == f"{archive}: Takeout/a.mp3\\x00.txt"
    assert "NUL" in problem.reason


@pytest.mark.parametrize("target", [b"/etc/passwd", b"../../../home", b"ok.txt"])
def test_symlink_entries_are_refused(tmp_path: Path, target: bytes) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ok.txt", b"fine")
        z.writestr(symlink_info("Takeout/link.mp3"), target)
    with open_export([archive]) as src:
        assert paths(src) == ["ok.txt"]
        problem = only_problem(src)
    assert problem.where == f"{archive}: Takeout/link.mp3"
    assert problem.reason == "symbolic link in the archive; refused"


def test_unix_regular_files_with_permissions_are_not_mistaken_for_links(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    info = zipfile.ZipInfo("run.sh")
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o755) << 16
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(info, b"#!/bin/sh")
    with open_export([archive]) as src:
        assert paths(src) == ["run.sh"]
        assert src.problems == []


def test_random_names_never_produce_an_unsafe_logical_path(tmp_path: Path) -> None:
    """Property: whatever the names, an entry is either imported under a clean relative path
    or reported, never both and never neither."""
    rng = random.Random(20240102)
    parts = ["..", ".", "", "a", "Takeout", "C:", "c:x", "\\", "\\\\", "..\\", "x\x00y",
             "Ä", "~", " ", "..a", "a..", "/"]
    names: set[str] = set()
    while len(names) < 400:
        sep = rng.choice(["/", "\\"])
        names.add(sep.join(rng.choice(parts) for _ in range(rng.randint(1, 5))) + "f.bin")
    members = [Raw(n.encode(), n.encode(), flags=0x800) for n in sorted(names)]
    archive = tmp_path / "fuzz.zip"
    archive.write_bytes(raw_zip(members))

    with open_export([archive]) as src:
        imported = {e.path: e for e in src.entries}
        reported = {p.where for p in src.problems}
        for path, e in imported.items():
            segments = path.split("/")
            assert "\\" not in path and "\x00" not in path and not path.startswith("/")
            assert ".." not in segments and "." not in segments and "" not in segments
            assert not (len(path) > 1 and path[1] == ":")
            assert e.read().replace(b"\\", b"/").endswith(b"f.bin")
    assert len(imported) + len(src.problems) == len(names)
    assert len(reported) == len(src.problems)
    assert len(imported) > 50 and len(src.problems) > 50     # both branches were exercised


# ---------------------------------------------------------------------------------------------
# Folder exports
# ---------------------------------------------------------------------------------------------


def test_symlinks_in_a_folder_export_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"secret")
    export = tmp_path / "export"
    (export / "Voice" / "inner").mkdir(parents=True)
    (export / "Voice" / "a.wav").write_bytes(b"RIFFa")
    (export / "Voice" / "inner" / "b.wav").write_bytes(b"RIFFb")
    (export / "Voice" / "to-file.wav").symlink_to(export / "Voice" / "a.wav")
    (export / "Voice" / "to-folder").symlink_to(export / "Voice" / "inner")
    (export / "out-file.txt").symlink_to(outside / "secret.txt")
    (export / "out-folder").symlink_to(outside)
    (export / "broken.wav").symlink_to(tmp_path / "nowhere")

    with open_export([export]) as src:
        assert paths(src) == ["Voice/a.wav", "Voice/inner/b.wav"]
        assert all(b"secret" not in d for d in read_all(src).values())
        problems = sorted((p.where, p.reason) for p in src.problems)
    assert problems == [
        (f"{export}: Voice/to-file.wav", "symbolic link; not followed"),
        (f"{export}: Voice/to-folder", "symbolic link to a folder; not followed"),
        (f"{export}: broken.wav", "symbolic link; not followed"),
        (f"{export}: out-file.txt", "symbolic link; not followed"),
        (f"{export}: out-folder", "symbolic link to a folder; not followed"),
    ]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW")
def test_a_file_swapped_for_a_link_after_indexing_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_bytes(b"secret")
    export = tmp_path / "export"
    export.mkdir()
    (export / "a.wav").write_bytes(b"RIFF")
    with open_export([export]) as src:
        (export / "a.wav").unlink()
        (export / "a.wav").symlink_to(tmp_path / "secret.txt")
        with pytest.raises(OSError):
            src.entries[0].read()


def test_zips_inside_a_folder_export_are_opened_and_broken_ones_reported(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_zip(export / "Alexa.zip", {"Voice/a.json": b"[]"})
    (export / "Broken.zip").write_bytes(zip_bytes({"x.txt": random.randbytes(500)})[:200])
    (export / "notes.txt").write_bytes(b"hi")
    with open_export([export]) as src:
        assert read_all(src) == {"Alexa.zip/Voice/a.json": b"[]", "notes.txt": b"hi"}
        problem = only_problem(src)
    assert problem.where == str(export / "Broken.zip")
    assert problem.reason.startswith("not a readable zip archive")


# ---------------------------------------------------------------------------------------------
# Zip bombs and lying headers
# ---------------------------------------------------------------------------------------------

SMALL = Limits(max_total_bytes=50 * 1024**2, max_entry_bytes=20 * 1024**2, max_ratio=100,
               ratio_floor_bytes=256 * 1024, max_nesting=3, nested_in_memory_bytes=1024**2)


def test_high_compression_ratio_is_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "export.zip", {
        "bomb.json": b"\0" * (2 * 1024**2),          # ~1000:1, above the floor
        "tiny-zeros.bin": b"\0" * (100 * 1024),      # also ~1000:1, but below the floor
        "audio.mp3": random.Random(1).randbytes(300 * 1024),
    })
    with open_export([archive], limits=SMALL) as src:
        assert paths(src) == ["audio.mp3", "tiny-zeros.bin"]
        problem = only_problem(src)
    assert problem.where == f"{archive}: bomb.json"
    assert "zip bomb" in problem.reason and "above the 100:1 limit" in problem.reason


def test_an_entry_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    data = random.Random(2).randbytes(2000)
    archive = write_zip(tmp_path / "export.zip", {"big.bin": data, "small.bin": data[:10]},
                        zipfile.ZIP_STORED)
    with open_export([archive], limits=Limits(max_entry_bytes=1000)) as src:
        assert paths(src) == ["small.bin"]
        problem = only_problem(src)
    assert problem.where == f"{archive}: big.bin"
    assert problem.reason == "2 kB uncompressed is more than the 1000 bytes limit"


def test_total_declared_size_over_the_limit_raises(
        tmp_path: Path, zip_spy: list[zipfile.ZipFile]) -> None:
    data = random.Random(3).randbytes(4000)
    archive = write_zip(tmp_path / "export.zip", {f"f{i}.bin": data for i in range(3)},
                        zipfile.ZIP_STORED)
    with pytest.raises(ExportError) as raised:
        open_export([archive], limits=Limits(max_total_bytes=10_000))
    message = str(raised.value)
    assert message.startswith(f"{archive}: f2.bin: the export would unpack to more than ")
    assert "zip bomb" in message
    assert zip_spy and all(z.fp is None for z in zip_spy)        # closed on the way out


def test_total_limit_counts_the_files_of_every_part_and_nested_zip(tmp_path: Path) -> None:
    data = random.Random(4).randbytes(3000)
    write_zip(tmp_path / "t-001.zip", {"a.bin": data}, zipfile.ZIP_STORED)
    write_zip(tmp_path / "t-002.zip", {"Alexa.zip": zip_bytes({"b.bin": data},
                                                              zipfile.ZIP_STORED)},
              zipfile.ZIP_STORED)
    # 6000 bytes of files in all; the nested zip itself is a container, not counted twice.
    with pytest.raises(ExportError, match="zip bomb"):
        open_export([tmp_path / "t-001.zip"], limits=Limits(max_total_bytes=5999))
    with open_export([tmp_path / "t-001.zip"], limits=Limits(max_total_bytes=6000)) as src:
        assert paths(src) == ["Alexa.zip/b.bin", "a.bin"]


def test_a_nested_zip_larger_than_the_per_file_limit_is_still_opened(tmp_path: Path) -> None:
    inner = zip_bytes({f"f{i}.bin": random.Random(i).randbytes(3000) for i in range(3)},
                      zipfile.ZIP_STORED)
    write_zip(tmp_path / "dl.zip", {"Alexa.zip": inner}, zipfile.ZIP_STORED)
    with open_export([tmp_path / "dl.zip"], limits=Limits(max_entry_bytes=5000)) as src:
        assert paths(src) == ["Alexa.zip/f0.bin", "Alexa.zip/f1.bin", "Alexa.zip/f2.bin"]


ZEROS = 8 * 1024**2
DECLARED = 1000


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                    zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_header_that_understates_the_size_cannot_make_reading_allocate_more(
        tmp_path: Path, method: int) -> None:
    archive = tmp_path / "export.zip"
    honest = zip_bytes({"bomb.bin": b"\0" * ZEROS, "ok.txt": b"fine"}, method)
    archive.write_bytes(declare_size(honest, "bomb.bin", DECLARED))
    with zipfile.ZipFile(archive) as z:
        assert z.getinfo("bomb.bin").file_size == DECLARED

    with open_export([archive], limits=Limits(ratio_floor_bytes=1024**2)) as src:
        assert src.problems == []                     # the lie cannot be seen from the headers
        bomb = src.by_path()["bomb.bin"]
        assert bomb.size == DECLARED
        assert src.by_path()["ok.txt"].read() == b"fine"

        tracemalloc.start()
        try:
            with pytest.raises(EntryReadError) as raised:
                bomb.read()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 2 * 1024**2, peak               # zipfile alone peaks at ~2x ZEROS here
        assert str(raised.value) == (
            f"{archive}: bomb.bin: holds more data than the 1,000 bytes its header declares "
            "(damaged archive or zip bomb); refused")
        assert isinstance(raised.value, OSError)
        assert isinstance(raised.value, zipfile.BadZipFile)

        # Streaming never yields more than declared either.
        got = 0
        with bomb.open() as f, pytest.raises(EntryReadError):
            while chunk := f.read(300):
                got += len(chunk)
                assert got <= DECLARED
        # Reaching the declared end (here at once, through read-ahead) checks that the data
        # ends there, as zipfile's own CRC check does.
        with pytest.raises(EntryReadError):
            bomb.read(DECLARED)


def test_a_header_that_overstates_the_size_is_an_error(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(declare_size(zip_bytes({"a.bin": b"x" * 100}), "a.bin", 10_000))
    with open_export([archive]) as src, pytest.raises(EntryReadError) as raised:
        src.entries[0].read()
    assert str(raised.value) == (f"{archive}: a.bin: data ends after 100 of the 10,000 bytes "
                                 "its header declares (damaged archive)")


def test_data_after_the_end_of_a_deflate_stream_is_not_buffered(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"a.json", b"[1, 2]", method=zipfile.ZIP_DEFLATED,
                                     trailing=b"\xaa" * (4 * 1024**2))]))
    with open_export([archive]) as src:
        tracemalloc.start()
        try:
            assert src.entries[0].read() == b"[1, 2]"
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 1024**2, peak


def test_a_wrong_checksum_is_an_error(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"a.bin", b"hello", crc=12345)]))
    with open_export([archive]) as src, pytest.raises(EntryReadError) as raised:
        src.entries[0].read()
    assert str(raised.value) == f"{archive}: a.bin: checksum (CRC) mismatch: the data is damaged"


def test_damaged_deflate_data_is_a_read_error_naming_the_entry(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    good = Raw(b"good.txt", b"fine", method=zipfile.ZIP_DEFLATED)
    bad = Raw(b"bad.json", b"", method=zipfile.ZIP_DEFLATED, file_size=50)
    data = raw_zip([good, bad]).replace(b"bad.json\x03\x00", b"bad.json\xff\xff")
    archive.write_bytes(data)
    with open_export([archive]) as src:
        assert src.by_path()["good.txt"].read() == b"fine"
        with pytest.raises(EntryReadError, match=r"bad\.json: damaged data in the archive"):
            src.by_path()["bad.json"].read()


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                    zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_honest_entries_read_back_exactly_with_any_method(tmp_path: Path, method: int) -> None:
    rng = random.Random(method)
    files = {"empty.bin": b"", "one.bin": b"1", "text.json": b'{"a": "b"}' * 5000,
             "noise.mp3": rng.randbytes(700_000)}
    archive = write_zip(tmp_path / "export.zip", files, method)
    with open_export([archive]) as src:
        assert read_all(src) == files
        noise = src.by_path()["noise.mp3"]
        with noise.open() as f:
            assert f.seekable()
            f.seek(600_000)
            assert f.read(10) == files["noise.mp3"][600_000:600_010]
            f.seek(-5, io.SEEK_END)
            assert f.read() == files["noise.mp3"][-5:]
            f.seek(3)
            assert f.tell() == 3
            assert f.read(4) == files["noise.mp3"][3:7]
        assert noise.read(5) == files["noise.mp3"][:5]


# ---------------------------------------------------------------------------------------------
# Nested zips
# ---------------------------------------------------------------------------------------------


def test_nested_zips_appear_as_folders(tmp_path: Path) -> None:
    alexa = zip_bytes({"Alexa/Voice History/2024/a.wav": b"RIFFa",
                       "Alexa/Voice History/transcripts.csv": b"t"})
    archive = write_zip(tmp_path / "download.zip", {"Alexa.zip": alexa, "readme.txt": b"r"})
    with open_export([archive]) as src:
        assert read_all(src) == {"Alexa.zip/Alexa/Voice History/2024/a.wav": b"RIFFa",
                                 "Alexa.zip/Alexa/Voice History/transcripts.csv": b"t",
                                 "readme.txt": b"r"}
        wav = src.by_path()["Alexa.zip/Alexa/Voice History/2024/a.wav"]
        assert (wav.name, wav.parent) == ("a.wav", "Alexa.zip/Alexa/Voice History/2024")
        assert wav.container == f"{archive} > Alexa.zip"
        assert src.problems == []


def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    level3 = zip_bytes({"c.txt": b"c"})
    level2 = zip_bytes({"b.txt": b"b", "l3.zip": level3})
    level1 = zip_bytes({"a.txt": b"a", "l2.zip": level2})
    archive = write_zip(tmp_path / "download.zip", {"top.txt": b"t", "l1.zip": level1})
    with open_export([archive], limits=Limits(max_nesting=2)) as src:
        assert paths(src) == ["l1.zip/a.txt", "l1.zip/l2.zip/b.txt", "top.txt"]
        problem = only_problem(src)
    assert problem.where == f"{archive} > l1.zip > l2.zip: l3.zip"
    assert problem.reason == "zip nested too deeply; not opened"
    with open_export([archive], limits=Limits(max_nesting=3)) as src:
        assert "l1.zip/l2.zip/l3.zip/c.txt" in paths(src)


def test_a_zip_bomb_made_of_nested_zips_stops_at_the_nesting_limit(tmp_path: Path) -> None:
    inner = zip_bytes({"x.bin": b"x"})
    for level in range(30):
        inner = zip_bytes({f"{level}.zip": inner, f"{level}.txt": b"t"})
    archive = tmp_path / "deep.zip"
    archive.write_bytes(inner)
    with open_export([archive]) as src:
        assert len(src.entries) == 4
        assert [p.reason for p in src.problems] == ["zip nested too deeply; not opened"]


def test_a_corrupt_nested_zip_is_reported_and_the_rest_imports(tmp_path: Path) -> None:
    good = zip_bytes({"a.json": b"[]"})
    archive = tmp_path / "download.zip"
    archive.write_bytes(raw_zip([
        Raw(b"Garbage.zip", b"PK\x03\x04 this is not a zip"),
        Raw(b"Truncated.zip", zip_bytes({"x.txt": random.randbytes(1000)})[:300]),
        Raw(b"Damaged.zip", b"", method=zipfile.ZIP_DEFLATED, file_size=len(good)),
        Raw(b"Alexa.zip", good, method=zipfile.ZIP_DEFLATED),
        Raw(b"readme.txt", b"r"),
    ]).replace(b"Damaged.zip\x03\x00", b"Damaged.zip\xfe\xff"))
    with open_export([archive]) as src:
        assert read_all(src) == {"Alexa.zip/a.json": b"[]", "readme.txt": b"r"}
        problems = {p.where: p.reason for p in src.problems}
    assert set(problems) == {f"{archive}: Garbage.zip", f"{archive}: Truncated.zip",
                             f"{archive}: Damaged.zip"}
    assert all(r.startswith("not a readable zip archive (") for r in problems.values())
    assert "damaged data" in problems[f"{archive}: Damaged.zip"]


def test_a_large_nested_zip_is_spooled_only_into_scratch_and_cleaned_up(
        tmp_path: Path, spool_spy: list[Spooled], zip_spy: list[zipfile.ZipFile],
        no_resource_warnings: list[warnings.WarningMessage]) -> None:
    payload = random.Random(5).randbytes(5000)
    alexa = zip_bytes({"Voice/a.wav": payload, "Voice/b.wav": payload[::-1]})
    archive = write_zip(tmp_path / "in" / "download.zip", {"Alexa.zip": alexa,
                                                           "small.zip": zip_bytes({"s": b"s"})})
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    before = snapshot(tmp_path, skip=scratch)

    src = open_export([archive], limits=Limits(nested_in_memory_bytes=1000),
                      scratch_dir=scratch)
    with src:
        assert len(spool_spy) == 1                    # only Alexa.zip is over the limit
        spooled = spool_spy[0]
        assert spooled.dir == scratch
        if spooled.real_path is not None:
            assert spooled.real_path.startswith(str(scratch) + os.sep)
        assert list(scratch.iterdir()) == []          # anonymous: no name on disk
        assert read_all(src) == {"Alexa.zip/Voice/a.wav": payload,
                                 "Alexa.zip/Voice/b.wav": payload[::-1], "small.zip/s": b"s"}
    assert spooled.file.closed
    assert len(zip_spy) == 3 and all(z.fp is None for z in zip_spy)
    assert list(scratch.iterdir()) == []
    assert snapshot(tmp_path, skip=scratch) == before


def test_small_nested_zips_are_not_written_anywhere(
        tmp_path: Path, spool_spy: list[Spooled]) -> None:
    archive = write_zip(tmp_path / "download.zip", {"Alexa.zip": zip_bytes({"a": b"a"})})
    with open_export([archive], scratch_dir=tmp_path) as src:
        assert read_all(src) == {"Alexa.zip/a": b"a"}
    assert spool_spy == []


# ---------------------------------------------------------------------------------------------
# Multi-part downloads
# ---------------------------------------------------------------------------------------------

STAMP = "takeout-20240102T030405Z"


def make_parts(folder: Path) -> list[Path]:
    parts = [write_zip(folder / f"{STAMP}-00{i}.zip", {f"Takeout/part{i}.txt": b"%d" % i})
             for i in (1, 2, 3)]
    write_zip(folder / "takeout-20250101T000000Z-001.zip", {"other-download.txt": b"x"})
    write_zip(folder / f"{STAMP}-001 (1).zip", {"browser-copy.txt": b"x"})
    write_zip(folder / "other.zip", {"other.txt": b"x"})
    (folder / f"{STAMP}-004.txt").write_bytes(b"not a part")
    (folder / f"{STAMP}-005.zip").mkdir()
    return parts


@pytest.mark.parametrize("given", [0, 1, 2])
def test_sibling_parts_finds_exactly_the_other_parts(tmp_path: Path, given: int) -> None:
    parts = make_parts(tmp_path)
    assert sibling_parts(parts[given]) == parts


def test_sibling_parts_of_names_that_are_not_parts(tmp_path: Path) -> None:
    make_parts(tmp_path)
    for name in ["other.zip", f"{STAMP}-001 (1).zip", f"{STAMP}-01.zip", "x.zip"]:
        assert sibling_parts(tmp_path / name) == [tmp_path / name]


def test_sibling_parts_with_glob_characters_and_upper_case(tmp_path: Path) -> None:
    parts = [write_zip(tmp_path / f"takeout [1]-00{i}.ZIP", {"a": b"a"}) for i in (1, 2)]
    write_zip(tmp_path / "takeout 1-003.zip", {"a": b"a"})
    assert sibling_parts(parts[1]) == parts


def test_parts_are_merged(tmp_path: Path) -> None:
    parts = make_parts(tmp_path)
    with open_export([parts[1]]) as src:
        assert src.roots == parts
        assert read_all(src) == {"Takeout/part1.txt": b"1", "Takeout/part2.txt": b"2",
                                 "Takeout/part3.txt": b"3"}
        assert src.by_path()["Takeout/part3.txt"].container == str(parts[2])
    with open_export([parts[0], parts[2], parts[1]]) as src:    # no duplicates
        assert src.roots == parts
        assert len(src.entries) == 3


def test_expand_parts_false_takes_only_the_given_file(tmp_path: Path) -> None:
    parts = make_parts(tmp_path)
    with open_export([parts[1]], expand_parts=False) as src:
        assert src.roots == [parts[1]]
        assert paths(src) == ["Takeout/part2.txt"]


def test_a_damaged_part_is_named_and_the_other_parts_are_read(
        tmp_path: Path, zip_spy: list[zipfile.ZipFile]) -> None:
    parts = make_parts(tmp_path)
    parts[2].write_bytes(parts[2].read_bytes()[:40])
    with open_export([parts[0]]) as src:
        assert src.roots == parts
        assert read_all(src) == {"Takeout/part1.txt": b"1", "Takeout/part2.txt": b"2"}
        problem = only_problem(src)
    assert problem.where == str(parts[2])
    assert problem.reason.startswith("not a readable zip archive")
    assert "Download this part again" in problem.reason and problem.severity == "skipped"
    assert len(zip_spy) == 2 and all(z.fp is None for z in zip_spy)


def test_when_every_part_is_damaged_the_import_is_refused(tmp_path: Path) -> None:
    parts = make_parts(tmp_path)
    for part in parts:
        part.write_bytes(part.read_bytes()[:40])
    with pytest.raises(ExportError) as raised:
        open_export([parts[1]])
    assert str(raised.value).startswith(f"{parts[0]}: not a readable zip archive")


def test_segmented_part_names_find_every_segment(tmp_path: Path) -> None:
    names = [f"{STAMP}-1-001.zip", f"{STAMP}-1-002.zip", f"{STAMP}-2-001.zip",
             f"{STAMP}-10-001.zip"]
    parts = [write_zip(tmp_path / n, {f"Takeout/{n}.txt": b"x"}) for n in names]
    write_zip(tmp_path / f"{STAMP}-001.zip", {"unsegmented.txt": b"x"})
    write_zip(tmp_path / f"{STAMP}-1-001.tgz", {"other kind.txt": b"x"})
    write_zip(tmp_path / "takeout-20250101T000000Z-1-001.zip", {"other.txt": b"x"})
    for given in parts:
        assert sibling_parts(given) == parts


# ---------------------------------------------------------------------------------------------
# Broken inputs
# ---------------------------------------------------------------------------------------------


def assert_user_message(exc: ExportError, path: Path, *words: str) -> None:
    message = str(exc)
    assert message.startswith(f"{path}: ")
    for w in words:
        assert w in message
    assert "Traceback" not in message and "File \"" not in message and "\n" not in message


def test_a_truncated_zip_raises_a_clear_error(tmp_path: Path) -> None:
    data = zip_bytes({f"f{i}.json": random.Random(i).randbytes(2000) for i in range(5)})
    archive = tmp_path / "takeout.zip"
    archive.write_bytes(data[:len(data) // 2])
    with pytest.raises(ExportError) as raised:
        open_export([archive])
    assert_user_message(raised.value, archive, "not a readable zip archive",
                        "incomplete or damaged")


def test_a_zip_named_file_that_is_not_a_zip_raises_a_clear_error(tmp_path: Path) -> None:
    archive = tmp_path / "takeout.zip"
    archive.write_bytes(b"<html>Sign in to continue</html>")
    with pytest.raises(ExportError) as raised:
        open_export([archive])
    assert_user_message(raised.value, archive, "not a readable zip archive")


def test_an_empty_zip_named_file_raises(tmp_path: Path) -> None:
    archive = tmp_path / "takeout.zip"
    archive.write_bytes(b"")
    with pytest.raises(ExportError) as raised:
        open_export([archive])
    assert_user_message(raised.value, archive, "not a readable zip archive")


def test_a_missing_path_raises_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "takeout.zip"
    with pytest.raises(ExportError) as raised:
        open_export([missing])
    assert str(raised.value) == f"{missing}: no such file or folder"


def test_a_single_plain_file_is_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "MyActivity.json"
    path.write_bytes(b"[]")
    with open_export([path]) as src:
        assert read_all(src) == {"MyActivity.json": b"[]"}


def test_an_encrypted_entry_is_reported(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"secret.wav", b"\x00" * 12 + b"cipher", flags=0x1),
                                 Raw(b"open.wav", b"RIFF")]))
    with open_export([archive]) as src:
        assert read_all(src) == {"open.wav": b"RIFF"}
        problem = only_problem(src)
    assert (problem.where, problem.reason) == (f"{archive}: secret.wav",
                                               "encrypted entry; cannot be read")


def test_an_unsupported_method_is_reported(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    data = bytearray(raw_zip([Raw(b"a.wav", b"RIFF"), Raw(b"b.wav", b"RIFF")]))
    cd = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 10, 9)                  # Deflate64
    struct.pack_into("<H", data, 8, 9)
    archive.write_bytes(bytes(data))
    with open_export([archive]) as src:
        assert paths(src) == ["b.wav"]
        problem = only_problem(src)
    assert (problem.where, problem.reason) == (f"{archive}: a.wav",
                                               "unsupported compression method 9")


def test_duplicate_names_keep_the_first(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"Voice/a.wav", b"first"), Raw(b"Voice/a.wav", b"second"),
                                 Raw(b"Voice\\a.wav", b"third"), Raw(b"Voice//./a.wav", b"4th"),
                                 Raw(b"Voice/b.wav", b"b")]))
    with open_export([archive]) as src:
        assert read_all(src) == {"Voice/a.wav": b"first", "Voice/b.wav": b"b"}
        assert [(p.where, p.reason) for p in src.problems] == [
            (f"{archive}: {name}", "duplicate entry name in the archive; only the first is used")
            for name in ("Voice/a.wav", "Voice\\a.wav", "Voice//./a.wav")]


def test_random_damage_never_escapes_as_anything_but_the_documented_errors(
        tmp_path: Path) -> None:
    """Property: flipping bytes anywhere gives ExportError on open, or entries whose reads
    return exactly `size` bytes or raise OSError; never another exception, never more data."""
    rng = random.Random(99)
    files = {"Takeout/a.json": b'{"k": "v"}' * 300, "Takeout/b.mp3": rng.randbytes(3000),
             "Alexa.zip": zip_bytes({"x.txt": b"x" * 2000, "y.bin": rng.randbytes(500)})}
    good = zip_bytes(files)
    archive = tmp_path / "export.zip"
    outcomes = {"refused": 0, "read": 0, "read error": 0}
    for _ in range(400):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[:rng.randrange(len(data))]
        archive.write_bytes(bytes(data))
        try:
            src = open_export([archive])
        except ExportError as exc:
            assert str(exc).startswith(str(archive))
            outcomes["refused"] += 1
            continue
        with src:
            for e in src.entries:
                try:
                    out = e.read()
                except OSError:
                    outcomes["read error"] += 1
                else:
                    assert len(out) == e.size
                    outcomes["read"] += 1
    assert all(outcomes.values()), outcomes


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

GERMAN = "Takeout/Meine Aktivitäten/Sprache und Audio/MeineAktivitäten.json"


def test_utf8_names_come_through(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "export.zip", {GERMAN: b"[]", "Größe/ß.mp3": b"ID3"})
    with open_export([archive]) as src:
        assert read_all(src) == {GERMAN: b"[]", "Größe/ß.mp3": b"ID3"}
        e = src.by_path()[GERMAN]
        assert (e.name, e.parent) == ("MeineAktivitäten.json",
                                      "Takeout/Meine Aktivitäten/Sprache und Audio")


@pytest.mark.parametrize("encoding", ["cp437", "utf-8"])
def test_names_without_the_utf8_flag(tmp_path: Path, encoding: str) -> None:
    """Old tools store cp437; many store UTF-8 but forget the flag. Both read as intended."""
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(GERMAN.encode(encoding), b"[]", flags=0),
                                 Raw("Übersicht/ä.txt".encode(encoding), b"x", flags=0)]))
    with open_export([archive]) as src:
        assert read_all(src) == {GERMAN: b"[]", "Übersicht/ä.txt": b"x"}


def test_control_characters_in_refused_names_are_made_visible(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(raw_zip([Raw(b"../x\nFAKE: all good\x1b[0m", b"x", flags=0x800)]))
    with open_export([archive]) as src:
        problem = only_problem(src)
    assert problem.where == f"{archive}: ../x\\x0aFAKE: all good\\x1b[0m"


# ---------------------------------------------------------------------------------------------
# Closing
# ---------------------------------------------------------------------------------------------


def test_close_closes_every_zip(tmp_path: Path, zip_spy: list[zipfile.ZipFile],
                                no_resource_warnings: list[warnings.WarningMessage]) -> None:
    parts = make_parts(tmp_path / "parts")
    export = tmp_path / "folder"
    write_zip(export / "Alexa.zip", {"Alexa/inner.zip": zip_bytes({"a": b"a"})})
    src = open_export([parts[0], export])
    assert read_all(src)["Alexa.zip/Alexa/inner.zip/a"] == b"a"
    assert len(zip_spy) == 5 and all(z.fp is not None for z in zip_spy)
    src.close()
    assert all(z.fp is None for z in zip_spy)
    src.close()                                           # twice is fine
    with pytest.raises((OSError, ValueError)):
        src.entries[0].read()


def test_context_manager_closes_even_on_error(tmp_path: Path,
                                              zip_spy: list[zipfile.ZipFile]) -> None:
    archive = write_zip(tmp_path / "export.zip", {"a": b"a"})
    with pytest.raises(RuntimeError), open_export([archive]) as src:
        assert isinstance(src.entries[0], Entry)
        raise RuntimeError("boom")
    assert len(zip_spy) == 1 and zip_spy[0].fp is None


def test_an_open_entry_stream_can_be_closed_independently(
        tmp_path: Path, no_resource_warnings: list[warnings.WarningMessage]) -> None:
    archive = write_zip(tmp_path / "export.zip", {"a.bin": b"abc" * 1000})
    with open_export([archive]) as src:
        f = src.entries[0].open()
        assert f.read(3) == b"abc"
        f.close()
        assert f.closed
        with pytest.raises(ValueError):
            f.read()


def test_an_unreadable_subfolder_is_reported(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    export = tmp_path / "export"
    (export / "locked").mkdir(parents=True)
    (export / "locked" / "hidden.txt").write_bytes(b"h")
    (export / "ok.txt").write_bytes(b"ok")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == export / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with open_export([export]) as src:
        assert paths(src) == ["ok.txt"]
        problem = only_problem(src)
    assert (problem.where, problem.reason) == (f"{export}: locked",
                                               "folder cannot be read (Permission denied)")
