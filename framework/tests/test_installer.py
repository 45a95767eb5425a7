"""PylonsInstaller: setup-app runs websetup, make-config fills the template.

Also: the scaffolding (installer and project templates) stays apart from
the runtime, and is still importable from pylons.util.
"""

import importlib.metadata
import os
import stat
import subprocess
import sys
import tempfile
import unittest

import pylons.scaffolding
from pylons.util import PylonsInstaller, class_name_from_module_name

from tests import HERE
from tests.sampleapp import websetup


class FakeDistribution:
    """The part of a pkg_resources distribution the installer reads."""

    def get_metadata_lines(self, name):
        assert name == "top_level.txt"
        # A package with no websetup (as a stray bin/ is) comes first.
        return ["tests.sampleapp.lib", "tests.sampleapp", ""]

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
        self.assertEqual(
            websetup.calls,
            [{"filename": ini, "marker": "from test.ini", "vars": {"x": "1"}}],
        )

    def test_make_config_fills_the_deployment_template(self):
        content = installer().config_content(
            FakeCommand(),
            {"app_instance_secret": "s3cr3t", "app_instance_uuid": "u-u-i-d"},
        )
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
            installer().write_config(
                FakeCommand(),
                filename,
                {"app_instance_secret": "s3cr3t", "app_instance_uuid": "u"},
            )
            self.assertEqual(stat.S_IMODE(os.stat(filename).st_mode), 0o600, filename)


class ClassNameTest(unittest.TestCase):
    def test_module_names_become_camel_case(self):
        self.assertEqual(class_name_from_module_name("wiki_pages"), "WikiPages")
        self.assertEqual(class_name_from_module_name("pages"), "Pages")
        self.assertEqual(class_name_from_module_name("main-page"), "MainPage")


#: What a running application imports: the runtime's modules.
RUNTIME_MODULES = (
    "pylons",
    "pylons.wsgiapp",
    "pylons.controllers",
    "pylons.controllers.util",
    "pylons.middleware",
    "pylons.templating",
    "pylons.decorators",
    "pylons.decorators.secure",
    "pylons.decorators.rest",
    "pylons.decorators.cache",
    "pylons.i18n",
    "pylons.util",
    "pylons.url",
    "pylons.secure_form",
    "pylons.flash",
    "pylons.error",
    "pylons.log",
)


class ScaffoldingApartTest(unittest.TestCase):
    def test_the_runtime_does_not_import_pastescripts_template_machinery(self):
        script = (
            "import importlib, sys\n"
            "for name in %r:\n"
            "    importlib.import_module(name)\n"
            "loaded = ('paste.script', 'pylons.scaffolding')\n"
            "print(sorted(name for name in sys.modules\n"
            "             if name.startswith(loaded)))\n" % (RUNTIME_MODULES,)
        )
        loaded = subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        ).stdout
        self.assertEqual(loaded.strip(), "[]")

    def test_pylons_util_still_gives_the_installer_and_templates(self):
        import pylons.util

        for name in (
            "PylonsInstaller",
            "PylonsTemplate",
            "MinimalPylonsTemplate",
            "TEMPLATES_DIR",
        ):
            with self.subTest(name=name):
                self.assertIs(
                    getattr(pylons.util, name), getattr(pylons.scaffolding, name)
                )
        with self.assertRaises(AttributeError):
            pylons.util.NoSuchName

    def test_entry_points_load_the_scaffolding(self):
        wanted = {
            ("paste.app_install", "main"): pylons.scaffolding.PylonsInstaller,
            (
                "paste.paster_create_template",
                "pylons",
            ): pylons.scaffolding.PylonsTemplate,
            (
                "paste.paster_create_template",
                "pylons_minimal",
            ): pylons.scaffolding.MinimalPylonsTemplate,
        }
        entry_points = importlib.metadata.distribution("Pylons").entry_points
        for (group, name), expected in wanted.items():
            with self.subTest(group=group, name=name):
                (entry_point,) = entry_points.select(group=group, name=name)
                self.assertIs(entry_point.load(), expected)
