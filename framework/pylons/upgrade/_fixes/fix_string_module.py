"""The string module's Python 2 constants and functions become str's."""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import Name, String

from pylons.upgrade._fixes import (
    PylonsFix,
    call,
    call_arguments,
    is_keyword,
    method_call,
    shadowed,
)

#: string.X constants that Python 3 names otherwise.
CONSTANTS = {
    "letters": "ascii_letters",
    "lowercase": "ascii_lowercase",
    "uppercase": "ascii_uppercase",
}
#: string.f(s, ...) functions that are str methods: s.f(...).
METHODS = frozenset(
    "capitalize center count expandtabs find index ljust lower lstrip replace "
    "rfind rindex rjust rstrip split splitfields strip swapcase translate "
    "upper zfill".split()
)
#: string.f(s) functions that are builtins of another name.
CONVERSIONS = {"atoi": "int", "atol": "int", "atof": "float"}
_NAMES = " | ".join(
    "'%s'" % name
    for name in sorted(
        {*CONSTANTS, *METHODS, *CONVERSIONS, "join", "joinfields", "maketrans"}
    )
)


class FixStringModule(PylonsFix):
    """``string.letters`` is ``ascii_letters``; ``string.lower(s)`` is ``s.lower()``."""

    PATTERN = """
        power< module='string' trailer< '.' name=(%s) >
               call=trailer< '(' [any] ')' > tail=any* >
        | power< module='string' trailer< '.' name=(%s) > tail=any* >
    """ % (_NAMES, _NAMES)

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        if shadowed(node, "string"):
            return None
        name = results["name"][0]
        if name.value in CONSTANTS:
            name.replace(Name(CONSTANTS[name.value], prefix=name.prefix))
            return None
        if name.value == "maketrans":
            module = results["module"]
            module.replace(Name("str", prefix=module.prefix))
            return None
        arguments = call_arguments(results["call"]) if results.get("call") else []
        if not arguments or any(is_keyword(argument) for argument in arguments):
            self.manual(node, "string.%s is not in Python 3: rewrite it" % name.value)
            return None
        new = self._replacement(name.value, arguments)
        new.prefix = node.prefix
        for trailer in results["tail"]:
            new.append_child(trailer.clone())
        return new

    def _replacement(self, name: str, arguments: list[Any]) -> Any:
        if name in CONVERSIONS:
            return call(Name(CONVERSIONS[name]), arguments)
        if name in ("join", "joinfields"):
            separator = arguments[1] if len(arguments) > 1 else String('" "')
            return method_call(separator, "join", arguments[:1])
        method = "split" if name == "splitfields" else name
        return method_call(arguments[0], method, arguments[1:])
