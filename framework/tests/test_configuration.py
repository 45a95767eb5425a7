"""PylonsConfig: defaults, init_app and the derived settings."""

import unittest

from pylons.configuration import PylonsConfig, request_defaults, response_defaults


def loaded(global_conf=None, **app_conf):
    config = PylonsConfig()
    config.init_app(
        global_conf or {"here": "/srv/app"},
        app_conf,
        package="myapp",
        paths={"root": "/srv/app/myapp"},
    )
    return config


class DefaultsTest(unittest.TestCase):
    def test_fresh_config_holds_the_documented_defaults(self):
        config = PylonsConfig()
        self.assertIs(config["debug"], False)
        self.assertEqual(
            config["pylons.environ_config"],
            {"session": "beaker.session", "cache": "beaker.cache"},
        )
        self.assertIsNone(config["pylons.app_globals"])
        self.assertIsNone(config["pylons.h"])
        self.assertEqual(
            config["pylons.request_options"],
            {"charset": "utf-8", "errors": "replace", "language": "en-us"},
        )
        self.assertEqual(config["pylons.response_options"]["content_type"], "text/html")
        self.assertEqual(config["pylons.response_options"]["charset"], "utf-8")
        self.assertEqual(
            config["pylons.response_options"]["headers"],
            {"Cache-Control": "no-cache", "Pragma": "no-cache"},
        )
        self.assertIs(config["pylons.strict_tmpl_context"], True)
        self.assertIs(config["pylons.tmpl_context_attach_args"], False)

    def test_module_defaults_are_exposed(self):
        self.assertEqual(request_defaults["charset"], "utf-8")
        self.assertEqual(response_defaults["content_type"], "text/html")

    def test_instances_do_not_share_mutable_defaults(self):
        one, two = PylonsConfig(), PylonsConfig()
        one["pylons.response_options"]["headers"]["X-One"] = "1"
        self.assertNotIn("X-One", two["pylons.response_options"]["headers"])
        self.assertNotIn("X-One", response_defaults["headers"])


class InitAppTest(unittest.TestCase):
    def test_app_conf_wins_over_global_conf(self):
        config = loaded(
            {"here": "/srv", "shared": "global", "only_global": "g"}, shared="app"
        )
        self.assertEqual(config["shared"], "app")
        self.assertEqual(config["only_global"], "g")

    def test_keeps_both_confs_package_and_paths(self):
        config = loaded({"here": "/srv"}, setting="x")
        self.assertEqual(config["app_conf"], {"setting": "x"})
        self.assertEqual(config["global_conf"], {"here": "/srv"})
        self.assertEqual(config["pylons.package"], "myapp")
        self.assertEqual(config["pylons.paths"]["root"], "/srv/app/myapp")
        self.assertIn("templates", config["pylons.paths"])
        self.assertIn("static_files", config["pylons.paths"])

    def test_debug_becomes_a_boolean(self):
        self.assertIs(loaded(debug="true")["debug"], True)
        self.assertIs(loaded(debug="false")["debug"], False)
        self.assertIs(loaded()["debug"], False)

    def test_loading_again_without_debug_turns_it_off(self):
        # As in Pylons 1.0: settings loaded anew say what debug is.
        config = PylonsConfig()
        config.init_app({"debug": "true"}, {}, package="myapp")
        self.assertIs(config["debug"], True)
        config.init_app({}, {}, package="myapp")
        self.assertIs(config["debug"], False)
        self.assertIs(config["pylons.errorware"]["debug"], False)

    def test_cache_dir_derives_beaker_data_dirs(self):
        config = loaded(cache_dir="/var/cache/app")
        self.assertEqual(config["pylons.cache_dir"], "/var/cache/app")
        self.assertEqual(config["beaker.session.data_dir"], "/var/cache/app/sessions")
        self.assertEqual(config["beaker.cache.data_dir"], "/var/cache/app/cache")

    def test_explicit_beaker_data_dirs_are_kept(self):
        config = loaded(cache_dir="/c", **{"beaker.session.data_dir": "/s"})
        self.assertEqual(config["beaker.session.data_dir"], "/s")

    def test_errorware_is_built_from_the_mail_and_log_settings(self):
        config = loaded(
            debug="false",
            email_to="ops@example.com",
            error_log="/tmp/errors.log",
            smtp_server="mail.local",
            error_email_from="app@example.com",
            error_subject_prefix="[app] ",
            error_message="Sorry",
        )
        self.assertEqual(
            config["pylons.errorware"],
            {
                "debug": False,
                "error_email": "ops@example.com",
                "error_log": "/tmp/errors.log",
                "smtp_server": "mail.local",
                "error_subject_prefix": "[app] ",
                "from_address": "app@example.com",
                "error_message": "Sorry",
            },
        )

    def test_from_address_wins_over_error_email_from(self):
        config = loaded(from_address="a@example.com", error_email_from="b@example.com")
        self.assertEqual(config["pylons.errorware"]["from_address"], "a@example.com")
