"""The schema of QuickWiki 1.0: one table of pages, each title's text.

QuickWiki 1.0 made it with ``create_all``, before it used Alembic; a
database it made is stamped with this revision, then upgraded.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pages",
        sa.Column("title", sa.String(40), primary_key=True),
        sa.Column("content", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("pages")
