"""No input answers 5xx, and every answer is what the OpenAPI document says: schemathesis
generates requests from the document for every operation, with the token of each role, on
each database (see `fuzzing`; `bench/api/fuzz.py` runs the same for longer)."""

import pytest

from tests.api.fuzzing import NEGATIVE, POSITIVE, ROLES, fuzz, make_world

#: The roles that reach most of the write paths get more requests, and the broken ones too;
#: the others read, report or are refused. Small counts keep CI fast; every run walks the
#: same generated requests (derandomised, so never flaky).
WRITERS = {"coordinator", "case_manager"}


@pytest.mark.parametrize("role", ROLES)
def test_no_generated_request_answers_5xx_or_breaks_the_document(app, session, role):
    world = make_world(session)
    if role in WRITERS:
        outcome = fuzz(app, world, role, examples=2, modes=(POSITIVE, NEGATIVE))
    else:
        outcome = fuzz(app, world, role, examples=1, modes=(POSITIVE,))
    assert outcome.requests > 0
    assert not outcome.failures, "\n\n".join(outcome.failures)
