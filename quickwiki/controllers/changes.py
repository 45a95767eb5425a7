"""Recent changes: the latest revisions of the wiki, as a page and as Atom
feeds, the wiki's and each page's history's."""

from datetime import datetime, timezone

from pylons import app_globals, response, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, etag_cache
from pylons.decorators import validate
from pylons.decorators.secure import require
from pylons.i18n import _

from quickwiki.lib import changes, feeds, forms, limiting, revisions
from quickwiki.lib.base import BaseController, check_title, refuse_errors, render
from quickwiki.lib.permissions import may_read


class ChangesController(BaseController):
    """The actions behind ``/pages/changes`` and the feeds."""

    @require(may_read)
    @validate(schema=forms.ChangesQuery(), post_only=False, on_get=True)
    def index(self):
        """A page of the latest changes, newest first, below revision
        ``?before=Title/N``, of page ``?title=`` or by ``?author=`` alone."""
        c.filters = self._filters()
        c.changes, more = self._changes(self.form_result["before"])
        c.newer = self.form_result["before"] is not None
        last = c.changes[-1] if c.changes else None
        c.older_url = (
            url("changes", before="%s/%d" % (last.page, last.number), **c.filters)
            if more
            else None
        )
        return render("/changes/index.mako")

    @require(may_read)
    @validate(schema=forms.ChangesQuery(), post_only=False, on_get=True)
    def feed(self):
        """The latest changes as an Atom feed, narrowed as the page is."""
        filters = self._filters()
        if self.form_result["before"] is not None:
            abort(
                400,
                detail=_("A feed starts from the latest change: it has no before=."),
            )
        found, _more = self._changes(None)
        named = {"title": _("page"), "author": _("author")}
        what = ", ".join(
            "%s %s" % (named[name], value) for name, value in sorted(filters.items())
        )
        return _atom(
            _("QuickWiki: recent changes") + (" (%s)" % what if what else ""),
            url("changes_feed", qualified=True, **filters),
            url("changes", qualified=True, **filters),
            found,
        )

    @require(may_read)
    def history_feed(self, title):
        """Page ``title``'s latest revisions as an Atom feed."""
        check_title(title, 404)
        if revisions.head(title) is None:
            abort(
                404,
                detail=_("There is no page called %(title)s, so it has no history.")
                % {"title": title},
            )
        found, _more = changes.recent(app_globals.revisions_per_page, page=title)
        return _atom(
            _("QuickWiki: history of %(title)s") % {"title": title},
            url("history_feed", title=title, qualified=True),
            url("history", title=title, qualified=True),
            found,
        )

    def _filters(self):
        """The query's filters that are set, to carry over into links."""
        refuse_errors(self.form_errors)
        return {
            name: self.form_result[name]
            for name in ("title", "author")
            if self.form_result[name] is not None
        }

    def _changes(self, before):
        """A page of changes below ``before``, filtered by the query, and
        whether older ones follow."""
        try:
            return changes.recent(
                app_globals.revisions_per_page,
                before=before,
                page=self.form_result["title"],
                author=self.form_result["author"],
            )
        except changes.NoSuchRevision:
            abort(
                404,
                detail=_(
                    "There is no revision %(title)s/%(number)d to list changes below."
                )
                % {"title": before[0], "number": before[1]},
            )


def _atom(title, feed_url, page_url, found):
    """Answer with the Atom feed of the changes ``found``; with 304 when
    the reader has it already (its ETag names the newest change), which
    is not counted against the client's ``feeds`` rate as a feed made is."""
    newest = found[0] if found else None
    etag_cache(
        "%s %s"
        % (feed_url, "%s/%d" % (newest.page, newest.number) if newest else "empty")
    )
    limiting.hit("feeds", limiting.client())
    response.content_type = feeds.MEDIA_TYPE
    response.charset = "utf-8"
    return feeds.atom(title, feed_url, page_url, found, datetime.now(timezone.utc))
