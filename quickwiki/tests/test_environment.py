"""The application's configuration, as load_environment and make_app build it."""

import configparser
import os
import shutil
import stat
import tempfile
import unittest
from unittest import mock

from sqlalchemy import create_engine

import pylons.test

from quickwiki import model
from quickwiki.config import environment
from quickwiki.config.environment import load_environment
from quickwiki.tests import CHECKOUT


class TemplateLookupTest(unittest.TestCase):
    def test_template_files_are_looked_at_on_each_render_with_debug_only(self):
        config = pylons.test.pylonsapp.config
        for debug in (True, False):
            with self.subTest(debug=debug):
                global_conf = dict(config["global_conf"], debug=str(debug))
                loaded = load_environment(global_conf, dict(config["app_conf"]))
                lookup = loaded["pylons.app_globals"].mako_lookup
                self.assertIs(lookup.filesystem_checks, debug)


class SessionSecretTest(unittest.TestCase):
    """test.ini, like development.ini, configures no session secret."""

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        # Not made yet: the first start makes it.
        self.data_dir = os.path.join(directory.name, "data")

    def load(self, **settings):
        """load_environment of the test config, with our data directory."""
        config = pylons.test.pylonsapp.config
        app_conf = dict(config["app_conf"], cache_dir=self.data_dir)
        app_conf.update(settings)
        return load_environment(dict(config["global_conf"]), app_conf)

    def kept(self):
        """The secret file's path and text."""
        path = os.path.join(self.data_dir, "session-secret")
        with open(path, encoding="ascii") as kept:
            return path, kept.read().strip()

    def test_no_config_ships_a_secret(self):
        app_conf = pylons.test.pylonsapp.config["app_conf"]
        self.assertNotIn("beaker.session.secret", app_conf)
        development = configparser.ConfigParser(interpolation=None)
        with open(os.path.join(CHECKOUT, "development.ini"), encoding="utf-8") as ini:
            development.read_file(ini)
        self.assertNotIn("beaker.session.secret", development["app:main"])

    def test_first_start_keeps_a_random_secret_in_the_data_directory(self):
        secret = self.load()["beaker.session.secret"]
        self.assertGreaterEqual(len(secret), 32)
        self.assertEqual(self.kept()[1], secret)

    def test_only_its_owner_may_read_the_secret_file(self):
        self.load()
        mode = os.stat(self.kept()[0]).st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o600)

    def test_the_data_directory_is_its_owners_alone(self):
        self.load()
        mode = os.stat(self.data_dir).st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o700)

    def test_later_starts_reuse_the_kept_secret(self):
        self.assertEqual(
            self.load()["beaker.session.secret"], self.load()["beaker.session.secret"]
        )

    def test_each_data_directory_has_its_own_secret(self):
        first = self.load()["beaker.session.secret"]
        self.data_dir += "-other"
        self.addCleanup(shutil.rmtree, self.data_dir, ignore_errors=True)
        self.assertNotEqual(self.load()["beaker.session.secret"], first)

    def test_an_empty_secret_file_is_replaced(self):
        os.makedirs(self.data_dir)
        open(os.path.join(self.data_dir, "session-secret"), "w").close()
        secret = self.load()["beaker.session.secret"]
        self.assertGreaterEqual(len(secret), 32)
        self.assertEqual(self.kept()[1], secret)

    def test_cookie_sessions_are_signed_with_the_secret(self):
        config = self.load()
        self.assertEqual(
            config["beaker.session.validate_key"], config["beaker.session.secret"]
        )

    def test_a_configured_secret_is_used_and_none_is_kept(self):
        config = self.load(**{"beaker.session.secret": "configured"})
        self.assertEqual(config["beaker.session.secret"], "configured")
        self.assertFalse(os.path.exists(self.data_dir))

    def test_without_a_data_directory_the_config_is_refused(self):
        with self.assertRaisesRegex(ValueError, "Set cache_dir"):
            self.load(cache_dir="")


class EnvironmentSettingsTest(unittest.TestCase):
    """QUICKWIKI_DATABASE_URL and QUICKWIKI_SESSION_SECRET, for container
    platforms, in place of the config's settings."""

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.data_dir = os.path.join(directory.name, "data")
        # load_environment binds the model's session: not the tests' one.
        patch = mock.patch.object(environment, "init_model")
        self.init_model = patch.start()
        self.addCleanup(patch.stop)

    def load(self, **variables):
        config = pylons.test.pylonsapp.config
        app_conf = dict(config["app_conf"], cache_dir=self.data_dir)
        with mock.patch.dict(os.environ, variables):
            return load_environment(dict(config["global_conf"]), app_conf)

    def test_the_database_url_comes_from_the_environment(self):
        url = "sqlite:///%s" % os.path.join(self.data_dir, "elsewhere.db")
        config = self.load(QUICKWIKI_DATABASE_URL=url)
        self.assertEqual(config["sqlalchemy.url"], url)
        (engine,), _ = self.init_model.call_args
        self.assertEqual(str(engine.url), url)

    def test_the_session_secret_comes_from_the_environment(self):
        config = self.load(QUICKWIKI_SESSION_SECRET="from-the-environment")
        self.assertEqual(config["beaker.session.secret"], "from-the-environment")
        self.assertEqual(config["beaker.session.validate_key"], "from-the-environment")
        self.assertFalse(os.path.exists(self.data_dir))

    def test_unset_or_empty_variables_leave_the_config_as_it_is(self):
        config = self.load(QUICKWIKI_DATABASE_URL="", QUICKWIKI_SESSION_SECRET="")
        self.assertEqual(
            config["sqlalchemy.url"],
            pylons.test.pylonsapp.config["app_conf"]["sqlalchemy.url"],
        )


class StackTest(unittest.TestCase):
    def test_application_carries_its_configuration(self):
        config = pylons.test.pylonsapp.config
        self.assertEqual(config["pylons.package"], "quickwiki")
        self.assertIs(config["debug"], False)
        self.assertEqual(config["pylons.app_globals"].titles_per_page, 5)


class SQLiteWaitTest(unittest.TestCase):
    def test_sqlite_connections_wait_for_other_writers(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        engine = create_engine("sqlite:///%s" % os.path.join(directory.name, "w.db"))
        self.addCleanup(engine.dispose)
        factory = model.Session.session_factory
        self.addCleanup(factory.configure, bind=factory.kw.get("bind"))
        model.init_model(engine)
        with engine.connect() as connection:
            waits = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        self.assertEqual(waits, model.SQLITE_BUSY_TIMEOUT)
        self.assertGreater(model.SQLITE_BUSY_TIMEOUT, 5000)
