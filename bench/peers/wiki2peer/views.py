"""Viewing a page: reStructuredText rendered, WikiWords linked, on every view."""

import html
import re

from docutils.core import publish_parts
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from .models import Page

# A WikiWord in wiki2's sense: a capital, word characters, capitals and
# word characters again, from a word boundary.  It is matched in the HTML
# docutils made, wherever it stands.
_WIKIWORD = re.compile(r"\b(?P<word>[A-Z]\w+[A-Z]+\w+)")


@view_config(route_name="view_wiki")
def view_wiki(request):
    """The wiki's root: the FrontPage."""
    return HTTPFound(location=request.route_url("view_page", pagename="FrontPage"))


@view_config(
    route_name="view_page", renderer="templates/view.jinja2", permission="view"
)
def view_page(request):
    """The page of the context, rendered, with its WikiWords linked."""
    page = request.context.page

    def link(match):
        word = match.group("word")
        # One query per WikiWord, loading the pages of that name.
        exists = request.dbsession.scalars(select(Page).filter_by(name=word)).all()
        target = request.route_url("view_page" if exists else "add_page", pagename=word)
        return '<a href="%s">%s</a>' % (target, html.escape(word))

    body = publish_parts(page.data, writer_name="html")["html_body"]
    return {
        "page": page,
        "content": _WIKIWORD.sub(link, body),
        "edit_url": request.route_url("edit_page", pagename=page.name),
    }
