"""Every form and API input that takes free text is guarded, or is listed here with why not.

A new text field fails this test until it is a FreeTextField (its service runs the guard) or
is added to NOT_CONTENT with a reason; each guarded path must refuse a national number.
"""

import importlib
import pkgutil

import marshmallow as ma
import pytest
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField

import mdma
from mdma.core.forms import Guarded

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
}

#: Guarded pages: (form field, URL that stores or checks it).
GUARDED_PAGES = {"TextCheckForm.text": "/privacy/check"}


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


@pytest.mark.parametrize("field, url", sorted(GUARDED_PAGES.items()))
def test_guarded_page_refuses_a_national_number(client, session, create_user, login_as, field, url):
    login_as(create_user())
    name = field.split(".")[1]
    page = client.post(url, data={name: "Rijksregisternummer 85073000061."}).get_data(as_text=True)
    assert f'id="{name}-privacy"' in page
