"""The results of a run as files: JSON for machines, Markdown for people.

The results dictionary (built by ``run.py``) holds ``meta`` (when, where,
which versions), ``overhead`` (part 1 and its profile) and ``wiki``
(parts 2 and 3: one row per server, database size and operation).
"""
import json

#: How the contenders of part 1 are named in the table, in table order.
STACK_LABELS = {
    "pylons-full": "Pylons, full stack (QuickWiki's)",
    "pylons-core": "Pylons, full_stack = false",
    "pyramid": "Pyramid",
    "flask": "Flask",
}

OPERATION_LABELS = {
    "show": "show a reST page",
    "list": "title list",
    "save": "save a page",
}


def in_order(mapping, order):
    """``mapping``'s items in the order of the keys of ``order``.

    The results file sorts its keys, so tables and charts must not rely
    on a dictionary's own order.
    """
    return [(key, mapping[key]) for key in order if key in mapping]


def write_json(results, path):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(results, out, indent=2, sort_keys=True)
        out.write("\n")


def write_markdown(results, path):
    with open(path, "w", encoding="utf-8") as out:
        out.write(render_markdown(results))


def render_markdown(results):
    """The whole results page as Markdown text."""
    sections = [_heading(results["meta"]),
                _overhead_table(results["overhead"]),
                _profile_tables(results["overhead"]["profile"]),
                _wiki_table(results["wiki"]),
                _growth_table(results["wiki"]),
                _wiki_profile_tables(results["wiki"])]
    return "\n\n".join(sections) + "\n"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:"
                            for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _heading(meta):
    versions = ", ".join("%s %s" % item for item in sorted(meta["versions"].items()))
    return "\n".join([
        "# Benchmark results",
        "",
        "Run %s on %s (%d cores), Python %s. Load generator: %s, %d "
        "connections, %d s per measurement after %d s of warm-up." % (
            meta["started"], meta["machine"], meta["cpus"], meta["python"],
            meta["generator"], meta["connections"], meta["seconds"],
            meta["warmup_seconds"]),
        "",
        "Versions: %s." % versions,
    ])


def _overhead_table(overhead):
    summary = overhead["summary"]
    rows = [[STACK_LABELS[name],
             "%.1f" % figures["us_per_request"],
             "%.1f" % figures["us_best"],
             "{:,.0f}".format(figures["requests_per_second"]),
             "%.2f×" % figures["vs_pyramid"],
             "%.2f×" % figures["vs_flask"]]
            for name, figures in in_order(summary, STACK_LABELS)]
    return "\n".join([
        "## 1. Framework overhead, in process",
        "",
        "The same `GET /hello` handler called as WSGI, no sockets; median "
        "and best of %d alternated rounds (the best is the least disturbed "
        "by other load on the machine). req/s and the ratios come from the "
        "medians; the ratios are time per request relative to Pyramid's and "
        "Flask's (2.00× = twice as long)." % overhead["rounds"],
        "",
        _table(["stack", "µs/request", "best round", "req/s", "vs Pyramid",
                "vs Flask"], rows),
    ])


def _profile_tables(profile):
    return "\n".join([
        "### Where the full stack's time goes",
        "",
        "cProfile over %d requests (profiling inflates every call, so read "
        "the shares); full listing in `%s`." % (profile["calls"], profile["text_file"]),
        "",
        _libraries_table(profile, 8),
        "",
        _functions_table(profile, 12),
    ])


def _libraries_table(profile, limit):
    largest = sorted(profile["libraries"].items(), key=lambda item: item[1],
                     reverse=True)[:limit]
    rows = [[name, "%.1f" % micros, "%.0f%%" % (100 * micros / profile["total_us"])]
            for name, micros in largest]
    return _table(["library", "self µs/request", "share"], rows)


def _functions_table(profile, limit):
    rows = [[row["function"].replace("|", "\\|"), row["library"],
             "%.1f" % row["calls_per_request"], "%.1f" % row["self_us"],
             "%.1f" % row["cumulative_us"]]
            for row in profile["top_self"][:limit]]
    return _table(["function", "library", "calls/request", "self µs", "cumulative µs"],
                  rows)


def _wiki_profile_tables(wiki):
    parts = ["### Where QuickWiki's time goes",
             "",
             "Each operation profiled in process (the app loaded from the same "
             "ini, no server) at {:,} pages.".format(wiki["profiled_at"])]
    for operation, profile in in_order(wiki["profiles"], OPERATION_LABELS):
        parts += ["", "**%s** (`%s`)" % (OPERATION_LABELS[operation], profile["text_file"]),
                  "", _libraries_table(profile, 6), "", _functions_table(profile, 6)]
    return "\n".join(parts)


def _wiki_table(wiki):
    rows = [[row["server"], "{:,}".format(row["pages"]),
             OPERATION_LABELS[row["operation"]],
             "{:,.0f}".format(row["requests_per_second"]),
             "%.1f" % row["p50_ms"], "%.1f" % row["p99_ms"],
             str(row["error_count"]), "%.0f" % row["peak_rss_mib"]]
            for row in wiki["rows"]]
    return "\n".join([
        "## 2. QuickWiki over HTTP, and 3. growth with the page count",
        "",
        "`paster serve` on 127.0.0.1 with the default server (Paste#http) "
        "and with waitress; debug off. Peak RSS is the server process's "
        "during that measurement.",
        "",
        _table(["server", "pages", "operation", "req/s", "p50 ms", "p99 ms",
                "errors", "peak RSS MiB"], rows),
    ])


def _growth_table(wiki):
    sizes = sorted({row["pages"] for row in wiki["rows"]})
    by_key = {(row["server"], row["operation"], row["pages"]): row
              for row in wiki["rows"]}
    keys = sorted({(row["server"], row["operation"]) for row in wiki["rows"]},
                  key=lambda key: (key[0], list(OPERATION_LABELS).index(key[1])))
    rows = []
    for server, operation in keys:
        rates = [by_key[(server, operation, size)]["requests_per_second"]
                 for size in sizes]
        rows.append([server, OPERATION_LABELS[operation]]
                    + ["{:,.0f}".format(rate) for rate in rates]
                    + ["%.2f×" % (rates[0] / rates[-1])])
    header = (["server", "operation"]
              + ["req/s at {:,}".format(size) for size in sizes]
              + ["time per request, {:,} vs {:,}".format(sizes[-1], sizes[0])])
    return "\n".join(["### Growth", "", _table(header, rows)])
