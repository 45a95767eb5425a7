"""Actions exercising every kind of return value and helper."""

import datetime
import logging

import webob
import webob.exc

import pylons.i18n.translation
import pylons.templating
from pylons import app_globals, config, request, response, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, etag_cache, forward, redirect, vary

from tests.sampleapp.lib.base import BaseController

#: When the page of ``tagged_since`` last changed.
TAGGED_SINCE = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
TWO_HOURS_AHEAD = datetime.timezone(datetime.timedelta(hours=2))


def _static_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"forwarded to ", environ["PATH_INFO"].encode()]


class HelloController(BaseController):
    def index(self):
        return "Hello World"

    def unicode(self):
        return "Grüße, 世界"

    def latin1(self):
        response.charset = "iso-8859-1"
        return "Grüße"

    def latin1_text(self):
        return "Grüße"

    def latin1_stream(self):
        response.headers["Content-Type"] = "text/plain; charset=ISO-8859-1"
        return iter(["Grü", "ße"])

    def raw_bytes(self):
        response.content_type = "application/octet-stream"
        return b"\x00\x01binary"

    def stream(self):
        def chunks():
            yield "first,"
            yield b"second,"
            yield "third"

        return chunks()

    def listing(self):
        return ["a", "b", "c"]

    def webob_response(self):
        return webob.Response(
            body=b"from a webob response", status=202, content_type="text/plain"
        )

    def nothing(self):
        response.status_int = 201
        response.content_type = "text/plain"
        response.body = b"set on the global response"

    def wsgi(self, environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"raw wsgi at ", environ["PATH_INFO"].encode()]

    def args(self, id):
        return "id=%s" % id

    def optional(self, id=None, missing="default"):
        return "id=%s missing=%s" % (id, missing)

    def everything(self, **kwargs):
        return ",".join(
            sorted(
                k for k in kwargs if k not in ("environ", "start_response", "pylons")
            )
        )

    def attach(self, id):
        return "c.id=%s" % getattr(c, "id", "(unset)")

    def _private(self):
        return "should never be reachable"

    def not_found(self):
        abort(404, "no such thing", comment="for the source reader")

    def forbidden(self):
        abort(403)

    def cookie_then_forbidden(self):
        response.set_cookie("tried", "once")
        abort(403)

    def login_required(self):
        abort(401, headers=[("WWW-Authenticate", 'Basic realm="sample"')])

    def gone(self):
        abort(410, "long gone")

    def go_away(self):
        redirect(url(controller="hello", action="index"))

    def qualified(self):
        return url(controller="hello", action="index", qualified=True)

    def go_away_301(self):
        redirect("/hello/index", code=301)

    def go_away_bad(self):
        redirect("/hello/index", code=200)

    def cookie_then_redirect(self):
        response.set_cookie("visited", "yes")
        redirect("/hello/index")

    def tagged(self):
        etag_cache("v1")
        return "tagged content"

    def tagged_and_caught(self):
        try:
            etag_cache("v1")
        except webob.exc.HTTPNotModified as answer:
            return "caught %s" % answer.status
        return "not caught"

    def tagged_since(self):
        response.headers["Cache-Control"] = "public, max-age=60"
        vary("Accept-Language")
        vary("accept-language", "Cookie")
        etag_cache("v2", last_modified=TAGGED_SINCE)
        return "tagged since"

    def tagged_in_zone(self):
        # TAGGED_SINCE, written in the time of a zone two hours ahead.
        etag_cache("v3", last_modified=TAGGED_SINCE.astimezone(TWO_HOURS_AHEAD))
        return "tagged in a zone"

    def forwarded(self):
        request.environ["PATH_INFO"] = "/elsewhere"
        return forward(_static_app)

    def boom(self):
        raise RuntimeError("sample failure")

    def globals(self):
        return "%s|%s|%s" % (
            app_globals.message,
            config["pylons.package"],
            request.path_info,
        )

    def config_markers(self):
        # Paste's names for the configuration pylons.config stands for.
        return "%s|%s|%s" % (
            config["marker"],
            config.current_conf()["marker"],
            config.current()["marker"],
        )

    def set_signed(self):
        response.signed_cookie("prefs", {"theme": "dark"}, secret="s3cr3t")
        return "set"

    def read_signed(self):
        return repr(request.signed_cookie("prefs", secret="s3cr3t"))

    def own_error_page(self):
        request.environ["pylons.status_code_redirect"] = True
        response.status_int = 404
        return "the controller's own 404 page"

    def languages(self):
        return ",".join(request.languages)

    def context(self, pylons):
        return "context for %s" % pylons.request.path_info

    def written(self):
        response.write("written,")
        return "returned"

    def body_added(self):
        response.body += b"added,"
        return b"returned"

    def direct_wsgi(self):
        response.set_cookie("seen", "yes")
        response.headers["X-Seen"] = "yes"
        return _static_app(request.environ, self.start_response)

    def logged(self):
        logging.getLogger("tests.sampleapp.hello").warning(
            "logged in %s", request.path_info
        )
        return "logged"

    def marker(self):
        return config.get("marker", "no marker")

    def registry_entries(self):
        entries = request.environ["paste.registry"].reglist[-1].values()
        return ",".join(
            "%s=%s" % (vars(stacked)["____name__"], type(obj).__name__)
            for stacked, obj in entries
        )

    def stream_globals(self):
        def chunks():
            # Runs while the server reads the body, after the action.
            yield request.path_info
            yield "," + type(c._current_obj()).__name__

        return chunks()

    def replaced(self):
        translator = pylons.i18n.translation.NullTranslations()
        translator.marker = "replaced"
        request.environ["paste.registry"].replace(pylons.translator, translator)
        return "%s,%s" % (
            pylons.translator.marker,
            pylons.templating.pylons_globals()["translator"].marker,
        )

    def pushed(self):
        url._push_object("pushed during the request")
        try:
            return url._current_obj()
        finally:
            url._pop_object()

    def object_stack(self):
        return repr([type(obj).__name__ for obj in c._object_stack()])
