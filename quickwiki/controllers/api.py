"""The JSON API, version 1, under ``/api/v1``: the wiki for programs.

Pages are a REST resource, routed by ``map.resource`` as ``paster
restcontroller`` lays it out (``index`` lists the titles, ``show`` reads
a page), with each page's ``history`` and ``backlinks`` as its members;
the recent changes and search are actions of their own.  Every action
answers JSON through ``@jsonify``; so do its errors, which the error
document of the HTML pages never replaces (:meth:`ApiController.__before__`).
A list comes a page at a time, with the address of the next page in
``next`` (null after the last).  :mod:`quickwiki.lib.openapi` describes
it all, served at ``/api/v1/openapi.json``.
"""

import json

import formencode
from sqlalchemy import select
from webob.exc import HTTPConflict, WSGIHTTPException

from pylons import app_globals, request, response, url
from pylons.controllers.util import abort
from pylons.decorators import jsonify, validate
from pylons.decorators.secure import require

from quickwiki.lib import (
    auth,
    backlinks,
    changes,
    forms,
    limiting,
    openapi,
    permissions,
    renderings,
    revisions,
)
from quickwiki.lib import search as searching
from quickwiki.lib.base import (
    BaseController,
    check_title,
    costly,
    count_write,
    file_urls,
    page_url,
    refuse_errors,
    renderer,
)
from quickwiki.lib.permissions import may_read
from quickwiki.model import Page, live
from quickwiki.model.meta import Session


class ApiController(BaseController):
    """The actions behind ``/api/v1``."""

    def __before__(self):
        """Keep the answers JSON: the HTML error document is not sent for
        them (see :meth:`inspect_call`)."""
        request.environ["pylons.status_code_redirect"] = True
        return super().__before__()

    def inspect_call(self, func):
        """Call ``func``; an error it answers with becomes a JSON document."""
        return _json_if_error(super().inspect_call(func))

    def dispatch_call(self):
        """Run the action; the 404 of a missing one is JSON too."""
        return _json_if_error(super().dispatch_call())

    @require(may_read)
    @jsonify
    @validate(schema=forms.TitlesQuery(), post_only=False, on_get=True)
    def index(self):
        """GET /api/v1/pages: the titles of the pages, in order, after
        ``?after=``."""
        refuse_errors(self.form_errors)
        per_page = app_globals.titles_per_page
        query = select(Page.title).where(live()).order_by(Page.title)
        after = self.form_result["after"]
        if after is not None:
            query = query.where(Page.title > after)
        titles = list(Session.scalars(query.limit(per_page + 1)))
        more = len(titles) > per_page
        del titles[per_page:]
        return {
            "titles": titles,
            "next": _address("api_pages", after=titles[-1]) if more else None,
        }

    @require(may_read)
    @jsonify
    def show(self, id):
        """GET /api/v1/pages/Title: the page's latest revision, its source,
        its HTML and their times."""
        title = id
        check_title(title, 404)
        shown = renderings.show(title, page_url, file_urls(title))
        if shown is None:
            abort(404, detail=_no_page(title))
        latest = revisions.revision(title, shown.revision)
        return {
            "title": title,
            "revision": latest.number,
            "source": latest.content,
            "html": str(shown.html),
            "author": latest.author,
            "summary": latest.summary,
            "modified": latest.created.isoformat(),
            "created": revisions.revision(title, 1).created.isoformat(),
            "links": {
                "page": _address("page", title=title),
                "history": _address("api_history_page", id=title),
                "backlinks": _address("api_backlinks_page", id=title),
            },
        }

    @require(may_read)
    @jsonify
    @validate(schema=forms.HistoryQuery(), post_only=False, on_get=True)
    def history(self, id):
        """GET /api/v1/pages/Title/history: its revisions, newest first,
        those numbered below ``?before=``."""
        title = id
        check_title(title, 404)
        refuse_errors(self.form_errors)
        latest = revisions.head(title)
        if latest is None:
            abort(404, detail=_no_page(title))
        before = self.form_result["before"] or latest.number + 1
        found = revisions.history(title, before, app_globals.revisions_per_page)
        oldest = found[-1].number if found else 1
        return {
            "title": title,
            "revisions": [
                {
                    "number": revision.number,
                    "created": revision.created.isoformat(),
                    "author": revision.author,
                    "summary": revision.summary,
                    "deleted": revision.deleted,
                    "size": revision.size,
                }
                for revision in found
            ],
            "next": (
                _address("api_history_page", id=title, before=oldest)
                if oldest > 1
                else None
            ),
        }

    @require(may_read)
    @jsonify
    @validate(schema=forms.TitlesQuery(), post_only=False, on_get=True)
    def backlinks(self, id):
        """GET /api/v1/pages/Title/backlinks: the pages that link to it, in
        order, after ``?after=``."""
        title = id
        check_title(title, 404)
        refuse_errors(self.form_errors)
        titles, more = backlinks.linking_to(
            title, app_globals.titles_per_page, self.form_result["after"]
        )
        return {
            "title": title,
            "titles": titles,
            "next": (
                _address("api_backlinks_page", id=title, after=titles[-1])
                if more
                else None
            ),
        }

    @require(may_read)
    @jsonify
    @validate(schema=forms.ChangesQuery(), post_only=False, on_get=True)
    def changes(self):
        """GET /api/v1/changes: the latest revisions of the wiki, newest
        first, below ``?before=Title/N``, of ``?title=`` or by ``?author=``."""
        refuse_errors(self.form_errors)
        query = self.form_result
        try:
            found, more = changes.recent(
                app_globals.revisions_per_page,
                before=query["before"],
                page=query["title"],
                author=query["author"],
            )
        except changes.NoSuchRevision:
            abort(404, detail="There is no revision %s/%d." % query["before"])
        filters = {
            name: query[name] for name in ("title", "author") if query[name] is not None
        }
        return {
            "changes": [
                dict(change._asdict(), created=change.created.isoformat())
                for change in found
            ],
            "next": (
                _address(
                    "api_changes",
                    before="%s/%d" % (found[-1].page, found[-1].number),
                    **filters,
                )
                if more
                else None
            ),
        }

    @require(may_read)
    @jsonify
    @validate(schema=forms.SearchQuery(), post_only=False, on_get=True)
    def search(self):
        """GET /api/v1/search: the pages matching ``?q=``, best first, a
        page of them at a time (``?page=N``), and the page whose title
        ``q`` is, if there is one."""
        refuse_errors(self.form_errors)
        typed, number = self.form_result["q"], self.form_result["page"]
        per_page = app_globals.titles_per_page
        limiting.hit("searches", limiting.client())
        found = searching.search(
            Session, searching.parse(typed), (number - 1) * per_page, per_page + 1
        )
        exact = revisions.head(typed) if typed else None
        return {
            "query": typed,
            "title": exact.page if exact is not None and not exact.deleted else None,
            "results": [
                {"title": hit.title, "snippet": str(hit.snippet)}
                for hit in found.hits[:per_page]
            ],
            "narrowed": found.narrowed,
            "next": (
                _address("api_search", q=typed, page=number + 1)
                if len(found.hits) > per_page and number < forms.MAX_RESULT_PAGES
                else None
            ),
        }

    @jsonify
    def openapi(self):
        """GET /api/v1/openapi.json: the OpenAPI description of the API."""
        return openapi.description(_address("/api/v1"))

    @jsonify
    @costly
    def update(self, id):
        """PUT /api/v1/pages/Title: save a JSON ``{"source": ..., "base":
        N, "summary": ...}`` as the page's next revision, written from
        revision ``base`` (0: a new page), with an account's API token.

        The rules are the edit form's: a base that is not the latest is
        merged with what was saved since when the changes touch other
        lines, and is otherwise a 409 that holds the latest revision.  A
        save counts against the client's limits as the form's does.
        """
        title = id
        check_title(title, 400)
        if auth.bearer_token(request.environ) is None or auth.account() is None:
            abort(
                401,
                detail="Saving needs the API token of an account that may log "
                "in, sent as Authorization: Bearer TOKEN.",
                headers=[("WWW-Authenticate", 'Bearer realm="QuickWiki"')],
            )
        refusal = permissions.refusal("edit", title)
        if refusal is not None:
            abort(403, detail=refusal)
        sent = _json_body(forms.ApiSaveForm())
        size = len(sent["source"].encode("utf-8"))
        if size > app_globals.max_page_size:
            abort(
                413,
                detail="The source is %d bytes long, and a page may have at "
                "most %d." % (size, app_globals.max_page_size),
            )
        count_write(1, sent["source"])
        try:
            outcome = revisions.save(
                title,
                sent["base"],
                sent["source"],
                auth.author(),
                sent["summary"],
                render=renderer(title),
                max_size=app_globals.max_page_size,
            )
        except revisions.NoSuchRevision:
            abort(400, detail="%s has no revision %d." % (title, sent["base"]))
        if isinstance(outcome, revisions.LookAlike):
            abort(
                409,
                detail="%s looks like the title of %s, which readers would take "
                "it for: nothing was saved." % (title, outcome.existing),
            )
        if isinstance(outcome, revisions.TooLarge):
            abort(
                413,
                detail="Merged with revision %d, the source would be %d bytes "
                "long, and a page may have at most %d: nothing was saved."
                % (outcome.merged_with.number, outcome.size, app_globals.max_page_size),
            )
        if isinstance(outcome, revisions.Conflict):
            raise _conflict(title, outcome.head)
        if isinstance(outcome, revisions.Unchanged):
            return _saved(title, outcome.head.number, unchanged=True)
        if outcome.revision.number == 1:
            response.status_int = 201
        merged = outcome.merged_with
        return _saved(
            title,
            outcome.revision.number,
            merged_with=None if merged is None else merged.number,
        )

    def create(self):
        """POST /api/v1/pages: not taken; a page is written by saving it."""
        _not_allowed("GET", "A page is written by saving it at its address.")

    def delete(self, id):
        """DELETE /api/v1/pages/Title: not taken; pages are deleted in the
        wiki's pages, where their history keeps them."""
        _not_allowed("GET", "Pages are deleted in the wiki itself.")

    def not_found(self):
        """Any other address under /api/v1: a JSON 404."""
        abort(404, detail="The API has no %s." % request.path_info)


def _json_body(schema):
    """The request's JSON body, an object checked by the FormEncode
    ``schema``: 400 (415 for another media type) when it is not one."""
    if request.content_type != "application/json":
        abort(415, detail="Send the page as JSON (Content-Type: application/json).")
    try:
        sent = json.loads(request.body)
    except ValueError:
        abort(400, detail="The body is not JSON.")
    if not isinstance(sent, dict) or not isinstance(sent.get("source"), str):
        abort(400, detail='The body is a JSON object with a "source" text.')
    try:
        return schema.to_python(sent)
    except formencode.Invalid as invalid:
        abort(400, detail=str(invalid))


def _saved(title, number, **more):
    """The answer to a save: the page's revision now, and what happened."""
    return dict(
        {"title": title, "revision": number, "unchanged": False, "merged_with": None},
        **more,
    )


def _conflict(title, head):
    """409 for a save that met revision ``head`` of page ``title``, which
    the JSON document holds so that the program can merge and save again."""
    conflict = HTTPConflict()
    conflict.content_type = "application/json"
    conflict.charset = "utf-8"
    conflict.body = json.dumps(
        {
            "error": {
                "status": 409,
                "title": conflict.title,
                "detail": "%s was saved by %s as revision %d since the base, "
                "changing the same lines; nothing was saved."
                % (title, head.author, head.number),
            },
            "current": {
                "revision": head.number,
                "source": head.content,
                "deleted": head.deleted,
                "author": head.author,
                "modified": head.created.isoformat(),
            },
        }
    ).encode("utf-8")
    return conflict


def _address(route, **params):
    """The absolute address of ``route`` with ``params``."""
    return url(route, qualified=True, **params)


def _no_page(title):
    return "There is no page called %s." % title


def _not_allowed(allowed, detail):
    """405 for a method the address does not take; it takes ``allowed``."""
    abort(405, detail=detail, headers=[("Allow", allowed)])


def _json_if_error(result):
    """``result``, an error answered as a JSON document of its status and
    detail, its headers (such as Retry-After or Allow) kept."""
    if not isinstance(result, WSGIHTTPException) or (
        result.content_type == "application/json"
    ):
        return result
    error = result
    error.content_type = "application/json"
    error.charset = "utf-8"
    error.body = json.dumps(
        {
            "error": {
                "status": error.status_int,
                "title": error.title,
                "detail": error.detail or error.explanation,
            }
        }
    ).encode("utf-8")
    return error
