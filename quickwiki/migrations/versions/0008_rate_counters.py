"""Count what each client does, for the wiki's rate limits and quotas.

One row per counter (a client's saves this hour, say) with the end of its
window; :mod:`quickwiki.lib.limiting` keeps them.  Going back drops them:
they only ever hold the last hour or day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-02-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("expires", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_counters")),
    )


def downgrade():
    op.drop_table("rate_counters")
