"""Renaming pages, and then leading the links of the pages that link to
the old title to the new one; both are the admins' (``may_rename``)."""

import logging

from pylons import tmpl_context as c
from pylons import url
from pylons.controllers.util import abort, redirect
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import authenticate_form, require

from quickwiki.lib import auth, backlinks, forms, renames, renderings, revisions
from quickwiki.lib import helpers as h
from quickwiki.lib.base import (
    BaseController,
    answer_errors_with_400,
    check_title,
    own_status,
    page_url,
    render,
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
            abort(404, detail="There is no page called %s to rename." % title)
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
            abort(404, detail="There is no page called %s to rename." % title)
        except renames.TitleTaken as taken:
            own_status(409)
            (other,) = taken.args
            h.flash(
                "%s was not renamed: %s has a page, or a history, already. "
                "Choose another title." % (title, new)
                if other == new
                else "%s was not renamed: %s looks like the title of %s, which "
                "readers would take it for. Choose another title."
                % (title, new, other),
                category="error",
            )
            return self.rename_form(title)
        if isinstance(outcome, revisions.Conflict):
            own_status(409)
            h.flash(
                "%s was not renamed: it changed while you were looking, to "
                "revision %d. Check it, then rename it again."
                % (title, outcome.head.number),
                category="error",
            )
            return self.rename_form(title)
        log.info("Renamed %s to %s", title, new)
        h.flash(
            "Renamed %s to %s%s."
            % (title, new, ", leaving a redirect" if outcome.redirect else "")
        )
        linking, _ = backlinks.linking_to(title, 1)
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
            abort(400, detail="Name the old title: ?old=Title.")
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
    @validate(schema=forms.RelinkForm(), form="relink_form", force_defaults=False)
    def relink(self, title):
        """Give each ticked page a revision whose links to the old title
        lead to page ``title``; say what became of each."""
        check_title(title, 400)
        old = self.form_result["old"]
        summary = "Links to %s lead to %s, its new title" % (old, title)
        for linking in dict.fromkeys(self.form_result["page"]):
            h.flash(_relinked(linking, old, title, summary), category="notice")
        redirect(url("relink", title=title, old=old))


def _relinked(linking, old, new, summary):
    """Lead page ``linking``'s links to ``old`` to ``new``: what happened."""
    latest = revisions.head(linking)
    if latest is None or latest.deleted:
        return "%s has no page to change." % linking
    text = renames.relinked(latest.content, old, new)
    if text == latest.content:
        return "%s does not name %s in its text." % (linking, old)
    outcome = revisions.save(
        linking,
        latest.number,
        text,
        auth.author(),
        summary,
        render=lambda source: renderings.render(linking, source, page_url),
    )
    if isinstance(outcome, revisions.Saved):
        return "%s now links to %s (revision %d)." % (
            linking,
            new,
            outcome.revision.number,
        )
    return "%s was being changed by someone else: it was left as it is." % linking
