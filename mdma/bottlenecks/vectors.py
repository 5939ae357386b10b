"""The stored embedding of every submitted bottleneck (`BottleneckVector`) and the matrix a
serving process searches them in.

The services keep the rows current: a bottleneck gets its vector when it is submitted and a
new one when its text is corrected; a merged duplicate's vector is emptied. `reindex_all`
rebuilds them for existing data (`mdma bottlenecks reindex-similar`), or only those embedded
by an earlier `embeddings.VERSION` (`--stale`); until then the serving processes use the
outdated ones, of the same model and prefix (before version 3 not centred: their cosines with
a centred query rank less well, so run it right after an upgrade). Each process holds the
vectors as one int8 matrix (384 bytes a bottleneck: 38 MB at 100,000), loaded at its first
suggestion; before each search it reads only the rows changed since its last look.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from mdma.bottlenecks import embeddings
from mdma.bottlenecks.models import Bottleneck, BottleneckVector
from mdma.bottlenecks.states import Status
from mdma.core.time import utcnow
from mdma.extensions import db

if TYPE_CHECKING:
    import numpy as np  # loaded where it is used: at the first suggestion, not with the app

#: Rows changed this long before the newest one seen are read again: a transaction that
#: committed later than one with a newer stamp is not missed.
LAG = timedelta(seconds=60)
#: Rows converted to float32 at a time while searching: small enough to stay in the cache.
CHUNK = 1024
#: From this many vectors on, a search is split over two threads.
SPLIT = 20_000
REINDEX_BATCH = 64


def store(bottleneck: Bottleneck) -> None:
    """Embed the bottleneck's text now (after a flush: it has an id)."""
    vector, scale = embeddings.pack(embeddings.passage(bottleneck.title, bottleneck.description))
    row = db.session.get(BottleneckVector, bottleneck.id)
    if row is None:
        row = BottleneckVector(bottleneck_id=bottleneck.id)
        db.session.add(row)
    row.vector, row.scale, row.changed_at = vector, scale, utcnow()
    row.embedding_version = embeddings.VERSION
    db.session.flush()


def drop(bottleneck: Bottleneck) -> None:
    """It is no longer suggested (merged): the row stays, empty, so that processes see it go."""
    row = db.session.get(BottleneckVector, bottleneck.id)
    if row is not None:
        row.vector, row.scale, row.changed_at = None, 0.0, utcnow()
        db.session.flush()


def reindex_all(progress=None, *, titles_only: bool = False, stale_only: bool = False) -> int:
    """Embed every submitted, unmerged bottleneck again; returns how many. `stale_only` embeds
    only those without a vector of the current `embeddings.VERSION`. `titles_only` embeds the
    titles alone (generated volume, where the descriptions are phrases repeated over
    thousands of rows), each distinct title once."""
    listed = (
        sa.select(Bottleneck.id, Bottleneck.title, Bottleneck.description)
        .where(Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None))
        .order_by(Bottleneck.id)
    )
    if stale_only:
        db.session.execute(
            sa.delete(BottleneckVector).where(
                BottleneckVector.embedding_version != embeddings.VERSION,
                BottleneckVector.vector.is_not(None),
            )
        )
        current = sa.select(BottleneckVector.bottleneck_id).where(
            BottleneckVector.bottleneck_id == Bottleneck.id
        )
        listed = listed.where(~current.exists())
    else:
        db.session.execute(sa.delete(BottleneckVector))
    known: dict[tuple[str, str], tuple[bytes, float]] = {}
    done = 0
    for batch in db.session.execute(listed).partitions(REINDEX_BATCH):
        texts = [(row.title, "" if titles_only else row.description) for row in batch]
        new = list(dict.fromkeys(t for t in texts if t not in known))
        for text, vector in zip(new, embeddings.passages(new), strict=True):
            known[text] = embeddings.pack(vector)
        now = utcnow()
        stored = []
        for row, text in zip(batch, texts, strict=True):
            vector, scale = known[text]
            stored.append(
                {
                    "bottleneck_id": row.id,
                    "vector": vector,
                    "scale": scale,
                    "changed_at": now,
                    "embedding_version": embeddings.VERSION,
                }
            )
        db.session.execute(sa.insert(BottleneckVector), stored)
        if not titles_only:
            known.clear()
        done += len(batch)
        if progress:
            progress(len(batch))
    return done


class _Matrix:
    """The vectors of one database in this process, by bottleneck id."""

    def __init__(self):
        # Empty until the first `refresh`, which allocates: NumPy loads there, not with the app.
        self.url = None
        self.seen: datetime | None = None
        self.size = 0
        self.ids = self.scales = self.vectors = None
        self.position: dict[int, int] = {}

    def reset(self) -> None:
        import numpy as np

        self.url = None
        self.seen: datetime | None = None
        self.size = 0
        self.ids = np.zeros(0, np.int64)
        self.scales = np.zeros(0, np.float32)
        self.vectors = np.zeros((0, embeddings.DIMENSIONS), np.int8)
        self.position: dict[int, int] = {}

    def refresh(self) -> None:
        url = db.engine.url.render_as_string()
        if url != self.url:
            self.reset()
            self.url = url
        newest = db.session.scalar(sa.select(sa.func.max(BottleneckVector.changed_at)))
        if newest is None or (self.seen is not None and newest <= self.seen):
            return
        changed = sa.select(
            BottleneckVector.bottleneck_id, BottleneckVector.vector, BottleneckVector.scale
        )
        if self.seen is not None:
            changed = changed.where(BottleneckVector.changed_at > self.seen - LAG)
        changed = db.session.execute(changed)
        for bottleneck_id, vector, scale in changed:
            self._put(bottleneck_id, vector, scale)
        self.seen = newest

    def _put(self, bottleneck_id: int, vector: bytes | None, scale: float) -> None:
        at = self.position.get(bottleneck_id)
        if vector is None:
            if at is not None:
                self.ids[at], self.scales[at] = -1, 0.0
                del self.position[bottleneck_id]
            return
        if at is None:
            at = self.size
            self._grow(at + 1)
            self.size += 1
            self.position[bottleneck_id] = at
        self.ids[at], self.scales[at] = bottleneck_id, scale
        self.vectors[at] = embeddings.unpack(vector)

    def _grow(self, needed: int) -> None:
        import numpy as np

        if needed <= len(self.ids):
            return
        capacity = max(needed, 2 * len(self.ids), 1024)
        grown = np.zeros((capacity, embeddings.DIMENSIONS), np.int8)
        grown[: self.size] = self.vectors[: self.size]
        self.vectors = grown
        self.ids = np.concatenate([self.ids[: self.size], np.full(capacity - self.size, -1)])
        self.scales = np.concatenate([self.scales[: self.size], np.zeros(capacity - self.size)])
        self.scales = self.scales.astype(np.float32)

    def nearest(self, query: np.ndarray, count: int) -> dict[int, float]:
        """The `count` bottlenecks closest to the query vector: id → cosine. A large matrix is
        searched in two halves at once, the second in another thread (NumPy's casts and
        products run without the GIL)."""
        import numpy as np

        if not self.size:
            return {}
        # This process's view now: a refresh meanwhile (another greenlet) may grow the arrays.
        size, ids, scales, rows = self.size, self.ids, self.scales, self.vectors
        cosines = np.empty(size, np.float32)
        query = query.astype(np.float32)
        half = size // 2 // CHUNK * CHUNK if size >= SPLIT else 0
        if half:
            other = embeddings.beside(_products, rows, query, cosines, half, size)
            _products(rows, query, cosines, 0, half)
            other()
        else:
            _products(rows, query, cosines, 0, size)
        cosines *= scales[:size]
        count = min(count, size)
        best = np.argpartition(cosines, -count)[-count:]
        return {int(ids[i]): float(cosines[i]) for i in best if ids[i] > 0}

    def cosines(self, query: np.ndarray, bottleneck_ids) -> dict[int, float]:
        """The cosine of the query with each of these bottlenecks that has a vector."""
        import numpy as np

        found = {}
        for bottleneck_id in bottleneck_ids:
            at = self.position.get(bottleneck_id)
            if at is not None:
                row = self.vectors[at].astype(np.float32)
                found[bottleneck_id] = float(row @ query) * float(self.scales[at])
        return found


def _products(rows: np.ndarray, query: np.ndarray, out: np.ndarray, start: int, end: int) -> None:
    """The query's dot products with rows[start:end], into out, a chunk of float32 at a time."""
    import numpy as np

    for first in range(start, end, CHUNK):
        last = min(first + CHUNK, end)
        np.matmul(rows[first:last].astype(np.float32), query, out=out[first:last])


matrix = _Matrix()
