"""The deployment guide (docs/quickwiki/deployment.rst), run on this machine: nginx
with ``deploy/nginx/quickwiki`` in front of two QuickWiki processes, and
their rolling restart, which fails no request.

nginx (Debian's, ``/usr/sbin/nginx``) runs as an unprivileged process, on
free ports of 127.0.0.1, with the shipped site but for its ports, its
certificate (one made for the test) and its upstream's ports.  The two
processes serve one database of the run's PostgreSQL cluster, with a
config from ``paster make-config``, each started as the shipped systemd
unit starts it.  The restart is the guide's: one process after the other is
stopped (SIGTERM, as ``systemctl restart`` stops it), started again, and
waited for until ``/_health`` answers 200.  Meanwhile visitors read and
save pages through nginx, over HTTPS: none may get a 5xx, or no answer.
The site's limits on slow and large requests are tried too (its header
deadline shortened to five seconds): clients trickling their requests in
are ended while others are answered, and a body over a limit gets a 413
that Chromium shows, the author's text kept, whether the limit is the
wiki's, nginx's or, posted to a process itself, waitress's.

Where nginx is not installed the test is skipped, saying so, unless
``QUICKWIKI_REQUIRE_NGINX=1`` makes that a failure (as in CI).
"""

import http.client
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
from unittest import mock

from playwright.sync_api import sync_playwright

from quickwiki.tests import CHECKOUT, make_wiki, pgcluster
from quickwiki.tests.functional.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    require_chromium,
)
from quickwiki.tests.servers import (
    PasterServer,
    Visitor,
    free_port,
    unprivileged_user,
)

NGINX = "/usr/sbin/nginx"
#: The environment variable that makes a missing nginx a failure.
REQUIRE = "QUICKWIKI_REQUIRE_NGINX"
SITE = os.path.join(CHECKOUT, "deploy", "nginx", "quickwiki")
#: The static files, as the site serves its error page from them.
PUBLIC = os.path.join(CHECKOUT, "quickwiki", "public")
#: Seconds a request's head (and a TLS handshake) may take in the test's
#: nginx: short, for the test of slow clients, but long enough for the
#: restart's visitors on a busy machine.
TRICKLE = 5
UNIT = os.path.join(CHECKOUT, "deploy", "quickwiki@.service")
HOST = "wiki.example.org"

#: The test's nginx.conf: the site, as Debian's nginx.conf includes it from
#: sites-enabled, in an http block of the test's own files.
NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstreams '$request_id $status $upstream_addr';
    access_log {dir}/access.log upstreams;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"""


def require_nginx():
    """Skip the test when nginx (or openssl, which makes its certificate)
    is missing, or fail where it is required."""
    message = None
    if not os.access(NGINX, os.X_OK):
        message = "nginx is not installed: no %s (apt-get install nginx)" % NGINX
    elif shutil.which("openssl") is None:
        message = "openssl is not installed (apt-get install openssl)"
    if message:
        if os.environ.get(REQUIRE) == "1":
            raise AssertionError("%s; %s=1 requires it" % (message, REQUIRE))
        raise unittest.SkipTest(message)


def unit_command(port):
    """The shipped unit's ExecStart for instance ``port``, with this
    environment's paster: it must be ``.../paster serve -q prod.ini
    http_port=%i``, which is what the tests run."""
    with open(UNIT, encoding="utf-8") as unit:
        (line,) = [line for line in unit if line.startswith("ExecStart=")]
    program, *arguments = shlex.split(line[len("ExecStart=") :])
    assert program.endswith("/paster"), program
    assert arguments == ["serve", "-q", "prod.ini", "http_port=%i"], arguments
    return [argument.replace("%i", str(port)) for argument in arguments]


class RollingRestartTest(unittest.TestCase):
    processes = True

    @classmethod
    def setUpClass(cls):
        require_nginx()
        directory = tempfile.TemporaryDirectory(prefix="quickwiki-deploy-")
        cls.addClassCleanup(directory.cleanup)
        cls.dir = directory.name
        database_url = pgcluster.shared().new_database("deployment")
        # Anyone edits, as the test's visitors do; nginx keeps a reader's
        # pages for a second only, so that a test sees them expire.
        make_wiki(
            cls.dir,
            {
                "sqlalchemy.url": database_url,
                "quickwiki.policy": "open",
                "quickwiki.public_max_age": "1",
            },
        )
        # The guide's step 3 makes the data directory the unit lets it write.
        os.mkdir(os.path.join(cls.dir, "data"))
        cls.servers = {}
        for port in (free_port(), free_port()):
            cls.start(port)
        cls.addClassCleanup(cls.stop_all)
        cls.https_port = cls.start_nginx()

    @classmethod
    def start(cls, port, config=None):
        """Start the process of ``port`` as the unit does (with ``config``
        in place of its config, if given)."""
        _serve, option, unit_config, _port = unit_command(port)
        cls.servers[port] = PasterServer(
            cls.dir, config or unit_config, port=port, options=[option]
        )

    @classmethod
    def stop_all(cls):
        for server in cls.servers.values():
            server.stop()

    @classmethod
    def start_nginx(cls):
        """nginx with the shipped site, on free ports: its HTTPS port."""
        https, http_port = free_port(), free_port()
        key, cert = (os.path.join(cls.dir, name) for name in ("key.pem", "cert.pem"))
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-nodes", "-days", "1"]
            + ["-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", key]
            + ["-out", cert, "-subj", "/CN=%s" % HOST]
            + ["-addext", "subjectAltName=DNS:%s,IP:127.0.0.1" % HOST],
            check=True,
            capture_output=True,
        )
        upstream_a, upstream_b = cls.servers
        with open(SITE, encoding="utf-8") as shipped:
            site = shipped.read()
        (cache,) = re.findall(r"^proxy_cache_path (\S+) ", site, re.MULTILINE)
        # The pages of nginx's own errors come from the checkout.
        public = "root /srv/quickwiki/src/quickwiki/public;"
        assert site.count(public) == 3, "the shipped site has no %r thrice" % public
        site = site.replace(public, "root %s;" % PUBLIC)
        for old, new in [
            ("listen 443 ssl;", "listen 127.0.0.1:%d ssl;" % https),
            ("listen 80;", "listen 127.0.0.1:%d;" % http_port),
            # This machine's loopback may have no IPv6.
            ("listen [::]:443 ssl;", ""),
            ("listen [::]:80;", ""),
            ("/etc/letsencrypt/live/%s/fullchain.pem" % HOST, cert),
            ("/etc/letsencrypt/live/%s/privkey.pem" % HOST, key),
            ("server 127.0.0.1:5000 ", "server 127.0.0.1:%d " % upstream_a),
            ("server 127.0.0.1:5001 ", "server 127.0.0.1:%d " % upstream_b),
            # The visitors of the restart all come from one address, faster
            # than people: nginx's rate of one client would refuse most.
            ("rate=10r/s;", "rate=1000r/s;"),
            # A slow client is ended sooner, so that the test waits less.
            ("client_header_timeout 10s;", "client_header_timeout %ds;" % TRICKLE),
            # The cache where the guide has it, under a root of the test's
            # holding only what every Debian has there (nginx makes the
            # cache's directory, not its parents).
            (cache, os.path.join(cls.dir, "root") + cache),
        ]:
            assert site.count(old) == 1, "the shipped site has no %r" % old
            site = site.replace(old, new)
        nginx_dir = os.path.join(cls.dir, "nginx")
        os.mkdir(nginx_dir)
        var_cache = os.path.join(cls.dir, "root", "var", "cache")
        os.makedirs(var_cache)
        with open(os.path.join(nginx_dir, "site.conf"), "w", encoding="utf-8") as f:
            f.write(site)
        with open(os.path.join(nginx_dir, "nginx.conf"), "w", encoding="utf-8") as f:
            f.write(NGINX_CONF.format(dir=nginx_dir))
        user = {}
        if os.geteuid() == 0:
            # nginx's master stays root when started as root: the test runs
            # it as an unprivileged user, as it runs PostgreSQL.
            owner = unprivileged_user("www-data")
            for path in (nginx_dir, var_cache, key, cert):
                os.chown(path, owner.pw_uid, owner.pw_gid)
            os.chmod(cls.dir, 0o755)
            user = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
        command = [NGINX, "-p", nginx_dir, "-e", os.path.join(nginx_dir, "error.log")]
        check = subprocess.run(
            command + ["-t", "-c", os.path.join(nginx_dir, "nginx.conf")],
            capture_output=True,
            text=True,
            **user,
        )
        assert check.returncode == 0, check.stderr
        cls.nginx_dir = nginx_dir
        cls.nginx = subprocess.Popen(
            command + ["-c", os.path.join(nginx_dir, "nginx.conf")],
            stderr=subprocess.PIPE,
            **user,
        )
        cls.addClassCleanup(cls.stop_nginx)
        context = ssl.create_default_context(cafile=cert)
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPSConnection(
                    "127.0.0.1", https, context=context, timeout=5
                )
                connection.request("GET", "/_health")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                if cls.nginx.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        cls.context = context
        return https

    @classmethod
    def stop_nginx(cls):
        cls.nginx.terminate()
        cls.nginx.wait(timeout=30)

    def visitor(self, source="127.0.0.1"):
        """A browser of the site, connecting from ``source``."""
        return Visitor({"Host": HOST}, source=source, https=self.context)

    def health(self, port):
        """The status of ``/_health`` of the process on ``port``, as
        the guide's ``curl -fs http://127.0.0.1:PORT/_health`` asks it."""
        try:
            return Visitor().open(port, "/_health").status
        except (urllib.error.URLError, OSError):
            return None

    def restart(self, port):
        """The guide's restart of one process: stop it, start it, and wait
        for its health check to answer 200."""
        self.servers[port].stop()
        self.start(port)
        self.wait_until_healthy(port)

    def restart_all(self, config=None):
        """Stop every process, then start each with ``config`` (the
        unit's, by default), and wait until all are healthy."""
        for server in self.servers.values():
            server.stop()
        for port in self.servers:
            self.start(port, config)
        for port in self.servers:
            self.wait_until_healthy(port)

    def wait_until_healthy(self, port):
        deadline = time.monotonic() + 60
        while self.health(port) != 200:
            self.assertLess(time.monotonic(), deadline, "never healthy")
            time.sleep(0.2)

    def test_while_no_process_answers_nginx_says_so_in_the_sites_page(self):
        """An upgrade stops every process (the guide's step 8)."""
        for server in self.servers.values():
            server.stop()
        try:
            page = self.answer(self.visitor(), "/pages/edit/UnavailablePage")
            style = self.answer(self.visitor(), "/quick.css")
        finally:
            for port in self.servers:
                self.start(port)
            for port in self.servers:
                self.wait_until_healthy(port)
        self.assertEqual(page.status, 502)
        self.assertEqual(
            page.html.title.string, "Error 502: The wiki is not answering - QuickWiki"
        )
        said = " ".join(page.html.main.get_text().split())
        self.assertIn("save again once the wiki answers", said)
        self.assertNginxsOwn(page)
        # The page is styled, though the wiki that serves the style is down.
        self.assertEqual(page.html.find("link", rel="stylesheet")["href"], "/quick.css")
        self.assertEqual(style.status, 200)
        self.assertEqual(style.headers.get_content_type(), "text/css")
        with open(os.path.join(PUBLIC, "quick.css"), encoding="utf-8") as css:
            self.assertEqual(style.text, css.read())

    def assertNginxsOwn(self, answer):
        """``answer`` is nginx's own, naming no version of nginx, with the
        headers of the wiki's pages."""
        self.assertEqual(answer.headers["Server"], "nginx")
        wikis = Visitor().open(next(iter(self.servers)), "/FrontPage").headers
        for name in [
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Referrer-Policy",
        ]:
            self.assertIsNotNone(wikis[name], name)
            self.assertEqual(answer.headers.get_all(name), [wikis[name]], name)

    def test_a_clients_own_sso_header_names_no_one(self):
        """With single sign-on by header, the name comes from nginx alone."""
        with open(os.path.join(self.dir, "prod.ini"), encoding="utf-8") as ini:
            config = ini.read()
        sso = "#quickwiki.sso = header\n"
        self.assertEqual(config.count(sso), 1, "make-config writes no %r" % sso)
        with open(os.path.join(self.dir, "sso.ini"), "w", encoding="utf-8") as ini:
            ini.write(config.replace(sso, sso[1:]))
        self.restart_all("sso.ini")
        try:
            claim = {"Host": HOST, "X-Remote-User": "mallory"}
            # What the wiki believes of its proxy, here asked directly: the
            # header names the user.
            process = next(iter(self.servers))
            believed = Visitor({**claim, "X-Forwarded-For": "192.0.2.9"})
            page = believed.open(process, "/SignedOnPage")
            self.assertEqual(page.html.find(class_="account-name").string, "mallory")
            # A client's own header, through nginx, names no one: twice,
            # as nginx takes the processes in turn.
            claimant = Visitor(claim, https=self.context)
            pages = [
                claimant.open(self.https_port, "/SignedOnPage")
                for _process in self.servers
            ]
        finally:
            self.restart_all()
        for page in pages:
            self.assertEqual(page.status, 404)
            self.assertIsNone(page.html.find(class_="account-name"))
            self.assertIsNotNone(page.html.find(class_="login-link"))

    def test_a_rolling_restart_fails_no_request(self):
        answers = []
        stop = threading.Event()

        def read(path):
            visitor = self.visitor()
            while not stop.is_set():
                answers.append(self.answer(visitor, path))

        def write():
            visitor = self.visitor()
            saves = 0
            while not stop.is_set():
                page = self.answer(visitor, "/pages/edit/RestartPage")
                answers.append(page)
                if page is not None and page.status == 200:
                    saves += 1
                    content = "Saved %d times." % saves
                    answers.append(
                        self.answer(visitor, page.html.form, content=content)
                    )

        def post():
            # Forms without a token (403): nginx sends a form to one
            # process only, so a stopping process must answer each it took.
            visitor = self.visitor()
            while not stop.is_set():
                answers.append(
                    self.answer(visitor, "/pages/save/PostedPage", content="Posted.")
                )

        visitors = [
            threading.Thread(target=read, args=("/FrontPage",)),
            threading.Thread(target=read, args=("/pages",)),
            threading.Thread(target=write),
            threading.Thread(target=post),
        ]
        for visitor in visitors:
            visitor.start()
        try:
            for port in self.servers:
                self.restart(port)
        finally:
            stop.set()
            for visitor in visitors:
                visitor.join()
        failures = [
            "no answer" if answer is None else answer.status
            for answer in answers
            if answer is None or answer.status >= 500
        ]
        self.assertEqual(failures, [], "of %d requests" % len(answers))
        self.assertGreater(len(answers), 20)
        # The wiki named each request as nginx did.
        named = {answer.headers["X-Request-Id"] for answer in answers}
        logged = self.access_log(named)
        self.assertEqual(named - {request_id for request_id, _s, _u in logged}, set())
        # nginx sent requests to both processes, and passed some on from a
        # process that refused them (a restart) to the other.
        upstreams = [upstream for _id, _status, upstream in logged]
        for port in self.servers:
            self.assertTrue(any(":%d" % port in line for line in upstreams))
        self.assertTrue(any(", " in line for line in upstreams))

    def access_log(self, request_ids):
        """nginx's access log as (request id, status, upstreams) triples,
        once it names every one of ``request_ids`` (or after 30 seconds)."""
        # nginx logs a request after its client has the whole answer, so
        # the last lines may come a moment after the visitors stopped.
        deadline = time.monotonic() + 30
        while True:
            with open(os.path.join(self.nginx_dir, "access.log")) as log:
                logged = [line.rstrip("\n").split(" ", 2) for line in log]
            ids = {request_id for request_id, _status, _upstreams in logged}
            if request_ids <= ids or time.monotonic() > deadline:
                return logged
            time.sleep(0.1)

    def test_nginx_keeps_a_readers_pages_and_revalidates_them(self):
        # From addresses of their own: the other tests' visitors may have
        # spent 127.0.0.1's saves of the hour.
        writer = self.visitor("127.0.0.31")
        form = self.answer(writer, "/pages/edit/KeptPage").html.form
        saved = self.answer(writer, form, content="Kept.")
        # A refusal's page says which limit, nginx's or the wiki's, refused.
        self.assertEqual(saved.status, 302, saved.text)
        reader = self.visitor("127.0.0.32")
        # The second of two reads within the copy's second is nginx's own
        # answer; on a busy machine a read may take that second, so the
        # pair is tried again.
        for _attempt in range(5):
            reader.open(self.https_port, "/KeptPage")
            kept = reader.open(self.https_port, "/KeptPage")
            if kept.headers["X-Cache-Status"] == "HIT":
                break
        self.assertEqual(kept.headers["X-Cache-Status"], "HIT")
        self.assertIn("Kept.", kept.text)
        # Once expired, nginx asks with the page's ETag: the wiki's 304
        # lets it send its copy on.  nginx counts a copy's time in whole
        # seconds, so a second's copy expires within two.
        again = kept
        deadline = time.monotonic() + 10
        while again.headers["X-Cache-Status"] == "HIT":
            self.assertLess(time.monotonic(), deadline, "never expired")
            time.sleep(0.25)
            again = reader.open(self.https_port, "/KeptPage")
        self.assertEqual(again.headers["X-Cache-Status"], "REVALIDATED")
        self.assertIn("Kept.", again.text)
        # A visitor with a session gets the wiki's own answer.
        own = writer.open(self.https_port, "/KeptPage")
        self.assertEqual(own.headers["X-Cache-Status"], "BYPASS")

    def test_health_answers_this_machine_and_metrics_no_one(self):
        visitor = self.visitor()
        self.assertEqual(visitor.open(self.https_port, "/_health").status, 200)
        metrics = visitor.open(self.https_port, "/metrics")
        self.assertEqual(metrics.status, 404)
        self.assertNginxsOwn(metrics)

    def answer(self, visitor, target, **changes):
        """The response to a GET of ``target`` (a path) through nginx, or a
        POST of ``changes`` to it, or to submitting it (a form) with
        ``changes``; None when none came."""
        try:
            if isinstance(target, str):
                fields = list(changes.items()) if changes else None
                return visitor.open(self.https_port, target, fields)
            return visitor.submit(self.https_port, target, **changes)
        except (urllib.error.URLError, OSError):
            return None

    def test_a_body_over_nginxs_limit_gets_the_wikis_page(self):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, context=self.context, timeout=60
        )
        self.addCleanup(connection.close)
        body = b"content=" + b"x" * (3 * 2**20 // 2)
        connection.request(
            "POST",
            "/pages/save/FrontPage",
            body,
            {"Host": HOST, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        self.assertEqual(response.status, 413)
        self.assertIn("larger than the wiki accepts", page)
        self.assertIn("Your text is still in the form", page)

    def test_a_trickling_client_is_ended_while_others_are_answered(self):
        clients = []
        for _ in range(25):
            raw = socket.create_connection(("127.0.0.1", self.https_port), timeout=30)
            client = self.context.wrap_socket(raw, server_hostname=HOST)
            self.addCleanup(client.close)
            client.sendall(b"GET / HTTP/1.1\r\n")
            clients.append(client)
        started = time.monotonic()
        ended = set()
        # A byte every half second: never idle, never whole.
        while len(ended) < len(clients) and time.monotonic() - started < 4 * TRICKLE:
            status = self.visitor().open(self.https_port, "/FrontPage").status
            self.assertIn(status, (200, 429))
            for client in clients:
                if client in ended:
                    continue
                try:
                    client.sendall(b"X")
                    client.settimeout(0.01)
                    if client.recv(1024) == b"":
                        ended.add(client)
                except ssl.SSLWantReadError:
                    pass
                except TimeoutError:
                    pass
                except OSError:
                    ended.add(client)
            time.sleep(0.5)
        self.assertEqual(len(ended), len(clients), "trickling connections left open")

    def test_a_browser_shows_each_413_and_keeps_the_text(self):
        """Chromium, posting a text past each limit: the wiki's (through
        nginx), nginx's, and waitress's (to a process itself)."""
        require_chromium()
        playwright = sync_playwright().start()
        self.addCleanup(playwright.stop)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        self.addCleanup(browser.close)
        page = browser.new_context(ignore_https_errors=True).new_page()
        through_nginx = "https://127.0.0.1:%d" % self.https_port
        process = "http://127.0.0.1:%d" % next(iter(self.servers))
        for site, size, shows in [
            (through_nginx, 300_000, "a page may have at most"),
            (through_nginx, 3 * 2**20 // 2, "Your text is still in the form"),
            (process, 5 * 2**20 // 2, "Request Entity Too Large"),
        ]:
            with self.subTest(site=site, size=size):
                page.goto(site + "/pages/edit/LargePage")
                text = "x" * size
                page.fill("textarea#content", text)
                with page.expect_navigation() as answer:
                    page.click("#save")
                self.assertEqual(answer.value.status, 413)
                self.assertIn(shows, page.inner_text("body"))
                if page.locator("textarea#content").count():
                    kept = page.input_value("textarea#content")
                else:  # another's page: the browser's Back keeps the text
                    page.go_back()
                    kept = page.input_value("textarea#content")
                self.assertEqual(len(kept), size)


class MissingNginxTest(unittest.TestCase):
    def setUp(self):
        patch = mock.patch(__name__ + ".NGINX", "/nonexistent/nginx")
        patch.start()
        self.addCleanup(patch.stop)

    def test_the_test_says_it_is_skipped(self):
        with mock.patch.dict(os.environ, {REQUIRE: ""}):
            with self.assertRaises(unittest.SkipTest) as caught:
                require_nginx()
        self.assertIn("nginx is not installed", str(caught.exception))

    def test_where_required_the_test_fails(self):
        with mock.patch.dict(os.environ, {REQUIRE: "1"}):
            with self.assertRaises(AssertionError) as caught:
                require_nginx()
        self.assertIn("requires it", str(caught.exception))
