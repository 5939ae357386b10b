"""Directory forms: shape and messages only."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, URLField
from wtforms.validators import URL, DataRequired, Email, Length, Optional

from mdma.core.forms import MultiCheckboxField
from mdma.directory.models import ORGANISATION_KIND_LABELS

REQUIRED = _l("This field is required.")


class SectorForm(FlaskForm):
    name_nl = StringField(_l("Name in Dutch"), validators=[DataRequired(REQUIRED), Length(max=80)])
    name_fr = StringField(_l("Name in French"), validators=[Optional(), Length(max=80)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=80)])


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=160)])
    kind = SelectField(
        _l("Kind"), choices=[(k.value, label) for k, label in ORGANISATION_KIND_LABELS.items()]
    )
    sectors = MultiCheckboxField(_l("Sectors"), coerce=int)
    contact_email = EmailField(
        _l("Contact e-mail (the organisation's desk)"),
        validators=[Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)],
    )
    contact_phone = StringField(
        _l("Contact phone (the organisation's desk)"), validators=[Optional(), Length(max=40)]
    )
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            URL(message=_l("Enter a full web address, starting with https://.")),
            Length(max=200),
        ],
    )
