"""What ``paster setup-app`` does: bring the database to this version's
schema, and write the FrontPage if there never was one.

It may run again: the migrations already applied are skipped, and pages
that exist, or existed and were deleted, are left as they are.  A database
made by QuickWiki 1.0 is upgraded, its pages becoming their first revisions.
"""

import logging

from quickwiki import migrations
from quickwiki.config.environment import load_environment
from quickwiki.lib import revisions
from quickwiki.model import meta

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
    finally:
        meta.Session.remove()


def upgrade_schema():
    """Run the migrations the database has not had yet."""
    with meta.Session.get_bind().begin() as connection:
        migrations.upgrade(connection)


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
