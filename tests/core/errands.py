"""A test-only domain, "errands", declared the way sessions and proposals will be: its own
vocabulary of permissions, an object rule, a role on one object, a lifecycle and an API — all
without a line in `core` or `permissions`. Errands live in memory; their steps are stored in
the one step history like any other object's.
"""

from dataclasses import dataclass
from enum import StrEnum

import marshmallow as ma
from flask import abort
from flask.views import MethodView
from flask_login import current_user

from mdma.api.base import Blueprint, one_commit
from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import ObjectRole, Permission, Role, allowed, grant, protect, requires


class ErrandPermission(StrEnum):
    RUN = "errand:run"
    REVIEW = "errand:review"


class ErrandState(StrEnum):
    OPEN = "open"
    DONE = "done"
    APPROVED = "approved"


@dataclass
class Errand:
    __tablename__ = "errands"
    id: int
    runner_id: int
    reviewer_id: int
    status: str = ErrandState.OPEN


def declare() -> Lifecycle:
    """What a domain declares once, at import; a function here so the test can undo it."""
    grant({Role.CASE_MANAGER: {ErrandPermission.RUN}, Role.COORDINATOR: {ErrandPermission.RUN}})
    protect(
        "errands",
        # Running is the capability of front-line roles, but only the runner runs this one.
        rules={ErrandPermission.RUN: lambda actor, errand: actor.id == errand.runner_id},
        # Reviewing is nobody's capability: only the errand's own reviewer, whatever their role.
        roles=[
            ObjectRole(
                "reviewer",
                lambda actor, errand: actor.id == errand.reviewer_id,
                grants=frozenset({ErrandPermission.REVIEW}),
            )
        ],
    )
    S, P = ErrandState, ErrandPermission
    return Lifecycle(
        "errands",
        ErrandState,
        [
            Transition(S.OPEN, S.DONE, P.RUN, label="Done"),
            Transition(S.DONE, S.APPROVED, P.REVIEW, label="Approve"),
            Transition(S.DONE, S.OPEN, P.REVIEW, needs_reason=True, label="Send back"),
        ],
        authorize=allowed,
        labels={S.OPEN: "Open", S.DONE: "Done", S.APPROVED: "Approved"},
    )


ERRANDS: dict[int, Errand] = {}
blp = Blueprint("errands_api", __name__, "/errands", "A test-only domain")


class StepInput(ma.Schema):
    to = ma.fields.Str(required=True)
    reason = ma.fields.Str(load_default="")


class ErrandSchema(ma.Schema):
    id = ma.fields.Int()
    status = ma.fields.Str()


def api(lifecycle: Lifecycle) -> Blueprint:
    @blp.route("/<int:errand_id>/steps")
    class ErrandSteps(MethodView):
        # Any signed-in user may ask; the lifecycle decides, with the object's rules and roles.
        @requires(Permission.PROFILE_MANAGE)
        @blp.arguments(StepInput)
        @blp.response(200, ErrandSchema)
        def post(self, data, errand_id):
            """Take a step of an errand."""
            errand = ERRANDS.get(errand_id) or abort(404)
            if data["to"] not in set(ErrandState):
                abort(422)
            with one_commit():
                lifecycle.move(current_user, errand, data["to"], data["reason"])
            return errand

    return blp
