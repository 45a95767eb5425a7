"""The nose2 plugin: loads the application once, before the tests import."""

import os
import subprocess
import sys
import tempfile
import unittest

from tests import HERE

FRAMEWORK = os.path.dirname(HERE)

CONFIG = """\
[unittest]
plugins = pylons.test

[pylons]
always-on = True
test-config = {ini}
"""

# Module-level code, as in a Pylons project's tests/__init__.py, must
# already find the application.
TEST_MODULE = """\
import unittest

import pylons
import pylons.test
from tests.sampleapp.config import loading
from webtest import TestApp

APP_AT_IMPORT = pylons.test.pylonsapp


class Test{n}(unittest.TestCase):
    def test_app_is_loaded_once_before_import(self):
        self.assertIsNotNone(APP_AT_IMPORT)
        self.assertIs(APP_AT_IMPORT, pylons.test.pylonsapp)
        self.assertEqual(len(loading.loads), 1)
        self.assertEqual(pylons.test.pylonsapp.config["marker"], loading.loads[0])
        print("MARKER=" + loading.loads[0])

    def test_app_serves(self):
        app = TestApp(pylons.test.pylonsapp)
        self.assertEqual(app.get("/hello/index").text, "Hello World")

    def test_pylons_globals_are_set_up_outside_a_request(self):
        self.assertEqual(pylons.config["marker"], loading.loads[0])
        self.assertIs(pylons.app_globals._current_obj(),
                      pylons.test.pylonsapp.config["pylons.app_globals"])
        self.assertEqual(pylons.translator.gettext("apple"), "apple")
"""


def run_nose2(directory, *args):
    env = dict(os.environ, PYTHONPATH=FRAMEWORK)
    return subprocess.run(
        [sys.executable, "-m", "nose2", "-v", "--log-capture", *args],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class PluginTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name
        with open(os.path.join(self.dir, "unittest.cfg"), "w") as cfg:
            cfg.write(CONFIG.format(ini=os.path.join(HERE, "test.ini")))
        for n in (1, 2):
            with open(os.path.join(self.dir, "test_app%d.py" % n), "w") as module:
                module.write(TEST_MODULE.format(n=n))

    def test_tests_run_against_the_app_of_the_configured_ini(self):
        result = run_nose2(self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Ran 6 tests", result.stderr)
        self.assertIn("MARKER=from test.ini", result.stdout)

    def test_command_line_option_overrides_the_ini(self):
        other = os.path.join(self.dir, "other.ini")
        with open(os.path.join(HERE, "test.ini")) as source:
            text = source.read().replace(
                "marker = from test.ini", "marker = from other.ini"
            )
        with open(other, "w") as target:
            target.write(text)
        result = run_nose2(self.dir, "--test-config", other)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("MARKER=from other.ini", result.stdout)

    def test_missing_ini_stops_the_run_with_its_name(self):
        result = run_nose2(self.dir, "--test-config", "nowhere.ini")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("nowhere.ini", result.stderr)
