"""Mentions: `@handle` names a colleague, `@sector` (a sector's code) its policy owners. Each
person mentioned in a post hears of it once, also when an edit adds the mention later."""

import re

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.accounts.models import User
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.notifications import services as notifications
from mdma.permissions import Role
from mdma.threads import registry
from mdma.threads.models import post_mentions

#: After a space, a line's start or an opening bracket, not inside an e-mail address.
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9._-]{0,39})", re.IGNORECASE)
SUGGESTIONS = 8

notifications.register(
    "thread.mention",
    lambda d: _('%(author)s mentioned you in "%(title)s".', author=d["author"], title=d["title"]),
    label=_l("You are mentioned"),
)


def names_in(body: str) -> set[str]:
    return {match.rstrip("._-").lower() for match in MENTION.findall(body or "")}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def sector_handles() -> dict[str, Sector]:
    """A sector is mentioned by its code or by its name in any language, as a slug
    (`@huisvesting`, `@logement`, `@housing`)."""
    handles = {}
    for sector in db.session.scalars(sa.select(Sector).where(Sector.archived.is_(False))):
        for name in (sector.code, sector.name_nl, sector.name_fr, sector.name_en):
            if name:
                handles[slug(name)] = sector
    return handles


def mentioned(body: str) -> list[User]:
    """The active users a text mentions: by handle, or as policy owners of a sector."""
    names = names_in(body)
    if not names:
        return []
    sector_ids = {s.id for name, s in sector_handles().items() if name in names}
    conditions = [sa.func.lower(User.handle).in_(names)]
    if sector_ids:
        conditions.append(
            sa.and_(User.role == Role.POLICY_OWNER, User.sectors.any(Sector.id.in_(sector_ids)))
        )
    return list(
        db.session.scalars(sa.select(User).where(User.active.is_(True), sa.or_(*conditions)))
    )


def notify_new(actor, thread, post) -> list[User]:
    """Notify those `post` mentions who were not told of it yet and may read the thread."""
    told = set(
        db.session.scalars(
            sa.select(post_mentions.c.user_id).where(post_mentions.c.post_id == post.id)
        )
    )
    fresh = [
        user
        for user in mentioned(post.body)
        if user.id not in told and user.id != actor.id and registry.may_read(user, thread)
    ]
    if not fresh:
        return []
    db.session.execute(
        post_mentions.insert(), [{"post_id": post.id, "user_id": user.id} for user in fresh]
    )
    page = registry.page_of(thread)
    notifications.notify(
        fresh,
        "thread.mention",
        url=f"{page}#post-{post.id}",
        actor=actor,
        title=registry.title_of(thread),
        author=actor.name,
    )
    return fresh


def suggest(prefix: str) -> list[dict]:
    """What the form's `@` completes to: active users by handle or name, and sectors."""
    prefix = (prefix or "").strip().lstrip("@").lower()
    if not prefix:
        return []
    like = prefix.replace("\\", "").replace("%", "").replace("_", "\\_") + "%"
    users = db.session.scalars(
        sa.select(User)
        .where(
            User.active.is_(True),
            sa.or_(
                sa.func.lower(User.handle).like(like, escape="\\"),
                sa.func.lower(User.name).like(like, escape="\\"),
            ),
        )
        .order_by(User.handle)
        .limit(SUGGESTIONS)
    ).all()
    sectors = {s.id: s for name, s in sector_handles().items() if name.startswith(prefix)}
    return [{"handle": u.handle, "name": u.name, "kind": "user"} for u in users] + [
        {"handle": slug(s.name), "name": s.name, "kind": "sector"} for s in sectors.values()
    ][:SUGGESTIONS]
