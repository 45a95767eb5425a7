"""Helpers a controller action calls: responses, errors, redirects, caching.

:class:`Request` and :class:`Response` are WebOb's, with Pylons' defaults
and signed cookies; :func:`abort` and :func:`redirect` end an action with
an HTTP status; :func:`etag_cache` answers conditional GETs, and
:func:`vary` says which request headers the response depends on;
:func:`forward` hands the request to another WSGI application;
:func:`rotate_session` gives the session a new id when the user's
privileges change.
``status_map`` is WebOb's map of status codes to HTTP exception classes.
"""

from __future__ import annotations

import codecs
import functools
import html
import io
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

import webob
import webob.exc
from webob.compat import cgi_FieldStorage
from webob.cookies import SignedSerializer
from webob.exc import status_map
from webob.multidict import GetDict, MultiDict, NoVars

import pylons
from pylons.secure_form import token_key

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = [
    "Request",
    "Response",
    "abort",
    "etag_cache",
    "forward",
    "redirect",
    "rotate_session",
    "site_url",
    "status_map",
    "vary",
]

log = logging.getLogger(__name__)

_REDIRECT_CODES = (301, 302, 303, 307)
_COOKIE_SALT = "pylons.signed_cookie"


def _cookie_serializer(secret: str) -> SignedSerializer:
    return SignedSerializer(secret, _COOKIE_SALT, hashalg="sha256")


#: The content types whose body WebOb parses into ``request.POST``.
_FORM_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data")
#: Only a multipart body holding this can declare a charset for a field.
_CHARSET = re.compile(rb"charset", re.IGNORECASE)
#: The environ key of the form :attr:`Request.POST` has checked, with the
#: body it was read from: ``(form, body_file_raw)``, as WebOb keeps its own.
_CHECKED_FORM = "pylons.checked_form"


class Request(webob.Request):
    """A WebOb request that knows its preferred languages and signed cookies.

    ``language`` is the application's default language (from
    ``pylons.request_options``), used when the browser asks for none.

    Reading ``GET``, ``POST`` or ``params`` of a request that cannot be
    decoded raises an :class:`webob.exc.HTTPException`, which a controller
    sends as the answer: ``400 Bad Request`` for a query string or a form
    that is not UTF-8 or a form body that cannot be parsed, ``415
    Unsupported Media Type`` for a form, or a field of a multipart form,
    in another charset than UTF-8.
    """

    language = "en-us"

    @property
    def GET(self) -> GetDict:
        """The query string's variables; 400 when it is not UTF-8."""
        try:
            return super().GET
        except UnicodeDecodeError:
            raise webob.exc.HTTPBadRequest(
                "The address's query string is not valid UTF-8."
            ) from None

    @property
    def POST(self) -> MultiDict | NoVars:
        """The form's variables; 415 unless it is UTF-8, 400 if unreadable.

        The checks read the whole body, so a form is checked once: each
        later read (``params`` too, and from middleware to the action there
        are several) gives the checked form, until the body changes.
        """
        checked = self.environ.get(_CHECKED_FORM)
        if checked is not None and checked[1] is self.body_file_raw:
            return checked[0]
        charset = None
        if self.content_type in _FORM_TYPES and self.charset != "UTF-8":
            charset = self.charset
        elif self.content_type == "multipart/form-data":
            # WebOb decodes a field with the charset its part declares:
            # changing its text, or failing on a codec that is not one.
            charset = _field_charset(self)
        if charset is not None:
            raise webob.exc.HTTPUnsupportedMediaType(
                "Forms must be sent in UTF-8, not %s." % charset
            )
        try:
            form = super().POST
        except ValueError as exc:  # e.g. multipart without a boundary
            raise webob.exc.HTTPBadRequest(
                "The form's data could not be read: %s." % exc
            ) from None
        if None in form:  # a multipart part without a field name
            raise webob.exc.HTTPBadRequest(
                "The form's data could not be read: a field has no name."
            )
        # WebOb decodes a form's bytes that are not UTF-8 as U+FFFD, which
        # would silently change what was sent: such a form is refused.
        # Only a form showing U+FFFD can hold them, so others are not read
        # again.
        if any("\ufffd" in item for item in _texts(form)) and not _utf8_form(self):
            raise webob.exc.HTTPBadRequest("The form's data is not valid UTF-8.")
        if isinstance(form, MultiDict):  # WebOb keeps no NoVars either
            self.environ[_CHECKED_FORM] = (form, self.body_file_raw)
        return form

    @property
    def languages(self) -> list[str]:
        """The languages the browser accepts, best first, then the default.

        As in Pylons 1.0, the first one the default language stands for
        (itself, its base language, or ``*``) is replaced by the default,
        and the list ends there: ``fr, ja, en`` with the default ``en-us``
        gives ``['fr', 'ja', 'en-us']``.
        """
        parsed = sorted(
            self.accept_language.parsed or (), key=lambda item: item[1], reverse=True
        )
        languages = []
        for offer, _quality in parsed:
            if _covers(offer, self.language):
                break
            languages.append(offer)
        languages.append(self.language)
        return languages

    def match_accept(self, mimetypes: Sequence[str]) -> str:
        """The first of ``mimetypes`` the browser accepts, else the first.

        The browser's preferences among them are ignored, as in Pylons 1.0.
        """
        accepted = {
            offer for offer, _quality in self.accept.acceptable_offers(mimetypes)
        }
        for mimetype in mimetypes:
            if mimetype in accepted:
                return mimetype
        return mimetypes[0]

    def determine_browser_charset(self) -> Any:
        """The browser's ``Accept-Charset`` (Pylons 0.9's name for it)."""
        return self.accept_charset

    def signed_cookie(self, name: str, secret: str) -> Any:
        """The value stored by :meth:`Response.signed_cookie`, or None.

        None also when the cookie is absent or its signature does not match
        ``secret``: a tampered cookie reads as a missing one.
        """
        raw = self.cookies.get(name)
        if raw is None:
            return None
        try:
            return _cookie_serializer(secret).loads(raw.encode("ascii"))
        except ValueError:
            log.info("Ignoring cookie %r: bad signature", name)
            return None


def _texts(form: MultiDict | NoVars) -> Iterable[str]:
    """The names and the text values of ``form``'s fields."""
    for name, value in form.items():
        yield name
        if isinstance(value, str):
            yield value


def _utf8_form(request: webob.Request) -> bool:
    """Whether the form in ``request``'s body is strictly UTF-8."""
    try:
        if request.content_type == "multipart/form-data":
            _multipart_fields(request, errors="strict")
        else:
            unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _field_charset(request: webob.Request) -> str | None:
    """A charset other than UTF-8 that a field of ``request``'s multipart
    form declares, or None.
    """
    if _CHARSET.search(request.body) is None:
        return None  # the common case: the body is not parsed twice
    try:
        fields = _multipart_fields(request, errors="replace")
    except ValueError:
        return None  # WebOb's parsing fails too, and says why
    for field in fields:
        charset = field.type_options.get("charset")
        if charset is not None and not _is_utf8(charset):
            return str(charset)
    return None


def _is_utf8(charset: str) -> bool:
    """Whether ``charset`` names UTF-8, in any of its spellings."""
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def _multipart_fields(request: webob.Request, errors: str) -> list[cgi_FieldStorage]:
    """The fields of ``request``'s multipart form, their text decoded as
    UTF-8 with ``errors``.
    """
    body = request.body
    environ = dict(request.environ, QUERY_STRING="")
    environ["CONTENT_LENGTH"] = str(len(body))
    form = cgi_FieldStorage(
        fp=io.BytesIO(body),
        environ=environ,
        keep_blank_values=True,
        encoding="utf-8",
        errors=errors,
    )
    return form.list or []


def _covers(accepted: str, language: str) -> bool:
    """Whether the Accept-Language entry ``accepted`` stands for ``language``."""
    accepted = accepted.replace("_", "-").lower()
    language = language.replace("_", "-").lower()
    return (
        accepted in ("*", language)
        or language.split("-")[0] == accepted
        or accepted.split("-")[0] == language
    )


class Response(webob.Response):
    """A WebOb response with Pylons' HTML/UTF-8 defaults and signed cookies."""

    default_content_type = "text/html"
    default_charset = "utf-8"

    def signed_cookie(self, name: str, data: Any, secret: str, **kwargs: Any) -> None:
        """Set cookie ``name`` to JSON-serialisable ``data``, HMAC-signed.

        Other keyword arguments go to :meth:`webob.Response.set_cookie`.
        """
        value = _cookie_serializer(secret).dumps(data).decode("ascii")
        self.set_cookie(name, value, **kwargs)


def abort(
    status_code: int,
    detail: str = "",
    headers: Iterable[tuple[str, str]] | None = None,
    comment: str | None = None,
) -> NoReturn:
    """End the action with the HTTP error ``status_code``.

    ``detail`` is shown in the error page, ``comment`` is kept out of it
    (an HTML comment for whoever reads the source), ``headers`` are added
    to the response.
    """
    error_class = status_map[status_code]
    raise error_class(detail=detail, headers=headers, comment=comment)


def redirect(url: str, code: int = 302) -> NoReturn:
    """End the action with a redirect to ``url``.

    A relative ``url`` is resolved against the current request's path.
    ``Location`` then holds that path (which HTTP allows, and browsers
    follow on the site they asked), or with ``pylons.canonical_url`` set,
    that URL's scheme and host before it: never the request's ``Host``
    header, which the client chose.  An absolute ``url`` is sent as it is.
    Only the redirect codes 301, 302, 303 and 307 are allowed.
    """
    if code not in _REDIRECT_CODES:
        raise ValueError(
            "redirect() needs one of the codes %s, not %r"
            % (", ".join(map(str, _REDIRECT_CODES)), code)
        )
    location = urljoin(pylons.request.path, url)
    parts = urlsplit(location)
    canonical = pylons.config.get("pylons.canonical_url")
    if canonical and not (parts.scheme or parts.netloc):
        location = canonical.rstrip("/") + location
    log.debug("Redirecting (%s) to %r", code, location)
    raise _REDIRECTS[code](location=location)


def site_url(request: webob.Request) -> str:
    """The scheme and host of the site serving ``request``, as in
    ``https://wiki.example.org``: ``pylons.canonical_url`` when it is
    set, else the request's own (its ``Host`` header)."""
    canonical = pylons.config.get("pylons.canonical_url")
    return canonical.rstrip("/") if canonical else request.host_url


class _AsGiven:
    """A redirect that sends its ``Location`` as it was given.

    WebOb makes every ``Location`` absolute with the request's ``Host``
    header, which the client chose (``evil.example``, or
    ``user@wiki.example.org``): :func:`redirect` gives a path, or a URL of
    the canonical host, which this sends unchanged.
    """

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        location = self.location  # type: ignore[attr-defined]
        body = (
            '<!DOCTYPE html>\n<title>%s</title>\n<p><a href="%s">%s</a></p>\n'
            % (self.status, html.escape(location), html.escape(location))  # type: ignore[attr-defined]
        ).encode("utf-8")
        headers = [
            (name, value)
            for name, value in self.headerlist  # type: ignore[attr-defined]
            if name.lower() not in ("content-type", "content-length")
        ]
        headers += [
            ("Content-Type", "text/html; charset=UTF-8"),
            ("Content-Length", str(len(body))),
        ]
        start_response(self.status, headers)  # type: ignore[attr-defined]
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]


_REDIRECTS = {
    code: type(status_map[code].__name__, (_AsGiven, status_map[code]), {})
    for code in _REDIRECT_CODES
}


def etag_cache(key: object = None, last_modified: datetime | None = None) -> None:
    """Tag the response with ETag ``key``; answer 304 if the browser has it.

    The response gets the strong ETag ``"key"`` and, when given,
    ``Last-Modified: last_modified`` (an aware datetime).  When a GET or
    HEAD request's ``If-None-Match`` names ``key`` (or is ``*``), or,
    without ``If-None-Match``, its ``If-Modified-Since`` is no earlier than
    ``last_modified``, the action ends here with ``304 Not Modified``: no
    body, and the headers of the response that say what the browser's copy
    is and how it may be kept (``ETag``, ``Last-Modified``,
    ``Cache-Control``, ``Vary``, ``Expires``, ``Content-Location``), so set
    ``Cache-Control`` and :func:`vary` first.  Otherwise the action goes on.
    """
    request = pylons.request._current_obj()
    response = pylons.response._current_obj()
    tag = '"%s"' % key
    response.headers["ETag"] = tag
    if last_modified is not None:
        response.headers["Last-Modified"] = _http_date(last_modified)
    if request.method in ("GET", "HEAD") and _unchanged(
        request, key, tag, last_modified
    ):
        log.debug("ETag %s matches: 304 Not Modified", tag)
        raise _NotModified(
            [
                (name, value)
                for name, value in response.headerlist
                if name.lower() in _KEPT_BY_304
            ]
        )


class _NotModified(webob.exc.HTTPNotModified):
    """WebOb's ``HTTPNotModified`` with the header list given, made as a
    plain response is: WebOb's own constructor then looks for a
    Content-Type and a Content-Length to take out, which this list never
    has, and that is half of its making."""

    def __init__(self, headerlist: list[tuple[str, str]]) -> None:
        webob.Response.__init__(
            self, status="304 Not Modified", headerlist=headerlist, app_iter=[]
        )
        Exception.__init__(self, None)
        self.detail = self.comment = None


@functools.lru_cache(maxsize=1024)
def _http_date(when: datetime) -> str:
    """``when`` as an HTTP date; a naive datetime is UTC, as for WebOb.

    Kept: a page's date is the same on each of its views, and writing it
    takes longer than the rest of the conditional check.
    """
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


#: The headers a 304 answer repeats (RFC 9110, 15.4.5), lowered.
_KEPT_BY_304 = frozenset(
    ("etag", "last-modified", "cache-control", "vary", "expires", "content-location")
)


def _unchanged(
    request: webob.Request, key: object, tag: str, last_modified: datetime | None
) -> bool:
    """Whether the browser's copy, as the request's validators say, is
    current: tagged ``key`` (``tag`` as sent), or not older than
    ``last_modified``."""
    sent = request.environ.get("HTTP_IF_NONE_MATCH")
    if sent:
        # What a browser or a cache sends back is the one tag it was
        # given, which needs no parsing; a list of tags, a weak one or
        # ``*`` does.
        return sent == tag or str(key) in request.if_none_match
    since = request.if_modified_since
    return (
        since is not None
        and last_modified is not None
        and last_modified.replace(microsecond=0) <= since
    )


def vary(*names: str) -> None:
    """Say that the response depends on the request headers ``names``.

    They join the response's ``Vary``, once each: a cache keeps a copy
    for each of their values (``vary("Cookie")``: one for each session).
    """
    headerlist = pylons.response._current_obj().headerlist
    # On the header list itself: WebOb's ``vary`` property parses the
    # header and writes it anew, 4% of a kept page view's instructions.
    present = [value for name, value in headerlist if name.lower() == "vary"]
    known = {part.strip().lower() for value in present for part in value.split(",")}
    added = []
    for name in names:
        if name.lower() not in known:
            known.add(name.lower())
            added.append(name)
    if added:
        if present:
            headerlist[:] = [item for item in headerlist if item[0].lower() != "vary"]
        headerlist.append(("Vary", ", ".join(present + added)))


def forward(wsgi_app: WSGIApplication) -> webob.Response:
    """Answer the current request with another WSGI application.

    Returns that application's :class:`Response`, which the action returns
    in turn, e.g. ``return forward(StaticURLParser(directory))``.
    """
    return pylons.request.get_response(wsgi_app)


#: The keys Beaker keeps in a session for itself, which a new session
#: gets anew rather than from the old one.
_BEAKER_KEYS = frozenset(
    ["_id", "_creation_time", "_accessed_time", "_domain", "_path"]
)


def rotate_session(clear: bool = False) -> None:
    """Give the request's Beaker session a new id and a new CSRF token.

    Call it when the user's privileges change: at login, so that an id
    someone planted or saw before (session fixation) holds nothing of the
    login, and at logout.  The old session's stored data is removed (a
    cookie session keeps none on the server), forms made for it are no
    longer accepted (:func:`pylons.secure_form.authentication_token` makes
    a new token), and the new id's cookie is sent with the response.  The
    session's other data, such as flash messages, moves to the new id,
    unless ``clear``: then the new session starts empty, as after a
    logout.
    """
    proxy = pylons.session
    session = proxy._session()  # Beaker's SessionObject creates it lazily
    kept = {
        name: value
        for name, value in session.items()
        if not clear and name not in _BEAKER_KEYS and name != token_key
    }
    old_storage = getattr(session, "namespace", None)
    if old_storage is not None:
        old_storage.remove()
    session.invalidate()
    session.update(kept)
    proxy.save()
