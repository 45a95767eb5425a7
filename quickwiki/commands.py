"""The ``paster`` commands that back a wiki up and restore it.

``paster dump-wiki CONFIG_FILE FILE`` writes the wiki of the database that
the config names to FILE, and ``paster load-wiki CONFIG_FILE FILE`` loads
such a file into a new database (see :mod:`quickwiki.lib.backup` for the
format).  They are global paster commands, found wherever QuickWiki is
installed, because a deployment runs ``paster`` in the directory of its
config, as it runs ``paster setup-app``, not in QuickWiki's checkout.
"""

import configparser
import os
import sys

from paste.deploy import appconfig
from paste.script.command import Command
from sqlalchemy import engine_from_config
from sqlalchemy.exc import SQLAlchemyError

from quickwiki.lib import backup

__all__ = ["DumpWikiCommand", "LoadWikiCommand"]


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
            return self.fail("No config file %s" % os.path.abspath(config_file))
        try:
            engine = self.engine(config_file)
        except (
            configparser.Error,
            ImportError,
            LookupError,
            ValueError,
            SQLAlchemyError,
        ) as error:
            return self.fail("Cannot use the config %s: %s" % (config_file, error))
        try:
            counts = self.run_on(engine)
        except backup.BackupError as error:
            return self.fail(self.explain(error))
        except OSError as error:
            return self.fail("%s: %s" % (self.file, error.strerror or error))
        except SQLAlchemyError as error:
            return self.fail(
                "The database of %s: %s"
                % (config_file, getattr(error, "orig", None) or error)
            )
        finally:
            engine.dispose()
        if self.verbose:
            print(
                self.done
                % {
                    "pages": counts.pages,
                    "revisions": counts.revisions,
                    "file": self.file,
                }
            )
        return 0

    def engine(self, config_file):
        """The engine of the database that ``config_file`` names."""
        path = os.path.abspath(config_file)
        self.logging_file_config(path)
        conf = appconfig("config:" + path)
        if not conf.get("sqlalchemy.url"):
            raise LookupError("its [app:main] has no sqlalchemy.url")
        return engine_from_config(conf, "sqlalchemy.")

    def explain(self, error):
        """What to say of a :class:`backup.BackupError`."""
        return str(error)

    def fail(self, message):
        print(message, file=sys.stderr)
        return 1


class DumpWikiCommand(_BackupCommand):
    """``paster dump-wiki CONFIG_FILE FILE``: the wiki, to a file."""

    summary = "Write every page of the wiki, with its history, to a file"
    description = """\
    Writes every page of the wiki of CONFIG_FILE's database, each with all
    its revisions, to FILE, a QuickWiki dump (JSON Lines; gzip-compressed
    when FILE ends in .gz), which paster load-wiki loads into a new
    database on SQLite or PostgreSQL.  FILE is replaced only once the dump
    is whole, and is readable by its owner only.  The wiki may be in use
    meanwhile: the dump is of one moment.
    """
    done = "Dumped %(pages)d pages, %(revisions)d revisions, to %(file)s."

    def run_on(self, engine):
        with backup.writing(self.file) as output, engine.connect() as connection:
            return backup.dump(connection, output)


class LoadWikiCommand(_BackupCommand):
    """``paster load-wiki CONFIG_FILE FILE``: a dump, into a new database."""

    summary = "Load a file written by paster dump-wiki into a new database"
    description = """\
    Loads FILE, written by paster dump-wiki, into the database of
    CONFIG_FILE, which paster setup-app has just made: it may hold no page
    but setup-app's FrontPage, which the dump's pages replace.  The load is
    one transaction: refused, or on a fault of the file, it changes
    nothing.  Each page is rendered again when it is first viewed.
    """
    done = (
        "Loaded %(pages)d pages, %(revisions)d revisions, from %(file)s; "
        "each page is rendered when first viewed."
    )

    def run_on(self, engine):
        with backup.reading(self.file) as stream, engine.begin() as connection:
            return backup.load(connection, stream)

    def explain(self, error):
        if isinstance(error, backup.MalformedDump):
            return "%s%s %s. Nothing was loaded." % (
                self.file,
                "," if error.line else "",
                error,
            )
        return str(error)
