"""Internationalisation: gettext catalogues and the current language."""

from pylons.i18n.translation import (
    N_,
    LanguageError,
    _,
    add_fallback,
    get_lang,
    gettext,
    gettext_noop,
    lazify,
    lazy_gettext,
    lazy_ngettext,
    lazy_ugettext,
    lazy_ungettext,
    ngettext,
    set_lang,
    ugettext,
    ungettext,
)

__all__ = [
    "LanguageError",
    "N_",
    "_",
    "add_fallback",
    "get_lang",
    "gettext",
    "gettext_noop",
    "lazify",
    "lazy_gettext",
    "lazy_ngettext",
    "lazy_ugettext",
    "lazy_ungettext",
    "ngettext",
    "set_lang",
    "ugettext",
    "ungettext",
]
