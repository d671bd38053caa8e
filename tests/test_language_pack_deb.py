"""The Linux language-pack package: a second .deb that carries the multilingual base model.

Builds it with packaging/build.py's own function (the real model from the `multilingual`
extra, ~3 s), reads its control fields with dpkg-deb, unpacks its data into a temporary root
(`dpkg -x`, as dpkg would install it under /) and points the app there with
$REVIEWER_MODEL_DIRS: the registry then finds the model with no wheel and no copy into the
cache, `reviewer models list` says it is available, and Whisper base transcribes a German
clip from it. A damaged installed copy is refused with the package to reinstall.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer import __version__
from reviewer.core.transcribe import models
from reviewer.core.transcribe.models import ModelError
from tests.build_support import load_build

REPO = Path(__file__).resolve().parent.parent
HAVE_BASE = all(models._package_dir(p) is not None for p in models.BASE_PART_PACKAGES)
INSTALLED = models.SYSTEM_MODEL_DIR.relative_to("/")




def _no_wheels(monkeypatch: pytest.MonkeyPatch, system_dir: Path) -> None:
    """As in the app installed from its .deb: no part wheels, and the real system folder
    replaced by one that is empty (this machine may have the package installed)."""
    real = models._package_dir
    monkeypatch.setattr(models, "_package_dir", lambda package: None
                        if package in models.BASE_PART_PACKAGES else real(package))
    monkeypatch.setattr(models, "SYSTEM_MODEL_DIR", system_dir)
    monkeypatch.delenv(models.MODEL_DIRS_ENV, raising=False)


@pytest.fixture(scope="module")
def pack_deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
        pytest.skip("the language-pack .deb needs Linux and dpkg-deb")
    if not HAVE_BASE:
        pytest.skip('multilingual extra not installed (pip install ".[multilingual]")')
    build = load_build()
    work = tmp_path_factory.mktemp("pack-work")
    out = build.language_pack_deb_path(work / "dist")
    out.parent.mkdir()
    build.make_language_pack_deb(out, work)
    return Path(out)


@pytest.fixture(scope="module")
def unpacked(pack_deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("root")
    proc = subprocess.run(["dpkg", "-x", str(pack_deb), str(root)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.mark.slow
def test_pack_deb_depends_on_the_app_and_installs_the_model(pack_deb: Path,
                                                            unpacked: Path) -> None:
    assert pack_deb.name == f"{models.LANGUAGE_PACK_PACKAGE}_{__version__}_all.deb"
    fields = subprocess.run(["dpkg-deb", "--field", str(pack_deb), "Package", "Architecture",
                             "Depends"], capture_output=True, text=True, timeout=60,
                            check=True).stdout
    assert f"Package: {models.LANGUAGE_PACK_PACKAGE}" in fields
    assert "Architecture: all" in fields
    assert f"Depends: voice-history-reviewer (>= {__version__})" in fields
    listing = subprocess.run(["dpkg-deb", "--contents", str(pack_deb)], capture_output=True,
                             text=True, timeout=60, check=True).stdout
    # Nothing outside the model folder and its doc: no file of the app's own package.
    paths = [line.split()[-1] for line in listing.splitlines() if not line.startswith("d")]
    assert paths and all(p.startswith((f"./{INSTALLED}/whisper-base/",
                                       f"./usr/share/doc/{models.LANGUAGE_PACK_PACKAGE}/"))
                         for p in paths), paths
    folder = unpacked / INSTALLED / models.BASE_CACHE_FOLDER
    assert models.sha256_file(folder / "model.bin") == models.BASE_MODEL_SHA256
    for name in models.BASE_SIDE_FILES:
        assert (folder / name).stat().st_mode & 0o777 == 0o644
    assert "MIT License" in (unpacked / "usr/share/doc" / models.LANGUAGE_PACK_PACKAGE /
                             "copyright").read_text(encoding="utf-8")


@pytest.mark.slow
def test_registry_finds_the_installed_model(unpacked: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _no_wheels(monkeypatch, tmp_path / "no-system-models")
    cache = tmp_path / "cache"
    before = {c.name: c for c in models.list_models(cache)}["base"]
    assert not before.available and models.LANGUAGE_PACK_PACKAGE in before.how_to_get
    with pytest.raises(ModelError, match="not on this computer"):
        models.resolve_model("base", cache)

    monkeypatch.setenv(models.MODEL_DIRS_ENV, str(unpacked / INSTALLED))
    assert {c.name: c for c in models.list_models(cache)}["base"].available
    info = models.resolve_model("base", cache)
    assert info.path == unpacked / INSTALLED / models.BASE_CACHE_FOLDER
    assert info.source == "installed package" and info.multilingual
    assert info.sha256 == models.BASE_MODEL_SHA256
    # Used where the package put it: 145 MB are not copied into every user's cache.
    assert not (cache / "models" / models.BASE_CACHE_FOLDER).exists()

    from reviewer.core.audio.decode import decode_audio
    from reviewer.core.transcribe.engine import Engine, EngineSettings

    engine = Engine(info, EngineSettings(languages=("de", "en"), clips_at_once=1))
    clip = REPO / "reviewer/testing/data/speech_de/command_02.ogg"  # "… schalte das Licht …"
    result = engine.transcribe(decode_audio(clip))
    assert result.model == "base" and result.language == "de"
    assert "licht" in result.text.lower(), result.text


@pytest.mark.slow
def test_models_list_on_the_command_line(unpacked: Path, tmp_path: Path) -> None:
    # The CLI in a fresh process, with the part wheels hidden as in the frozen app.
    script = ("import sys\n"
              "from reviewer.core.transcribe import models\n"
              "real = models._package_dir\n"
              "models._package_dir = lambda p: None if p in models.BASE_PART_PACKAGES "
              "else real(p)\n"
              f"models.SYSTEM_MODEL_DIR = models.Path({str(tmp_path / 'none')!r})\n"
              "from reviewer.cli import main\n"
              "sys.exit(main(['models', 'list']))\n")
    env = dict(os.environ, REVIEWER_DATA_DIR=str(tmp_path / "lib"))
    env.pop(models.MODEL_DIRS_ENV, None)
    without = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=env, timeout=120, check=False)
    assert without.returncode == 0, without.stderr
    assert "base     not on this computer" in without.stdout
    assert models.LANGUAGE_PACK_PACKAGE in "".join(without.stdout.split())  # however wrapped
    env[models.MODEL_DIRS_ENV] = str(unpacked / INSTALLED)
    with_pack = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               env=env, timeout=120, check=False)
    assert with_pack.returncode == 0, with_pack.stderr
    assert "base     available" in with_pack.stdout, with_pack.stdout


def test_damaged_installed_copy_says_which_package_to_reinstall(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_wheels(monkeypatch, tmp_path / "usr-share")
    folder = tmp_path / "usr-share" / models.BASE_CACHE_FOLDER
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    (folder / "tokenizer.json").write_text("{}")
    (folder / "vocabulary.txt").write_text("".join(f"t{i}\n" for i in range(51865)))
    (folder / "model.bin").write_bytes(b"weights")
    good = hashlib.sha256(b"weights").hexdigest()
    cache = tmp_path / "cache"
    # The default folder, no variable needed; an intact copy is used in place.
    assert models.assembled_base_model(cache, expected_sha256=good).path == folder
    (folder / "model.bin").write_bytes(b"weightz")
    with pytest.raises(ModelError, match=f"apt install --reinstall "
                                         f"{models.LANGUAGE_PACK_PACKAGE}"):
        models.assembled_base_model(cache, expected_sha256=good)
