"""The rate limits counted in Redis (``quickwiki.rate_limit_storage =
redis://...``), on a throwaway ``redis-server`` of the system's.

Where redis-server is missing the tests are skipped, saying so, unless
``QUICKWIKI_REQUIRE_REDIS=1`` makes that a failure (as in CI).
"""

import os
import shutil
import socket
import subprocess
import time
import unittest

from quickwiki.lib import limiting
from quickwiki.tests.servers import free_port


def require_redis():
    """The path of redis-server; a skip, or a failure where it is required."""
    found = shutil.which("redis-server")
    if found:
        return found
    message = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("QUICKWIKI_REQUIRE_REDIS") == "1":
        raise AssertionError(message + "; QUICKWIKI_REQUIRE_REDIS=1 requires it")
    raise unittest.SkipTest(message)


class RedisLimitsTest(unittest.TestCase):
    processes = True

    @classmethod
    def setUpClass(cls):
        server = require_redis()
        cls.port = free_port()
        # In memory only, on loopback: nothing is written to disk.
        cls.server = subprocess.Popen(
            [server, "--port", str(cls.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        cls.addClassCleanup(cls.server.wait)
        cls.addClassCleanup(cls.server.terminate)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or cls.server.poll() is not None:
                    raise
                time.sleep(0.05)

    def limiter(self):
        """A limiter of one process, counting in the test's Redis."""
        storage = limiting.storage_from_setting("redis://127.0.0.1:%d/0" % self.port)
        self.addCleanup(storage.reset)
        return limiting.Limiter({"writes": "2/minute"}, {}, storage)

    def test_processes_count_together_and_are_told_when_to_retry(self):
        first, second = self.limiter(), self.limiter()
        first.hit("writes", "192.0.2.1")
        second.hit("writes", "192.0.2.1")
        with self.assertRaises(limiting.TooManyRequests) as refused:
            first.hit("writes", "192.0.2.1")
        self.assertTrue(1 <= refused.exception.wait <= 60)
        second.hit("writes", "192.0.2.2")
