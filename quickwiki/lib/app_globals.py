"""The application's globals: one object per application, shared by every
request, known to controllers and templates as ``app_globals`` (or ``g``)."""


class Globals:
    """Settings and resources read once, when the application loads.

    ``mako_lookup``, the template lookup, is added by
    :func:`quickwiki.config.environment.load_environment`.
    """

    def __init__(self, config):
        self.titles_per_page = int(config.get("quickwiki.titles_per_page", 20))
        if self.titles_per_page < 1:
            raise ValueError("quickwiki.titles_per_page must be at least 1, not %d"
                             % self.titles_per_page)
