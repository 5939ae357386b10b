"""The proposal and advice forms: input shape and messages; never touches the database."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from mdma.bottlenecks.forms import searchable
from mdma.core.forms import FreeTextField, FreeTextLineField, MultiCheckboxField
from mdma.proposals.models import (
    ADVICE_KIND_LABELS,
    ANSWER_LABELS,
    GOVERNMENT_LEVEL_LABELS,
    GROUPING_LABELS,
    KIND_LABELS,
)

REQUIRED = _l("This field is required.")
MARKDOWN = _l("Markdown is allowed. Describe the problem, never a family.")
LEVEL_CHOICES = [(level.value, label) for level, label in GOVERNMENT_LEVEL_LABELS.items()]
LANGUAGE_CHOICES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]


def _text(label, rows=4, description=MARKDOWN, required=False):
    validators = [DataRequired(REQUIRED)] if required else [Optional()]
    return FreeTextField(
        label, validators=[*validators, Length(max=20000)], description=description,
        render_kw={"rows": rows},
    )  # fmt: skip


class ProposalForm(FlaskForm):
    title = FreeTextLineField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)])
    problem = _text(_l("Problem"), required=True)
    proposal = _text(_l("Proposal"), required=True)
    expected_effect = _text(_l("Expected effect"))
    kind = RadioField(
        _l("Kind"),
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        validators=[InputRequired(REQUIRED)],
    )
    levels = MultiCheckboxField(
        _l("Target levels"),
        choices=LEVEL_CHOICES,
        description=_l("At least one; each level is followed up on its own."),
    )
    body_local = FreeTextLineField(
        _l("Body at the local level"), validators=[Optional(), Length(max=200)],
        description=_l("For example: the city council."),
    )  # fmt: skip
    body_flemish = FreeTextLineField(
        _l("Body at the Flemish level"), validators=[Optional(), Length(max=200)],
        description=_l("For example: a Flemish minister or agency."),
    )  # fmt: skip
    body_federal = FreeTextLineField(
        _l("Body at the federal level"), validators=[Optional(), Length(max=200)],
        description=_l("For example: a federal minister."),
    )  # fmt: skip
    sector = SelectField(_l("Responsible sector"), coerce=int, validators=[Optional()])
    organisation = SelectField(_l("Responsible organisation"), coerce=int, validators=[Optional()])
    owner = SelectField(_l("Owner"), coerce=int, validators=[InputRequired(REQUIRED)])
    bottlenecks = searchable(_l("Bottlenecks that are its evidence"))
    sessions = searchable(_l("Sessions where it was discussed"))
    decision = IntegerField(widget=HiddenInput(), validators=[Optional()])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])

    def level_bodies(self) -> dict:
        return {level: self[f"body_{level}"].data or "" for level in self.levels.data or []}


class StepForm(FlaskForm):
    target = HiddenField(validators=[DataRequired()])
    reason = FreeTextField(
        _l("Reason"),
        validators=[Length(max=5000)],
        description=_l("Required to abandon a proposal or to close a level as not realised."),
        render_kw={"rows": 2},
    )


class SubmitForm(FlaskForm):
    submitted_on = DateField(_l("Submitted on"), validators=[InputRequired(REQUIRED)])
    submitted_to = FreeTextLineField(
        _l("Submitted to"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )


class AnswerForm(FlaskForm):
    answer = RadioField(
        _l("The answer"),
        choices=[(a.value, label) for a, label in ANSWER_LABELS.items()],
        validators=[InputRequired(REQUIRED)],
    )
    answer_text = _text(_l("What the level answered"), rows=3)
    answered_on = DateField(_l("Answered on"), validators=[InputRequired(REQUIRED)])


class ImplementationForm(FlaskForm):
    percent = IntegerField(
        _l("Progress (percent)"),
        validators=[InputRequired(REQUIRED), NumberRange(min=0, max=100)],
    )
    text = _text(_l("What happened"), rows=3, required=True)
    milestone = BooleanField(_l("A milestone"))
    reason = FreeTextField(
        _l("Why it went down"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Required when the percentage is lower than before."),
        render_kw={"rows": 2},
    )


class BoardFilterForm(FlaskForm):
    class Meta:
        csrf = False

    level = SelectField(_l("Level"), validators=[Optional()])
    status = SelectField(_l("Follow-up"), validators=[Optional()])
    owner = SelectField(_l("Owner"), validators=[Optional()])
    overdue = BooleanField(_l("Overdue only"))


class AdviceForm(FlaskForm):
    title = FreeTextLineField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)])
    introduction = _text(_l("Introduction"), rows=6, description=_l("Markdown is allowed."))
    conclusion = _text(_l("Conclusion"), rows=6, description=_l("Markdown is allowed."))
    grouping = RadioField(
        _l("Group the proposals"),
        choices=[(g.value, label) for g, label in GROUPING_LABELS.items()],
        default="domain",
        validators=[InputRequired(REQUIRED)],
    )
    proposals = MultiCheckboxField(_l("Proposals"), coerce=int)
    based_on = IntegerField(widget=HiddenInput(), validators=[Optional()])


class NewAdviceForm(AdviceForm):
    kind = RadioField(
        _l("Kind of document"),
        choices=[(k.value, label) for k, label in ADVICE_KIND_LABELS.items()],
        default="advice",
        validators=[Optional()],
    )
    level = SelectField(_l("Level"), choices=LEVEL_CHOICES, validators=[InputRequired(REQUIRED)])
    period_start = DateField(_l("Period from"), validators=[InputRequired(REQUIRED)])
    period_end = DateField(_l("Period until"), validators=[InputRequired(REQUIRED)])
    language = SelectField(
        _l("Language of the document"), choices=LANGUAGE_CHOICES, default="nl",
        validators=[InputRequired(REQUIRED)],
    )  # fmt: skip
