"""Rendering templates with the request's objects in reach.

:func:`render_mako` and :func:`render_mako_def` render Mako templates from
``app_globals.mako_lookup``; :func:`render_genshi` renders Genshi ones
from ``app_globals.genshi_loader`` and :func:`render_jinja2` Jinja2 ones
from ``app_globals.jinja2_env``.  Genshi and Jinja2 are optional: install
``Pylons[genshi]`` or ``Pylons[jinja2]``.  Each template sees the names
:func:`pylons_globals` lists, plus the ``extra_vars`` given.  With any of
``cache_key``, ``cache_type`` or ``cache_expire``, :func:`cached_template`
keeps the rendered text in the request's Beaker cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from markupsafe import Markup

import pylons
from pylons.context import (
    REQUEST_OBJECTS,
    PylonsContext,
    RequestGlobal,
    current_context,
    make_object,
)

__all__ = [
    "cached_template",
    "pylons_globals",
    "render_genshi",
    "render_jinja2",
    "render_mako",
    "render_mako_def",
]

#: What a cached render gives.
T = TypeVar("T")


def pylons_globals() -> dict[str, Any]:
    """The names every template sees, bound to this request's objects.

    Those of :data:`pylons.context.REQUEST_OBJECTS` (``c``/``tmpl_context``,
    ``config``, ``app_globals``/``g``, ``h``, ``request``, ``response``,
    ``url``, ``translator``, and ``session`` and ``cache`` when they are
    set up), as the ``pylons`` globals give them, and ``ungettext``, ``_``
    and ``N_``.  Those the request has not made yet but ``c`` and ``url``
    (the request, the response, the translator, the session and the
    cache) are their ``pylons`` globals, which make them when the template
    first uses them: a template that never does costs the request nothing
    of them.  (So ``session`` and ``cache`` are names of a template even
    without their middleware, whose use then raises the ``TypeError`` of
    an object not set up.)  Once the request has its translator, ``_``
    and ``ungettext`` are the translator's own methods; else the
    :mod:`pylons.i18n` functions, which ask for the translator at each
    call.  (So a ``set_lang`` during the render changes the language of
    the next render, not of this one.)
    """
    py = current_context()
    if py is None:
        # A request pushed by hand (a test's); else the TypeError naming it.
        py = pylons.request.environ["pylons.pylons"]
    made = vars(py)
    start, required = _starting_names(type(py))
    names = dict(start)
    for name in made.keys() & _ALIASES.keys():
        value = names[name] = made[name]
        for alias in _ALIASES[name]:
            names[alias] = value
    for name in _MADE_FOR_TEMPLATES:
        if name not in made:
            value = make_object(py, name)
            if value is not None:  # else an application's make_<name> gave none
                names[name] = value
                for alias in _ALIASES[name]:
                    names[alias] = value
    for name in required:
        if name not in made:
            getattr(py, name)  # the AttributeError of a context without it
    for name, proxy in _GLOBALS:
        if proxy.____local__.objects:
            # What the global gives, an object pushed on it in this thread
            # (set_lang replaces the translator so).
            value = names[name] = proxy._current_obj()
            for alias in _ALIASES[name]:
                names[alias] = value
    translator = names.get("translator")
    if translator is not None and type(translator) is not RequestGlobal:
        # Made already (by set_lang, or an earlier use): its own methods,
        # one call each rather than three, for a page translates dozens.
        names["_"] = translator.gettext
        names["ungettext"] = translator.ngettext
    return names


#: Each request object's other names (``c``, ``g``), by its name.
_ALIASES = {obj.name: obj.aliases for obj in REQUEST_OBJECTS}
#: The request's objects a template is given made, when it has not been.
_MADE_FOR_TEMPLATES = tuple(
    obj.name for obj in REQUEST_OBJECTS if obj.per_request and not obj.lazy_in_templates
)
#: Each request object with a ``pylons`` global, and that global.
_GLOBALS = tuple(
    (obj.name, getattr(pylons, obj.name)) for obj in REQUEST_OBJECTS if obj.is_global
)


def _starting_names(
    context_class: type[PylonsContext],
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """What a template of a context of this class sees before the request's
    own objects: the translation functions, the application's objects (its
    class's) and the ``pylons`` globals of the lazy request objects; and the
    names of the application's objects the class lacks, which a context
    made by hand must hold itself.  Kept on the class.
    """
    kept = context_class.__dict__.get("_template_start")
    if kept is not None:
        return kept
    from pylons.i18n import N_, _, ungettext

    names: dict[str, Any] = {"ungettext": ungettext, "_": _, "N_": N_}
    required = []
    for obj in REQUEST_OBJECTS:
        if obj.per_request:
            if not obj.lazy_in_templates:
                continue
            value = getattr(pylons, obj.name)
        else:
            value = getattr(context_class, obj.name, _NONE)
            if value is _NONE:
                required.append(obj.name)
                continue
        names[obj.name] = value
        for alias in obj.aliases:
            names[alias] = value
    kept = (names, tuple(required))
    context_class._template_start = kept  # type: ignore[attr-defined]
    return kept


#: What a class has for an object it does not hold.
_NONE = object()


def cached_template(
    template_name: str,
    render_func: Callable[[], T],
    ns_options: Sequence[str] = (),
    cache_key: str | None = None,
    cache_type: str | None = None,
    cache_expire: int | str | None = None,
    **kwargs: Any,
) -> T:
    """Call ``render_func``, caching its result when caching is asked for.

    Without ``cache_key``, ``cache_type`` or ``cache_expire`` it simply
    renders.  Otherwise the text is kept in the Beaker cache namespace of
    ``template_name`` (plus the ``ns_options`` keyword arguments' values,
    as with ``render_mako_def``), under ``cache_key``, for ``cache_expire``
    seconds (``'never'`` to keep it) in a cache of ``cache_type``.
    """
    if cache_key is None and cache_type is None and cache_expire is None:
        return render_func()
    namespace = template_name
    for name in ns_options:
        namespace += "_%s_%s" % (name, kwargs.get(name))
    options = {}
    if cache_type is not None:
        options["type"] = cache_type
    if cache_expire == "never":
        cache_expire = None
    cache = pylons.cache.get_cache(namespace, **options)
    return cache.get_value(
        cache_key or "default", createfunc=render_func, expiretime=cache_expire
    )


def render_mako(
    template_name: str,
    extra_vars: dict[str, Any] | None = None,
    cache_key: str | None = None,
    cache_type: str | None = None,
    cache_expire: int | str | None = None,
) -> Markup:
    """Render the Mako template ``template_name`` to markup-safe text."""

    def render_template() -> Markup:
        template = pylons.app_globals.mako_lookup.get_template(template_name)
        return Markup(template.render_unicode(**_namespace(extra_vars)))

    return cached_template(
        template_name,
        render_template,
        cache_key=cache_key,
        cache_type=cache_type,
        cache_expire=cache_expire,
    )


def render_mako_def(
    template_name: str,
    def_name: str,
    cache_key: str | None = None,
    cache_type: str | None = None,
    cache_expire: int | str | None = None,
    **kwargs: Any,
) -> Markup:
    """Render one ``<%def>`` of a Mako template, with ``kwargs`` as its arguments."""

    def render_template() -> Markup:
        template = pylons.app_globals.mako_lookup.get_template(template_name)
        namespace = _namespace(kwargs)
        return Markup(template.get_def(def_name).render_unicode(**namespace))

    return cached_template(
        template_name,
        render_template,
        cache_key=cache_key,
        cache_type=cache_type,
        cache_expire=cache_expire,
        ns_options=("def_name",),
        def_name=def_name,
    )


def render_genshi(
    template_name: str,
    extra_vars: dict[str, Any] | None = None,
    cache_key: str | None = None,
    cache_type: str | None = None,
    cache_expire: int | str | None = None,
    method: str = "xhtml",
) -> Markup:
    """Render the Genshi template ``template_name`` from ``app_globals.genshi_loader``.

    ``method`` is Genshi's serialisation method (``xhtml``, ``html``,
    ``xml`` or ``text``); entries of the template cache are kept apart by it.
    """

    def render_template() -> Markup:
        template = pylons.app_globals.genshi_loader.load(template_name)
        stream = template.generate(**_namespace(extra_vars))
        return Markup(stream.render(method=method, encoding=None))

    return cached_template(
        template_name,
        render_template,
        cache_key=cache_key,
        cache_type=cache_type,
        cache_expire=cache_expire,
        ns_options=("method",),
        method=method,
    )


def render_jinja2(
    template_name: str,
    extra_vars: dict[str, Any] | None = None,
    cache_key: str | None = None,
    cache_type: str | None = None,
    cache_expire: int | str | None = None,
) -> Markup:
    """Render the Jinja2 template ``template_name`` from ``app_globals.jinja2_env``."""

    def render_template() -> Markup:
        template = pylons.app_globals.jinja2_env.get_template(template_name)
        return Markup(template.render(**_namespace(extra_vars)))

    return cached_template(
        template_name,
        render_template,
        cache_key=cache_key,
        cache_type=cache_type,
        cache_expire=cache_expire,
    )


def _namespace(extra_vars: dict[str, Any] | None) -> dict[str, Any]:
    namespace = dict(extra_vars or {})
    namespace.update(pylons_globals())
    return namespace
