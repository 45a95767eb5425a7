"""Translating an application's messages with gettext.

Catalogues live in the application's package, as
``<package>/i18n/<lang>/LC_MESSAGES/<package>.mo``.  Each request starts
with the translator for the ``lang`` setting (none: messages pass through
untranslated); :func:`set_lang` switches the current request to other
languages and :func:`add_fallback` adds one to fall back on.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from gettext import NullTranslations, translation
from typing import Any

import pylons

__all__ = [
    "LanguageError",
    "LazyString",
    "N_",
    "_",
    "add_fallback",
    "get_lang",
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


class LanguageError(Exception):
    """No message catalogue exists for the language asked for."""


def _get_translator(
    lang: str | Sequence[str] | None,
    pylons_config: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> NullTranslations:
    """A gettext translator for ``lang`` (a code or a list of codes).

    The catalogues are those of ``pylons_config`` (a PylonsConfig; by
    default ``pylons.config``): its package's, under its root's ``i18n``
    directory.  Other keyword arguments go to :func:`gettext.translation`
    (``fallback=True``, for one).  With no ``lang``, a translator that
    returns messages unchanged.  A translator made for languages has them
    as its ``pylons_lang`` attribute.
    """
    if not lang:
        return NullTranslations()
    conf = (
        pylons_config if pylons_config is not None else (pylons.config._current_obj())
    )
    languages = [lang] if isinstance(lang, str) else list(lang)
    package = conf["pylons.package"]
    localedir = os.path.join(conf["pylons.paths"]["root"], "i18n")
    try:
        translator = translation(package, localedir, languages=languages, **kwargs)
    except OSError as exc:
        raise LanguageError(
            "No %s catalogue for %s under %s"
            % (package, ", ".join(languages), localedir)
        ) from exc
    translator.pylons_lang = languages
    return translator


def set_lang(
    lang: str | Sequence[str], set_environ: bool = True, **kwargs: Any
) -> NullTranslations:
    """Translate the rest of this request into ``lang``; the translator.

    Keyword arguments are :func:`_get_translator`'s (``pylons_config``
    among them).  With ``set_environ`` false the translator is only made
    and returned, which works outside a request too.  Raises
    :class:`LanguageError` when there is no catalogue for ``lang``.
    """
    translator = _get_translator(lang, **kwargs)
    if not set_environ:
        return translator
    environ = pylons.request.environ
    environ["pylons.pylons"].translator = translator
    if "paste.registry" in environ:
        environ["paste.registry"].replace(pylons.translator, translator)
    return translator


def get_lang() -> list[str] | None:
    """The languages this request is translated into; None if none."""
    return getattr(pylons.translator._current_obj(), "pylons_lang", None)


def add_fallback(lang: str | Sequence[str], **kwargs: Any) -> None:
    """Look messages the current languages lack up in ``lang`` too."""
    fallback = _get_translator(lang, **kwargs)
    pylons.translator._current_obj().add_fallback(fallback)


def gettext_noop(value: str) -> str:
    """Mark ``value`` for extraction, translating nothing (``N_``)."""
    return value


def ugettext(value: str) -> str:
    """``value`` translated into the request's language (``_``)."""
    return pylons.translator.gettext(value)


def ungettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form, as ``n`` needs, translated."""
    return pylons.translator.ngettext(singular, plural, n)


class LazyString:
    """A call of ``func`` made only when its result is turned into text."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs

    def eval(self) -> Any:
        """Make the call now: what it gives."""
        return self.func(*self.args, **self.kwargs)

    def __str__(self) -> str:
        return str(self.eval())

    def __html__(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return "<%s %r>" % (type(self).__name__, self.args)

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __hash__(self) -> int:
        return hash(str(self))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __mod__(self, other: Any) -> str:
        return str(self) % other


def lazify(func: Callable[..., Any]) -> Callable[..., LazyString]:
    """A lazy variant of ``func``: its calls give a :class:`LazyString`.

    The call itself is made each time the result is used as text, e.g.
    ``lazy_ugettext = lazify(ugettext)``.
    """

    @functools.wraps(func)
    def lazy(*args: Any, **kwargs: Any) -> LazyString:
        return LazyString(func, *args, **kwargs)

    lazy.__name__ = "lazy_" + func.__name__
    lazy.__qualname__ = "lazy_" + func.__qualname__
    return lazy


lazy_ugettext = lazify(ugettext)
lazy_ungettext = lazify(ungettext)
_ = gettext = ugettext
N_ = gettext_noop
ngettext = ungettext
lazy_gettext = lazy_ugettext
lazy_ngettext = lazy_ungettext
