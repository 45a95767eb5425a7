"""Alembic's environment: the migrations run on the connection that
:func:`quickwiki.migrations.upgrade` passes in, in its transaction."""

from alembic import context

context.configure(connection=context.config.attributes["connection"])
with context.begin_transaction():
    context.run_migrations()
