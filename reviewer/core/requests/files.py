"""Writing a request's letter and CSV to disk, readable by the owner only.

The default folder (the library's `requests/`) is created 0700 like the library itself; a
folder the user names is created 0700 if missing and otherwise left as it is. Files are
0600 and replaced atomically, so a letter is never half written. Audio is never written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reviewer.config import ensure_private_dir
from reviewer.core.requests.tracking import RequestInfo


def file_stem(info: RequestInfo) -> str:
    kind = "follow-up" if info.follow_up_of else "request"
    return f"{kind}-{info.id}-{info.vendor}-{info.law}-{info.language}"


def _write_private(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_request_files(out_dir: Path, stem: str, letter: str, csv: str,
                        private_dir: bool) -> list[Path]:
    if private_dir:
        ensure_private_dir(out_dir)
    elif not out_dir.is_dir():
        out_dir.mkdir(mode=0o700, parents=True)
    paths = [out_dir / f"{stem}.txt", out_dir / f"{stem}.csv"]
    for path, text in zip(paths, (letter, csv), strict=True):
        _write_private(path, text)
    return paths


__all__ = ["file_stem", "write_request_files"]
