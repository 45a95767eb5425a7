"""The attacks of one visitor on a served wiki, and a reader meanwhile.

Each attack is what one client, with no account and no special tools,
did to take the wiki from everyone else (issue 17): a function that
sends its requests, over and over until a deadline, from the client
address ``ATTACKER`` (one of several connections at once).  A
:class:`Probe` is another client reading the FrontPage and the
stylesheet all the while, timing each answer.  The tests
(:mod:`quickwiki.tests.test_attacks`) run each attack briefly and check
that the wiki held, and what its answers were; the benchmark
(``bench/attacks.py``) runs each longer and records the reader's 99th
percentile beside the same without any attack.

:func:`prepare` writes the pages the attacks need through the wiki
itself, as another client (``AUTHOR``), so that the attacker's own
quotas are untouched.
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from quickwiki.tests.servers import Visitor

__all__ = [
    "ATTACKER",
    "ATTACKS",
    "AUTHOR",
    "Attacker",
    "READER",
    "Probe",
    "alternating",
    "prepare",
    "run",
]

#: The reader's script.
PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe.py")

#: Three clients of the wiki, by their addresses on this machine.
ATTACKER, READER, AUTHOR = "127.0.0.1", "127.0.0.2", "127.0.0.3"

#: Lines of the quadratic shapes: their diff or merge takes seconds
#: unbounded (about 3 on the machines of CI), within a page's size.
ALTERNATING_PAIRS = 2000


def alternating(word, pairs=ALTERNATING_PAIRS):
    """A text whose lines alternate between kept ones and ``word`` ones."""
    return "".join("kept line %d\n%s %d\n" % (n, word, n) for n in range(pairs))


#: A text docutils takes seconds to render (inline markup and links).
SLOW_TEXT = "".join(
    "Paragraph *%d* with **strong**, ``code`` and `a link <http://x/%d>`_.\n\n" % (n, n)
    for n in range(1500)
)
#: One substitution referenced many times: little text, a lot of HTML.
HTML_BOMB = ".. |x| replace:: %s\n\n%s\n" % ("*word* " * 400, "|x| " * 800)


def _save(visitor, port, title, content, base=None):
    """Save ``content`` as page ``title`` through its edit form (from
    revision ``base`` when given): the response."""
    form = visitor.open(port, "/pages/edit/%s" % title).html.form
    changes = {"content": content}
    if base is not None:
        changes["base"] = str(base)
    return visitor.submit(port, form, **changes)


def prepare(port):
    """Write the pages the attacks need, as the client ``AUTHOR``."""
    author = Visitor(source=AUTHOR)
    _save(author, port, "SlowPage", SLOW_TEXT)
    _save(author, port, "SlowPage", "Now short.")
    _save(author, port, "DiffPage", alternating("old"))
    _save(author, port, "DiffPage", alternating("new"))
    _save(author, port, "MergePage", alternating("base"))
    _save(author, port, "MergePage", alternating("theirs"))
    for number in range(8):
        _save(author, port, "HistoryPage", "Revision %d.\n\n" % number * 15_000)


class Attacker:
    """One connection of the attacking client (``ATTACKER``): its session,
    and the fields of each edit form it opened, read once.  It reads each
    answer whole, but parses none: a page's parsing would take the test
    process's time, not the wiki's."""

    def __init__(self, port):
        self.port = port
        self.visitor = Visitor(source=ATTACKER)
        self.forms = {}

    def send(self, path, fields=None):
        """GET ``path``, or POST ``fields`` (pairs) to it: the status (0
        when the connection failed)."""
        data = None if fields is None else urllib.parse.urlencode(fields).encode()
        try:
            with self.visitor.opener.open(
                urllib.request.Request(
                    "http://127.0.0.1:%d%s" % (self.port, path), data
                ),
                timeout=60,
            ) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            error.read()
            return error.code
        except OSError:
            return 0

    def post(self, title, **changes):
        """Send page ``title``'s edit form, with ``changes``: the status
        (of the form's own page, when it was refused)."""
        if title not in self.forms:
            page = self.visitor.open(self.port, "/pages/edit/%s" % title)
            if page.status != 200:
                return page.status
            self.forms[title] = {
                field["name"]: field.get("value", "")
                for field in page.html.form.select("input[name]")
                if field.get("type") != "submit"
            }
        fields = dict(self.forms[title], **changes)
        return self.send("/pages/save/%s" % title, list(fields.items()))


def old_revision_past_the_deadline(attacker):
    return attacker.send("/pages/revision/SlowPage/1")


def diff_of_alternating_lines(attacker):
    return attacker.send("/pages/diff/DiffPage?old=1&new=2")


def merge_of_alternating_lines(attacker):
    return attacker.post("MergePage", base="1", content=alternating("mine"))


def merges_past_the_page_size(attacker):
    # Each merge of a page-sized text with what was saved since its old
    # revision would add to the page.
    content = alternating("base") + "x" * 200_000 + "\n"
    return attacker.post("MergePage", base="1", content=content)


def history_of_large_revisions(attacker):
    return attacker.send("/pages/history/HistoryPage")


def preview_of_an_html_bomb(attacker):
    return attacker.post("BombPage", content=HTML_BOMB, preview="Preview")


def saves_at_full_speed(attacker):
    content = "%f\n" % time.time() + "x" * 250_000
    return attacker.post("FloodPage", content=content)


#: Each attack, by what it does.
ATTACKS = {
    "old revision past the deadline": old_revision_past_the_deadline,
    "diff of alternating lines": diff_of_alternating_lines,
    "merge of alternating lines": merge_of_alternating_lines,
    "merges past the page size": merges_past_the_page_size,
    "history of large revisions": history_of_large_revisions,
    "preview of an HTML bomb": preview_of_an_html_bomb,
    "saves at full speed": saves_at_full_speed,
}


def run(attack, port, seconds, connections):
    """Run ``attack`` from ``connections`` connections of the client
    ``ATTACKER`` for ``seconds``: a Counter of the statuses answered."""
    statuses = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def attacker():
        one = Attacker(port)
        while time.monotonic() < deadline:
            status = attack(one)
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=attacker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


class Probe:
    """A reader (client ``READER``) asking for the FrontPage and the
    stylesheet in turn, every ``pause`` seconds, from :meth:`start` to
    :meth:`stop`: the seconds each answer took, in ``times``, and their
    statuses.  It runs as a process of its own (``probe.py``)."""

    # Every 50 ms: a page view and a stylesheet every tenth of a second,
    # well under the per-client request rate (20 a second), so that the
    # reader is never refused for its own pace, only ever for the attack's.
    def __init__(self, port, pause=0.05):
        self.port = port
        self.pause = pause
        self.times = []
        self.statuses = Counter()
        self.process = None

    def start(self):
        """Start reading; return once the first answer is in."""
        self.process = subprocess.Popen(
            [sys.executable, PROBE, str(self.port), READER, str(self.pause)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._count(self.process.stdout.readline())

    def stop(self):
        """Stop reading, once the answer awaited is in."""
        output, _ = self.process.communicate()
        for line in output.splitlines():
            self._count(line)

    def _count(self, line):
        if not line.strip():  # the reader ended before its first answer
            return
        status, seconds = line.split()
        self.statuses[int(status)] += 1
        self.times.append(float(seconds))

    def percentile(self, percent):
        """The time ``percent`` % of the answers took at most."""
        times = sorted(self.times)
        return times[min(len(times) - 1, int(len(times) * percent / 100))]
