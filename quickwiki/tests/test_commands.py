"""The ``paster`` commands a deployment runs: make-config, setup-app, serve
(behind a proxy), account."""

import configparser
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from quickwiki.tests import FRONT_PAGE_CONTENT, PASTER, make_wiki
from quickwiki.tests.servers import PasterServer, Visitor
from quickwiki.tests.test_deployment import unit_command


class PasterTest(unittest.TestCase):
    """Runs ``paster`` in a directory of its own."""

    processes = True

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = directory.name

    def paster(self, *args, status=0, **environ):
        """Run ``paster args`` in the test's directory, with ``environ`` added
        to the environment; it must end with ``status``: the result."""
        result = subprocess.run(
            PASTER + list(args),
            cwd=self.dir,
            capture_output=True,
            text=True,
            env=dict(os.environ, **environ),
        )
        self.assertEqual(
            result.returncode,
            status,
            "paster %s: %s" % (" ".join(args), result.stderr),
        )
        return result

    def make_config(self, name="prod.ini"):
        """``paster make-config QuickWiki name``, read back."""
        self.paster("make-config", "QuickWiki", name)
        parser = configparser.ConfigParser(interpolation=None)
        with open(os.path.join(self.dir, name), encoding="utf-8") as ini:
            parser.read_file(ini)
        return parser


class DeploymentTest(PasterTest):
    def test_made_config_is_readable_by_its_owner_only(self):
        self.make_config()
        mode = os.stat(os.path.join(self.dir, "prod.ini")).st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o600)

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
        self.assertNotEqual(
            first["beaker.session.secret"], second["beaker.session.secret"]
        )
        self.assertNotEqual(first["app_instance_uuid"], second["app_instance_uuid"])

    def test_the_made_configs_json_log_format_writes_json_lines(self):
        path = os.path.join(self.dir, "prod.ini")
        self.make_config()
        with open(path, encoding="utf-8") as ini:
            config = ini.read()
        self.assertEqual(config.count("\nformatter = generic\n"), 1)
        with open(path, "w", encoding="utf-8") as ini:
            ini.write(config.replace("\nformatter = generic\n", "\nformatter = json\n"))
        logged = subprocess.run(
            [sys.executable, "-c", LOG_A_LINE, path],
            cwd=self.dir,
            capture_output=True,
            text=True,
            check=True,
        )
        (record,) = [json.loads(line) for line in logged.stderr.splitlines()]
        self.assertEqual(
            (record["level"], record["logger"], record["message"]),
            ("INFO", "quickwiki.test", "A line, as JSON."),
        )

    def test_made_config_sets_up_its_database_twice_over(self):
        self.make_config()
        first = self.paster("setup-app", "prod.ini")
        again = self.paster("setup-app", "prod.ini")
        # Each says whether it changed the schema (which decides whether
        # an upgrade's way back needs the dump).
        head = re.search(r"schema to (\w+) \(from none\)", first.stderr)
        self.assertIsNotNone(head, first.stderr)
        self.assertIn("schema is current (migration %s)" % head[1], again.stderr)
        database = sqlite3.connect(os.path.join(self.dir, "quickwiki.db"))
        self.addCleanup(database.close)
        rows = database.execute(
            "SELECT page, number, content FROM revisions"
        ).fetchall()
        self.assertEqual(rows, [("FrontPage", 1, FRONT_PAGE_CONTENT)])

    def test_the_database_file_is_readable_by_its_owner_only(self):
        self.make_config()
        self.paster("setup-app", "prod.ini")
        mode = os.stat(os.path.join(self.dir, "quickwiki.db")).st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o600)


#: Logs one record with the logging sections of the config it is given.
LOG_A_LINE = """\
import logging.config, sys
logging.config.fileConfig(sys.argv[1], disable_existing_loggers=False)
logging.getLogger("quickwiki.test").info("A line, as JSON.")
"""


class ServeTest(unittest.TestCase):
    """The server of the made config, on a free port of this machine."""

    processes = True

    @classmethod
    def setUpClass(cls):
        directory = tempfile.TemporaryDirectory()
        cls.addClassCleanup(directory.cleanup)
        cls.dir = directory.name
        # Anyone edits, so that an anonymous save keeps the address.
        make_wiki(
            cls.dir,
            {
                "quickwiki.record_addresses": "true",
                "quickwiki.policy": "open",
                "quickwiki.metrics": "true",
            },
        )
        cls.server = PasterServer(cls.dir, "prod.ini")
        cls.addClassCleanup(cls.server.stop)
        cls.port = cls.server.port

    def test_it_says_it_serves_once_at_the_made_configs_level(self):
        serving = [line for line in self.server.log().splitlines() if "Serving" in line]
        self.assertEqual(len(serving), 1, serving)
        self.assertIn(
            " INFO  [quickwiki.server] [MainThread] Serving on http://127.0.0.1:%d"
            % self.port,
            serving[0],
        )

    def test_the_metrics_setting_turns_metrics_on(self):
        self.assertEqual(self.get("/")[0], 200)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.addCleanup(connection.close)
        connection.request("GET", "/metrics")
        response = connection.getresponse()
        self.assertEqual(response.status, 200)
        self.assertIn(
            'quickwiki_requests_total{method="GET",route="home",status="200"}',
            response.read().decode("utf-8"),
        )

    def get(self, path):
        """GET ``path``: the status and headers (a hang is a timeout error)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status, response.headers
        finally:
            connection.close()

    def connect(self):
        client = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        self.addCleanup(client.close)
        return client

    def test_idle_and_half_sent_connections_do_not_stop_it(self):
        for _ in range(20):
            self.connect()
        for _ in range(20):
            self.connect().sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        status, _headers = self.get("/")
        self.assertEqual(status, 200)

    def test_responses_have_security_headers_and_no_server_banner(self):
        status, headers = self.get("/")
        self.assertEqual(status, 200)
        self.assertIsNone(headers["Server"])
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")

    def save_through_a_proxy(self, source):
        """Save the FrontPage as a proxy on ``source`` would send it, for a
        client at 203.0.113.9 on a page of https://wiki.example.org: the
        status, and the address its revision keeps (None: none was made).

        The form's origin is that site's only if the proxy's word for the
        scheme and host is taken."""
        visitor = Visitor(
            dict(PROXY_HEADERS, Origin="https://wiki.example.org"), source=source
        )
        form = visitor.open(self.port, "/pages/edit/FrontPage").html.form
        content = "Proxied from %s." % source
        response = visitor.submit(self.port, form, content=content)
        database = sqlite3.connect(os.path.join(self.dir, "quickwiki.db"))
        self.addCleanup(database.close)
        saved = database.execute(
            "SELECT address FROM revisions WHERE page = 'FrontPage' AND content = ?",
            (content,),
        ).fetchone()
        return response.status, saved and saved[0]

    def test_the_proxys_headers_are_trusted_from_its_address(self):
        self.assertEqual(self.save_through_a_proxy("127.0.0.1"), (302, "203.0.113.9"))

    def test_the_same_headers_from_elsewhere_are_dropped(self):
        self.assertEqual(self.save_through_a_proxy("127.0.0.2"), (403, None))


class UnitServeTest(PasterTest):
    """``paster serve`` as the shipped systemd unit runs it."""

    def json_records(self, server):
        """The records of ``server``'s log, each line of which must be JSON."""
        records, not_json = [], []
        for line in server.log().splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                not_json.append(line)
        self.assertEqual(not_json, [])
        return records

    def test_with_the_json_format_every_line_it_writes_is_json(self):
        make_wiki(self.dir, {"formatter": "json"})
        _serve, *options, config, _port = unit_command(0)
        server = PasterServer(self.dir, config, options=options)
        self.addCleanup(server.stop)
        self.assertEqual(Visitor().open(server.port, "/").status, 200)
        server.stop()
        records = self.json_records(server)
        self.assertIn("Serving on", records[0]["message"])

    def test_with_the_json_format_a_failed_request_writes_json_alone(self):
        """A 500 is one JSON record, its traceback in ``exc_info``."""
        disk = os.path.join(self.dir, "disk")
        os.mkdir(disk)
        url = "sqlite:///%(here)s/disk/quickwiki.db"
        make_wiki(self.dir, {"formatter": "json", "sqlalchemy.url": url})
        _serve, *options, config, _port = unit_command(0)
        server = PasterServer(self.dir, config, options=options)
        self.addCleanup(server.stop)
        # The database out of reach, as on a disk gone (or a PostgreSQL
        # stopped): a request that reads it fails.
        os.rename(disk, disk + "-gone")
        self.assertEqual(Visitor().open(server.port, "/FrontPage").status, 500)
        server.stop()
        records = self.json_records(server)
        errors = [record for record in records if record["level"] == "ERROR"]
        self.assertEqual(len(errors), 1, records)
        self.assertIn("/FrontPage", errors[0]["message"])
        self.assertNotIn("Traceback", errors[0]["message"])
        self.assertIn("Traceback", errors[0]["exc_info"])
        self.assertIn("OperationalError", errors[0]["exc_info"])
        self.assertIn("request_id", errors[0])


class GracefulStopTest(PasterTest):
    """egg:QuickWiki#waitress, told to stop with a request in hand."""

    CONFIG = """\
[DEFAULT]
http_port = 5000

[server:main]
use = egg:QuickWiki#waitress
host = 127.0.0.1
get port = http_port
graceful_timeout = 60

[app:main]
use = call:quickwiki.tests.servers:held_app
fifos = %(here)s

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = INFO
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
formatter = generic

[formatter_generic]
format = %(levelname)s [%(name)s] %(message)s
"""

    def test_a_stop_finishes_the_request_in_hand_and_takes_no_other(self):
        with open(os.path.join(self.dir, "held.ini"), "w", encoding="utf-8") as ini:
            ini.write(self.CONFIG)
        for name in ("started", "release"):
            os.mkfifo(os.path.join(self.dir, name))
        server = PasterServer(self.dir, "held.ini")
        self.addCleanup(server.stop)
        held = []
        request = threading.Thread(
            target=lambda: held.append(self.get(server.port, "/"))
        )
        request.start()
        self.addCleanup(request.join)
        with open(os.path.join(self.dir, "started")):
            pass  # the request is in hand
        server.process.send_signal(signal.SIGTERM)
        # It stops listening within its loop's poll (a second).
        deadline = time.monotonic() + 30
        while self.accepts(server.port):
            self.assertLess(time.monotonic(), deadline, "still accepting")
            time.sleep(0.1)
        with open(os.path.join(self.dir, "release"), "w"):
            pass
        request.join()
        self.assertEqual(held, [(200, b"Released.\n")])
        self.assertEqual(server.process.wait(timeout=30), 0)
        log = server.log()
        # In hand: the held request, and maybe a connection of the test's
        # that asked whether it accepted (taken from the queue).
        self.assertRegex(log, r"Stopping: finishing the requests in hand \([12]\)")
        self.assertIn("Stopped serving on http://127.0.0.1:%d" % server.port, log)

    def test_a_stop_answers_the_connections_queued_for_it(self):
        """Connections that the kernel has queued for the server when it is
        told to stop, each with a form posted (as nginx sends them), are
        answered: closing the listener with them queued would reset them,
        and nginx sends a form to no other process."""
        config = self.CONFIG.replace(
            "call:quickwiki.tests.servers:held_app",
            "call:quickwiki.tests.servers:echo_app",
        ).replace("fifos = %(here)s\n", "")
        with open(os.path.join(self.dir, "echo.ini"), "w", encoding="utf-8") as ini:
            ini.write(config)
        server = PasterServer(self.dir, "echo.ini")
        self.addCleanup(server.stop)
        # Stopped, the server accepts nothing: the kernel queues the
        # connections, and the forms sent on them, until it goes on.
        server.process.send_signal(signal.SIGSTOP)
        self.addCleanup(server.process.send_signal, signal.SIGCONT)
        self.wait_until_stopped(server.process.pid)
        clients = []
        for number in range(3):
            client = socket.create_connection(("127.0.0.1", server.port), timeout=60)
            self.addCleanup(client.close)
            body = b"content=Saved+%d" % number
            client.sendall(
                b"POST /pages/save/FrontPage HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
            )
            clients.append(client)
        server.process.send_signal(signal.SIGTERM)
        server.process.send_signal(signal.SIGCONT)
        answers = [self.answer(client) for client in clients]
        self.assertEqual(
            answers, [(200, b"content=Saved+%d" % number) for number in range(3)]
        )
        self.assertEqual(server.process.wait(timeout=30), 0)

    def wait_until_stopped(self, pid):
        """Wait until every thread of process ``pid`` is stopped (SIGSTOP)."""
        deadline = time.monotonic() + 30
        tasks = "/proc/%d/task" % pid
        while True:
            states = set()
            for task in os.listdir(tasks):
                with open(os.path.join(tasks, task, "stat")) as stat_file:
                    # The state follows the command's name, in parentheses.
                    states.add(stat_file.read().rsplit(")", 1)[1].split()[0])
            if states <= {"T", "t"}:
                return
            self.assertLess(time.monotonic(), deadline, "not stopped: %s" % states)
            time.sleep(0.05)

    def answer(self, client):
        """The status and body answered on ``client``, or why there is none."""
        response = http.client.HTTPResponse(client)
        try:
            response.begin()
            return response.status, response.read()
        except OSError as error:
            return repr(error)
        except http.client.HTTPException as error:
            return repr(error)

    def get(self, port, path):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def accepts(self, port):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        except ConnectionRefusedError:
            return False
        return True


#: What the deployment guide's nginx sends: the client's address and what it asked for.
PROXY_HEADERS = {
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "wiki.example.org",
    "X-Forwarded-Port": "443",
}


class TakenPortTest(PasterTest):
    """egg:QuickWiki#waitress, told to serve on a port already taken."""

    def test_it_says_so_in_one_line(self):
        with open(os.path.join(self.dir, "held.ini"), "w", encoding="utf-8") as ini:
            ini.write(GracefulStopTest.CONFIG)
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            result = self.paster("serve", "held.ini", "http_port=%d" % port, status=2)
        self.assertNotIn("Traceback", result.stdout + result.stderr)
        said = [line for line in result.stdout.splitlines() if str(port) in line]
        self.assertEqual(len(said), 1, result.stdout)
        self.assertIn("127.0.0.1:%d" % port, said[0])
        self.assertIn("http_port=%d" % (port + 1), said[0])


class AccountCommandTest(PasterTest):
    def accounts(self):
        """Each account's name, role, whether it is blocked and has a password."""
        database = sqlite3.connect(os.path.join(self.dir, "quickwiki.db"))
        self.addCleanup(database.close)
        return database.execute(
            "SELECT name, role, blocked, password IS NOT NULL FROM accounts "
            "ORDER BY key"
        ).fetchall()

    def test_setup_app_hints_at_a_command_that_makes_an_admin(self):
        self.make_config()
        made = self.paster("setup-app", "prod.ini")
        hint = re.search(r"run paster (account CONFIG add NAME \w+)\.", made.stderr)
        self.assertIsNotNone(hint, made.stderr)
        command = hint[1].replace("CONFIG", "prod.ini").replace("NAME", "carol")
        self.paster(*command.split())
        self.assertEqual(self.accounts(), [("carol", "admin", 0, 0)])

    def test_the_admin_sees_to_accounts_from_the_shell(self):
        self.make_config()
        made = self.paster("setup-app", "prod.ini", QUICKWIKI_ADMIN="boss")
        self.assertIn("Made the admin account boss without a password", made.stderr)
        self.paster(
            "account", "prod.ini", "password", "boss", QUICKWIKI_PASSWORD="a password"
        )
        added = self.paster("account", "prod.ini", "add", "alice", "reader")
        self.assertIn("alice has no password, as none was given", added.stderr)
        self.paster("account", "prod.ini", "role", "alice", "editor")
        self.paster("account", "prod.ini", "block", "alice")
        refused = self.paster("account", "prod.ini", "role", "alice", "owner", status=1)
        self.assertIn("A role is one of reader, editor, admin", refused.stderr)
        missing = self.paster("account", "prod.ini", "block", "nobody", status=1)
        self.assertIn("There is no account called nobody.", missing.stderr)
        self.assertEqual(
            self.accounts(), [("alice", "editor", 1, 0), ("boss", "admin", 0, 1)]
        )
