"""Pages of one's own account: log in and out, invitations, password reset, profile, tokens."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from mdma.accounts import authentication, logins, services
from mdma.accounts import home as home_blocks
from mdma.accounts.forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    ChangePasswordForm,
    ConfirmForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
)
from mdma.accounts.models import ApiToken, LoginSession
from mdma.core import page_cache
from mdma.core.errors import RuleViolation
from mdma.core.forms import submit
from mdma.core.home import blocks_for
from mdma.core.web import safe_next
from mdma.extensions import db, limiter
from mdma.permissions import Permission, public, requires

bp = Blueprint("accounts", __name__)


@bp.route("/")
@requires(Permission.PROFILE_MANAGE)
@page_cache.cached
def home():
    """The work waiting for the signed-in user, in blocks their domains provide."""
    blocks = blocks_for(home_blocks.visit_of(current_user))
    return render_template("accounts/home.html", blocks=blocks)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = authentication.authenticate(
                form.email.data, form.password.data, request.remote_addr
            )
        except RuleViolation as violation:
            db.session.commit()  # keep the failed attempt: it counts towards the lock
            flash(str(violation.message), "error")
            status = violation.status if violation.status == 429 else 200
        else:
            logins.start(
                user,
                remember=form.remember.data,
                device=logins.describe_device(request.headers.get("User-Agent")),
            )
            db.session.commit()
            login_user(user, remember=form.remember.data)
            session.pop("language", None)
            return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def logout():
    if ConfirmForm().validate_on_submit():
        language = current_user.language
        if current_user.current_login is not None:
            logins.end(current_user, current_user.current_login)
            db.session.commit()
        logout_user()
        session["language"] = language  # the log-in page stays in the language they chose
        flash(_("You are logged out."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.set_language(current_user, form.language.data)
            db.session.commit()
        else:
            session["language"] = form.language.data
    return redirect(safe_next(request.form.get("next"), url_for("accounts.home")))


@bp.route("/account/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token):
    invitation = services.open_invitation(token)
    if invitation is None:
        return render_template("accounts/invitation_invalid.html"), 404
    form = AcceptInvitationForm()
    if request.method == "GET":
        form.language.data = invitation.language

    def sign_in(user):
        if current_user.is_authenticated:
            logout_user()
        logins.start(user, device=logins.describe_device(request.headers.get("User-Agent")))
        db.session.commit()
        login_user(user)

    done = submit(
        form,
        lambda: services.accept_invitation(
            invitation, password=form.password.data, language=form.language.data
        ),
        success=_("Welcome! Your account is ready."),
        redirect_to=url_for("accounts.home"),
        after_commit=sign_in,
    )
    return done or render_template(
        "accounts/accept_invitation.html", form=form, invitation=invitation
    )


def _reset_mail_key() -> str:
    """Reset mails are limited per address they go to, whoever asks (no mail bombing)."""
    return "reset-mail:" + services.normalise_email(request.form.get("email") or "")


@bp.route("/account/forgot", methods=["GET", "POST"])
@public
@limiter.limit("3 per hour", key_func=_reset_mail_key, methods=["POST"])
@limiter.limit("30 per hour", methods=["POST"])  # per client address, an office's worth
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        authentication.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If an account exists for this address, we have sent it a link to choose a new password."
            ),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/account/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    user = authentication.user_for_reset_token(token)
    if user is None:
        return render_template("accounts/reset_invalid.html"), 404
    form = NewPasswordForm()
    done = submit(
        form,
        lambda: authentication.reset_password(user, form.password.data),
        success=_("Your password has been changed. You can log in now."),
        redirect_to=url_for("accounts.login"),
    )
    return done or render_template("accounts/reset_password.html", form=form)


@bp.route("/account/profile", methods=["GET", "POST"])
@requires(Permission.PROFILE_MANAGE)
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    done = submit(
        form,
        lambda: services.update_profile(
            user,
            user,
            name=form.name.data,
            handle=form.handle.data,
            language=form.language.data,
            mail_frequency=form.mail_frequency.data,
            notify_on_mention=form.notify_on_mention.data,
            notify_on_follow=form.notify_on_follow.data,
        ),
        success=_("Your profile has been saved."),
        redirect_to=url_for("accounts.profile"),
    )
    return done or render_template(
        "accounts/profile.html",
        form=form,
        user=user,
        logins=logins.active(user),
        end_form=ConfirmForm(),
    )


@bp.route("/account/sessions/<int:login_id>/end", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def end_login(login_id):
    """End one of one's sessions from the list on the profile (a lost phone, a shared PC)."""
    login = db.get_or_404(LoginSession, login_id)
    if login.user_id != current_user.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("accounts.profile"))
    current = login.id == getattr(current_user.current_login, "id", None)
    logins.end(current_user, login)
    db.session.commit()
    if current:
        logout_user()
        flash(_("You are logged out."), "success")
        return redirect(url_for("accounts.login"))
    flash(_("That session has been ended."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/account/sessions/end-all", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def end_all_logins():
    """Log out everywhere: every session of this account, this one too."""
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("accounts.profile"))
    language = current_user.language
    services.log_out_everywhere(current_user)
    db.session.commit()
    logout_user()
    session["language"] = language
    flash(_("You are logged out everywhere."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@requires(Permission.PROFILE_MANAGE)
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    done = submit(
        form,
        lambda: services.change_password(
            user,
            current=form.current_password.data,
            new=form.new_password.data,
            keep=user.current_login,
        ),
        success=_("Your password has been changed. You are logged out everywhere else."),
        redirect_to=url_for("accounts.profile"),
    )
    return done or render_template("accounts/change_password.html", form=form)


@bp.route("/account/tokens", methods=["GET", "POST"])
@requires(Permission.PROFILE_MANAGE)
def api_tokens():
    form = ApiTokenForm()
    new_secret = None
    if form.validate_on_submit():
        _token, new_secret = authentication.create_api_token(
            current_user, form.name.data, form.days.data
        )
        db.session.commit()
        flash(_("Copy the token now: it will not be shown again."), "success")
        form = ApiTokenForm(formdata=None)
    tokens = db.session.scalars(
        sa.select(ApiToken)
        .where(ApiToken.user_id == current_user.id)
        .order_by(ApiToken.created_at.desc())
    ).all()
    return render_template(
        "accounts/api_tokens.html",
        form=form,
        tokens=tokens,
        new_secret=new_secret,
        revoke_form=ConfirmForm(),
    )


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def revoke_api_token(token_id):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        authentication.revoke_api_token(current_user, token)
        db.session.commit()
        flash(_("The token has been revoked."), "success")
    return redirect(url_for("accounts.api_tokens"))
