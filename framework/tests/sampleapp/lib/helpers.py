"""Helpers available to the sample application's templates as ``h``."""

from webhelpers2.html import literal  # noqa: F401

from pylons.flash import Flash
from pylons.secure_form import secure_form  # noqa: F401

flash = Flash()
