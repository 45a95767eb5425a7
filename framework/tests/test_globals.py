"""The request-local globals: per-request objects, clear errors outside."""
import threading
import unittest

import pylons
from tests import sample_app
from tests.sampleapp.controllers import threads


class GlobalsOutsideRequestTest(unittest.TestCase):
    def test_each_proxy_names_itself_when_used_outside_a_request(self):
        for name in ("request", "response", "session", "tmpl_context",
                     "app_globals", "cache", "url", "translator"):
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

    def test_overlapping_requests_in_two_threads_keep_their_own_objects(self):
        app = sample_app()
        threads.barrier = threading.Barrier(2)
        bodies = {}

        def fetch(who):
            bodies[who] = app.get("/threads/overlap", params={"who": who}).text

        workers = [threading.Thread(target=fetch, args=(who,), name=who)
                   for who in ("alice", "bob")]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        self.assertEqual(bodies, {"alice": "alice,alice,alice",
                                  "bob": "bob,bob,bob"})

    def test_globals_are_released_after_the_request(self):
        app = sample_app()
        app.get("/hello/index")
        with self.assertRaises(TypeError):
            pylons.request.path_info
