"""Pylons 1.0 behaviours an upgrading application and its tests rely on.

One test case per part of the fidelity issue: configuration, context and
dispatch; i18n; caching; forms, JSON and RPC; the names a 1.0 project
imports.  (The project template's part is in test_project_templates, the
nose2 plugin's in test_nose2_plugin.)
"""

import json
import logging
import os
import subprocess
import sys
import threading
import unittest
import xmlrpc.client
from gettext import NullTranslations
from unittest import mock
from urllib.parse import quote_plus

import formencode
import webob
from formencode import validators
from genshi.template import TemplateLoader
from paste.registry import restorer
from webob.exc import HTTPNotFound
from webtest import TestApp

import pylons
from pylons.secure_form import token_key

from tests import HERE, sample_app
from tests.sampleapp.controllers import cached, forms
from tests.test_i18n import CatalogueMixin
from tests.test_testutil import unit_app

FRAMEWORK = os.path.dirname(HERE)


class ConfigurationTest(unittest.TestCase):
    def test_pylons_config_is_the_default_behind_pylons_config(self):
        # In a process of its own: here, the sample app is already loaded.
        code = (
            "import pylons; from pylons.configuration import "
            "pylons_config, PylonsConfig; "
            "assert isinstance(pylons_config, PylonsConfig); "
            "assert pylons.config._current_obj() is pylons_config; "
            "print('ok')"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=FRAMEWORK,
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.assertEqual(done.stdout.strip(), "ok", done.stderr)


class DispatchTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_class_name_is_the_title_cased_controller_name(self):
        self.assertEqual(self.app.get("/i18nc/index").text, "I18NcController")

    def test_action_may_ask_for_the_pylons_context(self):
        self.assertEqual(
            self.app.get("/hello/context").text, "context for /hello/context"
        )

    def test_controller_returning_a_response_object_is_answered_by_it(self):
        response = self.app.get("/responder/index", status=203)
        self.assertEqual(response.body, b"a response object")
        # Kept for the test, as the response object it answered with.
        self.assertEqual(response.response.body, b"a response object")

    def test_action_calling_start_response_keeps_cookies_and_x_headers(self):
        response = self.app.get("/hello/direct_wsgi")
        self.assertEqual(response.text, "forwarded to /hello/direct_wsgi")
        self.assertEqual(response.headers["X-Seen"], "yes")
        self.assertIn("seen=yes", response.headers["Set-Cookie"])

    def test_returned_text_follows_what_the_action_wrote(self):
        self.assertEqual(self.app.get("/hello/written").text, "written,returned")
        self.assertEqual(self.app.get("/hello/body_added").text, "added,returned")

    def test_get_method_args_and_perform_call_can_be_overridden(self):
        self.assertEqual(self.app.get("/extended/greet").text, "[hello ada]")

    def test_dash_in_an_action_name_stands_for_an_underscore(self):
        self.assertEqual(
            self.app.get("/extended/dashed-name").text, "[dashed, as dashed_name]"
        )
        self.app.get("/extended/-dashed_name", status=404)

    def test_after_may_still_add_to_the_response(self):
        response = self.app.get("/hooks/index", {"after_write": "1"})
        self.assertEqual(response.text, "index,after")


class TestVarsTest(unittest.TestCase):
    def test_test_vars_restores_the_requests_globals_in_this_thread(self):
        app = sample_app()
        response = app.get("/_test_vars")
        self.assertIs(response.app_globals, app.app.config["pylons.app_globals"])
        request_id = int(response.text)
        restorer.restoration_begin(request_id)
        try:
            self.assertEqual(pylons.request.path_info, "/_test_vars")
            self.assertEqual(pylons.app_globals.message, "hello from app_globals")
            self.assertIs(pylons.config._current_obj(), app.app.config)
        finally:
            restorer.restoration_end()

    def test_test_vars_is_an_ordinary_url_outside_tests(self):
        app = sample_app()
        environ = webob.Request.blank("/_test_vars").environ
        response = webob.Request(environ).get_response(app.app)
        self.assertEqual(response.status_int, 404)


class ThrowErrorsTest(unittest.TestCase):
    def test_exception_reaches_the_test_with_debug_off(self):
        with self.assertRaisesRegex(RuntimeError, "sample failure"):
            sample_app(debug=False).get("/hello/boom")

    def test_exception_reaches_the_test_with_debug_on(self):
        with self.assertRaisesRegex(RuntimeError, "sample failure"):
            sample_app(debug=True).get("/hello/boom")


class CacheFallbackTest(unittest.TestCase):
    def setUp(self):
        cached.runs.clear()
        self.app = sample_app(cache_middleware="false")

    def test_pylons_cache_is_app_globals_cache_and_a_test_variable(self):
        response = self.app.get("/hello/index")
        self.assertIs(response.cache, self.app.app.config["pylons.app_globals"].cache)

    def test_beaker_cache_works_in_every_request_thread(self):
        answers = []

        def get():
            answers.append(self.app.get("/cached/page/thread").text)

        for _ in range(3):
            thread = threading.Thread(target=get)
            thread.start()
            thread.join()
        self.assertEqual(answers, ["page thread, run 1"] * 3)
        self.assertEqual(cached.runs, ["thread"])


class I18NTest(CatalogueMixin, unittest.TestCase):
    def config(self):
        return {
            "pylons.package": "tests.sampleapp",
            "pylons.paths": {"root": self.root},
        }

    def test_set_lang_without_environ_only_returns_the_translator(self):
        translator = pylons.i18n.set_lang(
            "fr", set_environ=False, pylons_config=self.config()
        )
        self.assertEqual(translator.gettext("apple"), "pomme")
        self.assertEqual(translator.pylons_lang, ["fr"])

    def test_get_translator_passes_gettext_options_on(self):
        from pylons.i18n.translation import _get_translator

        translator = _get_translator("xx", pylons_config=self.config(), fallback=True)
        self.assertIsInstance(translator, NullTranslations)

    def test_get_lang_is_none_without_a_language(self):
        self.assertEqual(self.app().get("/i18n/lang_of_request").text, "None")

    def test_lazify_delays_every_call(self):
        from pylons.i18n import lazify

        calls = []

        def shout(word, end="!"):
            calls.append(word)
            return word.upper() + end

        lazy_shout = lazify(shout)
        text = lazy_shout("hey", end="?")
        self.assertEqual(calls, [])
        self.assertEqual(str(text), "HEY?")
        self.assertEqual("%s" % text, "HEY?")
        self.assertEqual(calls, ["hey", "hey"])
        self.assertEqual(lazy_shout.__name__, "lazy_shout")

    def test_default_language_replaces_its_base_language(self):
        response = sample_app().get(
            "/hello/languages", headers={"Accept-Language": "fr, ja, en, de"}
        )
        self.assertEqual(response.text, "fr,ja,en-us")


class BeakerCacheKeyTest(unittest.TestCase):
    def setUp(self):
        cached.runs.clear()
        self.app = sample_app()

    def test_create_cache_key_names_module_class_function_and_arguments(self):
        from pylons.decorators.cache import create_cache_key

        self.assertEqual(
            create_cache_key(cached.CachedController.page, {"id": "7"}),
            ("tests.sampleapp.controllers.cached.CachedController", "page id=7"),
        )
        self.assertEqual(
            create_cache_key(cached.CachedController.page, {"b": 2, "a": 1}),
            ("tests.sampleapp.controllers.cached.CachedController", "page a=1 b=2"),
        )
        self.assertEqual(
            create_cache_key(create_cache_key),
            ("pylons.decorators.cache", "create_cache_key"),
        )

    def test_application_can_invalidate_an_entry(self):
        from pylons.decorators.cache import create_cache_key

        self.app.get("/cached/page/7")
        namespace, key = create_cache_key(cached.CachedController.page, {"id": "7"})
        cache = self.app.app.config["pylons.app_globals"].cache
        self.assertTrue(cache.get_cache(namespace).has_key(key))
        cache.get_cache(namespace).remove_value(key)
        self.assertEqual(self.app.get("/cached/page/7").text, "page 7, run 2")

    def test_headers_are_cut_to_cache_headers_on_the_first_request_too(self):
        first = self.app.get("/cached/page/8")
        self.assertNotIn("X-Not-Kept", first.headers)
        self.assertNotIn("Cache-Control", first.headers)
        self.assertEqual(first.headers["X-Made"], "run 1")
        self.assertEqual(first.status_int, 203)


class SetupCacheGlobalTest(unittest.TestCase):
    def test_g_has_pylons_1_attributes(self):
        from tests.sampleapp.controllers.hello import HelloController

        _app, setup = unit_app(
            HelloController, {"pylons.routes_dict": {"action": "index"}}
        )
        self.assertEqual(setup.g.counter, 0)
        self.assertIsInstance(setup.g.message, str)
        self.assertEqual(setup.g.pylons_config.app_conf["cache_enabled"], "True")

    def test_the_process_config_is_registered(self):
        from tests.sampleapp.controllers.hello import HelloController

        app, _setup = unit_app(
            HelloController, {"pylons.routes_dict": {"action": "marker"}}
        )
        with mock.patch.dict(
            pylons.config._current_obj(), {"marker": "the process config"}
        ):
            self.assertEqual(app.get("/").text, "the process config")


class FormsTest(unittest.TestCase):
    def test_token_in_the_query_string_is_refused(self):
        # Pylons 1.0 took the token from the URL too; see docs/differences.rst.
        app = sample_app()
        token = app.get("/forms/secure").forms[0][token_key].value
        forms.runs.clear()
        app.post(
            "/forms/protected?%s=%s" % (token_key, quote_plus(token)),
            {"field": "value"},
            status=403,
        )
        self.assertEqual(forms.runs, [])

    def test_jsonify_lets_the_action_choose_its_content_type(self):
        response = sample_app().get("/forms/data_as_script")
        self.assertEqual(response.content_type, "text/javascript")
        self.assertEqual(json.loads(response.text), {"answer": 42})

    def test_validate_translates_messages_with_the_application_first(self):
        class Catalogue(NullTranslations):
            def gettext(self, message):
                return {"Please enter a value": "Saisissez"}.get(message, message)

        from pylons.decorators import PylonsFormEncodeState

        pylons.translator._push_object(Catalogue())
        self.addCleanup(pylons.translator._pop_object)
        with self.assertRaises(formencode.Invalid) as raised:
            validators.NotEmpty().to_python("", PylonsFormEncodeState)
        self.assertEqual(str(raised.exception), "Saisissez")
        with self.assertRaises(formencode.Invalid) as raised:
            validators.Int().to_python("x", PylonsFormEncodeState)
        self.assertEqual(str(raised.exception), "Please enter an integer value")


class FormEncodeCatalogueTest(CatalogueMixin, unittest.TestCase):
    def test_validate_uses_the_application_catalogue_by_default(self):
        response = self.app(lang="fr").post("/forms/signup", {"name": "", "age": "1"})
        self.assertIn("Entrez une valeur", response.text)


def json_call(app, body, status=200):
    body = body if isinstance(body, bytes) else json.dumps(body).encode()
    return app.post(
        "/jsonrpc_calc/index", body, content_type="application/json", status=status
    )


class JSONRPCTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_call_without_jsonrpc_is_answered_as_pylons_1_did(self):
        response = json_call(
            self.app, {"method": "subtract", "params": [3, 1], "id": 7}
        )
        self.assertEqual(response.headers["Content-Type"], "application/json")
        self.assertEqual(response.json, {"jsonrpc": "2.0", "id": 7, "result": 2})

    def test_pylons_1_call_with_null_id_is_answered(self):
        response = json_call(self.app, {"method": "record", "params": [1], "id": None})
        self.assertEqual(response.json, {"jsonrpc": "2.0", "id": None, "result": 1})

    def test_error_messages_are_the_plain_standard_ones(self):
        def error(call):
            return json_call(self.app, dict(call, id=1)).json["error"]

        self.assertEqual(
            error({"method": "nope", "params": []}),
            {"code": -32601, "message": "Method not found"},
        )
        self.assertEqual(
            error({"method": "subtract", "params": [1]}),
            {"code": -32602, "message": "Invalid params"},
        )
        with self.assertLogs("pylons.controllers.rpc", "ERROR"):
            self.assertEqual(
                error({"method": "explode", "params": []}),
                {"code": -32603, "message": "Internal error"},
            )

    def test_url_quoted_body_is_accepted(self):
        body = quote_plus(
            json.dumps({"method": "subtract", "params": [10, 4], "id": "q"})
        )
        response = json_call(self.app, body.encode("ascii"))
        self.assertEqual(response.json["result"], 6)

    def test_json_body_with_plus_signs_is_read_as_it_is(self):
        response = json_call(
            self.app,
            {"jsonrpc": "2.0", "method": "record", "params": ["a+b", "c%20d"], "id": 1},
        )
        self.assertEqual(response.json["result"], 2)


class XMLRPCTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def call(self, method, *params):
        body = xmlrpc.client.dumps(params, methodname=method)
        return self.app.post("/xmlrpc_calc/index", body, content_type="text/xml")

    def test_answers_are_text_xml(self):
        self.assertEqual(self.call("echo", 1).headers["Content-Type"], "text/xml")

    def test_list_methods_gives_dotted_names(self):
        response = self.call("system.listMethods")
        (methods,), _name = xmlrpc.client.loads(response.body)
        self.assertIn("structured.methodname", methods)
        self.assertNotIn("structured_methodname", methods)
        response = self.call("structured.methodname")
        self.assertEqual(xmlrpc.client.loads(response.body)[0], ("structured",))

    def test_method_may_return_its_fault(self):
        response = self.call("returned.fault")
        with self.assertRaises(xmlrpc.client.Fault) as raised:
            xmlrpc.client.loads(response.body)
        self.assertEqual(
            (raised.exception.faultCode, raised.exception.faultString),
            (7, "returned, not raised"),
        )

    def test_xmlrpc_fault_is_a_wsgi_application(self):
        from pylons.controllers.xmlrpc import xmlrpc_fault

        response = TestApp(xmlrpc_fault(3, "three")).get("/")
        self.assertEqual(response.headers["Content-Type"], "text/xml")
        with self.assertRaises(xmlrpc.client.Fault):
            xmlrpc.client.loads(response.body)


class ImportedNamesTest(unittest.TestCase):
    def test_version(self):
        self.assertEqual(pylons.__version__, "1.1.0.dev0")

    def test_error_controller_serves_the_media_through_media_path(self):
        from pylons.middleware import media_path

        app = sample_app()
        for url, content_type in (
            ("/error/img/logo.gif", "image/gif"),
            ("/error/img/bg.png", "image/png"),
            ("/error/img/icon-16.png", "image/png"),
            ("/error/style/orange.css", "text/css"),
        ):
            response = app.get(url)
            self.assertEqual(response.content_type, content_type)
            name = url[len("/error/") :]
            with open(os.path.join(media_path, name), "rb") as media:
                self.assertEqual(response.body, media.read())

    def test_head_and_footer_html(self):
        from pylons.middleware import footer_html, head_html

        head = head_html % {"prefix": "/app"}
        self.assertIn('href="/app/error/style/orange.css"', head)
        self.assertIn(pylons.__version__, footer_html)

    def test_wsgi_errors_handler_writes_to_the_requests_stream(self):
        from pylons.log import WSGIErrorsHandler

        handler = WSGIErrorsHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        logger = logging.getLogger("tests.sampleapp.hello")
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        # WebTest gives each request a wsgi.errors of its own, and fails
        # those that write to it unless errors are expected.
        response = sample_app().get("/hello/logged", expect_errors=True)
        self.assertEqual(response.errors, "WARNING logged in /hello/logged\n")
        logger.warning("outside a request")  # dropped, without an error

    def test_render_genshi(self):
        app = sample_app()
        app.app.config["pylons.app_globals"].genshi_loader = TemplateLoader(
            app.app.config["pylons.paths"]["templates"], auto_reload=True
        )
        text = app.get("/genshi/page").text
        self.assertIn("<p>name=&lt;Pylons&gt;</p>", text)
        self.assertIn("<p>extra=an extra</p>", text)
        self.assertIn("<p>g=hello from app_globals</p>", text)
        self.assertIn("<p>url=/hello/index</p>", text)
        self.assertIn("<p>path=/genshi/page</p>", text)
        self.assertIn("<p>translated=apple</p>", text)
        text = app.get("/genshi/text").text
        self.assertIn("name=<Pylons>", text)
        self.assertNotIn("<p>", text)

    def test_get_pylons(self):
        from pylons.controllers import WSGIController
        from pylons.decorators.util import get_pylons

        controller = WSGIController()
        controller._py_object = object()
        self.assertIs(get_pylons((controller, 1)), controller._py_object)
        self.assertIs(get_pylons(()), pylons)
        self.assertIs(get_pylons(("not a controller",)), pylons)

    def test_status_map(self):
        from pylons.controllers.util import status_map

        self.assertIs(status_map[404], HTTPNotFound)

    def test_call_wsgi_application(self):
        from pylons.util import call_wsgi_application

        def app(environ, start_response):
            start_response("201 Created", [("X-A", "1")])
            return [b"made ", environ["PATH_INFO"].encode()]

        status, headers, body = call_wsgi_application(
            app, webob.Request.blank("/here").environ
        )
        self.assertEqual(
            (status, headers, b"".join(body)),
            ("201 Created", [("X-A", "1")], b"made /here"),
        )

    def test_resolve_dotted(self):
        from pylons.util import resolve_dotted

        self.assertIs(
            resolve_dotted("pylons.controllers.util:status_map"), webob.exc.status_map
        )
        self.assertIs(resolve_dotted("os.path.join"), os.path.join)

    def test_pylons_url_module_keeps_url_the_generator(self):
        import pylons.url
        from pylons import url
        from pylons.url import route_url

        self.assertIs(pylons.url, url)
        app = sample_app()
        request = app.get("/hello/index").request
        self.assertEqual(
            route_url(
                "dotted",
                request,
                "a b",
                "c",
                action="index",
                _query={"q": "1 2"},
                _anchor="top",
            ),
            "http://localhost/dotted/index/a%20b/c?q=1+2#top",
        )
        self.assertEqual(
            route_url(
                "dotted", request, action="x", _app_url="https://example.org/app"
            ),
            "https://example.org/app/dotted/x",
        )
        with self.assertRaises(KeyError):
            route_url("no such route", request)
