"""The objects Pylons sets up for each request, and the globals that reach them.

:data:`REQUEST_OBJECTS` is the one list of them: ``config``, ``request``,
``response``, ``tmpl_context`` (``c``), ``app_globals`` (``g``), ``h``,
``translator``, ``url``, ``session`` and ``cache``, with the names each has
in templates, ``paster shell``, WebTest's responses and the :mod:`pylons`
module.  :class:`pylons.wsgiapp.PylonsApp` makes them (one ``make_<name>``
method each) into a :class:`PylonsContext`, those of the request when
they are first used, and everything else that hands them out reads this
table.

For each request the :class:`PylonsContext` is registered once, on
:data:`context`: one ``paste.registry`` entry for all of them.  The
``pylons.*`` globals are :class:`RequestGlobal` proxies that read their
attribute of it, so ``pylons.request`` is this thread's request.  They
keep the rest of the :class:`~paste.registry.StackedObjectProxy` API: an
object pushed on a global itself (``_push_object``,
``registry.register`` or ``registry.replace``) stands in for it outside
a request, and within the request during which it was pushed.
"""

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from paste.registry import StackedObjectProxy, restorer

__all__ = [
    "REQUEST_OBJECTS",
    "PylonsContext",
    "RequestGlobal",
    "RequestObject",
    "context",
    "current_context",
    "make_object",
    "request_names",
    "request_objects",
]


class RequestObject(NamedTuple):
    """One of the objects :class:`~pylons.wsgiapp.PylonsApp` sets up."""

    #: Its attribute of :class:`PylonsContext`, and its name in templates,
    #: ``paster shell`` and (when :attr:`is_global`) the :mod:`pylons` module.
    name: str
    #: Other names it has in all those places.
    aliases: tuple[str, ...] = ()
    #: Whether ``pylons.<name>`` is a global standing for it.
    is_global: bool = True
    #: Its names on WebTest's response (``response.c``, ``response.req``).
    test_names: tuple[str, ...] = ()
    #: Whether ``PylonsApp.make_<name>(environ)`` makes one for each
    #: request, when it is first used; otherwise ``PylonsApp.make_<name>()``
    #: gives the one object of the application, once.  A per-request maker
    #: returning None leaves the object out (no session without
    #: SessionMiddleware).
    per_request: bool = True
    #: Whether a template of a request that has not made it yet is given
    #: its ``pylons`` global instead, which makes it when the template
    #: first uses it; otherwise it is made for the template.  So for all
    #: but those templates nearly always use (``c``, ``url``): a request
    #: would make them for nothing.
    lazy_in_templates: bool = True


#: The request's objects, in the order PylonsApp makes them.
REQUEST_OBJECTS = (
    RequestObject("config", test_names=("config",), per_request=False),
    RequestObject(
        "app_globals", ("g",), test_names=("app_globals", "g"), per_request=False
    ),
    RequestObject("h", is_global=False, test_names=("h",), per_request=False),
    RequestObject("request", test_names=("req",)),
    RequestObject("response", test_names=("response",)),
    RequestObject(
        "tmpl_context",
        ("c",),
        test_names=("tmpl_context", "c"),
        lazy_in_templates=False,
    ),
    RequestObject("translator"),
    RequestObject("url", lazy_in_templates=False),
    RequestObject("session", test_names=("session",)),
    RequestObject("cache", test_names=("cache",)),
)

_GLOBAL_NAMES = frozenset(obj.name for obj in REQUEST_OBJECTS if obj.is_global)


class PylonsContext:
    """Everything Pylons set up for one request, in one place.

    Kept in ``environ['pylons.pylons']`` and on controllers as
    ``self._py_object``, so code can reach the request's objects without
    the thread-local globals.  Its attributes are those of
    :data:`REQUEST_OBJECTS`: ``config``, ``app_globals``, ``h``,
    ``request``, ``response``, ``tmpl_context``, ``translator``, ``url``
    and, when their middleware ran, ``session`` and ``cache``.  Those of
    the request are made when first read (a request that never reads its
    translator makes none), or may be set.  PylonsApp makes its requests'
    contexts of a subclass of its own, which holds the application's
    objects and the makers of the request's as class attributes.
    """

    #: The environ of the request, which the makers are given.
    _environ: dict[str, Any]
    #: The makers of the request's objects, by name: none in a context
    #: made by hand; those of PylonsApp in the subclass it makes.
    _makers: dict[str, Any] = {}
    #: How PylonsApp answers an action's text without a response, when it can.
    _text_answer: Any = None

    def __getattr__(self, name: str) -> Any:
        """Make the request's object ``name`` on its first use."""
        made = make_object(self, name)
        if made is None:
            raise AttributeError("%s has no %s" % (type(self).__name__, name))
        return made


def make_object(py: PylonsContext, name: str, *args: Any) -> Any:
    """Make ``py``'s per-request object ``name`` now, and keep it there.

    ``args`` go to its maker after the environ (``PylonsApp.make_response``
    takes a body); without them, those left for it in the context's
    ``_later`` (by :meth:`PylonsApp.text_answer`, the body of a response
    not made yet), if any.  None when ``py`` has no maker of it, or the
    maker gives none.
    """
    maker = py._makers.get(name)
    if maker is None:
        return None
    held = vars(py)
    if not args and "_later" in held:
        args = held["_later"].pop(name, ())
    made = maker(held["_environ"], *args)
    if made is not None:
        held[name] = made
    return made


#: What getattr gives for an object a context does not have.
_NONE = object()


def request_objects(py: PylonsContext) -> Iterator[tuple[RequestObject, Any]]:
    """Each entry of :data:`REQUEST_OBJECTS` that ``py`` has, with its object.

    Objects not made yet are made.
    """
    for obj in REQUEST_OBJECTS:
        value = getattr(py, obj.name, _NONE)
        if value is not _NONE:
            yield obj, value


def request_names(
    py: PylonsContext,
    value_of: Callable[[RequestObject, Any], Any] | None = None,
) -> dict[str, Any]:
    """The objects ``py`` has by their names and aliases (``c``, ``g``).

    ``value_of(entry, held)``, when given, says what to give instead of
    what ``py`` has.
    """
    names = {}
    for obj, value in request_objects(py):
        if value_of is not None:
            value = value_of(obj, value)
        names[obj.name] = value
        for alias in obj.aliases:
            names[alias] = value
    return names


class _Stacks(threading.local):
    """A proxy's per-thread stacks, empty until something is pushed.

    Paste's proxies keep them on a bare ``threading.local``, where asking
    for a stack a thread has not made raises (and catches) an
    AttributeError: about a microsecond on each of the globals' many uses
    in a request.  The empty class defaults answer instead.
    """

    objects: Any = ()
    depths: Any = ()


class _ContextProxy(StackedObjectProxy):
    """The proxy of :data:`context`, its stack defaulting to empty."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.__dict__["____local__"] = _Stacks()


#: The proxy each request's PylonsContext is registered on: the one
#: ``paste.registry`` entry behind every ``pylons.*`` global.
context = _ContextProxy(name="pylons.pylons")
_contexts = context.____local__


def _depth() -> int:
    """How many request contexts this thread has open."""
    return len(_contexts.objects)


def _restored_context() -> PylonsContext | None:
    """The context Paste's restorer brings back to this thread, if it does.

    ``paste.registry.restorer`` (``/_test_vars`` in a test) swaps in its
    own ``_current_obj`` on :data:`context` once it saved a request.
    """
    if "_current_obj_orig" in vars(context) and restorer.in_restoration():
        try:
            return context._current_obj()
        except TypeError:
            return None
    return None


def current_context() -> PylonsContext | None:
    """This thread's request's :class:`PylonsContext`; None outside a request."""
    contexts = _contexts.objects
    if contexts:
        return contexts[-1]
    return _restored_context()


def _forwarded(proxy: "RequestGlobal", attr: str) -> Any:
    """Attribute ``attr`` of the object the global ``proxy`` stands for now."""
    contexts = _contexts.objects
    if contexts and not proxy.____local__.objects:
        # What nearly every use is, in one step rather than two: the
        # request's own object, nothing pushed on the global.
        obj = getattr(contexts[-1], proxy.____name__, _NONE)
        if obj is not _NONE:
            return getattr(obj, attr)
    return getattr(proxy._current_obj(), attr)


#: Whether the globals' class keeps the names it is asked for.  Before
#: Python 3.12, a name a class does not have makes an AttributeError, and
#: its message, before ``__getattr__`` is asked: more than half of each
#: use of a global, dozens of times a request.  From 3.12 that miss costs
#: nothing, and a descriptor a little more than ``__getattr__``.
_KEEP_NAMES = sys.version_info < (3, 12)


class _Forwarded:
    """A public name of the request's objects, kept on the globals' class
    once a global was asked for it, which a global then forwards to its
    object without missing it first."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, proxy: Any, owner: type | None = None) -> Any:
        """The name of the global's object (the descriptor, on the class)."""
        return self if proxy is None else _forwarded(proxy, self.name)


def _keep_name(cls: type, attr: str) -> None:
    """Keep ``attr`` on ``cls`` as a :class:`_Forwarded`, unless ``cls``, a
    class below it, or a class either inherits from has that name."""
    classes = [cls]
    for below in classes:
        classes += below.__subclasses__()
    if not any(attr in vars(owner) for below in classes for owner in below.__mro__):
        setattr(cls, attr, _Forwarded(attr))


class RequestGlobal(StackedObjectProxy):
    """A ``pylons.*`` global: the current request's object of its name.

    It reads its attribute of the :class:`PylonsContext` registered on
    :data:`context` for this thread's request.  An object pushed on the
    global itself comes first if it was pushed during that request, and
    stands in outside a request.  With neither, using the global raises a
    ``TypeError`` that names it.
    """

    def __init__(self, name: str) -> None:
        if name not in _GLOBAL_NAMES:
            raise ValueError(
                "%r is not a request object of the pylons "
                "module (see REQUEST_OBJECTS)" % name
            )
        super().__init__(name=name)
        self.__dict__["____local__"] = _Stacks()

    if _KEEP_NAMES:

        def __getattr__(self, attr: str) -> Any:
            """Attribute ``attr`` of the object the global stands for now."""
            cls = type(self)
            # Asked again for a kept name only when its object lacks it.
            if attr[:1] != "_" and attr not in cls.__dict__:
                _keep_name(cls, attr)
            return _forwarded(self, attr)

    else:
        __getattr__ = _forwarded

    def _current_obj(self) -> Any:
        """The object this global stands for in this thread, now."""
        local = self.____local__
        pushed = local.objects
        contexts = _contexts.objects
        if contexts:
            # A push made during this request (at this depth) beats it.
            if not pushed or local.depths[-1] < len(contexts):
                try:
                    return getattr(contexts[-1], self.____name__)
                except AttributeError:
                    pass
        else:
            restored = _restored_context()
            if restored is not None and hasattr(restored, self.____name__):
                return getattr(restored, self.____name__)
        if pushed:
            return pushed[-1]
        return self._no_object()

    def _no_object(self) -> Any:
        """What the global gives with nothing registered: a clear error."""
        name = self.____name__
        raise TypeError(
            "No object (name: %s) has been registered for this thread: "
            "pylons.%s is set up by PylonsApp for each request it serves "
            "(under paste.registry's RegistryManager), and only while it "
            "does.  Code that runs outside a request, such as a test or a "
            "script, can push one first: pylons.%s._push_object(obj)"
            % (name, name, name)
        )

    def _push_object(self, obj: Any) -> None:
        """Make ``obj`` what the global gives in this thread, until popped."""
        local = self.____local__
        try:
            local.objects.append(obj)
            local.depths.append(_depth())
        except AttributeError:
            local.objects = [obj]
            local.depths = [_depth()]

    def _pop_object(self, obj: Any = None) -> None:
        """Remove the last object pushed (checked to be ``obj`` if given)."""
        local = self.____local__
        try:
            popped = local.objects.pop()
            local.depths.pop()
        except (AttributeError, IndexError):
            raise AssertionError(
                "No object has been registered for this thread"
            ) from None
        if obj is not None and popped is not obj:
            raise AssertionError(
                "The object popped (%s) is not the same as "
                "the object expected (%s)" % (popped, obj)
            )

    def _object_stack(self) -> list[Any]:
        """The objects the global has given in this thread, oldest first.

        Pushed objects and those of the open requests' contexts, in the
        order they came.
        """
        local = self.____local__
        pushed = list(zip(local.depths, local.objects, strict=True))
        stack = []
        for depth, py in enumerate(_contexts.objects):
            stack += [obj for pushed_at, obj in pushed if pushed_at == depth]
            if hasattr(py, self.____name__):
                stack.append(getattr(py, self.____name__))
        stack += [obj for pushed_at, obj in pushed if pushed_at >= _depth()]
        return stack
