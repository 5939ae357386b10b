"""Property-based requests from the OpenAPI document (schemathesis), shared by the fuzzing test
and its longer run (`bench/api/fuzz.py`).

Every operation of the document is called with the token of one role: half the requests on a
bottleneck that exists (so the deeper code runs), half on whatever id the document allows.
Positive requests follow the document, negative ones break it. Each response must be no 5xx,
and have a status, content type, headers and body the document declares, and an X-Pagination
header that is the JSON object it describes. (Whether a broken request is refused is not
asked: the edge first removes control characters, so a text too long by them may pass.)
"""

import json
import time
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as seeded
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mdma.accounts.authentication import create_api_token
from mdma.bottlenecks.signals import services as signals
from tests import factories

ROLES = ["case_manager", "social_worker", "policy_owner", "coordinator", "researcher", "admin"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass
class World:
    """What the requests find: a token per role, a routed bottleneck with an open criteria
    check, a draft, an archived organisation."""

    tokens: dict[str, str]
    bottleneck_id: int
    ids: dict[str, int] = field(default_factory=dict)


def make_world(session) -> World:
    """Invented data, written through the services and committed."""
    users = {role: factories.create_user(role) for role in ROLES}
    coordinator = users["coordinator"]
    bottleneck = factories.create_bottleneck(users["case_manager"])
    factories.route_bottleneck(bottleneck, "housing", coordinator=coordinator)
    signals.start_check(coordinator, bottleneck)
    draft = factories.create_bottleneck(users["social_worker"], draft=True)
    archived = factories.create_organisation(archived=True)
    tokens = {role: create_api_token(user, "fuzz", None)[1] for role, user in users.items()}
    session.commit()
    return World(tokens, bottleneck.id, {"draft": draft.id, "organisation": archived.id})


@dataclass
class Outcome:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE


def fuzz(
    app, world: World, role: str, *, examples: int, modes=(POSITIVE, NEGATIVE), seed=None
) -> Outcome:
    """Every operation, `examples` requests in each generation mode, as `role`."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    outcome = Outcome()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in modes:
            try:
                _run(operation, mode, world, headers, outcome, examples, seed)
            except (Exception, BaseExceptionGroup) as error:  # all failures, not only the first
                outcome.failures.append(_describe(operation, mode, error))
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run(operation, mode, world, headers, outcome, examples, seed):
    strategy = operation.as_strategy(generation_mode=mode)
    if "bottleneck_id" in _path_parameters(operation):
        strategy = st.one_of(
            strategy,
            operation.as_strategy(
                generation_mode=mode, path_parameters={"bottleneck_id": world.bottleneck_id}
            ),
        )

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=True,
    )
    def call(case):
        outcome.requests += 1
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
        _check_pagination_header(response)

    (seeded(seed)(call) if seed is not None else call)()


def _path_parameters(operation) -> set[str]:
    return {parameter.name for parameter in operation.path_parameters}


#: The fields of X-Pagination (flask-smorest's PaginationMetadataSchema); total and
#: total_pages are always there.
PAGINATION_FIELDS = {
    "total", "total_pages", "first_page", "last_page", "page", "previous_page", "next_page"
}  # fmt: skip


def _check_pagination_header(response) -> None:
    """The header the document describes as JSON (`content: application/json`) is that JSON."""
    value = response.headers.get("X-Pagination")
    if value is None:
        return
    metadata = json.loads(value)
    assert isinstance(metadata, dict), value
    assert {"total", "total_pages"} <= set(metadata) <= PAGINATION_FIELDS, value
    assert all(type(number) is int and number >= 0 for number in metadata.values()), value


def _describe(operation, mode, error: BaseException) -> str:
    parts = [f"{operation.method.upper()} {operation.path} ({mode.value}): {error}"]
    for sub in getattr(error, "exceptions", ()):
        parts.append(f"  - {type(sub).__name__}: {str(sub)[:2000]}")
    return "\n".join(parts)
