"""A bottleneck's many-to-many links (routed sectors, organisations, named owners, followers)
and `RoutedSector`, one routed sector with its own first answer."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, relationship

from mdma.directory.models import Sector
from mdma.extensions import db


def _link(name: str, column: str, target: str) -> sa.Table:
    """A many-to-many link from a bottleneck (deleted with it) to rows of `target`; the second
    index answers "the bottlenecks of this sector (user, organisation)" without a scan."""
    return db.Table(
        name,
        sa.Column(
            "bottleneck_id", sa.ForeignKey("bottlenecks.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(column, sa.ForeignKey(f"{target}.id"), primary_key=True),
        sa.Index(f"ix_{name}_{column}", column, "bottleneck_id"),
    )


bottleneck_sectors = _link("bottleneck_sectors", "sector_id", "sectors")
# Each routed sector owes its own first answer: when it came, in which post, and the last day
# its policy owners were reminded of it.
bottleneck_sectors.append_column(sa.Column("answered_at", sa.DateTime))
bottleneck_sectors.append_column(
    sa.Column("answer_post_id", sa.ForeignKey("posts.id", ondelete="SET NULL"))
)
bottleneck_sectors.append_column(sa.Column("reminded_on", sa.Date))
bottleneck_organisations = _link("bottleneck_organisations", "organisation_id", "organisations")
#: Policy owners the coordinator names besides the routed sectors.
bottleneck_owners = _link("bottleneck_owners", "user_id", "users")
bottleneck_followers = _link("bottleneck_followers", "user_id", "users")


class RoutedSector(db.Model):
    """One routed sector of a bottleneck and its own first answer (read-only here: `routing`
    writes the link rows)."""

    __table__ = bottleneck_sectors

    sector: Mapped[Sector] = relationship(lazy="joined", viewonly=True)

    @property
    def answered(self) -> bool:
        return self.answered_at is not None
