"""The permission vocabulary: who may do what, in one place.

Two layers. Capabilities: a role holds named permissions (the role table below); pages and
API routes declare the capability they need with `@requires(...)` or `@public`, and one hook
enforces it for every request (deny by default). Objects: a domain declares, once per kind of
object, the object rule of each permission ("a draft is its writer's alone") and the roles a
person can hold on one object (a session's organiser, a proposal's owner), each granting
permissions on that object. Services ask `require(actor, permission, obj)`; pages, the API
and templates ask `allowed(...)`. A refusal is `AccessDenied`, which the edge answers with 403.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.core.errors import AccessDenied


class Role(StrEnum):
    CASE_MANAGER = "case_manager"
    SOCIAL_WORKER = "social_worker"
    POLICY_OWNER = "policy_owner"
    COORDINATOR = "coordinator"
    RESEARCHER = "researcher"
    ADMIN = "admin"
    #: Someone from outside the network (another city, a European network, an expert) with an
    #: account limited to the sessions they are invited to (`sessions.guests`).
    GUEST = "guest"


ROLE_LABELS = {
    Role.CASE_MANAGER: _l("Case manager"),
    Role.SOCIAL_WORKER: _l("Social worker"),
    Role.POLICY_OWNER: _l("Sector policy owner"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.RESEARCHER: _l("Researcher"),
    Role.ADMIN: _l("Administrator"),
    Role.GUEST: _l("Guest"),
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

ROLE_PERMISSIONS: dict[Role, frozenset[StrEnum]] = {
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
    #: Their own account (profile, language, log-out, notifications) and the privacy check of
    #: what they write; sessions adds reading and registering for the sessions they are invited
    #: to, and nothing else.
    Role.GUEST: frozenset({Permission.PROFILE_MANAGE, Permission.PRIVACY_CHECK}),
}


def grant(table: dict[Role, Iterable[StrEnum]]) -> None:
    """A domain adds the capabilities of its own vocabulary (a StrEnum) to the role table."""
    for role, permissions in table.items():
        ROLE_PERMISSIONS[role] = ROLE_PERMISSIONS[role] | frozenset(permissions)


#: The access marker of a view that anyone, signed in or not, may open.
PUBLIC = "public"


def has_permission(user, permission: StrEnum) -> bool:
    """The capability alone, by role: what menus, `@requires` and the access hook ask."""
    if not _active(user):
        return False
    # Role is a StrEnum, so the stored string finds its row; an unknown role has no rights.
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def _active(user) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


# --- Objects -----------------------------------------------------------------------------------

#: (actor, obj) -> bool
Predicate = Callable[[object, object], bool]


@dataclass(frozen=True)
class ObjectRole:
    """A role a person holds on one object, whatever their role on the platform (a session's
    minute-taker, a proposal's owner): `holds(actor, obj)` says who; `grants` what it allows
    on that object."""

    name: str
    holds: Predicate
    grants: frozenset = frozenset()


@dataclass(frozen=True)
class ObjectPolicy:
    """The object rules of one kind of object: per permission, a predicate that must hold on
    top of the capability; and the roles people hold on one such object."""

    kind: str
    rules: dict = field(default_factory=dict)
    roles: tuple[ObjectRole, ...] = ()


#: kind (the model's table name) → its policy.
_POLICIES: dict[str, ObjectPolicy] = {}


def protect(kind: str, *, rules: dict | None = None, roles=()) -> ObjectPolicy:
    """Declare, once per kind of object, its object rules and object roles."""
    policy = ObjectPolicy(kind, dict(rules or {}), tuple(roles))
    _POLICIES[kind] = policy
    return policy


def _policy(obj) -> ObjectPolicy | None:
    return _POLICIES.get(getattr(obj, "__tablename__", None)) if obj is not None else None


def roles_on(actor, obj) -> set[str]:
    """The names of the object roles `actor` holds on `obj`."""
    policy = _policy(obj)
    if policy is None or not _active(actor):
        return set()
    return {role.name for role in policy.roles if role.holds(actor, obj)}


def allowed(actor, permission: StrEnum, obj=None) -> bool:
    """Whether `actor` may do this, on this object when one is given: an object role that grants
    it, or the capability by role and the permission's object rule."""
    if not _active(actor):
        return False
    policy = _policy(obj)
    if policy is None:
        return has_permission(actor, permission)
    if any(permission in role.grants and role.holds(actor, obj) for role in policy.roles):
        return True
    if not has_permission(actor, permission):
        return False
    rule = policy.rules.get(permission)
    return rule is None or rule(actor, obj)


def require(actor, permission: StrEnum, obj=None, message=None) -> None:
    """Refuse with `AccessDenied` (403 at the edge) unless `allowed(actor, permission, obj)`."""
    if not allowed(actor, permission, obj):
        raise AccessDenied(message)


def requires(permission: StrEnum):
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
