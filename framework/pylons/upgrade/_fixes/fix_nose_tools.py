"""nose's assertion functions become assert statements; nose runs no more.

``eq_(a, b)`` and ``assert_equal(a, b)`` become ``assert a == b``,
``ok_(x)`` and ``assert_true(x)`` ``assert x`` (with the message, if
given); ``SkipTest`` comes from unittest.  The other helpers of
``nose.tools`` (``raises``, ``with_setup``...) are reported.
"""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import Name

from pylons.upgrade._fixes import (
    PylonsFix,
    call_arguments,
    import_names,
    imported_name,
    is_keyword,
    operand,
    parse_statement,
    remove_import_name,
)

#: The assert statement each function is: a format of its operands.
ASSERTIONS = {
    "eq_": "%s == %s",
    "assert_equal": "%s == %s",
    "assert_equals": "%s == %s",
    "assert_not_equal": "%s != %s",
    "ok_": "%s",
    "assert_true": "%s",
    "assert_false": "not %s",
    "assert_is_none": "%s is None",
    "assert_is_not_none": "%s is not None",
    "assert_in": "%s in %s",
    "assert_not_in": "%s not in %s",
}
_NAMES = " | ".join("'%s'" % name for name in sorted(ASSERTIONS))


class FixNoseTools(PylonsFix):
    """``eq_(a, b)`` becomes ``assert a == b``."""

    PATTERN = (
        """
        simple_stmt< call=power< name=(%s) trailer< '(' any ')' > > any >
        | import_from< 'from' module=dotted_name< 'nose' any* > 'import' any* >
    """
        % _NAMES
    )

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        if "module" in results:
            self._import(node, str(results["module"]).strip())
            return
        name = results["name"][0].value
        operands = call_arguments(results["call"].children[1])
        wanted = ASSERTIONS[name].count("%s")
        if any(is_keyword(argument) for argument in operands) or len(operands) not in (
            wanted,
            wanted + 1,
        ):
            self.manual(node, "%s(): write an assert statement" % name)
            return
        if ASSERTIONS[name] == "%s":
            condition = str(operands[0]).strip()
        else:
            condition = ASSERTIONS[name] % tuple(
                str(operand(o)) for o in operands[:wanted]
            )
        text = "assert " + condition
        if len(operands) > wanted:
            text += ", " + str(operands[-1]).strip()
        call = results["call"]
        statement = parse_statement(text)
        statement.prefix = call.prefix
        call.replace(statement)

    def _import(self, node: Any, module: str) -> None:
        names = [imported_name(name) for name in import_names(node)]
        if module == "nose.plugins.skip" and names == ["SkipTest"]:
            node.children[1].replace(Name("unittest", prefix=" "))
            return
        if module != "nose.tools":
            self.manual(node, "nose no longer runs: %s has no successor" % module)
            return
        for name in names:
            if name in ASSERTIONS:
                remove_import_name(node, name)
            else:
                self.manual(
                    node,
                    "nose.tools.%s: nose no longer runs; use unittest's "
                    "assertRaises and setUp" % name,
                )
