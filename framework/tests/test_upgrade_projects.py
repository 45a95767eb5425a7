"""pylons-upgrade on whole projects: their own tests pass on Python 3 after it.

Each project under ``upgrade_fixtures/projects`` is a Pylons project in
Python 2: ``CreatedApp`` as Pylons 1.0's ``paster create -t pylons``
(with SQLAlchemy) and ``paster controller hello`` made it, ``QuickWiki018``
the layout of QuickWiki 0.1.8 (the Pylons 1.0 tutorial's wiki, under
another name so as not to meet this repository's QuickWiki) and
``Blog097`` a project in the Pylons 0.9.7 style.  Each is copied into a
git work tree, upgraded once with ``pylons-upgrade`` (the console
script, in a subprocess), installed with ``pip install -e --no-deps
--no-build-isolation`` (its dependencies are Pylons' own, installed) and
its tests run with nose2, all once per class; it is uninstalled after.
"""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from pylons.upgrade.command import main

PROJECTS = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "upgrade_fixtures", "projects"
)
#: How a subprocess runs pylons-upgrade: the console script's entry point.
UPGRADE = [
    sys.executable,
    "-c",
    "import sys; from pylons.upgrade.command import main; sys.exit(main())",
]


def run(directory, *command):
    """Run ``command`` in ``directory``: its exit status and output."""
    done = subprocess.run(
        command, cwd=directory, capture_output=True, text=True, timeout=300, check=False
    )
    return done.returncode, done.stdout + done.stderr


def git(directory, *args):
    status, output = run(
        directory,
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        *args,
    )
    assert status == 0, output


class UpgradedProjectMixin:
    """A fixture project, upgraded, installed and tested once for the class."""

    project = None
    #: How many tests the project has: all of them pass after the upgrade.
    tests = None
    #: Whether pylons-upgrade runs in this process (its main()) rather
    #: than as the console script in a subprocess.
    in_process = True

    @classmethod
    def setUpClass(cls):
        workdir = tempfile.mkdtemp(prefix="pylons-upgrade-")
        cls.addClassCleanup(shutil.rmtree, workdir)
        cls.root = os.path.join(workdir, cls.project)
        shutil.copytree(os.path.join(PROJECTS, cls.project), cls.root)
        git(cls.root, "init", "--quiet")
        git(cls.root, "add", "--all")
        git(cls.root, "commit", "--quiet", "--message", "Python 2")
        cls.report_path = os.path.join(workdir, "report.json")
        cls.status, cls.output = cls.upgrade("--json", cls.report_path)
        with open(cls.report_path, encoding="utf-8") as report:
            cls.report = json.load(report)
        git(cls.root, "add", "--all")
        git(cls.root, "commit", "--quiet", "--message", "Upgraded")
        status, output = run(
            cls.root,
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-e",
            cls.root,
        )
        assert status == 0, output
        cls.addClassCleanup(
            run,
            workdir,
            sys.executable,
            "-m",
            "pip",
            "uninstall",
            "--quiet",
            "--yes",
            cls.project,
        )
        cls.test_status, cls.test_output = run(
            cls.root, sys.executable, "-m", "nose2", "-v"
        )

    @classmethod
    def upgrade(cls, *options):
        """Run pylons-upgrade on the project: its exit status and output."""
        if not cls.in_process:
            return run(cls.root, *UPGRADE, *options)
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = main([cls.root, *options])
        return status, output.getvalue()

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as source:
            return source.read()

    def test_the_upgrade_ran(self):
        self.assertEqual(self.status, 0, self.output)
        self.assertIn("Changes, by kind:", self.output)

    def test_every_test_of_the_project_passes(self):
        self.assertEqual(self.test_status, 0, self.test_output)
        self.assertIn("Ran %d tests" % self.tests, self.test_output)

    def test_a_second_upgrade_changes_nothing(self):
        # --force: the tests' runs left databases and caches behind.
        status, output = self.upgrade("--force")
        self.assertEqual(status, 0, output)
        self.assertIn("Nothing to change", output)
        self.assertEqual(run(self.root, "git", "diff", "--stat")[1], "")

    def test_nose_became_nose2(self):
        self.assertNotIn("[nosetests]", self.read("setup.cfg"))
        self.assertIn("plugins = pylons.test", self.read("unittest.cfg"))
        self.assertIn("test-config = test.ini", self.read("unittest.cfg"))

    def test_setup_requires_this_pylons_and_no_dead_keywords(self):
        setup = self.read("setup.py")
        self.assertIn('"Pylons>=1.1.0.dev0"', setup)
        for dead in ("setup_requires", "test_suite", "tag_svn_revision"):
            self.assertNotIn(dead, setup + self.read("setup.cfg"))

    def test_the_constraints_file_pins_what_was_tested(self):
        constraints = self.read("constraints.txt")
        self.assertIn("webob==", constraints)
        self.assertNotIn("pylons==", constraints)

    def kinds(self):
        return {change["kind"] for change in self.report["changes"]}


class CreatedAppTest(UpgradedProjectMixin, unittest.TestCase):
    """A project as Pylons 1.0's paster create made it."""

    project = "CreatedApp"
    tests = 5
    in_process = False

    def test_the_error_controller_serves_the_stock_media(self):
        controller = self.read("createdapp/controllers/error.py")
        self.assertIn("forward(StaticURLParser(media_path))", controller)
        self.assertIn("'/'.join(['img', id])", controller)
        self.assertNotIn("import cgi", controller)

    def test_the_template_lookup_imports_webhelpers2(self):
        self.assertIn(
            "imports=['from webhelpers2.html import escape']",
            self.read("createdapp/config/environment.py"),
        )

    def test_nothing_is_left_to_do(self):
        self.assertEqual(self.report["manual"], [])


class QuickWiki018Test(UpgradedProjectMixin, unittest.TestCase):
    """The layout of QuickWiki 0.1.8, the Pylons 1.0 tutorial's wiki."""

    project = "QuickWiki018"
    tests = 6

    def test_a_template_import_goes_into_a_module_block(self):
        template = self.read("quickwiki018/templates/pages/index.mako")
        self.assertTrue(
            template.startswith("<%!\n    from functools import cmp_to_key\n%>\n")
        )
        self.assertIn("key=cmp_to_key(", template)

    def test_the_classical_mapper_is_mapped_imperatively(self):
        model = self.read("quickwiki018/model/__init__.py")
        self.assertIn("orm.registry().map_imperatively(Page, pages_table)", model)
        self.assertIn('"SQLAlchemy>=1.4"', self.read("setup.py"))

    def test_upper_bounds_of_python_2_go(self):
        self.assertIn('"docutils>=0.4"', self.read("setup.py"))

    def test_a_guard_python_2_never_entered_goes_with_its_import(self):
        # sys.version < 2.6 compared a str with a float: always False on
        # Python 2, a TypeError on Python 3 when the model is imported.
        model = self.read("quickwiki018/model/__init__.py")
        self.assertNotIn("sys", model)
        self.assertNotIn("from sets import", model)
        self.assertIn("version_checks", self.kinds())


class Blog097Test(UpgradedProjectMixin, unittest.TestCase):
    """A project in the Pylons 0.9.7 style: redirect_to, url_for, nose.tools."""

    project = "Blog097"
    tests = 8

    def test_the_pylons_0_9_rewrites_ran(self):
        self.assertLessEqual(
            {
                "url_for",
                "webhelpers",
                "nose_tools",
                "formencode_iterator",
                "wsgi_bytes",
            },
            self.kinds(),
        )
        controller = self.read("blog097/controllers/posts.py")
        self.assertIn("redirect(url.current(action='index'))", controller)
        self.assertIn("redirect(url('home'), code=301)", controller)

    def test_webhelpers_became_webhelpers2_and_pylons(self):
        helpers = self.read("blog097/lib/helpers.py")
        self.assertIn("from pylons.secure_form import secure_form", helpers)
        self.assertIn("from pylons.flash import Flash as _Flash", helpers)
        self.assertNotIn("url_for", helpers)
        requirements = self.read("setup.py")
        self.assertIn('"WebHelpers2>=2.0"', requirements)
        self.assertIn('"WebOb"', requirements)

    def test_weberror_became_the_pylons_debugger(self):
        self.assertIn("use = egg:Pylons#debugger", self.read("development.ini"))
