"""egg:Pylons#waitress: waitress, with a taken port said in one line."""

import os
import socket
import unittest

from paste.deploy import loadserver
from paste.script.command import BadCommand

from pylons.server import waitress_runner

from tests import HERE


def _hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


class TakenPortTest(unittest.TestCase):
    def setUp(self):
        # A port something listens on already.
        self.taken = socket.socket()
        self.addCleanup(self.taken.close)
        self.taken.bind(("127.0.0.1", 0))
        self.taken.listen()
        self.port = self.taken.getsockname()[1]

    def serve(self, global_conf):
        with self.assertRaises(BadCommand) as caught:
            waitress_runner(_hello, global_conf, host="127.0.0.1", port=str(self.port))
        return caught.exception

    def test_the_port_is_named_in_one_line(self):
        failure = self.serve({"__file__": os.path.join(HERE, "test.ini")})
        self.assertEqual(failure.exit_code, 2)
        self.assertNotIn("\n", failure.message)
        self.assertIn("127.0.0.1:%d" % self.port, failure.message)
        self.assertIn("taken", failure.message)
        self.assertNotIn("http_port", failure.message)

    def test_a_config_reading_http_port_is_told_how_to_choose_another(self):
        config = os.path.join(os.getcwd(), "development.ini")
        failure = self.serve({"__file__": config, "http_port": str(self.port)})
        self.assertIn(
            "paster serve development.ini http_port=%d" % (self.port + 1),
            failure.message,
        )


class EntryPointTest(unittest.TestCase):
    def test_configurations_name_it_egg_pylons_waitress(self):
        server = loadserver("egg:Pylons#waitress", global_conf={"port": "0"})
        self.assertTrue(callable(server))
