"""The ``paster`` commands that back a wiki up and restore it, and that
see to its accounts.

``paster dump-wiki CONFIG_FILE FILE`` writes the wiki of the database that
the config names to FILE, and ``paster load-wiki CONFIG_FILE FILE`` loads
such a file into a new database (see :mod:`quickwiki.lib.backup` for the
format).  ``paster account CONFIG_FILE ...`` adds accounts, sets their
roles, blocks them and resets their passwords, from the admin's shell.
They are global paster commands, found wherever QuickWiki is installed,
because a deployment runs ``paster`` in the directory of its config, as it
runs ``paster setup-app``, not in QuickWiki's checkout.
"""

import configparser
import os
import sys

from paste.deploy import appconfig
from paste.script.command import Command
from sqlalchemy import engine_from_config
from sqlalchemy.exc import SQLAlchemyError

from quickwiki.config.environment import load_environment
from quickwiki.lib import accounts, backup, wikitext
from quickwiki.model import ROLES, meta
from quickwiki.websetup import ask_password, on_a_terminal

__all__ = ["AccountCommand", "DumpWikiCommand", "LoadWikiCommand"]


class _BackupCommand(Command):
    """A command on the database of a config file, and a dump file.

    Each command's ``run_on(engine)`` does its work and returns the
    :class:`backup.Counts` that its message ``done`` reports.  Errors are
    said in one line on standard error, with exit status 1.
    """

    group_name = "QuickWiki"
    usage = "CONFIG_FILE FILE"
    min_args = max_args = 2
    default_verbosity = 1
    parser = Command.standard_parser(quiet=True)

    def command(self):
        config_file, self.file = self.args
        if not os.path.isfile(config_file):
            return _fail("No config file %s" % os.path.abspath(config_file))
        try:
            engine = self.engine(config_file)
        except (
            configparser.Error,
            ImportError,
            LookupError,
            ValueError,
            SQLAlchemyError,
        ) as error:
            return _fail("Cannot use the config %s: %s" % (config_file, error))
        try:
            counts = self.run_on(engine)
        except backup.BackupError as error:
            return _fail(self.explain(error))
        except OSError as error:
            return _fail("%s: %s" % (self.file, error.strerror or error))
        except SQLAlchemyError as error:
            return _fail(
                "The database of %s: %s"
                % (config_file, getattr(error, "orig", None) or error)
            )
        finally:
            engine.dispose()
        if self.verbose:
            print(self.done % dict(counts._asdict(), file=self.file))
        return 0

    def engine(self, config_file):
        """The engine of the database that ``config_file`` names."""
        path = os.path.abspath(config_file)
        self.logging_file_config(path)
        self.conf = appconfig("config:" + path)
        if not self.conf.get("sqlalchemy.url"):
            raise LookupError("its [app:main] has no sqlalchemy.url")
        return engine_from_config(self.conf, "sqlalchemy.")

    def explain(self, error):
        """What to say of a :class:`backup.BackupError`."""
        return str(error)


class DumpWikiCommand(_BackupCommand):
    """``paster dump-wiki CONFIG_FILE FILE``: the wiki, to a file."""

    summary = "Write every page of the wiki, with its history, to a file"
    description = """\
    Writes every account, and every page of the wiki of CONFIG_FILE's
    database, each with all its revisions, to FILE, a QuickWiki dump (JSON
    Lines; gzip-compressed when FILE ends in .gz), which paster load-wiki
    loads into a new database on SQLite or PostgreSQL.  The accounts'
    password hashes are left out, unless --with-password-hashes is given.
    FILE is replaced only once the dump is whole, and is readable by its
    owner only.  The wiki may be in use meanwhile: the dump is of one
    moment.
    """
    parser = Command.standard_parser(quiet=True)
    parser.add_option(
        "--with-password-hashes",
        action="store_true",
        dest="password_hashes",
        help="Write the accounts' password hashes too, so that they log in "
        "to the loaded wiki as before",
    )
    done = (
        "Dumped %(accounts)d accounts, %(pages)d pages, %(revisions)d revisions, "
        "to %(file)s."
    )

    def run_on(self, engine):
        with backup.writing(self.file) as output, engine.connect() as connection:
            return backup.dump(connection, output, self.options.password_hashes)


class LoadWikiCommand(_BackupCommand):
    """``paster load-wiki CONFIG_FILE FILE``: a dump, into a new database."""

    summary = "Load a file written by paster dump-wiki into a new database"
    description = """\
    Loads FILE, written by paster dump-wiki, into the database of
    CONFIG_FILE, which paster setup-app has just made: it may hold no page
    but setup-app's FrontPage, which the dump's pages replace, and no
    account but setup-app's first admin, which stays as it is.  The load is
    one transaction: refused, or on a fault of the file, it changes
    nothing.  Each page is rendered again when it is first viewed.
    """
    done = (
        "Loaded %(accounts)d accounts, %(pages)d pages, %(revisions)d revisions, "
        "from %(file)s; "
        "each page is rendered when first viewed."
    )

    def run_on(self, engine):
        max_size = int(
            self.conf.get(
                "quickwiki.max_page_size", wikitext.DEFAULT_LIMITS["max_size"]
            )
        )
        with backup.reading(self.file) as stream, engine.begin() as connection:
            return backup.load(connection, stream, max_size)

    def explain(self, error):
        if isinstance(error, backup.MalformedDump):
            return "%s%s %s. Nothing was loaded." % (
                self.file,
                "," if error.line else "",
                error,
            )
        return str(error)


class AccountCommand(Command):
    """``paster account CONFIG_FILE ACTION NAME [ROLE]``: one account."""

    group_name = "QuickWiki"
    summary = "Add an account, set its role or password, block or unblock it"
    usage = "CONFIG_FILE add|role|password|block|unblock NAME [ROLE]"
    description = """\
    Sees to the account NAME of the wiki of CONFIG_FILE. "add NAME" makes
    it, an editor unless a ROLE follows (reader, editor or admin); "role
    NAME ROLE" gives it ROLE; "password NAME" gives it a new password;
    "block NAME" blocks it, and "unblock NAME" undoes that (a new password
    and a block end its logins).  A password comes from the environment
    variable QUICKWIKI_PASSWORD, or is asked for on a terminal; none is
    ever made up.  Without one, add makes the account without a password
    (single sign-on needs none), and says so.
    """
    min_args = 3
    max_args = 4
    default_verbosity = 1
    parser = Command.standard_parser(quiet=True)

    def command(self):
        config_file, action, name = self.args[:3]
        role = self.args[3] if len(self.args) > 3 else None
        if not os.path.isfile(config_file):
            return _fail("No config file %s" % os.path.abspath(config_file))
        arguments = {"add": (0, 1), "role": (1, 1), "password": (0, 0)}
        fewest, most = arguments.get(action, (0, 0))
        if action not in arguments and action not in ("block", "unblock"):
            return _fail("No action %s: %s" % (action, self.usage))
        if not fewest <= len(self.args) - 3 <= most:
            return _fail("Usage: paster account %s" % self.usage)
        if role is not None and role not in ROLES:
            return _fail("A role is one of %s, not %s." % (", ".join(ROLES), role))
        # The application's environment binds the model to the database and
        # sets the password hashing up, as setup-app's does.
        conf = appconfig("config:" + os.path.abspath(config_file))
        load_environment(conf.global_conf, conf.local_conf)
        try:
            return getattr(self, "_" + action)(name, role)
        except (accounts.InvalidName, accounts.NameTaken, LookupError) as error:
            return _fail(str(error) or error.__class__.__doc__)
        finally:
            meta.Session.remove()

    def _add(self, name, role):
        password = os.environ.get("QUICKWIKI_PASSWORD") or (
            ask_password(name) if on_a_terminal() else ""
        )
        try:
            made = accounts.create(name, password or None, role or "editor")
        except accounts.NameTaken:
            raise LookupError("There is an account called %s already." % name) from None
        self._say("Made the account %s, with the role %s." % (made.name, made.role))
        if not password:
            print(
                "%s has no password, as none was given: it cannot log in with "
                "one until paster account CONFIG password %s sets it."
                % (made.name, made.name),
                file=sys.stderr,
            )
        return 0

    def _role(self, name, role):
        accounts.set_role(_existing(name), role)
        self._say("%s now has the role %s." % (name, role))
        return 0

    def _password(self, name, _role):
        found = _existing(name)
        password = os.environ.get("QUICKWIKI_PASSWORD") or (
            ask_password(found.name) if on_a_terminal() else ""
        )
        if not password:
            return _fail(
                "No password given: set QUICKWIKI_PASSWORD, or run this on a terminal."
            )
        accounts.set_password(found, password)
        self._say("%s has a new password; its logins have ended." % found.name)
        return 0

    def _block(self, name, _role):
        accounts.set_blocked(_existing(name), True)
        self._say("Blocked %s; its logins have ended." % name)
        return 0

    def _unblock(self, name, _role):
        accounts.set_blocked(_existing(name), False)
        self._say("Unblocked %s." % name)
        return 0

    def _say(self, message):
        if self.verbose:
            print(message)


def _existing(name):
    found = accounts.find(name)
    if found is None:
        raise LookupError("There is no account called %s." % name)
    return found


def _fail(message):
    print(message, file=sys.stderr)
    return 1
