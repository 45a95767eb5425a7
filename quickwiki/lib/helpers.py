"""Helper functions for QuickWiki's templates (as ``h``) and controllers."""

from datetime import timezone

from webhelpers2.html import literal
from webhelpers2.html.tags import checkbox, hidden, link_to, radio, submit, text

from pylons.flash import Flash
from pylons.secure_form import secure_form

__all__ = [
    "checkbox",
    "flash",
    "hidden",
    "link_to",
    "literal",
    "moment",
    "radio",
    "secure_form",
    "submit",
    "text",
]

#: One-time messages, such as "Saved revision 2 of FrontPage.", that the
#: page layout shows on the next page the user sees.
flash = Flash()


def moment(when):
    """A revision's time as people read it, in UTC: 2026-01-31 14:05 UTC."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
