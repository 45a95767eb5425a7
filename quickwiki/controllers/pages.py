"""The wiki: showing, editing, saving, deleting, restoring and protecting
pages, their history and the differences between their revisions.

Who may do what is :mod:`quickwiki.lib.permissions`' to say: each action
names its check with ``@require``, but the edit form, which makes its
check after the one read that tells it whether the page is protected.
"""

import functools
import hashlib
import logging

from sqlalchemy import bindparam, select, update

from pylons import app_globals, request, response, url
from pylons import tmpl_context as c
from pylons.controllers.util import abort, redirect
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require
from pylons.i18n import _, ungettext

from quickwiki.lib import (
    auth,
    caching,
    diffs,
    forms,
    limiting,
    renderings,
    revisions,
    wikitext,
    work,
)
from quickwiki.lib import helpers as h
from quickwiki.lib.base import (
    BaseController,
    answer_errors_with_400,
    check_title,
    costly,
    count_write,
    file_urls,
    listed,
    own_status,
    page_url,
    refuse_errors,
    render,
    renderer,
)
from quickwiki.lib.permissions import (
    knows_protection,
    may_delete,
    may_edit,
    may_protect,
    may_read,
    may_restore,
)
from quickwiki.lib.wikiwords import is_title, normalise, suggest_title, title_problem
from quickwiki.lib.workers import WorkerError
from quickwiki.model import Page, existing_titles, live, look_alike, meta

log = logging.getLogger(__name__)


def _text_within_bounds(action):
    """Refuse page text over the page size limit (413, with the form showing
    it again), before the form is checked.
    """

    @functools.wraps(action)
    def checked(self, title):
        size = len(request.POST.get("content", "").encode("utf-8"))
        if size > app_globals.max_page_size:
            return self._too_large(title, size)
        return action(self, title)

    return checked


def _keeping_text(action):
    """Answer a save refused for the client's limits with 429 and the edit
    form, still holding the author's text."""

    @functools.wraps(action)
    def kept(self, title):
        try:
            return action(self, title)
        except limiting.TooManyRequests as refused:
            response.headers["Retry-After"] = str(refused.wait)
            return self._form_again(
                title,
                429,
                _("%(title)s was not saved. %(why)s")
                % {"title": title, "why": refused.detail},
            )

    return kept


class PagesController(BaseController):
    """The actions behind ``/``, ``/pages/...`` and ``/{title}``."""

    @require(may_read)
    def __before__(self):
        """Every action here reads the wiki, which the closed policy keeps
        for accounts."""
        super().__before__()

    @caching.kept
    def index(self):
        """A page of the titles, in order: the first page, or the one the
        pager's links ask for (``?after=``, ``?before=``, ``?page=last``).
        """
        position = _title_list_position(request.GET)
        c.titles, c.earlier, c.later = _title_page(
            position, app_globals.titles_per_page
        )
        # It changes when a page is made, renamed or deleted: what it shows
        # tags it, as no one time says when it last did.
        kept = caching.validate(
            "titles", (*position, *c.titles, c.earlier, c.later), None
        )
        if kept is not None:
            return kept
        return caching.keep(render("/pages/index.mako"))

    @require(may_read)
    def new(self):
        """The form that starts a page: a title (``?title=``) that can be one
        goes to its editor; any other is refused, saying why."""
        c.typed = normalise(request.GET.get("title", "").strip())
        c.problem = c.suggestion = c.existing = c.look_alike = None
        if "title" not in request.GET:
            return render("/pages/new.mako")
        c.problem = title_problem(c.typed)
        if c.problem is not None:
            own_status(400)
            c.suggestion = suggest_title(c.typed)
        elif existing_titles([c.typed]):
            own_status(409)
            c.existing = c.typed
        elif (other := look_alike(c.typed)) is not None:
            own_status(409)
            c.look_alike = other
        else:
            redirect(url("edit_page", title=c.typed))
        return render("/pages/new.mako")

    @caching.kept
    def show(self, title):
        """The page ``title``, as stored rendered; or an offer to write it."""
        check_title(title, 404)
        shown = renderings.show(title, page_url, file_urls(title))
        if shown is None:
            return self._missing_page(title)
        came_from = (
            request.GET.get("redirected_from")
            if request.environ.get("QUERY_STRING")
            else None
        )
        if (
            shown.redirect is not None
            and came_from is None
            and request.GET.get("redirect") != "no"
        ):
            # One redirect is followed; a redirect to a redirect shows it.
            redirect(url("page", title=shown.redirect, redirected_from=title))
        c.redirected_from = came_from if came_from and is_title(came_from) else None
        if not shown.deferred:
            kept = caching.validate(
                "page",
                (
                    title,
                    shown.revision,
                    wikitext.RENDERER_VERSION,
                    shown.protected,
                    c.redirected_from or "",
                )
                + (_digest(shown.html),),
                shown.created,
            )
            if kept is not None:
                return kept
        c.title = title
        c.revision = shown.revision
        c.content = shown.html
        c.protected = shown.protected
        knows_protection(title, shown.protected)
        c.document_title = shown.title
        return caching.keep(render("/pages/show.mako"))

    def _missing_page(self, title):
        """A WikiWord without a page: 404, with a link to write it, and to
        the history if the page was deleted.

        The status tells browsers and crawlers that there is no such page;
        the body is this action's own, not the error document.
        """
        own_status(404)
        c.title = title
        c.deletion = revisions.head(title)
        c.look_alike = look_alike(title) if c.deletion is None else None
        return render("/pages/missing.mako")

    def edit(self, title):
        """The form to write page ``title``, new or not, with the problems
        docutils found in its text.

        Checked as ``@require(may_edit)`` would, after the one read of the
        page, which tells the check whether it is protected.
        """
        latest = renderings.edited(title)
        knows_protection(title, latest is not None and latest.protected)
        may_edit(title)
        check_title(title, 404)
        if latest is None:
            return self._edit_form(title, 0, "", look_alike=look_alike(title))
        return self._edit_form(
            title,
            latest.number,
            latest.content,
            problems=renderings.problems_of(title, latest, page_url, file_urls(title)),
        )

    def _edit_form(
        self,
        title,
        base,
        content,
        summary="",
        preview=None,
        conflict=None,
        problems=(),
        look_alike=None,
    ):
        """The edit form, holding ``content`` written from revision
        ``base``, with a ``preview`` of it or the ``conflict`` it met, the
        ``problems`` docutils found in it, and for a new page the title of
        the page its title looks like, which it cannot be saved beside.
        """
        answer_errors_with_400()
        c.title = title
        c.base = base
        c.content = content
        c.summary = summary
        c.preview = preview
        c.conflict = conflict
        c.problems = problems
        c.look_alike = look_alike
        if conflict is not None and not conflict.head.deleted:
            c.conflict_diff, c.comparison_failure = _compared(
                conflict.base_content, conflict.head.content
            )
        return render("/pages/edit.mako")

    @restrict("POST")
    @require(may_edit)
    @authenticate_form
    @_text_within_bounds
    @_keeping_text
    @costly
    @validate(schema=forms.SaveForm(), form="edit", force_defaults=False)
    def save(self, title):
        """Store the edit form's text as a new revision of page ``title``,
        or show a preview of it, or the conflict with a newer revision.
        """
        check_title(title, 400)
        form = self.form_result
        if form["preview"]:
            preview = renderings.render(
                title, form["content"], page_url, file_urls(title)
            )
            return self._edit_form(
                title,
                form["base"],
                form["content"],
                form["summary"],
                preview=preview,
                problems=preview.problems,
            )
        count_write(1, form["content"])
        try:
            outcome = revisions.save(
                title,
                form["base"],
                form["content"],
                auth.author(),
                form["summary"],
                render=renderer(title),
                max_size=app_globals.max_page_size,
            )
        except revisions.NoSuchRevision:
            abort(
                400,
                detail=_(
                    "The form was opened on revision %(number)d of %(title)s, "
                    "which it does not have."
                )
                % {"number": form["base"], "title": title},
            )
        if isinstance(outcome, revisions.LookAlike):
            own_status(409)
            return self._edit_form(
                title, 0, form["content"], form["summary"], look_alike=outcome.existing
            )
        if isinstance(outcome, revisions.TooLarge):
            return self._form_again(
                title,
                413,
                _(
                    "%(title)s was not saved: merged with revision %(number)d, "
                    "saved while you were editing, its text would be %(size)d "
                    "bytes long, and a page may have at most %(limit)d. Shorten "
                    "it and save again."
                )
                % {
                    "title": title,
                    "number": outcome.merged_with.number,
                    "size": outcome.size,
                    "limit": app_globals.max_page_size,
                },
            )
        if isinstance(outcome, revisions.Conflict):
            log.info("Edit conflict on %s with revision %d", title, outcome.head.number)
            own_status(409)
            return self._edit_form(
                title,
                outcome.head.number,
                form["content"],
                form["summary"],
                conflict=outcome,
            )
        if isinstance(outcome, revisions.Unchanged):
            h.flash(
                _(
                    "Nothing saved: your text is that of revision %(number)d "
                    "of %(title)s already."
                )
                % {"number": outcome.head.number, "title": title},
                category="warning",
            )
        else:
            self._stored(
                title,
                outcome.revision,
                _("Saved revision %(number)d of %(title)s.")
                % {"number": outcome.revision.number, "title": title},
            )
            if outcome.merged_with is not None:
                other = outcome.merged_with
                h.flash(
                    _(
                        "Revision %(number)d was saved by %(author)s while you "
                        "were editing. Your changes touched other lines, so "
                        "they were merged with it."
                    )
                    % {"number": other.number, "author": other.author}
                )
        redirect(url("page", title=title))

    def _too_large(self, title, size):
        """413, with the edit form still holding what the author wrote."""
        return self._form_again(
            title,
            413,
            _(
                "%(title)s was not saved: its text is %(size)d bytes long, and a "
                "page may have at most %(limit)d. Shorten it and save again."
            )
            % {"title": title, "size": size, "limit": app_globals.max_page_size},
        )

    def _form_again(self, title, status, message):
        """``status``, with ``message`` and the edit form still holding
        what the author wrote."""
        own_status(status)
        h.flash(message, category="error")
        return self._edit_form(
            title,
            request.POST.get("base", ""),
            request.POST["content"],
            request.POST.get("summary", ""),
        )

    def _stored(self, title, added, message):
        """Say with ``message`` that revision ``added`` of page ``title`` is
        stored."""
        log.info("Stored revision %d of %s", added.number, title)
        h.flash(message)

    @validate(schema=forms.HistoryQuery(), post_only=False, on_get=True)
    @caching.kept
    def history(self, title):
        """Page ``title``'s revisions, newest first, a page of them at a
        time (``?before=N``: those numbered below N).
        """
        check_title(title, 404)
        refuse_errors(self.form_errors)
        latest = revisions.latest(title)
        if latest is None:
            abort(
                404,
                detail=_("There is no page called %(title)s, so it has no history.")
                % {"title": title},
            )
        per_page = app_globals.revisions_per_page
        before = min(self.form_result["before"] or latest.number + 1, latest.number + 1)
        kept = caching.validate(
            "history", (title, latest.number, before), latest.created
        )
        if kept is not None:
            return kept
        c.title = title
        c.latest = latest
        c.revisions = revisions.history(title, before, per_page)
        c.newer_url = None
        if before <= latest.number:
            newer = before + per_page
            c.newer_url = (
                url("history", title=title, before=newer)
                if newer <= latest.number
                else url("history", title=title)
            )
        oldest = c.revisions[-1].number
        c.older_url = url("history", title=title, before=oldest) if oldest > 1 else None
        return caching.keep(render("/pages/history.mako"))

    @costly
    @caching.kept
    def revision(self, title, number):
        """Revision ``number`` of page ``title``, with a form to restore it."""
        return self._revision_page(title, int(number))

    def _revision_page(self, title, number, summary="", conflict=None):
        """Revision ``number`` of page ``title``, its restore form holding
        ``summary``; with the newer revision a restore met, its ``conflict``.
        """
        check_title(title, 404)
        shown = self._revision_or_404(title, number)
        latest = revisions.head(title)
        answer_errors_with_400()
        c.title = title
        c.shown = shown
        c.latest = latest
        c.rendered = (
            None if shown.deleted else _revision_rendering(title, shown, latest)
        )
        # A rendering no worker could make in time is for this moment only.
        deferred = c.rendered is not None and c.rendered.deferred
        if conflict is None and not getattr(c, "form_errors", None) and not deferred:
            kept = caching.validate(
                "revision",
                (title, shown.number, latest.number, wikitext.RENDERER_VERSION)
                + (_digest(c.rendered.html if c.rendered else ""),),
                max(shown.created, latest.created),
            )
            if kept is not None:
                return kept
        c.summary = summary
        c.restore_conflict = conflict
        return caching.keep(render("/pages/revision.mako"))

    @restrict("POST")
    @require(may_restore)
    @authenticate_form
    @costly
    @validate(schema=forms.RestoreForm(), form="revision", force_defaults=False)
    def restore(self, title, number):
        """Add a revision with the text of revision ``number``."""
        check_title(title, 400)
        number = int(number)
        form = self.form_result
        restored = revisions.revision(title, number)
        count_write(1, "" if restored is None else restored.content)
        try:
            outcome = revisions.restore(
                title,
                number,
                form["base"],
                auth.author(),
                form["summary"],
                render=renderer(title),
                max_size=app_globals.max_page_size,
            )
        except revisions.NoSuchRevision:
            abort(
                400,
                detail=_(
                    "%(title)s has no revision %(number)d whose text could be restored."
                )
                % {"title": title, "number": number},
            )
        if isinstance(outcome, revisions.TooLarge):
            abort(
                413,
                detail=_(
                    "Revision %(number)d of %(title)s is %(size)d bytes long, and "
                    "a page may have at most %(limit)d: it cannot be restored."
                )
                % {
                    "number": number,
                    "title": title,
                    "size": outcome.size,
                    "limit": app_globals.max_page_size,
                },
            )
        if isinstance(outcome, revisions.Conflict):
            own_status(409)
            return self._revision_page(
                title, number, form["summary"], conflict=outcome.head
            )
        if isinstance(outcome, revisions.Unchanged):
            h.flash(
                _(
                    "Nothing restored: the text of revision %(number)d is that "
                    "of the latest revision, %(latest)d."
                )
                % {"number": number, "latest": outcome.head.number},
                category="warning",
            )
        else:
            self._stored(
                title,
                outcome.revision,
                _("Restored revision %(number)d of %(title)s as revision %(new)d.")
                % {"number": number, "title": title, "new": outcome.revision.number},
            )
        redirect(url("page", title=title))

    @costly
    @validate(schema=forms.DiffQuery(), post_only=False, on_get=True)
    @caching.kept
    def diff(self, title):
        """What changed from revision ``?old=`` of page ``title`` to
        revision ``?new=``, ``?style=inline`` or ``side`` by side.
        """
        check_title(title, 404)
        refuse_errors(self.form_errors)
        query = self.form_result
        c.title = title
        c.old = self._revision_or_404(title, query["old"])
        c.new = self._revision_or_404(title, query["new"])
        c.style = query["style"]
        # Revisions never change: the diff of two is always the same.
        kept = caching.validate(
            "diff",
            (title, c.old.number, c.new.number, c.style),
            max(c.old.created, c.new.created),
        )
        if kept is not None:
            return kept
        c.hunks, c.comparison_failure = _compared(c.old.content, c.new.content)
        if c.comparison_failure is not None:
            caching.unkept()
        return caching.keep(render("/pages/diff.mako"))

    def _revision_or_404(self, title, number):
        found = revisions.revision(title, number)
        if found is None:
            abort(
                404,
                detail=_("%(title)s has no revision %(number)d.")
                % {"title": title, "number": number},
            )
        return found

    @require(may_delete)
    def confirm_delete(self):
        """Ask whether to delete the pages named by the ``title`` fields.

        A page links here with its title in the query; the title list's
        form posts the ticked titles.  Nothing is deleted yet.
        """
        titles = _ticked(request.params.getall("title"))
        titles = [title for title in titles if is_title(title)]
        existing = existing_titles(titles) if titles else set()
        c.titles = [title for title in dict.fromkeys(titles) if title in existing]
        if not c.titles:
            # Shown again by @validate with no title left to show: the
            # errors can only be told on their own.
            refuse_errors(getattr(c, "form_errors", None))
            h.flash(
                _("No page was deleted: tick the pages to delete."), category="warning"
            )
            redirect(url("pages"))
        answer_errors_with_400()
        c.summary = ""
        return render("/pages/delete.mako")

    @restrict("POST")
    @require(may_delete)
    @authenticate_form
    @validate(schema=forms.DeleteForm(), form="confirm_delete", force_defaults=False)
    def delete(self):
        """Delete the pages ticked in the confirmation: each gets a revision
        that deletes it, and keeps its history.
        """
        titles = _ticked(self.form_result["title"])
        count_write(len(titles))
        if not titles:
            h.flash(
                _("No page was deleted: tick the pages to delete."), category="warning"
            )
        outcomes = {
            revisions.Saved: [],
            revisions.Unchanged: [],
            revisions.Conflict: [],
        }
        for title in titles:
            outcome = revisions.delete_page(
                title, auth.author(), self.form_result["summary"]
            )
            outcomes[type(outcome)].append((title, outcome))
        # One message for each outcome, however many pages: a session in a
        # cookie holds few.
        deleted = outcomes[revisions.Saved]
        for title, _outcome in deleted:
            log.info("Deleted %s", title)
        if len(deleted) == 1:
            title, outcome = deleted[0]
            h.flash(
                _(
                    "Deleted %(title)s (revision %(number)d). Its history "
                    "keeps every revision; restore one there to bring it "
                    "back."
                )
                % {"title": title, "number": outcome.revision.number}
            )
        elif deleted:
            h.flash(
                _(
                    "Deleted %(titles)s. Their histories keep every revision; "
                    "restore one there to bring a page back."
                )
                % {"titles": listed(deleted)}
            )
        missing = outcomes[revisions.Unchanged]
        if missing:
            h.flash(
                ungettext(
                    "%(titles)s has no page to delete.",
                    "%(titles)s have no page to delete.",
                    len(missing),
                )
                % {"titles": listed(missing)},
                category="warning",
            )
        overtaken = outcomes[revisions.Conflict]
        if overtaken:
            h.flash(
                ungettext(
                    "%(titles)s was not deleted: it is being saved by others "
                    "right now. Try again.",
                    "%(titles)s were not deleted: they are being saved by "
                    "others right now. Try again.",
                    len(overtaken),
                )
                % {"titles": listed(overtaken)},
                category="warning",
            )
        redirect(url("pages"))

    @restrict("POST")
    @require(may_protect)
    @authenticate_form
    @validate(schema=forms.ProtectForm())
    def protect(self, title):
        """Protect page ``title``, so that only admins edit it, or end its
        protection (``protected`` false)."""
        check_title(title, 400)
        refuse_errors(self.form_errors)
        protected = self.form_result["protected"]
        with meta.transaction() as session:
            found = session.execute(
                update(Page).where(Page.title == title).values(protected=protected)
            ).rowcount
        if not found:
            abort(
                404,
                detail=_("There is no page called %(title)s to protect.")
                % {"title": title},
            )
        log.info("%s %s", "Protected" if protected else "Unprotected", title)
        h.flash(
            (
                _("%(title)s is protected: only admins edit it.")
                if protected
                else _("%(title)s is no longer protected: editors edit it too.")
            )
            % {"title": title}
        )
        redirect(url("page", title=title))


#: The most pages one deletion names: a title list's page holds fewer.
MAX_DELETED = 100


def _ticked(titles):
    """``titles`` without repeats; 400 for more than :data:`MAX_DELETED`."""
    titles = list(dict.fromkeys(titles))
    if len(titles) > MAX_DELETED:
        abort(
            400,
            detail=_("One deletion names at most %(most)d pages, not %(count)d.")
            % {"most": MAX_DELETED, "count": len(titles)},
        )
    return titles


#: The title list's query parameters: the pager's links use one at a time.
_POSITIONS = ("after", "before", "page")


def _title_list_position(params):
    """Where the title list starts, from the query ``params``: ``(kind,
    title)`` with kind ``first``, ``after``, ``before`` or ``last``.

    Anything else the pager never writes is a 400 with an explanation.
    """
    given = [name for name in _POSITIONS if name in params]
    if not given:
        return "first", None
    values = params.getall(given[0])
    if len(given) > 1 or len(values) > 1:
        abort(
            400,
            detail=_(
                "The title list takes one of after=Title, before=Title or "
                "page=last, once."
            ),
        )
    name, value = given[0], values[0]
    if name == "page":
        if value != "last":
            abort(
                400,
                detail=_(
                    "The title list's pages are reached through its links: "
                    "page=last is its last page."
                ),
            )
        return "last", None
    if not is_title(value):
        abort(
            400,
            detail=_(
                "after= and before= name a page title, a WikiWord such as FrontPage."
            ),
        )
    return name, value


def _title_page(position, per_page):
    """Up to ``per_page`` titles in order from ``position``, with whether
    titles come before them and after them: ``(titles, earlier, later)``.

    Each is an index seek on the title (keyset pagination): no count and no
    OFFSET, so the last page of a million titles costs what the first does.
    One title more than the page holds says whether the list goes on.
    """
    kind, bound = position
    forward = kind in ("first", "after")
    found = meta.read_all(_TITLE_PAGES[kind], {"bound": bound, "count": per_page + 1})
    titles = [title for (title,) in found]
    goes_on = len(titles) > per_page  # past this page, in reading order
    del titles[per_page:]
    if not forward:
        titles.reverse()
    if bound is not None and not titles:
        abort(
            404,
            detail=(
                _("The title list has no titles after %(title)s.")
                if kind == "after"
                else _("The title list has no titles before %(title)s.")
            )
            % {"title": bound},
        )
    if forward:
        earlier = kind == "after" and _any_title("before", titles[0])
        return titles, earlier, goes_on
    later = kind == "before" and _any_title("after", titles[-1])
    return titles, goes_on, later


def _titles(order, *conditions):
    """The query of up to ``count`` titles of live pages that meet
    ``conditions``, in ``order``."""
    return (
        select(Page.title)
        .where(live(), *conditions)
        .order_by(order)
        .limit(bindparam("count"))
    )


#: The title list's queries, by where a page of it starts, built once
#: with the ``bound`` title and the ``count`` as parameters, and read as
#: rows: a list of titles needs no ORM session.
_TITLE_PAGES = {
    "first": _titles(Page.title),
    "after": _titles(Page.title, Page.title > bindparam("bound")),
    "before": _titles(Page.title.desc(), Page.title < bindparam("bound")),
    "last": _titles(Page.title.desc()),
}


def _any_title(kind, bound):
    """Whether the title list has a title ``kind`` (after or before)
    title ``bound`` (one index seek)."""
    query = _TITLE_PAGES[kind]
    return meta.read_one(query, {"bound": bound, "count": 1}) is not None


def _revision_rendering(title, shown, latest):
    """Revision ``shown`` of page ``title`` rendered: the page's stored
    rendering if it is the latest, else its kept one, rendered and kept
    by its first view."""
    if shown.number == latest.number:
        current = renderings.show(title, page_url)
        if current is not None and current.revision == shown.number:
            return current
    return renderings.render(
        title, shown.content, page_url, file_urls(title), keep=True
    )


def _compared(old_text, new_text):
    """``(hunks, None)``: what changed from ``old_text`` to ``new_text``,
    compared in a worker within the request's budget; ``(None, reason)``
    when that could not be done.
    """
    try:
        return work.run(diffs.compare, old_text, new_text), None
    except WorkerError as exc:
        log.warning("Could not compare two revisions: %s", exc)
        return None, str(exc)


def _digest(html):
    """A digest of a page's ``html``, which the renderer may make anew for
    one revision (when a page it links to is made or deleted)."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()
