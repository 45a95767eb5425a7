"""A browser's part in the wiki benchmark: sessions, forms, checks.

Saving a page needs what a browser would have: the session cookie the
edit form set and the CSRF token the form carries.  :func:`open_form`
fetches a form the way a browser does and returns the cookie and the
form's fields, so a save can be posted back with the page text changed.
Every save of the benchmark sends a text of its own (:func:`save_text`),
so that every save writes to the database.  :func:`fetch` is a single
request for the sanity checks around each load.
"""

import html.parser
import http.client
import urllib.parse

import loadgen
from seed import SHOW_TITLE

#: The addresses of QuickWiki the benchmark visits.
SHOW_PATH = "/pages/show/" + SHOW_TITLE
LIST_FIRST_PATH = "/pages"
LIST_LAST_PATH = "/pages?page=last"

_SAVE_TEXT = "Saved by the benchmark (load {load}, save {number}): see the FrontPage.\n"


def save_text(load, number):
    """The text save ``number`` of the load named ``load`` sends."""
    return _SAVE_TEXT.format(load=load, number=number)


def save_text_start(load):
    """What every text of the load named ``load`` starts with."""
    return _save_text_around(load)[0]


def numbered_text(load):
    """The URL-encoded start and end of the load's save texts, between
    which a save's number goes (see ``LoadSpec.numbered_text``).
    """
    start, end = _save_text_around(load)
    return urllib.parse.quote_plus(start), urllib.parse.quote_plus(end)


def _save_text_around(load):
    """The load's save texts before and after the number."""
    return _SAVE_TEXT.format(load=load, number="\0").split("\0")


def form_prefix(fields, last):
    """A form body with ``fields`` but ``last``, ending with ``last=`` so
    that its URL-encoded value can follow.
    """
    others = {name: value for name, value in fields.items() if name != last}
    return "%s%s=" % (encode_form(others) + "&" if others else "", last)


def fetch(port, path, method="GET", body=None, cookie=None, headers=None):
    """One request to 127.0.0.1, with ``headers`` if given; ``(status,
    headers, text)``."""
    headers = dict(headers or {})
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = body.encode()
    connection = http.client.HTTPConnection(loadgen.HOST, port, timeout=30)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return (
            response.status,
            response.headers,
            response.read().decode("utf-8", "replace"),
        )
    finally:
        connection.close()


def open_form(port, path, form_action):
    """GET ``path`` in a new session; the session cookie and the fields of
    the form posting to ``form_action``, as ``(cookie, {name: value})``.
    """
    status, headers, text = fetch(port, path)
    if status != 200:
        raise RuntimeError("GET %s answered %d" % (path, status))
    cookie = cookie_header(headers.get_all("Set-Cookie") or [])
    fields = form_fields(text, form_action)
    if fields is None:
        raise RuntimeError("no form posting to %s in %s" % (form_action, path))
    return cookie, fields


def cookie_header(set_cookie_values):
    """The ``Cookie`` header a browser sends back for these ``Set-Cookie``s."""
    return "; ".join(value.split(";", 1)[0].strip() for value in set_cookie_values)


def form_fields(text, action):
    """The fields of the form in ``text`` that posts to the path ``action``,
    as a browser would submit them untouched; None when there is no such form.
    """
    parser = _FormFields(action)
    parser.feed(text)
    parser.close()
    return parser.fields if parser.found else None


def encode_form(fields):
    """A form body as a browser sends it (application/x-www-form-urlencoded)."""
    return urllib.parse.urlencode(fields)


class _FormFields(html.parser.HTMLParser):
    """The named inputs and textareas of the form whose action is given."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.found = False
        self.fields = {}
        self._inside = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = (
                urllib.parse.urlsplit(attrs.get("action") or "").path == self.action
            )
            self.found = self.found or self._inside
        elif self._inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("submit", "button", "checkbox", "radio"):
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._inside and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None


def save_failures(acknowledged, stored, connections):
    """How far the texts of a load of saves in the database are from the
    saves the wiki acknowledged.

    Each acknowledged save (answered with the expected redirect) must be a
    revision with its own text: ``stored`` are the texts of the load's
    revisions.  A save still in flight when the load generator stopped
    waiting (at most one per connection) may have been stored too.  Each
    save missing, stored twice, or stored beyond those is a failure.
    """
    twice = len(stored) - len(set(stored))
    missing = max(0, acknowledged - len(set(stored)))
    extra = max(0, len(set(stored)) - acknowledged - connections)
    return twice + missing + extra
