"""Helper functions for QuickWiki's templates (as ``h``) and controllers."""

from datetime import timezone

from webhelpers2.html import literal
from webhelpers2.html.tags import (
    checkbox,
    hidden,
    link_to,
    password,
    radio,
    select,
    submit,
    text,
)

from pylons import app_globals, request, url
from pylons.flash import Flash
from pylons.secure_form import secure_form

from quickwiki.lib.auth import account, signed_on
from quickwiki.lib.permissions import allowed

__all__ = [
    "account",
    "allowed",
    "author",
    "checkbox",
    "flash",
    "hidden",
    "link_to",
    "literal",
    "login_url",
    "moment",
    "password",
    "radio",
    "registration",
    "secure_form",
    "select",
    "signed_on",
    "submit",
    "text",
]

#: One-time messages, such as "Saved revision 2 of FrontPage.", that the
#: page layout shows on the next page the user sees.
flash = Flash()


def moment(when):
    """A revision's time as people read it, in UTC: 2026-01-31 14:05 UTC."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def author(revision):
    """Who made ``revision``: the account's name, a link to its
    contributions for an admin; or anonymous, with the address if kept."""
    if revision.account is not None:
        if allowed("manage_accounts"):
            return link_to(
                revision.author,
                url("contributions", name=revision.author),
                class_="account-link",
            )
        return revision.author
    if revision.address:
        return "%s (%s)" % (revision.author, revision.address)
    return revision.author


def registration():
    """Whether anyone may make themselves an account here."""
    return app_globals.registration


def login_url():
    """The login form's address, leading back to the page asked for when
    it was got with GET (an error document's original page)."""
    asked = request.environ.get("pylons.original_request", request)
    try:
        path = asked.path_info
    except UnicodeDecodeError:
        return url("login")  # a path that is not UTF-8 is no page to go back to
    if asked.method != "GET" or path in (url("login"), url("register")):
        return url("login")
    return url("login", came_from=asked.path_qs)
