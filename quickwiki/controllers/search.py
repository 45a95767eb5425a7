"""Searching the wiki: a title goes to its page, other words find pages."""

from pylons import app_globals, url
from pylons import tmpl_context as c
from pylons.controllers.util import redirect
from pylons.decorators import validate
from pylons.decorators.secure import require

from quickwiki.lib import forms, limiting, search
from quickwiki.lib.base import BaseController, refuse_errors, render
from quickwiki.lib.permissions import may_read
from quickwiki.lib.wikiwords import is_title
from quickwiki.model import existing_titles, meta


class SearchController(BaseController):
    """The action behind ``/pages/search``."""

    @require(may_read)
    @validate(schema=forms.SearchQuery(), post_only=False, on_get=True)
    def index(self):
        """The pages matching ``?q=``, best first, a page of them at a time
        (``?page=N``); the page itself when ``q`` is its exact title."""
        refuse_errors(self.form_errors)
        typed, number = self.form_result["q"], self.form_result["page"]
        has_page = is_title(typed) and bool(existing_titles([typed]))
        if has_page and number == 1:
            redirect(url("page", title=typed))
        limiting.hit("searches", limiting.client())
        per_page = app_globals.titles_per_page
        c.typed = typed
        c.query = search.parse(typed)
        c.number = number
        c.first = (number - 1) * per_page + 1
        found = search.search(meta.Session, c.query, c.first - 1, per_page + 1)
        c.hits = found.hits[:per_page]
        c.narrowed = found.narrowed
        c.most_ranked = search.MAX_RANKED
        c.earlier = number > 1
        c.later = len(found.hits) > per_page and number < forms.MAX_RESULT_PAGES
        # A title typed that has no page: offer to write it.
        c.creatable = typed if is_title(typed) and not has_page else None
        return render("/search/index.mako")
