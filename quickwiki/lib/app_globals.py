"""The application's globals: one object per application, shared by every
request, known to controllers and templates as ``app_globals`` (or ``g``)."""

from paste.deploy.converters import asbool

from quickwiki.lib import accounts, filestore, limiting, renderings, wikitext, work
from quickwiki.lib.caching import KeptPages
from quickwiki.lib.permissions import POLICIES
from quickwiki.model import ROLES

#: How single sign-on names users: not at all, by the server's REMOTE_USER,
#: or by a header from the trusted proxy (see quickwiki.lib.auth).
SSO_MODES = ("", "remote_user", "header")


class Globals:
    """Settings and resources read once, when the application loads.

    ``mako_lookup``, the template lookup, and ``layout``, what shapes
    every page around its content (:class:`quickwiki.lib.caching.Layout`),
    are added by :func:`quickwiki.config.environment.load_environment`.
    The limits of the wiki's costly work are handed to
    :func:`quickwiki.lib.work.configure` and
    :func:`quickwiki.lib.wikitext.configure`, those of passwords and logins
    to :func:`quickwiki.lib.accounts.configure`; ``limiter`` counts each
    client's requests (:mod:`quickwiki.lib.limiting`).
    """

    def __init__(self, config):
        #: Who may read and edit: see quickwiki.lib.permissions.
        self.policy = _choice(config, "quickwiki.policy", POLICIES, "registered")
        closed = self.policy == "closed"
        #: Whether anyone may make themselves an account.
        self.registration = asbool(config.get("quickwiki.registration", not closed))
        #: The role of a new account.
        self.default_role = _choice(
            config, "quickwiki.default_role", ROLES, "reader" if closed else "editor"
        )
        self.sso = _choice(config, "quickwiki.sso", SSO_MODES, "")
        #: The environ key of the header that names the user, with
        #: quickwiki.sso = header.
        self.sso_environ_key = "HTTP_" + config.get(
            "quickwiki.sso_header", "X-Remote-User"
        ).upper().replace("-", "_")
        #: The role of an account that single sign-on names first.
        self.sso_role = _choice(config, "quickwiki.sso_role", ROLES, self.default_role)
        accounts.configure(
            profile=config.get("quickwiki.password_hash_profile") or None,
            login_days=_setting(config, "quickwiki.login_days", 14),
        )
        self.titles_per_page = _setting(config, "quickwiki.titles_per_page", 20)
        self.revisions_per_page = _setting(config, "quickwiki.revisions_per_page", 50)
        #: The largest file an upload may bring, in bytes: under the
        #: server's max_request_body_size (1 MiB in the configs written by
        #: make-config), with room for the form around it.
        self.max_file_size = _setting(config, "quickwiki.files.max_size", 1000000)
        #: The most pixels an uploaded image may have, checked before it is
        #: decoded.
        self.max_image_pixels = _setting(
            config, "quickwiki.files.max_image_pixels", 25_000_000
        )
        #: Where uploaded files' bytes are kept.
        self.file_store = filestore.from_config(config)
        #: How long a cache in front may keep a page for readers the wiki
        #: does not know (quickwiki.lib.caching); 0: none may.
        self.public_max_age = _setting(
            config, "quickwiki.public_max_age", 60, minimum=0
        )
        #: The public pages this process keeps to send again, within
        #: quickwiki.kept_pages_size bytes (quickwiki.lib.caching); 0: none.
        self.kept_pages = KeptPages(
            _setting(config, "quickwiki.kept_pages_size", 16 * 1024 * 1024, minimum=0)
        )
        #: Whether revisions keep their author's client address.
        self.record_addresses = asbool(config.get("quickwiki.record_addresses", False))
        #: The largest page source a save accepts, in bytes of UTF-8.
        self.max_page_size = _setting(
            config, "quickwiki.max_page_size", wikitext.DEFAULT_LIMITS["max_size"]
        )
        memory_limit = _setting(
            config,
            "quickwiki.render_memory_limit",
            work.DEFAULT_LIMITS["memory_limit"],
            minimum=0,
        )
        timeout = _setting(
            config,
            "quickwiki.render_timeout",
            work.DEFAULT_LIMITS["timeout"],
            kind=float,
            minimum=0.01,
        )
        work.configure(
            workers=_setting(
                config, "quickwiki.render_workers", work.DEFAULT_LIMITS["workers"]
            ),
            timeout=timeout,
            memory_limit=memory_limit or None,
        )
        #: The seconds of rendering, comparing and merging one request may
        #: take in all (:func:`quickwiki.lib.work.budget`).
        self.work_budget = _setting(
            config, "quickwiki.work_budget", 2 * timeout, kind=float, minimum=0.01
        )
        wikitext.configure(
            max_size=self.max_page_size,
            max_html_size=_setting(
                config,
                "quickwiki.max_html_size",
                wikitext.DEFAULT_LIMITS["max_html_size"],
            ),
        )
        renderings.configure(
            kept_size=_setting(
                config,
                "quickwiki.render_cache_size",
                renderings.DEFAULT_KEPT_SIZE,
                minimum=0,
            )
        )
        #: Each client's rates, quotas and shares.
        self.limiter = limiting.Limiter(
            {
                name: config.get("quickwiki.rate_limit." + name, default)
                for name, default in limiting.DEFAULT_RULES.items()
            },
            {
                name: _setting(config, "quickwiki.client_" + name, default, minimum=0)
                for name, default in limiting.DEFAULT_SHARES.items()
            },
            limiting.storage_from_setting(
                config.get("quickwiki.rate_limit_storage", "").strip()
            ),
            config.get("quickwiki.client_request_rate", limiting.DEFAULT_REQUEST_RATE),
        )


def _choice(config, name, choices, default):
    """``config[name]`` (or ``default``), which must be one of ``choices``."""
    value = config.get(name, default).strip()
    if value not in choices:
        raise ValueError(
            "%s must be one of %s, not %r"
            % (name, ", ".join(repr(choice) for choice in choices), value)
        )
    return value


def _setting(config, name, default, kind=int, minimum=1):
    """The number ``config[name]`` (or ``default``), at least ``minimum``."""
    value = kind(config.get(name, default))
    if value < minimum:
        raise ValueError("%s must be at least %s, not %s" % (name, minimum, value))
    return value
