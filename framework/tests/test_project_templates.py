"""The project templates, end to end: create, install, set up, serve, extend, test.

For each template (and for ``pylons`` with Jinja2 and SQLAlchemy too) a
project is created with ``paster create`` in a temporary directory and
installed into the running environment with ``pip install -e
--no-deps --no-build-isolation`` (its dependencies and build
requirements are Pylons' own, already installed); it is uninstalled
afterwards.  Every ``paster`` command runs in a subprocess in the
project's directory, as a developer would run it.
"""

import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

#: How a subprocess runs ``paster``: the console script's own entry point.
PASTER = [
    sys.executable,
    "-c",
    "import sys; from paste.script.command import run; run(sys.argv[1:])",
]

COMMON_FILES = [
    "setup.py",
    "setup.cfg",
    "MANIFEST.in",
    "pyproject.toml",
    "README.txt",
    "development.ini",
    "test.ini",
    "unittest.cfg",
    "{package}/__init__.py",
    "{package}/websetup.py",
    "{package}/config/environment.py",
    "{package}/config/middleware.py",
    "{package}/config/routing.py",
    "{package}/config/deployment.ini_tmpl",
    "{package}/controllers/__init__.py",
    "{package}/lib/app_globals.py",
    "{package}/lib/base.py",
    "{package}/lib/helpers.py",
    "{package}/public/index.html",
    "{package}/public/style.css",
    "{package}/templates/.gitkeep",
    "{package}/tests/__init__.py",
    "{package}/tests/functional/__init__.py",
    "{package}/tests/functional/test_app.py",
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GeneratedProjectMixin:
    """A project made from ``template`` with ``variables``, installed."""

    template = None
    variables = ()
    project = None
    template_engine = "mako"
    sqlalchemy = False
    error_controller = True
    model = True

    @classmethod
    def setUpClass(cls):
        workdir = tempfile.mkdtemp(prefix="pylons-project-")
        cls.addClassCleanup(shutil.rmtree, workdir)
        cls.package = cls.project.lower()
        cls.root = os.path.join(workdir, cls.project)
        cls.run_in(
            workdir,
            *PASTER,
            "create",
            "--no-interactive",
            "-t",
            cls.template,
            cls.project,
            *cls.variables,
        )
        cls.run_in(
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
        cls.addClassCleanup(
            cls.run_in,
            workdir,
            sys.executable,
            "-m",
            "pip",
            "uninstall",
            "--quiet",
            "--yes",
            cls.project,
        )

    @classmethod
    def run_in(cls, directory, *command, **kwargs):
        """Run ``command`` in ``directory``; its output, or a failure."""
        done = subprocess.run(
            command,
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=300,
            **kwargs,
        )
        if done.returncode:
            raise AssertionError(
                "%s failed (%s):\n%s\n%s"
                % (" ".join(command), done.returncode, done.stdout, done.stderr)
            )
        return done.stdout + done.stderr

    def paster(self, *args, **kwargs):
        return self.run_in(self.root, *PASTER, *args, **kwargs)

    def path(self, relative):
        return os.path.join(self.root, relative.format(package=self.package))

    def read(self, relative):
        with open(self.path(relative), encoding="utf-8") as source:
            return source.read()

    def test_layout(self):
        for relative in COMMON_FILES:
            self.assertTrue(os.path.isfile(self.path(relative)), relative)
        self.assertEqual(
            os.path.isfile(self.path("{package}/controllers/error.py")),
            self.error_controller,
        )
        self.assertEqual(
            os.path.isfile(self.path("{package}/model/__init__.py")), self.model
        )
        self.assertEqual(
            os.path.isfile(self.path("{package}/model/meta.py")), self.sqlalchemy
        )
        self.assertIn(
            "render_%s as render" % self.template_engine,
            self.read("{package}/lib/base.py"),
        )
        self.assertEqual(
            self.read("%s.egg-info/paster_plugins.txt" % self.project).split(),
            ["PasteScript", "Pylons"],
        )

    def test_packaging_names_every_package_directory(self):
        """No package directory is left out of ``packages``."""
        build = tempfile.mkdtemp(prefix="build-", dir=self.root)
        output = self.run_in(
            self.root,
            sys.executable,
            "setup.py",
            "--quiet",
            "egg_info",
            "--egg-base",
            build,
            "build_py",
            "--build-lib",
            build,
        )
        self.assertNotIn("absent from the `packages` configuration", output)
        self.assertTrue(
            os.path.isfile(os.path.join(build, self.package, "public", "index.html"))
        )

    def test_development_config_debugs_without_a_fixed_secret(self):
        development = self.read("development.ini")
        self.assertIn("\ndebug = true\n", development)
        self.assertNotIn("beaker.session.secret =", development)

    def test_paster_help_lists_the_pylons_commands(self):
        output = self.paster("--help")
        self.assertNotIn("Warning", output)
        pylons_group = output[output.index("\npylons:") :]
        for command in ("controller", "restcontroller", "routes", "shell"):
            self.assertRegex(pylons_group, r"\n  %s +\S" % command)

    def test_setup_app_runs_websetup(self):
        output = self.paster("setup-app", "development.ini")
        self.assertIn("Running setup_app() from %s.websetup" % self.package, output)
        self.assertEqual(os.path.isfile(self.path("development.db")), self.sqlalchemy)

    def test_make_config_writes_a_random_secret_and_debug_off(self):
        configs = []
        for name in ("deploy1.ini", "deploy2.ini"):
            self.paster("make-config", self.project, name)
            configs.append(self.read(name))
        secrets = [
            re.search(r"^beaker\.session\.secret = (\S+)$", config, re.MULTILINE).group(
                1
            )
            for config in configs
        ]
        self.assertNotEqual(secrets[0], secrets[1])
        self.assertGreaterEqual(len(secrets[0]), 20)
        for config in configs:
            self.assertIn("\ndebug = false\n", config)
            self.assertIn("\nuse = egg:Pylons#waitress\n", config)
            self.assertIn("\nget port = http_port\n", config)
        self.assertEqual(stat.S_IMODE(os.stat(self.path("deploy1.ini")).st_mode), 0o600)

    def test_serve_answers_a_request_on_the_port_asked_for(self):
        port = free_port()
        server = subprocess.Popen(
            PASTER + ["serve", "development.ini", "http_port=%d" % port],
            cwd=self.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.addCleanup(server.wait)
        self.addCleanup(server.terminate)
        page = self.fetch("http://127.0.0.1:%d/" % port, server)
        self.assertIn("Welcome to %s" % self.project, page)

    def test_a_taken_port_is_said_in_one_line(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            done = subprocess.run(
                PASTER + ["serve", "development.ini", "http_port=%d" % port],
                cwd=self.root,
                capture_output=True,
                text=True,
                timeout=120,
            )
        self.assertEqual(done.returncode, 2)
        self.assertNotIn("Traceback", done.stdout + done.stderr)
        said = [line for line in done.stdout.splitlines() if str(port) in line]
        self.assertEqual(len(said), 1, done.stdout)
        self.assertIn("127.0.0.1:%d" % port, said[0])
        self.assertIn("http_port=%d" % (port + 1), said[0])

    def test_readme_serves_the_configs_it_makes(self):
        readme = self.read("README.txt")
        made = re.findall(r"paster make-config %s (\S+)" % self.project, readme)
        named = set(re.findall(r"paster (?:setup-app|serve)[^\n]*? (\S+\.ini)", readme))
        self.assertIn("development.ini", named)
        for config in named:
            with self.subTest(config=config):
                self.assertTrue(
                    config in made or os.path.isfile(self.path(config)), config
                )

    def fetch(self, url, server):
        """GET ``url`` once the server listens (it may take a while to start)."""
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def test_routes_lists_the_route_table(self):
        lines = self.paster("routes").splitlines()
        self.assertTrue(lines[0].startswith("Route name"))
        self.assertIn("/{controller}/{action}/{id}", lines[-1])

    def test_shell_loads_the_application(self):
        output = self.paster(
            "shell",
            "-c",
            "print(app.get('/').status, config['pylons.package'], "
            "getattr(globals().get('model'), '__name__', None))",
        )
        model = "%s.model" % self.package if self.model else None
        self.assertEqual(
            output.splitlines()[-1], "200 OK %s %s" % (self.package, model)
        )

    #: A template of each engine, and the name render() finds it by.
    hello_templates = {
        "mako": ("<p>${c.who}</p>", "/hello.html"),
        "jinja2": ("<p>{{ c.who }}</p>", "/hello.html"),
        "genshi": (
            '<p xmlns:py="http://genshi.edgewall.org/">${c.who}</p>',
            "hello.html",
        ),
    }

    def test_templates_render_with_the_chosen_engine(self):
        source, name = self.hello_templates[self.template_engine]
        with open(
            self.path("{package}/templates/hello.html"), "w", encoding="utf-8"
        ) as template:
            template.write(source)
        output = self.paster(
            "shell",
            "-c",
            "from %s.lib.base import render\n"
            "c.who = '<you>'\n"
            "print(render(%r))" % (self.package, name),
        )
        self.assertEqual(output.splitlines()[-1], "<p>&lt;you&gt;</p>")

    def test_added_controllers_pass_their_generated_tests(self):
        self.add_pylons_1_code()
        self.paster("controller", "hello")
        self.paster("controller", "admin/users")
        output = self.paster("restcontroller", "admin/comment", "admin/comments")
        resource_line = output.strip().splitlines()[-1].strip()
        routing = self.read("{package}/config/routing.py")
        with open(
            self.path("{package}/config/routing.py"), "w", encoding="utf-8"
        ) as routing_file:
            routing_file.write(
                routing.replace(
                    "    # CUSTOM ROUTES HERE",
                    "    %s\n    # CUSTOM ROUTES HERE" % resource_line,
                )
            )
        output = self.run_in(self.root, sys.executable, "-m", "nose2", "-v")
        for test_class, method in (
            (r"[\w.]+", "test_welcome_page_is_served_from_public"),
            (r"[\w.]*tests\.functional\.test_hello\.TestHelloController", "test_index"),
            (r"[\w.]*test_admin_users\.TestUsersController", "test_index"),
            (r"[\w.]*test_admin_comments\.TestCommentsController", "test_edit"),
            (r"[\w.]+", "test_app_and_url_are_made_with_the_test_case"),
            (r"[\w.]+", "test_pylons_globals_outside_a_request"),
            (r"[\w.]+", "test_beaker_cache_in_every_request_thread"),
        ):
            # "method (module.Class.method)", or before Python 3.11
            # "method (module.Class)".
            self.assertRegex(
                output,
                r"(?m)^%s \(%s(\.%s)?\) \.\.\. ok$" % (method, test_class, method),
            )
        self.assertRegex(output, r"\nRan [12][0-9] tests in ")
        self.assertIn("\nOK", output)

    def add_pylons_1_code(self):
        """A controller and tests written as for a Pylons 1.0 project."""
        self.write(
            "{package}/controllers/counted.py",
            PYLONS_1_CONTROLLER.replace("PACKAGE", self.package),
        )
        self.write(
            "{package}/tests/functional/test_pylons_1.py",
            PYLONS_1_TESTS.replace("PACKAGE", self.package),
        )

    def write(self, relative, text):
        with open(self.path(relative), "w", encoding="utf-8") as target:
            target.write(text)


#: A controller whose action is cached, as in a Pylons 1.0 project.
PYLONS_1_CONTROLLER = """\
import itertools

from pylons.decorators.cache import beaker_cache

from PACKAGE.lib.base import BaseController

made = itertools.count(1)


class CountedController(BaseController):
    @beaker_cache(expire=600)
    def index(self):
        return "made %d" % next(made)
"""

#: Functional tests written as for a Pylons 1.0 project.
PYLONS_1_TESTS = """\
import threading

import pylons
from PACKAGE.tests import *


class TestPylons1Style(TestController):
    def setUp(self):
        # Overridden without calling TestController's: 1.0 set up there.
        self.counted = url(controller="counted", action="index")

    def test_app_and_url_are_made_with_the_test_case(self):
        self.assertEqual(self.counted, "/counted/index")
        self.assertEqual(self.app.get("/").status_int, 200)

    def test_pylons_globals_outside_a_request(self):
        self.assertEqual(pylons.config["pylons.package"], "PACKAGE")
        self.assertIsNotNone(pylons.app_globals.cache)
        self.assertEqual(pylons.translator.gettext("text"), "text")

    def test_beaker_cache_in_every_request_thread(self):
        answers = []

        def get():
            answers.append(self.app.get(self.counted).text)

        for _ in range(3):
            thread = threading.Thread(target=get)
            thread.start()
            thread.join()
        self.assertEqual(len(answers), 3)
        self.assertEqual(len(set(answers)), 1, answers)
"""


class PylonsProjectTest(GeneratedProjectMixin, unittest.TestCase):
    template = "pylons"
    project = "PylonsDefaults"


class PylonsJinja2SQLAlchemyProjectTest(GeneratedProjectMixin, unittest.TestCase):
    template = "pylons"
    project = "PylonsAlchemy"
    variables = ("template_engine=jinja2", "sqlalchemy=true")
    template_engine = "jinja2"
    sqlalchemy = True

    def test_generated_tests_use_their_own_database(self):
        self.run_in(
            self.root,
            sys.executable,
            "-m",
            "nose2",
            "%s.tests.test_models" % self.package,
        )
        self.assertTrue(os.path.isfile(self.path("test.db")))


class PylonsGenshiProjectTest(GeneratedProjectMixin, unittest.TestCase):
    template = "pylons"
    project = "PylonsGenshi"
    variables = ("template_engine=genshi",)
    template_engine = "genshi"


class MinimalProjectTest(GeneratedProjectMixin, unittest.TestCase):
    template = "pylons_minimal"
    project = "PylonsMinimal"
    error_controller = False
    model = False


class TemplateChoicesTest(unittest.TestCase):
    def create(self, *variables):
        with tempfile.TemporaryDirectory() as workdir:
            return subprocess.run(
                PASTER
                + ["create", "--no-interactive", "-t", "pylons", "Refused", *variables],
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=300,
            )

    def test_unknown_template_engine_is_refused(self):
        done = self.create("template_engine=cheetah")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn(
            "template_engine must be one of mako, genshi, jinja2", done.stdout
        )

    def test_sqlalchemy_must_be_a_boolean(self):
        done = self.create("sqlalchemy=perhaps")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("sqlalchemy must be true or false", done.stdout)
