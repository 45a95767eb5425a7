"""The tutorial, followed to the letter: its commands run, its files written.

The pages of ``docs/tutorial`` are read in the order of their toctree.
A ``console`` code block holds commands, each after a ``$`` prompt; the
lines after a command that are not commands are output it must print.  A
code block with a ``:caption:`` is a whole file, the caption its path
(relative to the directory the commands are in at that point); it is
written as it stands.  Everything runs in a temporary directory, in
order, as a reader would type it, with these differences, which the
environment of the tests makes necessary:

* The first step's virtual environment is not made, nor the framework
  installed into it: the tests run in the environment of
  ``scripts/run-tests``, which has the framework, installed from the
  lock.  (The reader's steps are followed for real by people.)
* ``pip install -e .`` installs the project without its dependencies
  (those of the framework, already installed) and without build
  isolation, and the project is uninstalled afterwards.
* ``paster serve CONFIG`` serves on a free port (``http_port=PORT``, or a
  copy of ``CONFIG`` naming it), in the background, until ``/`` answers
  with the wiki's page; then the server is stopped, as the reader stops
  it with Ctrl-C.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

TUTORIAL = os.path.join(os.path.dirname(__file__), "..", "tutorial")

#: The reader's commands that set up the environment the tests already run in.
ENVIRONMENT_COMMANDS = (
    re.compile(r"python3 -m venv \S+$"),
    re.compile(r"\. \S+/bin/activate$"),
    re.compile(r"pip install \S+/framework$"),
)


def pages():
    """The tutorial's pages, in the order of its toctree."""
    with open(os.path.join(TUTORIAL, "index.rst"), encoding="utf-8") as index:
        text = index.read()
    toctree = text.split(".. toctree::", 1)[1]
    names = re.findall(r"^   ([a-z][\w-]*)$", toctree, re.MULTILINE)
    return [os.path.join(TUTORIAL, name + ".rst") for name in names]


def code_blocks(path):
    """The ``code-block`` directives of ``path``: (language, options, text)."""
    with open(path, encoding="utf-8") as page:
        lines = page.read().splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        match = re.match(r"\.\. code-block:: (\S+)$", lines[i])
        i += 1
        if not match:
            continue
        options = {}
        while i < len(lines) and re.match(r"   :(\w+):", lines[i]):
            name, _, value = lines[i].strip()[1:].partition(":")
            options[name] = value.strip()
            i += 1
        body = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("   ")):
            body.append(lines[i][3:])
            i += 1
        blocks.append((match.group(1), options, "\n".join(body).strip("\n") + "\n"))
    return blocks


def steps():
    """Every step of the tutorial, in order: ("file", path, text) or
    ("command", command, [lines of expected output])."""
    found = []
    for path in pages():
        for language, options, text in code_blocks(path):
            if "caption" in options:
                found.append(("file", options["caption"], text))
            elif language == "console":
                for line in text.splitlines():
                    if line.startswith("$ "):
                        found.append(("command", line[2:], []))
                    elif line.strip():
                        found[-1][2].append(line.strip())
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TutorialTest(unittest.TestCase):
    """Builds MyWiki from the tutorial's own code blocks, and runs it."""

    def setUp(self):
        self.cwd = tempfile.mkdtemp(prefix="pylons-tutorial-")
        self.addCleanup(shutil.rmtree, self.cwd)
        # The environment's own commands (pip, paster, nose2) come first.
        bin_dir = os.path.dirname(sys.executable)
        self.env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"])
        self.env.pop("PIP_REQUIRE_VIRTUALENV", None)
        self.served = []

    def test_the_tutorial_builds_a_wiki_that_passes_its_tests(self):
        ran = []
        for kind, what, extra in steps():
            if kind == "file":
                self.write(what, extra)
            else:
                self.run_command(what, extra)
                ran.append(what.split()[:2])
        # What the reader does, the test did: the checks below guard
        # against a tutorial whose blocks were no longer found.
        for command in (["paster", "create"], ["paster", "setup-app"], ["nose2", "-v"]):
            self.assertIn(command, ran)
        self.assertEqual(
            [config for config, _ in self.served],
            ["development.ini"] * 2 + ["production.ini"],
        )
        # The wiki of the last two servings is the wiki, not the welcome page.
        for _, page in self.served[1:]:
            self.assertIn("<h1>FrontPage</h1>", page)

    def write(self, path, text):
        path = os.path.join(self.cwd, path)
        self.assertTrue(os.path.isdir(os.path.dirname(path)), path)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)

    def run_command(self, command, expected):
        if any(pattern.match(command) for pattern in ENVIRONMENT_COMMANDS):
            return
        words = command.split()
        if words[0] == "cd":
            self.cwd = os.path.join(self.cwd, words[1])
            return
        if words[:2] == ["paster", "serve"]:
            self.serve(words[2])
            return
        if words[:3] == ["pip", "install", "-e"]:
            command = (
                "python -m pip install --quiet --no-deps --no-build-isolation -e "
                + words[3]
            )
            project = self.cwd
            self.addCleanup(
                subprocess.run,
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "uninstall",
                    "--quiet",
                    "--yes",
                    os.path.basename(project),
                ],
                capture_output=True,
            )
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
        output = done.stdout + done.stderr
        self.assertEqual(done.returncode, 0, "%s failed:\n%s" % (command, output))
        for line in expected:
            self.assertIn(line, output, command)

    def serve(self, config):
        """``paster serve config`` on a free port until / answers; its page."""
        port = free_port()
        with open(os.path.join(self.cwd, config), encoding="utf-8") as ini:
            text = ini.read()
        if "\nport = 5000\n" in text:
            # A fixed port: serve a copy that names another.
            command = ["paster", "serve", "served-" + config]
            with open(os.path.join(self.cwd, command[2]), "w", encoding="utf-8") as ini:
                ini.write(text.replace("\nport = 5000\n", "\nport = %d\n" % port))
        else:
            # The port is the variable http_port, which the command line sets.
            self.assertIn("http_port", text)
            command = ["paster", "serve", config, "http_port=%d" % port]
        server = subprocess.Popen(
            command,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            page = self.first_answer("http://127.0.0.1:%d/" % port, server)
        finally:
            server.terminate()
            server.wait()
        self.served.append((config, page))

    def first_answer(self, address, server):
        """The page at ``address``, once the server listens (within a minute)."""
        deadline = time.monotonic() + 60
        while server.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(address, timeout=30) as response:
                    return response.read().decode("utf-8")
            except OSError:  # Not listening yet.
                time.sleep(0.1)
        self.fail(
            "%s did not answer (server exit status %s)" % (address, server.poll())
        )
