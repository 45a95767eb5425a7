"""QuickWiki's configuration: paths, routes, templates, database, secrets."""

import logging
import os
import secrets
import tempfile

from mako.lookup import TemplateLookup
from sqlalchemy import engine_from_config
from sqlalchemy.engine import make_url

from pylons.configuration import PylonsConfig
from pylons.error import handle_mako_error

import quickwiki.lib.helpers
from quickwiki.config.routing import make_map
from quickwiki.lib.app_globals import Globals
from quickwiki.lib.caching import Layout
from quickwiki.model import init_model

log = logging.getLogger(__name__)

#: The file of the data directory that keeps the session secret of a
#: config that sets none (mode 0600; data/ is ignored by git).
SECRET_FILE = "session-secret"

#: Settings the environment gives in place of the config's, as container
#: platforms and secret stores give them: the variable, and the setting.
ENVIRONMENT_SETTINGS = {
    "QUICKWIKI_DATABASE_URL": "sqlalchemy.url",
    "QUICKWIKI_SESSION_SECRET": "beaker.session.secret",
}


def load_environment(global_conf, app_conf):
    """The application's :class:`PylonsConfig`, built from the ini file.

    Also binds the model to the database named by ``sqlalchemy.url``.
    """
    config = PylonsConfig()
    paths = _paths()
    config.init_app(global_conf, app_conf, package="quickwiki", paths=paths)
    _settings_from_environment(config)
    _ensure_session_secret(config)
    config["routes.map"] = make_map(config)
    config["pylons.app_globals"] = Globals(config)
    config["pylons.h"] = quickwiki.lib.helpers
    config["pylons.app_globals"].mako_lookup = TemplateLookup(
        directories=paths["templates"],
        error_handler=handle_mako_error,
        input_encoding="utf-8",
        default_filters=["escape"],
        imports=["from quickwiki.lib.escaping import escape"],
        # Looking at each template file on every render shows edits at
        # once, which only development needs.
        filesystem_checks=config["debug"],
    )
    config["pylons.app_globals"].layout = Layout(paths["templates"], config)
    _create_owner_only(config["sqlalchemy.url"])
    init_model(engine_from_config(config, "sqlalchemy."))
    return config


def _create_owner_only(database_url):
    """Create the file of a SQLite database readable by its owner only.

    SQLite would create it with the process's umask (0644, as a rule):
    readable by every user of the machine, with every author's address.
    Its journals take the database file's mode.
    """
    url = make_url(database_url)
    path = url.database
    # In memory, or named by a URI of SQLite's own: nothing to create here.
    if url.get_backend_name() != "sqlite" or path in (None, "", ":memory:"):
        return
    if url.query:
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass


def _paths():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return {
        "root": root,
        "controllers": os.path.join(root, "controllers"),
        "static_files": os.path.join(root, "public"),
        "templates": [os.path.join(root, "templates")],
    }


def _settings_from_environment(config):
    """Take each setting of :data:`ENVIRONMENT_SETTINGS` from its variable,
    where the environment sets one: it wins over the config file."""
    for variable, setting in ENVIRONMENT_SETTINGS.items():
        if os.environ.get(variable):
            config[setting] = os.environ[variable]


def _ensure_session_secret(config):
    """Sign session cookies with a kept secret when none is configured.

    So that no secret has to be shipped in an ini file, yet sessions, with
    their flash messages and form tokens, survive a restart: the first
    start writes a random secret to ``session-secret`` in the data
    directory (``cache_dir``), readable by its owner only, and later starts
    read it back.  Deployment configs written by ``paster make-config``
    carry a secret of their own, which the processes of a multi-process
    server share.
    """
    if not config.get("beaker.session.secret"):
        config["beaker.session.secret"] = _kept_secret(config["pylons.cache_dir"])
    # Cookie sessions are signed with validate_key, file sessions' ids with
    # secret: one setting serves both.
    config.setdefault("beaker.session.validate_key", config["beaker.session.secret"])


def _kept_secret(directory):
    """The secret kept in ``directory``, made there by the first start."""
    if not directory:
        raise ValueError(
            "Set cache_dir, the data directory, in the config: "
            "the session secret is kept there when "
            "beaker.session.secret is not set"
        )
    path = os.path.join(directory, SECRET_FILE)
    secret = _read_secret(path)
    if secret:
        return secret
    os.makedirs(directory, mode=0o700, exist_ok=True)
    # Written whole under a name of its own (mkstemp: mode 0600), then put
    # in place: a process starting at the same moment reads either nothing
    # or the whole secret, and the first one in place wins.
    secret = secrets.token_hex(32)
    handle, written = tempfile.mkstemp(dir=directory, prefix=".session-secret-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as new_file:
            new_file.write(secret + "\n")
        if os.path.exists(path):
            # An empty file, say from a full disk: replace it.
            os.replace(written, path)
        else:
            try:
                os.link(written, path)
            except FileExistsError:
                return _read_secret(path)
        log.info(
            "No beaker.session.secret configured: made one and kept it in %s", path
        )
        return secret
    finally:
        if os.path.exists(written):
            os.unlink(written)


def _read_secret(path):
    """The secret in the file at ``path``; empty when there is none."""
    try:
        with open(path, encoding="ascii") as kept:
            return kept.read().strip()
    except FileNotFoundError:
        return ""
