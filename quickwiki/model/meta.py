"""The SQLAlchemy session and declarative base that the model shares."""

import contextlib

from sqlalchemy import Connection, MetaData
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker

#: The database session of the current thread, and so of the current
#: request; :class:`quickwiki.lib.base.BaseController` ends it after each.
#: What a transaction read stays readable after it ends, without being read
#: again: a request reads in one transaction and shows what it read later,
#: and revisions never change once stored.
Session = scoped_session(sessionmaker(expire_on_commit=False))

#: Names for constraints and indexes, so that migrations can name them on
#: every backend (SQLite's batch migrations need names to find them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base of QuickWiki's tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@contextlib.contextmanager
def transaction():
    """A transaction of its own on :data:`Session`: committed at the end of
    the ``with`` block, or rolled back if the block raises.

    Reads made before it, which began the session's transaction on their
    own, are ended first, so that what the block reads is fresh.
    """
    session = Session()
    if session.in_transaction():
        session.commit()
    with session.begin():
        yield session


def read_one(statement, parameters):
    """The one row (or None) of the read-only ``statement``.

    In the request's open transaction if it has one, so that it sees that
    transaction's writes.  Otherwise on a connection of its own, given
    back at once: the session's transaction, begun and closed around one
    read, costs more than the read (a page view's row, a 304's).
    """
    if Session.registry.has() and Session().in_transaction():
        return Session.execute(statement, parameters).one_or_none()
    bind = Session.session_factory.kw["bind"]
    if isinstance(bind, Connection):
        # A test's: one connection in one transaction, rolled back after it.
        return bind.execute(statement, parameters).one_or_none()
    with bind.connect() as connection:
        return connection.execute(statement, parameters).one_or_none()
