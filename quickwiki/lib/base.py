"""The base class of QuickWiki's controllers, and ``render`` for their templates."""
from pylons import request
from pylons.controllers import WSGIController
from pylons.controllers.util import abort
from pylons.templating import render_mako as render

from quickwiki.model import meta

__all__ = ["BaseController", "render"]


class BaseController(WSGIController):
    """A controller whose database session ends with the request."""

    def __before__(self):
        """Refuse text with NUL characters, which no database of ours keeps.

        SQLite would store them, but PostgreSQL refuses them in text: the
        same answer, a 400, on both.
        """
        if any("\x00" in value for value in request.params.values()
               if isinstance(value, str)):
            abort(400, detail="The request holds a NUL character, which no "
                              "page text may contain.")

    def __call__(self, environ, start_response):
        try:
            return WSGIController.__call__(self, environ, start_response)
        finally:
            # Whatever an action left uncommitted, say after an error, is
            # rolled back here, and the next request starts afresh.
            meta.Session.remove()
