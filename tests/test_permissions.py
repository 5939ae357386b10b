"""Every route, walked by every role: the answer each gets follows the role table.

What each route needs is written down here, apart from the views' own declarations, so a
route added without a line in EXPECTED_ACCESS fails the first test, and a declaration that
drifts from this table fails the walk. A line is one permission for every method of the route,
or a permission per method.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, url_for
from flask.views import MethodView

from mdma.accounts import authentication, logins, services
from mdma.bottlenecks import services as bottlenecks
from mdma.bottlenecks.states import BottleneckPermission
from mdma.notifications.models import Notification
from mdma.permissions import (
    PUBLIC,
    ROLE_PERMISSIONS,
    Permission,
    Role,
    check_declared_access,
    public,
    requires,
)
from mdma.proposals import services as proposals
from mdma.proposals.states import ProposalPermission
from mdma.sessions import agenda
from mdma.sessions.states import SessionPermission
from mdma.threads.permissions import ThreadPermission
from tests.conftest import login

EXPECTED_ACCESS = {
    "static": PUBLIC,
    "api-docs.openapi_json": PUBLIC,
    # Pages of one's own account
    "accounts.home": Permission.PROFILE_MANAGE,
    "accounts.login": PUBLIC,
    "accounts.logout": Permission.PROFILE_MANAGE,
    "accounts.set_language": PUBLIC,
    "accounts.accept_invitation": PUBLIC,
    "accounts.forgot_password": PUBLIC,
    "accounts.reset_password": PUBLIC,
    "accounts.profile": Permission.PROFILE_MANAGE,
    "accounts.change_password": Permission.PROFILE_MANAGE,
    "accounts.api_tokens": Permission.PROFILE_MANAGE,
    "accounts.revoke_api_token": Permission.PROFILE_MANAGE,
    "accounts.end_login": Permission.PROFILE_MANAGE,
    "accounts.end_all_logins": Permission.PROFILE_MANAGE,
    # Administration of accounts
    "admin_accounts.users": Permission.USER_MANAGE,
    "admin_accounts.invite": Permission.USER_MANAGE,
    "admin_accounts.edit_user": Permission.USER_MANAGE,
    "admin_accounts.set_active": Permission.USER_MANAGE,
    "admin_accounts.invitations": Permission.USER_MANAGE,
    "admin_accounts.invitation_action": Permission.USER_MANAGE,
    # Directory
    "directory.organisations": Permission.DIRECTORY_READ,
    "directory.sectors": Permission.DIRECTORY_MANAGE,
    "directory.edit_sector": Permission.DIRECTORY_MANAGE,
    "directory.archive_sector": Permission.DIRECTORY_MANAGE,
    "directory.new_organisation": Permission.DIRECTORY_MANAGE,
    "directory.edit_organisation": Permission.DIRECTORY_MANAGE,
    "directory.archive_organisation": Permission.DIRECTORY_MANAGE,
    # API
    "accounts_api.Me": Permission.PROFILE_MANAGE,
    "directory_api.Sectors": Permission.DIRECTORY_READ,
    "directory_api.Organisations": Permission.DIRECTORY_READ,
    "directory_api.OrganisationById": Permission.DIRECTORY_READ,
    "directory_api.LifeDomains": Permission.DIRECTORY_READ,
    "privacy.check": Permission.PRIVACY_CHECK,
    "privacy.false_alarms": Permission.PRIVACY_REVIEW,
    "privacy.findings": Permission.PRIVACY_REVIEW,
    "privacy.redact_finding": Permission.PRIVACY_REVIEW,
    "privacy.dismiss_finding": Permission.PRIVACY_REVIEW,
    "privacy_api.Scan": Permission.PRIVACY_CHECK,
    # Bottlenecks
    "bottlenecks.index": Permission.BOTTLENECK_READ,
    "bottlenecks.triage_queue": Permission.BOTTLENECK_TRIAGE,
    "bottlenecks.drafts": Permission.BOTTLENECK_REPORT,
    "bottlenecks.new": Permission.BOTTLENECK_REPORT,
    "bottlenecks.edit": Permission.BOTTLENECK_REPORT,
    "bottlenecks.detail": Permission.BOTTLENECK_READ,
    "bottlenecks.submit_draft": Permission.BOTTLENECK_REPORT,
    "bottlenecks.add_post": Permission.BOTTLENECK_DISCUSS,
    "bottlenecks.transition": Permission.BOTTLENECK_READ,
    "bottlenecks.follow": Permission.BOTTLENECK_READ,
    "bottlenecks.add_occurrence": Permission.BOTTLENECK_REPORT,
    "bottlenecks.triage": Permission.BOTTLENECK_TRIAGE,
    "bottlenecks.merge": Permission.BOTTLENECK_TRIAGE,
    "bottlenecks.correct": BottleneckPermission.CORRECT,
    "bottlenecks.versions": Permission.BOTTLENECK_READ,
    # Structural signals
    "signals.start_check": Permission.BOTTLENECK_TRIAGE,
    "signals.assess": Permission.BOTTLENECK_ANSWER,
    "signals.close_check": Permission.BOTTLENECK_TRIAGE,
    "signals.name_owner": Permission.BOTTLENECK_TRIAGE,
    "signals.report_progress": Permission.BOTTLENECK_READ,
    "signals.mute_feedback": Permission.BOTTLENECK_REPORT,
    "signals.my_signals": Permission.BOTTLENECK_REPORT,
    "signals_api.Checks": {
        "GET": Permission.BOTTLENECK_READ,
        "POST": Permission.BOTTLENECK_TRIAGE,
    },
    "signals_api.Assessments": Permission.BOTTLENECK_ANSWER,
    "signals_api.CloseCheck": Permission.BOTTLENECK_TRIAGE,
    "signals_api.SignalById": Permission.BOTTLENECK_READ,
    "signals_api.SignalOwner": Permission.BOTTLENECK_TRIAGE,
    "signals_api.ProgressReports": Permission.BOTTLENECK_READ,
    "signals_api.FeedbackMute": Permission.BOTTLENECK_REPORT,
    "signals_api.MySignals": Permission.BOTTLENECK_REPORT,
    "signals_api.Candidates": Permission.BOTTLENECK_TRIAGE,
    # Threads
    "threads.post": Permission.PROFILE_MANAGE,
    "threads.edit": Permission.PROFILE_MANAGE,
    "threads.history": Permission.PROFILE_MANAGE,
    "threads.delete": Permission.PROFILE_MANAGE,
    "threads.hide": ThreadPermission.MODERATE,
    "threads.mute": Permission.PROFILE_MANAGE,
    "threads.moderation": ThreadPermission.MODERATE,
    "threads_api.ThreadById": Permission.PROFILE_MANAGE,
    "threads_api.ThreadPosts": Permission.PROFILE_MANAGE,
    "threads_api.ThreadRead": Permission.PROFILE_MANAGE,
    "threads_api.ThreadMute": Permission.PROFILE_MANAGE,
    "threads_api.PostById": Permission.PROFILE_MANAGE,
    "threads_api.PostVersions": Permission.PROFILE_MANAGE,
    "threads_api.PostHide": ThreadPermission.MODERATE,
    "threads_api.Mentions": Permission.PROFILE_MANAGE,
    # Notifications
    "notifications.index": Permission.PROFILE_MANAGE,
    "notifications.open_one": Permission.PROFILE_MANAGE,
    "notifications.read_all": Permission.PROFILE_MANAGE,
    "notifications.unread": Permission.PROFILE_MANAGE,
    # What live pages fetch after a change notice (each thread checks its reader: 404)
    "threads_live.post": Permission.PROFILE_MANAGE,
    "threads_live.changed_since": Permission.PROFILE_MANAGE,
    "notifications.settings": Permission.PROFILE_MANAGE,
    "notifications.unsubscribe_by_mail": PUBLIC,
    "bottlenecks_api.Bottlenecks": {
        "GET": Permission.BOTTLENECK_READ,
        "POST": Permission.BOTTLENECK_REPORT,
    },
    "bottlenecks_api.BottleneckById": {
        "GET": Permission.BOTTLENECK_READ,
        "PATCH": BottleneckPermission.CORRECT,
    },
    "bottlenecks_api.BottleneckVersions": Permission.BOTTLENECK_READ,
    "bottlenecks_api.BottleneckSubmit": Permission.BOTTLENECK_REPORT,
    "bottlenecks_api.BottleneckOccurrences": {
        "GET": Permission.BOTTLENECK_READ,
        "POST": Permission.BOTTLENECK_REPORT,
    },
    "bottlenecks_api.BottleneckTriage": Permission.BOTTLENECK_TRIAGE,
    "bottlenecks_api.SimilarBottlenecks": Permission.BOTTLENECK_READ,
    "bottlenecks_api.BottleneckTransitions": Permission.BOTTLENECK_READ,
    "bottlenecks_api.BottleneckMerge": Permission.BOTTLENECK_TRIAGE,
    "bottlenecks_api.BottleneckFollow": Permission.BOTTLENECK_READ,
    "bottlenecks_api.BottleneckPosts": {
        "GET": Permission.BOTTLENECK_READ,
        "POST": Permission.BOTTLENECK_DISCUSS,
    },
    # Sessions (object rules past the edge: refused as a message or 404, never a 403)
    "sessions.index": SessionPermission.READ,
    "sessions.month": SessionPermission.READ,
    "sessions.new": SessionPermission.PLAN,
    "sessions.edit": SessionPermission.PLAN,
    "sessions.cancel": SessionPermission.PLAN,
    "sessions.invite": SessionPermission.PLAN,
    "sessions.invite_guest": SessionPermission.PLAN,
    "sessions.detail": SessionPermission.READ,
    "sessions.registration": SessionPermission.READ,
    "sessions.add_post": SessionPermission.READ,
    "sessions.attendance": SessionPermission.PLAN,
    "sessions.add_item": SessionPermission.PLAN,
    "sessions.minutes": SessionPermission.READ,
    "sessions.decision": SessionPermission.READ,
    "sessions.action_point": SessionPermission.READ,
    "sessions.action_state": SessionPermission.READ,
    "sessions.my_action_points": SessionPermission.READ,
    "sessions.series_minutes": SessionPermission.READ,
    "sessions.approve_minutes": SessionPermission.READ,
    "sessions.propose_item": SessionPermission.PROPOSE_ITEM,
    "sessions_api.SessionApproveMinutes": SessionPermission.READ,
    "sessions_api.SessionGuests": SessionPermission.PLAN,
    "sessions_api.ProposedItems": SessionPermission.PROPOSE_ITEM,
    "sessions.ics": SessionPermission.READ,
    "sessions.my_calendar": SessionPermission.READ,
    "sessions.feed": PUBLIC,
    "sessions.types": SessionPermission.CONFIGURE,
    "sessions.edit_type": SessionPermission.CONFIGURE,
    "sessions_api.SessionTypes": SessionPermission.READ,
    "sessions_api.Sessions": {"GET": SessionPermission.READ, "POST": SessionPermission.PLAN},
    "sessions_api.SessionById": {"GET": SessionPermission.READ, "PUT": SessionPermission.PLAN},
    "sessions_api.SessionCancel": SessionPermission.PLAN,
    "sessions_api.SessionSeries": SessionPermission.PLAN,
    "sessions_api.SessionInvitations": SessionPermission.PLAN,
    "sessions_api.SessionRegistration": SessionPermission.READ,
    "sessions_api.SessionRegistrations": SessionPermission.PLAN,
    "sessions_api.SessionAttendance": SessionPermission.PLAN,
    "sessions_api.SessionAgenda": {"GET": SessionPermission.READ, "POST": SessionPermission.PLAN},
    "sessions_api.ItemMinutes": SessionPermission.READ,
    "sessions_api.ItemDecisions": SessionPermission.READ,
    "sessions_api.ItemActionPoints": SessionPermission.READ,
    "sessions_api.MyActionPoints": SessionPermission.READ,
    "sessions_api.ActionPointState": SessionPermission.READ,
    # Proposals and policy advice
    "proposals.index": ProposalPermission.READ,
    "proposals.board": ProposalPermission.READ,
    "proposals.new": ProposalPermission.WRITE,
    "proposals.edit": ProposalPermission.WRITE,
    "proposals.detail": ProposalPermission.READ,
    "proposals.step": ProposalPermission.READ,
    "proposals.followup_step": ProposalPermission.READ,
    "proposals.submit_followup": ProposalPermission.READ,
    "proposals.answer_followup": ProposalPermission.READ,
    "proposals.progress": ProposalPermission.READ,
    "advices.index": ProposalPermission.COMPILE,
    "advices.new": ProposalPermission.COMPILE,
    "advices.detail": ProposalPermission.COMPILE,
    "advices.edit": ProposalPermission.COMPILE,
    "advices.compare": ProposalPermission.COMPILE,
    "advices.publish": ProposalPermission.COMPILE,
    "advices.set_public": ProposalPermission.COMPILE,
    "advices.export": ProposalPermission.COMPILE,
    "public_advices.index": PUBLIC,
    "public_advices.detail": PUBLIC,
    "proposals_api.Proposals": {
        "GET": ProposalPermission.READ,
        "POST": ProposalPermission.WRITE,
    },
    "proposals_api.ProposalById": {
        "GET": ProposalPermission.READ,
        "PUT": ProposalPermission.WRITE,
    },
    "proposals_api.ProposalTransitions": ProposalPermission.READ,
    "proposals_api.ProposalEvidence": ProposalPermission.READ,
    "proposals_api.FollowupTransitions": ProposalPermission.READ,
    "proposals_api.FollowupSubmission": ProposalPermission.READ,
    "proposals_api.FollowupAnswer": ProposalPermission.READ,
    "proposals_api.FollowupProgress": ProposalPermission.READ,
    "proposals_api.Board": ProposalPermission.READ,
    "proposals_api.Advices": ProposalPermission.COMPILE,
    "proposals_api.AdviceCandidates": ProposalPermission.COMPILE,
    "proposals_api.AdviceById": ProposalPermission.COMPILE,
    "proposals_api.AdviceVersions": ProposalPermission.COMPILE,
    "proposals_api.AdviceCompare": ProposalPermission.COMPILE,
    "proposals_api.AdvicePublish": ProposalPermission.COMPILE,
    "proposals_api.AdvicePublic": ProposalPermission.COMPILE,
    "proposals_api.AdviceExport": ProposalPermission.COMPILE,
    "proposals_api.PublicAdvices": PUBLIC,
}

ALLOWED = "allowed"
FORBIDDEN = "403"
SENT_TO_LOG_IN = "redirected to log in"
UNAUTHORIZED = "401 JSON"


def expected_answer(access, role: Role | None, path: str) -> str:
    if access == PUBLIC:
        return ALLOWED
    if role is None:
        return UNAUTHORIZED if path.startswith("/api/") else SENT_TO_LOG_IN
    return ALLOWED if access in ROLE_PERMISSIONS[role] else FORBIDDEN


def answer(response, path: str) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 401:
        error = (response.get_json(silent=True) or {}).get("error", {})
        return UNAUTHORIZED if error.get("code") == "unauthorized" else "401 without the JSON error"
    location = urlsplit(response.location or "")
    # Logging out also lands on /login; being sent to log in carries the way back.
    if location.path == "/login" and parse_qs(location.query).get("next") == [path]:
        return SENT_TO_LOG_IN
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    return ALLOWED


@pytest.fixture
def url_arguments(session, create_user, create_organisation, sector):
    """A real object for each kind of URL argument; the signed-in user's token is added later."""
    admin = create_user("admin", language="en")
    # Someone else's draft: whoever passes the edge meets the object rule (404), never a 403.
    draft = bottlenecks.save_draft(create_user(), bottlenecks.Report(title="Walk", description=""))
    notification = Notification(user_id=admin.id, kind="bottleneck.routed", url="/", data={})
    session.add(notification)
    session.flush()
    # Someone else's draft proposal: the coordinator reads it, others meet a 404.
    proposal = proposals.save(
        create_user("policy_owner"),
        None,
        proposals.Draft(title="Walk", kind="improvement", levels={"local": ""}),
    )
    invitation = services.invite(
        admin, email="walk@test.example", name="Walk Invitee", role="researcher"
    )
    from tests.sessions.conftest import plan_session

    meeting = plan_session(create_user("coordinator"))
    item = agenda.add_item(admin_coordinator := create_user("coordinator"), meeting, kind="text",
                           title="Walk")  # fmt: skip
    point = agenda.add_action_point(
        admin_coordinator, item, text="Walk", owner=admin, due_on=meeting.starts_at.date()
    )
    return {
        "session_id": meeting.id,
        "type_id": meeting.type_id,
        "item_id": item.id,
        "action_point_id": point.id,
        "user_id": create_user("case_manager", language="en").id,
        "organisation_id": create_organisation().id,
        "sector_id": sector("health").id,
        "invitation_id": invitation.id,
        "action": "revoke",
        "token": "not-a-real-token",
        "token_id": authentication.create_api_token(admin, "walk", None)[0].id,
        "filename": "css/mdma.css",
        "bottleneck_id": draft.id,
        "notification_id": notification.id,
        "finding_id": 1,  # none yet: whoever passes the edge meets a 404
        # Someone else's log-in session: whoever passes the edge meets a 404.
        "login_id": logins.start(admin).id,
        "thread_id": draft.thread_id,  # someone else's draft's thread: a 404 past the edge
        "post_id": 10**6,
        "proposal_id": proposal.id,
        "followup_id": proposal.followups[0].id,
        "advice_id": 1,  # none yet: whoever passes the edge meets a 404
        "fmt": "pdf",
    }


def test_every_route_has_a_line_in_the_expected_access_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - EXPECTED_ACCESS.keys())
    stale = sorted(EXPECTED_ACCESS.keys() - endpoints)
    assert not missing and not stale, (
        f"add to EXPECTED_ACCESS: {missing}; remove from it (no such route): {stale}"
    )


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "anonymous"])
def test_every_route_answers_each_role_as_the_role_table_says(
    app, client, create_user, url_arguments, role
):
    user = None
    if role is not None:
        user = create_user(role, language="en")
        url_arguments["token_id"] = authentication.create_api_token(user, "own", None)[0].id

    wrong = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint):
        if rule.endpoint not in EXPECTED_ACCESS:
            wrong.append(f"{rule.endpoint}: no line in EXPECTED_ACCESS")
            continue
        line = EXPECTED_ACCESS[rule.endpoint]
        with app.test_request_context():
            path = url_for(rule.endpoint, **{name: url_arguments[name] for name in rule.arguments})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            access = line[method] if isinstance(line, dict) else line
            # Each request starts from a fresh sign-in: an earlier one may have logged out.
            with client.session_transaction() as flask_session:
                flask_session.clear()
            if user is not None:
                login(client, user)
            response = client.open(path, method=method, data={})
            expected, got = expected_answer(access, role, path), answer(response, path)
            if got != expected:
                wrong.append(
                    f"{method} {path} ({rule.endpoint}): expected {expected}, "
                    f"got {got} ({response.status_code})"
                )
    assert not wrong, "\n".join(wrong)


def test_app_with_an_undeclared_route_refuses_to_start():
    app = Flask(__name__)
    app.add_url_rule("/forgotten", "forgotten", lambda: "")

    with pytest.raises(RuntimeError, match="forgotten GET"):
        check_declared_access(app)


def test_class_view_with_an_undeclared_method_refuses_to_start():
    class Things(MethodView):
        @requires(Permission.DIRECTORY_READ)
        def get(self):
            return ""

        def post(self):
            return ""

    app = Flask(__name__)
    app.add_url_rule("/things", view_func=Things.as_view("things"))

    with pytest.raises(RuntimeError, match="things POST") as refusal:
        check_declared_access(app)
    assert "things GET" not in str(refusal.value)


def test_app_whose_routes_all_declare_access_starts():
    app = Flask(__name__)
    app.add_url_rule("/open", "open", public(lambda: ""))
    app.add_url_rule("/closed", "closed", requires(Permission.USER_MANAGE)(lambda: ""))

    check_declared_access(app)
