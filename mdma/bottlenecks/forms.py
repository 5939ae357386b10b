"""Bottleneck forms: shape and messages only; the routes fill in the choices from the directory."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from mdma.bottlenecks.models import (
    CHILDREN_BANDS,
    HOUSEHOLD_LABELS,
    LEVEL_LABELS,
    YOUNGEST_AGE_BANDS,
    Level,
)
from mdma.core.edge import MAX_COUNT, MAX_ID
from mdma.core.forms import FreeTextField, FreeTextLineField, MultiCheckboxField
from mdma.directory.models import LIFE_DOMAIN_LABELS
from mdma.threads.forms import PostForm  # noqa: F401  (the discussion's form, shown here)

REQUIRED = _l("This field is required.")
UNKNOWN = ("", _l("Not known or not relevant"))
DOMAIN_CHOICES = [(d.value, label) for d, label in LIFE_DOMAIN_LABELS.items()]
#: A writer or the triage may choose every level but structural: that takes a criteria check.
LEVEL_CHOICES = [
    (level.value, label) for level, label in LEVEL_LABELS.items() if level != Level.STRUCTURAL
]


def searchable(label, description=_l("Hold Ctrl (or Cmd) to choose several.")):
    """A multi-select that `static/js/multiselect.js` turns into a search box with chips; without
    JavaScript it is the plain select, with the hint on how to choose several."""
    return SelectMultipleField(
        label,
        coerce=int,
        description=description,
        render_kw={
            "size": 6,
            "data-multiselect": "",
            "data-multiselect-hint": _l("Type to search; choose as many as needed."),
            "data-no-results": _l("Nothing found."),
            "data-remove": _l("Remove"),
        },
    )


class HouseholdFields:
    """Household context from fixed lists only: never free text about a family."""

    household_type = SelectField(
        _l("Household"),
        choices=[UNKNOWN, *((h.value, lbl) for h, lbl in HOUSEHOLD_LABELS.items())],
        default="",
    )
    children_band = SelectField(
        _l("Number of children"), choices=[UNKNOWN, *((b, b) for b in CHILDREN_BANDS)], default=""
    )
    youngest_age_band = SelectField(
        _l("Age of the youngest child (years)"),
        choices=[UNKNOWN, *((b, b) for b in YOUNGEST_AGE_BANDS)],
        default="",
    )


class BottleneckForm(HouseholdFields, FlaskForm):
    title = FreeTextLineField(
        _l("Title"),
        validators=[DataRequired(REQUIRED), Length(max=200)],
        description=_l("What blocks families, in one sentence. No names or other details."),
    )
    description = FreeTextField(
        _l("Description"),
        validators=[Length(max=20000)],
        description=_l(
            "What happens, since when, what you tried. Markdown is allowed. "
            "Nothing that points to a family."
        ),
        render_kw={"rows": 8},
    )
    domains = MultiCheckboxField(_l("Life domains"), choices=DOMAIN_CHOICES)
    sectors = searchable(_l("Sectors concerned"))
    organisations = searchable(_l("Organisations concerned"))
    level = SelectField(_l("Level"), choices=LEVEL_CHOICES, default="operational")
    families_count = IntegerField(
        _l("With how many families do you meet it?"),
        default=1,
        validators=[InputRequired(REQUIRED), NumberRange(min=1, max=MAX_COUNT)],
    )
    #: The version the edit was made on: a stale edit is refused (409), not overwritten.
    version = IntegerField(
        widget=HiddenInput(), validators=[Optional(), NumberRange(min=0, max=MAX_ID)]
    )


class CorrectionForm(HouseholdFields, FlaskForm):
    """After submit only the text, life domains and household context can be corrected."""

    title = BottleneckForm.title
    description = BottleneckForm.description
    domains = MultiCheckboxField(_l("Life domains"), choices=DOMAIN_CHOICES)
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


class OccurrenceForm(HouseholdFields, FlaskForm):
    occurred_on = DateField(_l("When did you meet it?"), validators=[InputRequired(REQUIRED)])
    domains = MultiCheckboxField(_l("Life domains"), choices=DOMAIN_CHOICES)
    note = FreeTextField(
        _l("Short note (optional)"),
        validators=[Length(max=2000)],
        description=_l("What was different this time. Nothing that points to the family."),
        render_kw={"rows": 3},
    )


class TriageForm(FlaskForm):
    sectors = searchable(_l("Route to sectors"))
    owners = searchable(
        _l("Named policy owners (optional)"),
        _l("Grouped by sector, each with their sectors. Hold Ctrl (or Cmd) to choose several."),
    )
    level = SelectField(_l("Level"), choices=LEVEL_CHOICES)
    tags = FreeTextLineField(
        _l("Tags"), validators=[Length(max=300)], description=_l("Separated by commas.")
    )


class TransitionForm(FlaskForm):
    target = HiddenField(validators=[DataRequired()])
    reason = FreeTextField(
        _l("Reason or resolution"),
        validators=[Length(max=5000)],
        description=_l("Required to resolve, decline or reopen."),
        render_kw={"rows": 3},
    )


class MergeForm(FlaskForm):
    duplicate_id = IntegerField(
        _l("Number of the duplicate bottleneck"),
        validators=[InputRequired(REQUIRED), NumberRange(min=1, max=MAX_ID)],
        description=_l("Its occurrences, posts and followers move here; its address leads here."),
    )
    reason = FreeTextField(
        _l("Why (optional)"), validators=[Length(max=2000)], render_kw={"rows": 2}
    )
    #: Asked only when the two are in different states (the route fills in their two states).
    state = RadioField(_l("Which state to keep?"), choices=[], validators=[Optional()])


class ListFilterForm(FlaskForm):
    """The filters of the list, read from the query string (GET: no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), validators=[Optional()])
    domain = SelectField(_l("Life domain"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    level = SelectField(_l("Level"), validators=[Optional()])
    overdue = BooleanField(_l("Overdue only"))
    awaiting = BooleanField(_l("Awaiting a first answer"))
    mine = BooleanField(_l("Reported by me"))
    routed = BooleanField(_l("Routed to my sector"))
    sort = SelectField(_l("Sort"), validators=[Optional()])
