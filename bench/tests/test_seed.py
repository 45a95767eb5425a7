"""The pages the benchmark writes into both wikis."""

import os
import re
import tempfile
import unittest

import seed
from sqlalchemy import create_engine, inspect, text

from quickwiki import migrations


class ShowPageTest(unittest.TestCase):
    def setUp(self):
        self.text = seed.show_content()

    def test_between_one_and_two_kilobytes(self):
        self.assertTrue(
            1024 <= len(self.text.encode()) <= 2048, len(self.text.encode())
        )

    def test_has_the_constructs_of_a_real_page(self):
        self.assertRegex(self.text, r"\n={5,}\n")  # a title
        self.assertRegex(self.text, r"\n-{5,}\n")  # a section
        self.assertRegex(self.text, r"\n- \S")  # a bulleted list
        self.assertRegex(self.text, r"\n1\. \S")  # an enumerated list
        self.assertIn("::\n\n    def hello", self.text)  # a literal block
        self.assertRegex(self.text, r"\n=+  +=+  +=+\n")  # a table

    def test_links_to_existing_and_missing_pages(self):
        for title in seed.EXISTING_LINKS + seed.MISSING_LINKS:
            self.assertRegex(self.text, r"\b%s\b" % re.escape(title))
        self.assertTrue(
            set(seed.EXISTING_LINKS)
            <= {seed.filler_title(number) for number in range(1, 6)}
        )


class RowsTest(unittest.TestCase):
    def test_quickwiki_rows_leave_room_for_its_front_page(self):
        rows = list(seed.quickwiki_rows(10))
        self.assertEqual(len(rows), 9)
        self.assertEqual(rows[0][0], seed.SHOW_TITLE)
        self.assertEqual(rows[-1][0], seed.filler_title(8))

    def test_peer_rows_hold_every_page(self):
        rows = list(seed.peer_rows(10))
        self.assertEqual(
            [title for title, _ in rows[:2]], ["FrontPage", seed.SHOW_TITLE]
        )
        self.assertEqual(len(rows), 10)
        self.assertEqual(len({title for title, _ in rows}), 10)

    def test_too_few_pages_for_the_show_page_links(self):
        with self.assertRaises(ValueError):
            list(seed.quickwiki_rows(5))

    def test_filler_titles_sort_in_number_order(self):
        self.assertLess(seed.filler_title(999_999), seed.filler_title(1_000_000))


class FillerLinksTest(unittest.TestCase):
    def test_a_filler_page_links_to_its_neighbours_and_the_front_page(self):
        # Four rows: the show page, then filler pages 1 to 3.
        self.assertEqual(
            [
                (link["target"], link["missing"])
                for link in seed._filler_links(seed.filler_title(1), 4)
            ],
            [
                (seed.filler_title(0), True),
                (seed.filler_title(2), False),
                ("FrontPage", False),
            ],
        )
        self.assertEqual(
            [link["missing"] for link in seed._filler_links(seed.filler_title(3), 4)],
            [False, True, False],
        )

    def test_the_show_page_stores_its_own_links(self):
        self.assertEqual(seed._filler_links(seed.SHOW_TITLE, 4), [])


class EarlierSchemaTest(unittest.TestCase):
    def test_a_wiki_of_an_earlier_version_gets_what_its_schema_holds(self):
        # Schema 0009, before revisions had sizes, links said whether they
        # were missing, and there was a search index (bench/run --before).
        with tempfile.TemporaryDirectory() as directory:
            url = "sqlite:///" + os.path.join(directory, "before.db")
            engine = create_engine(url)
            try:
                with engine.begin() as connection:
                    migrations.upgrade(connection, "0009")
                seed.insert_quickwiki_pages(url, seed.quickwiki_rows(10))
                with engine.connect() as connection:
                    self.assertEqual(
                        set(inspect(connection).get_table_names())
                        & {"search_texts", "search_index"},
                        set(),
                    )
                    revisions = connection.execute(
                        text("SELECT page, number FROM revisions ORDER BY page")
                    ).all()
                    links = connection.execute(
                        text("SELECT target FROM links WHERE page = :page"),
                        {"page": seed.filler_title(1)},
                    ).scalars()
                    skeletons = connection.execute(
                        text("SELECT count(*) FROM pages WHERE skeleton IS NULL")
                    ).scalar()
                    self.assertEqual(
                        sorted(links),
                        ["FrontPage", seed.filler_title(0), seed.filler_title(2)],
                    )
            finally:
                engine.dispose()
        self.assertEqual(
            revisions, [(title, 1) for title, _ in sorted(seed.quickwiki_rows(10))]
        )
        self.assertEqual(skeletons, 0)  # the model's default still makes them
