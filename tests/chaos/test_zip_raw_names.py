"""Issue 11 item 5: `delete --from-export` keeps every other member's name bytes and flags.

A zip member named in Latin-1 or Shift-JIS without the UTF-8 flag was written back decoded as
cp437 and re-encoded as flagged UTF-8 (`b'notes caf\\xe9.txt'` became `notes cafΘ.txt`), and
the check passed because it compared decoded names. Here the names are compared as the bytes
in the zip's central directory, through the user's path (import, delete --from-export).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from reviewer.core.deletion import zipclean
from reviewer.core.library import Library
from reviewer.testing.google_exports import make_entries, write_takeout

# (placeholder written by zipfile, the raw bytes a real tool stored, flagless)
RAW_NAMES = [
    (b"Takeout/notes cafX.txt", b"Takeout/notes caf\xe9.txt"),  # Latin-1
    (b"Takeout/XXXXXX.txt", "Takeout/日本語.txt".encode("shift_jis")),
    (b"Takeout/AktivitXXten.txt", "Takeout/Aktivitäten.txt".encode()),  # UTF-8, no flag
]


def central_directory(path: Path) -> list[tuple[bytes, int]]:
    """(name bytes, general-purpose flags) of every member, read from the file itself."""
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    count, _size, offset = struct.unpack("<HII", data[end + 10:end + 20])
    out = []
    for _ in range(count):
        assert data[offset:offset + 4] == b"PK\x01\x02"
        flags = struct.unpack("<H", data[offset + 8:offset + 10])[0]
        n, m, k = struct.unpack("<HHH", data[offset + 28:offset + 34])
        out.append((data[offset + 46:offset + 46 + n], flags))
        offset += 46 + n + m + k
    return out


def _with_raw_names(export: Path) -> None:
    with zipfile.ZipFile(export, "a") as z:
        for placeholder, _raw in RAW_NAMES:
            z.writestr(placeholder.decode("ascii"), b"not voice history")
    data = export.read_bytes()
    for placeholder, raw in RAW_NAMES:
        assert len(placeholder) == len(raw)
        data = data.replace(placeholder, raw)
    export.write_bytes(data)


def test_kept_members_keep_their_raw_names(library: Library, tmp_path: Path) -> None:
    [export] = write_takeout(tmp_path / "dl", make_entries(4, seed=5), as_zip=True)
    _with_raw_names(export)
    before = central_directory(export)
    assert [(raw, 0) for _p, raw in RAW_NAMES] == [e for e in before if e[0] in
                                                   {r for _p, r in RAW_NAMES}]

    library.import_export([export])
    victim = library.clip_ids()[0]
    audio_name = library.clip(victim).source_path.rsplit("/", 1)[-1].encode()  # type: ignore[union-attr]
    report = library.delete([victim], from_export=True)
    assert report.zips_rewritten == [export], report.problems
    after = central_directory(export)
    assert after == [e for e in before if not e[0].endswith(audio_name)]
    assert len(after) == len(before) - 1
    with zipfile.ZipFile(export) as z:  # and it still opens and reads, names checked
        assert z.testzip() is None


def test_recompressing_fallback_keeps_raw_names_too(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipclean, "_can_copy_raw", lambda zout: False)
    [export] = write_takeout(tmp_path / "dl", make_entries(2, seed=6), as_zip=True)
    _with_raw_names(export)
    before = central_directory(export)
    dropped = before[0][0].decode("cp437")
    zipclean.write_clean_copy(export, tmp_path / "copy.zip", [dropped])
    assert central_directory(tmp_path / "copy.zip") == before[1:]
