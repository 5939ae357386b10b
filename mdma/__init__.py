"""The MDMA platform: create_app() builds the Flask application in named steps."""

from pathlib import Path

from flask import Flask

from mdma import config


def create_app(overrides: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=instance_path or str(config.ROOT / "instance"),
        template_folder=str(config.ROOT / "templates"),
        static_folder=str(config.ROOT / "static"),
    )
    app.config.update(config.load(Path(app.instance_path)))
    app.config.update(overrides or {})
    _guard_the_edge(app)
    _register_extensions(app)
    _register_blueprints(app)
    _register_request_hooks(app)
    if app.config["MDMA_PRELOAD_GUARD"]:
        _preload_guard()
    return app


def _preload_guard() -> None:
    import threading

    from mdma.privacy import names

    threading.Thread(target=names.preload, name="preload-guard", daemon=True).start()


def _guard_the_edge(app: Flask) -> None:
    """Text normalised as requests parse it, ids in URLs bounded (see core.edge); behind
    `MDMA_TRUSTED_PROXIES` reverse proxies, the client's address and scheme are read from the
    headers they set (Werkzeug's ProxyFix), so failed log-ins and request rates are counted per
    client, not per proxy."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from mdma.core.edge import EdgeRequest, IdConverter

    if proxies := app.config["MDMA_TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.request_class = EdgeRequest
    app.url_map.converters["int"] = IdConverter


def _register_extensions(app: Flask) -> None:
    import mdma.accounts.events  # noqa: F401  (socket handlers must exist before init_app)
    import mdma.bottlenecks.services  # noqa: F401  (registers the kind of thread whose rooms are joined)
    from mdma.accounts.session import init_login
    from mdma.api.base import api
    from mdma.core import live
    from mdma.core.i18n import select_locale
    from mdma.extensions import babel, csrf, db, limiter, socketio

    db.init_app(app)
    if app.config["MDMA_MIGRATIONS"]:
        # Alembic (about 11 MB) only where the schema is changed: not in the serving processes.
        from flask_migrate import Migrate

        Migrate(
            app,
            db,
            directory=str(config.ROOT / "migrations"),
            render_as_batch=True,
            compare_type=True,
        )
    init_login(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    socketio.init_app(
        app,
        async_mode=app.config["MDMA_ASYNC_MODE"],
        client_manager=live.client_manager(
            app.config["MDMA_REDIS_URL"], app.config["MDMA_SOCKETIO_CHANNEL"]
        ),
        cors_allowed_origins=live.same_origin(app.config["MDMA_BASE_URL"]),
    )
    api.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from mdma.accounts import admin_routes, routes
    from mdma.accounts.api import blp as accounts_api
    from mdma.api.base import api
    from mdma.bottlenecks import home as bottleneck_home  # noqa: F401  (its home page blocks)
    from mdma.bottlenecks import routes as bottleneck_routes
    from mdma.bottlenecks.api import blp as bottlenecks_api
    from mdma.bottlenecks.signals import routes as signal_routes
    from mdma.bottlenecks.signals.api import blp as signals_api
    from mdma.directory import queries as directory_queries
    from mdma.directory import routes as directory_routes
    from mdma.directory.api import blp as directory_api
    from mdma.notifications import routes as notification_routes
    from mdma.privacy import guard
    from mdma.privacy import routes as privacy_routes
    from mdma.privacy.api import blp as privacy_api
    from mdma.proposals import (
        advice_routes,
        on_bottlenecks,  # noqa: F401  (its panel on a bottleneck's page)
        on_sessions,  # noqa: F401  (its actions on a session's page, proposals on agendas)
    )
    from mdma.proposals import home as proposal_home  # noqa: F401  (its home page blocks)
    from mdma.proposals import routes as proposal_routes
    from mdma.proposals.api import blp as proposals_api
    from mdma.sessions import home as session_home  # noqa: F401  (its home page block)
    from mdma.sessions import routes as session_routes
    from mdma.sessions.api import blp as sessions_api
    from mdma.threads import live_routes as thread_live_routes
    from mdma.threads import routes as thread_routes
    from mdma.threads.api import blp as threads_api

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    app.register_blueprint(directory_routes.bp)
    app.register_blueprint(privacy_routes.bp)
    app.register_blueprint(bottleneck_routes.bp)
    app.register_blueprint(signal_routes.bp)
    app.register_blueprint(notification_routes.bp)
    app.register_blueprint(proposal_routes.bp)
    app.register_blueprint(advice_routes.bp)
    app.register_blueprint(advice_routes.public_bp)
    app.register_blueprint(thread_live_routes.bp)
    app.register_blueprint(thread_routes.bp)
    app.register_blueprint(session_routes.bp)
    api.register_blueprint(accounts_api)
    api.register_blueprint(directory_api)
    api.register_blueprint(privacy_api)
    api.register_blueprint(bottlenecks_api)
    api.register_blueprint(signals_api)
    api.register_blueprint(threads_api)
    api.register_blueprint(sessions_api)
    api.register_blueprint(proposals_api)
    # The guard never takes an organisation of the directory for a person.
    guard.organisation_source = directory_queries.organisation_names


def _register_request_hooks(app: Flask) -> None:
    from mdma.core import page_cache, templating, web  # noqa: F401 (page_cache: its events)
    from mdma.permissions import check_declared_access, enforce_access
    from mdma.privacy import placeholders

    check_declared_access(app)
    app.before_request(enforce_access)
    app.after_request(web.add_security_headers)
    app.register_error_handler(Exception, _handle_error)
    templating.register(app)
    app.jinja_env.finalize = placeholders.finalize
    _register_navigation(app)


def _register_navigation(app: Flask) -> None:
    """The main menu, by role (each entry shows to whoever holds its permission), and the
    permission and lifecycle questions templates ask."""
    from flask import request, url_for
    from flask_babel import lazy_gettext as _l
    from flask_login import current_user

    from mdma.core.lifecycle import lifecycle_of
    from mdma.notifications.services import unread_count
    from mdma.permissions import ROLE_LABELS, Permission, allowed, has_permission
    from mdma.proposals.states import ProposalPermission
    from mdma.sessions.states import SessionPermission

    menu = [
        ("accounts.home", _l("Start"), Permission.PROFILE_MANAGE),
        ("bottlenecks.index", _l("Bottlenecks"), Permission.BOTTLENECK_READ),
        ("signals.my_signals", _l("My signals"), Permission.BOTTLENECK_REPORT),
        ("bottlenecks.triage_queue", _l("Triage"), Permission.BOTTLENECK_TRIAGE),
        ("sessions.index", _l("Sessions"), SessionPermission.READ),
        ("proposals.index", _l("Proposals"), ProposalPermission.READ),
        ("advices.index", _l("Policy advice"), ProposalPermission.COMPILE),
        ("notifications.index", _l("Notifications"), Permission.PROFILE_MANAGE),
        ("directory.organisations", _l("Directory"), Permission.DIRECTORY_READ),
        ("privacy.check", _l("Check a text"), Permission.PRIVACY_CHECK),
        ("privacy.false_alarms", _l("False alarms"), Permission.PRIVACY_REVIEW),
        ("privacy.findings", _l("Stored texts"), Permission.PRIVACY_REVIEW),
        ("admin_accounts.users", _l("Users"), Permission.USER_MANAGE),
        ("admin_accounts.invitations", _l("Invitations"), Permission.USER_MANAGE),
        ("directory.sectors", _l("Sectors"), Permission.DIRECTORY_MANAGE),
        ("sessions.types", _l("Session types"), SessionPermission.CONFIGURE),
        ("accounts.profile", _l("My profile"), Permission.PROFILE_MANAGE),
    ]

    def navigation():
        return [
            {
                "endpoint": endpoint,
                "url": url_for(endpoint),
                "label": label,
                "current": request.endpoint == endpoint,
                # The bell: how many are unread (live pages keep it current).
                "unread": unread_count(current_user) if endpoint == "notifications.index" else None,
            }
            for endpoint, label, permission in menu
            if has_permission(current_user, permission)
        ]

    def steps_for(obj, buttons=False):
        """The lifecycle steps the signed-in user may take on `obj` now."""
        lifecycle = lifecycle_of(obj)
        return lifecycle.steps_for(current_user, obj, buttons=buttons) if lifecycle else []

    app.jinja_env.globals.update(
        navigation=navigation,
        can=lambda permission: has_permission(current_user, permission),
        may=lambda permission, obj=None: allowed(current_user, permission, obj),
        steps_for=steps_for,
        Permission=Permission,
        SessionPermission=SessionPermission,
        role_labels=ROLE_LABELS,
    )


def _handle_error(error):
    """One error path: JSON with a stable shape under /api, a page in the user's language elsewhere."""
    from flask import request
    from sqlalchemy.exc import SQLAlchemyError

    from mdma.api.base import json_error
    from mdma.core.web import render_error, to_http_exception
    from mdma.extensions import db

    if isinstance(error, SQLAlchemyError) or not db.session.is_active:
        # The database refused a statement (PostgreSQL then ignores every later one until a
        # rollback): roll back, so that the error page may load the user afresh.
        db.session.rollback()
    http_error = to_http_exception(error)
    if request.path.startswith("/api/"):
        return json_error(http_error)
    return render_error(http_error)
