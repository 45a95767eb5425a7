"""A page's reStructuredText source rendered as safe HTML, its WikiWords linked.

Any visitor may write a page, so the rendering is safe by construction:

- docutils runs with every feature that reads a file or a URL off, and the
  document tree is made safe before it is written out: images are never
  embedded (their ``loading`` option is dropped), a video or other
  non-image is a plain link to it, and links and images whose scheme is
  not http, https or mailto lose their target.  The writer itself cannot
  map an address to a file of the server.
- The WikiWords of the tree's text become links to their pages; working on
  the tree, not on the HTML, keeps WikiWords in tags, attributes, URLs,
  literals and existing links from being linked.  External links get
  ``rel="nofollow ugc"``.
- A title heading the whole text (its document title, in docutils' words)
  is taken out of the tree as plain text, :attr:`Output.title`, for the
  page's layout to show as the page's one top heading; a subtitle under it
  stays in the text, as its first paragraph.
- docutils' system messages (bad markup, a disabled directive) are taken
  out of the tree, and out of what the writer adds, as :class:`Problem`
  tuples: readers see the page without them, its author sees them in the
  preview and the edit form.
- The HTML fragment then passes through nh3, an allowlist sanitiser: only
  the tags and attributes docutils writes for the wiki's reST are kept,
  and URLs only with the schemes above (or relative ones).
- :func:`render` runs all this in a worker process, under a time and memory
  limit (:mod:`quickwiki.lib.work`).  A text too large, too deep, too
  slow, making too much HTML or that docutils cannot handle gives an error
  message in the page (a :class:`Failure`), with its source as plain
  text, never a failed request.
"""

import copy
import functools
import hashlib
import logging
import mimetypes
import pathlib
import re
from typing import NamedTuple
from urllib.parse import urlsplit

import docutils
import nh3
from docutils import io, nodes, utils
from docutils.core import publish_doctree, publish_parts
from docutils.frontend import get_default_settings
from docutils.parsers import rst
from docutils.parsers.rst import roles
from docutils.readers import doctree, standalone
from docutils.writers import html5_polyglot
from markupsafe import Markup

from quickwiki.lib import wikiwords, work
from quickwiki.lib.wikiwords import find_wikiwords, normalise
from quickwiki.lib.workers import WorkerBusy, WorkerError, WorkerStartFailed

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "DEFAULT_LIMITS",
    "Deferred",
    "Failure",
    "EXISTING_PAGE_CLASS",
    "FILE_LINK_CLASS",
    "MISSING_PAGE_CLASS",
    "PAGE_CLASS_PREFIX",
    "Output",
    "Problem",
    "RENDERER_VERSION",
    "RENDER_ERROR_CLASS",
    "URL_SCHEMES",
    "code_digest",
    "configure",
    "render",
    "render_in_process",
    "sanitise",
]

log = logging.getLogger(__name__)


def code_digest(paths):
    """A short digest of the files at ``paths``: it changes when any does."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(pathlib.Path(path).read_bytes())
    return digest.hexdigest()[:16]


#: What made a rendering: two renderings of one source with the same
#: version are the same HTML (but for which linked pages exist).  The code
#: that decides the HTML is named by a digest of its source, not by a
#: number to raise by hand, so that no change to it (a security fix above
#: all) can leave pages served as the old code rendered them.
RENDERER_VERSION = "quickwiki-wikitext %s; docutils %s; nh3 %s" % (
    code_digest([__file__, wikiwords.__file__]),
    docutils.__version__,
    nh3.__version__,
)

#: The CSS class of a link to a page that exists.
EXISTING_PAGE_CLASS = "wikilink"
#: The CSS class of a link to a page that has yet to be written.
MISSING_PAGE_CLASS = "wikilink-missing"
#: The CSS class of a link to a file of a page (the ``:file:`` role).
FILE_LINK_CLASS = "file-link"
#: A reference to a page's file in an image's address: its name, or the
#: page's title, a slash and its name; nothing else of a URL.
_FILE_REFERENCE = re.compile(r"[^/:?#\\.][^/:?#\\]*(?:/[^/:?#\\.][^/:?#\\]*)?")
# Where a :file: link keeps its reference until the address is known.
_FILE_ATTRIBUTE = "quickwiki_file"
#: What starts every class the text of a page gives its elements, and
#: every id in it: never one of the site's own.
PAGE_CLASS_PREFIX = "page-"
#: The CSS class of the message shown instead of a page that failed to render.
RENDER_ERROR_CLASS = "render-error"


class Problem(NamedTuple):
    """A problem docutils found in a page's text, for its author's eyes:
    docutils' ``level`` (2 warning, 3 error, 4 severe), the ``line`` of the
    text (None when docutils does not say) and its ``message``.
    """

    level: int
    line: int | None
    message: str

    @property
    def severity(self):
        """The level's name: "warning", "error" or "severe"."""
        return _SEVERITIES.get(self.level, "problem")


_SEVERITIES = {2: "warning", 3: "error", 4: "severe"}


class Output(NamedTuple):
    """A page's text rendered: the ``html`` readers see, the ``problems``
    docutils found in it, which only its author is shown, and the text's
    own ``title`` (None when it has none).
    """

    html: Markup
    problems: tuple[Problem, ...] = ()
    title: str | None = None


class Failure(Markup):
    """The message shown instead of a page that could not be rendered (too
    large, too slow, too much memory or HTML, docutils failing on it): a
    lasting verdict on the text, to be kept so that it is not tried again.
    """


class Deferred(Markup):
    """The message shown instead of a page when no worker could take it in
    time, or the request had no time left: unlike :class:`Failure`, it
    says nothing of the text, so it is not to be kept; the next try may
    well succeed.
    """


SETTINGS = {
    # A page's author may neither read the server's files nor write HTML.
    "file_insertion_enabled": False,
    "raw_enabled": False,
    # Images are links to their address, never read and embedded.
    "image_loading": "link",
    # Bad markup never stops the rendering: problems of level WARNING and
    # above are reported in the tree, whence they are taken for the author
    # (_take_problems), and kept out of the server's log.
    "halt_level": 5,
    "report_level": 2,
    "warning_stream": False,
    # An exception is raised to the caller, not turned into sys.exit().
    "traceback": True,
    # No docutils.conf of the server's working directory applies.
    "_disable_config": True,
    # A lone title heading the text is the document's title, which the
    # page layout shows as <h1> (_take_title); the other headings stay in
    # the body, from <h2> down.
    "doctitle_xform": True,
    "initial_header_level": 2,
    # Only the body fragment is used: the writer need not read its CSS.
    "embed_stylesheet": False,
    "math_output": "MathML",
    # The page's ids never take one of the site's own (id="content").
    "id_prefix": PAGE_CLASS_PREFIX,
    # Code blocks highlighted by Pygments, as classes (short names, then
    # prefixed like every class of a page) that the stylesheet colours: no
    # style attribute survives the sanitiser.
    "syntax_highlight": "short",
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

#: URL schemes a link or image may have; relative URLs have none.
URL_SCHEMES = frozenset(["http", "https", "mailto"])
_EXTERNAL_LINK_REL = "nofollow ugc"

_MATHML_TAGS = frozenset(
    [
        "math",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "mrow",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "merror",
        "mpadded",
        "mphantom",
        "menclose",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "semantics",
        "annotation",
    ]
)
_MATHML_ATTRIBUTES = frozenset(
    [
        "display",
        "mathvariant",
        "stretchy",
        "movablelimits",
        "accent",
        "accentunder",
        "form",
        "fence",
        "separator",
        "lspace",
        "rspace",
        "mathsize",
        "scriptlevel",
        "displaystyle",
        "columnalign",
        "columnspacing",
        "rowspacing",
        "notation",
        "minsize",
        "maxsize",
        "symmetric",
        "width",
        "linethickness",
    ]
)
#: The tags docutils' HTML5 writer uses for a page's body, and no others.
ALLOWED_TAGS = (
    frozenset(
        [
            "a",
            "abbr",
            "aside",
            "b",
            "bdi",
            "blockquote",
            "br",
            "caption",
            "cite",
            "code",
            "col",
            "colgroup",
            "dd",
            "del",
            "dfn",
            "div",
            "dl",
            "dt",
            "em",
            "figcaption",
            "figure",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "i",
            "img",
            "ins",
            "kbd",
            "li",
            "mark",
            "nav",
            "ol",
            "p",
            "pre",
            "q",
            "s",
            "samp",
            "section",
            "small",
            "span",
            "strong",
            "sub",
            "sup",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "u",
            "ul",
            "var",
        ]
    )
    | _MATHML_TAGS
)
#: The attributes each tag keeps ("*": every tag); no style, no handlers.
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "h6": {"aria-level"},
    **{tag: set(_MATHML_ATTRIBUTES) for tag in _MATHML_TAGS},
}
#: Attributes kept only with one of these values.
_ALLOWED_ATTRIBUTE_VALUES = {
    "a": {"rel": {_EXTERNAL_LINK_REL}},
    "img": {"loading": {"lazy"}},
}

#: :func:`render`'s bounds, unless :func:`configure` sets others.
DEFAULT_LIMITS = {
    "max_size": 256 * 2**10,
    "max_html_size": 4 * 2**20,
}
_limits = dict(DEFAULT_LIMITS)


def configure(**limits):
    """Set :func:`render`'s bounds: a source of more than ``max_size``
    bytes (UTF-8) is not rendered, nor one whose HTML would be longer than
    ``max_html_size`` bytes.  Those not given take their
    :data:`DEFAULT_LIMITS`.  The time and memory rendering may take are
    those of :mod:`quickwiki.lib.work`.
    """
    unknown = set(limits) - set(DEFAULT_LIMITS)
    if unknown:
        raise TypeError("Unknown rendering limits: %s" % ", ".join(sorted(unknown)))
    _limits.update(DEFAULT_LIMITS, **limits)


def render(source, existing_titles, page_url, file_url=None):
    """``source`` as an :class:`Output`: a markup-safe HTML fragment, with
    WikiWords linked, and the problems docutils found.

    ``existing_titles(titles)`` tells which of a set of titles have a page
    (called once, for all the WikiWords of the page); ``page_url(title)``
    is the address of a page; ``file_url(reference)`` that of the file a
    reference in the text names (``Photo.png``, or ``OtherPage/Photo.png``),
    or None if it names none (and without ``file_url``, none does).  They
    are called in this thread; the rendering runs in a worker process
    (:func:`quickwiki.lib.work.run`),
    within the bounds set by :func:`configure`.
    """
    source = _valid_text(source)
    size = len(source.encode("utf-8"))
    if size > _limits["max_size"]:
        return Output(
            _error_fragment(
                "This page is not shown: its text is %d bytes long, more than "
                "the %d the wiki renders." % (size, _limits["max_size"])
            )
        )

    def answer(question):
        kind, names = question
        if kind == "files":
            return _file_urls(file_url, names)
        return set(existing_titles(names)), {t: page_url(t) for t in names}

    try:
        html, problems, title, failed = work.run(
            _render_in_worker, source, _limits["max_html_size"], answer=answer
        )
    except (WorkerBusy, WorkerStartFailed, work.BudgetSpent) as exc:
        log.warning("Could not render a page now: %s", exc)
        return Output(
            Deferred(
                _error_fragment(
                    "This page could not be rendered just now: %s. Its text is "
                    "shown as it is; try again in a moment." % exc,
                    source,
                )
            )
        )
    # A text that ran past the deadline or out of memory would do so again:
    # that is the renderer's verdict on it, as docutils' failures are.
    except WorkerError as exc:
        log.warning("Could not render a page: %s", exc)
        return Output(
            _error_fragment(
                "This page could not be rendered: %s. Its text is shown as it is."
                % exc,
                source,
            )
        )
    return Output((Failure if failed else Markup)(html), problems, title)


def _render_in_worker(source, max_html_size):
    """:func:`render_in_process` in a worker, asking the server about
    links: ``(html, problems, failed)``, the HTML a failure message when
    it would be longer than ``max_html_size`` bytes."""
    urls = {}

    def existing_titles(titles):
        existing, found_urls = work.ask(("pages", titles))
        urls.update(found_urls)
        return existing

    html, problems, title = _render(
        source,
        existing_titles,
        urls.__getitem__,
        lambda references: work.ask(("files", references)),
    )
    size = len(html.encode("utf-8"))
    if size > max_html_size:
        # Made in the worker, whose memory it may fill, and never sent.
        html, title = (
            _error_fragment(
                "This page is not shown: its HTML would be %d bytes long, more "
                "than the %d the wiki sends. Its text is shown as it is."
                % (size, max_html_size),
                source,
            ),
            None,
        )
    return str(html), problems, title, isinstance(html, Failure)


def render_in_process(source, existing_titles, page_url, file_url=None):
    """What :func:`render` does, in this process, without its bounds.

    For tests: a server calls :func:`render`.
    """
    return _render(
        source,
        existing_titles,
        page_url,
        lambda references: _file_urls(file_url, references),
    )


def _file_urls(file_url, references):
    """The address of the file each of ``references`` names, or None."""
    return {
        reference: file_url(reference) if file_url is not None else None
        for reference in references
    }


def _render(source, existing_titles, page_url, file_urls):
    """:func:`render_in_process`, with the file references' addresses
    looked up all at once: ``file_urls(references)`` maps each to its
    address, or to None."""
    source = _valid_text(source)
    try:
        html, problems, title = _html_fragment(
            source, existing_titles, page_url, file_urls
        )
        return Output(Markup(sanitise(html)), problems, title)
    except RecursionError:
        reason = "its markup is nested too deeply"
    # Whatever else docutils fails with on some input is the page's problem,
    # to be shown to its author, not the server's.
    except Exception as exc:
        log.warning("docutils failed on a page", exc_info=True)
        reason = "docutils failed (%s)" % type(exc).__name__
    return Output(
        _error_fragment(
            "This page could not be rendered: %s. Its text is shown as it is." % reason,
            source,
        )
    )


def _valid_text(source):
    """``source`` with lone surrogates (no valid Unicode) replaced by U+FFFD."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        # Encoding as UTF-16 joins surrogate pairs, decoding replaces the rest.
        return source.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return source


def _error_fragment(message, source=None):
    """A :class:`Failure`: a message in the page, with the page's text as
    plain text."""
    html = Markup('<div class="%s"><p>%s</p>') % (RENDER_ERROR_CLASS, message)
    if source is not None:
        html += Markup("<pre>%s</pre>") % source
    return Failure(html + Markup("</div>"))


def _html_fragment(source, existing_titles, page_url, file_urls):
    """The HTML docutils writes for ``source``'s document tree, made safe,
    the problems docutils found, parsing and writing, and the text's title.
    """
    document = publish_doctree(source, settings=_settings())
    # The text's classes are prefixed first: the steps after add the
    # wiki's own (a subtitle's, the WikiWords' links).
    _namespace_classes(document)
    title = _take_title(document)
    _neutralise_images(document)
    _link_files(document, file_urls)
    _drop_unsafe_targets(document)
    _link_wikiwords(document, existing_titles, page_url)
    problems = _take_problems(document)
    writer = _Writer()
    parts = publish_parts(
        document,
        source_class=io.DocTreeInput,
        reader=doctree.Reader(),
        writer=writer,
        settings=_settings(),
    )
    problems += writer.visitor.problems
    problems = tuple(sorted(problems, key=lambda p: p.line or 0))
    return parts["fragment"], problems, title


@functools.cache
def _default_settings():
    # Building docutils' settings parses every component's option specs,
    # which costs a fifth of a page view: do it once.
    settings = get_default_settings(
        rst.Parser, standalone.Reader, html5_polyglot.Writer
    )
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    return settings


def _settings():
    """A fresh copy of the settings, as publishing writes into them."""
    return copy.copy(_default_settings())


#: What browsers drop from either end of a URL: C0 controls and spaces.
_URL_EDGES = "".join(map(chr, range(0x21)))
#: What browsers drop anywhere in a URL: tabs and line breaks.
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def _as_browsers_read(url):
    """``url`` as browsers read it (the WHATWG URL standard): without
    spaces and controls at either end, nor tabs or line breaks, and with
    each backslash a slash in a URL of the web or relative to one.

    So ``/\\evil.example/x`` is the link to another site it is in a
    browser, and is checked and written as ``//evil.example/x``.
    """
    url = url.strip(_URL_EDGES).translate(_URL_DROPPED)
    if urlsplit(url).scheme.lower() in ("", "http", "https"):
        url = url.replace("\\", "/")
    return url


def _safe_url(url):
    """Whether ``url`` (as browsers read it) is relative or has one of the
    allowed schemes."""
    scheme = urlsplit(url).scheme.lower()
    return not scheme or scheme in URL_SCHEMES


def _external(url):
    """Whether ``url`` (as browsers read it) leads off the wiki: it has a
    scheme or a host (``//host/path``)."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _neutralise_images(document):
    """Make every image a plain ``<img>`` of a safe URL, never embedded.

    The ``loading`` option (``embed`` reads the file into the page) is
    kept only as ``lazy``.  Videos and other non-images, which docutils
    writes as ``<video>`` or ``<object>``, become links to their address;
    an image of an unsafe URL becomes its alternative text.
    """
    for image in list(document.findall(nodes.image)):
        if image.get("loading") != "lazy":
            image.attributes.pop("loading", None)
        uri = image["uri"] = _as_browsers_read(image.get("uri", ""))
        label = image.get("alt", uri)
        if not _safe_url(uri):
            replacement = nodes.inline(label, label)
        elif not (mimetypes.guess_type(uri)[0] or "image/").startswith("image/"):
            replacement = nodes.reference(label, label, refuri=uri)
        else:
            continue
        if not isinstance(image.parent, nodes.TextElement):
            replacement = nodes.paragraph("", "", replacement)
        image.replace_self(replacement)


def _take_title(document):
    """Take the document title out of the tree, as plain text (or None).

    The page's layout shows it as the page's heading, where markup in it
    would have no place; a subtitle becomes the text's first paragraph.
    """
    if not document.children or not isinstance(document[0], nodes.title):
        return None
    title = document.pop(0).astext()
    if document.children and isinstance(document[0], nodes.subtitle):
        subtitle = document.pop(0)
        document.insert(
            0, nodes.paragraph("", "", *subtitle.children, classes=["subtitle"])
        )
    return title


def _link_files(document, file_urls):
    """Point the images and ``:file:`` links that name a page's file at it.

    An image whose address is a file reference (``Photo.png``,
    ``OtherPage/Photo.png``: relative, one or two parts) shows that file;
    one that names no file becomes its alternative text, and a ``:file:``
    link that names none, its text.
    """
    images = [
        image
        for image in document.findall(nodes.image)
        if _FILE_REFERENCE.fullmatch(image.get("uri", ""))
    ]
    links = list(document.findall(_is_file_link))
    references = {image["uri"] for image in images} | {
        link[_FILE_ATTRIBUTE] for link in links
    }
    if not references:
        return
    urls = file_urls(references)
    for image in images:
        found = urls.get(image["uri"])
        if found is not None:
            image.setdefault("alt", image["uri"])
            image["uri"] = found
        else:
            label = image.get("alt", image["uri"])
            replacement = nodes.inline(label, label)
            if not isinstance(image.parent, nodes.TextElement):
                replacement = nodes.paragraph("", "", replacement)
            image.replace_self(replacement)
    for link in links:
        found = urls.get(link.attributes.pop(_FILE_ATTRIBUTE))
        if found is not None:
            link["refuri"] = found
            link["classes"].append(FILE_LINK_CLASS)
        else:
            link.replace_self(nodes.inline(link.rawsource, "", *link.children))


def _is_file_link(node):
    return isinstance(node, nodes.reference) and _FILE_ATTRIBUTE in node


def _file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``:file:`Report.pdf```: a link to a file of the page (or of
    another, ``:file:`OtherPage/Report.pdf```), its address found later
    (:func:`_link_files`)."""
    reference = utils.unescape(text).strip()
    label = reference.rsplit("/", 1)[-1]
    return [nodes.reference(rawtext, label, **{_FILE_ATTRIBUTE: reference})], []


roles.register_local_role("file", _file_role)


def _drop_unsafe_targets(document):
    """Write each link's URL as browsers read it; turn links with an unsafe
    scheme into plain text (an inline span)."""
    for reference in list(document.findall(nodes.reference)):
        if "refuri" not in reference:
            continue  # a link within the page
        reference["refuri"] = _as_browsers_read(reference["refuri"])
        if not _safe_url(reference["refuri"]):
            reference.replace_self(
                nodes.inline(reference.rawsource, "", *reference.children)
            )


def _namespace_classes(document):
    """Prefix the classes the text gives its elements with ``page-``.

    An author's ``.. class:: flash`` would otherwise draw the site's own
    notices ("Saved ...") inside a page; its classes, from any directive
    or role, become ``page-flash`` and the like.  The classes docutils'
    writer adds (``literal``, ``admonition``...) and the wiki's own links
    come later, as they are.
    """
    for element in document.findall(nodes.Element):
        element["classes"] = [PAGE_CLASS_PREFIX + name for name in element["classes"]]


def _link_wikiwords(document, existing_titles, page_url):
    """Replace the WikiWords of linkable text with references to their pages."""
    found = [
        (text, spans)
        for text in document.findall(nodes.Text)
        if _linkable(text) and (spans := find_wikiwords(str(text)))
    ]
    titles = {
        normalise(str(text)[start:end]) for text, spans in found for start, end in spans
    }
    existing = set(existing_titles(titles)) if titles else set()
    # replace() finds a child by equality, and Text nodes compare as
    # strings: replacing in document order, the first equal child is this one.
    for text, spans in found:
        text.parent.replace(text, _linked_pieces(str(text), spans, existing, page_url))


def _take_problems(document):
    """Take docutils' system messages out of the tree, as a list of
    :class:`Problem` tuples.

    Readers never see them: the messages in the tree go, and so do those
    the transforms left out of it, which the writer would gather at the
    end of the page, and the links from bad markup to them (the markup
    stays, as text).  Their level, line and text are kept for the author.
    """
    loose = [
        message
        for message in document.parse_messages + document.transform_messages
        if message.parent is None
    ]
    placed = list(document.findall(nodes.system_message))
    for message in placed:
        message.parent.remove(message)
    document.parse_messages[:] = []
    document.transform_messages[:] = []
    problems = [
        _problem(message)
        for message in placed + loose
        if message["level"] >= SETTINGS["report_level"]
    ]
    for problematic in list(document.findall(nodes.problematic)):
        problematic.replace_self(
            nodes.inline(problematic.rawsource, "", *problematic.children)
        )
    return problems


def _problem(message):
    """docutils' ``system_message`` node as a :class:`Problem`."""
    text = " ".join(
        child.astext()
        for child in message.children
        # The other children quote the markup, which the author has.
        if isinstance(child, nodes.paragraph)
    )
    return Problem(message["level"], message.get("line"), text)


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
        written = text[start:end]
        title = normalise(written)
        css_class = EXISTING_PAGE_CLASS if title in existing else MISSING_PAGE_CLASS
        pieces.append(
            nodes.reference(
                written, written, refuri=page_url(title), classes=[css_class]
            )
        )
        position = end
    if position < len(text):
        pieces.append(nodes.Text(text[position:]))
    return pieces


class _Translator(html5_polyglot.HTMLTranslator):
    """docutils' HTML5 translator that reads no file, marks external links
    and keeps the system messages it makes itself out of the page."""

    def __init__(self, document):
        super().__init__(document)
        #: The problems the writer itself found (an image it would not
        #: embed, say), which the tree never held.
        self.problems = []

    def visit_system_message(self, node):
        self.problems.append(_problem(node))
        raise nodes.SkipNode

    def uri2path(self, uri, output_path=None):
        # Embedding an image or measuring it starts here: refusing every
        # address makes both fail with a message, whatever the tree says.
        raise ValueError("the wiki reads no files")

    # The same step's name before docutils 0.22.
    uri2imagepath = uri2path

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if (
            tagname == "a"
            and isinstance(node, nodes.reference)
            and _external(node.get("refuri", ""))
        ):
            attributes["rel"] = _EXTERNAL_LINK_REL
        return super().starttag(node, tagname, suffix, empty, **attributes)


class _Writer(html5_polyglot.Writer):
    def __init__(self):
        super().__init__()
        self.translator_class = _Translator


def sanitise(html):
    """Keep only the allowed tags, attributes and URL schemes of ``html``."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=_ALLOWED_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
