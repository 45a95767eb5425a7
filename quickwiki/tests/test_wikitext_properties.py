"""Property-based test of the renderer: whatever reST, nothing read, nothing run.

Hypothesis writes pages out of every directive, option and role docutils
knows (read from docutils' own registries, so a directive added in a new
release is tried too), with arguments and option values drawn from hostile
ones (paths of canary files planted on the server, ``javascript:`` and
``data:`` URLs, markup, handlers) and random Unicode, surrogates included.
Each rendering must finish and hold no script, no event handler, no tag
or URL scheme outside the allowlist, no docutils system message, and none
of the canaries' content (nor may the problems told to the author).

CI runs a fixed set of examples (the ``ci`` profile of
:mod:`quickwiki.tests`, derandomised); a developer's run draws new ones
each time.
"""

import base64
import importlib
import os
import shutil
import tempfile
import unittest
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from docutils.parsers.rst import directives, roles
from hypothesis import given, settings
from hypothesis import strategies as st

from quickwiki.lib import wikitext

#: Mixed pages, and texts, tried (quickwiki.tests sets Hypothesis' profile).
EXAMPLES = 150
#: Examples of each directive and of each role, on top of the mixed pages.
EXAMPLES_EACH = 8

#: What the canary files hold; no rendering may show it, plain or encoded.
CANARY = "CanaryOfTheServer"
#: Canary files of every kind a directive might read, by their path
#: (planted by setUpModule).
CANARY_FILES = {}


def setUpModule():
    global _canary_dir
    _canary_dir = tempfile.mkdtemp(prefix="quickwiki-canary-")
    contents = {
        ".txt": CANARY,
        ".rst": "%s\n" % CANARY,
        ".csv": "a,%s\n" % CANARY,
        ".html": "<p>%s</p>" % CANARY,
        ".svg": '<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>'
        % CANARY,
        ".png": CANARY,
        ".mp4": CANARY,
    }
    for suffix, content in contents.items():
        path = os.path.join(_canary_dir, "canary" + suffix)
        with open(path, "w", encoding="utf-8") as canary:
            canary.write(content)
        CANARY_FILES[path] = content


def tearDownModule():
    shutil.rmtree(_canary_dir)
    CANARY_FILES.clear()


def _directive_classes():
    """Every directive docutils registers, by name, with its class."""
    found = {}
    for name, (module, class_name) in directives._directive_registry.items():
        module = importlib.import_module("docutils.parsers.rst.directives." + module)
        found[name] = getattr(module, class_name)
    return found


DIRECTIVES = _directive_classes()
ROLES = sorted(roles._role_registry)
#: Directives that only make sense in a substitution definition.
SUBSTITUTION_DIRECTIVES = ("replace", "unicode", "date", "image")
#: The options a role made with the "role" directive may take.
ROLE_OPTIONS = ("class", "format", "language")

#: URLs a hostile page would try, each scheme the allowlist must decide on.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "//evil.example/x",
    "http://example.org/x.png",
    "https://example.org/x.mp4",
    "mailto:someone@example.org",
    "relative/page",
    "/absolute/page",
]
HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '" onerror="alert(1)',
    "' onload='alert(1)",
    "<img src=x onerror=alert(1)>",
    "embed",
    "lazy",
    "link",
    "html",
    "latex",
    "utf-8",
    "latin-1",
    "1",
    "0",
    "-1",
    "50%",
    "3em",
    "999999999",
    "center",
    "left",
    "FrontPage",
    "NewPage",
    "x" * 200,
    "",
]

#: Any characters, lone surrogates (which no valid text has) included.
unicode_text = st.text(
    st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=30
)
words = st.one_of(
    st.sampled_from(HOSTILE_TEXT), st.sampled_from(HOSTILE_URLS), unicode_text
)
# Deferred: the canaries are planted after the strategies are made.
canary_paths = st.deferred(lambda: st.sampled_from(sorted(CANARY_FILES)))
values = st.one_of(canary_paths, words)


def _accepts(converter, value):
    try:
        converter(value)
    except Exception:
        return False
    return True


def option_values(converter):
    """Values for an option: the hostile ones its ``converter`` accepts
    (a canary's path where it takes a path), or any Unicode."""
    if converter is None:
        return st.just("")
    accepted = [
        value for value in HOSTILE_TEXT + HOSTILE_URLS if _accepts(converter, value)
    ]
    choices = [unicode_text]
    if accepted:
        choices += [st.sampled_from(accepted)] * 2
    if _accepts(converter, "/a/path/to/canary.png"):
        choices.append(canary_paths)
    return st.one_of(*choices)


def one_line(text):
    """``text`` on one line, as directive arguments and options are."""
    return " ".join(text.splitlines()) or "x"


@st.composite
def inline_text(draw, role=None):
    """A paragraph: words, roles (``role``, or any), links and substitution
    references."""
    pieces = []
    if role is not None:
        pieces.append(":%s:`%s`" % (role, one_line(draw(words)).replace("`", "")))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["word", "role", "link", "uri", "sub"]))
        word = one_line(draw(words))
        if kind == "role":
            pieces.append(
                ":%s:`%s`"
                % (draw(st.sampled_from(ROLES + ["custom"])), word.replace("`", ""))
            )
        elif kind == "link":
            pieces.append(
                "`%s <%s>`_"
                % (word.replace("`", "") or "x", draw(st.sampled_from(HOSTILE_URLS)))
            )
        elif kind == "uri":
            pieces.append(draw(st.sampled_from(HOSTILE_URLS)))
        elif kind == "sub":
            pieces.append("|sub|")
        else:
            pieces.append(word)
    return " ".join(pieces)


@st.composite
def directive_block(draw, depth, name=None):
    """A directive of docutils (``name``, or any), with arguments, options
    (each one it has, or not) and content."""
    if name is None:
        name = draw(st.sampled_from(sorted(DIRECTIVES)))
    directive = DIRECTIVES[name]
    if name == "role":
        arguments = ["custom(%s)" % draw(st.sampled_from(ROLES))]
        options = dict.fromkeys(ROLE_OPTIONS, str)
    else:
        count = directive.required_arguments + draw(
            st.integers(0, directive.optional_arguments)
        )
        arguments = [one_line(draw(values)) for _ in range(count)]
        options = directive.option_spec or {}
    if name in SUBSTITUTION_DIRECTIVES and draw(st.booleans()):
        lines = [".. |sub| %s:: %s" % (name, " ".join(arguments))]
    else:
        lines = [".. %s:: %s" % (name, " ".join(arguments))]
    lines.extend(
        "   :%s: %s" % (option, one_line(draw(option_values(converter))))
        for option, converter in sorted(options.items())
        if draw(st.booleans())
    )
    if directive.has_content:
        lines.append("")
        content = draw(document(depth + 1)) if depth < 2 else draw(inline_text())
        lines.extend("   " + line for line in content.splitlines())
    return "\n".join(lines)


@st.composite
def document(draw, depth=0):
    """A page: directive blocks and paragraphs, separated by blank lines."""
    blocks = draw(
        st.lists(
            st.one_of(directive_block(depth), inline_text()), min_size=1, max_size=4
        )
    )
    return "\n\n".join(blocks) + "\n"


#: Attributes that hold a URL a browser would load or follow.
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "xlink:href",
    "srcset",
)


class RenderingPropertyTest(unittest.TestCase):
    def assert_safe(self, source):
        output = wikitext.render_in_process(
            source, lambda titles: set(), lambda title: "/" + title
        )
        html = str(output.html)
        soup = BeautifulSoup(html, "html.parser")
        # docutils' problems are for the author, never in the page.
        self.assertEqual(soup.find_all(class_="system-message"), [], html)
        for tag in soup.find_all(True):
            self.assertIn(tag.name, wikitext.ALLOWED_TAGS, html)
            for attribute, value in tag.attrs.items():
                self.assertFalse(attribute.lower().startswith("on"), html)
                self.assertNotEqual(attribute.lower(), "style", html)
                if attribute.lower() in URL_ATTRIBUTES:
                    scheme = urlsplit(value).scheme.lower()
                    self.assertIn(scheme, {""} | wikitext.URL_SCHEMES, html)
        self.assertIsNone(soup.find("script"))
        # The source is echoed in an error message as text: only the
        # canaries' content, not their paths, must stay out.
        self.assertNotIn(CANARY, html)
        self.assertNotIn(base64.b64encode(CANARY.encode()).decode()[:20], html)
        for problem in output.problems:
            self.assertNotIn(CANARY, problem.message)

    @settings(max_examples=EXAMPLES)
    @given(document())
    def test_any_page_of_docutils_markup_is_safe(self, source):
        self.assert_safe(source)

    @settings(max_examples=EXAMPLES)
    @given(unicode_text)
    def test_any_text_is_safe(self, source):
        self.assert_safe(source)

    def test_each_directive_with_any_of_its_options_is_safe(self):
        for name in sorted(DIRECTIVES):
            with self.subTest(directive=name):
                # A role defined by the "role" directive, used in the text.
                page = st.tuples(directive_block(0, name), inline_text(role="custom"))

                @settings(max_examples=EXAMPLES_EACH)
                @given(page)
                def check(blocks):
                    self.assert_safe("\n\n".join(blocks) + "\n")

                check()

    def test_each_role_is_safe(self):
        for role in ROLES:
            with self.subTest(role=role):

                @settings(max_examples=EXAMPLES_EACH)
                @given(inline_text(role=role))
                def check(source):
                    self.assert_safe(source)

                check()

    def test_every_directive_and_role_is_tried(self):
        self.assertGreaterEqual(len(DIRECTIVES), 40)
        self.assertIn("image", DIRECTIVES)
        self.assertIn("raw", ROLES)
