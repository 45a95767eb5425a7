"""Recent changes, and the Atom feeds of the wiki's changes and of each
page's history."""

import re
import xml.etree.ElementTree as ElementTree

import feedparser

from quickwiki.lib import changes, revisions
from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    delete_pages,
    log_in,
    statements_run,
    url,
)

ATOM = "{http://www.w3.org/2005/Atom}"
#: What a query plan says when it sorts what it read (SQLite's temporary
#: B-tree, PostgreSQL's Sort) or reads a table or index whole and filters
#: it (SQLite's SCAN, PostgreSQL's Filter under a scan) rather than
#: walking an index from the keyset on.
UNORDERED_READS = re.compile(r"TEMP B-TREE|\bSCAN |\bSort\b|^\s*Filter:", re.M)


def save_as(author, title, content, summary=""):
    """Save ``content`` as page ``title`` by ``author``, past the forms."""
    try:
        latest = revisions.head(title)
        revisions.save(
            title,
            0 if latest is None else latest.number,
            content,
            revisions.Author(author),
            summary,
        )
    finally:
        meta.Session.remove()


class ChangesTest(TestController):
    def rows(self, response):
        """Each change listed: page, revision, size change, author, summary."""
        return [
            (
                row.select_one("td.page").get_text(),
                row.select_one("td.number a").get_text(),
                row.select_one("td.growth").get_text(),
                row.select_one("td.author").get_text().strip(),
                row.select_one("td.summary").get_text().strip(),
            )
            for row in response.html.select("table.changes tbody tr")
        ]

    def test_the_latest_changes_come_first_with_what_they_changed(self):
        save_as("Alice", "HarbourPage", "Boats.", "First boats")
        save_as("Bob", "HarbourPage", "Boats and ships.", "More")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["HarbourPage"], "Gone")
        response = self.app.get(url("changes"))
        self.assertEqual(
            self.rows(response),
            [
                ("HarbourPage", "3", "-16", "Admin", "deleted the page Gone"),
                ("HarbourPage", "2", "+10", "Bob", "More"),
                ("HarbourPage", "1", "+6", "Alice", "First boats"),
                (
                    "FrontPage",
                    "1",
                    "+%d" % len(FRONT_PAGE_CONTENT),
                    "anonymous",
                    "Written by paster setup-app.",
                ),
            ],
        )
        second = response.html.select("table.changes tbody tr")[1]
        self.assertEqual(
            second.select_one("a.changes-link")["href"],
            url("diff", title="HarbourPage", old=1, new=2),
        )
        self.assertEqual(
            second.select_one("a.author-link")["href"], url("changes", author="Bob")
        )

    def test_changes_are_filtered_by_page_and_author(self):
        save_as("Alice", "HarbourPage", "Boats.")
        save_as("Bob", "HarbourPage", "Ships.")
        save_as("Alice", "TidePage", "Tides.")
        by_page = self.app.get(url("changes", title="HarbourPage"))
        self.assertEqual(
            [row[:2] for row in self.rows(by_page)],
            [
                ("HarbourPage", "2"),
                ("HarbourPage", "1"),
            ],
        )
        by_alice = self.app.get(url("changes", author="Alice"))
        self.assertEqual(
            [row[:2] for row in self.rows(by_alice)],
            [
                ("TidePage", "1"),
                ("HarbourPage", "1"),
            ],
        )
        both = self.app.get(url("changes", author="Alice", title="TidePage"))
        self.assertEqual([row[:2] for row in self.rows(both)], [("TidePage", "1")])
        self.assertEqual(
            self.app.get(url("changes", author="Nobody"))
            .html.select_one("p.no-changes")
            .get_text(),
            "No changes, author Nobody.",
        )
        # Empty fields of the filter form filter nothing.
        self.assertEqual(
            len(self.rows(self.app.get(url("changes", author="", title="")))), 4
        )

    def test_changes_come_a_page_at_a_time_by_keyset(self):
        # test.ini shows 5 revisions a page.
        for number in range(1, 8):
            save_as("Alice", "CountingPage", "Count %d." % number)
        first = self.app.get(url("changes", author="Alice"))
        self.assertEqual(
            [row[1] for row in self.rows(first)], ["7", "6", "5", "4", "3"]
        )
        older = first.click(href="before=CountingPage")
        self.assertEqual(
            older.request.GET.mixed(), {"before": "CountingPage/3", "author": "Alice"}
        )
        self.assertEqual([row[1] for row in self.rows(older)], ["2", "1"])
        self.assertIsNone(older.html.select_one("a[rel=next]"))
        self.assertEqual(older.click(href="/pages/changes", index=4).text, first.text)

    def test_bad_filters_are_refused(self):
        for params, status in [
            ({"before": "CountingPage"}, 400),
            ({"before": "not a title/2"}, 400),
            ({"before": "FrontPage/x"}, 400),
            ({"title": "not a title"}, 400),
            ({"author": "x" * 81}, 400),
            ({"before": "FrontPage/9"}, 404),
            ({"before": "NoSuchPage/1"}, 404),
        ]:
            with self.subTest(**params):
                self.app.get(url("changes", **params), status=status)


class ChangesQueryTest(TestController):
    def explained(self, **filters):
        """The database's plans of the statements that read a page of
        changes (with ``filters``, from below a revision), as text."""
        connection = meta.Session.connection()
        with statements_run(connection) as statements:
            changes.recent(5, before=("HarbourPage", 2), **filters)
        if connection.dialect.name == "sqlite":
            explain = "EXPLAIN QUERY PLAN "
        else:
            # The costs of a sort and of a table's scan made prohibitive,
            # as a big wiki's would be: a plan still has them only when no
            # index holds the rows in the order asked for.
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            explain = "EXPLAIN "
        return [
            "\n".join(
                str(row[-1]) for row in connection.exec_driver_sql(explain + sql, p)
            )
            for sql, p in statements
        ]

    def test_each_list_of_changes_is_read_in_order_from_an_index(self):
        # So that a page of changes costs the same however many revisions
        # the wiki, the author or the page has: none is sorted.
        save_as("Alice", "HarbourPage", "Boats.")
        save_as("Alice", "HarbourPage", "Ships.")
        for filters in ({}, {"author": "Alice"}, {"page": "HarbourPage"}):
            with self.subTest(**filters):
                plans = self.explained(**filters)
                self.assertEqual(len(plans), 2)  # the keyset's revision, the page
                for plan in plans:
                    self.assertNotRegex(plan, UNORDERED_READS)


class FeedTest(TestController):
    def feed(self, path, **params):
        response = self.app.get(
            path, params=params, extra_environ={"HTTP_HOST": "wiki.example.org"}
        )
        self.assertEqual(response.content_type, "application/atom+xml")
        parsed = feedparser.parse(response.body)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        self.assertEqual(parsed.version, "atom10")
        return parsed, ElementTree.fromstring(response.body)

    def test_the_changes_feed_is_atom(self):
        # Its addresses are absolute, on the host the request named.
        save_as("Alice", "HarbourPage", "Boats.", "First boats")
        save_as("Bob", "HarbourPage", "Boats & <ships>.", "More")
        parsed, root = self.feed(url("changes_feed"))
        self.assertEqual(root.tag, ATOM + "feed")
        self.assertEqual(parsed.feed.id, "http://wiki.example.org/pages/changes.atom")
        self.assertEqual(
            {(link.rel, link.href) for link in parsed.feed.links},
            {
                ("self", "http://wiki.example.org/pages/changes.atom"),
                ("alternate", "http://wiki.example.org/pages/changes"),
            },
        )
        self.assertEqual(
            [(entry.title, entry.author) for entry in parsed.entries],
            [
                ("HarbourPage: More", "Bob"),
                ("HarbourPage: First boats", "Alice"),
                ("FrontPage: Written by paster setup-app.", "anonymous"),
            ],
        )
        newest = parsed.entries[0]
        self.assertEqual(
            newest.id, "http://wiki.example.org/pages/revision/HarbourPage/2"
        )
        self.assertEqual(
            newest.link, "http://wiki.example.org/pages/diff/HarbourPage?old=1&new=2"
        )
        self.assertEqual(
            newest.summary, "Revision 2 of HarbourPage by Bob (+10 bytes). More"
        )
        self.assertEqual(parsed.feed.updated_parsed, newest.updated_parsed)
        self.assertEqual(
            parsed.entries[1].link,
            "http://wiki.example.org/pages/revision/HarbourPage/1",
        )

    def test_a_feed_under_a_prefix_links_there(self):
        # A wiki mounted at /wiki and reached over HTTPS: its entries'
        # addresses have the feed's scheme, host and prefix.
        save_as("Alice", "HarbourPage", "Boats.")
        save_as("Bob", "HarbourPage", "Boats and ships.")
        response = self.app.get(
            "/pages/changes.atom",
            extra_environ={
                "HTTP_HOST": "wiki.example.org:8443",
                "SCRIPT_NAME": "/wiki",
                "wsgi.url_scheme": "https",
            },
        )
        parsed = feedparser.parse(response.body)
        origin = "https://wiki.example.org:8443/wiki"
        self.assertEqual(parsed.feed.id, origin + "/pages/changes.atom")
        self.assertEqual(
            [(entry.id, entry.link) for entry in parsed.entries[:2]],
            [
                (
                    origin + "/pages/revision/HarbourPage/2",
                    origin + "/pages/diff/HarbourPage?old=1&new=2",
                ),
                (
                    origin + "/pages/revision/HarbourPage/1",
                    origin + "/pages/revision/HarbourPage/1",
                ),
            ],
        )

    def test_the_changes_feed_is_filtered_like_the_page(self):
        save_as("Alice", "HarbourPage", "Boats.")
        save_as("Bob", "TidePage", "Tides.")
        parsed, _ = self.feed(url("changes_feed"), author="Alice")
        self.assertEqual([entry.author for entry in parsed.entries], ["Alice"])
        self.assertEqual(
            parsed.feed.id, "http://wiki.example.org/pages/changes.atom?author=Alice"
        )
        self.app.get(url("changes_feed", before="FrontPage/1"), status=400)

    def test_a_page_history_has_a_feed(self):
        save_as("Alice", "HarbourPage", "Boats.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["HarbourPage"])
        parsed, _ = self.feed(url("history_feed", title="HarbourPage"))
        self.assertEqual(
            [entry.title for entry in parsed.entries],
            ["HarbourPage deleted", "HarbourPage, revision 1"],
        )
        self.assertEqual(
            parsed.feed.id, "http://wiki.example.org/pages/history/HarbourPage.atom"
        )
        self.app.get(url("history_feed", title="NoSuchPage"), status=404)
        self.app.get("/pages/history/not_a_title.atom", status=404)

    def test_a_reader_that_has_the_feed_gets_304(self):
        first = self.app.get(url("changes_feed"))
        etag = first.headers["ETag"]
        self.app.get(url("changes_feed"), headers={"If-None-Match": etag}, status=304)
        save_as("Alice", "HarbourPage", "Boats.")
        changed = self.app.get(url("changes_feed"), headers={"If-None-Match": etag})
        self.assertNotEqual(changed.headers["ETag"], etag)

    def test_an_empty_feed_is_atom_too(self):
        parsed, root = self.feed(url("changes_feed"), author="Nobody")
        self.assertEqual(parsed.entries, [])
        self.assertIsNotNone(root.find(ATOM + "updated"))

    def test_pages_name_their_feeds(self):
        alternates = {
            path: [
                (link["title"], link["href"])
                for link in self.app.get(path).html.select(
                    'head link[rel=alternate][type="application/atom+xml"]'
                )
            ]
            for path in (url("home"), url("history", title="FrontPage"), url("pages"))
        }
        changes = ("Recent changes", url("changes_feed"))
        history = ("History of FrontPage", url("history_feed", title="FrontPage"))
        self.assertEqual(
            alternates,
            {
                url("home"): [changes, history],
                url("history", title="FrontPage"): [changes, history],
                url("pages"): [changes],
            },
        )
