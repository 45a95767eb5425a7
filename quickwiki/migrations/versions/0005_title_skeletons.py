"""Keep what each title looks like, so that no new title looks like another.

``pages.skeleton`` is the title's skeleton
(:func:`quickwiki.lib.wikiwords.skeleton`), filled in here for the pages
there are, and indexed: a new title is refused when another page's title
has its skeleton.  Titles made before are all ASCII, and two of them may
already look alike (``Page1`` and ``Pagel``): the index is not unique, and
both stay.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from quickwiki.lib.wikiwords import skeleton

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

pages = sa.table("pages", sa.column("title", sa.String), sa.column("skeleton", sa.Text))


def upgrade():
    with op.batch_alter_table("pages") as batch:
        batch.add_column(sa.Column("skeleton", sa.Text(), nullable=True))
    connection = op.get_bind()
    titles = connection.scalars(sa.select(pages.c.title)).all()
    if titles:
        connection.execute(
            pages.update()
            .where(pages.c.title == sa.bindparam("key"))
            .values(skeleton=sa.bindparam("value")),
            [{"key": title, "value": skeleton(title)} for title in titles],
        )
    with op.batch_alter_table("pages") as batch:
        batch.alter_column("skeleton", existing_type=sa.Text(), nullable=False)
        batch.create_index("ix_pages_skeleton", ["skeleton"])


def downgrade():
    with op.batch_alter_table("pages") as batch:
        batch.drop_index("ix_pages_skeleton")
        batch.drop_column("skeleton")
