"""A reader of a served wiki, as a process of its own: its answers timed.

Run as ``python probe.py PORT SOURCE PAUSE``: it asks the wiki on
127.0.0.1:PORT, from the address SOURCE, for the FrontPage and the
stylesheet in turn, every PAUSE seconds, each on a new connection as a
browser's first visit does, and prints one line per answer, its status
and the seconds it took, until its standard input closes.  A process of
its own, importing nothing of the wiki, so that no thread of the test's
(an attacker's, parsing a page) delays it (see
:class:`quickwiki.tests.attacks.Probe`).
"""

import http.client
import sys
import threading
import time

PATHS = ("/FrontPage", "/quick.css")


def main(port, source, pause):
    stopping = threading.Event()

    def wait_for_the_end_of_input():
        sys.stdin.read()
        stopping.set()

    threading.Thread(target=wait_for_the_end_of_input, daemon=True).start()
    turn = 0
    while not stopping.is_set():
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=60, source_address=(source, 0)
        )
        started = time.monotonic()
        try:
            connection.request("GET", PATHS[turn % len(PATHS)])
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            status = 0
        finally:
            connection.close()
        print(status, time.monotonic() - started, flush=True)
        turn += 1
        stopping.wait(pause)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], float(sys.argv[3]))
