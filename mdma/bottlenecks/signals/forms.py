"""The structural track's forms: assess the four criteria, close a check, name the owner,
report progress."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from mdma.bottlenecks.signals.models import CRITERIA
from mdma.core.forms import FreeTextField, FreeTextLineField

REQUIRED = _l("This field is required.")
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class AssessmentForm(FlaskForm):
    sector = SelectField(_l("For the sector"), coerce=int, validators=[InputRequired(REQUIRED)])
    clear = RadioField(CRITERIA["clear"], choices=YES_NO, validators=[InputRequired(REQUIRED)])
    clear_comment = FreeTextLineField(_l("Comment"), validators=[Length(max=2000)])
    neutral = RadioField(CRITERIA["neutral"], choices=YES_NO, validators=[InputRequired(REQUIRED)])
    neutral_comment = FreeTextLineField(_l("Comment"), validators=[Length(max=2000)])
    recognised = RadioField(
        CRITERIA["recognised"], choices=YES_NO, validators=[InputRequired(REQUIRED)]
    )
    recognised_comment = FreeTextLineField(_l("Comment"), validators=[Length(max=2000)])
    shared = RadioField(CRITERIA["shared"], choices=YES_NO, validators=[InputRequired(REQUIRED)])
    shared_comment = FreeTextLineField(_l("Comment"), validators=[Length(max=2000)])

    def answers(self) -> dict[str, bool]:
        return {criterion: self[criterion].data == "yes" for criterion in CRITERIA}

    def comments(self) -> dict[str, str]:
        return {criterion: self[f"{criterion}_comment"].data or "" for criterion in CRITERIA}


class CloseCheckForm(FlaskForm):
    outcome = FreeTextField(
        _l("Outcome"),
        validators=[DataRequired(REQUIRED), Length(max=5000)],
        description=_l("Why it is not structural (yet): the reporters read this."),
        render_kw={"rows": 3},
    )


class OwnerForm(FlaskForm):
    owner = SelectField(_l("Owner (trekker)"), coerce=int, validators=[InputRequired(REQUIRED)])
    theme = FreeTextLineField(
        _l("Policy theme"), validators=[DataRequired(REQUIRED), Length(max=120)]
    )
    reason = FreeTextField(
        _l("Reason"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Needed when the owner changes."),
        render_kw={"rows": 2},
    )


class ProgressForm(FlaskForm):
    body = FreeTextField(
        _l("Progress report"),
        validators=[DataRequired(REQUIRED), Length(max=20000)],
        description=_l("What happened since the last report, and what comes next."),
        render_kw={"rows": 5},
    )


def sector_choices(panel) -> list:
    return [(s.id, s.name) for s in panel.assessable]


def owner_choices(owners) -> list:
    return [(u.id, u.name) for u in owners]


def panel_forms(panel, owners, **given) -> dict:
    """The signal panel's forms on a bottleneck page, with their choices; `given` holds a
    form that comes back with its errors."""
    assessment = given.get("assessment_form") or AssessmentForm()
    assessment.sector.choices = sector_choices(panel)
    signal = panel.signal
    owner = given.get("owner_form") or OwnerForm(
        owner=signal.owner_id if signal else None, theme=signal.theme if signal else ""
    )
    owner.owner.choices = owner_choices(owners)
    return {
        "assessment_form": assessment,
        "close_form": given.get("close_form") or CloseCheckForm(),
        "owner_form": owner,
        "progress_form": given.get("progress_form") or ProgressForm(),
    }
