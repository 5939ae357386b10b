"""Thread forms: shape and messages only."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from mdma.core.edge import MAX_ID
from mdma.core.forms import FreeTextField

REQUIRED = _l("This field is required.")
TOO_LONG = _l("At most %(max)d characters.")
BODY_HINT = _l(
    "Markdown is allowed. Mention colleagues with their @handle, a sector's policy owners with "
    "@ and the sector's name."
)


class PostForm(FlaskForm):
    body = FreeTextField(
        _l("Your contribution"),
        validators=[DataRequired(REQUIRED), Length(max=20000, message=TOO_LONG)],
        description=BODY_HINT,
        render_kw={"rows": 4, "data-mentions": "true"},
    )
    reply_to = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(1, MAX_ID)])
    #: The "answer for my sector" button sends 1.
    as_answer = HiddenField()


class EditPostForm(FlaskForm):
    body = FreeTextField(
        _l("Text of the post"),
        validators=[DataRequired(REQUIRED), Length(max=20000, message=TOO_LONG)],
        description=BODY_HINT,
        render_kw={"rows": 8, "data-mentions": "true"},
    )
    version = IntegerField(
        widget=HiddenInput(), validators=[InputRequired(), NumberRange(0, MAX_ID)]
    )


class HideForm(FlaskForm):
    reason = FreeTextField(
        _l("Why is this post hidden?"),
        validators=[DataRequired(REQUIRED), Length(max=2000, message=TOO_LONG)],
        description=_l("Shown in its place and kept in the moderation log."),
        render_kw={"rows": 3},
    )
