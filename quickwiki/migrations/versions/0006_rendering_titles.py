"""Keep the title a page's text gives itself with its rendering.

A text headed by a lone title shows it as the page's heading, not as a
second, smaller one under the page's name; the renderer takes it out of
the HTML, and it is kept here beside it.  The renderings already stored
need no filling in: their renderer's version differs from the running
one, so each page is rendered again when it is next viewed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("renderings", sa.Column("title", sa.Text(), nullable=True))


def downgrade():
    # SQLite drops a column by copying the table: batch mode does that.
    with op.batch_alter_table("renderings") as batch:
        batch.drop_column("title")
