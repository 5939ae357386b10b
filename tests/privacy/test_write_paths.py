"""Every form and API input that takes free text is guarded, or is listed here with why not.

A new text field fails this test until it is a FreeTextField (its service runs the guard) or
is added to NOT_CONTENT with a reason; each guarded path must refuse a national number.
"""

import importlib
import pkgutil

import marshmallow as ma
import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField

import mdma
from mdma.bottlenecks.models import Bottleneck, Occurrence, Step
from mdma.core.forms import Guarded
from mdma.threads.models import Post
from tests import factories

#: Fields that hold no text about families: account, directory and search data.
NOT_CONTENT = {
    "LoginForm.email": "log-in",
    "ForgotPasswordForm.email": "log-in",
    "ProfileForm.name": "a professional's own name",
    "ProfileForm.handle": "a professional's own handle",
    "ApiTokenForm.name": "label of the user's own token",
    "UserForm.name": "a professional's name, set by an admin",
    "UserForm.email": "a professional's address, set by an admin",
    "SectorForm.name_nl": "directory",
    "SectorForm.name_fr": "directory",
    "SectorForm.name_en": "directory",
    "OrganisationForm.name": "directory",
    "OrganisationForm.contact_email": "directory: the organisation's desk",
    "OrganisationForm.contact_phone": "directory: the organisation's desk",
    "OrganisationForm.website": "directory",
    "ScanInput.text": "the live check itself: stores nothing",
    "OrganisationQuerySchema.q": "a search, not stored",
    "OrganisationQuerySchema.sector": "a filter, not stored",
    "ListFilterForm.q": "a search, not stored",
    "TransitionForm.target": "a status code from a button, checked against the lifecycle",
}

#: Guarded pages: form field → (who writes, the URL that stores or checks it, other fields).
#: `{b}` is a submitted bottleneck, `{d}` another one (a duplicate to merge).
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
    "OccurrenceForm.note": (
        "social_worker",
        "/bottlenecks/{b}/occurrences/new",
        {"occurred_on": "2026-01-05"},
    ),
    "PostForm.body": ("policy_owner", "/bottlenecks/{b}/posts", {}),
    "TriageForm.tags": (
        "coordinator",
        "/bottlenecks/{b}/triage",
        {"sectors": "1", "level": "structural"},
    ),
    "TransitionForm.reason": ("coordinator", "/bottlenecks/{b}/transition", {"target": "declined"}),
    "MergeForm.reason": ("coordinator", "/bottlenecks/{b}/merge", {"duplicate_id": "{d}"}),
}


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
            if isinstance(field, ma.fields.String) and not field.dump_only:
                fields[f"{schema.__name__}.{name}"] = ma.fields.String
    return fields


def test_every_free_text_input_is_guarded_or_explained():
    unexplained = [
        name
        for name, field_class in _text_fields().items()
        if not issubclass(field_class, Guarded) and name not in NOT_CONTENT
    ]
    assert not unexplained, (
        f"make these FreeTextFields or explain them in NOT_CONTENT: {unexplained}"
    )


def test_every_guarded_field_has_a_page_that_is_tested():
    guarded = {n for n, c in _text_fields().items() if issubclass(c, Guarded)}
    assert guarded == set(GUARDED_PAGES)


@pytest.mark.parametrize("field", sorted(GUARDED_PAGES))
def test_guarded_page_refuses_a_national_number(client, session, create_user, login_as, field):
    role, url, data = GUARDED_PAGES[field]
    ids = {"b": factories.create_bottleneck().id, "d": factories.create_bottleneck().id}
    login_as(create_user(role))
    session.commit()  # the refused request rolls back its own changes only
    name = field.split(".")[1]
    data = {key: value.format(**ids) for key, value in data.items()}
    response = client.post(
        url.format(**ids), data=data | {name: "Rijksregisternummer 85073000061."}
    )
    assert f'id="{name}-privacy"' in response.get_data(as_text=True)
    assert not any("85073000061" in text for text in stored_texts(session))


def stored_texts(session):
    """Every free text the bottleneck pages store, wherever it is kept."""
    columns = [
        Bottleneck.title,
        Bottleneck.description,
        sa.cast(Bottleneck.tags, sa.String),
        Occurrence.note,
        Step.reason,
        Post.body,
    ]
    for column in columns:
        yield from session.scalars(sa.select(column))
