"""Several server processes serving one wiki, as a deployment runs them.

Two ``paster serve`` processes of one config written by ``paster
make-config`` (so one session secret), each on a free port of its own,
share one database of the run's throwaway PostgreSQL cluster.  One visitor
goes from one to the other, as a proxy in front of them sends it: what one
process saves, the other shows; a session one makes, the other accepts;
and the stored renderings, which both keep in the database, stay true to
which pages exist.
"""

import tempfile
import unittest

from quickwiki.lib import wikitext
from quickwiki.tests import ADMIN, flashes, link_class, make_wiki, pgcluster
from quickwiki.tests.servers import PasterServer, Visitor


class TwoProcessesTest(unittest.TestCase):
    """Processes A and B of one wiki; each test writes pages of its own."""

    processes = True

    @classmethod
    def setUpClass(cls):
        database_url = pgcluster.shared().new_database("processes")
        directory = tempfile.TemporaryDirectory()
        cls.addClassCleanup(directory.cleanup)
        cls.dir = directory.name
        # Anyone edits, as these visitors do; the admin deletes.
        make_wiki(
            cls.dir,
            {"sqlalchemy.url": database_url, "quickwiki.policy": "open"},
            QUICKWIKI_ADMIN=ADMIN.name,
            QUICKWIKI_ADMIN_PASSWORD=ADMIN.password,
        )
        for name in ("a", "b"):
            server = PasterServer(cls.dir, "prod.ini")
            cls.addClassCleanup(server.stop)
            setattr(cls, name, server.port)

    def setUp(self):
        self.visitor = Visitor()

    def save(self, port, title, content):
        """Open page ``title``'s edit form from process ``port``, and save
        ``content`` through the same process: the redirect."""
        form = self.visitor.open(port, "/pages/edit/%s" % title).html.form
        response = self.visitor.submit(port, form, content=content)
        self.assertEqual(response.status, 302, response.text)
        return response

    def delete(self, port, title):
        self.visitor.log_in(port, ADMIN)
        form = self.visitor.open(port, "/pages/delete?title=%s" % title).html.form
        self.assertEqual(self.visitor.submit(port, form).status, 302)

    def link_class(self, port, title, target):
        """The style of the link to ``target`` on page ``title``, as the
        process on ``port`` shows it."""
        page = self.visitor.open(port, "/%s" % title)
        self.assertEqual(page.status, 200)
        return link_class(page, target)

    def test_a_save_through_one_is_seen_through_the_other(self):
        self.save(self.a, "SavedPage", "Written through process A.")
        page = self.visitor.open(self.b, "/SavedPage")
        self.assertEqual(page.status, 200)
        self.assertEqual(
            page.html.article.get_text().strip(), "Written through process A."
        )

    def test_a_flash_set_by_one_is_shown_by_the_other(self):
        self.save(self.a, "FlashedPage", "Saved through A, told by B.")
        page = self.visitor.open(self.b, "/FlashedPage")
        self.assertEqual(flashes(page), ["Saved revision 1 of FlashedPage."])
        self.assertEqual(flashes(self.visitor.open(self.a, "/FlashedPage")), [])

    def test_a_form_opened_from_one_is_saved_by_the_other(self):
        form = self.visitor.open(self.a, "/pages/edit/CrossedPage").html.form
        response = self.visitor.submit(self.b, form, content="Opened on A, saved on B.")
        self.assertEqual(response.status, 302, response.text)
        self.assertIn(
            "Opened on A, saved on B.", self.visitor.open(self.a, "/CrossedPage").text
        )

    def test_a_form_of_another_visitor_is_refused_by_both(self):
        """The session is what either process checks the form token with."""
        form = Visitor().open(self.a, "/pages/edit/ForgedPage").html.form
        self.visitor.open(self.a, "/pages/edit/ForgedPage")  # a session of its own
        for port in (self.a, self.b):
            response = self.visitor.submit(port, form, content="Forged.")
            self.assertEqual(response.status, 403)
        self.assertEqual(self.visitor.open(self.a, "/ForgedPage").status, 404)

    def test_a_creation_or_deletion_restyles_links_in_every_process(self):
        self.save(self.a, "LinkingPage", "See TargetPage.")
        self.assertEqual(
            self.link_class(self.a, "LinkingPage", "TargetPage"),
            wikitext.MISSING_PAGE_CLASS,
        )
        self.assertEqual(
            self.link_class(self.b, "LinkingPage", "TargetPage"),
            wikitext.MISSING_PAGE_CLASS,
        )
        self.save(self.b, "TargetPage", "Here now.")
        self.assertEqual(
            self.link_class(self.a, "LinkingPage", "TargetPage"),
            wikitext.EXISTING_PAGE_CLASS,
        )
        self.delete(self.a, "TargetPage")
        self.assertEqual(
            self.link_class(self.b, "LinkingPage", "TargetPage"),
            wikitext.MISSING_PAGE_CLASS,
        )
