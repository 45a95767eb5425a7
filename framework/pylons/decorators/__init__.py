"""Decorators for controller actions: JSON output and form validation.

:func:`jsonify` sends an action's return value as JSON; :func:`validate`
checks the submitted form with FormEncode and, when it is invalid, shows
the form again with the errors filled in by htmlfill.  Its default state,
:class:`PylonsFormEncodeState`, translates FormEncode's messages with the
application's catalogues first.  Security and HTTP method decorators are
in :mod:`pylons.decorators.secure` and :mod:`pylons.decorators.rest`,
caching in :mod:`pylons.decorators.cache`.
"""

from __future__ import annotations

import functools
import json
import logging
import warnings
from collections.abc import Callable
from typing import Any, cast

import formencode
from formencode import htmlfill, variabledecode

import pylons
from pylons.decorators.util import F, get_pylons
from pylons.secure_form import token_key

__all__ = [
    "PylonsFormEncodeState",
    "jsonify",
    "pylons_formencode_gettext",
    "validate",
]

log = logging.getLogger(__name__)

#: Pylons 1.0's warning about a JSON array at the top level, word for word.
JSON_ARRAY_WARNING = (
    "JSON responses with Array envelopes are susceptible to cross-site "
    "data leak attacks, see http://wiki.pylonshq.com/display/pylonsfaq/Warnings"
)


def jsonify(func: Callable[..., Any]) -> Callable[..., str]:
    """Send what the action returns as a JSON document.

    The response's content type is set to ``application/json`` before the
    action runs, so the action may choose another.  A list or tuple at the
    top level gives Pylons 1.0's warning (a ``Warning``, also logged), and
    is then refused with a ``ValueError``: a JSON array is itself a valid
    script, which other sites could include to read the data across
    origins.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        response = get_pylons(args).response
        response.content_type = "application/json"
        response.charset = "utf-8"
        data = func(*args, **kwargs)
        if isinstance(data, (list, tuple)):
            warnings.warn(JSON_ARRAY_WARNING, Warning, 2)
            log.warning(JSON_ARRAY_WARNING)
            raise ValueError(
                "%s returned a JSON array, which is not sent: "
                "wrap it in an object" % func.__name__
            )
        return json.dumps(data)

    return wrapper


def pylons_formencode_gettext(value: str) -> str:
    """``value`` translated by the application, else by FormEncode.

    The application's catalogues (``pylons.translator``) come first, so
    an application may reword FormEncode's messages; a message they leave
    as it is gets FormEncode's own translation.
    """
    translated = pylons.translator.gettext(value)
    if translated == value:
        translated = formencode.api._stdtrans(value)
    return translated


class PylonsFormEncodeState:
    """The default FormEncode ``state`` of :func:`validate`.

    FormEncode translates its messages with the state's ``_``; this one is
    :func:`pylons_formencode_gettext`.
    """

    _ = staticmethod(pylons_formencode_gettext)


def validate(
    schema: Any = None,
    validators: dict[str, Any] | None = None,
    form: str | None = None,
    variable_decode: bool = False,
    dict_char: str = ".",
    list_char: str = "-",
    post_only: bool = True,
    state: Any = None,
    on_get: bool = False,
    **htmlfill_kwargs: Any,
) -> Callable[[F], F]:
    """Check the request's form with FormEncode before the action runs.

    ``schema`` is a :class:`formencode.Schema`; ``validators`` maps field
    names to validators.  Valid input is converted and stored as
    ``self.form_result``.  Invalid input leaves its messages in
    ``self.form_errors`` (and ``c.form_errors``); then the ``form`` action
    is rendered as the answer, as a GET, and its HTML is filled by htmlfill
    with the submitted values and the errors (``htmlfill_kwargs`` go to
    :func:`formencode.htmlfill.render`).  Without ``form`` the action runs
    and may read the errors.

    Only POST data is checked unless ``post_only`` is false; GET requests
    are not checked at all unless ``on_get`` is true.
    ``variable_decode`` turns ``a.b-0``-style names into nested data.
    ``state`` is FormEncode's state, :class:`PylonsFormEncodeState` unless
    given.
    """
    if state is None:
        state = PylonsFormEncodeState

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            request = self._py_object.request
            if request.method == "GET" and not on_get:
                return func(self, *args, **kwargs)
            params = (request.POST if post_only else request.params).mixed()
            decoded = params
            if variable_decode:
                decoded = variabledecode.variable_decode(params, dict_char, list_char)
            self.form_result, errors = _check(
                schema,
                validators,
                decoded,
                state,
                variable_decode,
                dict_char,
                list_char,
            )
            self.form_errors = errors
            if not errors:
                return func(self, *args, **kwargs)
            self._py_object.tmpl_context.form_errors = errors
            log.debug("Form errors for %s: %r", func.__name__, errors)
            if form is None:
                return func(self, *args, **kwargs)
            return _refill(self, form, params, errors, htmlfill_kwargs)

        return cast(F, wrapper)

    return decorator


def _check(
    schema: Any,
    validators: dict[str, Any] | None,
    decoded: dict[str, Any],
    state: Any,
    variable_decode: bool,
    dict_char: str,
    list_char: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run the schema and the validators: (converted values, errors)."""
    result: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    if schema is not None:
        try:
            result = schema.to_python(decoded, state)
        except formencode.Invalid as invalid:
            errors = invalid.unpack_errors(variable_decode, dict_char, list_char)
    for field, validator in (validators or {}).items():
        try:
            result[field] = validator.to_python(decoded.get(field), state)
        except formencode.Invalid as invalid:
            errors[field] = invalid.unpack_errors()
    return result, errors


def _refill(
    controller: Any,
    form: str,
    params: dict[str, Any],
    errors: dict[str, Any],
    htmlfill_kwargs: dict[str, Any],
) -> Any:
    """Render the ``form`` action as a GET and fill in values and errors."""
    environ = controller._py_object.request.environ
    environ["REQUEST_METHOD"] = "GET"
    environ["pylons.routes_dict"]["action"] = form
    page = controller.dispatch_call()
    if page is None:
        page = controller._py_object.response.text
    elif not isinstance(page, str):
        return page
    defaults = params
    # No session middleware, no session, and so no token to keep.
    session = getattr(controller._py_object, "session", None)
    token = session.get(token_key) if session is not None else None
    if token is not None and token_key not in params:
        # @authenticate_form took the form's CSRF token out of the params
        # before the check ran; without it htmlfill would empty the
        # form's token field, and the corrected form would be refused.
        defaults = {**params, token_key: token}
    return htmlfill.render(page, defaults=defaults, errors=errors, **htmlfill_kwargs)
