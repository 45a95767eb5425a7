"""The ``paster`` commands a deployment runs: make-config, then setup-app."""
import configparser
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

# The paster of the Python running the tests, wherever its scripts are.
PASTER = [sys.executable, "-c", "from paste.script.command import run; run()"]


class DeploymentTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = directory.name

    def paster(self, *args):
        """Run ``paster args`` in the test's directory; it must succeed."""
        result = subprocess.run(PASTER + list(args), cwd=self.dir,
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0,
                         "paster %s failed:\n%s" % (" ".join(args), result.stderr))

    def make_config(self, name="prod.ini"):
        """``paster make-config QuickWiki name``, read back."""
        self.paster("make-config", "QuickWiki", name)
        parser = configparser.ConfigParser(interpolation=None)
        with open(os.path.join(self.dir, name), encoding="utf-8") as ini:
            parser.read_file(ini)
        return parser

    def test_make_config_turns_debug_off(self):
        config = self.make_config()
        self.assertEqual(config["DEFAULT"]["debug"], "false")
        self.assertEqual(config["app:main"]["debug"], "false")

    def test_make_config_generates_a_session_secret(self):
        secret = self.make_config()["app:main"]["beaker.session.secret"]
        self.assertGreaterEqual(len(secret), 20)
        self.assertNotIn("$", secret)

    def test_each_config_gets_its_own_secret(self):
        first = self.make_config("first.ini")["app:main"]
        second = self.make_config("second.ini")["app:main"]
        self.assertNotEqual(first["beaker.session.secret"],
                            second["beaker.session.secret"])
        self.assertNotEqual(first["app_instance_uuid"], second["app_instance_uuid"])

    def test_made_config_sets_up_its_database_twice_over(self):
        self.make_config()
        self.paster("setup-app", "prod.ini")
        self.paster("setup-app", "prod.ini")
        database = sqlite3.connect(os.path.join(self.dir, "quickwiki.db"))
        self.addCleanup(database.close)
        rows = database.execute("SELECT title, content FROM pages").fetchall()
        self.assertEqual(rows, [("FrontPage",
                                 "**Welcome** to the QuickWiki front page!")])
