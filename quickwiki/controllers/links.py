"""The wiki's links: what links to a page, and the pages wanted."""

from pylons import app_globals, url
from pylons import tmpl_context as c
from pylons.decorators import validate
from pylons.decorators.secure import require

from quickwiki.lib import backlinks, forms
from quickwiki.lib.base import BaseController, check_title, refuse_errors, render
from quickwiki.lib.permissions import may_read


class LinksController(BaseController):
    """The actions behind ``/pages/backlinks/...`` and ``/pages/wanted``."""

    @require(may_read)
    @validate(schema=forms.TitlesQuery(), post_only=False, on_get=True)
    def backlinks(self, title):
        """The pages that link to page ``title``, whether it has a page or
        not, a page of titles at a time (``?after=Title``)."""
        check_title(title, 404)
        refuse_errors(self.form_errors)
        after = self.form_result["after"]
        c.title = title
        c.titles, more = backlinks.linking_to(title, app_globals.titles_per_page, after)
        c.first_url = url("backlinks", title=title) if after else None
        c.next_url = url("backlinks", title=title, after=c.titles[-1]) if more else None
        return render("/links/backlinks.mako")

    @require(may_read)
    @validate(schema=forms.TitlesQuery(), post_only=False, on_get=True)
    def wanted(self):
        """The titles that pages link to but that have no page, each with
        how many pages want it, a page of titles at a time."""
        refuse_errors(self.form_errors)
        after = self.form_result["after"]
        c.wanted, more = backlinks.wanted(app_globals.titles_per_page, after)
        c.first_url = url("wanted") if after else None
        c.next_url = url("wanted", after=c.wanted[-1][0]) if more else None
        return render("/links/wanted.mako")
