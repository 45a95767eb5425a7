"""Each rewrite of pylons-upgrade, on a before/after fixture.

``upgrade_fixtures/rewrites/NAME.before.py`` (or ``.mako``, a Mako
template) upgraded is ``NAME.after.py``, and upgrading that changes
nothing more.  What a rewrite leaves for a person is in the report.
"""

import glob
import os
import unittest

from pylons.upgrade.context import Context
from pylons.upgrade.mako import TemplateRewriter, python_pieces
from pylons.upgrade.python import PythonRewriter, SourceError
from pylons.upgrade.report import Report

REWRITES = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "upgrade_fixtures", "rewrites"
)


#: One rewriter of each kind serves every fixture (making one takes long).
REWRITERS = {}


def upgraded(path, source=None):
    """The upgrade of the fixture at ``path`` (or of ``source``), and its context."""
    context = Context(Report(REWRITES), path=os.path.basename(path))
    if source is None:
        with open(path, encoding="utf-8") as fixture:
            source = fixture.read()
    if not REWRITERS:
        REWRITERS.update(python=PythonRewriter(context), mako=TemplateRewriter(context))
    if path.endswith(".mako"):
        REWRITERS["mako"].context = context
        return REWRITERS["mako"].rewrite(source), context
    REWRITERS["python"].context = context
    return REWRITERS["python"].rewrite(source, path), context


def manual(context):
    return [(item.line, item.message) for item in sorted(context.report.manual)]


class RewriteFixturesTest(unittest.TestCase):
    """Every fixture: before becomes after, and after stays as it is."""

    def test_every_before_becomes_its_after(self):
        befores = sorted(glob.glob(os.path.join(REWRITES, "*.before.*")))
        self.assertGreaterEqual(len(befores), 15)
        for before in befores:
            after = before.replace(".before.", ".after.")
            with self.subTest(fixture=os.path.basename(before)):
                with open(after, encoding="utf-8") as expected:
                    expected = expected.read()
                self.assertEqual(upgraded(before)[0], expected)
                self.assertEqual(upgraded(after)[0], expected)


class ReportTest(unittest.TestCase):
    """What the rewrites could not do is reported, with its line."""

    def fixture(self, name):
        return os.path.join(REWRITES, name)

    def test_a_builtin_name_bound_by_the_module_is_left_alone(self):
        context = upgraded(self.fixture("file_shadowed.before.py"))[1]
        self.assertEqual([line for line, _ in manual(context)], [2, 4])

    def test_hashing_text_of_unknown_kind_is_reported(self):
        context = upgraded(self.fixture("string_md5.before.py"))[1]
        self.assertEqual([line for line, _ in manual(context)], [10])

    def test_names_webhelpers2_dropped_are_reported_and_unimported(self):
        after, context = upgraded(self.fixture("webhelpers_globals.before.py"))
        self.assertIn(6, [line for line, _ in manual(context)])
        self.assertNotIn("title", after.splitlines()[5])
        self.assertEqual(context.requirements, {"paginate": "0.5.6"})

    def test_bound_metadata_needs_sqlalchemy_1(self):
        context = upgraded(self.fixture("sqlalchemy.before.py"))[1]
        self.assertEqual(context.limits["SQLAlchemy"].requirement, "SQLAlchemy<2")
        self.assertEqual(context.requirements, {"SQLAlchemy": "1.4"})

    def test_a_wsgi_body_of_variables_is_reported(self):
        context = upgraded(self.fixture("wsgi_bytes.before.py"))[1]
        self.assertEqual([line for line, _ in manual(context)], [12])

    def test_counts_changes_by_kind(self):
        context = upgraded(self.fixture("url_for.before.py"))[1]
        self.assertEqual(context.report.counts["url_for"], 6)
        self.assertIn("url_for", context.report.files_by_kind)

    def test_unreadable_python_raises_source_error(self):
        with self.assertRaises(SourceError):
            upgraded("broken.py", "def (:\n")

    def test_a_template_piece_that_cannot_be_read_is_reported(self):
        after, context = upgraded("broken.mako", "<p>${x +}</p>\n")
        self.assertEqual(after, "<p>${x +}</p>\n")
        self.assertEqual(manual(context)[0][0], 1)


class TemplatePiecesTest(unittest.TestCase):
    """The Python of a template is found, and nothing else."""

    def pieces(self, source):
        return [
            (piece.kind, source[piece.start : piece.end])
            for piece in python_pieces(source)
        ]

    def test_expressions_stop_at_filters_and_skip_nested_braces(self):
        self.assertEqual(
            self.pieces("${ {'a': 1}['a'] | h} ${'}' + x}"),
            [("expression", " {'a': 1}['a'] "), ("expression", "'}' + x")],
        )

    def test_text_doc_and_comments_hold_no_python(self):
        source = "<%text>${a}</%text><%doc>${b}</%doc>\n## ${c}\n%% ${d}\n"
        self.assertEqual(self.pieces(source), [("expression", "d")])

    def test_control_lines_blocks_and_module_blocks(self):
        source = "% if x:\n<% y = 1 %><%! import z %>\n% endif\n"
        self.assertEqual(
            self.pieces(source),
            [
                ("control", " if x:"),
                ("block", " y = 1 "),
                ("module", " import z "),
                ("control", " endif"),
            ],
        )
