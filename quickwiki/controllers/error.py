"""Error documents: the page StatusCodeRedirect shows for an error status."""
from webob.util import status_reasons

from pylons import request, tmpl_context as c
from pylons.controllers.util import abort

from quickwiki.lib.base import BaseController, render

#: What each status means to someone using the wiki.
EXPLANATIONS = {
    400: "The request could not be understood.",
    401: "You need to log in to see this page.",
    403: "You may not do that.",
    404: "There is no such page here.",
    405: "This address does not take that kind of request.",
    413: "What you sent is larger than the wiki accepts.",
    415: "What you sent is in a form or encoding the wiki does not read.",
    500: "Something went wrong on our side. It has been logged; please "
         "try again later.",
}


class ErrorController(BaseController):
    """Shows the error document of a request that ended in an error."""

    def document(self):
        """The error page for ``pylons.original_response``'s status."""
        original = request.environ.get("pylons.original_response")
        if original is None:
            abort(404, detail="Error documents are shown for other pages' "
                              "errors only.")
        c.code = original.status_int
        c.reason = status_reasons.get(c.code, "Error")
        c.explanation = EXPLANATIONS.get(c.code, "The request failed.")
        c.detail = _detail(request.environ["pylons.original_request"])
        return render("/error.mako")


def _detail(original_request):
    """What the action said to the user when it aborted, if it did.

    Only ``abort`` and its kind leave an exception here; what an unexpected
    error says stays in the log.
    """
    exception = original_request.environ.get("pylons.controller.exception")
    if exception is None:
        return ""
    return exception.detail or ""
