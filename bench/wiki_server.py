"""QuickWiki under ``paster serve``: its ini, its process, its memory.

The benchmark never touches the developer's database or config: it
derives its own ini files from the project's ``development.ini`` in a
temporary directory (so ``%(here)s`` puts the SQLite database and the
Beaker files there too), with

- the server bound to 127.0.0.1 on a free port, as ``egg:Paste#http``
  (the project's default) or ``egg:waitress#main``;
- ``debug = false`` and loggers at WARN, as a deployment runs (debug
  mode adds the interactive debugger and per-request logging, which is
  not what a site serves with).

:class:`Server` starts ``paster serve`` on such an ini, waits until it
answers, reads its peak resident memory from ``/proc`` and stops it.
"""
import configparser
import os
import signal
import socket
import subprocess
import sys
import time

import loadgen

#: The servers compared, as the ``use`` line of ``[server:main]``.
SERVERS = {
    "paste": "egg:Paste#http",
    "waitress": "egg:waitress#main",
}


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((loadgen.HOST, 0))
        return probe.getsockname()[1]


def derive_ini(source, directory, server, port):
    """Write ``<directory>/bench-<server>.ini`` from ``source``; its path."""
    parser = configparser.RawConfigParser()
    parser.optionxform = str  # ini keys such as beaker.session.key keep case
    parser.read(source, encoding="utf-8")
    parser["DEFAULT"]["debug"] = "false"
    parser["server:main"] = {"use": SERVERS[server], "host": loadgen.HOST,
                             "port": str(port)}
    for section in parser.sections():
        if section.startswith("logger_"):
            parser[section]["level"] = "WARN"
    path = os.path.join(directory, "bench-%s.ini" % server)
    with open(path, "w", encoding="utf-8") as out:
        parser.write(out)
    return path


def database_url(ini_path):
    """The ``sqlalchemy.url`` the ini gives the app, ``%(here)s`` filled in."""
    parser = configparser.ConfigParser(
        defaults={"here": os.path.dirname(os.path.abspath(ini_path))})
    parser.read(ini_path, encoding="utf-8")
    return parser["app:main"]["sqlalchemy.url"]


def paster(*args):
    """The command line of the ``paster`` of this Python environment."""
    return [os.path.join(os.path.dirname(sys.executable), "paster")] + list(args)


def setup_app(ini_path):
    """``paster setup-app``: the schema and the FrontPage, as a user makes them."""
    subprocess.run(paster("setup-app", ini_path), check=True,
                   capture_output=True, timeout=120)


class Server:
    """``paster serve ini_path`` as a context manager.

    The server's output goes to ``log_path``; on exit the process is
    stopped (SIGTERM, then SIGKILL) whatever happened inside.
    """

    def __init__(self, ini_path, port, log_path):
        self.ini_path, self.port, self.log_path = ini_path, port, log_path
        self.process = None

    def __enter__(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                paster("serve", self.ini_path), stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
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
                raise RuntimeError("paster serve exited with %s:\n%s"
                                   % (self.process.returncode, self.log_tail()))
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
