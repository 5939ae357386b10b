"""The API object every domain's `api.py` registers its blueprint on, and the JSON error shape.

Errors always look like `{"error": {"status": 404, "code": "not_found", "message": "…",
"fields": {"name": ["…"]}}}`; `fields` is present only for input errors. A service's refusal
keeps its own message; one that names a field is an input error (422). A privacy refusal adds
`"privacy": {"field", "findings", "redacted"}` so the client can show what was found and offer
the redaction, or resend with `confirmed_not_personal_data` for a false alarm.
"""

from contextlib import contextmanager
from datetime import UTC

import marshmallow as ma
import sqlalchemy as sa
from flask import current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.spec.plugins import integerconverter2paramschema
from sqlalchemy.orm.exc import StaleDataError
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import BadRequest, Conflict, HTTPException

from mdma.api.messages import translate_fields
from mdma.core.edge import (
    MAX_COUNT,
    MAX_ID,
    IdConverter,
    TooDeep,
    clean_json,
)
from mdma.core.errors import RuleViolation
from mdma.core.web import error_message
from mdma.extensions import csrf, db
from mdma.privacy.guard import PersonalDataFound

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
#: List endpoints: `?page=1&page_size=25`; more than MAX_PAGE_SIZE is refused with 422.
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class FindingSchema(ma.Schema):
    start = ma.fields.Int(dump_only=True)
    end = ma.fields.Int(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    label = ma.fields.Str(
        dump_only=True, metadata={"description": "The kind, in the caller's language"}
    )
    text = ma.fields.Str(dump_only=True)


class PrivacyRefusalSchema(ma.Schema):
    field = ma.fields.Str(dump_only=True)
    findings = ma.fields.List(ma.fields.Nested(FindingSchema), dump_only=True)
    redacted = ma.fields.Str(
        dump_only=True, metadata={"description": "The text with each finding replaced"}
    )


class ErrorDetailSchema(ma.Schema):
    status = ma.fields.Int(dump_only=True)
    code = ma.fields.Str(dump_only=True, metadata={"description": "not_found, conflict, …"})
    message = ma.fields.Str(dump_only=True, metadata={"description": "In the caller's language"})
    fields = ma.fields.Dict(ma.fields.Str(), ma.fields.List(ma.fields.Str()), dump_only=True)
    privacy = ma.fields.Nested(
        PrivacyRefusalSchema,
        dump_only=True,
        metadata={"description": "Only when the guard refused a text as personal data"},
    )


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema, dump_only=True)


#: X-Pagination is a JSON object in a header: described as such (`content`), not as an object
#: that header rules would spell `total,42,page,1`.
PAGINATION_HEADER = {
    "description": "Pagination metadata, as JSON",
    "content": {"application/json": {"schema": PaginationMetadataSchema}},
}


class MdmaApi(Api):
    #: What the document says errors look like (json_error writes them).
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        """The application's one error handler formats API errors (see json_error)."""

    def _register_pagination_header(self):
        if "PAGINATION" not in self.spec.components.headers:
            self.spec.components.header("PAGINATION", PAGINATION_HEADER, lazy=True)

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        self.register_converter(IdConverter, integerconverter2paramschema)
        self.spec.components.security_scheme(
            "bearerAuth",
            {"type": "http", "scheme": "bearer", "description": "Personal access token"},
        )
        self.spec.options["security"] = [{"bearerAuth": []}]

        app.before_request(_csrf_for_cookie_sessions)

    def register_blueprint(self, blp, **options):
        csrf.exempt(blp)  # checked by _csrf_for_cookie_sessions instead
        super().register_blueprint(blp, **options)


api = MdmaApi()


class EdgeParser(FlaskParser):
    """Reads a JSON body as the edge wants it: strings cleaned (`core.edge`), not nested too
    deeply, and refused in the caller's language when it is not JSON at all."""

    def _raw_load_json(self, req):
        try:
            data = super()._raw_load_json(req)
            return data if data is webargs_core.missing else clean_json(data)
        except (TooDeep, RecursionError):
            raise _bad_body(_("What you sent is nested too deeply.")) from None

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        raise _bad_body(_("What you sent is not valid JSON.")) from None


def _bad_body(message: str) -> BadRequest:
    error = BadRequest(description=message)
    error.data = {"message": message}
    return error


class _Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = EdgeParser()

    def _document_pagination_metadata(self, spec, resp_doc):
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = "PAGINATION"


def Blueprint(name: str, import_name: str, url_prefix: str, description: str):  # noqa: N802
    """A domain's API blueprint, mounted under /api/v1."""
    return _Blueprint(name, import_name, url_prefix=f"/api/v1{url_prefix}", description=description)


# --- Fields with the edge's bounds -------------------------------------------------------------


def Id(**kwargs) -> ma.fields.Integer:  # noqa: N802
    """The id of a row: from 1 to MAX_ID (an `integer` column on PostgreSQL)."""
    return ma.fields.Int(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


def Count(**kwargs) -> ma.fields.Integer:  # noqa: N802
    """A number a person gives (families met, …): from 1 to MAX_COUNT."""
    return ma.fields.Int(validate=ma.validate.Range(min=1, max=MAX_COUNT), **kwargs)


def Version(**kwargs) -> ma.fields.Integer:  # noqa: N802
    """The version of a row an edit was made on."""
    return ma.fields.Int(validate=ma.validate.Range(min=0, max=MAX_ID), **kwargs)


class DateTime(ma.fields.DateTime):
    """A moment as RFC 3339 with its offset: the database keeps naive UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class FreeText(ma.fields.String):
    """Free text that is stored: its service runs the privacy guard (the API's FreeTextField)."""

    def __init__(self, **kwargs):
        metadata = {
            "description": "Free text, checked for personal data before it is stored",
            "x-privacy-guard": True,
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)


def page_of(query, pagination) -> list:
    """One page of a select for a `@blp.paginate` endpoint; its total goes to X-Pagination."""
    return items_of(
        db.paginate(query, page=pagination.page, per_page=pagination.page_size, error_out=False),
        pagination,
    )


def items_of(page, pagination) -> list:
    """The items of a page already made (any object with `items` and `total`)."""
    pagination.item_count = page.total
    return page.items


@contextmanager
def one_commit(renamed: dict[str, str] | None = None):
    """The service calls of one request, committed once. A refusal rolls everything back and
    answers as the JSON error; so does an edit of a row someone changed meanwhile (409).
    `renamed` maps a service's field names to the API's (`sectors` → `sector_ids`)."""
    try:
        yield
        db.session.commit()
    except RuleViolation as violation:
        db.session.rollback()
        raise refusal(violation, renamed) from None
    except StaleDataError:
        db.session.rollback()
        raise Conflict() from None


def signed_in():
    """The signed-in user (by session cookie or API token) as the object services take."""
    return current_user._get_current_object()


def rows_of(model, wanted, field: str) -> list:
    """The rows of `model` with these ids, or 422 at `field` when one of them does not exist."""
    if not wanted:
        return []
    rows = db.session.scalars(sa.select(model).where(model.id.in_(set(wanted)))).all()
    if len(rows) != len(set(wanted)):
        raise refusal(RuleViolation(_("Choose from the list."), field))
    return list(rows)


def one_of(model, wanted, field: str):
    """The row of `model` with this id (None when none is asked), or 422 at `field`."""
    return rows_of(model, [wanted], field)[0] if wanted else None


def refusal(violation: RuleViolation, renamed: dict[str, str] | None = None) -> HTTPException:
    """A service's refusal as an HTTP error that `json_error` formats."""
    message = str(violation.message)
    field = (renamed or {}).get(violation.field, violation.field)
    error = HTTPException(description=message)
    error.code = 422 if field and violation.status == 400 else violation.status
    error.data = {"message": message}
    if field:
        error.data["messages"] = {"json": {field: [message]}}
    if isinstance(violation, PersonalDataFound):
        error.data["privacy"] = {
            "field": field,
            "findings": violation.as_json(),
            "redacted": violation.redacted,
        }
    return error


def _csrf_for_cookie_sessions():
    """A token-authenticated call needs no CSRF token; the platform's own pages' calls do."""
    if not request.path.startswith("/api/") or not current_app.config["WTF_CSRF_ENABLED"]:
        return
    if request.method in SAFE_METHODS:
        return
    # Loading the user first: the bearer-token loader is what marks the request as token-borne.
    if current_user.is_authenticated and not request.environ.get("mdma.api_token"):
        csrf.protect()


def _code(status: int) -> str:
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        422: "invalid_input",
        429: "too_many_requests",
    }.get(status, "server_error" if status >= 500 else "error")


def error_body(status: int, message: str, fields: dict | None = None, **extra) -> dict:
    error = {"status": status, "code": _code(status), "message": message}
    if fields:
        error["fields"] = translate_fields(fields)
    error.update(extra)
    return {"error": error}


def _messages(errors, parts: tuple = ()) -> list[str]:
    """A field's messages as a list of strings; those of its parts (a nested object's field, a
    list's item) say which part: `children_band: Must be one of: …`, `0: Not a valid integer.`"""
    if isinstance(errors, dict):
        return [
            message
            for part, nested in errors.items()
            for message in _messages(nested, (*parts, str(part)))
        ]
    if isinstance(errors, list | tuple):
        return [message for item in errors for message in _messages(item, parts)]
    return [f"{'.'.join(parts)}: {errors}" if parts else str(errors)]


def json_error(error: HTTPException):
    fields = None
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if messages:
        # webargs nests by location (`json`, `query`); callers care about the field names.
        fields = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                fields.update(
                    (str(name), _messages(errors)) for name, errors in location_errors.items()
                )
    # A privacy refusal carries its findings; a stale edit the current version of the row.
    extra = {key: data[key] for key in ("privacy", "current") if key in data}
    message = data.get("message") or error_message(error)
    response = jsonify(error_body(error.code, message, fields, **extra))
    response.status_code = error.code
    allow = dict(error.get_headers()).get("Allow")
    if allow:
        response.headers["Allow"] = allow
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="mdma"'
    return response
