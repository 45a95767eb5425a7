"""QuickWiki's database migrations (Alembic), run by ``paster setup-app``.

:func:`upgrade` brings a database to the schema of this code: a new one
gets it whole, one that an earlier QuickWiki made is upgraded in place,
keeping its pages.  Each step is a script in ``versions/``; a new one
follows ``script.py.mako``.
"""

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

__all__ = [
    "LEGACY_REVISION",
    "SEARCH_INDEX_OBJECTS",
    "current",
    "downgrade",
    "head",
    "in_model",
    "upgrade",
]

#: The migration that describes the schema of QuickWiki 1.0, whose
#: ``paster setup-app`` made the ``pages`` table without Alembic.
LEGACY_REVISION = "0001"

#: What the database's own full-text index adds to the schema, which the
#: model does not describe (see :class:`quickwiki.model.SearchText`):
#: SQLite's FTS5 table and the tables it keeps its index in, PostgreSQL's
#: ``tsvector`` column and its GIN index.
SEARCH_INDEX_OBJECTS = frozenset(
    [
        ("table", "search_index"),
        ("table", "search_index_config"),
        ("table", "search_index_content"),
        ("table", "search_index_data"),
        ("table", "search_index_docsize"),
        ("table", "search_index_idx"),
        ("column", "document"),
        ("index", "ix_search_texts_document"),
    ]
)


def upgrade(connection, revision="head"):
    """Migrate the database of ``connection`` up to ``revision``."""
    config = _config(connection)
    if _made_without_alembic(connection):
        command.stamp(config, LEGACY_REVISION)
    command.upgrade(config, revision)


def downgrade(connection, revision):
    """Migrate the database of ``connection`` down to ``revision``."""
    command.downgrade(_config(connection), revision)


def current(connection):
    """The migration the database of ``connection`` is at; None when it
    has none (no schema, or QuickWiki 1.0's)."""
    return MigrationContext.configure(connection).get_current_revision()


def head():
    """The migration of this code's schema, which :func:`upgrade` reaches."""
    return ScriptDirectory.from_config(_config(None)).get_current_head()


def in_model(name, type_, parent_names):
    """Whether Alembic's comparison of the database with the model is to
    look at the object ``name`` (its ``include_name`` hook): all but the
    full-text index's own, :data:`SEARCH_INDEX_OBJECTS`."""
    if (
        type_ in ("column", "index")
        and parent_names.get("table_name") != "search_texts"
    ):
        return True
    return (type_, name) not in SEARCH_INDEX_OBJECTS


def _config(connection):
    config = Config()
    config.set_main_option("script_location", "quickwiki:migrations")
    # env.py runs the migrations on this connection, in its transaction.
    config.attributes["connection"] = connection
    return config


def _made_without_alembic(connection):
    """Whether QuickWiki 1.0 made this database: pages, but no version."""
    tables = inspect(connection).get_table_names()
    return "pages" in tables and "alembic_version" not in tables
