"""Every form and API input that takes free text is guarded, or is listed here with why not.

A new text field fails this test until it is a FreeTextField (a form's) or a FreeText (an API
schema's; its service runs the guard) or is added to NOT_CONTENT with a reason; each guarded
path must refuse a national number. A code from a fixed list (`OneOf`) is no free text.
"""

import importlib
import pkgutil

import marshmallow as ma
import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField

import mdma
from mdma.api.base import FreeText
from mdma.bottlenecks import services
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.core.forms import Guarded
from mdma.core.lifecycle import Step
from mdma.core.logbook import LogEntry
from mdma.proposals.models import AdviceVersion, Followup, Progress, Proposal
from mdma.threads.models import Post
from tests import factories
from tests.conftest import login

#: Fields that hold no text about families: account, directory and search data.
NOT_CONTENT = {
    "LoginForm.email": "log-in",
    "ForgotPasswordForm.email": "log-in",
    "ProfileForm.name": "a professional's own name",
    "ProfileForm.handle": "a professional's own handle",
    "ApiTokenForm.name": "label of the user's own token",
    "UserForm.name": "a professional's name, set by an admin",
    "UserForm.email": "a professional's address, set by an admin",
    "InviteForm.name": "a professional's name, set by an admin",
    "InviteForm.email": "a professional's address, set by an admin",
    "GuestForm.name": "a session guest's name (a professional from outside), set by the coordinator",
    "GuestForm.email": "a session guest's address, set by the coordinator",
    "GuestInput.name": "a session guest's name (a professional from outside), set by the coordinator",
    "GuestInput.email": "a session guest's address, set by the coordinator",
    "SectorForm.name_nl": "directory",
    "SectorForm.name_fr": "directory",
    "SectorForm.name_en": "directory",
    "OrganisationForm.name": "directory",
    "OrganisationForm.contact_email": "directory: the organisation's desk",
    "OrganisationForm.contact_phone": "directory: the organisation's desk",
    "OrganisationForm.website": "directory",
    "ScanInput.text": "the live check itself: stores nothing",
    "FindingForm.text_hash": "a hash of the text a coordinator saw; compared, never stored",
    "OrganisationQuerySchema.q": "a search, not stored",
    "OrganisationQuerySchema.sector": "a filter, not stored",
    "BottleneckQuery.q": "a search, not stored",
    "SimilarQuery.title": "suggestions while typing, not stored",
    "SimilarQuery.description": "suggestions while typing, not stored",
    "ListFilterForm.q": "a search, not stored",
    "TransitionForm.target": "a status code from a button, checked against the lifecycle",
    "PostForm.as_answer": "a flag from the answer button",
    "MentionQuery.q": "completion while typing, not stored",
    "SessionForm.place": "where a meeting is held: a venue or room of an organisation",
    "SessionForm.online_url": "a meeting's video link",
    "NewSessionForm.place": "where a meeting is held: a venue or room of an organisation",
    "NewSessionForm.online_url": "a meeting's video link",
    "SessionInput.place": "where a meeting is held: a venue or room of an organisation",
    "SessionInput.online_url": "a meeting's video link",
    "SessionEdit.place": "where a meeting is held: a venue or room of an organisation",
    "SeriesInput.place": "where a meeting is held: a venue or room of an organisation",
    "SeriesInput.online_url": "a meeting's video link",
    "SessionEdit.online_url": "a meeting's video link",
    "SessionFilterForm.theme": "a search, not stored",
    "SessionTypeForm.name_nl": "configuration: the name of a kind of meeting",
    "SessionTypeForm.name_fr": "configuration: the name of a kind of meeting",
    "SessionTypeForm.name_en": "configuration: the name of a kind of meeting",
    "SessionTypeForm.rhythm": "configuration: how often a kind of meeting is held",
    "SessionQuery.theme": "a search, not stored",
    "StepForm.target": "a status code from a button, checked against the lifecycle",
}

#: A valid session form but for the field under test (a day far enough ahead).
SESSION_FIELDS = {"type_id": "1", "day": "2030-01-15", "start": "10:00", "end": "12:00"}

#: Guarded pages: form field → (who writes, the URL that stores or checks it, other fields).
#: `{b}` is a submitted bottleneck, `{d}` another one (a duplicate to merge).
PROPOSAL_TEXTS = ("title", "problem", "proposal", "expected_effect")
ADVICE_TEXTS = ("title", "introduction", "conclusion")
GUARDED_PAGES = {
    "TextCheckForm.text": ("case_manager", "/privacy/check", {}),
    "BottleneckForm.title": (
        "case_manager",
        "/bottlenecks/new",
        {"submit": "1", "families_count": "1"},
    ),
    "BottleneckForm.description": (
        "case_manager",
        "/bottlenecks/new",
        {"title": "Wachtlijst", "submit": "1", "families_count": "1"},
    ),
    "CorrectionForm.title": ("coordinator", "/bottlenecks/{b}/correct", {}),
    "CorrectionForm.description": (
        "coordinator",
        "/bottlenecks/{b}/correct",
        {"title": "Wachtlijst"},
    ),
    "OccurrenceForm.note": (
        "social_worker",
        "/bottlenecks/{b}/occurrences/new",
        {"occurred_on": "2026-01-05"},
    ),
    "PostForm.body": ("policy_owner", "/bottlenecks/{b}/posts", {}),
    "TriageForm.tags": (
        "coordinator",
        "/bottlenecks/{b}/triage",
        {"sectors": "1", "level": "intersectoral"},
    ),
    "TransitionForm.reason": ("coordinator", "/bottlenecks/{b}/transition", {"target": "declined"}),
    "MergeForm.reason": ("coordinator", "/bottlenecks/{b}/merge", {"duplicate_id": "{d}"}),
    **{
        f"AssessmentForm.{criterion}_comment": (
            "checking",
            "/bottlenecks/{b}/check/assessments",
            {"sector": "{s}", **dict.fromkeys(("clear", "neutral", "recognised", "shared"), "yes")},
        )
        for criterion in ("clear", "neutral", "recognised", "shared")
    },
    "CloseCheckForm.outcome": ("checking-coordinator", "/bottlenecks/{b}/check/close", {}),
    "OwnerForm.theme": ("structural", "/bottlenecks/{b}/owner", {"owner": "{o}"}),
    "OwnerForm.reason": (
        "structural",
        "/bottlenecks/{b}/owner",
        {"owner": "{o}", "theme": "Wonen"},
    ),
    "ProgressForm.body": ("owner", "/bottlenecks/{b}/progress", {}),
    # `{post}`: a post of the writer's in the bottleneck's thread.
    "EditPostForm.body": ("case_manager", "/threads/posts/{post}/edit", {"version": "1"}),
    "HideForm.reason": ("coordinator", "/threads/posts/{post}/hide", {}),
    # `{m}` is a planned session, `{i}` an item of its agenda.
    "NewSessionForm.theme": ("coordinator", "/sessions/new", {**SESSION_FIELDS}),
    "NewSessionForm.description": (
        "coordinator",
        "/sessions/new",
        {**SESSION_FIELDS, "theme": "Wonen"},
    ),
    "SessionForm.theme": ("coordinator", "/sessions/{m}/edit", {**SESSION_FIELDS}),
    "SessionForm.description": (
        "coordinator",
        "/sessions/{m}/edit",
        {**SESSION_FIELDS, "theme": "Wonen"},
    ),
    "ItemForm.title": ("coordinator", "/sessions/{m}/agenda", {"kind": "text"}),
    "MinutesForm.minutes": ("coordinator", "/sessions/{m}/agenda/{i}/minutes", {}),
    "DecisionForm.decision": ("coordinator", "/sessions/{m}/agenda/{i}/decisions", {}),
    "ActionPointForm.action": (
        "coordinator",
        "/sessions/{m}/agenda/{i}/action-points",
        {"owner_id": "{o}", "due_on": "2030-01-20"},
    ),
    **{
        f"ProposalForm.{name}": (
            "proposal:writer",
            "/proposals/new",
            {
                "title": "Loket",
                "problem": "Wachten.",
                "proposal": "Sneller.",
                "kind": "agreement",
                "levels": name[5:] if name.startswith("body_") else "local",
                "owner": "{w}",
                "sector": "0",
                "organisation": "0",
            },
        )  # fmt: skip
        for name in PROPOSAL_TEXTS + ("body_local", "body_flemish", "body_federal")
    },
    "StepForm.reason": ("proposal:draft", "/proposals/{p}/steps", {"target": "abandoned"}),
    "SubmitForm.submitted_to": (
        "proposal:in_advice",
        "/proposals/levels/{f}/submit",
        {"submitted_on": "2026-01-05"},
    ),
    "AnswerForm.answer_text": (
        "proposal:submitted",
        "/proposals/levels/{f}/answer",
        {"answer": "partly", "answered_on": "2026-02-01"},
    ),
    "ImplementationForm.text": (
        "proposal:implementing",
        "/proposals/levels/{f}/progress",
        {"percent": "10"},
    ),
    "ImplementationForm.reason": (
        "proposal:implementing",
        "/proposals/levels/{f}/progress",
        {"percent": "10", "text": "Gestart."},
    ),
    **{
        f"AdviceForm.{name}": (
            "proposal:advice",
            "/advices/{a}/edit",
            {"title": "Advies", "grouping": "domain"},
        )
        for name in ADVICE_TEXTS
    },
    **{
        f"NewAdviceForm.{name}": (
            "proposal:writer",
            "/advices/new",
            {
                "title": "Advies",
                "grouping": "domain",
                "level": "flemish",
                "language": "nl",
                "period_start": "2026-01-01",
                "period_end": "2026-12-31",
            },
        )  # fmt: skip
        for name in ADVICE_TEXTS
    },
}


def prepare(role: str, bottleneck):
    """The user who writes, with the bottleneck brought to where they write: a criteria check
    open (`checking`: its assessor), structural (its coordinator), owned (its owner)."""
    from mdma.bottlenecks.signals import services as signals

    if role not in ("checking", "checking-coordinator", "structural", "owner"):
        return factories.create_user(role)
    income = factories.sector("income")
    coordinator = factories.create_user("coordinator")
    assessor = factories.create_user("policy_owner", sectors=[income])
    factories.route_bottleneck(bottleneck, "income", coordinator=coordinator)
    check = signals.start_check(coordinator, bottleneck)
    if role == "checking":
        return assessor
    if role == "checking-coordinator":
        return coordinator
    signals.assess(
        assessor, check, income, dict.fromkeys(("clear", "neutral", "recognised", "shared"), True)
    )
    if role == "structural":
        return coordinator
    signals.name_owner(coordinator, bottleneck, assessor, "Wonen")
    return assessor


BOTTLENECKS = "/api/v1/bottlenecks"
SESSIONS = "/api/v1/sessions"


def _session_body(*_args) -> dict:
    meeting = _latest_session()
    return {
        "type_id": meeting.type_id,
        "theme": "Wonen",
        "starts_at": "2030-01-15T10:00:00+01:00",
        "ends_at": "2030-01-15T12:00:00+01:00",
    }


def _session_edit(*_args) -> dict:
    return _session_body() | {"version": _latest_session().version}


def _latest_session():
    from mdma.extensions import db
    from mdma.sessions.models import Session

    return db.session.scalar(sa.select(Session).order_by(Session.id.desc()))


def _session_ids() -> dict:
    """A planned session with one item on its agenda: `{m}` and `{i}`."""
    from mdma.sessions import agenda
    from tests.sessions.conftest import plan_session

    coordinator = factories.create_user("coordinator")
    meeting = plan_session(coordinator)
    item = agenda.add_item(coordinator, meeting, kind="text", title="Rondvraag")
    return {"m": meeting.id, "i": item.id}


#: Guarded API fields: (schema field, the request that stores it; `{id}` is a bottleneck).
GUARDED_API = {
    "BottleneckInput.title": f"POST {BOTTLENECKS}",
    "BottleneckInput.description": f"POST {BOTTLENECKS}",
    "BottleneckEdit.title": f"PATCH {BOTTLENECKS}/{{id}}",
    "BottleneckEdit.description": f"PATCH {BOTTLENECKS}/{{id}}",
    "OccurrenceInput.note": f"POST {BOTTLENECKS}/{{id}}/occurrences",
    "TriageInput.tags": f"POST {BOTTLENECKS}/{{id}}/triage",
    "TransitionInput.reason": f"POST {BOTTLENECKS}/{{id}}/transitions",
    "MergeInput.reason": f"POST {BOTTLENECKS}/{{id}}/merge",
    "PostInput.body": f"POST {BOTTLENECKS}/{{id}}/posts",
    "AssessmentInput.comments": f"POST {BOTTLENECKS}/{{id}}/checks/open/assessments",
    "CloseInput.outcome": f"POST {BOTTLENECKS}/{{id}}/checks/open/close",
    "OwnerInput.theme": f"PUT {BOTTLENECKS}/{{id}}/signal/owner",
    "OwnerInput.reason": f"PUT {BOTTLENECKS}/{{id}}/signal/owner",
    "ReportInput.body": f"POST {BOTTLENECKS}/{{id}}/progress-reports",
    # `{post}`: a post of the caller's in the bottleneck's thread.
    "PostEdit.body": "PATCH /api/v1/posts/{post}",
    "HideInput.reason": "POST /api/v1/posts/{post}/hide",
    "SessionInput.theme": f"POST {SESSIONS}",
    "SessionInput.description": f"POST {SESSIONS}",
    "SessionEdit.theme": f"PUT {SESSIONS}/{{m}}",
    "SeriesInput.theme": f"POST {SESSIONS}/series",
    "SeriesInput.description": f"POST {SESSIONS}/series",
    "SessionEdit.description": f"PUT {SESSIONS}/{{m}}",
    "ItemInput.title": f"POST {SESSIONS}/{{m}}/agenda",
    "MinutesInput.minutes": f"PUT {SESSIONS}/{{m}}/agenda/{{i}}/minutes",
    "DecisionInput.text": f"POST {SESSIONS}/{{m}}/agenda/{{i}}/decisions",
    "ActionPointInput.text": f"POST {SESSIONS}/{{m}}/agenda/{{i}}/action-points",
    **{f"ProposalInput.{name}": "POST /api/v1/proposals" for name in (*PROPOSAL_TEXTS, "levels")},
    "ProposalStepInput.reason": "POST /api/v1/proposals/{p}/transitions",
    "FollowupStepInput.reason": "POST /api/v1/proposals/levels/{f}/transitions",
    "SubmissionInput.submitted_to": "POST /api/v1/proposals/levels/{f}/submission",
    "AnswerInput.answer_text": "POST /api/v1/proposals/levels/{f}/answer",
    "ProgressInput.text": "POST /api/v1/proposals/levels/{f}/progress",
    "ProgressInput.reason": "POST /api/v1/proposals/levels/{f}/progress",
    **{f"AdviceContentInput.{name}": "PUT /api/v1/advices/{a}" for name in ADVICE_TEXTS},
    **{f"NewAdviceInput.{name}": "POST /api/v1/advices" for name in ADVICE_TEXTS},
}
#: Who makes each guarded request, and the rest of a valid body for `bottleneck` (`other` is a
#: second bottleneck, for a merge). PATCH edits the caller's own draft.
API_CALLS = {
    f"POST {BOTTLENECKS}": ("case_manager", lambda bottleneck, other: {"title": "Waarborg"}),
    f"PATCH {BOTTLENECKS}/{{id}}": (
        "case_manager",
        lambda bottleneck, other: {"version": bottleneck.version},
    ),
    f"POST {BOTTLENECKS}/{{id}}/occurrences": (
        "social_worker",
        lambda bottleneck, other: {"occurred_on": "2026-01-05"},
    ),
    f"POST {BOTTLENECKS}/{{id}}/triage": (
        "coordinator",
        lambda bottleneck, other: {
            "sector_ids": [factories.sector("housing").id],
            "level": "intersectoral",
        },
    ),
    f"POST {BOTTLENECKS}/{{id}}/transitions": (
        "coordinator",
        lambda bottleneck, other: {"to": "declined"},
    ),
    f"POST {BOTTLENECKS}/{{id}}/merge": (
        "coordinator",
        lambda bottleneck, other: {"duplicate_id": other.id},
    ),
    f"POST {BOTTLENECKS}/{{id}}/posts": ("case_manager", lambda bottleneck, other: {}),
    f"POST {BOTTLENECKS}/{{id}}/checks/open/assessments": (
        "checking",
        lambda bottleneck, other: {
            "sector_id": factories.sector("income").id,
            **dict.fromkeys(("clear", "neutral", "recognised", "shared"), True),
        },
    ),
    f"POST {BOTTLENECKS}/{{id}}/checks/open/close": ("checking-coordinator", lambda b, o: {}),
    f"PUT {BOTTLENECKS}/{{id}}/signal/owner": (
        "structural",
        lambda bottleneck, other: {"owner_id": _any_owner().id, "theme": "Wonen"},
    ),
    f"POST {BOTTLENECKS}/{{id}}/progress-reports": ("owner", lambda b, o: {}),
    "PATCH /api/v1/posts/{post}": ("case_manager", lambda b, o: {"version": 1}),
    "POST /api/v1/posts/{post}/hide": ("coordinator", lambda b, o: {}),
    f"POST {SESSIONS}": ("coordinator", _session_body),
    f"PUT {SESSIONS}/{{m}}": ("coordinator", _session_edit),
    f"POST {SESSIONS}/series": (
        "coordinator",
        lambda *_args: _session_body() | {"every_months": 2, "count": 3},
    ),
    f"POST {SESSIONS}/{{m}}/agenda": ("coordinator", lambda b, o: {"kind": "text"}),
    f"PUT {SESSIONS}/{{m}}/agenda/{{i}}/minutes": ("coordinator", lambda b, o: {}),
    f"POST {SESSIONS}/{{m}}/agenda/{{i}}/decisions": ("coordinator", lambda b, o: {}),
    f"POST {SESSIONS}/{{m}}/agenda/{{i}}/action-points": (
        "coordinator",
        lambda b, o: {"owner_id": _any_owner().id, "due_on": "2030-01-20"},
    ),
    "POST /api/v1/proposals": (
        "proposal:writer",
        lambda b, o: {"title": "Loket", "kind": "agreement", "levels": {"local": ""}},
    ),
    "POST /api/v1/proposals/{p}/transitions": ("proposal:draft", lambda b, o: {"to": "abandoned"}),
    "POST /api/v1/proposals/levels/{f}/transitions": (
        "proposal:answered",
        lambda b, o: {"to": "not_realised"},
    ),
    "POST /api/v1/proposals/levels/{f}/submission": (
        "proposal:in_advice",
        lambda b, o: {"submitted_on": "2026-01-05", "submitted_to": "Kabinet"},
    ),
    "POST /api/v1/proposals/levels/{f}/answer": (
        "proposal:submitted",
        lambda b, o: {"answer": "accepted", "answered_on": "2026-02-01"},
    ),
    "POST /api/v1/proposals/levels/{f}/progress": (
        "proposal:implementing",
        lambda b, o: {"percent": 10, "text": "Gestart."},
    ),
    "PUT /api/v1/advices/{a}": (
        "proposal:advice",
        lambda b, o: {"title": "Advies", "proposal_ids": []},
    ),
    "POST /api/v1/advices": (
        "proposal:writer",
        lambda b, o: {
            "title": "Advies",
            "level": "flemish",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "proposal_ids": [],
        },
    ),  # fmt: skip
}


def proposal_stage(role: str):
    """A coordinator and a proposal brought to the stage `role` names (`proposal:submitted`:
    its Flemish level submitted), with the ids its URLs need."""
    from datetime import date

    from mdma.proposals import advice
    from mdma.proposals import services as proposals

    stage = role.split(":")[1]
    coordinator = factories.create_user("coordinator")
    ids = {"w": coordinator.id}
    if stage == "writer":
        return coordinator, ids
    draft = proposals.Draft(title="Loket", kind="improvement", levels={"flemish": ""})
    proposal = proposals.save(coordinator, None, draft)
    ids["p"] = proposal.id
    if stage == "draft":
        return coordinator, ids
    proposals.transition(coordinator, proposal, "under_discussion")
    proposals.transition(coordinator, proposal, "adopted")
    made = advice.create(
        coordinator, level="flemish", period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), content=advice.Content("Advies", proposal_ids=[proposal.id]),
    )  # fmt: skip
    followup = proposal.followup("flemish")
    ids |= {"a": made.id, "f": followup.id}
    steps = [
        ("advice", lambda: None),
        ("in_advice", lambda: proposals.followup_step(coordinator, followup, "in_advice")),
        ("submitted", lambda: proposals.submit(
            coordinator, followup, on=date(2026, 1, 5), to="Kabinet")),
        ("answered", lambda: proposals.answer(
            coordinator, followup, outcome="accepted", text="", on=date(2026, 1, 20))),
        ("implementing", lambda: proposals.followup_step(
            coordinator, followup, "in_implementation")),
    ]  # fmt: skip
    for name, step in steps:
        step()
        if name == stage:
            break
    return coordinator, ids


def _any_owner():
    return factories.create_user("policy_owner")


def _all_subclasses(base):
    for module in pkgutil.walk_packages(mdma.__path__, "mdma."):
        importlib.import_module(module.name)
    seen, todo = set(), [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def _text_fields():
    fields = {}
    for form in _all_subclasses(FlaskForm):
        if not form.__module__.startswith("mdma."):
            continue
        for name in dir(form):
            unbound = getattr(form, name)
            field_class = getattr(unbound, "field_class", None)
            if field_class is None or issubclass(field_class, PasswordField):
                continue  # passwords are hashed, never stored as text
            if issubclass(field_class, StringField | Guarded):
                fields[f"{form.__name__}.{name}"] = field_class
    for schema in _all_subclasses(ma.Schema):
        if not schema.__module__.startswith("mdma."):
            continue
        for name, field in schema._declared_fields.items():
            if field.dump_only:
                continue
            if isinstance(field, ma.fields.List):
                field = field.inner  # tags: each item is a text
            if isinstance(field, ma.fields.Dict) and field.value_field is not None:
                field = field.value_field  # comments per criterion: each value is a text
            if isinstance(field, ma.fields.String) and not _is_choice(field):
                fields[f"{schema.__name__}.{name}"] = type(field)
    return fields


def _is_choice(field) -> bool:
    return any(isinstance(validator, ma.validate.OneOf) for validator in field.validators)


def _guarded(field_class) -> bool:
    return issubclass(field_class, Guarded | FreeText)


def test_every_free_text_input_is_guarded_or_explained():
    unexplained = [
        name
        for name, field_class in _text_fields().items()
        if not _guarded(field_class) and name not in NOT_CONTENT
    ]
    assert not unexplained, (
        f"make these FreeTextFields or explain them in NOT_CONTENT: {unexplained}"
    )


def test_every_guarded_field_has_a_page_that_is_tested():
    guarded = {n for n, c in _text_fields().items() if issubclass(c, Guarded)}
    assert guarded == set(GUARDED_PAGES)


def test_every_guarded_api_field_has_a_request_that_is_tested():
    guarded = {n for n, c in _text_fields().items() if issubclass(c, FreeText)}
    assert guarded == set(GUARDED_API)
    assert set(GUARDED_API.values()) == set(API_CALLS)


def _stored(session, bottleneck) -> tuple:
    """Everything a guarded request could have written."""
    counts = [
        session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Bottleneck, Occurrence, Step, Post, LogEntry)
    ]
    counts += [
        session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Proposal, Progress, AdviceVersion)
    ]
    proposals = tuple(session.execute(sa.select(Proposal.title, Proposal.status)))
    levels = tuple(session.execute(sa.select(Followup.submitted_to, Followup.answer_text)))
    session.refresh(bottleneck)
    return (
        *counts, proposals, levels, bottleneck.version, bottleneck.status, bottleneck.title,
        bottleneck.tags,
    )  # fmt: skip


@pytest.mark.parametrize("field, request_line", sorted(GUARDED_API.items()))
def test_guarded_api_field_refuses_a_national_number_and_stores_nothing(
    client, session, create_user, field, request_line
):
    role, rest_of_body = API_CALLS[request_line]
    editing = request_line.startswith(f"PATCH {BOTTLENECKS}")
    writer = create_user(role) if editing else create_user()
    report = services.Report(title="Huurwaarborg te duur", description="Zonder namen.")
    bottleneck = services.save_draft(writer, report)
    if not editing:
        services.submit(writer, bottleneck)
    extra = {}
    if role.startswith("proposal:"):
        caller, extra = proposal_stage(role)
    else:
        caller = writer if editing else prepare(role, bottleneck)
    other = services.report(create_user(), report)
    post = (
        services.add_post(caller, bottleneck, "Een bijdrage.") if "{post}" in request_line else None
    )
    meeting = _session_ids()
    session.commit()  # a refused request rolls back its own changes, not the test's
    before = _stored(session, bottleneck)
    method, path = request_line.split(" ")
    schema_name, name = field.split(".")
    text = "Rijksregisternummer 85073000061."
    value = {"tags": [text], "comments": {"clear": text}, "levels": {"local": text}}.get(name, text)
    login(client, caller)
    response = client.open(
        path.format(id=bottleneck.id, post=getattr(post, "id", None), **meeting, **extra),
        method=method,
        json=rest_of_body(bottleneck, other) | {name: value},
    )
    assert response.status_code == 422, response.json
    assert response.json["error"]["privacy"]["findings"][0]["kind"] == "national_number"
    assert _stored(session, bottleneck) == before


@pytest.mark.parametrize("field", sorted(GUARDED_PAGES))
def test_guarded_page_refuses_a_national_number(client, session, create_user, login_as, field):
    role, url, data = GUARDED_PAGES[field]
    bottleneck, other = factories.create_bottleneck(), factories.create_bottleneck()
    extra = {}
    if role.startswith("proposal:"):
        writer, extra = proposal_stage(role)
    else:
        writer = prepare(role, bottleneck)
    ids = {"b": bottleneck.id, "d": other.id, "s": factories.sector("income").id, **extra}
    ids["o"] = factories.create_user("policy_owner").id
    if "{post}" in url:
        ids["post"] = services.add_post(writer, bottleneck, "Een bijdrage.").id
    ids |= _session_ids()
    login_as(writer)
    session.commit()  # the refused request rolls back its own changes only
    before = _stored(session, bottleneck)
    name = field.split(".")[1]
    data = {key: value.format(**ids) for key, value in data.items()}
    response = client.post(
        url.format(**ids), data=data | {name: "Rijksregisternummer 85073000061."}
    )
    assert f'id="{name}-privacy"' in response.get_data(as_text=True)
    assert _stored(session, bottleneck) == before
