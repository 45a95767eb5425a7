"""Forms that carry a token against cross-site request forgery.

The token is a random value kept in the user's session.
:func:`secure_form` writes a form start tag with the token in a hidden
field; :func:`pylons.decorators.secure.authenticate_form` refuses a
submission whose token is missing or wrong.
"""

from __future__ import annotations

import secrets
from typing import Any

from markupsafe import Markup
from webhelpers2.html import literal
from webhelpers2.html.tags import form

import pylons

__all__ = [
    "auth_token_hidden_field",
    "authentication_token",
    "secure_form",
    "token_key",
]

#: The form field (and session key) that holds the token.
token_key = "_authentication_token"


def authentication_token() -> str:
    """This session's token, made and saved on first use."""
    session = pylons.session
    token = session.get(token_key)
    if token is None:
        token = session[token_key] = secrets.token_urlsafe(32)
        session.save()
    return token


def auth_token_hidden_field() -> Markup:
    """A hidden input holding the token, inside a hidden ``div`` (for strict
    HTML); hidden by attribute, as a Content-Security-Policy blocks inline
    styles."""
    # Written out, not built with HTML.div and HTML.input: every form of
    # every page with one pays for each attribute WebHelpers2 formats.
    return Markup(
        '<div hidden="hidden"><input name="%s" type="hidden" value="%s" /></div>'
    ) % (token_key, authentication_token())


def secure_form(
    url: str, method: str = "POST", multipart: bool = False, **attrs: Any
) -> Markup:
    """A ``<form>`` start tag followed by the hidden token field.

    Arguments are those of :func:`webhelpers2.html.tags.form`.
    """
    start = form(url, method=method, multipart=multipart, **attrs)
    return literal(start + auth_token_hidden_field())
