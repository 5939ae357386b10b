"""The matrix of list and search cases the benchmark times: every filter alone, combinations,
every sort, deep pages, and searches for common and rare terms of one to three words."""

from dataclasses import dataclass

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.bottlenecks.queries import ListFilter, Sort
from mdma.directory.models import Organisation, Sector


@dataclass
class Case:
    name: str
    #: The query string of the page and the API.
    params: dict
    #: Who is signed in: the coordinator, or whoever "mine" and "routed to me" are about.
    user: User

    def filters(self) -> ListFilter:
        p = self.params
        return ListFilter(
            status=p.get("status"),
            domain=p.get("domain"),
            sector=p.get("sector"),
            organisation=p.get("organisation"),
            level=p.get("level"),
            overdue=bool(p.get("overdue")),
            mine=bool(p.get("mine")),
            my_sectors=bool(p.get("routed")),
            q=p.get("q", ""),
            sort=Sort(p["sort"]) if "sort" in p else None,
        )


#: Search terms by how often they occur in generated texts.
SEARCHES = {
    "common word": "leefloon",
    "frequent word": "gezin",
    "medium word": "huurwaarborg",
    "rare word": "budgetmeter",
    "rarest word": "studietoelage",
    "no match": "ruimtevaart",
    "two words": "sociale huur",
    "two words, rare pair": "tolk vaccinaties",
    "three words": "wachtlijst kinderopvang gezinnen",
}


def cases(session, users: dict[str, User]) -> list[Case]:
    sector = {s.code: s.id for s in session.scalars(sa.select(Sector))}
    organisation = {o.name: o.id for o in session.scalars(sa.select(Organisation))}
    ocmw = organisation["OCMW Kortrijk – Sociale dienst"]
    small = organisation["Energiehuis Kortrijk"]
    coordinator, writer, owner = users["coordinator"], users["casemanager1"], users["housing"]

    def case(name, user=coordinator, **params):
        return Case(name, params, user)

    matrix = [
        case("all, newest first"),
        case("status=submitted", status="submitted"),
        case("status=in_discussion", status="in_discussion"),
        case("status=closed", status="closed"),
        case("domain=housing", domain="housing"),
        case("domain=parents_education", domain="parents_education"),
        case("sector=housing", sector=sector["housing"]),
        case("organisation=OCMW (many)", organisation=ocmw),
        case("organisation=Energiehuis (few)", organisation=small),
        case("level=structural", level="structural"),
        case("overdue=1", overdue=1),
        case("mine=1 (case manager)", writer, mine=1),
        case("routed=1 (housing policy owner)", owner, routed=1),
        case("status=triaged&sector=housing", status="triaged", sector=sector["housing"]),
        case("overdue=1&sector=income", overdue=1, sector=sector["income"]),
        case("domain=income&level=intersectoral", domain="income", level="intersectoral"),
        case(
            "status=closed&domain=health&org=OCMW",
            status="closed",
            domain="health",
            organisation=ocmw,
        ),
        case("mine=1&status=in_discussion", writer, mine=1, status="in_discussion"),
        case("routed=1&overdue=1", owner, routed=1, overdue=1),
        case("routed=1&sort=longest_open", owner, routed=1, sort="longest_open"),
        case("sort=newest", sort="newest"),
        case("sort=occurrences", sort="occurrences"),
        case("sort=longest_open", sort="longest_open"),
        case("sort=relevance without q", sort="relevance"),
        case("page=200", page=200),
        case("page=200&sort=occurrences", page=200, sort="occurrences"),
        case("page=200&sort=longest_open", page=200, sort="longest_open"),
        case("domain=housing&page=200", domain="housing", page=200),
    ]
    for label, q in SEARCHES.items():
        matrix.append(case(f"q={q} ({label})", q=q))
    matrix += [
        case("q=leefloon&sort=newest", q="leefloon", sort="newest"),
        case("q=leefloon&sort=occurrences", q="leefloon", sort="occurrences"),
        case("q=leefloon&status=triaged", q="leefloon", status="triaged"),
        case(
            "q=wachtlijst&sector=housing&page=20", q="wachtlijst", sector=sector["housing"], page=20
        ),
        case("q=gezin&page=200", q="gezin", page=200),
        case("q=energie&mine=1", writer, q="energie", mine=1),
    ]
    return matrix
