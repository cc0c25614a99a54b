"""Provides the twelve Observatory tests (algorithm version 6), each a pure function of the evidence.

Each module declares its test `NAME` and `POSSIBLE_RESULTS` with the Observatory's own names,
verbatim, so a result here can be compared with the Observatory's output.
"""

from __future__ import annotations

from cisec.scan.checks import (
    coep,
    cookies,
    coop,
    corp,
    cors,
    csp,
    hsts,
    redirection,
    referrer,
    sri,
    x_content_type_options,
    x_frame_options,
)
from cisec.scan.checks.evidence import Evidence, Outcome

# In the Observatory's order (its scanner runs and reports them in this order).
TESTS = (
    csp,
    cookies,
    cors,
    redirection,
    referrer,
    hsts,
    sri,
    x_content_type_options,
    x_frame_options,
    corp,
    coop,
    coep,
)

TEST_NAMES: tuple[str, ...] = tuple(test.NAME for test in TESTS)


def run_tests(evidence: Evidence) -> dict[str, Outcome]:
    """Every test's outcome, keyed by the Observatory test name."""
    return {test.NAME: test.check(evidence) for test in TESTS}


__all__ = ["TESTS", "TEST_NAMES", "Evidence", "Outcome", "run_tests"]
