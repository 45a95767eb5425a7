r"""Keep every edit: revisions, links and stored renderings.

Each page's text becomes its first revision; ``pages`` keeps only the
number of the latest revision and whether it deleted the page.  The
renderings start empty (the first view of each page renders it), and so
do the links, which are found when a page is rendered.

The text's line breaks become ``\n``, as in every text QuickWiki saves
now (``quickwiki.lib.forms.PageSource``).  QuickWiki 1.0 kept the ``\r\n``
that browsers send; kept so, a page would differ from its next edit in
every line end, so that saving it unchanged would add a revision, and
every merge with it would be a conflict.

Going back keeps each page's latest text, and loses the history and the
deleted pages, which QuickWiki 1.0 could not hold.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: The summary of the revisions made from the pages of QuickWiki 1.0.
IMPORTED_SUMMARY = "The page as it was when QuickWiki began keeping its history."

pages = sa.table(
    "pages",
    sa.column("title", sa.String),
    sa.column("content", sa.Text),
    sa.column("revision", sa.Integer),
    sa.column("deleted", sa.Boolean),
)
revisions = sa.table(
    "revisions",
    sa.column("page", sa.String),
    sa.column("number", sa.Integer),
    sa.column("content", sa.Text),
    sa.column("created", sa.DateTime(timezone=True)),
    sa.column("author", sa.String),
    sa.column("summary", sa.String),
    sa.column("deleted", sa.Boolean),
)
renderings = sa.table(
    "renderings", sa.column("page", sa.String), sa.column("revision", sa.Integer)
)


def _with_newlines(text):
    r"""``text`` with its line breaks, ``\r\n`` or ``\r``, made ``\n``."""
    return sa.func.replace(sa.func.replace(text, "\r\n", "\n"), "\r", "\n")


def upgrade():
    op.create_table(
        "revisions",
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("address", sa.String(45), nullable=True),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("page", "number", name="pk_revisions"),
        sa.ForeignKeyConstraint(
            ["page"], ["pages.title"], name="fk_revisions_page_pages"
        ),
        sa.CheckConstraint("number >= 1", name="ck_revisions_number"),
    )
    op.create_table(
        "links",
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("page", "target", name="pk_links"),
        sa.ForeignKeyConstraint(["page"], ["pages.title"], name="fk_links_page_pages"),
    )
    op.create_index("ix_links_target", "links", ["target"])
    op.create_table(
        "renderings",
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("renderer", sa.String(100), nullable=True),
        sa.PrimaryKeyConstraint("page", name="pk_renderings"),
        sa.ForeignKeyConstraint(
            ["page", "revision"],
            ["revisions.page", "revisions.number"],
            name="fk_renderings_page_revision_revisions",
        ),
    )
    op.execute(
        revisions.insert().from_select(
            ["page", "number", "content", "created", "author", "summary", "deleted"],
            sa.select(
                pages.c.title,
                sa.literal(1),
                _with_newlines(pages.c.content),
                sa.func.current_timestamp(),
                sa.literal("anonymous"),
                sa.literal(IMPORTED_SUMMARY),
                sa.false(),
            ),
        )
    )
    op.execute(
        renderings.insert().from_select(
            ["page", "revision"], sa.select(pages.c.title, sa.literal(1))
        )
    )
    # SQLite alters a table by copying it: the new columns need a default
    # to be filled in, which the second step removes again.
    with op.batch_alter_table("pages") as batch:
        batch.add_column(
            sa.Column("revision", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(
            sa.Column(
                "deleted", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.drop_column("content")
    with op.batch_alter_table("pages") as batch:
        batch.alter_column("revision", server_default=None)
        batch.alter_column("deleted", server_default=None)
        batch.create_check_constraint("ck_pages_revision", "revision >= 1")
    op.create_index("ix_pages_live_titles", "pages", ["deleted", "title"])


def downgrade():
    op.drop_index("ix_pages_live_titles", table_name="pages")
    with op.batch_alter_table("pages") as batch:
        batch.drop_constraint("ck_pages_revision", type_="check")
        batch.add_column(
            sa.Column("content", sa.Text(), nullable=False, server_default="")
        )
    latest = (
        sa.select(revisions.c.content)
        .where(
            revisions.c.page == pages.c.title, revisions.c.number == pages.c.revision
        )
        .scalar_subquery()
    )
    op.execute(pages.update().values(content=latest))
    op.drop_table("renderings")
    op.drop_table("links")
    op.drop_table("revisions")
    op.execute(pages.delete().where(pages.c.deleted == sa.true()))
    with op.batch_alter_table("pages") as batch:
        batch.alter_column("content", server_default=None)
        batch.drop_column("revision")
        batch.drop_column("deleted")
