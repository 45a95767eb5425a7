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
from sqlalchemy import select
from webtest import TestApp

import pylons
import pylons.test

from quickwiki.model import Page, meta

__all__ = [
    "TestController", "reset_database", "run_setup_app", "store_page",
    "stored_content", "stored_titles", "ticked_title_list", "url",
]

#: Generates the application's URLs, as ``url`` does in its controllers.
url = pylons.url


def run_setup_app():
    """Run ``paster setup-app`` on the test configuration."""
    SetupCommand("setup-app").run(["-q", pylons.test.pylonsapp.config["__file__"]])


def reset_database():
    """Drop the test database's tables, then run ``paster setup-app``."""
    meta.Base.metadata.drop_all(bind=meta.Session.get_bind())
    meta.Session.remove()
    run_setup_app()


def store_page(title, content):
    """Write page ``title`` straight to the database."""
    try:
        with meta.Session.begin():
            meta.Session.merge(Page(title=title, content=content))
    finally:
        meta.Session.remove()


def stored_content(title):
    """Page ``title``'s source as the database has it, or None."""
    try:
        page = meta.Session.get(Page, title)
        return None if page is None else page.content
    finally:
        meta.Session.remove()


def stored_titles():
    """The titles of all pages in the database, in order."""
    try:
        return list(meta.Session.scalars(select(Page.title).order_by(Page.title)))
    finally:
        meta.Session.remove()


def ticked_title_list(app, titles):
    """The title list's delete form, with ``titles`` ticked."""
    form = app.get(url("pages")).forms[0]
    ticked = {"delete-" + title for title in titles}
    for box in form.fields["title"]:
        box.checked = box.id in ticked
    return form


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
