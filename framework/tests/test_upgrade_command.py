"""pylons-upgrade and paster upgrade: safe to run, and what they say.

A small project in a temporary git work tree: the upgrade refuses a work
tree with uncommitted changes (unless --force), writes nothing with
--dry-run but shows the diff, and writes its report as JSON.
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

SETUP = """\
from setuptools import setup
setup(
    name="Tiny",
    install_requires=["Pylons==0.9.7", "AuthKit>=0.4", "WebError", "passlib"],
    tests_require=["nose"],
)
"""
MODULE = 'print "hello"\n'


def git(directory, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=directory,
        check=True,
        capture_output=True,
    )


class UpgradeCommandTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="pylons-upgrade-command-")
        self.addCleanup(shutil.rmtree, self.root)
        self.write("setup.py", SETUP)
        self.write("tiny/__init__.py", MODULE)
        self.write(
            "development.ini",
            "[filter-app:debug]\nuse = egg:Paste#evalerror\n\n"
            "[server:main]\nuse = egg:Paste#http\nuse_threadpool = true\n",
        )
        git(self.root, "init", "--quiet")
        git(self.root, "add", "--all")
        git(self.root, "commit", "--quiet", "--message", "Python 2")

    def write(self, path, text):
        path = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as output:
            output.write(text)

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as source:
            return source.read()

    def upgrade(self, *options):
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = main([self.root, *options])
        return status, output.getvalue()

    def test_refuses_uncommitted_changes(self):
        self.write("tiny/__init__.py", MODULE + "# edited\n")
        status, output = self.upgrade()
        self.assertEqual(status, 1)
        self.assertIn("uncommitted changes", output)
        self.assertEqual(self.read("tiny/__init__.py"), MODULE + "# edited\n")
        self.assertEqual(self.upgrade("--force")[0], 0)
        self.assertIn('print("hello")', self.read("tiny/__init__.py"))

    def test_refuses_a_directory_outside_git(self):
        shutil.rmtree(os.path.join(self.root, ".git"))
        status, output = self.upgrade()
        self.assertEqual(status, 1)
        self.assertIn("not in a git work tree", output)

    def test_refuses_a_directory_without_a_project(self):
        os.remove(os.path.join(self.root, "setup.py"))
        self.assertEqual(self.upgrade("--force")[0], 1)

    def test_dry_run_shows_the_diff_and_writes_nothing(self):
        status, output = self.upgrade("--dry-run")
        self.assertEqual(status, 0)
        self.assertIn('-print "hello"\n+print("hello")', output)
        self.assertIn("+++ b/pyproject.toml", output)
        self.assertIn("Would change", output)
        self.assertEqual(self.read("tiny/__init__.py"), MODULE)
        self.assertFalse(os.path.exists(os.path.join(self.root, "constraints.txt")))

    def test_report_as_json_names_python_2_dependencies_and_pins(self):
        report_path = os.path.join(
            self.root, "..", os.path.basename(self.root) + ".json"
        )
        self.addCleanup(os.remove, report_path)
        self.assertEqual(self.upgrade("--json", report_path)[0], 0)
        with open(report_path, encoding="utf-8") as source:
            report = json.load(source)
        self.assertEqual([d["name"] for d in report["dependencies"]], ["AuthKit"])
        self.assertEqual(report["dependencies"][0]["successor"], "repoze.who")
        self.assertEqual([p["requirement"] for p in report["pins"]], ["bcrypt<4.1"])
        self.assertIn("tiny/__init__.py", report["changed_files"])
        self.assertEqual(
            sorted(report["new_files"]), ["constraints.txt", "pyproject.toml"]
        )
        setup = self.read("setup.py")
        self.assertIn('"Pylons>=1.1.0.dev0"', setup)
        self.assertIn('"bcrypt<4.1"', setup)
        self.assertNotIn("WebError", setup)
        self.assertNotIn("tests_require", setup)
        self.assertIn("bcrypt<4.1\n", self.read("constraints.txt"))

    def test_waitress_serves_the_configs(self):
        self.upgrade("--waitress")
        config = self.read("development.ini")
        self.assertIn("use = egg:waitress#main", config)
        self.assertIn("use = egg:Pylons#debugger", config)
        self.assertNotIn("use_threadpool", config)

    def test_paster_upgrade_is_the_same_command(self):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from paste.script.command import run; run(sys.argv[1:])",
                "upgrade",
                "--dry-run",
                self.root,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn('+print("hello")', done.stdout)


class PackagingTest(unittest.TestCase):
    """setup.py, setup.cfg and catalogues of a project, upgraded once."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="pylons-upgrade-packaging-")
        cls.addClassCleanup(shutil.rmtree, cls.root)
        files = {
            "setup.py": (
                "from setuptools import setup\n"
                "requires = [\n"
                '    "Pylons>=0.9.7,<=1.0",\n'
                '    "WebHelpers",\n'
                '    "nose",\n'
                "]\n"
                "setup(name='Lib', install_requires=requires,\n"
                "      dependency_links=['http://example.com'],\n"
                '      entry_points="""\n'
                "      [console_scripts]\n"
                "      lib-tool = lib.tool\n"
                '      """)\n'
            ),
            "setup.cfg": (
                "[nosetests]\nwith-pylons = other.ini\nverbosity = 2\n"
                "with-coverage = 1\n\n[aliases]\nrelease = egg_info -RDb ''\n"
            ),
            "lib/__init__.py": "from webhelpers import paginate\n",
            "lib/controllers/__init__.py": "",
            "lib/i18n/fr/LC_MESSAGES/lib.po": (
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Hello"\nmsgstr "Bonjour"\n'
            ),
        }
        for path, text in files.items():
            path = os.path.join(cls.root, path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as output:
                output.write(text)
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            cls.status = main([cls.root, "--force", "--json", "-"])
        cls.output = output.getvalue()
        cls.report = json.loads(cls.output[cls.output.index("{") :])

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as source:
            return source.read()

    def manual(self):
        return [(item["path"], item["message"]) for item in self.report["manual"]]

    def test_a_list_named_in_setup_is_rewritten(self):
        setup = self.read("setup.py")
        self.assertIn('"Pylons>=1.1.0.dev0"', setup)
        self.assertIn('"WebHelpers2>=2.0"', setup)
        self.assertIn('"paginate>=0.5.6"', setup)
        self.assertNotIn('"nose"', setup)
        self.assertNotIn("dependency_links", setup)

    def test_a_console_script_without_a_callable_is_reported(self):
        self.assertIn(
            ("setup.py", "entry point lib-tool = lib.tool names no :callable"),
            self.manual(),
        )

    def test_nose_settings_without_a_nose2_one_are_reported(self):
        self.assertIn("test-config = other.ini", self.read("unittest.cfg"))
        self.assertIn(
            (
                "setup.cfg",
                "[nosetests] with-coverage has no nose2 setting written for it",
            ),
            self.manual(),
        )
        self.assertEqual(
            self.read("setup.cfg"), "[aliases]\nrelease = egg_info -RDb ''\n"
        )

    def test_catalogues_are_compiled(self):
        self.assertIn("lib/i18n/fr/LC_MESSAGES/lib.mo", self.report["new_files"])
        with open(
            os.path.join(self.root, "lib/i18n/fr/LC_MESSAGES/lib.mo"), "rb"
        ) as compiled:
            self.assertIn(b"Bonjour", compiled.read())
