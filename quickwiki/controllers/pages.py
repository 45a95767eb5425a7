"""The wiki: showing, listing, editing, saving and deleting pages."""
import logging

from sqlalchemy import select

from pylons import app_globals, request, response, tmpl_context as c, url
from pylons.controllers.util import abort, redirect
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form

from quickwiki.lib import helpers as h
from quickwiki.lib import wikitext
from quickwiki.lib.base import BaseController, render
from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, is_title
from quickwiki.model import Page, existing_titles, meta

log = logging.getLogger(__name__)


class PagesController(BaseController):
    """The actions behind ``/``, ``/pages/...`` and ``/{title}``."""

    def index(self):
        """A page of the titles, in order: the first page, or the one the
        pager's links ask for (``?after=``, ``?before=``, ``?page=last``).
        """
        c.titles, c.earlier, c.later = _title_page(
            _title_list_position(request.GET), app_globals.titles_per_page)
        return render("/pages/index.mako")

    def show(self, title):
        """The page ``title``, rendered; or an offer to write it."""
        if not is_title(title):
            abort(404, detail="There is no page called %s: page titles are "
                              "WikiWords, such as FrontPage." % title)
        page = meta.Session.get(Page, title)
        if page is None:
            return self._missing_page(title)
        c.title = title
        c.content = wikitext.render(page.content, existing_titles, _page_url)
        return render("/pages/show.mako")

    def _missing_page(self, title):
        """A WikiWord without a page yet: 404, with a link to write it.

        The status tells browsers and crawlers that there is no such page;
        StatusCodeRedirect is asked to leave this 404's own body alone,
        instead of replacing it with the error document.
        """
        request.environ["pylons.status_code_redirect"] = True
        response.status_int = 404
        c.title = title
        return render("/pages/missing.mako")

    def edit(self, title):
        """The form to write page ``title``, new or not."""
        if not is_title(title):
            abort(404, detail="%s cannot be a page: page titles are WikiWords, "
                              "such as FrontPage." % title)
        page = meta.Session.get(Page, title)
        c.title = title
        c.content = page.content if page is not None else ""
        return render("/pages/edit.mako")

    @restrict("POST")
    @authenticate_form
    def save(self, title):
        """Store the form's ``content`` as page ``title``'s source."""
        if not is_title(title):
            abort(400, detail="A page cannot be called %s: titles are "
                              "WikiWords of at most %d characters, such as "
                              "FrontPage." % (title, MAX_TITLE_LENGTH))
        content = request.POST.get("content")
        if content is None:
            abort(400, detail="The form sent no content to save.")
        if not isinstance(content, str):
            abort(400, detail="The content to save must be the form's text, "
                              "not a file.")
        size = len(content.encode("utf-8"))
        if size > app_globals.max_page_size:
            return self._too_large(title, content, size)
        with meta.Session.begin():
            page = meta.Session.get(Page, title) or Page(title=title)
            page.content = content
            meta.Session.add(page)
        log.info("Saved %s", title)
        h.flash("Successfully saved %s!" % title)
        redirect(url("page", title=title))

    def _too_large(self, title, content, size):
        """413, with the edit form still holding the author's text."""
        request.environ["pylons.status_code_redirect"] = True
        response.status_int = 413
        h.flash("%s was not saved: its text is %d bytes long, and a page may "
                "have at most %d. Shorten it and save again."
                % (title, size, app_globals.max_page_size), category="error")
        c.title = title
        c.content = content
        return render("/pages/edit.mako")

    @restrict("POST")
    @authenticate_form
    def delete(self):
        """Delete the pages ticked in the title list (the ``title`` fields)."""
        requested = request.POST.getall("title")
        with meta.Session.begin():
            pages = meta.Session.scalars(
                select(Page).where(Page.title.in_(requested))
                .order_by(Page.title)).all()
            titles = [page.title for page in pages]
            for page in pages:
                meta.Session.delete(page)
        log.info("Deleted %s", ", ".join(titles) or "nothing")
        for title in titles:
            h.flash("Deleted %s." % title)
        if not titles:
            h.flash("No page was deleted: tick the pages to delete.",
                    category="warning")
        redirect(url("pages"))


#: The title list's query parameters: the pager's links use one at a time.
_POSITIONS = ("after", "before", "page")


def _title_list_position(params):
    """Where the title list starts, from the query ``params``: ``(kind,
    title)`` with kind ``first``, ``after``, ``before`` or ``last``.

    Anything else the pager never writes is a 400 with an explanation.
    """
    given = [name for name in _POSITIONS if name in params]
    if not given:
        return "first", None
    values = params.getall(given[0])
    if len(given) > 1 or len(values) > 1:
        abort(400, detail="The title list takes one of after=Title, "
                          "before=Title or page=last, once.")
    name, value = given[0], values[0]
    if name == "page":
        if value != "last":
            abort(400, detail="The title list's pages are reached through its "
                              "links: page=last is its last page.")
        return "last", None
    if not is_title(value):
        abort(400, detail="after= and before= name a page title, a WikiWord "
                          "such as FrontPage.")
    return name, value


def _title_page(position, per_page):
    """Up to ``per_page`` titles in order from ``position``, with whether
    titles come before them and after them: ``(titles, earlier, later)``.

    Each is an index seek on the title (keyset pagination): no count and no
    OFFSET, so the last page of a million titles costs what the first does.
    One title more than the page holds says whether the list goes on.
    """
    kind, bound = position
    forward = kind in ("first", "after")
    query = select(Page.title).limit(per_page + 1)
    if kind == "after":
        query = query.where(Page.title > bound)
    elif kind == "before":
        query = query.where(Page.title < bound)
    titles = list(meta.Session.scalars(
        query.order_by(Page.title if forward else Page.title.desc())))
    goes_on = len(titles) > per_page  # past this page, in reading order
    del titles[per_page:]
    if not forward:
        titles.reverse()
    if bound is not None and not titles:
        abort(404, detail="The title list has no titles %s %s." % (kind, bound))
    if forward:
        earlier = kind == "after" and _any_title(Page.title < titles[0])
        return titles, earlier, goes_on
    later = kind == "before" and _any_title(Page.title > titles[-1])
    return titles, goes_on, later


def _any_title(condition):
    """Whether some page's title meets ``condition`` (one index seek)."""
    return meta.Session.scalar(select(Page.title).where(condition).limit(1)) is not None


def _page_url(title):
    return url("page", title=title)
