"""`.tgz` / `.tar.gz` / `.tar` downloads are read like zips, under the same rules: only read,
links, devices and unsafe names refused, size and ratio caps, lying headers bounded, an
incomplete download named. And the clear messages for archives the app cannot open."""

from __future__ import annotations

import gzip
import io
import os
import random
import tarfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer.core.importers import source as reader
from reviewer.core.importers.records import Problem
from reviewer.core.importers.source import ExportError, ExportSource, open_export
from tests.conftest import tree_hashes

STAMP = "takeout-20240102T030405Z"


def tar_bytes(members: list[tarfile.TarInfo | tuple[str, bytes]], compress: bool = True,
              fmt: int = tarfile.GNU_FORMAT) -> bytes:
    """A tar of (name, data) files and hand-made TarInfo entries (links, devices...)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                tar.addfile(m)
            else:
                name, data = m
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    return gzip.compress(raw, mtime=0) if compress else raw


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def read_all(source: ExportSource) -> dict[str, bytes]:
    return {e.path: e.read() for e in source.entries}


def only_problem(source: ExportSource) -> Problem:
    assert len(source.problems) == 1, source.problems
    return source.problems[0]


@pytest.mark.parametrize("suffix", [".tgz", ".tar.gz", ".tar"])
def test_files_read_back_exactly_in_any_order(tmp_path: Path, suffix: str) -> None:
    rng = random.Random(7)
    files = {f"Takeout/My Activity/Assistant/{i:03d}.mp3": rng.randbytes(rng.randrange(1, 90_000))
             for i in range(120)}
    files["Takeout/My Activity/Assistant/MyActivity.json"] = b'[{"header": "Assistant"}]' * 2000
    archive = write(tmp_path / f"{STAMP}-001{suffix}",
                    tar_bytes(list(files.items()), compress=suffix != ".tar"))
    before = tree_hashes(tmp_path)

    with open_export([archive]) as src:
        assert src.problems == []
        assert sorted(e.path for e in src.entries) == sorted(files)
        entries = list(src.entries)
        rng.shuffle(entries)
        for e in entries:
            assert e.read() == files[e.path]
            assert e.container == str(archive) and e.size == len(files[e.path])
        # Partial reads, seeks back and forth, and a read past the end stop at the declared size.
        e = src.by_path()["Takeout/My Activity/Assistant/MyActivity.json"]
        with e.open() as f:
            assert f.read(10) == b'[{"header"'
            f.seek(5000)
            assert f.read(7) == files[e.path][5000:5007]
            f.seek(0)
            assert f.read() == files[e.path]
            assert f.read(1) == b""
    assert tree_hashes(tmp_path) == before  # only read


def test_a_big_tgz_keeps_few_checkpoints_and_reads_members_far_apart(tmp_path: Path) -> None:
    rng = random.Random(3)
    files = [(f"f{i}", rng.randbytes(300_000)) for i in range(40)]  # ~12 MB, incompressible
    archive = write(tmp_path / "big.tgz", tar_bytes(files))
    with open_export([archive]) as src:
        last = src.by_path()["f39"]
        first = src.by_path()["f0"]
        assert last.read() == files[39][1] and first.read() == files[0][1]


def test_a_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    """Some tools write a .tgz as several gzip members back to back (and pad with NULs)."""
    raw = tar_bytes([("a.txt", b"a" * 5000), ("b.txt", os.urandom(5000))], compress=False)
    half = len(raw) // 2
    data = gzip.compress(raw[:half]) + gzip.compress(raw[half:]) + b"\0" * 600
    archive = write(tmp_path / "two.tgz", data)
    with open_export([archive]) as src:
        assert src.problems == []
        assert read_all(src)["a.txt"] == b"a" * 5000


HOSTILE = [
    ("../evil.txt", "outside the archive"),
    ("Takeout/../../evil.txt", "outside the archive"),
    ("/etc/passwd", "absolute path"),
    ("C:/Windows/evil.dll", "absolute path"),
]


@pytest.mark.parametrize(("name", "reason"), HOSTILE)
def test_hostile_names_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    archive = write(tmp_path / "x.tgz", tar_bytes(
        [("Takeout/ok.txt", b"fine"), (name, b"pwned"), ("Takeout/after.txt", b"also")]))
    with open_export([archive]) as src:
        assert read_all(src) == {"Takeout/ok.txt": b"fine", "Takeout/after.txt": b"also"}
        problem = only_problem(src)
    assert problem.where == f"{archive}: {name}"
    assert reason in problem.reason and "refused" in problem.reason


SPECIALS: list[tuple[Callable[[], tarfile.TarInfo], str]] = [
    (lambda: special("Takeout/link.mp3", tarfile.SYMTYPE, "/etc/passwd"), "symbolic link"),
    (lambda: special("Takeout/hard.mp3", tarfile.LNKTYPE, "Takeout/ok.txt"), "hard link"),
    (lambda: special("Takeout/dev", tarfile.CHRTYPE), "device"),
    (lambda: special("Takeout/blk", tarfile.BLKTYPE), "device"),
    (lambda: special("Takeout/fifo", tarfile.FIFOTYPE), "special file"),
]


@pytest.mark.parametrize(("make", "reason"), SPECIALS)
def test_links_and_devices_are_refused(tmp_path: Path, make: Callable[[], tarfile.TarInfo],
                                       reason: str) -> None:
    archive = write(tmp_path / "x.tgz", tar_bytes([("Takeout/ok.txt", b"fine"), make()]))
    with open_export([archive]) as src:
        assert read_all(src) == {"Takeout/ok.txt": b"fine"}
        problem = only_problem(src)
    assert reason in problem.reason and problem.severity == "skipped"


def test_a_member_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    archive = write(tmp_path / "x.tgz", tar_bytes([("big.bin", os.urandom(5000)),
                                                   ("small.txt", b"ok")]))
    with open_export([archive], reader.Limits(max_entry_bytes=4000)) as src:
        assert read_all(src) == {"small.txt": b"ok"}
        assert "limit" in only_problem(src).reason


def test_total_declared_size_over_the_limit_raises(tmp_path: Path) -> None:
    archive = write(tmp_path / "x.tgz", tar_bytes([(f"f{i}", os.urandom(3000))
                                                   for i in range(5)]))
    with pytest.raises(ExportError, match="would unpack to more than"):
        open_export([archive], reader.Limits(max_total_bytes=10_000))


def test_a_member_that_compresses_like_a_bomb_is_refused(tmp_path: Path) -> None:
    archive = write(tmp_path / "bomb.tgz", tar_bytes(
        [("before.txt", b"fine"), ("zeros.bin", bytes(64 * 1024**2)), ("after.txt", b"ok")]))
    assert archive.stat().st_size < 200_000
    with open_export([archive]) as src:
        assert read_all(src) == {"before.txt": b"fine", "after.txt": b"ok"}
        problem = only_problem(src)
    assert problem.where.endswith("zeros.bin") and "zip bomb" in problem.reason


def test_a_header_declaring_a_huge_extended_name_allocates_nothing(tmp_path: Path) -> None:
    """A GNU long-name header that claims 2 GB must not make the reader ask for 2 GB."""
    ok = tarfile.TarInfo("Takeout/ok.txt")
    ok.size = 4
    good = ok.tobuf(tarfile.GNU_FORMAT) + b"fine".ljust(512, b"\0")
    header = tarfile.TarInfo("././@LongLink")
    header.type = tarfile.GNUTYPE_LONGNAME
    header.size = 2 * 1024**3
    block = header.tobuf(tarfile.USTAR_FORMAT)
    block = block[:156] + tarfile.GNUTYPE_LONGNAME + block[157:]
    archive = write(tmp_path / "liar.tgz", gzip.compress(good + _fix_checksum(block)
                                                         + b"x" * 4096))
    tracemalloc.start()
    try:
        with open_export([archive]) as src:
            assert read_all(src) == {"Takeout/ok.txt": b"fine"}
            problem = only_problem(src)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024**2
    assert problem.where == str(archive)
    assert "refusing" in problem.reason or "damaged" in problem.reason


def _fix_checksum(block: bytes) -> bytes:
    block = block[:148] + b" " * 8 + block[156:]
    checksum = sum(block[:512])
    return block[:148] + b"%06o\0 " % checksum + block[156:]


def test_a_truncated_tgz_keeps_the_complete_files_and_names_what_is_missing(
        tmp_path: Path) -> None:
    files = [(f"Takeout/{i}.mp3", os.urandom(20_000)) for i in range(10)]
    data = tar_bytes(files)
    archive = write(tmp_path / f"{STAMP}-002.tgz", data[:len(data) * 6 // 10])
    with open_export([archive]) as src:
        got = read_all(src)
        problem = only_problem(src)
    assert 3 <= len(got) < 10
    assert all(got[name] == data_ for name, data_ in files if name in got)
    assert problem.where == str(archive)
    assert "ends early" in problem.reason and "incomplete" in problem.reason
    assert "Download this part again" in problem.reason


def test_a_tar_cut_exactly_between_files_is_still_noticed(tmp_path: Path) -> None:
    raw = tar_bytes([("a.txt", b"a" * 512), ("b.txt", b"b" * 512)], compress=False)
    # a's header and data, then b's header: a clean cut at a header boundary.
    archive = write(tmp_path / "cut.tgz", gzip.compress(raw[:3 * 512]))
    with open_export([archive]) as src:
        assert read_all(src) == {"a.txt": b"a" * 512}
        assert "ends early" in only_problem(src).reason


def test_a_truncated_part_of_several_is_named_and_the_rest_read(tmp_path: Path) -> None:
    parts = [write(tmp_path / f"{STAMP}-00{i}.tgz", tar_bytes([(f"part{i}.txt", b"%d" % i)]))
             for i in (1, 2, 3)]
    parts[1].write_bytes(parts[1].read_bytes()[:15])
    with open_export([parts[0]]) as src:
        assert read_all(src) == {"part1.txt": b"1", "part3.txt": b"3"}
        problem = only_problem(src)
    assert problem.where == str(parts[1])
    assert "Download this part again" in problem.reason


def test_tgz_parts_and_segments_are_found_from_any_one(tmp_path: Path) -> None:
    names = [f"{STAMP}-1-001.tgz", f"{STAMP}-1-002.tgz", f"{STAMP}-2-001.tgz"]
    parts = [write(tmp_path / n, tar_bytes([(n, b"x")])) for n in names]
    write(tmp_path / f"{STAMP}-1-001.zip", b"PK")
    assert reader.sibling_parts(parts[2]) == parts
    plain = [write(tmp_path / f"{STAMP}-00{i}.tar.gz", tar_bytes([(str(i), b"x")]))
             for i in (1, 2)]
    assert reader.sibling_parts(plain[0]) == plain
    with open_export([parts[1]]) as src:
        assert sorted(read_all(src)) == sorted(names)


def test_a_tgz_inside_a_folder_and_a_zip_inside_a_tgz_are_opened(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("Alexa/data.csv", b"a,b\n")
    write(tmp_path / "downloads" / "export.tgz",
          tar_bytes([("Alexa.zip", inner.getvalue()), ("top.txt", b"t")]))
    with open_export([tmp_path / "downloads"]) as src:
        assert read_all(src) == {"export.tgz/top.txt": b"t",
                                 "export.tgz/Alexa.zip/Alexa/data.csv": b"a,b\n"}


def test_a_member_damaged_after_indexing_is_a_read_error(tmp_path: Path) -> None:
    archive = write(tmp_path / "x.tar", tar_bytes([("a.bin", os.urandom(50_000))],
                                                  compress=False))
    with open_export([archive]) as src:
        entry = src.entries[0]
        archive.write_bytes(archive.read_bytes()[:20_000])
        with pytest.raises(reader.EntryReadError, match="data ends after"):
            entry.read()


def test_not_a_tar_is_a_clear_error(tmp_path: Path) -> None:
    archive = write(tmp_path / f"{STAMP}-001.tgz", b"<html>Sign in</html>")
    with pytest.raises(ExportError) as raised:
        open_export([archive])
    assert str(raised.value).startswith(f"{archive}: not a readable tar archive")


@pytest.mark.parametrize(("magic", "name"), [(b"7z\xbc\xaf\x27\x1c\x00\x04", "7-Zip"),
                                             (b"Rar!\x1a\x07\x01\x00", "RAR")])
def test_archives_the_app_cannot_open_are_named(tmp_path: Path, magic: bytes,
                                                name: str) -> None:
    archive = write(tmp_path / "takeout.7z", magic + os.urandom(100))
    with pytest.raises(ExportError) as raised:
        open_export([archive])
    message = str(raised.value)
    assert message.startswith(f"{archive}: this is a {name}")
    assert "unpack it" in message and "Google Takeout" not in message
