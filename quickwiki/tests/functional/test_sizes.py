"""Sizes bounded where they are made: the text a merge or a restore would
store, and the history page, which lists revisions without their texts."""

from unittest import mock

from sqlalchemy import event

import pylons.test

from quickwiki.model import meta
from quickwiki.tests import (
    TestController,
    flashes,
    store_page,
    stored_history,
    url,
)

#: The largest page these tests allow, in bytes.
LIMIT = 100


class StoredSizeTest(TestController):
    def setUp(self):
        super().setUp()
        app_globals = pylons.test.pylonsapp.config["pylons.app_globals"]
        patcher = mock.patch.object(app_globals, "max_page_size", LIMIT)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_merge_over_the_limit_is_refused_keeping_the_text(self):
        store_page("SharedPage", "Middle line.\n" * 4)
        mine = self.edit_form("SharedPage")
        store_page(
            "SharedPage", "A line of theirs at the top.\n" + "Middle line.\n" * 4
        )
        my_text = "Middle line.\n" * 4 + "A line of mine at the bottom.\n"
        mine["content"] = my_text
        response = mine.submit(status=413)
        self.assertEqual(response.forms[0]["content"].value, my_text)
        self.assertIn(
            "merged with revision 2, saved while you were editing, its text "
            "would be 111 bytes long, and a page may have at most 100",
            flashes(response)[0],
        )
        self.assertEqual(len(stored_history("SharedPage")), 2)

    def test_a_revision_over_the_limit_is_not_restored(self):
        store_page("SomePage", "x" * (LIMIT + 1))
        store_page("SomePage", "Short.")
        form = self.app.get(url("revision", title="SomePage", number=1)).forms[0]
        response = form.submit(status=413)
        self.assert_document(
            response,
            "Error 413: Request Entity Too Large",
            "Revision 1 of SomePage is 101 bytes long, and a page may have at "
            "most 100: it cannot be restored.",
        )
        self.assertEqual(len(stored_history("SomePage")), 2)


class HistoryTest(TestController):
    def test_the_history_reads_no_text(self):
        for number in range(1, 6):
            store_page("SomePage", "Revision %d. " % number * 1000)
        selected = []

        def record(connection, cursor, statement, parameters, context, many):
            if statement.startswith("SELECT"):
                selected.append(statement)

        engine = meta.Session.get_bind()
        event.listen(engine, "before_cursor_execute", record)
        self.addCleanup(event.remove, engine, "before_cursor_execute", record)
        page = self.app.get(url("history", title="SomePage"))
        self.assertEqual(len(page.html.select("table.revisions tbody tr")), 5)
        self.assertEqual(len(selected), 2, selected)
        reading_texts = [
            statement for statement in selected if "revisions.content" in statement
        ]
        self.assertEqual(reading_texts, [])
