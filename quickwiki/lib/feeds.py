"""Atom feeds of changes: the recent changes of the wiki, a page's history.

The feeds are made with feedgen, a maintained library that writes Atom
1.0 as its RFC says (the required elements, RFC 3339 times, escaping,
well-formed XML through lxml), rather than with a template of our own,
where each of those would be ours to get right.  Each entry is a
revision: its id is the revision's address, which never changes, and it
links to what the revision changed (its diff), or to the revision itself
when it is the page's first.
"""

from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from pylons import url
from pylons.i18n import _, ungettext

__all__ = ["MEDIA_TYPE", "atom"]

#: The media type of an Atom feed.
MEDIA_TYPE = "application/atom+xml"


def atom(title, feed_url, page_url, changes, updated):
    """The Atom document, as bytes, of the feed called ``title``, found at
    ``feed_url`` (absolute) and shown as HTML at ``page_url``, of
    :class:`quickwiki.lib.changes.Change` ``changes``, newest first;
    ``updated`` is its time when it has no entry.
    """
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=feed_url, rel="self", type=MEDIA_TYPE)
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.updated(changes[0].created if changes else updated)
    feed.generator("QuickWiki")
    # The entries' addresses are the feed's origin before their paths, as
    # Routes qualifies a URL: it remembers a path once made, but makes a
    # qualified URL afresh each time, most of a long feed's time.
    parts = urlsplit(feed_url)
    origin = "%s://%s" % (parts.scheme, parts.netloc)
    for change in changes:
        _add_entry(feed, change, origin)
    return feed.atom_str(pretty=True)


def _add_entry(feed, change, origin):
    """Add revision ``change`` to ``feed``, after those added before it,
    with its addresses on ``origin``."""
    entry = feed.add_entry(order="append")
    revision_url = origin + url("revision", title=change.page, number=change.number)
    entry.id(revision_url)
    entry.title(_headline(change))
    if change.number > 1:
        entry.link(
            href=origin
            + url("diff", title=change.page, old=change.number - 1, new=change.number),
            rel="alternate",
            type="text/html",
        )
    else:
        entry.link(href=revision_url, rel="alternate", type="text/html")
    entry.updated(change.created)
    entry.author({"name": change.author})
    entry.summary(_description(change))


def _headline(change):
    """An entry's title: the page, and its summary or what happened."""
    if change.deleted:
        return _("%(title)s deleted") % {"title": change.page}
    if change.summary:
        return "%s: %s" % (change.page, change.summary)
    return _("%(title)s, revision %(number)d") % {
        "title": change.page,
        "number": change.number,
    }


def _description(change):
    """An entry's summary, as plain text."""
    what = (
        _("deleted the page")
        if change.deleted
        else ungettext("%(growth)+d byte", "%(growth)+d bytes", abs(change.growth))
        % {"growth": change.growth}
    )
    text = _("Revision %(number)d of %(title)s by %(author)s (%(what)s).") % {
        "number": change.number,
        "title": change.page,
        "author": change.author,
        "what": what,
    }
    return "%s %s" % (text, change.summary) if change.summary else text
