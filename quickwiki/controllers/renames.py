"""Renaming pages, and then leading the links of the pages that link to
the old title to the new one; both are the admins' (``may_rename``)."""

import logging

from pylons import tmpl_context as c
from pylons import url
from pylons.controllers.util import abort, redirect
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require
from pylons.i18n import _, ungettext

from quickwiki.lib import auth, backlinks, forms, renames, revisions
from quickwiki.lib import helpers as h
from quickwiki.lib.base import (
    BaseController,
    answer_errors_with_400,
    check_title,
    costly,
    count_write,
    listed,
    own_status,
    render,
    renderer,
)
from quickwiki.lib.permissions import may_rename

log = logging.getLogger(__name__)

#: How many of the pages linking to a renamed page are offered for their
#: links to be led to its new title at once; once led, the next are.
RELINKED_AT_ONCE = 100


class RenamesController(BaseController):
    """The actions behind ``/pages/rename/...`` and ``/pages/relink/...``."""

    @require(may_rename)
    def rename_form(self, title):
        """The form that renames page ``title``."""
        check_title(title, 404)
        latest = revisions.head(title)
        if latest is None or latest.deleted:
            abort(
                404,
                detail=_("There is no page called %(title)s to rename.")
                % {"title": title},
            )
        answer_errors_with_400()
        c.title = title
        c.base = latest.number
        return render("/pages/rename.mako")

    @restrict("POST")
    @require(may_rename)
    @authenticate_form
    @validate(schema=forms.RenameForm(), form="rename_form", force_defaults=False)
    def rename(self, title):
        """Rename page ``title`` to the form's new title, leaving a redirect
        if asked; then offer to lead the links to it there."""
        check_title(title, 400)
        form = self.form_result
        new = form["new"]
        # The revision at the new title, and the redirect's.
        count_write(2 if form["redirect"] else 1)
        try:
            outcome = renames.rename(
                title,
                new,
                form["base"],
                auth.author(),
                form["summary"],
                leave_redirect=form["redirect"],
            )
        except revisions.NoSuchRevision:
            abort(
                404,
                detail=_("There is no page called %(title)s to rename.")
                % {"title": title},
            )
        except renames.TitleTaken as taken:
            own_status(409)
            (other,) = taken.args
            h.flash(
                (
                    _(
                        "%(title)s was not renamed: %(new)s has a page, or a "
                        "history, already. Choose another title."
                    )
                    if other == new
                    else _(
                        "%(title)s was not renamed: %(new)s looks like the title "
                        "of %(other)s, which readers would take it for. Choose "
                        "another title."
                    )
                )
                % {"title": title, "new": new, "other": other},
                category="error",
            )
            return self.rename_form(title)
        if isinstance(outcome, revisions.Conflict):
            own_status(409)
            h.flash(
                _(
                    "%(title)s was not renamed: it changed while you were "
                    "looking, to revision %(number)d. Check it, then rename it "
                    "again."
                )
                % {"title": title, "number": outcome.head.number},
                category="error",
            )
            return self.rename_form(title)
        log.info("Renamed %s to %s", title, new)
        h.flash(
            (
                _("Renamed %(title)s to %(new)s, leaving a redirect.")
                if outcome.redirect
                else _("Renamed %(title)s to %(new)s.")
            )
            % {"title": title, "new": new}
        )
        linking, _more = backlinks.linking_to(title, 1)
        if linking and outcome.redirect is not None:
            redirect(url("relink", title=new, old=title))
        redirect(url("page", title=new))

    @require(may_rename)
    @validate(schema=forms.RelinkQuery(), post_only=False, on_get=True)
    def relink_form(self, title):
        """The pages that link to ``?old=``, offered for their links to lead
        to page ``title``, each with a revision of its own."""
        check_title(title, 404)
        if self.form_errors:
            abort(400, detail=_("Name the old title: ?old=Title."))
        old = self.form_result["old"]
        answer_errors_with_400()
        c.title, c.old = title, old
        c.linking, c.more = backlinks.linking_to(old, RELINKED_AT_ONCE)
        # The redirect's own link leads there already.
        c.linking = [page for page in c.linking if page != title]
        return render("/pages/relink.mako")

    @restrict("POST")
    @require(may_rename)
    @authenticate_form
    @costly
    @validate(schema=forms.RelinkForm(), form="relink_form", force_defaults=False)
    def relink(self, title):
        """Give each ticked page a revision whose links to the old title
        lead to page ``title``; say what became of each."""
        check_title(title, 400)
        old = self.form_result["old"]
        ticked = list(dict.fromkeys(self.form_result["page"]))
        if len(ticked) > RELINKED_AT_ONCE:
            abort(
                400,
                detail=_("One relink changes at most %(most)d pages, not %(count)d.")
                % {"most": RELINKED_AT_ONCE, "count": len(ticked)},
            )
        count_write(len(ticked))
        summary = "Links to %s lead to %s, its new title" % (old, title)
        outcomes = {kind: [] for kind in _RELINK_MESSAGES}
        for linking in ticked:
            outcomes[_relinked(linking, old, title, summary)].append((linking, None))
        # One message for each outcome, however many pages: a session in a
        # cookie holds few.
        for kind, done in outcomes.items():
            if done:
                h.flash(
                    _RELINK_MESSAGES[kind](len(done))
                    % {"titles": listed(done), "new": title, "old": old},
                    category="notice" if kind == "relinked" else "warning",
                )
        redirect(url("relink", title=title, old=old))


#: What a relink says of the ``count`` pages of each outcome, which it
#: names as ``titles``.
_RELINK_MESSAGES = {
    "relinked": lambda count: ungettext(
        "%(titles)s now links to %(new)s, in a new revision.",
        "%(titles)s now link to %(new)s, each in a new revision.",
        count,
    ),
    "gone": lambda count: ungettext(
        "%(titles)s has no page to change.",
        "%(titles)s have no page to change.",
        count,
    ),
    "unnamed": lambda count: ungettext(
        "%(titles)s does not name %(old)s in its text.",
        "%(titles)s do not name %(old)s in their text.",
        count,
    ),
    "busy": lambda count: ungettext(
        "%(titles)s was being changed by someone else, and was left as it is.",
        "%(titles)s were being changed by someone else, and were left as they are.",
        count,
    ),
}


def _relinked(linking, old, new, summary):
    """Lead page ``linking``'s links to ``old`` to ``new``: what became of
    it, a key of :data:`_RELINK_MESSAGES`."""
    latest = revisions.head(linking)
    if latest is None or latest.deleted:
        return "gone"
    text = renames.relinked(latest.content, old, new)
    if text == latest.content:
        return "unnamed"
    outcome = revisions.save(
        linking,
        latest.number,
        text,
        auth.author(),
        summary,
        render=renderer(linking),
    )
    if isinstance(outcome, revisions.Saved):
        return "relinked"
    return "busy"
