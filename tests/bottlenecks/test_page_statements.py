"""The page of one bottleneck runs the same statements however long its discussion is, and
loads no relation twice in one request."""

import re
from collections import Counter

from mdma.bottlenecks import services
from tests import factories
from tests.conftest import login


def _discuss(bottleneck, posts: int) -> None:
    """Posts by as many writers, each from an organisation with sectors, some with their own."""
    for number in range(posts):
        organisation = factories.create_organisation()
        organisation.sectors = [factories.sector("housing"), factories.sector("income")]
        if number % 2:
            writer = factories.create_user("policy_owner", sectors=[factories.sector("housing")])
        else:
            writer = factories.create_user("case_manager")
        writer.organisation = organisation
        services.add_post(writer, bottleneck, f"Bijdrage {number}: hier ook zo.")


def _page_statements(client, session, count_queries, reader, bottleneck) -> list[str]:
    session.commit()  # expires every loaded object: the request starts cold
    login(client, reader)
    with count_queries() as counted:
        assert client.get(f"/bottlenecks/{bottleneck.id}").status_code == 200
    return counted.statements


def test_bottleneck_page_statements_do_not_grow_with_posts(client, session, count_queries):
    reader = factories.create_user("policy_owner", sectors=[factories.sector("housing")])
    short, long = factories.create_bottleneck(), factories.create_bottleneck()
    for bottleneck, posts in ((short, 2), (long, 30)):
        factories.route_bottleneck(bottleneck, "housing")
        _discuss(bottleneck, posts)
    few = _page_statements(client, session, count_queries, reader, short)
    many = _page_statements(client, session, count_queries, reader, long)
    assert len(many) == len(few), "\n".join(s[:150] for s in many)


def test_bottleneck_page_loads_no_relation_twice(client, session, count_queries):
    reader = factories.create_user("policy_owner", sectors=[factories.sector("housing")])
    bottleneck = factories.create_bottleneck()
    factories.route_bottleneck(bottleneck, "housing")
    _discuss(bottleneck, 6)
    statements = _page_statements(client, session, count_queries, reader, bottleneck)
    # The same query for other ids is the same load again: `IN (?, ?)` is `IN (?)`.
    shapes = Counter(re.sub(r"IN \([^)]*\)", "IN (…)", s) for s in statements)
    repeated = [s[:150] for s, n in shapes.items() if n > 1]
    assert not repeated, "\n".join(repeated)
