"""Decorators that guard actions: who may run them, CSRF tokens and HTTPS.

:func:`require` runs an action only for requests its check allows, and
refuses the others with :class:`Refused`; :func:`authenticate_form`
refuses a submission that another site's page sent, or that lacks the
session's :mod:`pylons.secure_form` token; :func:`same_origin` says
whether the browser names this site as the request's origin.
:func:`https` sends plain HTTP requests to the HTTPS address of the
action.
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Callable, Mapping
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

from webob.exc import HTTPForbidden

import pylons
from pylons.controllers.util import abort, redirect, site_url
from pylons.decorators.util import F
from pylons.secure_form import token_key

__all__ = [
    "Refused",
    "authenticate_form",
    "cross_origin_message",
    "csrf_detected_message",
    "https",
    "refused_message",
    "require",
    "same_origin",
    "unsafe_methods",
]

log = logging.getLogger(__name__)

#: The detail of the 403 answer to a form without its right token.
csrf_detected_message = (
    "This form was not submitted from this site, or your session has "
    "expired: its security token is missing or does not match. Go back, "
    "reload the form and submit it again."
)

#: The detail of the 403 answer to a form another site's page sent.
cross_origin_message = (
    "This form was sent from a page of another site, which may not change "
    "anything here."
)

#: Where scripts may send the token instead of in the form data.
token_header = "X-CSRF-Token"

#: What a refusal of :func:`require` says when its check says nothing more.
refused_message = "You may not do that."


class Refused(HTTPForbidden):
    """The ``403 Forbidden`` of a request that an action's :func:`require`
    check refused.

    Its class tells it from other refusals (a missing CSRF token is a plain
    ``HTTPForbidden``): the error document finds it in
    ``environ["pylons.controller.exception"]``, and can offer a way in,
    such as logging in.
    """


def require(check: Callable[..., Any], detail: str | None = None) -> Callable[[F], F]:
    """Run the action only for requests that ``check`` allows.

    ``check`` is called before the action with the routing variables its
    signature names, as an action is (``def may_edit(title)``); a true
    answer lets the action run, a false one refuses the request with
    :class:`Refused`, whose detail is ``detail`` (:data:`refused_message`
    when None).  A check may also raise :class:`Refused` itself, to say
    what exactly is missing.

    Put it above :func:`authenticate_form` and
    :func:`~pylons.decorators.validate`, under
    :func:`~pylons.decorators.rest.restrict`: a refused request is told so
    before its token or its form is looked at, and learns nothing from
    them.  The form action that ``@validate`` shows again is an action too,
    which checks its own ``@require``.
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            if not check(**self._arguments_for(check)):
                request = pylons.request
                log.info(
                    "Refused %s %s: %s",
                    request.method,
                    request.path_info,
                    getattr(check, "__name__", check),
                )
                raise Refused(detail=refused_message if detail is None else detail)
            return func(self, *args, **kwargs)

        return cast(F, wrapper)

    return decorator


#: The methods of requests that change something, and so must come from
#: this site's own pages.
unsafe_methods = frozenset(["POST", "PUT", "PATCH", "DELETE"])

#: The port each scheme has when an origin names none.
_DEFAULT_PORTS = {"http": 80, "https": 443}


def same_origin(request: Any) -> bool | None:
    """Whether ``request`` (a WebOb request) came from a page of this site.

    Browsers say where a request comes from in its ``Origin`` header (on
    every POST), or else in ``Referer``; it is this site when that origin
    (scheme, host and port) is the request's own, or that of the
    configured ``pylons.canonical_url``.  None when the request has
    neither header, as from a client that is no browser.
    """
    claimed = request.headers.get("Origin")
    if claimed is None:
        claimed = request.headers.get("Referer")
        if not claimed:
            return None
    origin = _origin(claimed)
    return origin is not None and origin in _own_origins(request)


def _own_origins(request: Any) -> set[tuple[str, str, int]]:
    origins = {_origin(request.host_url)}
    canonical = pylons.config.get("pylons.canonical_url")
    if canonical:
        origins.add(_origin(canonical))
    return {origin for origin in origins if origin is not None}


def _origin(url: str) -> tuple[str, str, int] | None:
    """The ``(scheme, host, port)`` of ``url``; None for an opaque origin
    (``null``) or no URL of the web."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is no number
        return None
    if scheme not in _DEFAULT_PORTS or not parts.hostname or port is None:
        return None
    return scheme, parts.hostname, port


def authenticated_form(params: Mapping[str, Any]) -> bool:
    """Whether ``params`` carries this session's token."""
    expected = pylons.session.get(token_key)
    submitted = params.get(token_key)
    if not isinstance(submitted, str):  # absent, or sent as a file
        submitted = None
    submitted = submitted or pylons.request.headers.get(token_header)
    return bool(
        expected
        and submitted
        and hmac.compare_digest(_token_bytes(expected), _token_bytes(submitted))
    )


def _token_bytes(token: object) -> bytes:
    # compare_digest takes str of ASCII only: a token sent with other
    # characters would raise TypeError rather than fail to match.
    return str(token).encode("utf-8", "surrogatepass")


def authenticate_form(func: F) -> F:
    """Run the action only for forms carrying the session's CSRF token,
    sent from this site.

    Without the token, or for a request of an unsafe method whose
    ``Origin`` (or ``Referer``) is another site (see :func:`same_origin`),
    the answer is ``403 Forbidden``.  The token field is removed from
    ``request.POST`` (and so ``request.params``) before the action runs.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        request = pylons.request
        if request.method in unsafe_methods and same_origin(request) is False:
            log.warning(
                "Refused %s %r: sent from another site (%r)",
                request.method,
                request.path_info,
                request.headers.get("Origin") or request.headers.get("Referer"),
            )
            abort(403, detail=cross_origin_message)
        if not authenticated_form(request.POST):
            log.warning(
                "Refused %s %r: missing or wrong CSRF token",
                request.method,
                request.path_info,
            )
            abort(403, detail=csrf_detected_message)
        if token_key in request.POST:
            del request.POST[token_key]
        return func(*args, **kwargs)

    return cast(F, wrapper)


def https(url_or_callable: str | Callable[[], str] | None = None) -> Callable[[F], F]:
    """Serve the action over HTTPS only.

    A plain HTTP GET is redirected to HTTPS: to ``url_or_callable`` (a
    URL, or a function returning one), or by default to the same URL with
    the ``https`` scheme.  Any other method over plain HTTP is refused with
    ``405``, as its data has already crossed the network unencrypted.
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            request = pylons.request
            if request.scheme == "https":
                return func(*args, **kwargs)
            if request.method.upper() != "GET":
                abort(
                    405,
                    detail="This action accepts data over HTTPS only.",
                    headers=[("Allow", "GET")],
                )
            target = url_or_callable
            if callable(target):
                target = target()
            redirect(_https_url(request.path_qs if target is None else target))

        return cast(F, wrapper)

    return decorator


def _https_url(target: str) -> str:
    """``target`` (a URL or path) as an absolute ``https`` URL, on the
    site's canonical host when one is configured."""
    request = pylons.request
    here = site_url(request) + request.path_qs
    return urlsplit(urljoin(here, target))._replace(scheme="https").geturl()
