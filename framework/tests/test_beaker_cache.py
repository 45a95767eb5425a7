"""beaker_cache: keys, expiry, cache types, and responses kept with results."""

import os
import tempfile
import time
import unittest
from unittest import mock

from beaker.cache import CacheManager
from webob import Request

import pylons
from pylons.controllers.util import Response
from pylons.decorators import cache as cache_module
from pylons.decorators.cache import beaker_cache, create_cache_key

from tests import sample_app
from tests.sampleapp.controllers import cached


class Counter:
    """A function's calls, for seeing whether the cache answered."""

    def __init__(self):
        self.calls = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return "call %d" % len(self.calls)


class RequestObjectsMixin:
    """Register a cache, a request and a response, as a request would."""

    query_string = ""

    def setUp(self):
        self.cache = CacheManager(type="memory")
        # Beaker's memory caches are process-wide; the functions decorated
        # here share this module's namespace.
        self.cache.get_cache(__name__).clear()
        self.request = Request.blank("/?" + self.query_string)
        self.response = Response()
        for proxy, obj in (
            (pylons.cache, self.cache),
            (pylons.request, self.request),
            (pylons.response, self.response),
        ):
            proxy._push_object(obj)
            self.addCleanup(proxy._pop_object, obj)


class KeyTest(RequestObjectsMixin, unittest.TestCase):
    def test_default_key_is_every_argument_given(self):
        counter = Counter()

        @beaker_cache()
        def action(id, page=1):
            return counter(id, page)

        self.assertEqual(action("a"), "call 1")
        self.assertEqual(action(id="a"), "call 1")
        self.assertEqual(action("a", page=2), "call 2")
        self.assertEqual(action("b"), "call 3")
        # As in Pylons 1.0, the key is made of the arguments the call gave.
        self.assertEqual(action("a", page=1), "call 4")

    def test_named_argument_is_the_key(self):
        counter = Counter()

        @beaker_cache(key="id")
        def action(id, page=1):
            return counter(id, page)

        self.assertEqual(action("a", page=1), "call 1")
        self.assertEqual(action("a", page=2), "call 1")
        self.assertEqual(action("b", page=2), "call 2")

    def test_list_of_names_is_the_key(self):
        counter = Counter()

        @beaker_cache(key=["id", "page"])
        def action(id, page=1, sort="name"):
            return counter(id, page, sort)

        self.assertEqual(action("a", sort="name"), "call 1")
        self.assertEqual(action("a", sort="date"), "call 1")
        self.assertEqual(action("a", page=2), "call 2")

    def test_none_key_caches_one_value(self):
        counter = Counter()

        @beaker_cache(key=None)
        def action(id):
            return counter(id)

        self.assertEqual(action("a"), "call 1")
        self.assertEqual(action("b"), "call 1")

    def test_var_keyword_arguments_are_keyed_without_the_wsgi_ones(self):
        counter = Counter()

        @beaker_cache()
        def action(**kwargs):
            return counter(**kwargs)

        self.assertEqual(action(id="a", environ={"one": 1}), "call 1")
        self.assertEqual(action(id="a", environ={"two": 2}), "call 1")
        self.assertEqual(action(id="b", environ={"one": 1}), "call 2")

    def test_methods_are_keyed_without_self(self):
        counter = Counter()

        class Controller:
            @beaker_cache()
            def action(self, id):
                return counter(id)

        self.assertEqual(Controller().action("a"), "call 1")
        self.assertEqual(Controller().action("a"), "call 1")

    def test_invalidation_finds_the_entry_of_a_class_defined_in_a_function(self):
        # Pylons 1.0's namespace: the module and the class's name, not the
        # path to the class through the function.
        counter = Counter()

        def make_controller():
            class LocalController:
                @beaker_cache()
                def page(self, id):
                    return counter(id)

            return LocalController

        controller = make_controller()
        self.assertEqual(controller().page(1), "call 1")
        namespace, key = create_cache_key(controller.page, {"id": 1})
        self.assertEqual(namespace, __name__ + ".LocalController")
        self.cache.get_cache(namespace).remove_value(key)
        self.assertEqual(controller().page(1), "call 2")

    def test_functions_have_namespaces_of_their_own(self):
        @beaker_cache()
        def first():
            return "first"

        @beaker_cache()
        def second():
            return "second"

        self.assertEqual((first(), second()), ("first", "second"))


class QueryArgsTest(RequestObjectsMixin, unittest.TestCase):
    query_string = "q=pylons&page=2"

    def test_query_args_are_part_of_the_key_when_asked(self):
        counter = Counter()

        @beaker_cache(query_args=True)
        def with_query():
            return counter()

        self.assertEqual(with_query(), "call 1")
        self.request.GET["page"] = "3"
        self.assertEqual(with_query(), "call 2")

    def test_query_args_are_ignored_by_default(self):
        counter = Counter()

        @beaker_cache()
        def without_query():
            return counter()

        self.assertEqual(without_query(), "call 1")
        self.request.GET["page"] = "3"
        self.assertEqual(without_query(), "call 1")


class LifetimeTest(RequestObjectsMixin, unittest.TestCase):
    def later(self, seconds):
        return mock.patch("time.time", return_value=time.time() + seconds)

    def test_entry_expires_after_expire_seconds(self):
        counter = Counter()

        @beaker_cache(expire=60)
        def action():
            return counter()

        self.assertEqual(action(), "call 1")
        with self.later(30):
            self.assertEqual(action(), "call 1")
        with self.later(3600):
            self.assertEqual(action(), "call 2")

    def test_never_expire_keeps_the_entry(self):
        counter = Counter()

        @beaker_cache(expire="never")
        def action():
            return counter()

        action()
        with self.later(10**6):
            self.assertEqual(action(), "call 1")

    def call_before_and_after_a_restart(self, action, **options):
        """Decorate ``action``, call it, decorate it anew a minute later
        (as a restarted application would) and call it again."""
        first = beaker_cache(**options)(action)
        first()
        with mock.patch.object(
            cache_module.time, "time", return_value=time.time() + 60
        ):
            restarted = beaker_cache(**options)(action)
        return restarted()

    def test_invalidate_on_startup_ignores_older_entries(self):
        counter = Counter()

        def action():
            return counter()

        self.assertEqual(
            self.call_before_and_after_a_restart(action, invalidate_on_startup=True),
            "call 2",
        )

    def test_entries_survive_a_restart_by_default(self):
        counter = Counter()

        def action():
            return counter()

        self.assertEqual(self.call_before_and_after_a_restart(action), "call 1")


class BackendTest(RequestObjectsMixin, unittest.TestCase):
    def test_type_and_beaker_options_choose_the_store(self):
        data_dir = tempfile.TemporaryDirectory()
        self.addCleanup(data_dir.cleanup)
        counter = Counter()

        @beaker_cache(type="file", data_dir=data_dir.name)
        def action():
            return counter()

        self.assertEqual(action(), "call 1")
        self.assertEqual(action(), "call 1")
        stored = [
            name for _root, _dirs, files in os.walk(data_dir.name) for name in files
        ]
        self.assertTrue(stored, "nothing was written under the file cache's dir")

    def test_cache_enabled_false_turns_caching_off(self):
        counter = Counter()

        @beaker_cache()
        def action():
            return counter()

        with mock.patch.dict(pylons.config._current_obj(), {"cache_enabled": "false"}):
            self.assertEqual(action(), "call 1")
            self.assertEqual(action(), "call 2")


class ResponseTest(unittest.TestCase):
    def setUp(self):
        # A file cache of its own, as Beaker's memory caches are process-wide.
        data_dir = tempfile.TemporaryDirectory()
        self.addCleanup(data_dir.cleanup)
        self.app = sample_app(
            **{"beaker.cache.type": "file", "beaker.cache.data_dir": data_dir.name}
        )
        cached.runs.clear()

    def test_status_and_listed_headers_are_restored_with_the_body(self):
        first = self.app.get("/cached/page/7")
        second = self.app.get("/cached/page/7")
        self.assertEqual(cached.runs, ["7"])
        self.assertEqual(second.status_int, 203)
        self.assertEqual(second.text, "page 7, run 1")
        self.assertEqual(second.content_type, "text/plain")
        self.assertEqual(second.headers["X-Made"], first.headers["X-Made"])
        self.assertNotIn("X-Not-Kept", second.headers)

    def test_routing_arguments_key_the_entries(self):
        self.app.get("/cached/page/7")
        self.assertEqual(self.app.get("/cached/page/8").text, "page 8, run 2")

    def test_without_cache_response_only_the_result_is_kept(self):
        self.app.get("/cached/bare")
        second = self.app.get("/cached/bare")
        self.assertEqual(second.text, "bare, run 1")
        self.assertNotIn("X-Made", second.headers)

    def test_response_built_by_the_action_is_kept(self):
        self.app.get("/cached/built")
        second = self.app.get("/cached/built")
        self.assertEqual(cached.runs, ["built"])
        self.assertEqual(second.body, b"built the response, run 1")
