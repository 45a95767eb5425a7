"""The base class of QuickWiki's controllers, and ``render`` for their templates."""
from pylons.controllers import WSGIController
from pylons.templating import render_mako as render

from quickwiki.model import meta

__all__ = ["BaseController", "render"]


class BaseController(WSGIController):
    """A controller whose database session ends with the request."""

    def __call__(self, environ, start_response):
        try:
            return WSGIController.__call__(self, environ, start_response)
        finally:
            # Whatever an action left uncommitted, say after an error, is
            # rolled back here, and the next request starts afresh.
            meta.Session.remove()
