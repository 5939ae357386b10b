"""The shared machinery, used by a domain it has never heard of: the test-only "errands"
(tests/core/errands.py) declares its permissions, object rule, object role, lifecycle and API
without touching `core` or `permissions`, and everything answers for it."""

import pytest
import sqlalchemy as sa
from flask import request_started
from flask_migrate import upgrade

from mdma import create_app, permissions
from mdma.api.base import api
from mdma.core.errors import AccessDenied, RuleViolation
from mdma.core.lifecycle import Step
from mdma.extensions import db
from tests import conftest, factories
from tests.conftest import login, shared_extensions_kept
from tests.core import errands
from tests.core.errands import Errand, ErrandPermission, ErrandState


@pytest.fixture
def lifecycle(monkeypatch):
    monkeypatch.setattr(permissions, "ROLE_PERMISSIONS", dict(permissions.ROLE_PERMISSIONS))
    monkeypatch.setattr(permissions, "_POLICIES", dict(permissions._POLICIES))
    return errands.declare()


@pytest.fixture
def people(session):
    return {
        "runner": factories.create_user("case_manager"),
        "colleague": factories.create_user("case_manager"),
        "reviewer": factories.create_user("researcher"),
        "coordinator": factories.create_user("coordinator"),
    }


def errand(people, status=ErrandState.OPEN) -> Errand:
    return Errand(
        id=7, runner_id=people["runner"].id, reviewer_id=people["reviewer"].id, status=status
    )


@pytest.mark.parametrize(
    "who, state, steps",
    [
        ("runner", ErrandState.OPEN, [ErrandState.DONE]),
        ("colleague", ErrandState.OPEN, []),  # the capability, but not this errand's runner
        ("coordinator", ErrandState.OPEN, []),
        ("reviewer", ErrandState.OPEN, []),
        ("reviewer", ErrandState.DONE, [ErrandState.APPROVED, ErrandState.OPEN]),  # object role
        ("coordinator", ErrandState.DONE, []),  # no platform role reviews
        ("runner", ErrandState.APPROVED, []),
    ],
)
def test_steps_each_person_may_take_follow_rules_and_roles(lifecycle, people, who, state, steps):
    offered = lifecycle.steps_for(people[who], errand(people, state))
    assert [step.target for step in offered] == steps


def test_an_object_role_grants_a_permission_nobody_holds_by_role(lifecycle, people):
    done = errand(people, ErrandState.DONE)
    assert permissions.allowed(people["reviewer"], ErrandPermission.REVIEW, done)
    assert not permissions.allowed(people["reviewer"], ErrandPermission.REVIEW)
    assert permissions.roles_on(people["reviewer"], done) == {"reviewer"}
    assert permissions.roles_on(people["runner"], done) == set()


def test_move_records_the_step_and_the_logbook(lifecycle, people, session):
    task = errand(people)
    lifecycle.move(people["runner"], task, ErrandState.DONE)
    assert task.status == ErrandState.DONE
    [step] = lifecycle.history(task)
    assert (step.subject_type, step.subject_id, step.source, step.target) == (
        "errands",
        7,
        "open",
        "done",
    )
    assert step.actor == people["runner"] and step.target_label == "Done"


def test_move_refuses_the_wrong_person_and_a_missing_reason(lifecycle, people, session):
    task = errand(people)
    with pytest.raises(AccessDenied):
        lifecycle.move(people["colleague"], task, ErrandState.DONE)
    lifecycle.move(people["runner"], task, ErrandState.DONE)
    with pytest.raises(RuleViolation) as refused:
        lifecycle.move(people["reviewer"], task, ErrandState.OPEN)
    assert refused.value.field == "reason"
    with pytest.raises(RuleViolation) as impossible:
        lifecycle.move(people["reviewer"], task, ErrandState.DONE)
    assert impossible.value.status == 409
    assert task.status == ErrandState.DONE


def test_side_effects_run_on_entering_a_state(lifecycle, people, session):
    entered = []
    lifecycle.on_enter(ErrandState.APPROVED)(lambda actor, obj, step: entered.append(obj.id))
    task = errand(people, ErrandState.DONE)
    lifecycle.move(people["reviewer"], task, ErrandState.APPROVED)
    assert entered == [7]


@pytest.fixture
def errands_app(lifecycle, smtp_server, tmp_path):
    """A platform with the errands API registered, on a database of its own."""
    with shared_extensions_kept():
        config = conftest.testing_config(f"sqlite:///{tmp_path / 'errands.sqlite'}", 25, tmp_path)
        application = create_app(config, instance_path=str(tmp_path))
        api.register_blueprint(errands.api(lifecycle))
        request_started.connect(conftest._fresh_request_globals, application)
        with application.app_context():
            upgrade()
            yield application
            db.session.remove()
            db.engine.dispose()


def test_the_domains_api_answers_through_the_same_rules(errands_app):
    with errands_app.app_context():
        runner = factories.create_user("case_manager")
        colleague = factories.create_user("case_manager")
        reviewer = factories.create_user("researcher")
        db.session.commit()
        errands.ERRANDS[7] = Errand(id=7, runner_id=runner.id, reviewer_id=reviewer.id)
        client = errands_app.test_client()

        def step(user, **body):
            login(client, user)
            return client.post("/api/v1/errands/7/steps", json=body)

        assert step(colleague, to="done").status_code == 403
        assert step(runner, to="done").json["status"] == "done"
        refused = step(reviewer, to="open")
        assert refused.status_code == 422 and "reason" in refused.json["error"]["fields"]
        assert step(reviewer, to="approved").json["status"] == "approved"
        steps = db.session.scalars(sa.select(Step).where(Step.subject_type == "errands")).all()
        assert [(s.source, s.target) for s in steps] == [("open", "done"), ("done", "approved")]
        assert (
            "/api/v1/errands/{errand_id}/steps" in client.get("/api/v1/openapi.json").json["paths"]
        )
