"""The middleware of a Pylons stack that deals with errors.

:class:`RequestDecoding` answers requests that cannot be decoded with
400 or 415.  :func:`ErrorHandler` catches what the application raises:
with ``debug`` on it shows backlash's interactive debugger, with it off a
plain 500 page, while the traceback is logged and, when ``email_to`` is
set, mailed.
:class:`StatusCodeRedirect` answers error statuses with the application's
own error document.  :func:`debugger_filter_factory` and
:func:`debugger_filter_app_factory` put the debugger in a Paste Deploy
pipeline.  :data:`media_path` is the directory of Pylons' stock error-page
images and style, which Pylons 1.0 error controllers serve; :data:`head_html`
and :data:`footer_html` are fragments of HTML for error pages using them.
"""
import io
import logging
import os

from backlash import DebuggedApplication, TraceErrorsMiddleware
from backlash.tracing.reporters.mail import EmailReporter
from paste.deploy.converters import asbool
from webob import Request
from webob.exc import HTTPException

import pylons
from pylons.controllers.util import Request as PylonsRequest

__all__ = [
    "ErrorHandler", "RequestDecoding", "StatusCodeRedirect",
    "debugger_filter_app_factory", "debugger_filter_factory",
    "error_document_template", "footer_html", "head_html", "media_path",
]

log = logging.getLogger(__name__)

error_document_template = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%(code)s</title>
<style>
body { font-family: sans-serif; margin: 3em auto; max-width: 40em;
       color: #333; }
h1 { font-size: 2.5em; color: #a33; margin-bottom: 0.2em; }
.message { border-top: 1px solid #ccc; padding-top: 1em; }
a { color: #36c; }
</style>
</head>
<body>
<h1>Error %(code)s</h1>
<div class="message">%(message)s</div>
<p><a href="%(prefix)s/">Back to the start page</a></p>
</body>
</html>
"""
"""The page an error controller fills with ``prefix`` (the application's
``SCRIPT_NAME``), ``code`` and ``message`` (HTML) to show an error."""

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

footer_html = """\
<div class="footer credits">Pylons %s</div>
""" % pylons.__version__
"""What an error page puts at its end: the Pylons version."""


class LoggingReporter:
    """A backlash reporter that logs each traceback as an error record.

    With ``error_log`` set, the traceback is also appended to that file.
    """

    def __init__(self, error_log=None):
        self.error_log = error_log

    def report(self, traceback):
        log.error("Error while serving %s:\n%s",
                  _request_url(traceback.context.get("environ", {})),
                  traceback.plaintext)
        if self.error_log:
            with open(self.error_log, "a", encoding="utf-8") as logfile:
                logfile.write(traceback.plaintext + "\n")


def _request_url(environ):
    return (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")) or "?"


def ErrorHandler(app, global_conf, **errorware):
    """Wrap ``app`` in the error middleware ``debug`` asks for.

    ``errorware`` is the ``pylons.errorware`` dictionary of the
    application's configuration; its ``debug`` overrides the global one.
    A request whose ``environ['paste.throw_errors']`` is set (WebTest sets
    it) bypasses it: its exceptions reach the caller, a test.
    """
    debug = asbool(errorware.get("debug", global_conf.get("debug", False)))
    if debug:
        handler = DebuggedApplication(app, evalex=True)
    else:
        reporters = [LoggingReporter(errorware.get("error_log"))]
        if errorware.get("error_email"):
            reporters.append(EmailReporter(**errorware))
        handler = TraceErrorsMiddleware(app, reporters=reporters,
                                        context_injectors=[])
    return ThrowErrors(app, handler)


class ThrowErrors:
    """Lets requests that ask for their errors (paste.throw_errors) by."""

    def __init__(self, app, handler):
        self.app = app
        self.handler = handler

    def __call__(self, environ, start_response):
        if environ.get("paste.throw_errors"):
            return self.app(environ, start_response)
        return self.handler(environ, start_response)


def debugger_filter_factory(global_conf, **kwargs):
    """Paste Deploy ``filter_factory`` for the interactive debugger."""
    def filter(app):
        return debugger_filter_app_factory(app, global_conf, **kwargs)
    return filter


def debugger_filter_app_factory(app, global_conf, **kwargs):
    """Paste Deploy ``filter_app_factory`` for the interactive debugger.

    ``evalex`` (default true) allows evaluating code in the page's frames.
    Like :func:`ErrorHandler`, it lets ``paste.throw_errors`` requests by.
    """
    return ThrowErrors(app, DebuggedApplication(
        app, evalex=asbool(kwargs.get("evalex", True))))


def _consume(app_iter):
    try:
        return b"".join(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            close()


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
    ``RoutesMiddleware``.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request = PylonsRequest(environ)
        try:
            request.GET
            request.POST
        except HTTPException as exc:
            environ["pylons.controller.exception"] = exc
            return exc(environ, start_response)
        return self.app(environ, start_response)


class StatusCodeRedirect:
    """Show the application's error document for the listed statuses.

    When the wrapped application answers with a status in ``errors``, the
    request is run again, as a GET of ``path``, with the original request
    and response in ``environ['pylons.original_request']`` and
    ``environ['pylons.original_response']``.  The error document is sent
    with the original status, and with the original's cookies and
    ``WWW-Authenticate``.  An application that sets
    ``environ['pylons.status_code_redirect']`` keeps its own error page.
    """

    #: Headers of the original response the error document must keep.
    kept_headers = ("Set-Cookie", "WWW-Authenticate", "Allow")

    def __init__(self, app, errors=(400, 401, 403, 404), path="/error/document"):
        self.app = app
        self.errors = tuple(errors)
        self.error_path = path

    def __call__(self, environ, start_response):
        request = Request(environ)
        status, headers, app_iter, exc_info = request.call_application(
            self.app, catch_exc_info=True)
        code = int(status.split(None, 1)[0])
        if code not in self.errors or environ.get("pylons.status_code_redirect"):
            start_response(status, headers, exc_info)
            return app_iter
        original = request.ResponseClass(status=status, headerlist=headers)
        original.body = _consume(app_iter)
        document = Request(self._error_environ(environ, original)).get_response(
            self.app)
        document.status = status
        for name in self.kept_headers:
            for value in original.headers.getall(name):
                document.headers.add(name, value)
        return document(environ, start_response)

    def _error_environ(self, environ, original):
        error_environ = dict(environ)
        error_environ.update({
            "PATH_INFO": self.error_path,
            "REQUEST_METHOD": "GET",
            "QUERY_STRING": "",
            "CONTENT_LENGTH": "0",
            "wsgi.input": io.BytesIO(),
            "pylons.original_request": Request(environ),
            "pylons.original_response": original,
        })
        error_environ.pop("CONTENT_TYPE", None)
        return error_environ
