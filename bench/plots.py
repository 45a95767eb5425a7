"""PNG charts of a run's results (matplotlib, no display needed)."""

import matplotlib

matplotlib.use("Agg")  # files only: the machine may have no screen

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import FuncFormatter  # noqa: E402
from report import SERIES_LABELS, STACK_LABELS, in_order  # noqa: E402

#: The bar colour of each stack of part 1.
STACK_COLOURS = {
    "pylons-full": "#8c2d04",
    "pylons-core": "#d94801",
    "middleware-only": "#969696",
    "pyramid": "#2171b5",
    "flask": "#238b45",
}


def overhead_chart(overhead, path):
    """Bars of µs per request for each stack of part 1."""
    summary = overhead["summary"]
    names = [name for name, _ in in_order(summary, STACK_LABELS)]
    labels = [STACK_LABELS[name] for name in names]
    micros = [summary[name]["us_per_request"] for name in names]
    figure, axes = plt.subplots(figsize=(7, 3.6))
    bars = axes.barh(labels, micros, color=[STACK_COLOURS[name] for name in names])
    axes.plot(
        [summary[name]["us_best"] for name in names],
        labels,
        "k|",
        markersize=14,
        label="best round",
    )
    axes.bar_label(bars, labels=["%.0f µs" % value for value in micros], padding=4)
    axes.legend(loc="lower right", fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("µs per request (median, lower is better)")
    axes.set_title('In-process "hello": framework overhead')
    axes.set_xlim(0, max(micros) * 1.25)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def growth_chart(wiki, path):
    """req/s and p99 latency against the page count, per measurement."""
    figure, (rate_axes, p99_axes) = plt.subplots(1, 2, figsize=(11, 4.8))
    styles = {
        ("quickwiki", "show"): ("-", "#2171b5"),
        ("quickwiki", "show-304"): (":", "#2171b5"),
        ("bare", "show"): ("-.", "#737373"),
        ("bare", "show-304"): ("--", "#737373"),
        ("bare-cpu", "show"): (":", "#737373"),
        ("wiki2", "show"): ("--", "#6a51a3"),
        ("quickwiki", "list-first"): ("-", "#238b45"),
        ("quickwiki", "list-last"): (":", "#238b45"),
        ("quickwiki", "save"): ("-", "#d94801"),
        ("quickwiki-before", "save"): ("--", "#d94801"),
        ("quickwiki", "search"): ("-", "#ce1256"),
        ("quickwiki-pg", "search"): ("--", "#ce1256"),
        ("quickwiki", "search-broad"): (":", "#ce1256"),
        ("quickwiki-pg", "search-broad"): ("-.", "#ce1256"),
        ("quickwiki", "backlinks"): ("-", "#41ab5d"),
        ("quickwiki", "changes"): ("-", "#807dba"),
    }
    for key, label in SERIES_LABELS.items():
        rows = sorted(
            (row for row in wiki["rows"] if (row["app"], row["operation"]) == key),
            key=lambda row: row["pages"],
        )
        if not rows:
            continue
        line, colour = styles[key]
        pages = [row["pages"] for row in rows]
        for axes, column in ((rate_axes, "requests_per_second"), (p99_axes, "p99_ms")):
            axes.plot(
                pages,
                [row[column] for row in rows],
                line,
                marker="o",
                color=colour,
                label=label,
            )
    for axes, title in (
        (rate_axes, "Throughput (req/s, higher is better)"),
        (p99_axes, "p99 latency (ms, lower is better)"),
    ):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("pages in the database")
        axes.set_title(title)
        axes.grid(True, alpha=0.3)
        # Plain numbers on the log axes ("200", not "2×10²"), and among the
        # minor ticks only 2 to 5, where the labels do not collide.
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: "%g" % value))
        axes.yaxis.set_minor_formatter(
            FuncFormatter(
                lambda value, _: "%g" % value if ("%g" % value)[0] in "2345" else ""
            )
        )
    handles, labels = rate_axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=8)
    figure.suptitle(
        "QuickWiki and the wiki2 peer over HTTP (%s, %d connections)"
        % (wiki["server"].split("#")[0].removeprefix("egg:"), wiki["connections"])
    )
    figure.tight_layout(rect=(0, 0.12, 1, 1))
    figure.savefig(path, dpi=110)
    plt.close(figure)
