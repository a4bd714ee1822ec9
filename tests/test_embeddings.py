"""The offline MiniLM encoder: shipped tokenizer intact, unit vectors, similar texts closer."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from flashpoint import embeddings

TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def test_shipped_tokenizer_is_the_pinned_file() -> None:
    digest = hashlib.sha256(embeddings.TOKENIZER_PATH.read_bytes()).hexdigest()
    assert digest == TOKENIZER_SHA256


@pytest.mark.skipif(not embeddings.available(), reason="embedding extras not installed")
def test_vectors_are_unit_length_and_meaningful() -> None:
    encoder = embeddings.get_encoder()
    vecs = encoder.encode([
        "Pakistani jets struck militant hideouts near the border.",
        "Airstrikes by Pakistan hit insurgent positions close to the frontier.",
        "The central bank kept interest rates unchanged on Thursday.",
        "",
    ])
    assert vecs.shape == (4, embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2
