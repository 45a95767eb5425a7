"""The base class of QuickWiki's controllers, ``render`` for their
templates, and what their actions share."""

from pylons import request, response
from pylons.controllers import WSGIController
from pylons.controllers.util import abort
from pylons.i18n import _
from pylons.templating import render_mako as render

from quickwiki.lib import auth, languages
from quickwiki.model import meta

__all__ = ["BaseController", "own_status", "render"]


class BaseController(WSGIController):
    """A controller whose database session ends with the request."""

    #: The fields of the controller's forms that may be files: none but
    #: the upload form's.
    file_fields: frozenset[str] = frozenset()

    def __before__(self):
        """Choose the language of the page, and refuse files and text with
        NUL characters, which no form of the wiki takes.

        Every field of the wiki's forms is text: a file sent in one would
        reach code that expects text.  SQLite would store NUL characters,
        but PostgreSQL refuses them in text: the same answer, a 400, on
        both.
        """
        languages.choose()
        for name, value in request.params.items():
            if not isinstance(value, str):
                if name in self.file_fields:
                    continue
                abort(
                    400,
                    detail=_("The form's %(field)s must be text, not a file.")
                    % {"field": name},
                )
            if "\x00" in value:
                abort(
                    400,
                    detail=_(
                        "The request holds a NUL character, which no page text "
                        "may contain."
                    ),
                )

    def __after__(self):
        """Keep a logged-in user's pages out of shared caches: they show who
        is logged in, and carry forms that only their session may send."""
        if auth.found_account() is not None:
            response.cache_control.private = True

    def __call__(self, environ, start_response):
        try:
            return WSGIController.__call__(self, environ, start_response)
        finally:
            # Whatever an action left uncommitted, say after an error, is
            # rolled back here, and the next request starts afresh.
            meta.Session.remove()


def own_status(status):
    """Answer ``status`` with the action's own page, which StatusCodeRedirect
    is asked to send as it is, instead of the error document.
    """
    request.environ["pylons.status_code_redirect"] = True
    response.status_int = status
