"""The wikis under ``paster serve``: their ini files, processes and memory.

The benchmark never touches the developer's database or config.  Each
wiki, at each database size, gets a directory of its own in a temporary
directory, with an ini file there (so ``%(here)s`` puts the SQLite
database and Beaker's files there too):

- QuickWiki's is derived from the project's ``development.ini``, with
  ``debug = false`` and the loggers at WARN, as a site is deployed (debug
  mode adds the interactive debugger and per-request logging);
- the wiki2 peer's is written here, in the shape of wiki2's
  ``production.ini`` (templates not reloaded, no debug flags, WARN).

Both are served by the same server, ``egg:waitress#main`` with its
defaults, bound to 127.0.0.1 on a free port.  :class:`Server` starts
``paster serve`` on an ini, waits until it answers, reads its peak
resident memory from ``/proc`` and stops it.
"""

import configparser
import os
import secrets
import signal
import socket
import subprocess
import sys
import time

import loadgen

from quickwiki.lib import limiting

HERE = os.path.dirname(os.path.abspath(__file__))
#: Where the peers' packages are; the servers and this process import the
#: peer (``wiki2peer``) from there.
PEERS = os.path.join(HERE, "peers")
if PEERS not in sys.path:
    sys.path.append(PEERS)
#: The server of every measurement, as the ``use`` line of ``[server:main]``.
SERVER = "egg:waitress#main"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((loadgen.HOST, 0))
        return probe.getsockname()[1]


def _parser():
    parser = configparser.RawConfigParser()
    parser.optionxform = str  # ini keys such as beaker.session.key keep case
    return parser


def _write(parser, directory, port):
    parser["server:main"] = {"use": SERVER, "host": loadgen.HOST, "port": str(port)}
    path = os.path.join(directory, "bench.ini")
    with open(path, "w", encoding="utf-8") as out:
        parser.write(out)
    return path


def quickwiki_ini(source, directory, port, database_url=None):
    """Write QuickWiki's ini into ``directory``, from ``source``, with the
    database ``database_url`` when given; its path."""
    parser = _parser()
    parser.read(source, encoding="utf-8")
    parser["DEFAULT"]["debug"] = "false"
    if database_url is not None:
        parser["app:main"]["sqlalchemy.url"] = database_url
    for section in parser.sections():
        if section.startswith("logger_"):
            parser[section]["level"] = "WARN"
    # The load generator is one client standing for a wiki's many readers
    # and writers: the limits of one client's rates and shares (the
    # deployment guide, "The limits, headers and errors") would refuse it.
    app = parser["app:main"]
    app["quickwiki.client_request_rate"] = "none"
    for share in limiting.DEFAULT_SHARES:
        app["quickwiki.client_" + share] = "0"
    for rule in limiting.DEFAULT_RULES:
        app["quickwiki.rate_limit." + rule] = "none"
    return _write(parser, directory, port)


def peer_ini(directory, port):
    """Write the wiki2 peer's ini into ``directory``; its path."""
    parser = _parser()
    parser["app:main"] = {
        "use": "call:wiki2peer:main",
        "sqlalchemy.url": "sqlite:///%(here)s/wiki2.sqlite",
        "auth.secret": secrets.token_hex(16),
        "retry.attempts": "3",
        "pyramid.reload_templates": "false",
        "pyramid.debug_authorization": "false",
        "pyramid.debug_notfound": "false",
        "pyramid.debug_routematch": "false",
    }
    parser["loggers"] = {"keys": "root"}
    parser["handlers"] = {"keys": "console"}
    parser["formatters"] = {"keys": "generic"}
    parser["logger_root"] = {"level": "WARN", "handlers": "console"}
    parser["handler_console"] = {
        "class": "StreamHandler",
        "args": "(sys.stderr,)",
        "level": "NOTSET",
        "formatter": "generic",
    }
    parser["formatter_generic"] = {
        "format": "%(asctime)s %(levelname)-5.5s [%(name)s] %(message)s"
    }
    return _write(parser, directory, port)


def bare_ini(directory, port, page, cpu_us=0):
    """Write the ini of the bare application answering with the response
    kept in the file ``page``, after ``cpu_us`` microseconds of work, into
    ``directory``; its path."""
    parser = _parser()
    parser["app:main"] = {
        "use": "call:bare_page:make_app",
        "page": page,
        "cpu_us": str(cpu_us),
    }
    return _write(parser, directory, port)


def database_url(ini_path):
    """The ``sqlalchemy.url`` the ini gives the app, ``%(here)s`` filled in."""
    parser = configparser.ConfigParser(
        defaults={"here": os.path.dirname(os.path.abspath(ini_path))}
    )
    parser.read(ini_path, encoding="utf-8")
    return parser["app:main"]["sqlalchemy.url"]


def paster(*args):
    """The command line of the ``paster`` of this Python environment."""
    return [os.path.join(os.path.dirname(sys.executable), "paster")] + list(args)


def server_environment(code=()):
    """The servers' environment: this one, with the peers importable (the
    peer's ``call:wiki2peer:main``) and no warnings of deprecated APIs;
    the directories ``code`` first on the path, so that the QuickWiki and
    the framework found there are the ones imported (those of an earlier
    commit, ``bench/run --before``).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [*code, PEERS] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env["PYTHONWARNINGS"] = "ignore::DeprecationWarning,ignore::UserWarning"
    return env


def setup_app(ini_path, code=()):
    """``paster setup-app``: the schema and the FrontPage, as a user makes
    them (with the code of ``code``, as :func:`server_environment`)."""
    subprocess.run(
        paster("setup-app", ini_path),
        check=True,
        capture_output=True,
        timeout=120,
        env=server_environment(code),
    )


class Server:
    """``paster serve ini_path`` as a context manager.

    The server's output goes to ``log_path``; on exit the process is
    stopped (SIGTERM, then SIGKILL) whatever happened inside.
    """

    def __init__(self, ini_path, port, log_path, code=()):
        self.ini_path, self.port, self.log_path = ini_path, port, log_path
        self.code = code
        self.process = None

    def __enter__(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                paster("serve", self.ini_path),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=server_environment(self.code),
            )
        try:
            self._wait_until_listening()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_until_listening(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    "paster serve exited with %s:\n%s"
                    % (self.process.returncode, self.log_tail())
                )
            try:
                socket.create_connection((loadgen.HOST, self.port), 1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("paster serve did not listen within %ds" % timeout)

    def log_tail(self, lines=30):
        """The last lines the server wrote, for error messages."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return "".join(log.readlines()[-lines:])

    def stop(self):
        """Stop the server process (idempotent)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def reset_peak_memory(self):
        """Start a new peak-RSS measurement (Linux: clear_refs value 5)."""
        with open("/proc/%d/clear_refs" % self.process.pid, "w") as refs:
            refs.write("5")

    def peak_memory_mib(self):
        """Peak resident memory since the last reset, in MiB (VmHWM)."""
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc status")
