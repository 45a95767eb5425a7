"""PylonsApp: setting up the request, resolving and dispatching controllers."""

import unittest

import webob
from beaker.cache import CacheManager
from beaker.session import SessionObject
from paste.registry import RegistryManager
from routes.middleware import RoutesMiddleware
from webtest import TestApp

from pylons.configuration import PylonsConfig
from pylons.context import REQUEST_OBJECTS
from pylons.controllers import WSGIController
from pylons.util import AttribSafeContextObj, ContextObj, PylonsContext
from pylons.wsgiapp import PylonsApp

from tests import sample_app


def bare_app(**settings):
    config = PylonsConfig({"pylons.package": "tests.sampleapp"})
    config.update(settings)
    return PylonsApp(config)


def served(app, path, method="GET"):
    """``path`` through ``app`` as a server calls it, without WebTest's hooks.

    (WebTest's ``paste.testing_variables`` has every object made, for the
    test to read.)  Returns the response and the request's PylonsContext.
    """
    request = webob.Request.blank(path, method=method)
    response = request.get_response(app)
    return response, request.environ["pylons.pylons"]


class MadeOnFirstUseTest(unittest.TestCase):
    """The request's objects are made when first used."""

    def setUp(self):
        self.app = sample_app().app

    def test_objects_no_one_used_are_not_made(self):
        # The action's text is sent without a response object: none was
        # asked for.
        response, py = served(self.app, "/hello/index")
        self.assertEqual(response.text, "Hello World")
        made = set(vars(py)) & {obj.name for obj in REQUEST_OBJECTS}
        self.assertEqual(made, set())
        # The application's own are its requests' contexts' class's.
        for name in ("config", "app_globals", "h"):
            self.assertIn(name, vars(type(py)))
        self.assertIs(py.config, self.app.config)

    def test_objects_are_made_when_read(self):
        _response, py = served(self.app, "/hello/globals")
        self.assertIn("request", vars(py))
        self.assertNotIn("translator", vars(py))
        translator = py.translator
        self.assertIs(py.translator, translator)
        with self.assertRaises(AttributeError):
            py.no_such_object

    def test_a_text_answer_gets_a_response_made_with_its_body(self):
        response, _py = served(self.app, "/hello/unicode")
        self.assertEqual(response.body, "Grüße, 世界".encode())
        self.assertEqual(response.headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(
            response.headers["Content-Length"], str(len("Grüße, 世界".encode()))
        )
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        self.assertEqual(response.headers["Pragma"], "no-cache")
        head, _py = served(self.app, "/hello/unicode", method="HEAD")
        self.assertEqual(head.body, b"")
        self.assertEqual(
            head.headers["Content-Length"], response.headers["Content-Length"]
        )

    def test_a_text_answer_is_the_response_code_asks_for_afterwards(self):
        config = self.app.config
        app = RoutesMiddleware(PylonsApp(config), config["routes.map"])
        sent, py = served(app, "/hello/unicode")
        self.assertNotIn("response", vars(py))
        response = py.response
        self.assertIsInstance(response, webob.Response)
        self.assertEqual(response.status, sent.status)
        self.assertEqual(response.headerlist, sent.headerlist)
        self.assertEqual(response.body, sent.body)
        self.assertIs(py.response, response)

    def test_after_changes_the_response_of_a_text_answer(self):
        response, py = served(self.app, "/hooks/index?after_write=1")
        self.assertEqual(response.text, "index,after")
        self.assertEqual(response.headers["X-After"], "ran")
        self.assertEqual(response.headers["Content-Length"], "11")
        self.assertEqual(py.response.text, "index,after")

    def test_an_application_that_makes_its_own_response_answers_with_it(self):
        class OwnResponseApp(PylonsApp):
            def make_response(self, environ, body=b""):
                response = super().make_response(environ, body)
                response.headers["X-Made-By"] = "OwnResponseApp"
                return response

        config = sample_app().app.config
        app = RoutesMiddleware(OwnResponseApp(config), config["routes.map"])
        response, py = served(app, "/hello/index")
        self.assertEqual(response.text, "Hello World")
        self.assertEqual(response.headers["X-Made-By"], "OwnResponseApp")
        self.assertIn("response", vars(py))

    def test_a_configured_location_header_is_made_absolute(self):
        config = sample_app().app.config
        options = config["pylons.response_options"]
        config["pylons.response_options"] = dict(
            options, headers=dict(options["headers"], Location="/elsewhere")
        )
        app = RoutesMiddleware(PylonsApp(config), config["routes.map"])
        response, _py = served(app, "/hello/index")
        self.assertEqual(response.headers["Location"], "http://localhost/elsewhere")

    def test_the_configured_charset_encodes_the_body(self):
        config = sample_app().app.config
        config["pylons.response_options"] = dict(
            config["pylons.response_options"], charset="iso-8859-1"
        )
        app = RegistryManager(RoutesMiddleware(PylonsApp(config), config["routes.map"]))
        response, _py = served(app, "/hello/latin1_text")
        self.assertEqual(
            response.headers["Content-Type"], "text/html; charset=iso-8859-1"
        )
        self.assertEqual(response.body, "Grüße".encode("iso-8859-1"))

    def test_a_context_made_by_hand_has_what_was_set_only(self):
        py = PylonsContext()
        py.request = "set"
        self.assertEqual(py.request, "set")
        with self.assertRaises(AttributeError):
            py.response


class RequestSetupTest(unittest.TestCase):
    def test_webtest_receives_the_requests_objects(self):
        response = sample_app().get("/hello/globals")
        self.assertEqual(response.req.path_info, "/hello/globals")
        self.assertIs(response.c, response.tmpl_context)
        self.assertIs(response.g, response.app_globals)
        self.assertEqual(response.g.message, "hello from app_globals")
        self.assertEqual(response.config["pylons.package"], "tests.sampleapp")
        self.assertTrue(hasattr(response.h, "flash"))
        self.assertIsInstance(response.session, SessionObject)
        self.assertIsInstance(response.cache, CacheManager)

    def test_pylons_context_is_left_in_environ(self):
        response = sample_app().get("/hello/index")
        py = response.req.environ["pylons.pylons"]
        self.assertIsInstance(py, PylonsContext)
        self.assertIs(py.request, response.req)
        self.assertIs(py.tmpl_context, response.c)

    def test_response_carries_the_configured_defaults(self):
        response = sample_app().get("/hello/index")
        self.assertEqual(response.content_type, "text/html")
        self.assertEqual(response.charset, "utf-8")
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        self.assertEqual(response.headers["Pragma"], "no-cache")

    def test_strict_context_raises_on_missing_attributes(self):
        response = sample_app().get("/hello/index")
        self.assertIsInstance(response.c, ContextObj)
        with self.assertRaises(AttributeError):
            response.c.never_set

    def test_lax_context_reads_missing_attributes_as_empty(self):
        response = sample_app(**{"pylons.strict_tmpl_context": "false"}).get(
            "/hello/index"
        )
        self.assertIsInstance(response.c, AttribSafeContextObj)
        self.assertEqual(response.c.never_set, "")

    def test_request_language_comes_from_the_request_options(self):
        app = sample_app()
        app.app.config["pylons.request_options"]["language"] = "fr"
        response = app.get(
            "/hello/languages", headers={"Accept-Language": "de, en;q=0.5"}
        )
        self.assertEqual(response.text, "de,en,fr")


class ResolveTest(unittest.TestCase):
    def test_routes_dict_is_left_in_environ(self):
        response = sample_app().get("/hello/args/7")
        self.assertEqual(
            response.req.environ["pylons.routes_dict"],
            {"controller": "hello", "action": "args", "id": "7"},
        )

    def test_nested_controller_name_maps_to_a_sub_package(self):
        self.assertEqual(sample_app().get("/admin/users/index").text, "admin users")

    def test_module_may_name_its_controller_class(self):
        self.assertEqual(
            sample_app().get("/renamed/index").text, "found through __controller__"
        )

    def test_dotted_path_from_the_route_is_imported(self):
        self.assertEqual(sample_app().get("/dotted/index").text, "Hello World")

    def test_unknown_controller_is_a_404(self):
        sample_app().get("/no_such_controller/index", status=404)

    def test_find_controller_caches_its_result(self):
        app = bare_app()
        found = app.find_controller("hello")
        self.assertEqual(found.__name__, "HelloController")
        self.assertIs(app.controller_classes["hello"], found)
        self.assertIs(app.find_controller("hello"), found)

    def test_find_controller_returns_none_for_a_missing_module(self):
        self.assertIsNone(bare_app().find_controller("missing_module"))

    def test_import_errors_inside_a_controller_are_not_hidden(self):
        with self.assertRaises(ModuleNotFoundError) as caught:
            bare_app().find_controller("broken_import")
        self.assertEqual(caught.exception.name, "tests.sampleapp.no_such_module")

    def test_dotted_controller_name_from_the_url_is_refused(self):
        app = bare_app()
        environ = {
            "wsgiorg.routing_args": ((), {"controller": "os:getcwd", "action": "x"}),
            "routes.route": type("Route", (), {"minkeys": {"controller"}})(),
        }
        self.assertIsNone(app.resolve(environ, None))
        self.assertNotIn("os:getcwd", app.controller_classes)


class DispatchTest(unittest.TestCase):
    def test_no_controller_is_a_404(self):
        app = bare_app()
        response = webob.Request.blank("/").get_response(
            lambda environ, start: app.dispatch(None, environ, start)
        )
        self.assertEqual(response.status_int, 404)

    def test_controller_returning_nothing_is_an_error_naming_it(self):
        with self.assertRaises(TypeError) as caught:
            sample_app(full_stack=False).get("/plain_wsgi/index")
        self.assertIn("PlainWsgiController", str(caught.exception))

    def test_controller_instance_is_kept_in_environ(self):
        response = sample_app().get("/hello/index")
        self.assertIsInstance(response.req.environ["pylons.controller"], WSGIController)


class SubclassTest(unittest.TestCase):
    def test_each_step_can_be_overridden(self):
        calls = []

        class TracingApp(PylonsApp):
            def setup_app_env(self, environ, start_response):
                calls.append("setup_app_env")
                super().setup_app_env(environ, start_response)

            def register_globals(self, environ):
                calls.append("register_globals")
                super().register_globals(environ)

            def resolve(self, environ, start_response):
                calls.append("resolve")
                return super().resolve(environ, start_response)

            def dispatch(self, controller, environ, start_response):
                calls.append("dispatch")
                return super().dispatch(controller, environ, start_response)

        config = sample_app().app.config
        app = TestApp(
            RegistryManager(
                RoutesMiddleware(
                    TracingApp(config), config["routes.map"], singleton=False
                )
            )
        )
        self.assertEqual(app.get("/hello/index").text, "Hello World")
        self.assertEqual(
            calls, ["setup_app_env", "register_globals", "resolve", "dispatch"]
        )
