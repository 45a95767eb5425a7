"""Alembic's environment: the migrations run on the connection that
:func:`quickwiki.migrations.upgrade` passes in, in its transaction."""

from alembic import context

from quickwiki.migrations import in_model

context.configure(
    connection=context.config.attributes["connection"], include_name=in_model
)
with context.begin_transaction():
    context.run_migrations()
