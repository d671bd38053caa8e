"""Import speed on a 10,000-clip Google Takeout zip or .tgz (tiny audio).

Prints clips/s for the whole import (CLI use case: detect, parse, hash, decode-check, copy,
commit) and, as the baseline measured in the same run, the bare cost of reading and hashing
every entry of the zip, which any importer must pay. Target: the whole import under 60 s here.

    .venv/bin/python bench/import_bench.py [--clips N] [--archive zip|tgz]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.core.library import Library
from reviewer.testing.google_exports import make_entries, write_takeout


def read_and_hash(export: Path) -> int:
    n = 0
    if export.name.endswith(".tgz"):  # one streaming pass: the least any reader must do
        with tarfile.open(export, "r|gz") as tar:
            for member in tar:
                f = tar.extractfile(member)
                if f is not None:
                    hashlib.sha256(f.read()).hexdigest()
                    n += 1
        return n
    with zipfile.ZipFile(export) as zf:
        for info in zf.infolist():
            hashlib.sha256(zf.read(info)).hexdigest()
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=10_000)
    ap.add_argument("--archive", choices=("zip", "tgz"), default="zip")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        [export] = write_takeout(root / "dl", make_entries(args.clips), as_zip=True,
                                 archive=args.archive)
        build_s = time.perf_counter() - t0
        size_mb = export.stat().st_size / 1024**2
        print(f"export: {args.clips} entries, {size_mb:.1f} MB {args.archive}, "
              f"built in {build_s:.1f} s")

        t0 = time.perf_counter()
        entries = read_and_hash(export)
        base_s = time.perf_counter() - t0

        with Library.open(root / "lib") as lib:
            t0 = time.perf_counter()
            report = lib.import_export([export])
            import_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = lib.import_export([export])
            reimport_s = time.perf_counter() - t0
        assert report.clips_new == args.clips, report.clips_new
        assert again.clips_new == 0
        print(f"baseline  read+hash every entry: {entries} entries in {base_s:6.2f} s "
              f"({entries / base_s:8.0f} entries/s)")
        print(f"import    whole use case:        {args.clips} clips   in {import_s:6.2f} s "
              f"({args.clips / import_s:8.0f} clips/s)   ratio to baseline "
              f"{import_s / base_s:.1f}x")
        print(f"re-import nothing new:           {args.clips} clips   in {reimport_s:6.2f} s "
              f"({args.clips / reimport_s:8.0f} clips/s)   ratio to baseline "
              f"{reimport_s / base_s:.1f}x")
        verdict = "OK" if import_s < 60 else "SLOWER THAN TARGET"
        print(f"target: whole import < 60 s -> {import_s:.1f} s {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
