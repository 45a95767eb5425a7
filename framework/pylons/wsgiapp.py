"""The Pylons WSGI application: from a routed request to a controller.

:class:`PylonsApp` sits innermost in an application's middleware stack.
For each request it builds the request-local objects, registers them as
the ``pylons`` globals, reads the route RoutesMiddleware matched, finds
the controller it names and calls it.  Each step is a method, so an
application can subclass and override any one of them.  Under WebTest
(or paste.fixture), ``GET /_test_vars`` answers with an id under which
Paste's registry restorer keeps the request's globals, as Pylons 1.0's
test set-up used.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable
from gettext import NullTranslations
from typing import TYPE_CHECKING, Any

from paste.registry import restorer
from paste.util.import_string import eval_import
from routes.util import URLGenerator
from webob.exc import HTTPNotFound

from pylons.configuration import PylonsConfig
from pylons.configuration import config as pylons_config
from pylons.context import (
    REQUEST_OBJECTS,
    PylonsContext,
    context,
    request_objects,
)
from pylons.controllers.util import Request, Response
from pylons.i18n.translation import _get_translator
from pylons.util import (
    AttribSafeContextObj,
    ContextObj,
    class_name_from_module_name,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["PylonsApp"]

log = logging.getLogger(__name__)

#: A controller name routed from the URL must look like a module path;
#: anything else (dots, colons) could name arbitrary importable code.
_CONTROLLER_NAME = re.compile(r"^[A-Za-z_]\w*(/[A-Za-z_]\w*)*$")


class PylonsApp:
    """The WSGI application at the core of a Pylons project.

    ``config`` is the project's :class:`~pylons.configuration.PylonsConfig`
    (by default, whatever ``pylons.config`` currently is).
    """

    def __init__(self, config: PylonsConfig | None = None, **kwargs: Any) -> None:
        self.config = config if config is not None else pylons_config._current_obj()
        self.package_name = self.config["pylons.package"]
        self.helpers = self.config["pylons.h"]
        self.globals = self.config["pylons.app_globals"]
        self.environ_config = self.config["pylons.environ_config"]
        self.request_options = self.config["pylons.request_options"]
        self.response_options = self.config["pylons.response_options"]
        if self.config["pylons.strict_tmpl_context"]:
            self.context_class = ContextObj
        else:
            self.context_class = AttribSafeContextObj
        self.controller_classes: dict[str, Any] = {}
        self._response_headerlist, self._response_charset = _response_start(
            self.response_options
        )
        # What every request's PylonsContext starts with (the app's own
        # objects, and the makers of the request's) is its class's: setting
        # a request's up is then making one object.
        start: dict[str, Any] = {
            obj.name: getattr(self, "make_" + obj.name)()
            for obj in REQUEST_OBJECTS
            if not obj.per_request
        }
        start["_makers"] = {
            obj.name: getattr(self, "make_" + obj.name)
            for obj in REQUEST_OBJECTS
            if obj.per_request
        }
        if _answers_alike(self):
            start["_text_answer"] = self.text_answer
        start["__module__"] = PylonsContext.__module__
        self._request_context: type[PylonsContext] = type(
            PylonsContext.__name__, (PylonsContext,), start
        )

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Answer a request: each step below, in turn."""
        self.setup_app_env(environ, start_response)
        if "paste.registry" in environ:
            self.register_globals(environ)
        if "paste.testing_variables" in environ:
            self.load_test_env(environ)
            if environ["PATH_INFO"] == "/_test_vars":
                return self.serve_test_vars(environ, start_response)
        controller = self.resolve(environ, start_response)
        return self.dispatch(controller, environ, start_response)

    def setup_app_env(
        self, environ: WSGIEnvironment, start_response: StartResponse | None
    ) -> None:
        """Set this request's objects up in ``environ['pylons.pylons']``.

        One ``make_<name>`` method makes each object of
        :data:`~pylons.context.REQUEST_OBJECTS`: the application's when it
        starts, the request's when the request first uses them.  Override
        one to change what the request gets.
        """
        py = self._request_context()
        py._environ = environ
        environ["pylons.pylons"] = py
        environ["pylons.environ_config"] = self.environ_config

    def make_config(self) -> PylonsConfig:
        """The application's configuration (one for every request)."""
        return self.config

    def make_app_globals(self) -> Any:
        """The application's ``app_globals`` (one for every request)."""
        return self.globals

    def make_h(self) -> Any:
        """The application's helpers module (one for every request)."""
        return self.helpers

    def make_request(self, environ: WSGIEnvironment) -> Request:
        """The request, decoded with the configured charset."""
        options = self.request_options
        request = Request(environ)
        if options["charset"].lower().replace("-", "") != "utf8":
            request = request.decode(options["charset"])
        if options["language"] != Request.language:
            request.language = options["language"]
        return request

    def make_response(
        self, environ: WSGIEnvironment, body: str | bytes = b""
    ) -> Response:
        """A response with the configured content type, charset and headers.

        ``body`` may be given, as bytes or as text to encode with the
        configured charset.
        """
        if isinstance(body, str):
            body = body.encode(self._response_charset)
        headerlist = [*self._response_headerlist, ("Content-Length", str(len(body)))]
        return Response(app_iter=[body], headerlist=headerlist)

    def text_answer(self, py: PylonsContext, body: str | bytes) -> WSGIApplication:
        """The answer of an action that returned ``body`` and left the response alone.

        It is what :meth:`make_response` with ``body`` would answer, sent
        without making that response: it is made only if code asks for
        ``pylons.response`` (``__after__``, or whoever reads the request's
        objects afterwards).
        """
        if isinstance(body, str):
            body = body.encode(self._response_charset)
        # The response is made with the body if code asks for it.
        vars(py).setdefault("_later", {})["response"] = (body,)
        headerlist = [*self._response_headerlist, ("Content-Length", str(len(body)))]

        def send(
            environ: WSGIEnvironment, start_response: StartResponse
        ) -> Iterable[bytes]:
            made = vars(py).get("response")
            if made is not None:
                return made(environ, start_response)
            start_response("200 OK", headerlist)
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

        return send

    def make_tmpl_context(self, environ: WSGIEnvironment) -> ContextObj:
        """An empty template context (``c``)."""
        return self.context_class()

    def make_translator(self, environ: WSGIEnvironment) -> NullTranslations:
        """The translator for the configured ``lang``."""
        return _get_translator(self.config.get("lang"), pylons_config=self.config)

    def make_url(self, environ: WSGIEnvironment) -> URLGenerator:
        """The request's URL generator: RoutesMiddleware's, or one of the map."""
        return environ.get("routes.url") or URLGenerator(
            self.config.get("routes.map"), environ
        )

    def make_session(self, environ: WSGIEnvironment) -> Any:
        """The session Beaker's SessionMiddleware put in the environ, if any."""
        return environ.get(self.environ_config.get("session"))

    def make_cache(self, environ: WSGIEnvironment) -> Any:
        """Beaker's cache: CacheMiddleware's, else ``app_globals.cache``.

        Pylons 1.0 projects keep their CacheManager on ``app_globals``.
        """
        cache = environ.get(self.environ_config.get("cache"))
        if cache is None:
            cache = getattr(self.globals, "cache", None)
        return cache

    def register_globals(self, environ: WSGIEnvironment) -> None:
        """Register this request's objects as the ``pylons`` globals.

        One entry in the request's ``paste.registry`` stands for all of
        them: the request's PylonsContext, which the globals read.
        """
        environ["paste.registry"].register(context, environ["pylons.pylons"])

    def load_test_env(self, environ: WSGIEnvironment) -> None:
        """Hand this request's objects to WebTest, as attributes of its response."""
        testenv = environ["paste.testing_variables"]
        for obj, value in request_objects(environ["pylons.pylons"]):
            for name in obj.test_names:
                testenv[name] = value

    def serve_test_vars(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Keep this request's globals for a test thread (``/_test_vars``).

        The answer is the id to give ``paste.registry.restorer
        .restoration_begin``, after which the ``pylons`` globals of the
        calling thread are this request's.
        """
        restorer.save_registry_state(environ)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(restorer.get_request_id(environ)).encode("ascii")]

    def resolve(
        self, environ: WSGIEnvironment, start_response: StartResponse | None
    ) -> Any:
        """Find the controller the matched route names, or None."""
        match = environ.get("wsgiorg.routing_args", ((), {}))[1] or {}
        environ["pylons.routes_dict"] = match
        name = match.get("controller")
        if not name:
            return None
        route = environ.get("routes.route")
        # A name the URL supplied must look like a module path.
        from_url = route is None or "controller" in getattr(route, "minkeys", ())
        if from_url and not _CONTROLLER_NAME.match(name):
            log.debug("Refusing controller %r taken from the URL", name)
            return None
        return self.find_controller(name)

    def find_controller(self, controller: str) -> Any:
        """Import the controller called ``controller``; None if none is.

        A plain name such as ``pages`` or ``admin/users`` is looked up as
        ``<package>.controllers.pages``, class ``PagesController`` (or the
        module's ``__controller__``).  A name with ``.`` or ``:`` is a dotted
        path to the controller itself.  Results are cached.
        """
        found = self.controller_classes.get(controller)
        if found is not None:
            return found
        if "." in controller or ":" in controller:
            found = eval_import(controller)
        else:
            found = self._controller_in_package(controller)
        if found is not None:
            self.controller_classes[controller] = found
        return found

    def _controller_in_package(self, controller: str) -> Any:
        """The class of ``controller``'s module in the project's package, or None."""
        module_name = "%s.controllers.%s" % (
            self.package_name,
            controller.replace("/", "."),
        )
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name or module_name.startswith("%s." % exc.name):
                log.debug("No controller module %s", module_name)
                return None
            raise
        class_name = getattr(module, "__controller__", None) or (
            class_name_from_module_name(controller.rsplit("/", 1)[-1]) + "Controller"
        )
        return getattr(module, class_name, None)

    def dispatch(
        self, controller: Any, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Call ``controller``: 404 if there is none."""
        if controller is None:
            return HTTPNotFound()(environ, start_response)
        if isinstance(controller, type):
            controller = controller()
        environ["pylons.controller"] = controller
        result = controller(environ, start_response)
        if result is None:
            raise TypeError(
                "Controller %r returned nothing; a WSGI "
                "application must return an iterable" % controller
            )
        if callable(result):
            return self.call_response(result, environ, start_response)
        return result

    def call_response(
        self,
        response: WSGIApplication,
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        """Answer with the Response (WSGI application) a controller returned."""
        if "paste.testing_variables" in environ:
            environ["paste.testing_variables"]["response"] = response
        return response(environ, start_response)


def _response_start(options: dict[str, Any]) -> tuple[tuple[tuple[str, str], ...], str]:
    """The headers a response starts with, and its charset.

    Worked out once from ``pylons.response_options``: a new response
    copies the headers (but for Content-Length, which its body sets).
    """
    response = Response(
        content_type=options["content_type"], charset=options["charset"]
    )
    response.headers.update(options["headers"])
    del response.content_length
    return tuple(response.headerlist), response.charset or "utf-8"


def _answers_alike(app: PylonsApp) -> bool:
    """Whether :meth:`PylonsApp.text_answer` answers as ``app``'s response would.

    Not when a subclass makes its own response, nor when the configured
    headers have a ``Location``, which a response makes absolute.
    """
    return type(app).make_response is PylonsApp.make_response and all(
        name.lower() != "location" for name, _value in app._response_headerlist
    )
