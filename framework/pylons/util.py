"""Small objects every layer of Pylons shares.

The template context classes (:class:`ContextObj`,
:class:`AttribSafeContextObj`), the per-request :class:`PylonsContext`,
the controller naming rule, :func:`call_wsgi_application` and
:func:`resolve_dotted`.

As in Pylons 1.0, :class:`PylonsInstaller` (the ``paste.app_install``
entry point of ``paster setup-app`` and ``paster make-config``) and the
``paster create`` templates :class:`PylonsTemplate` and
:class:`MinimalPylonsTemplate` can be imported from here too.  They live
in :mod:`pylons.scaffolding`, which is imported when one of them is first
asked for: a running application never loads PasteScript's template
machinery.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

from webob import Request

from pylons.context import PylonsContext

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication, WSGIEnvironment

__all__ = [
    "AttribSafeContextObj",
    "ContextObj",
    # These three come from pylons.scaffolding, through __getattr__ below.
    "MinimalPylonsTemplate",  # noqa: F822
    "PylonsContext",
    "PylonsInstaller",  # noqa: F822
    "PylonsTemplate",  # noqa: F822
    "call_wsgi_application",
    "class_name_from_module_name",
    "resolve_dotted",
]

#: The names this module gives from :mod:`pylons.scaffolding`, on first use.
_SCAFFOLDING = frozenset(
    (
        "MinimalPylonsTemplate",
        "PylonsInstaller",
        "PylonsTemplate",
        "TEMPLATES_DIR",
        "TEMPLATE_ENGINES",
    )
)


def __getattr__(name: str) -> Any:
    """Import :mod:`pylons.scaffolding` for the scaffolding names only."""
    if name in _SCAFFOLDING:
        return getattr(importlib.import_module("pylons.scaffolding"), name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


class ContextObj:
    """The template context (``c``): a bare object to hang values on."""

    def __repr__(self) -> str:
        attrs = ", ".join("%s=%r" % item for item in sorted(vars(self).items()))
        return "<%s %s>" % (type(self).__name__, attrs)


class AttribSafeContextObj(ContextObj):
    """A template context whose missing attributes read as ``''``.

    Used when ``pylons.strict_tmpl_context`` is off, so templates may test
    values that no controller set.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return ""


def class_name_from_module_name(module_name: str) -> str:
    """Turn a module name into the class name it conventionally holds.

    Each part between underscores (dashes count as underscores) is
    title-cased, as Pylons 1.0 did: ``'wiki_pages'`` gives
    ``'WikiPages'``, ``'i18nc'`` gives ``'I18Nc'`` (a letter after a digit
    starts a word for ``str.title``).
    """
    words = module_name.replace("-", "_").split("_")
    return "".join(word.title() for word in words)


def call_wsgi_application(
    application: WSGIApplication,
    environ: WSGIEnvironment,
    catch_exc_info: bool = False,
) -> tuple[Any, ...]:
    """Call a WSGI application: ``(status, headers, app_iter)``.

    With ``catch_exc_info`` a fourth item is the ``exc_info`` the
    application passed to ``start_response`` (None if none); without it
    such an error is raised.  Close ``app_iter`` when done with it.
    """
    return Request(environ).call_application(application, catch_exc_info)


def resolve_dotted(name: str) -> Any:
    """The object a dotted name names: ``'package.module:attr.attr'``.

    The ``package.module.attr`` form, without a colon, is accepted too.
    """
    return pkgutil.resolve_name(name)
