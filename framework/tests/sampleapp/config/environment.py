"""Configure the sample application's environment."""

import os

from mako.lookup import TemplateLookup

from pylons.configuration import PylonsConfig
from pylons.error import handle_mako_error

from tests.sampleapp.config.routing import make_map
from tests.sampleapp.lib import app_globals, helpers


def load_environment(global_conf, app_conf):
    config = PylonsConfig()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = {
        "root": root,
        "controllers": os.path.join(root, "controllers"),
        "static_files": os.path.join(root, "public"),
        "templates": [os.path.join(root, "templates")],
    }
    config.init_app(global_conf, app_conf, package="tests.sampleapp", paths=paths)
    config["routes.map"] = make_map(config)
    config["pylons.app_globals"] = app_globals.Globals(config)
    config["pylons.h"] = helpers
    config["pylons.app_globals"].mako_lookup = TemplateLookup(
        directories=paths["templates"],
        error_handler=handle_mako_error,
        input_encoding="utf-8",
        default_filters=["escape"],
        imports=["from markupsafe import escape"],
    )
    return config
