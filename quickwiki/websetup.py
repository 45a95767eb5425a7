"""What ``paster setup-app`` does: bring the database to this version's
schema, write the FrontPage if there never was one, and make the first
admin account if there is no admin.

It may run again: the migrations already applied are skipped, and pages
that exist, or existed and were deleted, are left as they are.  A database
made by QuickWiki 1.0 is upgraded, its pages becoming their first revisions.

The first admin's name comes from the config (``quickwiki.admin``) or the
environment (``QUICKWIKI_ADMIN``), its password from the environment
(``QUICKWIKI_ADMIN_PASSWORD``) or the config
(``quickwiki.admin_password``); on a terminal, setup-app asks for what is
missing.  No password is ever made up: without one, the admin is made
without a password, and setup-app says so.
"""

import getpass
import logging
import os
import sys

from sqlalchemy import select

from quickwiki import migrations
from quickwiki.config.environment import load_environment
from quickwiki.lib import accounts, revisions
from quickwiki.model import Account, meta

log = logging.getLogger(__name__)

FRONT_PAGE_TITLE = "FrontPage"
FRONT_PAGE_CONTENT = "**Welcome** to the QuickWiki front page!"
FRONT_PAGE_SUMMARY = "Written by paster setup-app."


def setup_app(command, conf, vars):
    """Set up the database of the application ``conf`` configures."""
    load_environment(conf.global_conf, conf.local_conf)
    try:
        upgrade_schema()
        create_front_page()
        create_first_admin(
            conf.local_conf, os.environ, on_a_terminal(), command.verbose
        )
    finally:
        meta.Session.remove()


def upgrade_schema():
    """Run the migrations the database has not had yet, and say which
    (the way back from an upgrade depends on whether the schema changed)."""
    with meta.Session.get_bind().begin() as connection:
        before = migrations.current(connection)
        migrations.upgrade(connection)
        after = migrations.current(connection)
    if before == after:
        log.info("The database's schema is current (migration %s)", after)
    else:
        log.info(
            "Migrated the database's schema to %s (from %s)",
            after,
            before or "none",
        )


def create_front_page():
    """Write the FrontPage's first revision, if it has none."""
    if revisions.head(FRONT_PAGE_TITLE) is None:
        revisions.save(
            FRONT_PAGE_TITLE,
            0,
            FRONT_PAGE_CONTENT,
            revisions.Author(),
            FRONT_PAGE_SUMMARY,
        )
        log.info("Created the %s", FRONT_PAGE_TITLE)


def create_first_admin(conf, environ, interactive, verbose=True):
    """Make the admin account that ``conf`` or ``environ`` names, or that
    the user names when asked (``interactive``), unless there is an admin.

    An account of that name that exists already is made an admin.  What
    was done is said (with ``verbose``), and always when no admin was made,
    or when it has no password.
    """
    if meta.Session.scalar(select(Account.id).where(Account.role == "admin").limit(1)):
        return
    name = conf.get("quickwiki.admin") or environ.get("QUICKWIKI_ADMIN")
    if not name and interactive:
        name = input("The name of the wiki's first admin (empty: none yet): ")
    if not name or not name.strip():
        _tell(
            "No admin account was made: name one with quickwiki.admin in the "
            "config or QUICKWIKI_ADMIN in the environment and run setup-app "
            "again, or run paster account CONFIG add NAME admin."
        )
        return
    existing = accounts.find(name)
    if existing is not None:
        accounts.set_role(existing, "admin")
        if verbose:
            print("Made the account %s an admin." % existing.name)
        return
    password = environ.get("QUICKWIKI_ADMIN_PASSWORD") or conf.get(
        "quickwiki.admin_password"
    )
    if not password and interactive:
        password = ask_password(name)
    try:
        made = accounts.create(name, password or None, "admin")
    except accounts.InvalidName as invalid:
        _tell("No admin account was made: %s" % invalid)
        return
    if password:
        if verbose:
            print("Made the admin account %s." % made.name)
    else:
        _tell(
            "Made the admin account %s without a password, as none was given: "
            "it cannot log in with one until paster account CONFIG password "
            "%s sets it (single sign-on needs none)." % (made.name, made.name)
        )


def ask_password(name):
    """A password for ``name``, typed twice on the terminal; empty for none."""
    while True:
        password = getpass.getpass(
            "Password for %s (at least %d characters; empty: none yet): "
            % (name, accounts.MIN_PASSWORD_LENGTH)
        )
        if not password:
            return ""
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            print("That is too short.")
            continue
        if getpass.getpass("The password again: ") == password:
            return password
        print("The two differ: again.")


def on_a_terminal():
    """Whether someone is there to answer: what setup-app asks and says
    goes to a terminal, not to a script reading its output."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _tell(message):
    print(message, file=sys.stderr)
