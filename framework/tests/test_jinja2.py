"""render_jinja2: templates from app_globals.jinja2_env with Pylons' names."""

import os
import tempfile
import unittest

from jinja2 import Environment, FileSystemLoader

from tests import HERE, sample_app


def jinja2_app(**app_conf):
    """The sample app with the Jinja2 environment a project's
    ``load_environment`` would set up."""
    app = sample_app(**app_conf)
    templates = os.path.join(HERE, "sampleapp", "templates")
    app.app.config["pylons.app_globals"].jinja2_env = Environment(
        loader=FileSystemLoader(templates), autoescape=True
    )
    return app


class RenderJinja2Test(unittest.TestCase):
    def test_template_sees_pylons_globals_and_extra_vars(self):
        text = jinja2_app().get("/jinja/page").text
        self.assertIn("<p>name=&lt;Pylons&gt;</p>", text)
        self.assertIn("<p>extra=an extra</p>", text)
        self.assertIn("<p>g=hello from app_globals</p>", text)
        self.assertIn("<p>url=/hello/index</p>", text)
        self.assertIn("<p>path=/jinja/page</p>", text)
        self.assertIn("<p>translated=apple</p>", text)

    def test_rendering_can_be_cached(self):
        data_dir = tempfile.TemporaryDirectory()
        self.addCleanup(data_dir.cleanup)
        app = jinja2_app(
            **{"beaker.cache.type": "file", "beaker.cache.data_dir": data_dir.name}
        )
        self.assertIn("name=first", app.get("/jinja/cached/first").text)
        self.assertIn("name=first", app.get("/jinja/cached/second").text)
