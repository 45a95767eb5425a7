"""QuickWiki's tests, run by nose2 with the ``pylons.test`` plugin.

The plugin loads the application from test.ini before any test module is
imported, into :data:`pylons.test.pylonsapp`.  Each :class:`TestController`
test starts from a fresh database, set up by ``paster setup-app``, and
talks to the application through WebTest; :data:`url` generates the
application's URLs there, as it does in the controllers.
"""
import unittest

from paste.script.appinstall import SetupCommand
from routes.util import URLGenerator
from sqlalchemy import MetaData, select
from webtest import TestApp

import pylons
import pylons.test

from quickwiki.lib import revisions
from quickwiki.model import Page, live, meta

__all__ = [
    "TestController", "delete_pages", "flashes", "reset_database",
    "run_setup_app", "store_page", "stored_content", "stored_history",
    "stored_titles", "ticked_title_list", "url",
]

#: Generates the application's URLs, as ``url`` does in its controllers.
url = pylons.url


def run_setup_app():
    """Run ``paster setup-app`` on the test configuration."""
    SetupCommand("setup-app").run(["-q", pylons.test.pylonsapp.config["__file__"]])


def reset_database():
    """Drop every table of the test database, Alembic's too, then run
    ``paster setup-app``.
    """
    meta.Session.remove()
    tables = MetaData()
    tables.reflect(bind=meta.Session.get_bind())
    tables.drop_all(bind=meta.Session.get_bind())
    run_setup_app()


def store_page(title, content):
    """Save ``content`` as the next revision of page ``title``, without
    going through the application.
    """
    try:
        latest = revisions.head(title)
        revisions.save(title, 0 if latest is None else latest.number, content,
                       revisions.Author())
    finally:
        meta.Session.remove()


def stored_content(title):
    """The text of page ``title``'s latest revision, or None when it has
    no page (or it was deleted).
    """
    try:
        latest = revisions.head(title)
        return None if latest is None or latest.deleted else latest.content
    finally:
        meta.Session.remove()


def stored_history(title):
    """Page ``title``'s revisions, oldest first (none: no page)."""
    try:
        latest = revisions.head(title)
        if latest is None:
            return []
        return revisions.history(title, latest.number + 1, latest.number)[::-1]
    finally:
        meta.Session.remove()


def stored_titles():
    """The titles of the pages in the database (not deleted), in order."""
    try:
        return list(meta.Session.scalars(
            select(Page.title).where(live()).order_by(Page.title)))
    finally:
        meta.Session.remove()


def ticked_title_list(app, titles):
    """The title list's delete form, with ``titles`` ticked."""
    form = app.get(url("pages")).forms[0]
    ticked = {"delete-" + title for title in titles}
    for box in form.fields["title"]:
        box.checked = box.id in ticked
    return form


def delete_pages(app, titles, summary=""):
    """Tick ``titles`` in the title list and confirm: the redirect."""
    form = ticked_title_list(app, titles).submit(status=200).forms[0]
    form["summary"] = summary
    return form.submit(status=302)


def flashes(response):
    """The texts of the flash messages on a page."""
    return [item.get_text() for item in response.html.select("ul.flash li")]


class TestController(unittest.TestCase):
    """A test of the whole application, through its full WSGI stack."""

    def setUp(self):
        reset_database()
        config = pylons.test.pylonsapp.config
        self.app = TestApp(pylons.test.pylonsapp)
        url._push_object(URLGenerator(config["routes.map"], {}))
        self.addCleanup(url._pop_object)
        self.addCleanup(meta.Session.remove)

    def assert_document(self, response, heading, detail=None):
        """``response`` is the error document with ``heading`` (and ``detail``)."""
        document = response.html.select_one("div.error-document")
        self.assertIsNotNone(document, "not the error controller's document")
        self.assertEqual(response.html.h1.get_text(), heading)
        if detail is not None:
            self.assertIn(detail, document.select_one(".detail").get_text())
