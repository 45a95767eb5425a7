"""QuickWiki's data: the wiki's pages, kept with SQLAlchemy."""
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH
from quickwiki.model.meta import Base, Session

__all__ = ["Page", "existing_titles", "init_model"]


def init_model(engine):
    """Bind the model's session to ``engine``: called when the app loads."""
    Session.configure(bind=engine)


class Page(Base):
    """A wiki page: its WikiWord title and its reStructuredText source."""

    __tablename__ = "pages"

    title: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH), primary_key=True)
    content: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self):
        return "<Page %s>" % self.title


def existing_titles(titles):
    """Those of ``titles`` that have a page, found with one query."""
    query = select(Page.title).where(Page.title.in_(titles))
    return set(Session.scalars(query))
