"""The peer's URLs; a page's URL loads the page as its context."""

from pyramid.authorization import Allow, Everyone
from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import select

from .models import Page


def includeme(config):
    """The routes, and the static files the layout refers to."""
    config.add_static_view("static", "static", cache_max_age=3600)
    config.add_route("view_wiki", "/")
    config.add_route("view_page", "/{pagename}", factory=page_factory)
    # Adding and editing are not part of the peer; their URLs are, as the
    # page view links to them.
    config.add_route("add_page", "/add_page/{pagename}")
    config.add_route("edit_page", "/{pagename}/edit_page", factory=page_factory)


def page_factory(request):
    """The page named in the URL, as a resource; 404 when there is none."""
    name = request.matchdict["pagename"]
    page = request.dbsession.scalars(select(Page).filter_by(name=name)).first()
    if page is None:
        raise HTTPNotFound()
    return PageResource(page)


class PageResource:
    """A page as the security policy sees it: everyone may view it."""

    def __init__(self, page):
        self.page = page

    def __acl__(self):
        return [(Allow, Everyone, "view")]
