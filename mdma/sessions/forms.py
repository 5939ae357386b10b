"""Session forms: shape and messages only; the routes fill in the choices."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from mdma.accounts.forms import LANGUAGE_CHOICES
from mdma.bottlenecks.forms import searchable
from mdma.core.edge import MAX_ID
from mdma.core.forms import FreeTextField, FreeTextLineField

REQUIRED = _l("This field is required.")


class SessionForm(FlaskForm):
    type_id = SelectField(_l("Type"), coerce=int, validators=[InputRequired(REQUIRED)])
    theme = FreeTextLineField(_l("Theme"), validators=[InputRequired(REQUIRED), Length(max=200)])
    description = FreeTextField(
        _l("Description"),
        description=_l("What the session is about, in Markdown. No personal data of families."),
        validators=[Optional(), Length(max=20000)],
    )
    day = DateField(_l("Day"), validators=[InputRequired(REQUIRED)])
    start = TimeField(_l("Start (Brussels time)"), validators=[InputRequired(REQUIRED)])
    end = TimeField(_l("End (Brussels time)"), validators=[InputRequired(REQUIRED)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    online_url = URLField(
        _l("Online link"), validators=[Optional(), URL(message=_l("Enter a full web address.")),
                                       Length(max=500)]
    )  # fmt: skip
    capacity = IntegerField(
        _l("Capacity"),
        description=_l("Empty for no limit."),
        validators=[Optional(), NumberRange(min=1, max=10000)],
    )
    minute_taker_id = SelectField(_l("Minute-taker"), coerce=int, validators=[Optional()])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


class NewSessionForm(SessionForm):
    """Planning also plans a series: the same weekday of the month, every few months."""

    every_months = SelectField(
        _l("Repeat"),
        coerce=int,
        choices=[
            (0, _l("Once")),
            (1, _l("Every month")),
            (2, _l("Every two months")),
            (3, _l("Every three months")),
            (6, _l("Every six months")),
        ],
        default=0,
        description=_l("On the same weekday of the month: the second Tuesday, the last Friday."),
    )
    count = IntegerField(
        _l("Number of sessions in the series"),
        validators=[Optional(), NumberRange(min=2, max=24)],
    )


class SessionTypeForm(FlaskForm):
    name_nl = StringField(
        _l("Name in Dutch"), validators=[InputRequired(REQUIRED), Length(max=120)]
    )
    name_fr = StringField(
        _l("Name in French"), validators=[InputRequired(REQUIRED), Length(max=120)]
    )
    name_en = StringField(
        _l("Name in English"), validators=[InputRequired(REQUIRED), Length(max=120)]
    )
    by_invitation = BooleanField(_l("By invitation only"))
    default_minutes = IntegerField(
        _l("Usual length in minutes"),
        validators=[InputRequired(REQUIRED), NumberRange(min=15, max=600)],
    )
    default_capacity = IntegerField(
        _l("Usual capacity"),
        description=_l("Empty for no limit."),
        validators=[Optional(), NumberRange(min=1, max=10000)],
    )
    rhythm = StringField(_l("Usual rhythm"), validators=[Optional(), Length(max=40)])


class InviteForm(FlaskForm):
    sectors = searchable(_l("Sectors"))
    organisations = searchable(_l("Organisations"))
    people = searchable(_l("People"))


class GuestForm(FlaskForm):
    """A guest from outside the network, invited by e-mail (`guests.invite_guest` checks it)."""

    email = EmailField(_l("E-mail address"), validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[Length(max=120)])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="en")


class AttendanceForm(FlaskForm):
    present = SelectMultipleField(_l("Present"), coerce=int, validators=[Optional()])


class ItemForm(FlaskForm):
    kind = SelectField(
        _l("Kind of item"),
        choices=[
            ("bottleneck", _l("A bottleneck")),
            ("proposal", _l("A proposal")),
            ("text", _l("Free text")),
        ],
        validators=[InputRequired(REQUIRED)],
    )
    bottleneck_id = IntegerField(
        _l("Bottleneck number"),
        description=_l("The number after # on the bottleneck's page."),
        validators=[Optional(), NumberRange(min=1, max=MAX_ID)],
    )
    proposal_id = IntegerField(
        _l("Proposal number"),
        description=_l("The number after # on the proposal's page."),
        validators=[Optional(), NumberRange(min=1, max=MAX_ID)],
    )
    title = FreeTextLineField(_l("Title"), validators=[Optional(), Length(max=200)])
    minutes_slot = IntegerField(
        _l("Time slot in minutes"), validators=[Optional(), NumberRange(min=1, max=600)]
    )
    presenter_id = SelectField(_l("Presenter"), coerce=int, validators=[Optional()])


class MinutesForm(FlaskForm):
    minutes = FreeTextField(
        _l("Minutes"),
        description=_l("In Markdown. No personal data of families."),
        validators=[InputRequired(REQUIRED), Length(max=50000)],
    )


class DecisionForm(FlaskForm):
    decision = FreeTextField(_l("Decision"), validators=[InputRequired(REQUIRED), Length(max=5000)])


class ActionPointForm(FlaskForm):
    action = FreeTextLineField(
        _l("Action point"), validators=[InputRequired(REQUIRED), Length(max=500)]
    )
    owner_id = SelectField(_l("Owner"), coerce=int, validators=[InputRequired(REQUIRED)])
    due_on = DateField(_l("Due on"), validators=[InputRequired(REQUIRED)])


class SessionFilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    type = SelectField(_l("Type"), validators=[Optional()])
    theme = StringField(_l("Theme"), validators=[Optional(), Length(max=200)])
