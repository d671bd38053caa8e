"""Removing recordings from an export zip vs copying the zip, in one run.

    .venv/bin/python bench/delete_bench.py [--mb 400] [--members 4000] [--remove 10]

Builds a zip of incompressible "audio" members (deflated, as exports are), then times:
baseline, a plain file copy + fsync (the least any rewrite must cost); (a) the cleaned copy as
`Library.delete(..., from_export=True)` writes it (compressed bytes copied as they are, then
every member read back and checked); (b) the same with every member recompressed (the
fallback). Prints seconds and the ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.core.deletion import zipclean


def build(path: Path, mb: int, members: int) -> list[str]:
    size = mb * 1_000_000 // members
    names = [f"Voice History/Audio/{i:06d}.mp3" for i in range(members)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(name, os.urandom(size))
    return names


def timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=400)
    parser.add_argument("--members", type=int, default=4000)
    parser.add_argument("--remove", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "export.zip"
        names = build(src, args.mb, args.members)
        remove = names[:: max(1, len(names) // args.remove)][: args.remove]
        print(f"export zip: {src.stat().st_size / 1e6:.0f} MB, {len(names)} members; "
              f"removing {len(remove)}")

        def copy() -> None:
            dest = Path(tmp) / "copy.zip"
            shutil.copyfile(src, dest)
            with open(dest, "rb+") as f:
                os.fsync(f.fileno())
            dest.unlink()

        def clean(raw: bool) -> None:
            dest = Path(tmp) / "clean.zip"
            real = zipclean._can_copy_raw
            if not raw:
                zipclean._can_copy_raw = lambda zout: False  # type: ignore[assignment]
            try:
                zipclean.write_clean_copy(src, dest, remove)
            finally:
                zipclean._can_copy_raw = real  # type: ignore[assignment]
            dest.unlink()

        base = min(timed(copy) for _ in range(2))
        a = min(timed(lambda: clean(True)) for _ in range(2))
        b = timed(lambda: clean(False))
        print(f"baseline copy + fsync  {base:6.2f} s")
        print(f"(a) cleaned copy       {a:6.2f} s   {a / base:5.1f}x the copy")
        print(f"(b) recompressing      {b:6.2f} s   {b / base:5.1f}x the copy; "
              f"(a) is {b / a:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
