"""Audio copied into the library, content-addressed by SHA-256.

The same recording imported twice (or from two overlapping exports) is stored once. A file is
written under a temporary name in the scratch folder, then renamed into place, so a kill at
any instant leaves either no file or a complete one — never a partial file under a final
name. Callers call `flush_to_disk()` before committing rows that point at new files, so a
power cut cannot leave a row whose audio never reached the disk.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AudioFiles:
    def __init__(self, data_dir: Path, scratch_dir: Path) -> None:
        self.data_dir = data_dir
        self.scratch_dir = scratch_dir

    @staticmethod
    def relative_path(sha256: str, ext: str) -> str:
        return f"audio/{sha256[:2]}/{sha256}{ext}"

    def absolute(self, relative: str) -> Path:
        return self.data_dir / relative

    def store(self, data: bytes, sha256: str, ext: str) -> str:
        """Put `data` in the library (if not there already); return its relative path."""
        rel = self.relative_path(sha256, ext)
        final = self.absolute(rel)
        try:
            if final.stat().st_size == len(data):
                return rel
        except FileNotFoundError:
            pass
        final.parent.mkdir(mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"audio-{os.getpid()}-", suffix=".part",
                                   dir=self.scratch_dir)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return rel

    def clear_scratch(self) -> int:
        """Remove partial files left by processes that are gone (killed mid-write).

        Files of a process still running (the GUI while the CLI starts) are left alone.
        """
        removed = 0
        for p in self.scratch_dir.glob("audio-*.part"):
            pid = p.name.split("-")[1]
            if pid.isdigit() and _alive(int(pid)):
                continue
            p.unlink(missing_ok=True)
            removed += 1
        return removed


def flush_to_disk() -> None:
    """Make every file written so far durable before the rows that point at them commit."""
    if hasattr(os, "sync"):
        os.sync()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
