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
    "middleware-only": "QuickWiki's middleware around a bare WSGI app",
    "pyramid": "Pyramid",
    "flask": "Flask",
}

#: The Mako page's stacks (part 1), in table order.
PAGE_LABELS = {
    "pylons-page": "Pylons, full stack (QuickWiki's)",
    "pyramid-page": "Pyramid, pyramid_mako",
    "flask-page": "Flask, Mako through a two-line helper",
}
#: QuickWiki's pages in process (part 1), in table order.
QUICKWIKI_LABELS = {
    "qw-show": "page view (public: as the wiki kept it)",
    "qw-show-reload": "page view, reloaded: read, then sent as kept",
    "qw-show-private": "page view, private (the proxy's password): rendered",
    "qw-show-304": "page view, conditional GET answered 304",
    "qw-list": "title list, first page",
    "qw-history": "history (20 revisions)",
    "qw-edit": "edit form, no session yet",
}
#: Every contender of part 1 by name.
CONTENDER_LABELS = {**STACK_LABELS, **PAGE_LABELS, **QUICKWIKI_LABELS}
#: Issue 21's targets: the hello and Mako page stacks at most this many
#: times Pyramid's time, QuickWiki's page view at most this many µs, its
#: other pages at most this many times the page view's.
PEER_TARGET = 1.0
PAGE_VIEW_US_TARGET = 250.0
OTHER_PAGES_TARGET = 2.0
#: And over HTTP: the page view at least this share of the bare app's
#: requests per second, its conditional GET this many times as fast.
BARE_SHARE_TARGET = 0.5
CONDITIONAL_TARGET = 5.0

#: The wikis' measurements ("series"), in table order, and their labels.
SERIES_LABELS = {
    ("quickwiki", "show"): "QuickWiki, show a reST page",
    ("quickwiki", "show-304"): "QuickWiki, the same, conditional GET (304)",
    ("bare", "show"): "bare WSGI app, the page view's bytes",
    ("bare", "show-304"): "the same app, the page view's 304",
    ("bare-cpu", "show"): (
        "the same after %.0f µs of CPU time (the page view's target in process)"
        % PAGE_VIEW_US_TARGET
    ),
    ("wiki2", "show"): "wiki2 peer, show a reST page",
    ("quickwiki", "list-first"): "QuickWiki, title list, first page",
    ("quickwiki", "list-last"): "QuickWiki, title list, last page",
    ("quickwiki", "save"): "QuickWiki, save a page",
    ("quickwiki-before", "save"): "QuickWiki before (--before), save a page",
    ("quickwiki", "search"): "QuickWiki, search (words of one page)",
    ("quickwiki-pg", "search"): "QuickWiki on PostgreSQL, search (words of one page)",
    ("quickwiki", "search-broad"): "QuickWiki, search (words of every page)",
    ("quickwiki-pg", "search-broad"): (
        "QuickWiki on PostgreSQL, search (words of every page)"
    ),
    ("quickwiki", "backlinks"): "QuickWiki, what links to the FrontPage",
    ("quickwiki", "changes"): "QuickWiki, recent changes",
}
#: The page-view ratio issue 9 asks of QuickWiki against wiki2, and the
#: sizes between which its p99 latency is to stay flat.
PAGE_VIEW_TARGET = 10.0
FLAT_P99_SIZES = (100, 100_000)


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
    """The whole results page as Markdown text; without part 1 when the run
    measured some wiki operations only."""
    sections = [_heading(results["meta"])]
    if "overhead" in results:
        sections += [
            _overhead_table(results["overhead"]),
            _page_table(results["overhead"]),
            _quickwiki_table(results["overhead"]),
            _profile_tables(results["overhead"]["profile"]),
        ]
    sections += [
        _wiki_table(results["wiki"]),
        _page_view_table(results["wiki"]),
        _floor_table(results["wiki"]),
        _growth_tables(results["wiki"]),
        _wiki_profile_tables(results["wiki"]),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def table(header, rows):
    """A Markdown table: the first column left-aligned, the others right."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _heading(meta):
    versions = ", ".join("%s %s" % item for item in sorted(meta["versions"].items()))
    load = (
        "Load average of the machine (1, 5, 15 min) at the start: %s; at the end: %s."
        % (_load(meta["load_average"]), _load(meta.get("load_average_end")))
    )
    return "\n".join(
        [
            "# Benchmark results",
            "",
            "Run %s on %s (%d cores), Python %s. Load generator: %s, %d "
            "connections; each HTTP measurement %d s in each of %d rounds, after "
            "%d s of warm-up."
            % (
                meta["started"],
                meta["machine"],
                meta["cpus"],
                meta["python"],
                meta["generator"],
                meta["connections"],
                meta["seconds"],
                meta["wiki_rounds"],
                meta["warmup_seconds"],
            ),
            "",
            load,
            "",
            "Versions: %s." % versions,
        ]
        + (
            [
                "",
                "QuickWiki before: QuickWiki and the framework at commit %s, "
                "with the same libraries." % meta["before"],
            ]
            if meta.get("before")
            else []
        )
    )


def _load(average):
    return (
        "unknown" if average is None else ", ".join("%.2f" % value for value in average)
    )


#: The ratio columns of the tables of part 1: heading, and the figure.
_PEER_RATIOS = (("vs Pyramid", "vs_pyramid"), ("vs Flask", "vs_flask"))


def _overhead_table(overhead):
    return _group_table(
        overhead,
        STACK_LABELS,
        "## 1. Framework overhead, in process",
        "The same `GET /hello` handler called as WSGI, no sockets; median "
        "and best of %d alternated rounds (the best is the least disturbed "
        "by other load on the machine). req/s and the ratios come from the "
        "medians; the ratios are time per request relative to Pyramid's and "
        "Flask's (2.00× = twice as long). Issue 21's target: Pylons at most "
        "%.1f× Pyramid's time." % (overhead["rounds"], PEER_TARGET),
        "stack",
        _PEER_RATIOS,
    )


def _page_table(overhead):
    return _group_table(
        overhead,
        PAGE_LABELS,
        "## 1b. A Mako page, in process",
        "The same small Mako template (`templates/page.mako`), rendered with "
        "the same names and the same lookup options by each stack, measured "
        "in the same rounds as the hello rows. Issue 21's target: Pylons at "
        "most %.1f× Pyramid's time, as for hello." % PEER_TARGET,
        "stack",
        _PEER_RATIOS,
    )


def _quickwiki_table(overhead):
    return _group_table(
        overhead,
        QUICKWIKI_LABELS,
        "## 1c. QuickWiki's pages, in process",
        "QuickWiki loaded from its ini (debug off) as `paster serve` loads "
        "it, with 100 pages, called as WSGI in the same rounds; no session "
        "cookie is sent. The page view of a reader the wiki does not know "
        "is public, and sent as the wiki kept it, without reading it again "
        "within its max-age; reloaded (`Cache-Control: no-cache`), it is read "
        "and its ETag compared first, as past its max-age; the private one (a "
        "reader let in by nginx's password) is rendered each time. Issue 21's "
        "targets: the page view at most "
        "%.0f µs, each other page at most %.1f× the page view's time, the "
        "conditional GET at most 1/%.0f of it."
        % (PAGE_VIEW_US_TARGET, OTHER_PAGES_TARGET, CONDITIONAL_TARGET),
        "page",
        (
            ("vs page view", "vs_page_view"),
            ("vs private page view", "vs_private_page_view"),
        ),
    )


def _group_table(overhead, labels, heading, text, first_column, ratios):
    """The table of one group of part 1's contenders ("" if none ran)."""
    rows = [
        [
            labels[name],
            "%.1f" % figures["us_per_request"],
            "%.1f" % figures["us_best"],
            "{:,.0f}".format(figures["requests_per_second"]),
        ]
        + ["%.2f×" % figures[ratio] for _, ratio in ratios]
        for name, figures in in_order(overhead["summary"], labels)
    ]
    if not rows:
        return ""
    header = [first_column, "µs/request", "best round", "req/s"]
    return "\n".join(
        [heading, "", text, "", table(header + [name for name, _ in ratios], rows)]
    )


def _profile_tables(profile):
    return "\n".join(
        [
            "### Where the full stack's time goes",
            "",
            "cProfile over %d requests (profiling inflates every call, so read "
            "the shares); full listing in `%s`."
            % (profile["calls"], profile["text_file"]),
            "",
            _libraries_table(profile, 8),
            "",
            "By self time (the function's own code):",
            "",
            _functions_table(profile, 12),
            "",
            "By cumulative time (with what it calls: a middleware's `__call__` "
            "holds the layers it calls, so its own cost is its figure less the "
            "next layer's):",
            "",
            _functions_table(profile, 16, "top_cumulative"),
        ]
    )


def _libraries_table(profile, limit):
    largest = sorted(
        profile["libraries"].items(), key=lambda item: item[1], reverse=True
    )[:limit]
    rows = [
        [name, "%.1f" % micros, "%.0f%%" % (100 * micros / profile["total_us"])]
        for name, micros in largest
    ]
    return table(["library", "self µs/request", "share"], rows)


def _functions_table(profile, limit, order="top_self"):
    rows = [
        [
            row["function"].replace("|", "\\|"),
            row["library"],
            "%.1f" % row["calls_per_request"],
            "%.1f" % row["self_us"],
            "%.1f" % row["cumulative_us"],
        ]
        for row in profile[order][:limit]
    ]
    return table(
        ["function", "library", "calls/request", "self µs", "cumulative µs"], rows
    )


def _wiki_profile_tables(wiki):
    if not wiki["profiles"]:
        return ""
    parts = [
        "### Where the wikis' time goes",
        "",
        "Each operation profiled in process (the wiki loaded from the same "
        "ini, no server) at {:,} pages.".format(wiki["profiled_at"]),
    ]
    for (app, operation), label in SERIES_LABELS.items():
        profile = wiki["profiles"].get("%s:%s" % (app, operation))
        if profile is None:
            continue
        parts += [
            "",
            "**%s** (`%s`)" % (label, profile["text_file"]),
            "",
            _libraries_table(profile, 6),
            "",
            _functions_table(profile, 6),
        ]
    return "\n".join(parts)


def _series(wiki):
    """``{(app, operation): {pages: row}}``, in table order."""
    found = {}
    for row in wiki["rows"]:
        found.setdefault((row["app"], row["operation"]), {})[row["pages"]] = row
    return [(key, found[key]) for key in SERIES_LABELS if key in found]


def _sizes(wiki):
    return sorted({row["pages"] for row in wiki["rows"]})


def _wiki_table(wiki):
    rows = [
        [
            SERIES_LABELS[key],
            f"{pages:,}",
            "{:,.0f}".format(row["requests_per_second"]),
            "%.1f" % row["p50_ms"],
            "%.1f" % row["p99_ms"],
            str(row["error_count"]),
            "%.0f" % row["peak_rss_mib"],
        ]
        for key, by_size in _series(wiki)
        for pages, row in sorted(by_size.items())
    ]
    return "\n".join(
        [
            "## 2. QuickWiki and the wiki2 peer over HTTP",
            "",
            "Both wikis under `paster serve` with %s on 127.0.0.1, debug off, each "
            "with a database of its own at each size. Every figure is the median "
            "of %d rounds; each round measured every row, the sizes alternated. "
            "The page both wikis show is %s bytes of reStructuredText. Errors "
            "count failed requests and failed checks (pages that do not say what "
            "they should, saved texts missing from the database); peak RSS is the "
            "server process's."
            % (wiki["server"], wiki["rounds"], "{:,}".format(wiki["show_page_bytes"])),
            "",
            table(
                [
                    "measurement",
                    "pages",
                    "req/s",
                    "p50 ms",
                    "p99 ms",
                    "errors",
                    "peak RSS MiB",
                ],
                rows,
            ),
        ]
    )


def page_view_ratios(wiki):
    """Per size, QuickWiki's page view against the peer's: ``{pages:
    (ratio of the medians, [ratio in each round])}`` of requests per second.
    """
    series = dict(_series(wiki))
    ours, peers = (
        series.get(("quickwiki", "show"), {}),
        series.get(("wiki2", "show"), {}),
    )
    ratios = {}
    for pages in sorted(set(ours) & set(peers)):
        ratios[pages] = (
            ours[pages]["requests_per_second"] / peers[pages]["requests_per_second"],
            [
                mine["requests_per_second"] / theirs["requests_per_second"]
                # Both wikis are measured in every round.
                for mine, theirs in zip(
                    ours[pages]["rounds"], peers[pages]["rounds"], strict=True
                )
            ],
        )
    return ratios


def _page_view_table(wiki):
    series = dict(_series(wiki))
    ratios = page_view_ratios(wiki)
    rows = []
    for pages, (ratio, by_round) in ratios.items():
        ours = series["quickwiki", "show"][pages]
        peers = series["wiki2", "show"][pages]
        rows.append(
            [
                f"{pages:,}",
                "{:,.0f}".format(ours["requests_per_second"]),
                "{:,.0f}".format(peers["requests_per_second"]),
                "%.2f×" % ratio,
                "%.2f–%.2f×" % (min(by_round), max(by_round)),
                "%.1f" % ours["p99_ms"],
                "%.1f" % peers["p99_ms"],
            ]
        )
    if not rows:
        return ""
    lowest = min(ratio for ratio, _ in ratios.values())
    return "\n".join(
        [
            "### Page view: QuickWiki against the wiki2 peer",
            "",
            "Requests per second of the same page, QuickWiki's over the peer's "
            "(2.00× = twice as many), from the medians and in each round. Issue "
            "9's target is at least %.0f× at every size; the lowest ratio here is "
            "%.2f×." % (PAGE_VIEW_TARGET, lowest),
            "",
            table(
                [
                    "pages",
                    "QuickWiki req/s",
                    "wiki2 req/s",
                    "QuickWiki ÷ wiki2",
                    "in the rounds",
                    "QuickWiki p99 ms",
                    "wiki2 p99 ms",
                ],
                rows,
            ),
        ]
    )


def _floor_table(wiki):
    """QuickWiki's page view against the bare app answering with its bytes
    under the same server, that app after the page view's target time in
    process, and the page view's conditional GET."""
    series = dict(_series(wiki))
    show = series.get(("quickwiki", "show"), {})
    bare = series.get(("bare", "show"), {})
    busy = series.get(("bare-cpu", "show"), {})
    conditional = series.get(("quickwiki", "show-304"), {})
    bare_conditional = series.get(("bare", "show-304"), {})
    rows = []
    measured = (show, bare, busy, conditional, bare_conditional)
    for pages in sorted(set.intersection(*(set(each) for each in measured))):
        rates = [each[pages]["requests_per_second"] for each in measured]
        rows.append(
            [
                f"{pages:,}",
                f"{rates[0]:,.0f}",
                f"{rates[1]:,.0f}",
                _ratio(rates[0], rates[1]),
                f"{rates[2]:,.0f}",
                _ratio(rates[2], rates[1]),
                f"{rates[3]:,.0f}",
                _ratio(rates[3], rates[0]),
                f"{rates[4]:,.0f}",
                _ratio(rates[4], rates[0]),
            ]
        )
    if not rows:
        return ""
    return "\n".join(
        [
            "### Page view against a bare WSGI app, and its 304",
            "",
            "Requests per second of QuickWiki's page view, of a bare WSGI app "
            "answering every request with the same bytes and headers under the "
            "same server (`peers/bare_page.py`), of that app spending %.0f µs of "
            "CPU time on each request first (issue 21's target for the page "
            "view in process: the most a page view meeting it could get here), "
            "and of the page view asked for with the ETag it was sent with "
            "(answered 304), by QuickWiki and by the bare app (the most any "
            "304 can get from this server). Issue 21's targets: the page view "
            "at least %.1f× the bare app's req/s, the conditional GET at least "
            "%.0f× the page view's."
            % (PAGE_VIEW_US_TARGET, BARE_SHARE_TARGET, CONDITIONAL_TARGET),
            "",
            table(
                [
                    "pages",
                    "page view req/s",
                    "bare app req/s",
                    "page view ÷ bare",
                    "bare app after %.0f µs req/s" % PAGE_VIEW_US_TARGET,
                    "that ÷ bare",
                    "304 req/s",
                    "304 ÷ page view",
                    "bare app's 304 req/s",
                    "that ÷ page view",
                ],
                rows,
            ),
        ]
    )


def _growth_tables(wiki):
    sizes = _sizes(wiki)
    rate_rows, p99_rows = [], []
    for key, by_size in _series(wiki):
        rates = [
            by_size[pages]["requests_per_second"] if pages in by_size else None
            for pages in sizes
        ]
        rate_rows.append(
            [SERIES_LABELS[key]]
            + ["–" if rate is None else f"{rate:,.0f}" for rate in rates]
            + [_ratio(rates[0], rates[-1])]
        )
        p99_rows.append(
            [SERIES_LABELS[key]]
            + _p99_cells(
                [
                    by_size[pages]["p99_ms"] if pages in by_size else None
                    for pages in sizes
                ]
            )
        )
    size_names = [f"{pages:,}" for pages in sizes]
    low, high = FLAT_P99_SIZES
    return "\n".join(
        [
            "### Growth with the page count",
            "",
            "Requests per second at each size; the last column is the time per "
            "request at the largest size over the smallest (above 1: slower with "
            "more pages).",
            "",
            table(
                ["measurement"]
                + ["req/s at %s" % name for name in size_names]
                + ["time per request, %s vs %s" % (size_names[-1], size_names[0])],
                rate_rows,
            ),
            "",
            "p99 latency (ms) at each size, and in brackets over the smallest "
            "size's. Issue 9 asks QuickWiki's page view for a flat p99 from "
            f"{low:,} to {high:,} pages.",
            "",
            table(
                ["measurement"] + ["p99 at %s" % name for name in size_names], p99_rows
            ),
        ]
    )


def _p99_cells(p99s):
    """Each p99, and after the first its ratio to the first."""
    cells = []
    for number, p99 in enumerate(p99s):
        if p99 is None:
            cells.append("–")
        elif number == 0 or p99s[0] is None:
            cells.append("%.1f" % p99)
        else:
            cells.append("%.1f (%s)" % (p99, _ratio(p99, p99s[0])))
    return cells


def _ratio(numerator, denominator):
    if numerator is None or denominator is None or not denominator:
        return "–"
    return "%.2f×" % (numerator / denominator)
