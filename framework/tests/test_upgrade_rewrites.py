"""Each rewrite of pylons-upgrade, on a before/after fixture.

``upgrade_fixtures/rewrites/NAME.before.py`` (or ``.mako``, a Mako
template) upgraded is ``NAME.after.py``, and upgrading that changes
nothing more.  What a rewrite leaves for a person is in the report.
"""

import glob
import os
import unittest

from fissix import pygram, pytree
from fissix.pgen2 import driver

from pylons.upgrade._fixes.fix_version_checks import python3_answer
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

    def test_version_checks_left_undecided_are_reported_where_they_stay(self):
        after, context = upgraded(self.fixture("version_checks.before.py"))
        lines = [line for line, _ in manual(context)]
        self.assertEqual(lines, [8, 36, 41])
        self.assertIn("(3, 11)", after.splitlines()[7])
        self.assertIn("minimum", after.splitlines()[35])
        self.assertIn("(3, 12)", after.splitlines()[40])

    def test_the_branches_python_3_never_runs_are_read_by_no_fixer(self):
        context = upgraded(self.fixture("version_checks.before.py"))[1]
        self.assertEqual(set(context.report.counts), {"version_checks"})
        self.assertEqual(context.report.counts["version_checks"], 8)

    def test_checks_are_left_where_dropping_a_branch_breaks_the_layout(self):
        # Python 2 read a tab as up to 8 columns: the kept lines, indented
        # by one tab and by 8 spaces, cannot lose the same indentation.
        source = "import sys\nif six.PY3:\n\tx = 1\n        y = 2\n"
        after, context = upgraded("tabs.py", source)
        self.assertEqual(after, source)
        self.assertEqual([line for line, _ in manual(context)], [2])
        self.assertNotIn("version_checks", context.report.counts)

    def test_unreadable_python_raises_source_error(self):
        with self.assertRaises(SourceError):
            upgraded("broken.py", "def (:\n")

    def test_a_template_piece_that_cannot_be_read_is_reported(self):
        after, context = upgraded("broken.mako", "<p>${x +}</p>\n")
        self.assertEqual(after, "<p>${x +}</p>\n")
        self.assertEqual(manual(context)[0][0], 1)


class VersionCheckAnswerTest(unittest.TestCase):
    """What a check of the Python version is on every Python 3.10 and later."""

    def answer(self, expression):
        parser = driver.Driver(pygram.python_grammar, convert=pytree.convert)
        statement = parser.parse_string(expression + "\n").children[0]
        return python3_answer(statement.children[0])

    def assertAnswers(self, answer, *expressions):
        for expression in expressions:
            with self.subTest(expression=expression):
                self.assertIs(self.answer(expression), answer)

    def test_checks_that_python_3_passes(self):
        self.assertAnswers(
            True,
            "sys.version_info >= (3,)",
            "sys.version_info > (2, 7, 18, 'final', 0)",
            "(3, 0) <= sys.version_info",
            "sys.version_info[0] == 3",
            "sys.version_info.major != 2",
            "sys.version_info[:2] != (2, 7)",
            "sys.version_info[1] >= 10",
            "sys.hexversion > 0x020700F0",
            "sys.version >= '3'",
            "sys.version[0] == '3'",
            "sys.version.startswith('3.')",
            "six.PY3",
            "not six.PY2",
            "(six.PY3 or unknown())",
            "six.PY3 and sys.version_info >= (3,)",
        )

    def test_checks_that_python_3_fails(self):
        self.assertAnswers(
            False,
            "sys.version_info < (3, 0)",
            "sys.version_info == (2, 7)",
            "sys.version_info[:2] <= (2, 7)",
            "sys.version_info[0] >= 4",
            "sys.version_info.minor < 10",
            "sys.hexversion < 0x02060000L",
            "sys.version < '2.6'",
            "sys.version[:3] == '2.7'",
            "sys.version.startswith('2')",
            "six.PY2",
            "six.PY2 and unknown()",
            "(2, 6) <= sys.version_info < (3,)",
        )

    def test_python_2_put_every_number_below_strings_and_tuples(self):
        self.assertAnswers(False, "sys.version < 2.6", "sys.version_info <= 3")
        self.assertAnswers(True, "sys.version > 2.6", "2.6 < sys.version_info")

    def test_checks_whose_answer_varies_or_is_unknown(self):
        self.assertAnswers(
            None,
            "sys.version_info >= (3, 11)",
            "sys.version_info[:2] == (3, 12)",
            "sys.version_info[1] > 11",
            "sys.version_info.micro > 1",
            "sys.version < '3.2'",
            "sys.version.startswith('3.1')",
            "sys.version_info < minimum",
            "sys.version_info < '3'",
            "unknown() and six.PY2",
            "sys.platform == 'win32'",
            "version_info < (3,)",
            "sys.version_info in supported",
            "sys.version_info[2] == 0",
            "sys.hexversion[0] == 3",
            "sys.platform[:3] == 'win'",
            "sys.version.endswith('+')",
        )


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
