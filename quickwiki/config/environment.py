"""QuickWiki's configuration: paths, routes, templates, database, secrets."""
import logging
import os
import secrets

from mako.lookup import TemplateLookup
from sqlalchemy import engine_from_config

from pylons.configuration import PylonsConfig
from pylons.error import handle_mako_error

import quickwiki.lib.helpers
from quickwiki.config.routing import make_map
from quickwiki.lib.app_globals import Globals
from quickwiki.model import init_model

log = logging.getLogger(__name__)


def load_environment(global_conf, app_conf):
    """The application's :class:`PylonsConfig`, built from the ini file.

    Also binds the model to the database named by ``sqlalchemy.url``.
    """
    config = PylonsConfig()
    paths = _paths()
    config.init_app(global_conf, app_conf, package="quickwiki", paths=paths)
    _ensure_session_secret(config)
    config["routes.map"] = make_map(config)
    config["pylons.app_globals"] = Globals(config)
    config["pylons.h"] = quickwiki.lib.helpers
    config["pylons.app_globals"].mako_lookup = TemplateLookup(
        directories=paths["templates"], error_handler=handle_mako_error,
        input_encoding="utf-8", default_filters=["escape"],
        imports=["from markupsafe import escape"])
    init_model(engine_from_config(config, "sqlalchemy."))
    return config


def _paths():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return {
        "root": root,
        "controllers": os.path.join(root, "controllers"),
        "static_files": os.path.join(root, "public"),
        "templates": [os.path.join(root, "templates")],
    }


def _ensure_session_secret(config):
    """Sign session cookies with a random secret when none is configured.

    So that no secret has to be shipped in an ini file.  The secret lives
    only as long as the process: sessions, with their flash messages and
    form tokens, do not survive a restart, nor move between the processes
    of a multi-process server.  Deployment configs written by ``paster
    make-config`` carry a secret of their own.
    """
    if not config.get("beaker.session.secret"):
        log.info("No beaker.session.secret configured: using a random one; "
                 "sessions will end when this process does")
        config["beaker.session.secret"] = secrets.token_hex(32)
    # Cookie sessions are signed with validate_key, file sessions' ids with
    # secret: one setting serves both.
    config.setdefault("beaker.session.validate_key",
                      config["beaker.session.secret"])
