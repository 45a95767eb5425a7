"""The WSGI controller: runs one action for one routed request.

:class:`WSGIController` is what an application's controllers subclass.
Called as a WSGI application by :class:`pylons.wsgiapp.PylonsApp`, it runs
``__before__``, the action the route named and ``__after__``, passing each
the routing variables its signature asks for, and turns what the action
returned into the response.
"""
import inspect
import logging

from webob.exc import HTTPException, HTTPNotFound

__all__ = ["WSGIController"]

log = logging.getLogger(__name__)

#: Names an action may ask for besides the routing variables.
_WSGI_ARGS = ("environ", "start_response")


class WSGIController:
    """Base class of an application's controllers.

    An action is a public method named by the route's ``action`` variable.
    It may return a ``str`` (encoded with the response charset), ``bytes``,
    a :class:`webob.Response` or any WSGI application, an iterable or
    generator (streamed as the body), or None to send ``pylons.response``
    as it stands.  An :class:`webob.exc.HTTPException` raised by
    ``__before__``, the action or ``__after__`` becomes the response.
    """

    def __call__(self, environ, start_response):
        self._py_object = environ["pylons.pylons"]
        self._started = False

        def recording_start_response(status, headers, exc_info=None):
            self._started = True
            return start_response(status, headers, exc_info)

        self._start_response = recording_start_response
        try:
            result = self._inspect_call(self.__before__)
            if not isinstance(result, HTTPException):
                result = self._dispatch_call()
        finally:
            after = self._inspect_call(self.__after__)
        if isinstance(after, HTTPException):
            result = after
        if self._started:
            return result
        return self._to_response(result)(environ, recording_start_response)

    def __before__(self):
        """Runs before every action; an HTTPException raised here ends it."""

    def __after__(self):
        """Runs after every action, even one ended by abort or redirect."""

    def _dispatch_call(self):
        """Run the action the route named; a missing one is a 404."""
        action = self._py_object.request.environ["pylons.routes_dict"].get("action")
        func = self._find_action(action)
        if func is None:
            if self._py_object.config["debug"]:
                raise NotImplementedError(
                    "Action %r is not implemented by %s"
                    % (action, type(self).__name__))
            log.debug("%s has no action %r: 404", type(self).__name__, action)
            return self._http_exception(HTTPNotFound())
        return self._inspect_call(func)

    def _find_action(self, action):
        if not action or action.startswith("_"):
            return None
        func = getattr(self, action, None)
        return func if callable(func) else None

    def _inspect_call(self, func):
        """Call ``func`` with the routing variables its signature names.

        An HTTPException it raises is returned instead, as the response.
        """
        try:
            return func(**self._arguments_for(func))
        except HTTPException as exc:
            return self._http_exception(exc)

    def _arguments_for(self, func):
        environ = self._py_object.request.environ
        available = dict(environ["pylons.routes_dict"])
        available.update(environ=environ, start_response=self._start_response)
        names, takes_any = _parameters_of(func)
        if takes_any:
            wanted = available
        else:
            wanted = {name: available[name] for name in names
                      if name in available}
        if self._py_object.config["pylons.tmpl_context_attach_args"]:
            context = self._py_object.tmpl_context
            for name, value in wanted.items():
                if name not in _WSGI_ARGS:
                    setattr(context, name, value)
        return wanted

    def _http_exception(self, exc):
        """Make ``exc`` the response, keeping cookies the action had set."""
        environ = self._py_object.request.environ
        environ["pylons.controller.exception"] = exc
        for cookie in self._py_object.response.headers.getall("Set-Cookie"):
            exc.headers.add("Set-Cookie", cookie)
        if exc.status_int == 304:
            exc.headers.pop("Content-Type", None)
        return exc

    def _to_response(self, result):
        """Turn an action's return value into a WSGI application."""
        response = self._py_object.response
        charset = response.charset or "utf-8"
        if result is None:
            return response
        if isinstance(result, str):
            response.body = result.encode(charset)
        elif isinstance(result, bytes):
            response.body = result
        elif callable(result):
            return result
        else:
            response.app_iter = _encode_chunks(result, charset)
        return response


#: (parameter names, whether ``**kwargs`` is among them) of each action,
#: by the function behind it: inspecting a signature costs more than the
#: rest of a simple request.
_signatures = {}


def _parameters_of(func):
    """The names ``func`` takes, and whether it takes any keyword."""
    key = getattr(func, "__func__", func)
    found = _signatures.get(key)
    if found is None:
        parameters = inspect.signature(func).parameters.values()
        found = _signatures[key] = (
            tuple(p.name for p in parameters),
            any(p.kind is p.VAR_KEYWORD for p in parameters))
    return found


def _encode_chunks(chunks, charset):
    """Stream ``chunks``, encoding the ``str`` ones with ``charset``."""
    try:
        for chunk in chunks:
            yield chunk.encode(charset) if isinstance(chunk, str) else chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
