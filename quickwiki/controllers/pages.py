"""The wiki: showing, listing, editing, saving and deleting pages."""
import logging
import math
import re

from paginate_sqlalchemy import SqlalchemySelectPage
from sqlalchemy import func, select

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

# A page number of the title list: a positive integer of sane size.
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class PagesController(BaseController):
    """The actions behind ``/``, ``/pages/...`` and ``/{title}``."""

    def index(self):
        """The titles of all pages, a page of them at a time (``?page=N``)."""
        number = _page_number(request.GET.get("page", "1"))
        per_page = app_globals.titles_per_page
        count = meta.Session.scalar(select(func.count()).select_from(Page))
        if number > max(1, math.ceil(count / per_page)):
            abort(404, detail="The title list has no page %d." % number)
        # The count is passed in so that it is taken once, and because
        # paginate_sqlalchemy's own count no longer works with SQLAlchemy 2.
        c.titles = SqlalchemySelectPage(
            meta.Session, select(Page.title).order_by(Page.title),
            page=number, items_per_page=per_page, item_count=count,
            url_maker=lambda n: url("pages", page=n))
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
        with meta.Session.begin():
            page = meta.Session.get(Page, title) or Page(title=title)
            page.content = content
            meta.Session.add(page)
        log.info("Saved %s", title)
        h.flash("Successfully saved %s!" % title)
        redirect(url("page", title=title))

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


def _page_number(text):
    """The title list's page number ``text``; 400 when it is not one."""
    if _PAGE_NUMBER.fullmatch(text) is None:
        abort(400, detail="The title list's page numbers are whole numbers "
                          "from 1 up.")
    return int(text)


def _page_url(title):
    return url("page", title=title)
