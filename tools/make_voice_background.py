"""Compute `reviewer/core/voices/background.npy`: the mean speaker embedding of many voices.

    .venv/bin/python tools/make_voice_background.py [CORPUS]

Clustering compares embeddings after subtracting a centre (see `voices/clusters.py`). Half
of that centre is the archive's own mean; the other half is this fixed mean over many
speakers, so an archive of one or two voices is not centred on those voices themselves.
It is the mean of the length-normalised CAM++ embeddings of the corpus's `alexa/` clips
(crowd-sourced people saying "Alexa", Picovoice wake-word benchmark, Apache-2.0: hundreds of
different speakers on consumer microphones, the app's own domain), VAD-trimmed like every
clip in the app, those with at least 0.5 s of speech. Only the 192 averages are stored, no
audio. The corpus lives beside the project (`../shared/corpus`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.core.audio.decode import decode_audio  # noqa: E402
from reviewer.core.audio.probe import AudioError  # noqa: E402
from reviewer.core.voices.job import embed_samples  # noqa: E402
from reviewer.core.voices.model import SpeakerModel  # noqa: E402

OUT = ROOT / "reviewer" / "core" / "voices" / "background.npy"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    model = SpeakerModel()
    vectors = []
    for path in sorted((corpus / "alexa").iterdir()):
        try:
            result = embed_samples(model, decode_audio(path))
        except AudioError:
            continue
        if result.vector is not None:
            vectors.append(result.vector / np.linalg.norm(result.vector))
    mean = np.mean(vectors, axis=0).astype("<f4")
    np.save(OUT, mean)
    print(f"{len(vectors)} clips -> {OUT.relative_to(ROOT)} (norm {np.linalg.norm(mean):.3f})")


if __name__ == "__main__":
    main()
