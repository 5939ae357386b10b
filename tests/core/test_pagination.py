"""Pages loaded by id: the order of the id query, and a total counted up to a limit."""

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.core import pagination
from tests import factories


def _users(n: int) -> list[User]:
    return [factories.create_user(name=f"Gebruiker {i}") for i in range(n)]


def test_a_page_keeps_the_order_of_the_id_query(session):
    users = _users(5)
    newest_first = sa.select(User.id).where(User.id.in_([u.id for u in users]))
    page = pagination.paginate_ids(newest_first.order_by(User.id.desc()), User, page=2, per_page=2)
    assert page.items == [users[2], users[1]]
    assert (page.total, page.pages, page.total_is_exact, page.has_next) == (5, 3, True, True)


def test_a_total_past_the_limit_is_more_than_the_limit(session, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    users = _users(6)
    ids = sa.select(User.id).where(User.id.in_([u.id for u in users])).order_by(User.id)
    page = pagination.paginate_ids(ids, User, page=2, per_page=2)
    assert (page.total, page.total_is_exact, page.count_limit) == (4, False, 3)
    # Past the counted pages the next page is known from the items alone.
    assert pagination.paginate_ids(ids, User, page=2, per_page=2).has_next
    last = pagination.paginate_ids(ids, User, page=3, per_page=2)
    assert last.items == users[4:] and not last.has_next
