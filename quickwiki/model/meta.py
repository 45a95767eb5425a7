"""The SQLAlchemy session and declarative base that the model shares, and
the reads of rows that views make on the DB-API directly."""

import collections
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
    """The one row (or None) of the read-only ``statement``, a select of
    columns whose parameters are given by name in ``parameters``.

    In the request's open transaction if it has one, so that it sees that
    transaction's writes.  Otherwise on a pooled DB-API connection of its
    own, given back at once: the session's transaction, begun and closed
    around one read, and even Core's execution of one statement (its
    connection, compiled cache and result), cost more than the read (a
    page view's row, a 304's).  Either way the statement runs as SQL
    compiled once for the database, its values read as the columns' types
    read them (:class:`_Prepared`).
    """
    return _read(statement, parameters, _one)


def read_all(statement, parameters):
    """The rows (a list) of the read-only ``statement``, read as
    :func:`read_one` reads (a history's, the title list's)."""
    return _read(statement, parameters, _all)


def _one(prepared, cursor):
    """The one row of ``cursor`` (a DB-API cursor or a result), or None."""
    return prepared.row_of(cursor.fetchone())


def _all(prepared, cursor):
    """The rows of ``cursor`` (a DB-API cursor or a result)."""
    return [prepared.row_of(values) for values in cursor.fetchall()]


def _read(statement, parameters, take):
    """What ``take(prepared, cursor)`` takes of ``statement``'s rows, read
    as :func:`read_one` says."""
    session = Session.registry.has() and Session()
    if session and session.in_transaction():
        return _run(session.connection(), statement, parameters, take)
    bind = Session.session_factory.kw["bind"]
    if isinstance(bind, Connection):
        # A test's: one connection in one transaction, rolled back after it.
        return _run(bind, statement, parameters, take)
    prepared = _prepared(statement, bind.dialect)
    connection = bind.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(prepared.sql, prepared.parameters(parameters))
            return take(prepared, cursor)
        except bind.dialect.loaded_dbapi.Error as error:
            # As Core would: a connection the database dropped is not
            # given back to the pool.
            if bind.dialect.is_disconnect(error, connection.dbapi_connection, cursor):
                connection.invalidate(error)
            raise
        finally:
            cursor.close()
    finally:
        connection.close()


def _run(connection, statement, parameters, take):
    """:func:`_read` on a SQLAlchemy ``connection``: the same SQL, seen
    by its events."""
    prepared = _prepared(statement, connection.dialect)
    result = connection.exec_driver_sql(prepared.sql, prepared.parameters(parameters))
    return take(prepared, result)


class _Prepared:
    """A select compiled for one database: its SQL, how its parameters are
    passed to the driver, and how the driver's values of its columns are
    read (an aware datetime from SQLite's text, say), into rows whose
    values are named as the columns are."""

    def __init__(self, statement, dialect):
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self._positions = compiled.positiontup if compiled.positional else None
        processors = {
            name: (bind, bind.type.dialect_impl(dialect).bind_processor(dialect))
            for bind, name in compiled.bind_names.items()
        }
        # Only the parameters and columns whose type changes the value.
        self._binders = [
            (name, processor)
            for name, (bind, processor) in processors.items()
            if bind.required and processor is not None
        ]
        # Those the statement gives itself: SQLite's OFFSET 0 after a LIMIT.
        self._fixed = {
            name: bind.effective_value
            if processor is None
            else processor(bind.effective_value)
            for name, (bind, processor) in processors.items()
            if not bind.required
        }
        readers = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.selected_columns
        ]
        self._readers = [(at, reader) for at, reader in enumerate(readers) if reader]
        self._row = collections.namedtuple(
            "Row", [column.key for column in statement.selected_columns]
        )

    def parameters(self, given):
        """``given`` (by name) as the driver takes them."""
        if self._binders or self._fixed:
            given = dict(given)
            for name, binder in self._binders:
                given[name] = binder(given[name])
            given.update(self._fixed)
        if self._positions is None:
            return given
        return tuple([given[name] for name in self._positions])

    def row_of(self, values):
        """The driver's ``values`` of one row (None: no row) as a row."""
        if values is None:
            return None
        values = list(values)
        for at, reader in self._readers:
            values[at] = reader(values[at])
        return self._row._make(values)


_PREPARED = {}


def _prepared(statement, dialect):
    """``statement`` compiled for ``dialect``, once."""
    key = (statement, dialect)
    prepared = _PREPARED.get(key)
    if prepared is None:
        prepared = _PREPARED[key] = _Prepared(statement, dialect)
    return prepared
