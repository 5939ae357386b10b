"""The permission vocabulary: who may do what, in one place.

Pages and API routes declare the capability they need with `@requires(...)` or `@public`;
one hook enforces it for every request (deny by default). Services check the object rules
with the predicates below.
"""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    CASE_MANAGER = "case_manager"
    SOCIAL_WORKER = "social_worker"
    POLICY_OWNER = "policy_owner"
    COORDINATOR = "coordinator"
    RESEARCHER = "researcher"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.CASE_MANAGER: _l("Case manager"),
    Role.SOCIAL_WORKER: _l("Social worker"),
    Role.POLICY_OWNER: _l("Sector policy owner"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.RESEARCHER: _l("Researcher"),
    Role.ADMIN: _l("Administrator"),
}


class Permission(StrEnum):
    """Named capabilities, `resource:action`."""

    #: Every signed-in user: own profile, language, notification settings, access tokens.
    PROFILE_MANAGE = "profile:manage"
    #: Check a text for personal data (the live check in editors, the check page).
    PRIVACY_CHECK = "privacy:check"
    #: Review the false alarms writers confirmed (kind and place only, never the text).
    PRIVACY_REVIEW = "privacy:review"
    DIRECTORY_READ = "directory:read"
    BOTTLENECK_READ = "bottleneck:read"
    #: Post bottlenecks and add occurrences (front-line workers).
    BOTTLENECK_REPORT = "bottleneck:report"
    #: Take part in the discussion of a bottleneck (post in its thread).
    BOTTLENECK_DISCUSS = "bottleneck:discuss"
    #: Answer and resolve bottlenecks routed to one's sector.
    BOTTLENECK_ANSWER = "bottleneck:answer"
    #: Triage and route; decide: decline, schedule, take up in a proposal, close, reopen, merge.
    BOTTLENECK_TRIAGE = "bottleneck:triage"
    DIRECTORY_MANAGE = "directory:manage"
    USER_MANAGE = "user:manage"
    LOGBOOK_READ = "logbook:read"


_EVERYONE = {
    Permission.PROFILE_MANAGE,
    Permission.DIRECTORY_READ,
    Permission.PRIVACY_CHECK,
    Permission.BOTTLENECK_READ,
}
_FRONT_LINE = _EVERYONE | {Permission.BOTTLENECK_REPORT, Permission.BOTTLENECK_DISCUSS}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASE_MANAGER: frozenset(_FRONT_LINE),
    Role.SOCIAL_WORKER: frozenset(_FRONT_LINE),
    Role.POLICY_OWNER: frozenset(
        _EVERYONE | {Permission.BOTTLENECK_ANSWER, Permission.BOTTLENECK_DISCUSS}
    ),
    Role.COORDINATOR: frozenset(
        _EVERYONE
        | {
            Permission.LOGBOOK_READ,
            Permission.PRIVACY_REVIEW,
            Permission.BOTTLENECK_ANSWER,
            Permission.BOTTLENECK_DISCUSS,
            Permission.BOTTLENECK_TRIAGE,
        }
    ),
    Role.RESEARCHER: frozenset(_EVERYONE | {Permission.LOGBOOK_READ}),
    Role.ADMIN: frozenset(
        _EVERYONE | {Permission.DIRECTORY_MANAGE, Permission.USER_MANAGE, Permission.LOGBOOK_READ}
    ),
}

#: The access marker of a view that anyone, signed in or not, may open.
PUBLIC = "public"


def has_permission(user, permission: Permission) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    # Role is a StrEnum, so the stored string finds its row; an unknown role has no rights.
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def requires(permission: Permission):
    """Declare the capability a view needs; the access hook enforces it."""

    def mark(view):
        view.mdma_access = permission
        return view

    return mark


def public(view):
    view.mdma_access = PUBLIC
    return view


def access_of(view_function, method: str):
    """The declared access of a view (function or MethodView), or None when it declares none."""
    view_class = getattr(view_function, "view_class", None)
    if view_class is not None:
        handler = getattr(view_class, method.lower(), None)
        if handler is None and method == "HEAD":
            handler = getattr(view_class, "get", None)
        return getattr(handler, "mdma_access", getattr(view_class, "mdma_access", None))
    return getattr(view_function, "mdma_access", None)


class AccessDenied(Exception):
    """A service refusing an actor on an object; the edge turns it into 403."""


#: Endpoints the framework adds, open to everyone: static files and the OpenAPI document.
FRAMEWORK_PUBLIC = {"static", "api-docs.openapi_json"}


def check_declared_access(app) -> None:
    """Refuse to start when a route declares no access rule: deny by default, loudly."""
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in FRAMEWORK_PUBLIC:
            continue
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - {"OPTIONS"}:
            if access_of(view, method) is None:
                missing.append(f"{rule.endpoint} {method}")
    if missing:
        raise RuntimeError("routes without an access rule: " + ", ".join(sorted(missing)))


def enforce_access():
    """Before every request: the route's declared capability, checked on the server."""
    from flask import abort, current_app, redirect, request, url_for
    from flask_login import current_user

    if request.endpoint is None or request.endpoint in FRAMEWORK_PUBLIC:
        return None
    access = access_of(current_app.view_functions[request.endpoint], request.method)
    if access == PUBLIC:
        return None
    if access is None:
        abort(403)
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if not has_permission(current_user, access):
        abort(403)
    return None
