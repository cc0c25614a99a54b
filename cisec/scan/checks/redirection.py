"""Provides the redirection test: does http://host/ send visitors to HTTPS, and how."""

from __future__ import annotations

from typing import Literal, get_args
from urllib.parse import urlsplit

from cisec.scan.checks.evidence import Evidence, Outcome
from cisec.scan.domain import is_preloaded

NAME = "redirection"

Result = Literal[
    "redirection-all-redirects-preloaded",
    "redirection-to-https",
    "redirection-not-needed-no-http",
    "redirection-off-host-from-http",
    "redirection-not-to-https-on-initial-redirection",
    "redirection-not-to-https",
    "redirection-missing",
    "redirection-invalid-cert",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

PASSING = frozenset(
    {
        "redirection-to-https",
        "redirection-not-needed-no-http",
        "redirection-all-redirects-preloaded",
    }
)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `redirection` test (route = the http://host/ chain)."""
    chain = evidence.snapshot.http
    result: Result
    data: dict[str, object] = {}
    if chain is None:
        result = "redirection-not-needed-no-http"
    elif not chain.verified:
        result = "redirection-invalid-cert"
    else:
        route = [urlsplit(response.url) for response in chain.responses]
        data["route"] = [response.url for response in chain.responses][:20]
        if all(is_preloaded(hop.hostname or "") for hop in route):
            result = "redirection-all-redirects-preloaded"
        elif len(route) == 1:
            result = "redirection-missing"
        elif route[-1].scheme != "https":
            result = "redirection-not-to-https"
        elif route[1].scheme == "http":
            result = "redirection-not-to-https-on-initial-redirection"
        elif (
            route[0].scheme == "http"
            and route[1].scheme == "https"
            and route[0].hostname != route[1].hostname
        ):
            result = "redirection-off-host-from-http"
        else:
            result = "redirection-to-https"
    return Outcome(NAME, result, result in PASSING, data)
