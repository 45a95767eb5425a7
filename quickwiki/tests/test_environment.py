"""The application's configuration, as load_environment and make_app build it."""
import unittest

import pylons.test

from quickwiki.config.environment import load_environment


class SessionSecretTest(unittest.TestCase):
    """test.ini, like development.ini, configures no session secret."""

    def load(self, **settings):
        config = pylons.test.pylonsapp.config
        app_conf = dict(config["app_conf"], **settings)
        return load_environment(dict(config["global_conf"]), app_conf)

    def test_a_secret_is_made_when_none_is_configured(self):
        app_conf = pylons.test.pylonsapp.config["app_conf"]
        self.assertNotIn("beaker.session.secret", app_conf)
        self.assertGreaterEqual(len(self.load()["beaker.session.secret"]), 32)

    def test_each_load_makes_a_new_secret(self):
        self.assertNotEqual(self.load()["beaker.session.secret"],
                            self.load()["beaker.session.secret"])

    def test_cookie_sessions_are_signed_with_the_secret(self):
        config = self.load()
        self.assertEqual(config["beaker.session.validate_key"],
                         config["beaker.session.secret"])

    def test_a_configured_secret_is_kept(self):
        config = self.load(**{"beaker.session.secret": "configured"})
        self.assertEqual(config["beaker.session.secret"], "configured")


class StackTest(unittest.TestCase):
    def test_application_carries_its_configuration(self):
        config = pylons.test.pylonsapp.config
        self.assertEqual(config["pylons.package"], "quickwiki")
        self.assertIs(config["debug"], False)
        self.assertEqual(config["pylons.app_globals"].titles_per_page, 5)
