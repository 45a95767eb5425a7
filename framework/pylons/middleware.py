"""The middleware Pylons gives a project's stack.

:class:`RequestDecoding` answers requests that cannot be decoded with
400 or 415; :class:`SecurityHeaders` adds the headers a public site sends;
:class:`RoutesMiddleware` and :class:`RegistryManager` are Routes' and
Paste's, with less work per request.
:func:`ErrorHandler` catches what the application raises: with ``debug``
on it shows backlash's interactive debugger, with it off a plain 500 page,
while the traceback is logged and, when ``email_to`` is set, mailed.
:class:`StatusCodeRedirect` answers error statuses with the application's
own error document.  :func:`debugger_filter_factory` and
:func:`debugger_filter_app_factory` put the debugger in a Paste Deploy
pipeline.  :data:`media_path` is the directory of Pylons' stock error-page
images and style, which Pylons 1.0 error controllers serve; :data:`head_html`
and :data:`footer_html` are fragments of HTML for error pages using them.
"""

from __future__ import annotations

import html
import io
import ipaddress
import logging
import operator
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from backlash import DebuggedApplication
from backlash.tbtools import get_current_traceback
from backlash.tracing.reporters.mail import EmailReporter
from backlash.utils import RequestContext
from beaker import middleware as beaker_middleware
from beaker.session import SessionObject
from paste import registry as paste_registry
from paste.deploy.converters import asbool
from routes import middleware as routes_middleware
from webob import Request, Response
from webob.exc import HTTPException

import pylons
from pylons.controllers.util import Request as PylonsRequest
from pylons.routing import UNSURE, CompiledRoutes, URLGenerator, decoded_path_values

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = [
    "CacheMiddleware",
    "ErrorHandler",
    "RegistryManager",
    "RequestDecoding",
    "RoutesMiddleware",
    "SecurityHeaders",
    "SessionMiddleware",
    "StatusCodeRedirect",
    "debugger_filter_app_factory",
    "debugger_filter_factory",
    "default_security_headers",
    "error_document_template",
    "footer_html",
    "head_html",
    "local_request",
    "may_have_fields",
    "media_path",
]

log = logging.getLogger(__name__)

error_document_template = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%(code)s</title>
<link rel="stylesheet" href="%(prefix)s/style.css">
</head>
<body>
<h1>Error %(code)s</h1>
<div class="message">%(message)s</div>
<p><a href="%(prefix)s/">Back to the start page</a></p>
</body>
</html>
"""
"""The page an error controller fills with ``prefix`` (the application's
``SCRIPT_NAME``), ``code`` and ``message`` (HTML) to show an error.  It has
no inline style, which a Content-Security-Policy would block: its
stylesheet is the project's ``public/style.css``."""

#: The directory of the stock images (``img/``) and style (``style/``) of
#: error pages; a Pylons 1.0 error controller serves them at
#: ``/error/img/NAME`` and ``/error/style/NAME``.
media_path = os.path.join(os.path.dirname(__file__), "media")

head_html = """\
<link rel="stylesheet" href="%(prefix)s/error/style/orange.css" type="text/css">
<link rel="icon" href="%(prefix)s/error/img/icon-16.png" type="image/png">
"""
"""What an error page puts in its ``<head>`` to use the stock style; fill
``prefix`` (the application's ``SCRIPT_NAME``) as for
:data:`error_document_template`."""

footer_html = (
    """\
<div class="footer credits">Pylons %s</div>
"""
    % pylons.__version__
)
"""What an error page puts at its end: the Pylons version."""


class LoggingReporter:
    """A backlash reporter that logs each traceback as an error record.

    The record carries the exception as its ``exc_info``, so that the
    log's formatter writes the traceback as it writes every other (a JSON
    formatter in a field of its own).  With ``error_log`` set, the
    traceback is also appended to that file.
    """

    def __init__(self, error_log: str | None = None) -> None:
        self.error_log = error_log

    def report(self, traceback: Any) -> None:
        log.error(
            "Error while serving %s",
            _request_url(traceback.context.get("environ", {})),
            exc_info=traceback.exc_info,
        )
        if self.error_log:
            with open(self.error_log, "a", encoding="utf-8") as logfile:
                logfile.write(traceback.plaintext + "\n")


def _request_url(environ: WSGIEnvironment) -> str:
    return (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")) or "?"


def ErrorHandler(
    app: WSGIApplication, global_conf: dict[str, Any], **errorware: Any
) -> WSGIApplication:
    """Wrap ``app`` in the error middleware ``debug`` asks for.

    ``errorware`` is the ``pylons.errorware`` dictionary of the
    application's configuration; its ``debug`` overrides the global one.
    A request whose ``environ['paste.throw_errors']`` is set (WebTest sets
    it) bypasses it: its exceptions reach the caller, a test.
    """
    debug = asbool(errorware.get("debug", global_conf.get("debug", False)))
    if debug:
        return ThrowErrors(app, _debugger(app, evalex=True))
    reporters = [LoggingReporter(errorware.get("error_log"))]
    if errorware.get("error_email"):
        reporters.append(EmailReporter(**errorware))
    return PlainErrorPage(app, reporters, errorware.get("error_message"))


class PlainErrorPage:
    """With debug off: a plain 500 page for an exception, which is reported.

    Each reporter (the log, the ``error_log`` file, mail) gets backlash's
    traceback of it; nothing is written to the server's ``wsgi.errors``
    stream besides, as the log has it once already (a server logging to
    its standard error would write it twice, the second time not in the
    log's format).  The page says ``error_message`` and nothing of the
    error.  Nothing is done for a request that goes well, beyond watching
    a streamed body, which may still fail once the application returned.
    As :class:`ThrowErrors` does, it lets requests that ask for their
    errors by.
    """

    def __init__(
        self,
        app: WSGIApplication,
        reporters: Sequence[Any],
        error_message: str | None = None,
    ) -> None:
        self.app = app
        self.reporters = reporters
        self.page = _plain_500_page(
            error_message or "An internal server error occurred"
        )

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Run the application; an exception gets the 500 page."""
        if environ.get("paste.throw_errors"):
            return self.app(environ, start_response)
        try:
            app_iter = self.app(environ, start_response)
        except Exception:
            return self.failed(environ, start_response)
        if isinstance(app_iter, (list, tuple)):
            return app_iter
        return self.watched(app_iter, environ, start_response)

    def watched(
        self,
        app_iter: Iterable[bytes],
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterator[bytes]:
        """Send a streamed body; an exception on the way is reported too."""
        try:
            try:
                yield from app_iter
            finally:
                _close(app_iter)
        except Exception:
            yield from self.failed(environ, start_response)

    def failed(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> list[bytes]:
        """Report the exception being handled; answer with the 500 page.

        Once headers were sent, ``start_response`` raises it again, as
        WSGI has it, for the server to end the response.
        """
        exc_info = sys.exc_info()
        traceback = get_current_traceback(
            skip=1, context=RequestContext({"environ": dict(environ)})
        )
        for reporter in self.reporters:
            try:
                reporter.report(traceback)
            except Exception:
                log.exception("Could not report the error with %r", reporter)
        start_response(
            "500 Internal Server Error",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(self.page))),
            ],
            exc_info,
        )
        return [self.page]


def _plain_500_page(message: str) -> bytes:
    """The 500 page's bytes, saying ``message``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        "<title>500 Internal Server Error</title></head>\n<body>\n"
        "<h1>Internal Server Error</h1>\n<p>%s</p>\n</body>\n</html>\n"
        % html.escape(message)
    ).encode("utf-8")


class ThrowErrors:
    """Lets requests that ask for their errors (paste.throw_errors) by."""

    def __init__(self, app: WSGIApplication, handler: WSGIApplication) -> None:
        self.app = app
        self.handler = handler

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """The debugger, unless the request asks for its errors."""
        if environ.get("paste.throw_errors"):
            return self.app(environ, start_response)
        return self.handler(environ, start_response)


def debugger_filter_factory(
    global_conf: dict[str, Any], **kwargs: Any
) -> Callable[[WSGIApplication], WSGIApplication]:
    """Paste Deploy ``filter_factory`` for the interactive debugger."""

    def filter(app: WSGIApplication) -> WSGIApplication:
        return debugger_filter_app_factory(app, global_conf, **kwargs)

    return filter


def debugger_filter_app_factory(
    app: WSGIApplication, global_conf: dict[str, Any], **kwargs: Any
) -> WSGIApplication:
    """Paste Deploy ``filter_app_factory`` for the interactive debugger.

    ``evalex`` (default true) allows evaluating code in the page's frames.
    Like :func:`ErrorHandler`, it lets ``paste.throw_errors`` requests by.
    """
    return ThrowErrors(app, _debugger(app, evalex=asbool(kwargs.get("evalex", True))))


def _debugger(app: WSGIApplication, evalex: bool) -> WSGIApplication:
    """backlash's debugger, for local requests only and without its console.

    Whoever reaches the debugger can run code on the server: a request from
    another machine, or through a name that is not local (a DNS rebinding
    page in a local browser), passes straight to ``app``, and there is no
    standalone console at ``/__console__``.
    """
    return DebuggedApplication(
        app, evalex=evalex, console_path=None, allow_debug=local_request
    )


def local_request(environ: WSGIEnvironment) -> bool:
    """Whether the request comes from this machine, to a local host name.

    Both the client's address (``REMOTE_ADDR``) and the ``Host`` the
    browser asked for must be loopback (``localhost``, ``127.0.0.1``,
    ``[::1]``, with any port).
    """
    try:
        hostname = urlsplit("//" + environ.get("HTTP_HOST", "")).hostname
        return _loopback(environ.get("REMOTE_ADDR", "")) and (
            hostname == "localhost" or _loopback(hostname or "")
        )
    except ValueError:  # a Host that is no host name at all
        return False


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _content_security_policy(image_sources: Sequence[str] = ()) -> str:
    """The default policy, allowing images from ``image_sources`` too."""
    return (
        "default-src 'self'; img-src %s; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        % " ".join(["'self'", *image_sources])
    )


#: The headers :class:`SecurityHeaders` sends when the configuration names
#: no others: no script, style, image or plugin from elsewhere nor inline
#: (an image from another site would tell it who reads the page), no
#: framing, no sniffing of content types, no referrer to other sites.
default_security_headers = {
    "Content-Security-Policy": _content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

#: What a site served over HTTPS only (``pylons.https``) also sends.
_HTTPS_HEADERS = {"Strict-Transport-Security": "max-age=31536000"}

#: With ``debug`` on, backlash's debugger page runs its inline script and
#: style.
_DEBUG_SOURCES = "; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"


class SecurityHeaders:
    """Add the headers a public site sends to every response.

    ``config`` is the application's configuration.  The headers are
    :data:`default_security_headers`, plus ``Strict-Transport-Security``
    when ``pylons.https`` is true; ``pylons.image_sources`` (origins such
    as ``https://images.example.org``, separated by spaces) adds the sites
    whose images the default policy allows; each
    ``security_headers.NAME = VALUE`` setting sets the header ``NAME``
    (underscores for dashes: ``security_headers.content_security_policy``),
    an empty value leaves it out.  With ``debug`` on, the default policy
    allows inline script and style, for the debugger's page.  A header the
    application set itself is left as it is.  Put it outermost in the
    stack, so static files and error pages get the headers too.
    """

    prefix = "security_headers."

    def __init__(self, app: WSGIApplication, config: Mapping[str, Any]) -> None:
        self.app = app
        headers = dict(default_security_headers)
        headers["Content-Security-Policy"] = _content_security_policy(
            config.get("pylons.image_sources", "").split()
        )
        if asbool(config.get("debug", False)):
            headers["Content-Security-Policy"] += _DEBUG_SOURCES
        if asbool(config.get("pylons.https", False)):
            headers.update(_HTTPS_HEADERS)
        for key, value in config.items():
            if key.startswith(self.prefix):
                headers[_header_name(key[len(self.prefix) :])] = value.strip()
        self.headers = [(name, value) for name, value in headers.items() if value]
        self.names = frozenset(name.lower() for name, _value in self.headers)
        #: Names of the application's headers that are none of ours, as
        #: spelled: an answer with only such names needs no other check.
        self.others: frozenset[str] = frozenset()

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Run the application, our headers added as its answer starts."""

        def add_headers(
            status: str,
            headers: list[tuple[str, str]],
            exc_info: OptExcInfo | None = None,
        ) -> Callable[[bytes], object]:
            if self.others.issuperset(map(_name_of, headers)):
                # None of ours: the common answer, at once.
                return start_response(status, [*headers, *self.headers], exc_info)
            return start_response(status, self.added_to(headers), exc_info)

        return self.app(environ, add_headers)

    def added_to(self, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """``headers`` and those of ours the application did not set."""
        set_here = {name.lower(): name for name, _value in headers}
        if len(self.others) < _OTHER_NAMES_KEPT:
            self.others |= {
                name for lowered, name in set_here.items() if lowered not in self.names
            }
        return [
            *headers,
            *(header for header in self.headers if header[0].lower() not in set_here),
        ]


#: The name of a ``(name, value)`` header.
_name_of = operator.itemgetter(0)

#: How many spellings of other header names SecurityHeaders keeps, at most.
_OTHER_NAMES_KEPT = 64


def _header_name(setting: str) -> str:
    """``content_security_policy`` as ``Content-Security-Policy``."""
    return "-".join(word.capitalize() for word in setting.split("_"))


def _consume(app_iter: Iterable[bytes]) -> bytes:
    """The whole body of ``app_iter``, which is then closed."""
    try:
        return b"".join(app_iter)
    finally:
        _close(app_iter)


def may_have_fields(environ: WSGIEnvironment) -> bool:
    """Whether the request may bring fields: a query string, or a body that
    WebOb reads as a form, which any POST and any request that says its
    content type may have.  Without them its ``params`` are empty, and
    code that looks through them can skip the work of making them.
    """
    return bool(
        environ.get("QUERY_STRING")
        or environ.get("CONTENT_TYPE")
        or environ.get("REQUEST_METHOD") == "POST"
    )


class RequestDecoding:
    """Answer a request whose query string or form cannot be decoded, at once.

    Middleware reads the form before any controller does (Routes, for its
    ``_method`` override) and fails on a form it cannot parse.  This reads
    the query string and the form first, as
    :class:`pylons.controllers.util.Request` does, and answers one it
    cannot read with that request's ``400 Bad Request`` or ``415
    Unsupported Media Type`` (kept in ``environ['pylons.controller.
    exception']``, as a controller's ``abort`` is).  WebOb keeps the parsed
    form in the environ, so it is parsed once.  Put it just outside
    ``RoutesMiddleware``.  A request that :func:`may_have_fields` says
    has none has nothing to decode, and passes straight through.
    """

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Decode what the request has to decode, then run the application."""
        if may_have_fields(environ):
            return self.decoded(environ, start_response)
        return self.app(environ, start_response)

    def decoded(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Read the query string and form; a 4xx answer if they cannot be."""
        request = PylonsRequest(environ)
        try:
            # Read for the error reading raises; WebOb keeps what it parsed.
            request.GET  # noqa: B018
            # A body of unknown length is no form; reading it would give it
            # a length of 0, and hide its lack from an RPC controller's 411.
            if request.is_body_readable:
                request.POST  # noqa: B018
        except HTTPException as exc:
            environ["pylons.controller.exception"] = exc
            return exc(environ, start_response)
        return self.app(environ, start_response)


class RoutesMiddleware(routes_middleware.RoutesMiddleware):
    """Routes' ``RoutesMiddleware``, with less work for each request.

    It takes the same arguments and leaves the same in the environ: the
    match in ``wsgiorg.routing_args`` (after the URL generator), the route
    in ``routes.route``, the URL generator in ``routes.url``.  A ``_method``
    in the query string, or else in a POSTed form, is the method the
    routes see; a redirect route's redirect is the answer; a route's
    ``path_info`` variable becomes ``PATH_INFO``, the path before it joining
    ``SCRIPT_NAME``.  The route is found by the mapper's routes compiled
    into one expression (:class:`pylons.routing.CompiledRoutes`), and the
    URL generator is :class:`pylons.routing.URLGenerator`, which
    remembers the URLs the requests' generators made, in :attr:`urls`.
    Where Routes' own ends every request by clearing the mapper's
    thread-local environ, which it never set without ``singleton`` (an
    exception raised and caught each time), this does nothing more.  With
    ``singleton`` (Routes' default, which sets that environ) it is
    Routes' own.  With ``pylons.canonical_url`` set, a qualified URL
    (``url(..., qualified=True)``) has its scheme and host, not those of
    the request's ``Host`` header, which the client chose.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.compiled: CompiledRoutes | None = None
        #: The URLs the URL generators of the requests made, shared by them.
        self.urls: dict[Any, str] = {}
        canonical = urlsplit(pylons.config.get("pylons.canonical_url") or "")
        #: What qualified URLs take from the canonical URL, if any.
        self.canonical = (
            {"wsgi.url_scheme": canonical.scheme, "HTTP_HOST": canonical.netloc}
            if canonical.netloc
            else None
        )

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Match the request's path, leave the result in the environ, go on."""
        if self.singleton:
            return super().__call__(environ, start_response)
        match, route = self.match(environ)
        url = URLGenerator(
            self.mapper,
            environ if self.canonical is None else {**environ, **self.canonical},
            self.urls,
        )
        environ["wsgiorg.routing_args"] = (url, match)
        environ["routes.route"] = route
        environ["routes.url"] = url
        if route is not None and route.redirect:
            return self.redirect(route, url, match, start_response)
        if self.path_info and "path_info" in match:
            _move_path_info(environ, match["path_info"] or "")
        return self.app(environ, start_response)

    def match(self, environ: WSGIEnvironment) -> tuple[dict[str, Any], Any]:
        """The matching route's variables ({} if none) and the route (or None)."""
        method = None
        if self.use_method_override and (
            # What method_override reads: no need to ask it otherwise.
            "_method" in environ.get("QUERY_STRING", "")
            or environ["REQUEST_METHOD"] == "POST"
        ):
            method = self.method_override(environ)
        if method:
            request_method = environ["REQUEST_METHOD"]
            environ["REQUEST_METHOD"] = method.upper()
            try:
                found = self.routematch(environ)
            finally:
                environ["REQUEST_METHOD"] = request_method
        else:
            found = self.routematch(environ)
        # The mapper in debug mode adds its log as a third item.
        match, route = (found[0], found[1]) if found else (None, None)
        if self.log_debug:  # Routes' logger, at debug level when the app began
            routes_middleware.log.debug(
                "%s %s: route %r, %r",
                environ["REQUEST_METHOD"],
                environ["PATH_INFO"],
                getattr(route, "routepath", None),
                match,
            )
        return match or {}, route

    def routematch(self, environ: WSGIEnvironment) -> Any:
        """The mapper's ``routematch`` of the request, by its compiled routes,
        the values taken from the path decoded as text.

        They are compiled again when Routes has made its expressions anew;
        Routes itself matches whenever they cannot say.
        """
        mapper = self.mapper
        compiled = self.compiled
        if compiled is None or compiled.source is not vars(mapper).get(
            "_prefix2routes"
        ):
            compiled = self.compiled = CompiledRoutes.of(mapper)
        if compiled is not None:
            found = compiled.match(environ["PATH_INFO"], environ)
            if found is not UNSURE:
                return found
        found = mapper.routematch(environ=environ)
        if found and found[0]:
            found = (decoded_path_values(found[0], found[1]), *found[1:])
        return found

    def method_override(self, environ: WSGIEnvironment) -> str | None:
        """The ``_method`` the query string, or else a POSTed form, asks for."""
        if "_method" in environ.get("QUERY_STRING", ""):
            return _request_value(environ, "GET")
        if environ["REQUEST_METHOD"] == "POST" and routes_middleware.is_form_post(
            environ
        ):
            return _request_value(environ, "POST")
        return None

    def redirect(
        self,
        route: Any,
        url: URLGenerator,
        match: dict[str, Any],
        start_response: StartResponse,
    ) -> list[bytes]:
        """Answer with the redirect of a redirect route (``mapper.redirect``)."""
        location = url("_redirect_%s" % id(route), **match)
        start_response(
            route.redirect_status,
            [("Content-Type", "text/plain; charset=utf8"), ("Location", location)],
        )
        return []


def _request_value(environ: WSGIEnvironment, source: str) -> str | None:
    """``_method`` of the request's ``GET`` or ``POST``; None if undecodable
    or not text (a file upload)."""
    try:
        value = getattr(Request(environ), source).get("_method")
    except UnicodeDecodeError:
        return None
    return value if isinstance(value, str) else None


def _move_path_info(environ: WSGIEnvironment, path_info: str) -> None:
    """Make ``path_info`` the PATH_INFO; the path before it joins SCRIPT_NAME."""
    old_path = environ["PATH_INFO"]
    environ["PATH_INFO"] = path_info if path_info.startswith("/") else "/" + path_info
    environ["SCRIPT_NAME"] += re.sub(
        "^(.*?)/%s$" % re.escape(path_info), r"\1", old_path
    )


class SessionMiddleware(beaker_middleware.SessionMiddleware):
    """Beaker's ``SessionMiddleware``, without Beaker's own global.

    It takes the same arguments (the ``beaker.session.*`` settings) and
    does the same for each request: the session, made when first used,
    in ``environ['beaker.session']`` (``pylons.session``), saved as the
    answer starts if it was used, with its cookie.  An answer made with
    the session depends on it: it is made private (``Cache-Control:
    private``, no ``public`` nor ``s-maxage``) and varies on ``Cookie``,
    so that no shared cache gives it to another visitor.  Reading a value of
    the session (``get``, ``pop``) of a request that brought no session
    cookie does not make it: it would be new, and hold nothing.  Beaker's
    also registers the session on its own ``paste.registry`` global
    (``beaker.middleware.SessionMiddleware.session``) for every request,
    which Pylons never reads: this one does not.
    """

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Give the request its session; save it as the answer starts."""
        session = _LazySession(environ, self.options)
        environ[self.environ_key] = session
        environ["beaker.get_session"] = self._get_session
        testing = environ.get("paste.testing_variables")
        if testing is not None and "webtest_varname" in self.options:
            testing[self.options["webtest_varname"]] = session

        def start_saved(
            status: str,
            headers: list[tuple[str, str]],
            exc_info: OptExcInfo | None = None,
        ) -> Callable[[bytes], object]:
            if session.accessed():
                session.persist()
                cookie = session.request.get("cookie_out")
                if cookie and session.request.get("set_cookie"):
                    headers.append(("Set-Cookie", cookie))
                headers = _private(headers)
            return start_response(status, headers, exc_info)

        return self.wrap_app(environ, start_saved)


def _private(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``headers`` of an answer that depends on the session: for this
    visitor's cache alone, and varying on the session's cookie."""
    kept = []
    directives = []
    varies: list[str] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == "cache-control":
            directives += [part.strip() for part in value.split(",") if part.strip()]
        elif lowered == "vary":
            varies += [part.strip() for part in value.split(",") if part.strip()]
        else:
            kept.append((name, value))
    directives = [
        directive
        for directive in directives
        if _directive_name(directive) not in ("public", "s-maxage")
    ]
    if not {"private", "no-store"} & set(map(_directive_name, directives)):
        directives.append("private")
    if not {"*", "cookie"} & {header.lower() for header in varies}:
        varies.append("Cookie")
    return kept + [
        ("Cache-Control", ", ".join(directives)),
        ("Vary", ", ".join(varies)),
    ]


def _directive_name(directive: str) -> str:
    """The name of a ``Cache-Control`` directive (``max-age=60``: max-age)."""
    return directive.split("=", 1)[0].strip().lower()


class _LazySession(SessionObject):
    """Beaker's session made when first used, made without copying settings.

    Beaker's ``SessionObject`` copies the middleware's settings for each
    request, into the attributes it keeps; these are the same, but for
    the settings, which are the middleware's own (nothing changes them).
    Reading it with :meth:`get` or :meth:`pop` when the request brought no
    session cookie gives the default without making the session: a new
    session holds nothing yet.
    """

    def __init__(self, environ: WSGIEnvironment, params: dict[str, Any]) -> None:
        held = self.__dict__
        held["_params"] = params
        held["_environ"] = environ
        held["_sess"] = None
        held["_headers"] = {}

    def get(self, key: str, default: Any = None) -> Any:
        """The session's value of ``key``, or ``default``."""
        if self._new_and_unmade():
            return default
        return self._session().get(key, default)

    def pop(self, key: str, *default: Any) -> Any:
        """Remove ``key`` from the session; its value, or ``default``."""
        if default and self._new_and_unmade():
            return default[0]
        return self._session().pop(key, *default)

    def _new_and_unmade(self) -> bool:
        """Whether the session is not made yet and would be new: the
        request brought no cookie of its name (nor is it given an id)."""
        held = self.__dict__
        if held["_sess"] is not None or "id" in held["_params"]:
            return False
        cookies = held["_environ"].get("HTTP_COOKIE")
        # A cookie of another name that holds this one's is no harm: the
        # session is made, and found new.
        return not cookies or held["_params"]["key"] + "=" not in cookies


class CacheMiddleware(beaker_middleware.CacheMiddleware):
    """Beaker's ``CacheMiddleware``, without Beaker's own global.

    The application's cache manager is in ``environ['beaker.cache']``
    (``pylons.cache``) for each request; Beaker's also registers it on
    its own ``paste.registry`` global for every request, which Pylons
    never reads: this one does not.
    """

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Give the request the cache manager, and go on."""
        environ[self.environ_key] = self.cache_manager
        return self.app(environ, start_response)


class RegistryManager(paste_registry.RegistryManager):
    """Paste's ``RegistryManager``, which opens a registry context per request.

    The ``pylons`` globals are registered in it; it is closed once the
    answer is done.  With ``streaming``, Paste's runs the whole application
    in a generator, only as the body is first read, and so every layer
    outside it gets an answer not started yet, which it must start itself
    to see the status.  This one runs the application when called, and
    closes the context at once for a body given whole (a list or tuple),
    after a body the application streams has been read or closed; that
    body's own ``close`` is called too, as WSGI asks.  An exception is
    kept for Paste's EvalException (``paste.evalexception``) as Paste's
    does.  Without ``streaming`` it is Paste's own.
    """

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Run the application in a registry context of its own."""
        if not self.streaming:
            return super().__call__(environ, start_response)
        registry = environ.get("paste.registry")
        if registry is None:
            registry = environ["paste.registry"] = _Registry()
        else:
            registry.prepare()
        try:
            app_iter = self.application(environ, start_response)
        except BaseException as exc:
            _keep_for_debugger(environ, exc)
            registry.cleanup()
            raise
        if isinstance(app_iter, (list, tuple)):
            registry.cleanup()
            return app_iter
        return _RegisteredBody(app_iter, environ, registry)


class _Registry(paste_registry.Registry):
    """Paste's registry, made with its first context open, which closes a
    context with less work."""

    def __init__(self) -> None:
        self.reglist: list[dict[int, Any]] = [{}]

    def cleanup(self) -> None:
        """Unregister what the last context opened registered, and close it."""
        for stacked, obj in self.reglist[-1].values():
            stacked._pop_object(obj)
        self.reglist.pop()


class _RegisteredBody:
    """A streamed body whose registry context closes when it is read or closed.

    ``close`` works even if the body was never read (a generator would run
    no ``finally`` then), and only once.
    """

    def __init__(
        self,
        app_iter: Iterable[bytes],
        environ: WSGIEnvironment,
        registry: paste_registry.Registry,
    ) -> None:
        self.app_iter = app_iter
        self.environ = environ
        self.registry: paste_registry.Registry | None = registry

    def __iter__(self) -> Iterator[bytes]:
        """The body's items; then the body and the registry context closed."""
        try:
            yield from self.app_iter
        except BaseException as exc:
            _keep_for_debugger(self.environ, exc)
            raise
        finally:
            self.close()

    def close(self) -> None:
        """Close the body and the registry context, the first time only."""
        registry, self.registry = self.registry, None
        if registry is not None:
            try:
                _close(self.app_iter)
            finally:
                registry.cleanup()


def _keep_for_debugger(environ: WSGIEnvironment, exc: BaseException) -> None:
    """Let Paste's EvalException see the request's globals after ``exc``.

    It asks for that with ``paste.evalexception``, and leaves out the
    exceptions it expects (``paste.expected_exceptions``).
    """
    expected = tuple(environ.get("paste.expected_exceptions", ()))
    if (
        environ.get("paste.evalexception")
        and isinstance(exc, Exception)
        and not isinstance(exc, expected)
    ):
        paste_registry.restorer.save_registry_state(environ)


class StatusCodeRedirect:
    """Show the application's error document for the listed statuses.

    When the wrapped application answers with a status in ``errors``, the
    request is run again, as a GET of ``path``, with the original request
    and response in ``environ['pylons.original_request']`` and
    ``environ['pylons.original_response']``.  The error document is sent
    with the original status, and with the original's cookies,
    ``WWW-Authenticate``, ``Allow`` and ``Retry-After``; a cookie that both
    set has the document's value.
    An application that sets ``environ['pylons.status_code_redirect']``
    keeps its own error page.

    Other answers pass through as they come: only the status is looked at,
    in ``start_response``.
    """

    #: Headers of the original response the error document must keep.
    kept_headers = ("Set-Cookie", "WWW-Authenticate", "Allow", "Retry-After")

    def __init__(
        self,
        app: WSGIApplication,
        errors: Iterable[int] = (400, 401, 403, 404),
        path: str = "/error/document",
    ) -> None:
        self.app = app
        self.errors = frozenset(errors)
        #: The same, as the beginnings of status lines ("404").
        self._error_codes = frozenset("%03d" % code for code in self.errors)
        self.error_path = path

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Run the application; a listed status gets the error document."""
        caught: tuple[str, list[tuple[str, str]], list[bytes]] | None = None
        started = False

        def start_or_catch(
            status: str,
            headers: list[tuple[str, str]],
            exc_info: OptExcInfo | None = None,
        ) -> Callable[[bytes], object]:
            nonlocal caught, started
            started = True
            if status[:3] in self._error_codes:
                caught = (status, headers, [])
                return caught[2].append
            return start_response(status, headers, exc_info)

        app_iter = self.app(environ, start_or_catch)
        if not started:
            app_iter = _started(app_iter)
        if caught is None:
            return app_iter
        status, headers, written = caught
        if environ.get("pylons.status_code_redirect"):
            start_response(status, headers)
            return written + [_consume(app_iter)]
        return self.error_document(
            environ,
            start_response,
            status,
            headers,
            b"".join(written) + _consume(app_iter),
        )

    def error_document(
        self,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
    ) -> Iterable[bytes]:
        """Answer with the error document for the original answer given."""
        original = Response(status=status, headerlist=list(headers))
        original.body = body
        document = Request(self._error_environ(environ, original)).get_response(
            self.app
        )
        document.status = status
        # The original's headers go first: where both set a cookie, the
        # client keeps the document's, which was made later (say a form
        # token in a session that the original request found broken).
        document.headerlist[:0] = [
            (name, value)
            for name in self.kept_headers
            for value in original.headers.getall(name)
        ]
        return document(environ, start_response)

    def _error_environ(
        self, environ: WSGIEnvironment, original: Response
    ) -> WSGIEnvironment:
        """The environ of a GET of the error document, for ``original``."""
        error_environ = dict(environ)
        error_environ.update(
            {
                "PATH_INFO": self.error_path,
                "REQUEST_METHOD": "GET",
                "QUERY_STRING": "",
                "CONTENT_LENGTH": "0",
                "wsgi.input": io.BytesIO(),
                "pylons.original_request": Request(environ),
                "pylons.original_response": original,
            }
        )
        error_environ.pop("CONTENT_TYPE", None)
        return error_environ


def _started(app_iter: Iterable[bytes]) -> Iterable[bytes]:
    """``app_iter`` with its first item taken, so ``start_response`` was called.

    For applications that start their response only as their body is
    read.
    """
    iterator = iter(app_iter)
    try:
        first = [next(iterator)]
    except StopIteration:
        first = []
    except BaseException:
        _close(app_iter)
        raise
    return _Chained(first, iterator, app_iter)


class _Chained:
    """The items taken first, then the rest; closing closes the original."""

    def __init__(
        self, first: list[bytes], rest: Iterator[bytes], original: Iterable[bytes]
    ) -> None:
        self.first = first
        self.rest = rest
        self.original = original

    def __iter__(self) -> Iterator[bytes]:
        """The items taken first, then the rest of the original's."""
        yield from self.first
        yield from self.rest

    def close(self) -> None:
        """Close the original body."""
        _close(self.original)


def _close(app_iter: object) -> None:
    """Close ``app_iter`` if it can be, as WSGI asks of whoever ends it."""
    close = getattr(app_iter, "close", None)
    if close is not None:
        close()
