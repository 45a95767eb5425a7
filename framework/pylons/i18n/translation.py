"""Translating an application's messages with gettext.

Catalogues live in the application's package, as
``<package>/i18n/<lang>/LC_MESSAGES/<package>.mo``.  Each request starts
with the translator for the ``lang`` setting (none: messages pass through
untranslated); :func:`set_lang` switches the current request to other
languages and :func:`add_fallback` adds one to fall back on.
"""
import os
from gettext import NullTranslations, translation

import pylons

__all__ = [
    "LanguageError", "N_", "_", "add_fallback", "get_lang", "gettext_noop",
    "lazy_gettext", "lazy_ngettext", "lazy_ugettext", "lazy_ungettext",
    "make_translator", "ngettext", "set_lang", "ugettext", "ungettext",
]


class LanguageError(Exception):
    """No message catalogue exists for the language asked for."""


def make_translator(lang, config):
    """A gettext translator for ``lang`` (a code or a list of codes).

    With no ``lang``, a translator that returns messages unchanged.  Its
    ``pylons_lang`` attribute is the list of languages it was made for.
    """
    if not lang:
        translator = NullTranslations()
        translator.pylons_lang = []
        return translator
    languages = [lang] if isinstance(lang, str) else list(lang)
    package = config["pylons.package"]
    localedir = os.path.join(config["pylons.paths"]["root"], "i18n")
    try:
        translator = translation(package, localedir, languages=languages)
    except OSError as exc:
        raise LanguageError("No %s catalogue for %s under %s"
                            % (package, ", ".join(languages), localedir)) from exc
    translator.pylons_lang = languages
    return translator


def set_lang(lang, set_environ=True):
    """Translate the rest of this request into ``lang``.

    Raises :class:`LanguageError` when there is no catalogue for it.
    """
    translator = make_translator(lang, pylons.config._current_obj())
    environ = pylons.request.environ
    environ["paste.registry"].replace(pylons.translator, translator)
    if set_environ:
        environ["pylons.pylons"].translator = translator
    return translator


def get_lang():
    """The languages this request is being translated into."""
    return getattr(pylons.translator._current_obj(), "pylons_lang", [])


def add_fallback(lang):
    """Look messages the current languages lack up in ``lang`` too."""
    fallback = make_translator(lang, pylons.config._current_obj())
    pylons.translator._current_obj().add_fallback(fallback)


def gettext_noop(value):
    """Mark ``value`` for extraction, translating nothing (``N_``)."""
    return value


def ugettext(value):
    """``value`` translated into the request's language (``_``)."""
    return pylons.translator.gettext(value)


def ungettext(singular, plural, n):
    """The singular or plural form, as ``n`` needs, translated."""
    return pylons.translator.ngettext(singular, plural, n)


class LazyString:
    """A message translated only when it is turned into text."""

    def __init__(self, func, *args):
        self.func = func
        self.args = args

    def eval(self):
        return self.func(*self.args)

    def __str__(self):
        return str(self.eval())

    def __html__(self):
        return str(self)

    def __repr__(self):
        return "<%s %r>" % (type(self).__name__, self.args)

    def __eq__(self, other):
        return str(self) == other

    def __hash__(self):
        return hash(str(self))

    def __add__(self, other):
        return str(self) + other

    def __radd__(self, other):
        return other + str(self)

    def __mod__(self, other):
        return str(self) % other


def lazy_ugettext(value):
    """Like :func:`ugettext`, translated when used, not when called."""
    return LazyString(ugettext, value)


def lazy_ungettext(singular, plural, n):
    """Like :func:`ungettext`, translated when used, not when called."""
    return LazyString(ungettext, singular, plural, n)


_ = gettext = ugettext
N_ = gettext_noop
ngettext = ungettext
lazy_gettext = lazy_ugettext
lazy_ngettext = lazy_ungettext
