"""ControllerWrap and SetupCacheGlobal: a controller without an app."""

import unittest

from beaker.middleware import CacheMiddleware, SessionMiddleware
from paste.registry import RegistryManager
from webtest import TestApp

from pylons.testutil import ControllerWrap, SetupCacheGlobal

from tests.sampleapp.controllers.forms import FormsController
from tests.sampleapp.controllers.hello import HelloController


def unit_app(controller, environ, **flags):
    setup = SetupCacheGlobal(ControllerWrap(controller), environ, **flags)
    app = CacheMiddleware(
        SessionMiddleware(RegistryManager(setup), type="memory"), type="memory"
    )
    return TestApp(app), setup


class ControllerUnitTest(unittest.TestCase):
    def test_action_named_in_the_routes_dict_runs(self):
        app, _ = unit_app(
            HelloController, {"pylons.routes_dict": {"action": "args", "id": "5"}}
        )
        self.assertEqual(app.get("/").text, "id=5")

    def test_routes_dict_may_change_between_requests(self):
        routes = {"action": "index"}
        app, _ = unit_app(HelloController, {"pylons.routes_dict": routes})
        self.assertEqual(app.get("/").text, "Hello World")
        routes["action"] = "unicode"
        self.assertEqual(app.get("/").text, "Grüße, 世界")

    def test_app_globals_are_this_objects_g(self):
        app, setup = unit_app(
            HelloController, {"pylons.routes_dict": {"action": "globals"}}
        )
        setup.g.message = "unit globals"
        self.assertTrue(app.get("/").text.startswith("unit globals|"))

    def test_session_is_registered_when_asked_for(self):
        app, _ = unit_app(
            FormsController,
            {"pylons.routes_dict": {"action": "count"}},
            setup_session=True,
        )
        self.assertEqual(app.get("/").text, "1")
        self.assertEqual(app.get("/").text, "2")

    def test_cache_is_registered_when_asked_for(self):
        app, _ = unit_app(
            HelloController,
            {"pylons.routes_dict": {"action": "index"}},
            setup_cache=True,
        )
        self.assertIsNotNone(app.get("/").cache)

    def test_session_is_absent_unless_asked_for(self):
        app, _ = unit_app(HelloController, {"pylons.routes_dict": {"action": "index"}})
        self.assertFalse(hasattr(app.get("/"), "session"))
