"""Decoding what Python 3 has as text (literals, str(x), request parameters) goes."""

from __future__ import annotations

from typing import Any

from pylons.upgrade._fixes import PylonsFix, is_text_literal

#: The request's dictionaries whose values WebOb decodes for Python 3.
REQUEST_PARAMETERS = frozenset({"params", "GET", "POST"})


class FixStrDecode(PylonsFix):
    """``"x".decode(e)``, ``str(x).decode(e)``, ``request.params[k].decode(e)`` go."""

    PATTERN = """
        power< head=any+ trailer< '.' 'decode' > trailer< '(' [any] ')' > tail=any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        head = results["head"]
        if not (
            (len(head) == 1 and is_text_literal(head[0]))
            or (
                len(head) == 2
                and head[0].value in ("str", "unicode")
                and head[1].children[0].value == "("
            )
            or _request_parameter(head)
        ):
            return
        # Drop the .decode(...) trailers: what comes before is text already.
        prefix = node.prefix
        decode, arguments = node.children[len(head)], node.children[len(head) + 1]
        decode.remove()
        arguments.remove()
        if len(node.children) == 1:
            only = node.children[0]
            only.remove()
            node.replace(only)
            only.prefix = prefix


def _request_parameter(head: list[Any]) -> bool:
    """Whether ``head`` reads a request parameter (``request.params[...]``)."""
    text = [str(part).strip() for part in head]
    return (
        len(text) >= 3
        and text[0] == "request"
        and text[1].lstrip(".") in REQUEST_PARAMETERS
        and (text[2].startswith("[") or text[2] in (".get", ".getone"))
    )
