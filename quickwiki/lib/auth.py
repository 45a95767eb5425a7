"""Who is asking: the account a request comes from, logging in and out.

A request is an account's when it brings one of the account's API tokens
(``Authorization: Bearer TOKEN``, what programs using the API send; its
cookies then count for nothing), when its session holds the token of a
login that has not ended (see :mod:`quickwiki.lib.accounts`), or, with
single sign-on configured (``quickwiki.sso``), when the front end names
its user:

- ``remote_user``: the server's ``REMOTE_USER``, which the server sets
  (mod_wsgi, uWSGI, a WSGI middleware) and no client can;
- ``header``: the header ``quickwiki.sso_header`` (``X-Remote-User``), on
  requests that came through waitress's ``trusted_proxy`` only.  waitress
  keeps the ``X-Forwarded-For`` header of those, and removes it from any
  other (``clear_untrusted_proxy_headers = true``, as ``paster
  make-config`` writes it): a request without it came from elsewhere, and
  its header is not believed.

A name single sign-on gives is mapped to the account of that name, made
on first sight with the role ``quickwiki.sso_role``.  A blocked account's
requests are anonymous.
"""

import logging

from pylons import app_globals, config, request, session
from pylons.controllers.util import rotate_session

from quickwiki.lib import accounts, revisions
from quickwiki.model import MAX_ADDRESS_LENGTH

__all__ = [
    "account",
    "author",
    "bearer_token",
    "found_account",
    "log_in",
    "log_out",
    "signed_on",
]

log = logging.getLogger(__name__)

#: The session's key of the login token.
SESSION_KEY = "login"
#: Where a request keeps its account once found.
_ENVIRON_KEY = "quickwiki.account"


def account(environ=None):
    """The :class:`~quickwiki.lib.accounts.Identity` of the account the
    request comes from, or None; ``environ`` is the request's, when the
    caller has it at hand (a page asks a dozen times)."""
    if environ is None:
        environ = request.environ
    if _ENVIRON_KEY not in environ:
        environ[_ENVIRON_KEY] = _identify(environ)
    return environ[_ENVIRON_KEY]


def found_account():
    """The account the request was found to come from, if it was looked
    for already (by the page's header, say); else None, without a query."""
    return request.environ.get(_ENVIRON_KEY)


def author():
    """Who the request makes revisions as: its account, or anonymous, with
    the client address when ``quickwiki.record_addresses`` is on."""
    own = account()
    if own is not None:
        return revisions.Author(own.name, account=own.id)
    address = None
    if app_globals.record_addresses and request.remote_addr:
        address = request.remote_addr[:MAX_ADDRESS_LENGTH]
    return revisions.Author(revisions.ANONYMOUS, address)


def signed_on():
    """Whether single sign-on names the request's user (who then has no
    login of the wiki's own to end)."""
    return _sso_name(request.environ) is not None


def log_in(to):
    """Log the session in to account ``to``, under a new session id."""
    rotate_session()
    session[SESSION_KEY] = accounts.start_login(to)
    session.save()
    request.environ[_ENVIRON_KEY] = accounts.Identity.of(to)


def log_out():
    """End the session's login, and start a new, empty session."""
    token = _session_token()
    if token is not None:
        accounts.end_login(token)
    rotate_session(clear=True)
    request.environ[_ENVIRON_KEY] = None


def _identify(environ):
    token = bearer_token(environ)
    if token is not None:
        # A program's request: its token alone says whose it is.
        return accounts.account_of_api_token(token)
    name = _sso_name(environ)
    if name is not None:
        return _signed_on_account(name)
    token = _session_token()
    return None if token is None else accounts.account_of_login(token)


def bearer_token(environ):
    """The API token of a request that brings one (``Authorization: Bearer
    TOKEN``), or None."""
    scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _session_token():
    """The session's login token; None without one.

    The session is read only when the request brings its cookie, so that
    an anonymous visitor gets none.
    """
    key = config.get("beaker.session.key", "beaker.session.id")
    # The header is looked at before it is parsed: most requests bring no
    # cookie of this name, or none at all.
    if key not in request.environ.get("HTTP_COOKIE", "") or key not in request.cookies:
        return None
    token = session.get(SESSION_KEY)
    return token if isinstance(token, str) else None


def _sso_name(environ):
    """The user name single sign-on gives the request, or None."""
    if app_globals.sso == "remote_user":
        return environ.get("REMOTE_USER") or None
    if app_globals.sso == "header" and environ.get("HTTP_X_FORWARDED_FOR"):
        return environ.get(app_globals.sso_environ_key) or None
    return None


def _signed_on_account(name):
    """The account of ``name``, made now if there is none; None when it is
    blocked, or no account could be called so."""
    try:
        name = accounts.normalized_name(name)
    except accounts.InvalidName as invalid:
        log.warning(
            "Single sign-on named %r, which no account may be: %s", name, invalid
        )
        return None
    found = accounts.find(name)
    if found is None:
        try:
            found = accounts.create(name, role=app_globals.sso_role)
            log.info("Made the account %s, first named by single sign-on", name)
        except accounts.NameTaken:  # by another request, meanwhile
            found = accounts.find(name)
    return None if found.blocked else accounts.Identity.of(found)
