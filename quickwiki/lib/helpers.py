"""Helper functions for QuickWiki's templates (as ``h``) and controllers."""
from webhelpers2.html import literal
from webhelpers2.html.tags import checkbox, link_to, submit

from pylons.flash import Flash
from pylons.secure_form import secure_form

__all__ = ["checkbox", "flash", "link_to", "literal", "secure_form", "submit"]

#: One-time messages, such as "Successfully saved FrontPage!", that the
#: page layout shows on the next page the user sees.
flash = Flash()
