"""search matches from the GIN index on PostgreSQL: a function that may not scan the table

PostgreSQL prices a full-text test (`@@`) at almost nothing, so for a word in a third of the
bottlenecks it reads and tests every row instead of asking the GIN index, ten times slower.
`bottleneck_search_matches(query)` runs the match with sequential scans off, for that one
query only (a function's own SET), and tells the planner to expect a few thousand rows.
Nothing on SQLite, where FTS5 always answers from its index.

Revision ID: a41f0c9d2e57
Revises: 7d2e4c1a9b63
Create Date: 2026-12-05 07:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a41f0c9d2e57'
down_revision = '7d2e4c1a9b63'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """CREATE FUNCTION bottleneck_search_matches(query tsquery) RETURNS SETOF integer
        LANGUAGE sql STABLE STRICT ROWS 5000
        SET enable_seqscan = off
        AS $$ SELECT bottleneck_id FROM bottleneck_search WHERE document @@ query $$"""
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION bottleneck_search_matches(tsquery)")
