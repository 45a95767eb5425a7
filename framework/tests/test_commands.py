"""The paster commands: controller, restcontroller, routes and shell.

controller and restcontroller write into a small stand-in project here;
test_project_templates runs what they write in generated projects.  routes
and shell load the sample application from commands.ini.
"""

import ast
import contextlib
import io
import os
import tempfile
import unittest
from unittest import mock

from paste.deploy import loadapp
from paste.script.command import BadCommand

import pylons
from pylons.commands import (
    ControllerCommand,
    RestControllerCommand,
    RoutesCommand,
    ShellCommand,
    shell_session,
)

from tests import HERE

INI = os.path.join(HERE, "commands.ini")

REST_ACTIONS = ["index", "create", "new", "update", "delete", "show", "edit"]


def run(command_class, *args):
    """Run a command in this process; what it printed."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_class(command_class.__name__).run(list(args))
    return output.getvalue()


def functions_of_class(source, class_name):
    """The names of the methods ``class_name`` defines in ``source``."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            return [
                item.name for item in node.body if isinstance(item, ast.FunctionDef)
            ]
    raise AssertionError("no class %s in:\n%s" % (class_name, source))


class StandInProjectMixin:
    """A temporary directory laid out as an installed Pylons project."""

    def setUp(self):
        root = tempfile.TemporaryDirectory()
        self.addCleanup(root.cleanup)
        self.root = root.name
        for directory in (
            "Stand_In.egg-info",
            "standin/controllers",
            "standin/tests/functional",
        ):
            os.makedirs(os.path.join(self.root, directory))
        self.write("Stand_In.egg-info/top_level.txt", "standin\n")
        self.write("standin/controllers/__init__.py", "")
        previous = os.getcwd()
        os.chdir(os.path.join(self.root, "standin"))
        self.addCleanup(os.chdir, previous)

    def write(self, path, content):
        with open(os.path.join(self.root, path), "w", encoding="utf-8") as f:
            f.write(content)

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()

    def exists(self, path):
        return os.path.exists(os.path.join(self.root, path))


class ControllerCommandTest(StandInProjectMixin, unittest.TestCase):
    def test_writes_the_controller_and_its_test(self):
        output = run(ControllerCommand, "wiki_pages")
        source = self.read("standin/controllers/wiki_pages.py")
        self.assertEqual(functions_of_class(source, "WikiPagesController"), ["index"])
        self.assertIn("from standin.lib.base import BaseController", source)
        test = self.read("standin/tests/functional/test_wiki_pages.py")
        self.assertIn("class TestWikiPagesController(TestController)", test)
        self.assertIn('url(controller="wiki_pages"', test)
        ast.parse(test)
        self.assertIn("controllers/wiki_pages.py", output)

    def test_nested_name_makes_the_packages_it_needs(self):
        run(ControllerCommand, "admin/site/users")
        self.assertEqual(self.read("standin/controllers/admin/__init__.py"), "")
        self.assertEqual(self.read("standin/controllers/admin/site/__init__.py"), "")
        source = self.read("standin/controllers/admin/site/users.py")
        self.assertEqual(functions_of_class(source, "UsersController"), ["index"])
        test = self.read("standin/tests/functional/test_admin_site_users.py")
        self.assertIn('url(controller="admin/site/users"', test)

    def test_existing_package_is_left_alone(self):
        os.makedirs(os.path.join(self.root, "standin/controllers/admin"))
        self.write("standin/controllers/admin/__init__.py", "# mine\n")
        run(ControllerCommand, "admin/users")
        self.assertEqual(self.read("standin/controllers/admin/__init__.py"), "# mine\n")

    def test_no_test_option_writes_the_controller_only(self):
        run(ControllerCommand, "--no-test", "pages")
        self.assertTrue(self.exists("standin/controllers/pages.py"))
        self.assertFalse(self.exists("standin/tests/functional/test_pages.py"))

    def test_existing_controller_is_not_overwritten(self):
        self.write("standin/controllers/pages.py", "# mine\n")
        with self.assertRaises(BadCommand):
            run(ControllerCommand, "pages")
        self.assertEqual(self.read("standin/controllers/pages.py"), "# mine\n")
        self.assertFalse(self.exists("standin/tests/functional/test_pages.py"))

    def test_names_must_be_python_identifiers(self):
        for name in ("2pages", "admin/class", "we ird", "a/../b"):
            with self.assertRaises(BadCommand, msg=name):
                run(ControllerCommand, name)

    def test_dashes_become_underscores(self):
        run(ControllerCommand, "wiki-pages")
        self.assertTrue(self.exists("standin/controllers/wiki_pages.py"))

    def test_outside_a_project_is_an_error(self):
        with tempfile.TemporaryDirectory() as elsewhere:
            os.chdir(elsewhere)
            with self.assertRaises(BadCommand):
                run(ControllerCommand, "pages")


class RestControllerCommandTest(StandInProjectMixin, unittest.TestCase):
    def test_writes_the_seven_resource_actions_and_their_tests(self):
        output = run(RestControllerCommand, "comment", "comments")
        source = self.read("standin/controllers/comments.py")
        self.assertEqual(functions_of_class(source, "CommentsController"), REST_ACTIONS)
        test = self.read("standin/tests/functional/test_comments.py")
        for action in REST_ACTIONS:
            self.assertIn('self.assert_action(response, "%s")' % action, test)
        self.assertIn('url("edit_comment", id=1)', test)
        self.assertIn("map.resource('comment', 'comments')", output)

    def test_nested_resource_gets_prefixed_routes(self):
        output = run(RestControllerCommand, "admin/comment", "admin/comments")
        line = (
            "map.resource('comment', 'comments', "
            "controller='admin/comments', path_prefix='/admin', "
            "name_prefix='admin_')"
        )
        self.assertIn(line, output)
        source = self.read("standin/controllers/admin/comments.py")
        self.assertIn(line, source)
        self.assertIn("GET /admin/comments/id/edit", source)
        test = self.read("standin/tests/functional/test_admin_comments.py")
        self.assertIn('url("admin_new_comment")', test)
        self.assertIn('url("formatted_admin_comments",', test)

    def test_both_names_must_be_in_the_same_package(self):
        with self.assertRaises(BadCommand):
            run(RestControllerCommand, "admin/comment", "comments")

    def test_needs_both_names(self):
        with self.assertRaises(BadCommand):
            run(RestControllerCommand, "comments")


class RoutesCommandTest(unittest.TestCase):
    def test_prints_the_route_table_one_route_a_line(self):
        lines = run(RoutesCommand, INI).splitlines()
        self.assertEqual(
            lines[0].split(),
            ["Route", "name", "Methods", "Path", "Controller", "action"],
        )
        self.assertEqual(len(lines), 1 + 5)
        self.assertEqual(
            lines[3].split(),
            [
                "dotted",
                "/dotted/{action}",
                "tests.sampleapp.controllers.hello:HelloController",
                "index",
            ],
        )
        self.assertEqual(lines[-1].split(), ["/{controller}/{action}/{id}", "index"])
        self.assertTrue(all(line == line.rstrip() for line in lines))

    def test_missing_config_file_is_an_error(self):
        with self.assertRaises(BadCommand):
            run(RoutesCommand, os.path.join(HERE, "no-such.ini"))


class ShellSessionTest(unittest.TestCase):
    def setUp(self):
        self.wsgiapp = loadapp("config:" + INI)

    def test_namespace_has_the_application_and_request_objects(self):
        with shell_session(self.wsgiapp) as namespace:
            # Every request object the made-up request has (no session:
            # no SessionMiddleware ran), and the shell's own names.
            self.assertEqual(
                sorted(namespace),
                [
                    "app",
                    "app_globals",
                    "c",
                    "cache",
                    "config",
                    "g",
                    "h",
                    "mapper",
                    "pylons",
                    "request",
                    "response",
                    "tmpl_context",
                    "translator",
                    "url",
                    "wsgiapp",
                ],
            )
            self.assertIs(namespace["wsgiapp"], self.wsgiapp)
            self.assertEqual(namespace["config"]["pylons.package"], "tests.sampleapp")
            self.assertIs(namespace["mapper"], namespace["config"]["routes.map"])
            self.assertEqual(namespace["g"].message, "hello from app_globals")
            self.assertEqual(namespace["request"].path_info, "/")

    def test_app_answers_requests(self):
        with shell_session(self.wsgiapp) as namespace:
            self.assertEqual(namespace["app"].get("/hello/index").text, "Hello World")

    def test_pylons_globals_work_during_the_session_only(self):
        with shell_session(self.wsgiapp) as namespace:
            self.assertIs(pylons.request._current_obj(), namespace["request"])
            self.assertEqual(
                pylons.url(controller="hello", action="index"), "/hello/index"
            )
            namespace["app"].get("/hello/index")
            self.assertIs(pylons.tmpl_context._current_obj(), namespace["c"])
        with self.assertRaises(TypeError):
            pylons.request._current_obj()


class ShellCommandTest(unittest.TestCase):
    def test_code_option_runs_with_the_shells_names(self):
        output = run(
            ShellCommand,
            INI,
            "-c",
            "print(app.get('/hello/index').text, request.path_info, "
            "'model' in globals())",
        )
        self.assertEqual(output, "Hello World / False\n")

    def test_input_is_read_as_python_until_it_ends(self):
        lines = "x = app.get('/hello/args/7').text\nprint(x.upper())\n"
        errors = io.StringIO()
        with (
            mock.patch("sys.stdin", io.StringIO(lines)),
            contextlib.redirect_stderr(errors),
        ):
            output = run(ShellCommand, "-q", INI)
        self.assertIn("ID=7", output)
        self.assertNotIn("Pylons interactive shell", errors.getvalue())

    def test_banner_names_what_is_there(self):
        errors = io.StringIO()
        with (
            mock.patch("sys.stdin", io.StringIO("")),
            contextlib.redirect_stderr(errors),
        ):
            run(ShellCommand, INI)
        self.assertIn("Pylons interactive shell", errors.getvalue())
        self.assertIn("Names: app, app_globals, c, cache, config", errors.getvalue())
