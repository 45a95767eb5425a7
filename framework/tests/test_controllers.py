"""WSGIController: actions, arguments, return values, hooks, HTTP errors."""

import gc
import unittest
import weakref

import webob

from pylons.controllers import WSGIController
from pylons.controllers.core import CONTROLLER_NAMES, HOOK_ALIASES

from tests import AS_SERVED, sample_app
from tests.sampleapp.controllers import counted, hooks


class ReturnValueTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_str_is_encoded_with_the_response_charset(self):
        response = self.app.get("/hello/unicode")
        self.assertEqual(response.body, "Grüße, 世界".encode())
        self.assertEqual(response.charset, "utf-8")

    def test_str_follows_a_charset_the_action_set(self):
        for path in ("/hello/latin1", "/hello/latin1_stream"):
            with self.subTest(path=path):
                response = self.app.get(path)
                self.assertEqual(response.body, "Grüße".encode("iso-8859-1"))
                self.assertEqual(response.charset.lower(), "iso-8859-1")

    def test_bytes_are_sent_as_they_are(self):
        response = self.app.get("/hello/raw_bytes")
        self.assertEqual(response.body, b"\x00\x01binary")
        self.assertEqual(response.content_type, "application/octet-stream")

    def test_generator_is_streamed_as_the_body(self):
        request = webob.Request.blank("/hello/stream")
        status, headers, app_iter = request.call_application(self.app.app)
        self.assertNotIn("Content-Length", dict(headers))
        self.assertEqual(list(app_iter), [b"first,", b"second,", b"third"])

    def test_iterable_of_text_is_the_body(self):
        self.assertEqual(self.app.get("/hello/listing").body, b"abc")

    def test_response_object_is_used_as_the_response(self):
        response = self.app.get("/hello/webob_response")
        self.assertEqual(response.status_int, 202)
        self.assertEqual(response.body, b"from a webob response")

    def test_none_sends_the_global_response(self):
        response = self.app.get("/hello/nothing")
        self.assertEqual(response.status_int, 201)
        self.assertEqual(response.body, b"set on the global response")

    def test_action_may_answer_as_a_raw_wsgi_application(self):
        self.assertEqual(self.app.get("/hello/wsgi").body, b"raw wsgi at /hello/wsgi")

    def test_head_sends_headers_only(self):
        response = self.app.head("/hello/index")
        self.assertEqual(response.status_int, 200)
        self.assertEqual(response.body, b"")
        self.assertEqual(response.headers["Content-Length"], str(len(b"Hello World")))

    def test_head_of_a_generator_does_not_send_it(self):
        response = self.app.head("/hello/stream")
        self.assertEqual(response.body, b"")


class ArgumentsTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_action_receives_the_routing_variables_it_names(self):
        self.assertEqual(self.app.get("/hello/args/42").text, "id=42")

    def test_unnamed_variables_are_left_to_their_defaults(self):
        self.assertEqual(
            self.app.get("/hello/optional").text, "id=None missing=default"
        )

    def test_var_keyword_receives_every_routing_variable(self):
        self.assertEqual(
            self.app.get("/hello/everything/3").text, "action,controller,id"
        )

    def test_arguments_attach_to_tmpl_context_when_configured(self):
        app = sample_app(**{"pylons.tmpl_context_attach_args": "true"})
        self.assertEqual(app.get("/hello/attach/9").text, "c.id=9")

    def test_arguments_stay_off_tmpl_context_by_default(self):
        self.assertEqual(self.app.get("/hello/attach/9").text, "c.id=(unset)")


class ArgumentsWorkedOutOnceTest(unittest.TestCase):
    """_get_method_args: once a request, and only when something takes them."""

    def setUp(self):
        counted.built.clear()
        self.app = sample_app()

    def test_nothing_is_worked_out_when_no_hook_or_action_takes_arguments(self):
        self.assertEqual(self.app.get("/counted/plain").text, "plain")
        self.assertEqual(counted.built, [])

    def test_an_action_taking_arguments_works_them_out_once(self):
        self.assertEqual(self.app.get("/counted/with_id/5").text, "id=5")
        self.assertEqual(counted.built, ["/counted/with_id/5"])

    def test_hooks_and_the_action_share_the_arguments(self):
        response = self.app.get("/counted_with_hooks/with_id/6")
        self.assertEqual(response.text, "id=6")
        self.assertEqual(response.request.environ["counted.before"], "with_id")
        self.assertEqual(counted.built, ["/counted_with_hooks/with_id/6"])

    def test_a_changed_action_gets_its_own_name(self):
        self.assertEqual(self.app.get("/counted/twice").text, "twice,named")
        self.assertEqual(counted.built, ["/counted/twice", "/counted/twice"])


class ActionLookupTest(unittest.TestCase):
    def test_private_action_is_a_404(self):
        response = sample_app().get("/hello/_private", status=404)
        self.assertNotIn(b"never be reachable", response.body)

    def test_the_controllers_own_methods_are_not_actions(self):
        app = sample_app()
        for name in sorted(CONTROLLER_NAMES):
            with self.subTest(name=name):
                app.get("/hello/%s" % name, status=404)

    def test_missing_action_is_a_404_with_debug_off(self):
        sample_app().get("/hello/no_such_action", status=404)

    def test_missing_action_is_not_implemented_with_debug_on(self):
        app = sample_app(debug=True, full_stack=False)
        with self.assertRaises(NotImplementedError) as caught:
            app.get("/hello/no_such_action")
        self.assertIn("no_such_action", str(caught.exception))

    def test_private_and_own_names_are_a_404_with_debug_on_too(self):
        # They are no actions, missing or not: as in Pylons 1.0, a 404.
        app = sample_app(debug=True, full_stack=False)
        for path in ("/hello/_private", "/hello/-private", "/hello/dispatch_call"):
            with self.subTest(path=path):
                app.get(path, status=404)


class HooksTest(unittest.TestCase):
    def setUp(self):
        hooks.calls.clear()
        self.app = sample_app()

    def test_before_action_after_run_in_order(self):
        response = self.app.get("/hooks/index")
        self.assertEqual(hooks.calls, [("before", "index"), ("index",), ("after",)])
        self.assertEqual(response.headers["X-After"], "ran")

    def test_abort_in_before_skips_the_action_but_not_after(self):
        self.app.get("/hooks/index", params={"block": "1"}, status=401)
        self.assertEqual(hooks.calls, [("before", "index"), ("after",)])

    def test_after_runs_after_a_redirect(self):
        self.app.get("/hooks/leave", status=302)
        self.assertEqual(hooks.calls, [("before", "leave"), ("leave",), ("after",)])

    def test_after_runs_even_when_the_action_fails(self):
        self.app.get(
            "/hooks/explode", status=500, expect_errors=True, extra_environ=AS_SERVED
        )
        self.assertEqual(hooks.calls, [("before", "explode"), ("explode",), ("after",)])

    def test_http_exception_in_after_becomes_the_response(self):
        self.app.get("/hooks/index", params={"after_abort": "1"}, status=409)


class HTTPExceptionTest(unittest.TestCase):
    def test_exception_is_kept_in_environ(self):
        app = sample_app(full_stack=False)
        response = app.get("/hello/gone", status=410)
        kept = response.req.environ["pylons.controller.exception"]
        self.assertEqual(kept.status_int, 410)
        self.assertIn(b"long gone", response.body)

    def test_the_exception_answered_holds_no_frames(self):
        # Its traceback's frames hold the controller and the environ, which
        # holds the exception: a cycle only the garbage collector frees.
        response = sample_app(full_stack=False).get("/hello/gone", status=410)
        kept = response.req.environ["pylons.controller.exception"]
        self.assertIsNone(kept.__traceback__)

    def test_cookies_set_before_a_redirect_are_kept(self):
        response = sample_app().get("/hello/cookie_then_redirect", status=302)
        self.assertIn("visited=yes", response.headers["Set-Cookie"])


class HookNamesTest(unittest.TestCase):
    """The hooks' public names, and the Pylons 1.0 names kept as aliases."""

    def test_each_hook_has_both_names(self):
        for public, old in HOOK_ALIASES.items():
            with self.subTest(hook=public):
                self.assertIs(
                    getattr(WSGIController, old), getattr(WSGIController, public)
                )

    def test_overriding_the_public_names_takes_effect(self):
        self.assertEqual(sample_app().get("/hooknames/greet").text, "<hello grace>")

    def test_overriding_the_old_names_takes_effect(self):
        # ExtendedController overrides _get_method_args and _perform_call.
        self.assertEqual(sample_app().get("/extended/greet").text, "[hello ada]")

    def test_a_subclass_sees_one_method_under_both_names(self):
        class Old(WSGIController):
            def _perform_call(self, func, args):
                return "old"

        class New(WSGIController):
            def perform_call(self, func, args):
                return "new"

        class NewOnOld(Old):
            def perform_call(self, func, args):
                return "new on old"

        # Pylons 1.0 applications also put hooks in mixins, listed before
        # the base class, that know one name only.
        class OldMixin:
            def _perform_call(self, func, args):
                return "(%s)" % super()._perform_call(func, args)

        class NewMixin:
            def perform_call(self, func, args):
                return "<%s>" % super().perform_call(func, args)

        class OldMixed(OldMixin, WSGIController):
            pass

        class NewMixed(NewMixin, WSGIController):
            pass

        class BothMixed(NewMixin, OldMixed):
            pass

        def action():
            return "hi"

        for cls, result in (
            (Old, "old"),
            (New, "new"),
            (NewOnOld, "new on old"),
            (OldMixed, "(hi)"),
            (NewMixed, "<hi>"),
            (BothMixed, "<(hi)>"),
        ):
            with self.subTest(cls=cls.__name__):
                controller = cls()
                self.assertEqual(controller.perform_call(action, {}), result)
                self.assertEqual(controller._perform_call(action, {}), result)

    def test_hooks_are_not_actions(self):
        for public in HOOK_ALIASES:
            with self.subTest(hook=public):
                self.assertIn(public, CONTROLLER_NAMES)
                sample_app().get("/hello/%s" % public, status=404)


class ServerStartResponse:
    """A server's start_response: an object whose life the test follows."""

    def __call__(self, status, headers, exc_info=None):
        self.status = status


class LettingGoTest(unittest.TestCase):
    def test_the_servers_start_response_is_freed_as_the_request_ends(self):
        # The environ, which keeps the controller, is freed by the garbage
        # collector (it is part of reference cycles); what the server
        # passed in must not wait for it.
        app = sample_app().app
        for path in (
            "/hello/index",
            "/hello/stream",
            "/hello/direct_wsgi",
            "/hello/wsgi",
        ):
            with self.subTest(path=path):
                environ = webob.Request.blank(path).environ
                start_response = ServerStartResponse()
                freed = weakref.ref(start_response)
                gc.disable()
                try:
                    body = app(environ, start_response)
                    b"".join(body)
                    body.close()
                    self.assertEqual(start_response.status[:3], "200")
                    del body, start_response
                    self.assertIsNone(freed())
                finally:
                    gc.enable()
                self.assertIn("pylons.controller", environ)
