"""The base class of QuickWiki's controllers, ``render`` for their
templates, and what their actions share: checking titles and queries,
answering with a status of their own, rendering a page's text, and
counting costly work and writes against the client's limits."""

import functools

from pylons import app_globals, request, response, url
from pylons import tmpl_context as c
from pylons.controllers import WSGIController
from pylons.controllers.util import abort, redirect
from pylons.i18n import _
from pylons.middleware import may_have_fields
from pylons.templating import render_mako as render

from quickwiki.lib import auth, languages, limiting, renderings, uploads, work
from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, is_title, normalise
from quickwiki.model import meta

__all__ = [
    "BaseController",
    "answer_errors_with_400",
    "check_title",
    "costly",
    "count_write",
    "file_urls",
    "listed",
    "own_status",
    "page_url",
    "refuse_errors",
    "render",
    "renderer",
]


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
        if not may_have_fields(request.environ):
            return
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


def check_title(title, status):
    """Answer ``status`` unless ``title`` can be a page's title: 404 for
    reading, 400 for writing.

    A title that is one but for its Unicode form (``U`` and a combining
    diaeresis, as some systems write ``Ü``) is read at its address in the
    form titles have (301).
    """
    if is_title(title):
        return
    if status == 404 and is_title(normalise(title)):
        route = request.environ["routes.route"]
        arguments = request.environ["pylons.routes_dict"]
        redirect(url(route.name, **dict(arguments, title=normalise(title))), code=301)
    detail = (
        _(
            "There is no page called %(title)s: page titles are WikiWords "
            "of at most %(length)d characters, such as FrontPage."
        )
        if status == 404
        else _(
            "A page cannot be called %(title)s: page titles are WikiWords "
            "of at most %(length)d characters, such as FrontPage."
        )
    )
    abort(status, detail=detail % {"title": title, "length": MAX_TITLE_LENGTH})


def own_status(status):
    """Answer ``status`` with the action's own page, which StatusCodeRedirect
    is asked to send as it is, instead of the error document.
    """
    request.environ["pylons.status_code_redirect"] = True
    response.status_int = status


def answer_errors_with_400():
    """A form that ``@validate`` shows again with its errors answers 400."""
    if getattr(c, "form_errors", None):
        own_status(400)


def refuse_errors(errors):
    """400 for a query string that ``@validate`` found wrong: one line of
    the detail for each parameter, which the error document lists."""
    if errors:
        abort(
            400,
            detail="\n".join(
                "%s=: %s" % (name, error) for name, error in sorted(errors.items())
            ),
        )


def page_url(title):
    """The address of page ``title``."""
    return url("page", title=title)


def file_urls(page):
    """How page ``page``'s text names files: ``Photo.png`` is one of its
    own, ``OtherPage/Photo.png`` one of another page's.  The address does
    not depend on whether the file is there yet, so that a stored
    rendering need not change when it comes."""

    def file_url(reference):
        title, _slash, name = reference.rpartition("/")
        title = title or page
        if not is_title(title) or uploads.name_problem(name) is not None:
            return None
        return url("file", title=title, name=name)

    return file_url


def renderer(title):
    """What renders a new revision of page ``title``, to store with it."""
    return lambda source: renderings.render(title, source, page_url, file_urls(title))


def costly(action):
    """Count the action against the client's ``costly`` rate, and run it
    in one of the client's ``renders`` places (:mod:`quickwiki.lib.limiting`),
    within the work budget of a request (:mod:`quickwiki.lib.work`): it
    renders, compares or merges.
    """

    @functools.wraps(action)
    def limited(self, *args, **kwargs):
        # Counted once a request: @validate shows a refused form with
        # another action, which may be costly too.
        if request.environ.get("quickwiki.costly"):
            return action(self, *args, **kwargs)
        request.environ["quickwiki.costly"] = True
        limiting.hit("costly", limiting.client())
        with limiting.share("renders"), work.budget(app_globals.work_budget):
            return action(self, *args, **kwargs)

    return limited


def count_write(revisions_made, text=""):
    """Count revisions and bytes of text written against the client's
    ``writes`` and ``written`` quotas."""
    client = limiting.client()
    limiting.hit("writes", client, cost=revisions_made)
    if text:
        limiting.hit("written", client, cost=len(text.encode("utf-8")))


#: The most titles a message names; the others are counted.
NAMED = 5


def listed(outcomes):
    """The titles of ``(title, outcome)`` pairs as a message names them."""
    titles = [title for title, _outcome in outcomes]
    if len(titles) > NAMED:
        return _("%(titles)s and %(count)d more") % {
            "titles": ", ".join(titles[:NAMED]),
            "count": len(titles) - NAMED,
        }
    if len(titles) == 1:
        return titles[0]
    return _("%(titles)s and %(last)s") % {
        "titles": ", ".join(titles[:-1]),
        "last": titles[-1],
    }
