"""Error documents: the page StatusCodeRedirect shows for an error status."""

from webob.util import status_reasons

from pylons import request, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort
from pylons.decorators.secure import Refused, same_origin
from pylons.i18n import N_, _
from pylons.secure_form import token_key

from quickwiki.lib.base import BaseController, render

#: What each status means to someone using the wiki (translated when shown).
EXPLANATIONS = {
    400: N_("The request could not be understood."),
    401: N_("You need to log in to see this page."),
    403: N_("You may not do that."),
    404: N_("There is no such page here."),
    405: N_("This address does not take that kind of request."),
    409: N_("What you sent conflicts with the wiki's pages as they are now."),
    413: N_("What you sent is larger than the wiki accepts."),
    415: N_("What you sent is in a form or encoding the wiki does not read."),
    429: N_("You have sent too many requests: wait a little, then try again."),
    500: N_(
        "Something went wrong on our side. It has been logged; please try again later."
    ),
}

#: The statuses' names in the error document's heading, in the wiki's own
#: words (HTTP's reason phrases) so that they can be translated.
REASONS = {
    400: N_("Bad Request"),
    401: N_("Unauthorized"),
    403: N_("Forbidden"),
    404: N_("Not Found"),
    405: N_("Method Not Allowed"),
    409: N_("Conflict"),
    413: N_("Request Entity Too Large"),
    415: N_("Unsupported Media Type"),
    429: N_("Too Many Requests"),
    500: N_("Internal Server Error"),
}

#: What a refused save's document says instead of "reload the form".
REFUSED_SAVE_DETAIL = N_(
    "Your text has not been saved: the form's security token was missing or "
    "out of date, as when your session has ended or the form was sent from "
    "another site."
)


class ErrorController(BaseController):
    """Shows the error document of a request that ended in an error."""

    def document(self):
        """The error page for ``pylons.original_response``'s status."""
        original = request.environ.get("pylons.original_response")
        if original is None:
            abort(404, detail="Error documents are shown for other pages' errors only.")
        original_request = request.environ["pylons.original_request"]
        c.code = original.status_int
        c.reason = (
            _(REASONS[c.code])
            if c.code in REASONS
            else status_reasons.get(c.code, _("Error"))
        )
        c.explanation = _(EXPLANATIONS.get(c.code, N_("The request failed.")))
        c.detail = _detail(original_request)
        # Refused by a check of who may do what: the page says how to log in.
        c.refused = isinstance(
            original_request.environ.get("pylons.controller.exception"), Refused
        )
        # A refused save gives the author's text back, to save again once
        # the token is fresh, or they have logged in.
        c.refused_save = _refused_save(original_request) if c.code == 403 else None
        if c.refused_save is not None and not c.refused:
            c.detail = _(REFUSED_SAVE_DETAIL)
        return render("/error.mako")


def _detail(original_request):
    """What the action said to the user when it aborted, if it did.

    Only ``abort`` and its kind leave an exception here; what an unexpected
    error says stays in the log.
    """
    exception = original_request.environ.get("pylons.controller.exception")
    if exception is None:
        return ""
    # A detail fixed when the code was written (a decorator's) is translated
    # here; the others were as they were made.
    return _(exception.detail) if exception.detail else ""


def _refused_save(original_request):
    """A refused save's form, to offer again with a fresh token; or None.

    The author's text comes back to be checked and saved again; the form's
    other fields come back hidden, as they were sent, so that the second
    submission is the first one with a valid token.  Only for a save the
    browser says was sent from this site's own page: another site's page
    could otherwise have its text offered with a good token, one click
    from being saved.
    """
    routing = original_request.environ.get("pylons.routes_dict") or {}
    if (
        original_request.method != "POST"
        or (routing.get("controller"), routing.get("action")) != ("pages", "save")
        or not same_origin(original_request)
    ):
        return None
    fields = original_request.POST
    if not isinstance(fields.get("content"), str):
        return None
    return {
        "action": url("save_page", title=routing["title"]),
        "content": fields["content"],
        "hidden": [
            (name, value)
            for name, value in fields.items()
            if name not in (token_key, "content") and isinstance(value, str)
        ],
    }
