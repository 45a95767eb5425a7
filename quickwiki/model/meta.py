"""The SQLAlchemy session and declarative base that the model shares."""
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker

#: The database session of the current thread, and so of the current
#: request; :class:`quickwiki.lib.base.BaseController` ends it after each.
Session = scoped_session(sessionmaker())


class Base(DeclarativeBase):
    """The declarative base of QuickWiki's tables."""
