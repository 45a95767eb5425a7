"""The arithmetic of the load figures: percentiles, one load's summary,
and a measurement taken in several rounds."""

import math
import statistics

#: Kinds of failed request.  ``unexpected`` is any response whose status
#: was not the expected one (it includes wrk's ``status``, the 4xx/5xx
#: responses, so that one is not added again).
FAILURE_KINDS = ("connect", "read", "write", "timeout", "unexpected")


def percentile(values, percent):
    """The nearest-rank ``percent`` percentile of ``values`` (not empty).

    The smallest value with at least ``percent``% of the values at or
    below it: always one of the observed values, as wrk reports them.
    """
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def load_figures(
    requests, seconds, p50_ms, p99_ms, mean_ms, errors, generator, sent=None
):
    """One load run's figures as the results file keeps them.

    ``errors`` maps failure kinds (see :data:`FAILURE_KINDS`, plus wrk's
    informative ``status``) to counts.  ``sent`` is how many requests were
    made, answered or not (those in flight when the time was up are not in
    ``requests``).
    """
    return {
        "requests": requests,
        "sent": requests if sent is None else sent,
        "seconds": seconds,
        "requests_per_second": requests / seconds if seconds else 0.0,
        "p50_ms": p50_ms,
        "p99_ms": p99_ms,
        "mean_ms": mean_ms,
        "errors": dict(errors),
        "error_count": sum(errors.get(kind, 0) for kind in FAILURE_KINDS),
        "generator": generator,
    }


def round_order(items, number, rounds):
    """``items`` in the order of round ``number`` of ``rounds``: rotated by
    an equal share each round, so that each item comes early in one round
    and late in another, and whatever drifts during a run is shared out.
    """
    shift = number * len(items) // rounds
    return items[shift:] + items[:shift]


def over_rounds(samples):
    """One measurement's figures over its rounds (a list of
    :func:`load_figures`): the medians of the rates and latencies, the
    requests and errors added up, the largest peak memory, and each
    round's rate and latencies kept.
    """
    errors = {}
    for figures in samples:
        for kind, count in figures["errors"].items():
            errors[kind] = errors.get(kind, 0) + count

    def median(key):
        return statistics.median(figures[key] for figures in samples)

    return {
        "requests_per_second": median("requests_per_second"),
        "p50_ms": median("p50_ms"),
        "p99_ms": median("p99_ms"),
        "mean_ms": median("mean_ms"),
        "requests": sum(figures["requests"] for figures in samples),
        "seconds": sum(figures["seconds"] for figures in samples),
        "errors": errors,
        "error_count": sum(figures["error_count"] for figures in samples),
        "peak_rss_mib": max(figures["peak_rss_mib"] for figures in samples),
        "generator": samples[0]["generator"],
        "rounds": [
            {
                key: figures[key]
                for key in ("requests_per_second", "p50_ms", "p99_ms", "requests")
            }
            for figures in samples
        ],
    }
