"""The peer's table of pages, and the database session of a request.

As in wiki2, a page has an integer key and a unique name, and each request
gets its own session, joined to the request's transaction by
``zope.sqlalchemy`` and committed or aborted by ``pyramid_tm``.
"""

import zope.sqlalchemy
from sqlalchemy import create_engine, engine_from_config
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    """The peer's declarative base."""


class Page(Base):
    """A wiki page: its name and its reStructuredText."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    data: Mapped[str]


def create_tables(database_url):
    """Make the peer's schema in an empty database."""
    engine = create_engine(database_url)
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


def includeme(config):
    """Give each request a ``dbsession`` in the request's transaction."""
    settings = config.get_settings()
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    session_factory = sessionmaker(bind=engine_from_config(settings, "sqlalchemy."))

    def dbsession(request):
        session = session_factory()
        zope.sqlalchemy.register(session, transaction_manager=request.tm)
        return session

    config.add_request_method(dbsession, reify=True)
