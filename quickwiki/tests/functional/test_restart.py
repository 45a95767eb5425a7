"""A form opened before the server restarts still saves after it.

A restart is the application loaded anew from the test config, with the
data directory of the first load: two loads, and one form token.  Each
load binds the model to an engine of its own, so these tests commit.
"""

import tempfile

from beaker.exceptions import BeakerWarning
from webtest import TestApp

import pylons.test

from quickwiki.config.middleware import make_app
from quickwiki.tests import (
    FRONT_PAGE_CONTENT,
    CommittingTestController,
    stored_content,
)


class RestartTest(CommittingTestController):
    def data_directory(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return directory.name

    def start(self, data_dir):
        """The application as a start with data directory ``data_dir`` loads it."""
        config = pylons.test.pylonsapp.config
        app_conf = dict(config["app_conf"], cache_dir=data_dir)
        return TestApp(make_app(dict(config["global_conf"]), **app_conf))

    def open_form_then_restart(self, data_dir_before, data_dir_after):
        """Fill in the edit form, then restart: the new application, the form."""
        before = self.start(data_dir_before)
        form = self.edit_form("FrontPage", "Written before the restart.", app=before)
        after = self.start(data_dir_after)
        after.set_cookie("quickwiki", before.cookies["quickwiki"])
        return after, form

    def test_a_form_opened_before_a_restart_still_saves(self):
        data_dir = self.data_directory()
        app, form = self.open_form_then_restart(data_dir, data_dir)
        app.post(form.action, form.submit_fields(), status=302)
        self.assertEqual(stored_content("FrontPage"), "Written before the restart.")

    def test_with_another_secret_the_text_is_offered_again(self):
        """Another data directory has another secret: the token is stale."""
        app, form = self.open_form_then_restart(
            self.data_directory(), self.data_directory()
        )
        with self.assertWarnsRegex(BeakerWarning, "Invalid signature"):
            # From the wiki's page, as a browser says.
            response = app.post(
                form.action,
                form.submit_fields(),
                headers={"Origin": "http://localhost"},
                status=403,
            )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)
        offered = response.forms[0]
        self.assertEqual(offered["content"].value, "Written before the restart.")
        offered.submit(status=302)
        self.assertEqual(stored_content("FrontPage"), "Written before the restart.")
