"""The arithmetic of the load figures: percentiles and one run's summary."""
import math

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


def load_figures(requests, seconds, p50_ms, p99_ms, mean_ms, errors,
                 generator):
    """One load run's figures as the results file keeps them.

    ``errors`` maps failure kinds (see :data:`FAILURE_KINDS`, plus wrk's
    informative ``status``) to counts.
    """
    return {
        "requests": requests,
        "seconds": seconds,
        "requests_per_second": requests / seconds if seconds else 0.0,
        "p50_ms": p50_ms,
        "p99_ms": p99_ms,
        "mean_ms": mean_ms,
        "errors": dict(errors),
        "error_count": sum(errors.get(kind, 0) for kind in FAILURE_KINDS),
        "generator": generator,
    }
