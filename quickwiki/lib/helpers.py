"""Helper functions for QuickWiki's templates (as ``h``) and controllers."""

from datetime import timezone
from urllib.parse import quote_plus

from mako.runtime import capture
from webhelpers2.html import literal
from webhelpers2.html.tags import (
    Option,
    Options,
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
from pylons.i18n import _, get_lang, ugettext, ungettext
from pylons.secure_form import secure_form

from quickwiki.lib.auth import account, signed_on
from quickwiki.lib.languages import CHOSEN, SOURCE_LANGUAGE
from quickwiki.lib.permissions import allowed, role_name
from quickwiki.model import ROLES

__all__ = [
    "FixedParts",
    "account",
    "allowed",
    "author",
    "checkbox",
    "file_markup",
    "file_size",
    "flash",
    "hidden",
    "language",
    "link_to",
    "literal",
    "login_url",
    "moment",
    "password",
    "radio",
    "registration",
    "role_name",
    "role_options",
    "secure_form",
    "select",
    "signed_on",
    "submit",
    "text",
    "translated",
]

#: One-time messages, such as "Saved revision 2 of FrontPage.", that the
#: page layout shows on the next page the user sees.
flash = Flash()


class FixedParts:
    """A decorator of a template's defs that show the same to every reader
    of a language: their text is translated, their URLs start where the
    wiki is mounted (``SCRIPT_NAME``), and nothing else in them changes
    from request to request.  Each is rendered once for each language and
    mount point, then written as it was: the layout's header and footer
    hold a dozen translations and URLs a page.

    A template makes its own in its module block (``<%! fixed =
    FixedParts() %>``, then ``<%def name="footer()" decorator="fixed">``),
    so that a template compiled again from a changed file starts afresh.
    """

    #: The most renderings kept: languages times mount points, a handful.
    #: Past it (``SCRIPT_NAME`` is a proxy's to say) parts are rendered
    #: each time.
    KEPT = 64

    def __init__(self):
        self._kept = {}

    def __call__(self, render):
        kept = self._kept

        def write(context):
            # The request itself, not its global: a dozen parts a page.
            environ = context["request"].environ
            key = (
                render.__name__,
                environ.get(CHOSEN) or tuple(get_lang() or ()),
                environ.get("SCRIPT_NAME", ""),
            )
            output = kept.get(key)
            if output is None:
                output = capture(context, render)
                if len(kept) < self.KEPT:
                    kept[key] = output
            context.write(output)
            return ""

        return write


def translated(message, **values):
    """``message`` in the page's language, as markup, with ``values`` in its
    ``%(name)s`` places: each escaped, unless it is markup (a link).

    For the sentences of the templates that hold links or other markup;
    the catalogues are the wiki's own, so their text is trusted.
    """
    return literal(ugettext(message)) % values


def role_options():
    """The roles, as the options of a select box: named in the page's
    language, valued as stored."""
    return Options([Option(role_name(role), role) for role in ROLES])


def file_size(size):
    """A number of bytes as people read it: 512 bytes, 12 KB, 1.5 MB."""
    if size < 1000:
        return ungettext("%(count)d byte", "%(count)d bytes", size) % {"count": size}
    if size < 1000**2:
        return _("%(count)d KB") % {"count": round(size / 1000)}
    return _("%(count).1f MB") % {"count": size / 1000**2}


def file_markup(shown):
    """What a page's text says to show file ``shown`` (an image) or to link
    to it (any other file), as :mod:`quickwiki.lib.wikitext` reads it."""
    if shown.is_image:
        # The image directive takes its address's spaces out, but escaped.
        return ".. image:: %s" % shown.name.replace(" ", "\\ ")
    return ":file:`%s`" % shown.name


def language():
    """The code of the page's language, for ``<html lang>``."""
    return (get_lang() or [SOURCE_LANGUAGE])[0]


def moment(when):
    """A revision's time as people read it, in UTC: 2026-01-31 14:05 UTC."""
    # isoformat, not strftime, which took three times as long (a history
    # shows a time a row).
    return when.astimezone(timezone.utc).isoformat(" ", "minutes")[:16] + " UTC"


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
    # The request itself, not its global, read four times.
    asked = request.environ.get("pylons.original_request") or request._current_obj()
    login = url("login")
    if asked.method != "GET":
        return login
    try:
        path = asked.path_info
    except UnicodeDecodeError:
        return login  # a path that is not UTF-8 is no page to go back to
    if path in (login, url("register")):
        return login
    # As Routes writes an argument its route does not name (urlencode's
    # quote_plus), without keeping one URL a page in the URL memo.
    return login + "?came_from=" + quote_plus(asked.path_qs)
