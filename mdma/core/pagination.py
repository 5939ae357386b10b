"""Pages of long lists that stay fast however long the list is.

A page is found in two steps (a "deferred join"): first the ids of the page, in order, from a
query that selects the id alone — so the database filters, sorts and skips over narrow index
entries instead of whole rows —, then the rows of those ids with what the page shows of them.
The number of statements is the same whatever the page size.

The total is counted up to a limit (`COUNT_LIMIT` unless the caller gives another); past it
the page says "more than 10,000", as search engines do, because an exact count of a hundred
thousand matches costs more than the page itself and tells a reader nothing more.
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from mdma.core.edge import BoundedPages
from mdma.extensions import db

COUNT_LIMIT = 10_000


@dataclass
class Ids:
    """Where the ids of a list come from: `page(offset, limit)` gives the ids of one page in
    order, `count(limit)` how many there are, counting no further than `limit` + 1."""

    page: Callable[[int, int], list[int]]
    count: Callable[[int], int]

    @classmethod
    def of(cls, query: sa.Select, *, counted: sa.Select | None = None) -> "Ids":
        """From a select whose first column is the id, in the order of its ORDER BY; counted
        by `counted` when the same rows are quicker to count another way."""
        return cls(
            page=lambda offset, limit: list(db.session.scalars(query.offset(offset).limit(limit))),
            count=lambda limit: count_up_to(query if counted is None else counted, limit),
        )


def count_up_to(query: sa.Select, limit: int) -> int:
    """How many rows `query` has, counting no further than `limit` + 1."""
    found = query.order_by(None).limit(limit + 1).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(found))


class IdPagination(BoundedPages, Pagination):
    """A flask-sqlalchemy `Pagination` whose items are loaded by id (see the module).

    `total` is at most `count_limit` + 1; `total_is_exact` says whether it is the real total.
    """

    def _query_items(self) -> list:
        # One more id than the page shows tells whether there is a next page.
        ids = self._query_args["ids"].page(self._query_offset, self.per_page + 1)
        self._more = len(ids) > self.per_page
        ids = ids[: self.per_page]
        if not ids:
            return []
        model = self._query_args["model"]
        rows = db.session.scalars(
            sa.select(model).where(model.id.in_(ids)).options(*self._query_args["options"])
        )
        by_id = {row.id: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def _query_count(self) -> int:
        return self._query_args["ids"].count(self.count_limit)

    @property
    def count_limit(self) -> int:
        return self._query_args["count_limit"] or COUNT_LIMIT

    @property
    def total_is_exact(self) -> bool:
        return self.total is not None and self.total <= self.count_limit

    @property
    def has_next(self) -> bool:
        return self._more


def paginate_ids(
    ids: Ids | sa.Select,
    model,
    *,
    page: int | None = None,
    per_page: int | None = None,
    max_per_page: int | None = 100,
    options: tuple = (),
    count_limit: int | None = None,
) -> IdPagination:
    """The page of `model` rows whose ids `ids` lists in order (an `Ids`, or a select of the
    id first).

    `page` and `per_page` default to the request's `page` and `per_page` arguments, like
    `db.paginate`; a page past the end is empty rather than a 404.
    """
    return IdPagination(
        page=page,
        per_page=per_page,
        max_per_page=max_per_page,
        error_out=False,
        ids=ids if isinstance(ids, Ids) else Ids.of(ids),
        model=model,
        options=options,
        count_limit=count_limit,
    )
