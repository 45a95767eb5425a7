"""Controllers that are plain WSGI callables, not WSGIControllers."""


def _silent(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])


__controller__ = "PlainWsgiController"


class PlainWsgiController:
    """Returns nothing: a broken WSGI application."""

    def __call__(self, environ, start_response):
        _silent(environ, start_response)
