"""The request-local globals: per-request objects, clear errors outside."""

import threading
import types
import unittest

from paste.registry import StackedObjectProxy, restorer

import pylons
import pylons.context
from pylons.context import REQUEST_OBJECTS, RequestGlobal
from pylons.wsgiapp import PylonsApp

from tests import sample_app
from tests.sampleapp.controllers import threads


class GlobalsOutsideRequestTest(unittest.TestCase):
    def test_each_proxy_names_itself_when_used_outside_a_request(self):
        for name in (
            "request",
            "response",
            "session",
            "tmpl_context",
            "app_globals",
            "cache",
            "url",
            "translator",
        ):
            with self.subTest(name=name):
                proxy = getattr(pylons, name)
                with self.assertRaises(TypeError) as caught:
                    proxy.anything
                self.assertIn(name, str(caught.exception))

    def test_short_names_are_the_same_proxies(self):
        self.assertIs(pylons.c, pylons.tmpl_context)
        self.assertIs(pylons.g, pylons.app_globals)

    def test_config_outside_a_request_is_the_last_app_set_up(self):
        app = sample_app(marker="outside")
        self.assertEqual(pylons.config["marker"], "outside")
        self.assertIs(pylons.config._current_obj(), app.app.config)


class GlobalsDuringRequestTest(unittest.TestCase):
    def test_config_during_a_request_is_the_serving_apps(self):
        first = sample_app(marker="first")
        sample_app(marker="second")
        response = first.get("/hello/globals")
        self.assertEqual(response.config["marker"], "first")
        self.assertEqual(pylons.config["marker"], "second")

    def test_current_conf_during_a_request_is_the_serving_apps(self):
        first = sample_app(marker="first")
        sample_app(marker="second")
        response = first.get("/hello/config_markers")
        self.assertEqual(response.text, "first|first|first")
        self.assertEqual(pylons.config.current_conf()["marker"], "second")

    def test_overlapping_requests_in_two_threads_keep_their_own_objects(self):
        app = sample_app()
        threads.barrier = threading.Barrier(2)
        bodies = {}

        def fetch(who):
            bodies[who] = app.get("/threads/overlap", params={"who": who}).text

        workers = [
            threading.Thread(target=fetch, args=(who,), name=who)
            for who in ("alice", "bob")
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        self.assertEqual(bodies, {"alice": "alice,alice,alice", "bob": "bob,bob,bob"})

    def test_globals_are_released_after_the_request(self):
        app = sample_app()
        app.get("/hello/index")
        with self.assertRaises(TypeError):
            pylons.request.path_info


class RequestObjectsTableTest(unittest.TestCase):
    """One table of request objects: the globals and every user read it."""

    def test_each_global_of_the_table_is_a_stacked_proxy_of_the_module(self):
        for obj in REQUEST_OBJECTS:
            if not obj.is_global:
                continue
            with self.subTest(name=obj.name):
                proxy = getattr(pylons, obj.name)
                self.assertIsInstance(proxy, StackedObjectProxy)
                for alias in obj.aliases:
                    self.assertIs(getattr(pylons, alias), proxy)

    def test_pylons_app_has_a_maker_for_each_object(self):
        for obj in REQUEST_OBJECTS:
            with self.subTest(name=obj.name):
                self.assertTrue(callable(getattr(PylonsApp, "make_" + obj.name)))

    def test_a_global_must_be_in_the_table(self):
        with self.assertRaises(ValueError):
            RequestGlobal("not_a_request_object")

    def test_webtest_gets_each_object_under_its_test_names(self):
        response = sample_app().get("/hello/index")
        py = response.request.environ["pylons.pylons"]
        for obj in REQUEST_OBJECTS:
            for name in obj.test_names:
                with self.subTest(name=name):
                    self.assertIs(getattr(response, name), getattr(py, obj.name))


class OneRegistryEntryTest(unittest.TestCase):
    def test_all_globals_are_registered_as_one_entry(self):
        entries = sample_app().get("/hello/registry_entries").text.split(",")
        # Beaker's middleware registers its own two globals.
        self.assertEqual(
            sorted(entries),
            [
                "Beaker Session=SessionObject",
                "Cache Manager=CacheManager",
                "pylons.pylons=PylonsContext",
            ],
        )

    def test_globals_read_the_registered_context(self):
        response = sample_app().get("/hello/globals")
        self.assertEqual(
            response.text, "hello from app_globals|tests.sampleapp|/hello/globals"
        )


class GlobalsOutsideRequestMessageTest(unittest.TestCase):
    def test_error_says_when_the_global_exists_and_how_to_push_one(self):
        with self.assertRaises(TypeError) as caught:
            pylons.request.path_info
        message = str(caught.exception)
        self.assertIn("No object (name: request) has been registered", message)
        self.assertIn("for each request it serves", message)
        self.assertIn("pylons.request._push_object(obj)", message)


class PushedObjectsTest(unittest.TestCase):
    """The StackedObjectProxy API: _push_object, _pop_object, _object_stack."""

    def push(self, proxy, obj):
        proxy._push_object(obj)
        self.addCleanup(proxy._pop_object, obj)

    def test_a_pushed_object_stands_in_outside_a_request(self):
        marker = object()
        self.push(pylons.tmpl_context, marker)
        self.assertIs(pylons.tmpl_context._current_obj(), marker)
        self.assertEqual(pylons.tmpl_context._object_stack(), [marker])

    def test_the_request_comes_before_what_was_pushed_before_it(self):
        self.push(pylons.tmpl_context, "pushed by the test")
        app = sample_app()
        self.assertEqual(app.get("/hello/object_stack").text, "['str', 'ContextObj']")
        self.assertEqual(pylons.tmpl_context._current_obj(), "pushed by the test")

    def test_an_object_pushed_during_the_request_comes_first(self):
        self.assertEqual(
            sample_app().get("/hello/pushed").text, "pushed during the request"
        )

    def test_registry_replace_lasts_until_the_request_ends(self):
        app = sample_app()
        self.assertEqual(app.get("/hello/replaced").text, "replaced,replaced")
        with self.assertRaises(TypeError):
            pylons.translator._current_obj()

    def test_pop_checks_the_object(self):
        pylons.tmpl_context._push_object("one")
        with self.assertRaises(AssertionError):
            pylons.tmpl_context._pop_object("another")
        with self.assertRaises(AssertionError):
            pylons.tmpl_context._pop_object()

    def test_config_keeps_pastes_thread_and_process_configs(self):
        thread_config = {"marker": "thread"}
        pylons.config.push_thread_config(thread_config)
        try:
            self.assertEqual(pylons.config["marker"], "thread")
        finally:
            pylons.config.pop_thread_config(thread_config)
        process_config = {"marker": "process"}
        pylons.config.push_process_config(process_config)
        try:
            self.assertEqual(pylons.config["marker"], "process")
        finally:
            pylons.config.pop_process_config(process_config)


class ForwardedNamesTest(unittest.TestCase):
    """A global gives each public name of the object it stands for now."""

    def push(self, proxy, obj):
        proxy._push_object(obj)
        self.addCleanup(proxy._pop_object, obj)

    def test_a_name_follows_the_object_the_global_stands_for(self):
        self.push(pylons.tmpl_context, types.SimpleNamespace(marker="first"))
        self.assertEqual(pylons.tmpl_context.marker, "first")
        second = types.SimpleNamespace(marker="second")
        pylons.tmpl_context._push_object(second)
        self.assertEqual(pylons.tmpl_context.marker, "second")
        pylons.tmpl_context._pop_object(second)
        self.assertEqual(pylons.tmpl_context.marker, "first")

    def test_a_name_another_object_had_is_missing_from_one_without_it(self):
        had = types.SimpleNamespace(only_there=1)
        pylons.tmpl_context._push_object(had)
        self.assertEqual(pylons.tmpl_context.only_there, 1)
        pylons.tmpl_context._pop_object(had)
        self.push(pylons.tmpl_context, types.SimpleNamespace())
        self.assertFalse(hasattr(pylons.tmpl_context, "only_there"))
        with self.assertRaises(AttributeError):
            pylons.tmpl_context.only_there

    def test_names_read_through_a_global_leave_configs_methods_alone(self):
        # pylons.config's methods, its own and Paste's, are the names an
        # object pushed on another global may have too.
        names = ("current_conf", "push_thread_config", "pop_thread_config")
        self.push(
            pylons.tmpl_context,
            types.SimpleNamespace(**dict.fromkeys(names, "the object's")),
        )
        for name in names:
            self.assertEqual(getattr(pylons.tmpl_context, name), "the object's")
            self.assertIs(getattr(pylons.config, name).__self__, pylons.config)


class RegistryRestoredTest(unittest.TestCase):
    def test_streamed_body_sees_the_globals_until_it_ends(self):
        response = sample_app().get("/hello/stream_globals")
        self.assertEqual(response.text, "/hello/stream_globals,ContextObj")
        with self.assertRaises(TypeError):
            pylons.request._current_obj()

    def test_the_globals_come_back_after_the_request(self):
        app = sample_app()
        app.get("/hello/index")
        for obj in REQUEST_OBJECTS:
            if obj.is_global and obj.name != "config":
                with self.subTest(name=obj.name):
                    with self.assertRaises(TypeError):
                        getattr(pylons, obj.name)._current_obj()
        self.assertEqual(pylons.context.current_context(), None)

    def test_test_vars_restores_every_global_in_this_thread(self):
        app = sample_app()
        response = app.get("/_test_vars")
        restorer.restoration_begin(int(response.text))
        try:
            for obj in REQUEST_OBJECTS:
                if obj.is_global:
                    with self.subTest(name=obj.name):
                        self.assertIs(
                            getattr(pylons, obj.name)._current_obj(),
                            getattr(response, obj.test_names[0])
                            if obj.test_names
                            else getattr(pylons.context.current_context(), obj.name),
                        )
        finally:
            restorer.restoration_end()
        with self.assertRaises(TypeError):
            pylons.request._current_obj()
