"""A page's reStructuredText source rendered as HTML, its WikiWords linked.

docutils parses the source into a document tree.  Before the tree is
written out as an HTML fragment, the WikiWords in its text become links to
their pages, and links whose scheme a browser would run as code lose their
target.  Working on the tree, not on the HTML, is what keeps WikiWords in
tags, attributes, URLs, literals and existing links from being linked.
"""
import copy
import functools
from urllib.parse import urlsplit

from docutils import io, nodes
from docutils.core import publish_doctree, publish_parts
from docutils.frontend import get_default_settings
from docutils.parsers import rst
from docutils.readers import doctree, standalone
from docutils.writers import html5_polyglot
from markupsafe import Markup

from quickwiki.lib.wikiwords import find_wikiwords

__all__ = ["EXISTING_PAGE_CLASS", "MISSING_PAGE_CLASS", "render"]

#: The CSS class of a link to a page that exists.
EXISTING_PAGE_CLASS = "wikilink"
#: The CSS class of a link to a page that has yet to be written.
MISSING_PAGE_CLASS = "wikilink-missing"

SETTINGS = {
    # A page's author may neither read the server's files nor write HTML.
    "file_insertion_enabled": False,
    "raw_enabled": False,
    # Bad markup never stops the rendering: problems of level WARNING and
    # above are reported inline, where the author sees them, and kept out of
    # the server's log.
    "halt_level": 5,
    "report_level": 2,
    "warning_stream": False,
    # No docutils.conf of the server's working directory applies.
    "_disable_config": True,
    # The page layout shows the page's title as <h1>; the source's own
    # headings stay in the body, from <h2> down.
    "doctitle_xform": False,
    "initial_header_level": 2,
    # Only the body fragment is used: the writer need not read its CSS.
    "embed_stylesheet": False,
}

#: Text inside these is code, markup or already a link: never linked.
_UNLINKED_CONTEXTS = (
    nodes.FixedTextElement,  # literal blocks, doctest blocks, comments, ...
    nodes.literal,
    nodes.math,
    nodes.reference,
    nodes.problematic,
    nodes.system_message,
)

#: URL schemes a link may have; others (javascript:, data:, ...) are dropped.
_SAFE_SCHEMES = frozenset(["", "http", "https", "ftp", "mailto"])


def render(source, existing_titles, page_url):
    """``source`` as a markup-safe HTML fragment, with WikiWords linked.

    ``existing_titles(titles)`` tells which of a set of titles have a page
    (called once, for all the WikiWords of the page); ``page_url(title)``
    is the address of a page.
    """
    document = publish_doctree(source, settings=_settings())
    _drop_unsafe_targets(document)
    _link_wikiwords(document, existing_titles, page_url)
    parts = publish_parts(document, source_class=io.DocTreeInput,
                          reader=doctree.Reader(),
                          writer=html5_polyglot.Writer(),
                          settings=_settings())
    return Markup(parts["fragment"])


@functools.cache
def _default_settings():
    # Building docutils' settings parses every component's option specs,
    # which costs a fifth of a page view: do it once.
    settings = get_default_settings(rst.Parser, standalone.Reader,
                                    html5_polyglot.Writer)
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    return settings


def _settings():
    """A fresh copy of the settings, as publishing writes into them."""
    return copy.copy(_default_settings())


def _drop_unsafe_targets(document):
    """Turn links with an unsafe scheme into plain text (an inline span)."""
    for reference in list(document.findall(nodes.reference)):
        scheme = urlsplit(reference.get("refuri", "")).scheme.lower()
        if scheme not in _SAFE_SCHEMES:
            reference.replace_self(nodes.inline(reference.rawsource, "",
                                                *reference.children))


def _link_wikiwords(document, existing_titles, page_url):
    """Replace the WikiWords of linkable text with references to their pages."""
    found = [(text, spans) for text in document.findall(nodes.Text)
             if _linkable(text) and (spans := find_wikiwords(str(text)))]
    titles = {str(text)[start:end] for text, spans in found
              for start, end in spans}
    existing = set(existing_titles(titles)) if titles else set()
    # replace() finds a child by equality, and Text nodes compare as
    # strings: replacing in document order, the first equal child is this one.
    for text, spans in found:
        text.parent.replace(text, _linked_pieces(str(text), spans, existing,
                                                 page_url))


def _linkable(text):
    ancestor = text.parent
    while ancestor is not None:
        if isinstance(ancestor, _UNLINKED_CONTEXTS):
            return False
        ancestor = ancestor.parent
    return True


def _linked_pieces(text, spans, existing, page_url):
    """``text`` as Text nodes and references, one reference a span."""
    pieces = []
    position = 0
    for start, end in spans:
        if start > position:
            pieces.append(nodes.Text(text[position:start]))
        title = text[start:end]
        css_class = EXISTING_PAGE_CLASS if title in existing else MISSING_PAGE_CLASS
        pieces.append(nodes.reference(title, title, refuri=page_url(title),
                                      classes=[css_class]))
        position = end
    if position < len(text):
        pieces.append(nodes.Text(text[position:]))
    return pieces

