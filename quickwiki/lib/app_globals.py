"""The application's globals: one object per application, shared by every
request, known to controllers and templates as ``app_globals`` (or ``g``)."""

from paste.deploy.converters import asbool

from quickwiki.lib import wikitext


class Globals:
    """Settings and resources read once, when the application loads.

    ``mako_lookup``, the template lookup, is added by
    :func:`quickwiki.config.environment.load_environment`.  The limits of
    page rendering are handed to :func:`quickwiki.lib.wikitext.configure`.
    """

    def __init__(self, config):
        self.titles_per_page = _setting(config, "quickwiki.titles_per_page", 20)
        self.revisions_per_page = _setting(config, "quickwiki.revisions_per_page", 50)
        #: Whether revisions keep their author's client address.
        self.record_addresses = asbool(config.get("quickwiki.record_addresses", False))
        #: The largest page source a save accepts, in bytes of UTF-8.
        self.max_page_size = _setting(
            config, "quickwiki.max_page_size", wikitext.DEFAULT_LIMITS["max_size"]
        )
        memory_limit = _setting(
            config,
            "quickwiki.render_memory_limit",
            wikitext.DEFAULT_LIMITS["memory_limit"],
            minimum=0,
        )
        wikitext.configure(
            workers=_setting(
                config, "quickwiki.render_workers", wikitext.DEFAULT_LIMITS["workers"]
            ),
            timeout=_setting(
                config,
                "quickwiki.render_timeout",
                wikitext.DEFAULT_LIMITS["timeout"],
                kind=float,
                minimum=0.01,
            ),
            memory_limit=memory_limit or None,
            max_size=self.max_page_size,
        )


def _setting(config, name, default, kind=int, minimum=1):
    """The number ``config[name]`` (or ``default``), at least ``minimum``."""
    value = kind(config.get(name, default))
    if value < minimum:
        raise ValueError("%s must be at least %s, not %s" % (name, minimum, value))
    return value
