"""Finding your way: full-text search, wanted pages, recent changes.

- ``search_texts`` holds each live page's title words and the start of its
  text, with the database's own full-text index over it: on SQLite the
  FTS5 table ``search_index``, which reads its text from ``search_texts``
  and which triggers keep in step with it; on PostgreSQL the generated
  ``tsvector`` column ``document`` with a GIN index.  It is filled here
  from every live page's latest revision.
- ``links.missing`` says which links lead to a page that does not exist,
  for the list of wanted pages; the links are read by their target in
  order of the linking page's title (what links here).
- ``revisions.size`` is each text's length in bytes of UTF-8, so that
  lists of changes say how much each one changed without reading texts;
  recent changes are read newest first, from the whole wiki or by author.

On PostgreSQL it then gathers the planner's statistics (ANALYZE).  Going
back drops all of these.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import regex
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: Characters of a page's text that are indexed, as quickwiki.lib.search
#: indexes them.
INDEXED_LENGTH = 100_000
_NOT_MARKS = str.maketrans({"\ue000": "\ufffd", "\ue001": "\ufffd"})
# A title's capitalised runs, in any cased script, as titles are written.
_TITLE_PART = regex.compile(r"[\p{Lu}\p{Lt}]\p{M}*(?:[\p{Ll}\p{Nd}]\p{M}*)+")
_BATCH = 5000

pages = sa.table(
    "pages",
    sa.column("title", sa.String),
    sa.column("revision", sa.Integer),
    sa.column("deleted", sa.Boolean),
)
revisions = sa.table(
    "revisions",
    sa.column("page", sa.String),
    sa.column("number", sa.Integer),
    sa.column("content", sa.Text),
    sa.column("size", sa.Integer),
)
links = sa.table(
    "links",
    sa.column("target", sa.String),
    sa.column("missing", sa.Boolean),
)
search_texts = sa.table(
    "search_texts",
    sa.column("page", sa.String),
    sa.column("words", sa.String),
    sa.column("body", sa.Text),
)

# FTS5 reads the text of search_texts (external content); the triggers
# give it every change, with the old values it needs to forget a row.
SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE search_index USING fts5(words, body, "
    "content='search_texts', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_texts_insert AFTER INSERT ON search_texts BEGIN "
    "INSERT INTO search_index (rowid, words, body) "
    "VALUES (new.id, new.words, new.body); END",
    "CREATE TRIGGER search_texts_delete AFTER DELETE ON search_texts BEGIN "
    "INSERT INTO search_index (search_index, rowid, words, body) "
    "VALUES ('delete', old.id, old.words, old.body); END",
    "CREATE TRIGGER search_texts_update AFTER UPDATE ON search_texts BEGIN "
    "INSERT INTO search_index (search_index, rowid, words, body) "
    "VALUES ('delete', old.id, old.words, old.body); "
    "INSERT INTO search_index (rowid, words, body) "
    "VALUES (new.id, new.words, new.body); END",
]
POSTGRESQL_INDEX = [
    "ALTER TABLE search_texts ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('english', words), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_search_texts_document ON search_texts USING gin (document)",
]


def _size(content):
    """The SQL of ``content``'s length in bytes of UTF-8."""
    if op.get_bind().dialect.name == "postgresql":
        return sa.func.octet_length(content)
    return sa.func.length(sa.cast(content, sa.LargeBinary))


def _live_page_exists(title):
    return sa.exists().where(pages.c.title == title, pages.c.deleted == sa.false())


def upgrade():
    # SQLite alters a table by copying it: the new columns need a default
    # to be filled in, which the second step removes again.
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(
            sa.Column("size", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute(revisions.update().values(size=_size(revisions.c.content)))
    with op.batch_alter_table("revisions") as batch:
        batch.alter_column("size", server_default=None)
    op.create_index(
        "ix_revisions_created_page_number", "revisions", ["created", "page", "number"]
    )
    op.create_index(
        "ix_revisions_author_created_page_number",
        "revisions",
        ["author", "created", "page", "number"],
    )

    with op.batch_alter_table("links") as batch:
        batch.add_column(
            sa.Column(
                "missing", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.execute(links.update().values(missing=~_live_page_exists(links.c.target)))
    with op.batch_alter_table("links") as batch:
        batch.alter_column("missing", server_default=None)
    op.drop_index("ix_links_target", table_name="links")
    op.create_index("ix_links_target_page", "links", ["target", "page"])
    op.create_index("ix_links_missing_target", "links", ["missing", "target"])

    op.create_table(
        "search_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("words", sa.String(120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_texts"),
        sa.ForeignKeyConstraint(
            ["page"], ["pages.title"], name="fk_search_texts_page_pages"
        ),
        sa.UniqueConstraint("page", name="uq_search_texts_page"),
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_INDEX if dialect == "sqlite" else POSTGRESQL_INDEX:
        op.execute(statement)
    _index_live_pages()
    if dialect == "postgresql":
        # The planner's statistics of the new index and columns, which
        # autovacuum would gather only later: without them, a broad search
        # in a big wiki reads every match (1.6 s at a million pages).
        # SQLite's plans of the wiki's queries need none.
        op.execute("ANALYZE")


def _index_live_pages():
    """Index the latest text of every live page, a batch of titles at a time."""
    connection = op.get_bind()
    latest = (
        sa.select(pages.c.title, revisions.c.content)
        .join(
            revisions,
            sa.and_(
                revisions.c.page == pages.c.title,
                revisions.c.number == pages.c.revision,
            ),
        )
        .where(pages.c.deleted == sa.false())
        .order_by(pages.c.title)
        .limit(_BATCH)
    )
    batch = connection.execute(latest).all()
    while batch:
        connection.execute(
            search_texts.insert(),
            [
                {
                    "page": title,
                    "words": " ".join([title] + _TITLE_PART.findall(title)),
                    "body": content[:INDEXED_LENGTH].translate(_NOT_MARKS),
                }
                for title, content in batch
            ],
        )
        batch = connection.execute(latest.where(pages.c.title > batch[-1][0])).all()


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute("DROP TRIGGER search_texts_%s" % trigger)
        op.execute("DROP TABLE search_index")
    op.drop_table("search_texts")
    op.drop_index("ix_links_missing_target", table_name="links")
    op.drop_index("ix_links_target_page", table_name="links")
    op.create_index("ix_links_target", "links", ["target"])
    with op.batch_alter_table("links") as batch:
        batch.drop_column("missing")
    op.drop_index("ix_revisions_author_created_page_number", table_name="revisions")
    op.drop_index("ix_revisions_created_page_number", table_name="revisions")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("size")
