"""One page's changes, read by the keyset of recent changes.

Recent changes narrowed to one page, and the page's history feed, are
read newest first in the order of (time, title, number); the primary key
(title, number) found the page's revisions but left them all to be
sorted, so that a page with many revisions cost as many.  This index
holds them in that order.

Going back drops it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_revisions_page_created_number", "revisions", ["page", "created", "number"]
    )


def downgrade():
    op.drop_index("ix_revisions_page_created_number", table_name="revisions")
