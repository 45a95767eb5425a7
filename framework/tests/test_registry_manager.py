"""pylons.middleware.RegistryManager: a registry context while a request is answered."""

import unittest

import webob
from paste import registry as paste_registry
from paste.registry import StackedObjectProxy, restorer

from pylons.middleware import RegistryManager

#: A global of the tests' own, registered by the applications below.
thing = StackedObjectProxy(name="thing")


def current_thing():
    """What ``thing`` stands for now, or None outside a registry context."""
    try:
        return thing._current_obj()
    except TypeError:
        return None


class Body:
    """A streamed body that notes what ``thing`` was as it was read, and its close."""

    def __init__(self, chunks=(b"one", b"two"), fail_at=None):
        self.chunks = chunks
        self.fail_at = fail_at
        self.seen = []
        self.closed = False

    def __iter__(self):
        for number, chunk in enumerate(self.chunks):
            if number == self.fail_at:
                raise RuntimeError("failed while streaming")
            self.seen.append(current_thing())
            yield chunk

    def close(self):
        self.closed = True


def registering(body):
    """An application registering ``thing`` and answering with ``body``."""

    def app(environ, start_response):
        environ["paste.registry"].register(thing, "registered")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return body

    return app


def failing(environ, start_response):
    environ["paste.registry"].register(thing, "registered")
    raise ValueError("failed at once")


def environ_of(**extra):
    environ = webob.Request.blank("/").environ
    environ.update(extra)
    return environ


def start_response(status, headers, exc_info=None):
    start_response.status = status


class StreamingTest(unittest.TestCase):
    def test_a_body_given_whole_is_answered_with_the_context_closed(self):
        app = RegistryManager(registering([b"whole"]), streaming=True)
        start_response.status = None
        body = app(environ_of(), start_response)
        self.assertEqual(body, [b"whole"])
        self.assertEqual(start_response.status, "200 OK")
        self.assertIsNone(current_thing())

    def test_a_streamed_body_is_read_with_the_context_open(self):
        streamed = Body()
        app = RegistryManager(registering(streamed), streaming=True)
        start_response.status = None
        body = app(environ_of(), start_response)
        # The application ran when called: its answer is started.
        self.assertEqual(start_response.status, "200 OK")
        self.assertEqual(list(body), [b"one", b"two"])
        self.assertEqual(streamed.seen, ["registered", "registered"])
        self.assertTrue(streamed.closed)
        self.assertIsNone(current_thing())

    def test_a_body_closed_before_its_end_closes_the_context(self):
        streamed = Body()
        body = RegistryManager(registering(streamed), streaming=True)(
            environ_of(), start_response
        )
        iterator = iter(body)
        next(iterator)
        body.close()
        self.assertTrue(streamed.closed)
        self.assertIsNone(current_thing())

    def test_a_body_never_read_is_closed_with_its_context(self):
        streamed = Body()
        body = RegistryManager(registering(streamed), streaming=True)(
            environ_of(), start_response
        )
        self.assertEqual(current_thing(), "registered")
        body.close()
        body.close()
        self.assertTrue(streamed.closed)
        self.assertIsNone(current_thing())

    def test_an_exception_closes_the_context(self):
        app = RegistryManager(failing, streaming=True)
        with self.assertRaises(ValueError):
            app(environ_of(), start_response)
        self.assertIsNone(current_thing())

    def test_an_exception_while_streaming_closes_the_context(self):
        streamed = Body(fail_at=1)
        body = RegistryManager(registering(streamed), streaming=True)(
            environ_of(), start_response
        )
        with self.assertRaises(RuntimeError):
            list(body)
        self.assertTrue(streamed.closed)
        self.assertIsNone(current_thing())

    def test_managers_inside_each_other_share_the_registry(self):
        seen = {}

        def inner_app(environ, start_response):
            seen["registry"] = environ["paste.registry"]
            return registering([b"inner"])(environ, start_response)

        def outer_app(environ, start_response):
            environ["paste.registry"].register(thing, "outer")
            body = RegistryManager(inner_app, streaming=True)(environ, start_response)
            seen["after inner"] = current_thing()
            return body

        environ = environ_of()
        RegistryManager(outer_app, streaming=True)(environ, start_response)
        self.assertIs(seen["registry"], environ["paste.registry"])
        self.assertEqual(seen["after inner"], "outer")
        self.assertIsNone(current_thing())

    def test_answers_as_pastes_own(self):
        for make_body in (lambda: [b"whole"], Body):
            ours = webob.Request.blank("/").get_response(
                RegistryManager(registering(make_body()), streaming=True)
            )
            theirs = webob.Request.blank("/").get_response(
                paste_registry.RegistryManager(registering(make_body()), streaming=True)
            )
            self.assertEqual(ours.status, theirs.status)
            self.assertEqual(ours.headerlist, theirs.headerlist)
            self.assertEqual(ours.body, theirs.body)


class EvalExceptionTest(unittest.TestCase):
    """The registry is kept for Paste's EvalException, as Paste's manager does."""

    def failed_with(self, **extra):
        environ = environ_of(**extra)
        with self.assertRaises(ValueError):
            RegistryManager(failing, streaming=True)(environ, start_response)
        request_id = restorer.get_request_id(environ)
        kept = restorer.saved_registry_states.pop(request_id, None)
        return kept

    def test_the_registry_is_kept_when_evalexception_asks(self):
        kept = self.failed_with(**{"paste.evalexception": True})
        self.assertIsNotNone(kept)
        _registry, reglist = kept
        self.assertEqual([obj for _proxy, obj in reglist[-1].values()], ["registered"])

    def test_an_expected_exception_is_not_kept(self):
        kept = self.failed_with(
            **{"paste.evalexception": True, "paste.expected_exceptions": [ValueError]}
        )
        self.assertIsNone(kept)

    def test_nothing_is_kept_without_evalexception(self):
        self.assertIsNone(self.failed_with())


class NotStreamingTest(unittest.TestCase):
    def test_without_streaming_it_is_pastes_own(self):
        streamed = Body()
        body = RegistryManager(registering(streamed), streaming=False)(
            environ_of(), start_response
        )
        # Paste's closes the context as the application returns.
        self.assertIsNone(current_thing())
        self.assertEqual(list(body), [b"one", b"two"])
        self.assertEqual(streamed.seen, [None, None])
