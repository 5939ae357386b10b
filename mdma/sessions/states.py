"""Who may do what with sessions: the vocabulary, its object rules and roles, and the
predicates pages ask (`is_invited`, `may_register`, the thread's `may_read_thread` and
`may_write_thread`)."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import ObjectRole, Role, allowed, grant, protect
from mdma.privacy import guard
from mdma.sessions.models import ActionState


class SessionPermission(StrEnum):
    #: See sessions, their agenda and published minutes.
    READ = "session:read"
    #: Register for a session one is invited to (or an open one), decline, cancel.
    REGISTER = "session:register"
    #: Plan, change, cancel and invite; keep the registrations and attendance; the agenda.
    PLAN = "session:plan"
    #: Write the minutes, decisions and action points (also the named minute-taker's).
    MINUTES = "session:minutes"
    #: Configure the types of session (names, open or by invitation, defaults).
    CONFIGURE = "session:configure"
    #: Mark an action point done or open again: the coordinator, and its owner on their own.
    COMPLETE_ACTION = "session:complete_action"
    #: Propose a bottleneck for the next session of a type (a suggested agenda item there).
    PROPOSE_ITEM = "session:propose_item"


SP = SessionPermission
_MEMBERS = {SP.READ, SP.REGISTER}
grant(
    {
        Role.CASE_MANAGER: _MEMBERS,
        Role.SOCIAL_WORKER: _MEMBERS,
        Role.POLICY_OWNER: _MEMBERS | {SP.PROPOSE_ITEM},
        Role.COORDINATOR: _MEMBERS | {SP.PLAN, SP.MINUTES, SP.COMPLETE_ACTION, SP.PROPOSE_ITEM},
        Role.RESEARCHER: {SP.READ},
        Role.ADMIN: {SP.READ, SP.CONFIGURE},
        # Outside guests: only the sessions they are invited to (`may_read`), nothing else.
        Role.GUEST: _MEMBERS,
    }
)


def is_invited(actor, meeting) -> bool:
    """Invited by name, through one's sector, or through one's organisation."""
    if actor in meeting.invitees:
        return True
    if actor.organisation_id and any(o.id == actor.organisation_id for o in meeting.organisations):
        return True
    invited_sectors = {s.id for s in meeting.sectors}
    return bool(invited_sectors) and any(s.id in invited_sectors for s in actor.sectors)


def may_read(actor, meeting) -> bool:
    """Members of the network see every session; a guest only those they are invited to."""
    return actor.role != Role.GUEST or actor in meeting.invitees


def may_register(actor, meeting) -> bool:
    """An open session is everyone's; one by invitation is its invitees'; never a cancelled or
    past one. A guest registers only where they are invited."""
    if meeting.is_cancelled or meeting.is_past or not may_read(actor, meeting):
        return False
    return not meeting.type.by_invitation or is_invited(actor, meeting)


def is_minute_taker(actor, meeting) -> bool:
    return meeting.minute_taker_id == actor.id


POLICY = protect(
    "sessions",
    rules={SP.READ: may_read, SP.REGISTER: may_register},
    roles=(ObjectRole("minute_taker", is_minute_taker, grants=frozenset({SP.MINUTES})),),
)


protect(
    "session_action_points",
    roles=(
        ObjectRole(
            "owner",
            lambda actor, point: point.owner_id == actor.id,
            grants=frozenset({SP.COMPLETE_ACTION}),
        ),
    ),
)

#: An action point's state, with its steps kept in the one step history: an action point on a
#: bottleneck's agenda item shows them in that bottleneck's timeline.
ACTION_LIFECYCLE = Lifecycle(
    "session_action_points",
    ActionState,
    [
        Transition(ActionState.OPEN, ActionState.DONE, SP.COMPLETE_ACTION, label=_l("Done")),
        Transition(ActionState.DONE, ActionState.OPEN, SP.COMPLETE_ACTION, label=_l("Open again")),
    ],
    authorize=allowed,
    attribute="state",
    labels={
        ActionState.OPEN: _l("Action point open again"),
        ActionState.DONE: _l("Action point done"),
    },
    check_text=guard.check,
)


# --- The session's thread (the threads machinery registers these) ------------------------------


def may_read_thread(user, meeting) -> bool:
    """Whoever may see the session reads its thread."""
    return allowed(user, SP.READ, meeting)


def may_write_thread(user, meeting) -> bool:
    """Its organiser, its minute-taker, the coordinators, and its invitees and registered people:
    those who prepare and follow it up."""
    if allowed(user, SP.PLAN, meeting) or allowed(user, SP.MINUTES, meeting):
        return True
    if not allowed(user, SP.READ, meeting):
        return False
    from mdma.sessions import registrations  # the read side of registrations, same floor

    return is_invited(user, meeting) or registrations.holds_place(user, meeting)
