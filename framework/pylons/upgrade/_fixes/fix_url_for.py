"""url_for() and redirect_to() become Pylons 1.0's url() and redirect(url()).

``url_for`` remembered the current route: ``url_for(action="edit")``
kept the controller (and id) of the request.  Pylons 1.0's ``url()``
remembers nothing, ``url.current()`` does; so a call that names neither a
controller nor a route (or path) becomes ``url.current(...)``, any other
``url(...)``.  ``redirect_to(..., _code=301)`` becomes
``redirect(url(...), code=301)``.
"""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import Dot, KeywordArg, Name, does_tree_import
from fissix.pgen2 import token

from pylons.upgrade._fixes import (
    PylonsFix,
    call,
    call_arguments,
    import_names,
    imported_name,
    is_keyword,
    remove_import_name,
    shadowed,
)

#: Modules that gave url_for or redirect_to in Pylons 0.9.
OLD_MODULES = frozenset(
    {"routes", "routes.util", "pylons.helpers", "pylons.controllers.util"}
)


class FixUrlFor(PylonsFix):
    """``url_for(...)`` is ``url(...)``; ``redirect_to(...)`` ``redirect(url(...))``."""

    PATTERN = """
        power< function=('url_for' | 'redirect_to')
               call=trailer< '(' [any] ')' > tail=any* >
        | power< 'h' trailer< '.' function=('url_for' | 'redirect_to') >
                 call=trailer< '(' [any] ')' > tail=any* >
        | import_from< 'from' module=any 'import' any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        if node.type == self.syms.import_from:
            self._import(node, str(results["module"]).strip())
            return None
        function = results["function"][0].value
        if shadowed(node, "url", "pylons") or (
            function == "redirect_to"
            and shadowed(node, "redirect", "pylons.controllers.util")
        ):
            self.manual(
                node,
                "%s() left as it is: the module has a name url or redirect "
                "of its own; Pylons 1.0 has url() and redirect(url())" % function,
            )
            return None
        arguments = call_arguments(results["call"])
        code = [a for a in arguments if is_keyword(a, "_code")]
        arguments = [a for a in arguments if not is_keyword(a, "_code")]
        if function == "redirect_to" and _is_url(arguments):
            # redirect_to(url_for(...)): the URL is made already.
            new = arguments[0]
        else:
            new = call(self._url(arguments), arguments)
        self.add_import("pylons", "url", node)
        if function == "redirect_to":
            status = [KeywordArg(Name("code"), a.children[2].clone()) for a in code]
            new = call(Name("redirect"), [new, *status])
            # An import of redirect_to from there becomes one of redirect.
            if not does_tree_import("pylons.controllers.util", "redirect_to", node):
                self.add_import("pylons.controllers.util", "redirect", node)
            if self.in_template:
                self.manual(node, "redirect() in a template: move it to the controller")
        tail = [trailer.clone() for trailer in results["tail"]]
        if tail:
            new = pytree.Node(self.syms.power, [new, *tail])
        new.prefix = node.prefix
        return new

    def _url(self, arguments: list[Any]) -> Any:
        """``url``, or ``url.current`` for a call that relied on route memory."""
        names_target = any(
            argument.type != self.syms.argument or is_keyword(argument, "controller")
            for argument in arguments
        )
        if names_target:
            return Name("url")
        current = pytree.Node(self.syms.trailer, [Dot(), Name("current")])
        return pytree.Node(self.syms.power, [Name("url"), current])

    def _import(self, node: Any, module: str) -> None:
        """Drop url_for and redirect_to from the imports of Pylons 0.9's modules."""
        if module not in OLD_MODULES:
            return
        names = {imported_name(name): name for name in import_names(node)}
        redirect_to = names.get("redirect_to")
        if (
            module == "pylons.controllers.util"
            and redirect_to is not None
            and redirect_to.type == token.NAME
            and "redirect" not in names
        ):
            redirect_to.replace(Name("redirect", prefix=redirect_to.prefix))
        for old in ("url_for", "redirect_to"):
            if old in names:
                remove_import_name(node, old)


def _is_url(arguments: list[Any]) -> bool:
    """Whether ``arguments`` are one call of url, url.current or url_for."""
    if len(arguments) != 1:
        return False
    text = str(arguments[0]).strip()
    return text.startswith(("url(", "url.current(", "url_for(", "h.url_for("))
