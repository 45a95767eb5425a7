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
            self.write(
                "development.ini",
                "[filter-app:debug]\nuse = egg:Paste#evalerror\n\n"
                "[server:main]\nuse = egg:Paste#http\nuse_threadpool = true\n",
            ),
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
