"""The text-check form: shape only."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from mdma.core.forms import FreeTextField


class TextCheckForm(FlaskForm):
    text = FreeTextField(
        _l("Text to check"),
        validators=[DataRequired(_l("This field is required.")), Length(max=20000)],
        description=_l("Nothing you type here is stored."),
    )


class FindingForm(FlaskForm):
    """Redact or dismiss one finding; the hash of the text as shown guards against a stale page."""

    text_hash = HiddenField()
