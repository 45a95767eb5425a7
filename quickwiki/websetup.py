"""What ``paster setup-app`` does: create the tables and the FrontPage.

It may run again: tables and pages that exist are left as they are.
"""
import logging

from quickwiki.config.environment import load_environment
from quickwiki.model import Page, meta

log = logging.getLogger(__name__)

FRONT_PAGE_TITLE = "FrontPage"
FRONT_PAGE_CONTENT = "**Welcome** to the QuickWiki front page!"


def setup_app(command, conf, vars):
    """Set up the database of the application ``conf`` configures."""
    load_environment(conf.global_conf, conf.local_conf)
    try:
        create_schema_and_front_page()
    finally:
        meta.Session.remove()


def create_schema_and_front_page():
    """Create the tables and the FrontPage, where they do not exist yet."""
    meta.Base.metadata.create_all(bind=meta.Session.get_bind())
    with meta.Session.begin():
        if meta.Session.get(Page, FRONT_PAGE_TITLE) is None:
            meta.Session.add(Page(title=FRONT_PAGE_TITLE,
                                  content=FRONT_PAGE_CONTENT))
            log.info("Created the %s", FRONT_PAGE_TITLE)
