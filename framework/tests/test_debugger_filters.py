"""The Paste Deploy filters egg:Pylons#debugger and its filter-app form."""

import os
import unittest

from paste.deploy import loadapp
from webtest import TestApp

from tests import AS_SERVED, HERE, LOCAL_CLIENT

INI = "config:" + os.path.join(HERE, "filters.ini")


def boom(name):
    app = TestApp(loadapp(INI, name=name), extra_environ=LOCAL_CLIENT)
    return app.get(
        "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
    )


class DebuggerFilterTest(unittest.TestCase):
    def test_egg_filter_shows_the_interactive_debugger(self):
        response = boom("main")
        self.assertIn(b"RuntimeError: sample failure", response.body)
        self.assertIn(b"__debugger__", response.body)
        self.assertIn(b"EVALEX = true", response.body)

    def test_evalex_false_turns_evaluation_off(self):
        response = boom("no_evalex")
        self.assertIn(b"RuntimeError: sample failure", response.body)
        self.assertIn(b"EVALEX = false", response.body)

    def test_filter_app_factory_wraps_the_next_app(self):
        response = boom("filter_app")
        self.assertIn(b"__debugger__", response.body)
        self.assertIn(b"EVALEX = true", response.body)

    def test_requests_without_errors_pass_through(self):
        app = TestApp(loadapp(INI, name="main"), extra_environ=LOCAL_CLIENT)
        self.assertEqual(app.get("/hello/index").text, "Hello World")
