"""Account forms: shape and messages only; choices are filled in by the route."""

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from mdma.accounts.models import MAIL_FREQUENCY_LABELS
from mdma.accounts.passwords import password_hint
from mdma.core.forms import MultiCheckboxField
from mdma.core.i18n import LANGUAGE_NAMES
from mdma.permissions import ROLE_LABELS

REQUIRED = _l("This field is required.")
LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())
#: Evaluated when shown, in the reader's language and with the configured minimum.
PASSWORD_HINT = LazyString(password_hint)


def role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    remember = BooleanField(_l("Keep me logged in on this device"))


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(REQUIRED)],
        description=PASSWORD_HINT,
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The passwords differ."))],
    )


class AcceptInvitationForm(NewPasswordForm):
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="nl")


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(REQUIRED), Email(_l("Enter a valid e-mail address."))],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)])
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(REQUIRED)],
        description=PASSWORD_HINT,
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("new_password", _l("The passwords differ.")),
        ],
    )


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=120)])
    handle = StringField(
        _l("Handle"),
        validators=[
            DataRequired(REQUIRED),
            Length(min=2, max=40),
            Regexp(
                r"^[a-zA-Z0-9._-]+$",
                message=_l("Use only letters, digits, dots, dashes and underscores."),
            ),
        ],
        description=_l("Colleagues mention you with @handle."),
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    mail_frequency = RadioField(
        _l("E-mail about notifications"),
        choices=[(key.value, label) for key, label in MAIL_FREQUENCY_LABELS.items()],
    )
    notify_on_mention = BooleanField(_l("Notify me when someone mentions me"))
    notify_on_follow = BooleanField(_l("Notify me about what I follow"))


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        validators=[DataRequired(REQUIRED), Length(max=80)],
        description=_l("What the token is for, e.g. the reporting script."),
    )
    days = IntegerField(
        _l("Valid for (days)"),
        validators=[Optional(), NumberRange(1, 365, _l("Choose between 1 and 365 days."))],
        description=_l("Leave empty for a token that is valid until you revoke it."),
    )


class UserForm(FlaskForm):
    """What an admin sets for someone: the invitation and the edit form share it."""

    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=120)])
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    role = SelectField(_l("Role"), choices=role_choices, validators=[DataRequired(REQUIRED)])
    organisation = SelectField(_l("Organisation"), coerce=int, validators=[Optional()])
    sectors = MultiCheckboxField(
        _l("Sectors"),
        coerce=int,
        description=_l("Required for sector policy owners."),
    )


class InviteForm(UserForm):
    language = SelectField(
        _l("Language of the invitation"),
        choices=LANGUAGE_CHOICES,
        default="nl",
        description=_l("The invitation mail is in this language; it is also theirs at first."),
    )


class ConfirmForm(FlaskForm):
    """An empty form: only the CSRF token, for buttons that change something."""
