"""Rendering Mako templates with the request's objects in reach."""

import unittest

from markupsafe import Markup

from pylons.templating import cached_template

from tests import sample_app
from tests.test_wsgiapp import served


class RenderMakoTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_template_sees_context_extra_vars_and_globals(self):
        response = self.app.get("/templates/page")
        self.assertIn("name=&lt;Pylons&gt;", response.text)
        self.assertIn("extra=an extra", response.text)
        self.assertIn("g=hello from app_globals", response.text)
        self.assertIn("url=/hello/index", response.text)
        self.assertIn("path=/templates/page", response.text)
        self.assertIn("translated=apple", response.text)
        self.assertIn("h=<b>bold</b>", response.text)

    def test_render_mako_def_renders_one_def(self):
        self.assertEqual(
            self.app.get("/templates/a_def").text.strip(), "Hello, def caller!"
        )

    def test_cached_render_is_reused(self):
        first = self.app.get("/templates/cached/one").text
        second = self.app.get("/templates/cached/two").text
        self.assertIn("name=one", first)
        self.assertEqual(first, second)


class PylonsGlobalsTest(unittest.TestCase):
    def test_every_documented_name_is_present(self):
        response = sample_app().get("/templates/names")
        self.assertEqual(
            response.text.split(","),
            sorted(
                [
                    "c",
                    "tmpl_context",
                    "config",
                    "app_globals",
                    "g",
                    "h",
                    "request",
                    "response",
                    "session",
                    "cache",
                    "url",
                    "translator",
                    "ungettext",
                    "_",
                    "N_",
                ]
            ),
        )


class LazyGlobalsTest(unittest.TestCase):
    """The request's objects a template never uses cost it nothing."""

    def setUp(self):
        self.app = sample_app().app

    def test_objects_the_template_does_not_use_are_not_made(self):
        response, py = served(self.app, "/templates/plain")
        self.assertEqual(response.text.strip(), "<p>plain at /elsewhere</p>")
        for name in ("request", "response", "translator", "session", "cache"):
            with self.subTest(name=name):
                self.assertNotIn(name, vars(py))

    def test_the_template_makes_those_it_uses(self):
        response, py = served(self.app, "/templates/respond")
        self.assertEqual(
            response.text.strip(), "<p>no visits for /templates/respond</p>"
        )
        self.assertEqual(response.headers["X-Set-By"], "template")
        for name in ("request", "response", "session"):
            with self.subTest(name=name):
                self.assertIn(name, vars(py))


class CachedTemplateTest(unittest.TestCase):
    def test_without_cache_options_it_just_renders(self):
        calls = []

        def render():
            calls.append(1)
            return Markup("fresh")

        self.assertEqual(cached_template("x.mako", render), "fresh")
        self.assertEqual(cached_template("x.mako", render), "fresh")
        self.assertEqual(len(calls), 2)
