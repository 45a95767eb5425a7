"""Reading a cProfile run: the top functions and the time per library.

cProfile's own listing names functions by full path; to say *where the
time goes* it helps more to add the self time up per library (webob,
paste, beaker, routes, pylons, the standard library...).  This module
turns a :class:`pstats.Stats` into those two views, as data and as text.
"""

import os
import sysconfig

_STDLIB = os.path.normcase(sysconfig.get_paths()["stdlib"])
#: This repository's packages, found by a directory of their name (they are
#: installed in development mode, outside site-packages).
_PROJECT_PACKAGES = ("pylons", "quickwiki")


def library_of(filename):
    """The library a profiled function's file belongs to."""
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    path = os.path.normcase(os.path.abspath(filename))
    parts = path.split(os.sep)
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    for package in _PROJECT_PACKAGES:
        if package in parts:
            return package
    if path.startswith(_STDLIB):
        return "stdlib"
    return "other"


def function_name(key):
    """``library:function (file:line)`` for a pstats function key."""
    filename, line, name = key
    if filename.startswith("~"):
        return name
    return "%s (%s:%d)" % (name, os.path.basename(filename), line)


def top_functions(stats, calls, order="tottime", limit=20):
    """The ``limit`` functions that cost most per request, by ``order``.

    ``order`` is ``tottime`` (time in the function itself) or ``cumtime``
    (including what it calls).  Times are µs per request over ``calls``.
    """
    column = {"tottime": 2, "cumtime": 3}[order]
    rows = sorted(stats.stats.items(), key=lambda item: item[1][column], reverse=True)[
        :limit
    ]
    return [
        {
            "function": function_name(key),
            "library": library_of(key[0]),
            "calls_per_request": value[1] / calls,
            "self_us": value[2] / calls * 1e6,
            "cumulative_us": value[3] / calls * 1e6,
        }
        for key, value in rows
    ]


def time_by_library(stats, calls):
    """Self time per library in µs per request, largest first."""
    totals = {}
    for key, value in stats.stats.items():
        library = library_of(key[0])
        totals[library] = totals.get(library, 0.0) + value[2]
    return {
        library: seconds / calls * 1e6
        for library, seconds in sorted(
            totals.items(), key=lambda item: item[1], reverse=True
        )
    }


def render_text(stats, calls, title):
    """The profile as a text report: libraries, then the top functions."""
    lines = [
        title,
        "=" * len(title),
        "",
        "Profiled %d requests under cProfile (which slows every call; "
        "read the shares, not the absolute times)." % calls,
        "",
        "Self time by library (µs per request)",
        "",
    ]
    libraries = time_by_library(stats, calls)
    total = sum(libraries.values())
    for library, micros in libraries.items():
        lines.append("  %-14s %8.1f  %5.1f%%" % (library, micros, 100 * micros / total))
    for order, heading in (("tottime", "self time"), ("cumtime", "cumulative time")):
        lines += [
            "",
            "Top functions by %s (µs per request)" % heading,
            "",
            "  %8s %8s %7s  %s" % ("self", "cumul", "calls", "function"),
        ]
        for row in top_functions(stats, calls, order, limit=30):
            lines.append(
                "  %8.1f %8.1f %7.1f  [%s] %s"
                % (
                    row["self_us"],
                    row["cumulative_us"],
                    row["calls_per_request"],
                    row["library"],
                    row["function"],
                )
            )
    return "\n".join(lines) + "\n"


def summary(stats, calls, limit=20):
    """The profile as data for the results file."""
    libraries = time_by_library(stats, calls)
    return {
        "calls": calls,
        "total_us": sum(libraries.values()),
        "libraries": libraries,
        "top_self": top_functions(stats, calls, "tottime", limit),
        "top_cumulative": top_functions(stats, calls, "cumtime", limit),
    }
