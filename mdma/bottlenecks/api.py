"""Bottlenecks as JSON: the same services, permissions and privacy guard as the pages.

A draft is its writer's alone (404 for everyone else). A merged bottleneck lives on in the one
it was merged into: each of its addresses answers 308 with the same address there.
"""

from flask import abort, redirect, request, url_for
from flask.views import MethodView
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.api.base import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    Blueprint,
    items_of,
    one_commit,
    page_of,
    rows_of,
    signed_in,
)
from mdma.bottlenecks import evidence, merging, queries, routing, services, similar
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.schemas import (
    EDITABLE,
    BottleneckDetailSchema,
    BottleneckEdit,
    BottleneckInput,
    BottleneckItemSchema,
    BottleneckQuery,
    MergeInput,
    OccurrenceInput,
    OccurrenceSchema,
    PostInput,
    PostSchema,
    SimilarItemSchema,
    SimilarQuery,
    TransitionInput,
    TriageInput,
)
from mdma.bottlenecks.states import LIFECYCLE, BottleneckPermission, Status
from mdma.core import page_cache
from mdma.core.errors import RuleViolation
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.threads.models import Post

blp = Blueprint(
    "bottlenecks_api", __name__, "/bottlenecks", "Bottlenecks: report, route, discuss, decide"
)
#: The service's field names as this API names them.
RENAMED = {"sectors": "sector_ids", "organisations": "organisation_ids", "owners": "owner_ids"}
#: The steps with an endpoint of their own; every other step is a POST to /transitions.
STEP_ENDPOINTS = {Status.SUBMITTED: "BottleneckSubmit", Status.TRIAGED: "BottleneckTriage"}
MERGED = "Merged into another bottleneck: the same address there"


def reply_to(post_id: int | None) -> Post | None:
    post = db.session.get(Post, post_id) if post_id else None
    if post_id and post is None:
        raise RuleViolation(_("Reply to a post of this discussion."), "reply_to")
    return post


def load(bottleneck_id: int) -> Bottleneck:
    """The bottleneck the caller may read, or 404; a merged one redirects (see above)."""
    bottleneck = db.session.get(Bottleneck, bottleneck_id)
    if bottleneck is None or not services.can_read(signed_in(), bottleneck):
        abort(404)
    if bottleneck.merged_into_id is not None:
        args = {**request.view_args, "bottleneck_id": bottleneck.merged_into_id}
        query = request.query_string.decode()
        abort(redirect(url_for(request.endpoint, **args) + (f"?{query}" if query else ""), 308))
    return bottleneck


def _stored(draft: Bottleneck) -> dict:
    """A draft in the input's shape, so an edit may send only what changes."""
    return {
        "title": draft.title,
        "description": draft.description,
        "domains": draft.domain_list,
        "sector_ids": [s.id for s in draft.sectors],
        "organisation_ids": [o.id for o in draft.organisations],
        "level": draft.level,
        "families_count": draft.families_count,
        "household": {
            name: getattr(draft, name)
            for name in ("household_type", "children_band", "youngest_age_band")
        },
    }


def _report(data: dict) -> services.Report:
    return services.Report(
        title=data["title"],
        description=data["description"],
        domains=data["domains"],
        sectors=rows_of(Sector, data["sector_ids"], "sector_ids"),
        organisations=rows_of(Organisation, data["organisation_ids"], "organisation_ids"),
        level=data["level"],
        families_count=data["families_count"],
        household=services.Household(**data["household"]),
    )


class Shown:
    """A bottleneck as one caller sees it: the row (reads fall through to it), its evidence,
    whether the caller follows it, and the steps the caller may take next."""

    def __init__(self, bottleneck: Bottleneck, actor: User):
        self.bottleneck = bottleneck
        self.evidence = evidence.of(bottleneck)
        self.following = queries.is_following(actor, bottleneck)
        self.next_steps = [
            {
                "to": step.target,
                "label": str(step.label),
                "needs_reason": step.needs_reason,
                "href": url_for(
                    f"bottlenecks_api.{STEP_ENDPOINTS.get(step.target, 'BottleneckTransitions')}",
                    bottleneck_id=bottleneck.id,
                ),
            }
            for step in LIFECYCLE.steps_for(actor, bottleneck)
        ]

    def __getattr__(self, name):
        return getattr(self.bottleneck, name)


@blp.route("/similar")
class SimilarBottlenecks(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.arguments(SimilarQuery, location="query")
    @blp.response(200, SimilarItemSchema(many=True))
    def get(self, args):
        """Existing bottlenecks that may be the same problem as a text being written (best first),
        with the words they share and whether they are probably the same; nothing is stored."""
        return similar.similar(
            args["title"], args["description"], limit=5, exclude_id=args["exclude"]
        )


@blp.route("")
class Bottlenecks(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @page_cache.cached
    @blp.arguments(BottleneckQuery, location="query")
    @blp.response(200, BottleneckItemSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, pagination_parameters):
        """List bottlenecks (merged duplicates never; drafts only with `status=draft`, the
        caller's own), filtered and sorted.

        The total in `X-Pagination` is counted up to 10,000 (1,000 when searching): a total of
        10,001 (1,001) means more.
        A search in the order of relevance ranks the best of the 2,000 most recent matches
        first; the older matches follow, the most recent first.
        """
        filters = queries.ListFilter(
            status=args["status"],
            domain=args["domain"],
            sector=args["sector"],
            organisation=args["organisation"],
            level=args["level"],
            overdue=args["overdue"],
            awaiting=args["awaiting"],
            mine=args["mine"],
            my_sectors=args["routed"],
            q=args["q"],
            sort=queries.Sort(args["sort"]) if args["sort"] else None,
        )
        page = queries.list_page(
            signed_in(),
            filters,
            page=pagination_parameters.page,
            per_page=pagination_parameters.page_size,
        )
        return items_of(page, pagination_parameters)

    @requires(Permission.BOTTLENECK_REPORT)
    @blp.arguments(BottleneckInput)
    @blp.response(201, BottleneckDetailSchema)
    def post(self, data):
        """Write a bottleneck: save it as a draft, or submit it for triage."""
        actor = signed_in()
        with one_commit(RENAMED):
            bottleneck = services.save_draft(
                actor,
                _report(data),
                submit=data["submit"],
                confirmed=data["confirmed_not_personal_data"],
            )
        return Shown(bottleneck, actor)


@blp.route("/<int:bottleneck_id>")
class BottleneckById(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, BottleneckDetailSchema)
    @blp.alt_response(308, description=MERGED)
    def get(self, bottleneck_id):
        """One bottleneck: its evidence, timeline and the steps the caller may take next."""
        return Shown(load(bottleneck_id), signed_in())

    @requires(BottleneckPermission.CORRECT)
    @blp.arguments(BottleneckEdit(partial=EDITABLE))
    @blp.response(200, BottleneckDetailSchema)
    def patch(self, data, bottleneck_id):
        """Edit a draft (its writer only), or correct a submitted bottleneck: its title,
        description, life domains and household context (its reporter while nobody has
        answered, the coordinator always), each correction kept as a version.

        What the body leaves out stays as it is; an edit made on an older `version` answers 409.
        """
        actor, bottleneck = signed_in(), load(bottleneck_id)
        if bottleneck.status != Status.DRAFT:
            return correction_api.correct(actor, bottleneck, data)
        report = _report(_stored(bottleneck) | data)
        with one_commit(RENAMED):
            services.save_draft(
                actor,
                report,
                bottleneck,
                submit=data["submit"],
                version=data["version"],
                confirmed=data["confirmed_not_personal_data"],
            )
        return Shown(bottleneck, actor)


@blp.route("/<int:bottleneck_id>/submit")
class BottleneckSubmit(MethodView):
    @requires(Permission.BOTTLENECK_REPORT)
    @blp.response(200, BottleneckDetailSchema)
    def post(self, bottleneck_id):
        """Submit a draft for triage (its writer only)."""
        actor, bottleneck = signed_in(), load(bottleneck_id)
        with one_commit():
            services.submit(actor, bottleneck)
        return Shown(bottleneck, actor)


@blp.route("/<int:bottleneck_id>/occurrences")
class BottleneckOccurrences(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, OccurrenceSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, bottleneck_id, pagination_parameters):
        """Its occurrences, the most recent first."""
        query = queries.occurrences_query(load(bottleneck_id))
        return page_of(query, pagination_parameters)

    @requires(Permission.BOTTLENECK_REPORT)
    @blp.arguments(OccurrenceInput)
    @blp.response(201, OccurrenceSchema)
    def post(self, data, bottleneck_id):
        """Another family met with this bottleneck."""
        actor, bottleneck = signed_in(), load(bottleneck_id)
        with one_commit():
            occurrence = services.add_occurrence(
                actor,
                bottleneck,
                occurred_on=data["occurred_on"],
                domains=data["domains"],
                household=services.Household(**data["household"]),
                note=data["note"],
                confirmed=data["confirmed_not_personal_data"],
            )
        return occurrence


@blp.route("/<int:bottleneck_id>/triage")
class BottleneckTriage(MethodView):
    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.arguments(TriageInput)
    @blp.response(200, BottleneckDetailSchema)
    def post(self, data, bottleneck_id):
        """Route a submitted bottleneck to sectors and policy owners; the answer clock starts."""
        actor, bottleneck = signed_in(), load(bottleneck_id)
        sectors = rows_of(Sector, data["sector_ids"], "sector_ids")
        owners = rows_of(User, data["owner_ids"], "owner_ids")
        with one_commit(RENAMED):
            routing.triage(
                actor, bottleneck, sectors=sectors, level=data["level"], owners=owners,
                tags=data["tags"],
            )  # fmt: skip
        return Shown(bottleneck, actor)


# Whoever reads a bottleneck may ask for a step, as on its page; the lifecycle decides whether
# this actor may take it (the permission and object rule of the step, its state, a reason).
@blp.route("/<int:bottleneck_id>/transitions")
class BottleneckTransitions(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.arguments(TransitionInput)
    @blp.response(200, BottleneckDetailSchema)
    def post(self, data, bottleneck_id):
        """Take a step of the lifecycle: resolve, decline, close, reopen…

        A step that is not the caller's answers 403, one not possible from the current status
        409, one without the reason it needs 422; nothing changes then.
        """
        actor, bottleneck = signed_in(), load(bottleneck_id)
        with one_commit():
            routing.transition(
                actor, bottleneck, Status(data["to"]), data["reason"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return Shown(bottleneck, actor)


@blp.route("/<int:bottleneck_id>/merge")
class BottleneckMerge(MethodView):
    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.arguments(MergeInput)
    @blp.response(200, BottleneckDetailSchema)
    def post(self, data, bottleneck_id):
        """Fold a duplicate into this bottleneck; the duplicate's address redirects here."""
        actor, keep = signed_in(), load(bottleneck_id)
        with one_commit():
            # A draft is as unknown here as a number never given: whose drafts exist stays hidden.
            duplicate = merging.load_for_merge(data["duplicate_id"])
            merging.merge(actor, keep, duplicate, data["reason"], state=data["state"])
        return Shown(keep, actor)


@blp.route("/<int:bottleneck_id>/follow")
class BottleneckFollow(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(204)
    def put(self, bottleneck_id):
        """Follow it: hear of its answers and steps."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            services.follow(signed_in(), bottleneck)

    @requires(Permission.BOTTLENECK_READ)
    @blp.response(204)
    def delete(self, bottleneck_id):
        """Stop following it."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            services.unfollow(signed_in(), bottleneck)


@blp.route("/<int:bottleneck_id>/posts")
class BottleneckPosts(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, PostSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, bottleneck_id, pagination_parameters):
        """Its discussion, oldest post first."""
        return page_of(queries.posts_query(load(bottleneck_id)), pagination_parameters)

    @requires(Permission.BOTTLENECK_DISCUSS)
    @blp.arguments(PostInput)
    @blp.response(201, PostSchema)
    def post(self, data, bottleneck_id):
        """Post in its discussion; `as_answer`: a policy owner's answer for their routed sector
        (the first of each sector meets its deadline)."""
        actor, bottleneck = signed_in(), load(bottleneck_id)
        with one_commit():
            post = services.add_post(
                actor,
                bottleneck,
                data["body"],
                reply_to=reply_to(data["reply_to"]),
                as_answer=data["as_answer"],
                confirmed=data["confirmed_not_personal_data"],
            )
        return post


# Corrections after submit and their versions live beside these, on the same blueprint.
from mdma.bottlenecks import correction_api  # noqa: E402
