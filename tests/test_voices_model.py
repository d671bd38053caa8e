"""The speaker model and its front end: NumPy fbank against an independent Kaldi-compatible
implementation, the ONNX model against torch's output for a fixed input, the pinned
checksum, and no torch anywhere at run time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reviewer.core.voices import fbank
from reviewer.core.voices.model import (
    EMBEDDING_DIM,
    MODEL_SHA256,
    SpeakerModel,
    SpeakerModelError,
    check_model,
    default_model_path,
    shared_model,
)

REFERENCE = Path(__file__).parent / "data" / "campplus_reference.npz"


def _reference() -> dict[str, np.ndarray]:
    with np.load(REFERENCE) as data:
        return {k: data[k] for k in data.files}


def test_fbank_matches_the_kaldi_compatible_reference() -> None:
    ref = _reference()
    samples = ref["samples"].astype(np.float32) / 32768.0
    ours = fbank.features(samples)
    assert ours.shape == ref["fbank"].shape == (148, 80)
    # float32 (C++) against float64 sums here: agreement to ~1e-4 of values spanning ~20.
    assert np.abs(ours - ref["fbank"]).max() < 2e-4


def test_fbank_frame_count_and_short_input() -> None:
    assert fbank.num_frames(399) == 0
    assert fbank.num_frames(400) == 1
    assert fbank.num_frames(16_000) == 98
    assert fbank.features(np.zeros(300, dtype=np.float32)).shape == (0, 80)
    # Mean-normalised per utterance.
    feats = fbank.features(_reference()["samples"].astype(np.float32) / 32768.0)
    assert np.abs(feats.mean(axis=0)).max() < 1e-4


def test_known_embedding_for_a_fixed_input() -> None:
    ref = _reference()
    emb = shared_model().embed(ref["samples"].astype(np.float32) / 32768.0)
    assert emb.shape == (EMBEDDING_DIM,)
    # The torch model's output for the same features, stored by the export tool.
    assert np.abs(emb - ref["embedding"]).max() < 1e-4


def test_model_file_is_the_pinned_one() -> None:
    check = check_model()
    assert check.ok and check.sha256 == MODEL_SHA256
    assert check.path == default_model_path()
    licence_dir = check.path.parent
    assert "Apache License" in (licence_dir / "LICENSE").read_text(encoding="utf-8")
    assert MODEL_SHA256 in (licence_dir / "PROVENANCE.md").read_text(encoding="utf-8")


def test_damaged_or_missing_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "campplus.onnx"
    shutil.copyfile(default_model_path(), bad)
    with bad.open("r+b") as f:
        f.seek(1000)
        byte = f.read(1)
        f.seek(1000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(SpeakerModelError, match="damaged"):
        SpeakerModel(bad)
    with pytest.raises(SpeakerModelError, match="missing"):
        SpeakerModel(tmp_path / "nope.onnx")


def test_no_torch_and_no_telemetry_at_run_time() -> None:
    code = (
        "import sys, numpy as np\n"
        "from reviewer.core.voices.model import SpeakerModel\n"
        "m = SpeakerModel()\n"
        "m.embed(np.random.default_rng(0).standard_normal(16000).astype('float32') * 0.1)\n"
        "import os\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "assert os.environ.get('ORT_DISABLE_TELEMETRY') == '1'\n"
        "print('ok')\n")
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=Path(__file__).resolve().parent.parent, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
