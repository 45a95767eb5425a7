"""Keep the problems docutils finds in a page's text with its rendering.

The page shows no docutils system message any more; the edit form shows
its author the problems instead, read from here.  The renderings already
stored need no filling in: their renderer's version differs from the
running one, which made this change, so each page is rendered again (and
its problems stored) when it is next viewed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("renderings", sa.Column("problems", sa.JSON(), nullable=True))


def downgrade():
    # SQLite drops a column by copying the table: batch mode does that.
    with op.batch_alter_table("renderings") as batch:
        batch.drop_column("problems")
