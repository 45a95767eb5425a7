"""Naming the library a profiled function belongs to."""

import os
import sysconfig
import unittest

import profile_report


class LibraryOfTest(unittest.TestCase):
    def test_builtins(self):
        self.assertEqual(profile_report.library_of("~"), "builtins")
        self.assertEqual(profile_report.library_of("<string>"), "builtins")

    def test_site_packages(self):
        self.assertEqual(
            profile_report.library_of(
                "/venv/lib/python3.11/site-packages/webob/request.py"
            ),
            "webob",
        )
        self.assertEqual(
            profile_report.library_of("/venv/lib/python3.11/site-packages/six.py"),
            "six",
        )

    def test_project_checkout(self):
        self.assertEqual(
            profile_report.library_of("/work/framework/pylons/wsgiapp.py"), "pylons"
        )
        self.assertEqual(
            profile_report.library_of("/work/quickwiki/controllers/pages.py"),
            "quickwiki",
        )

    def test_standard_library(self):
        stdlib = sysconfig.get_paths()["stdlib"]
        self.assertEqual(
            profile_report.library_of(os.path.join(stdlib, "inspect.py")), "stdlib"
        )

    def test_anything_else(self):
        self.assertEqual(profile_report.library_of("/somewhere/run.py"), "other")
