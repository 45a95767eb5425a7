"""PylonsInstaller: setup-app runs websetup, make-config fills the template."""
import os
import stat
import tempfile
import unittest

from pylons.util import PylonsInstaller, class_name_from_module_name
from tests import HERE
from tests.sampleapp import websetup


class FakeDistribution:
    """The part of a pkg_resources distribution the installer reads."""

    def get_metadata_lines(self, name):
        assert name == "top_level.txt"
        return ["tests.sampleapp", ""]

    def has_metadata(self, name):
        return False


class FakeCommand:
    verbose = 0

    def ensure_file(self, filename, content):
        """Write the file as PasteScript does, with a plain open()."""
        with open(filename, "wb") as written:
            written.write(content)


def installer():
    return PylonsInstaller(FakeDistribution(), "paste.app_install", "main")


class PylonsInstallerTest(unittest.TestCase):
    def test_setup_app_calls_the_projects_websetup(self):
        websetup.calls.clear()
        ini = os.path.join(HERE, "test.ini")
        installer().setup_config(FakeCommand(), ini, "app:main", {"x": "1"})
        self.assertEqual(websetup.calls, [{"filename": ini,
                                           "marker": "from test.ini",
                                           "vars": {"x": "1"}}])

    def test_make_config_fills_the_deployment_template(self):
        content = installer().config_content(FakeCommand(), {
            "app_instance_secret": "s3cr3t", "app_instance_uuid": "u-u-i-d"})
        self.assertIn("beaker.session.secret = s3cr3t", content)
        self.assertIn("app_instance_uuid = u-u-i-d", content)
        self.assertIn("debug = false", content)

    def test_made_config_is_readable_by_its_owner_only(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        fresh = os.path.join(directory.name, "fresh.ini")
        existing = os.path.join(directory.name, "existing.ini")
        with open(existing, "w", encoding="utf-8"):
            pass
        os.chmod(existing, 0o644)
        for filename in (fresh, existing):
            installer().write_config(FakeCommand(), filename, {
                "app_instance_secret": "s3cr3t", "app_instance_uuid": "u"})
            self.assertEqual(stat.S_IMODE(os.stat(filename).st_mode), 0o600,
                             filename)


class ClassNameTest(unittest.TestCase):
    def test_module_names_become_camel_case(self):
        self.assertEqual(class_name_from_module_name("wiki_pages"), "WikiPages")
        self.assertEqual(class_name_from_module_name("pages"), "Pages")
        self.assertEqual(class_name_from_module_name("main-page"), "MainPage")
