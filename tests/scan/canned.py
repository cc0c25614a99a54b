"""Canned snapshots for the unit tests: a site described by its headers and page, no network."""

from __future__ import annotations

from datetime import UTC, datetime

from cisec.scan.checks import Evidence
from cisec.scan.snapshot import Chain, Response, SiteSnapshot

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
Headers = list[tuple[str, str]]


def site(
    headers: Headers | None = None,
    *,
    body: str = "",
    content_type: str | None = "text/html; charset=utf-8",
    https: bool = True,
    http_route: list[str] | None = None,
    verified: bool = True,
    host: str = "example.com",
    cors: Headers | None = None,
    robots: Headers | None = None,
) -> SiteSnapshot:
    """A snapshot of `host` whose graded page sends `headers` (plus a Content-Type) and `body`.

    `http_route` lists the URLs of the http://host/ chain (default: one hop to https://host/).
    """
    page_headers = list(headers or [])
    if content_type is not None:
        page_headers.append(("Content-Type", content_type))
    scheme = "https" if https else "http"
    page = Response(f"{scheme}://{host}/", 200, tuple(page_headers))
    main = Chain((page,), verified=verified, body=body)
    route = http_route if http_route is not None else [f"http://{host}/", f"https://{host}/"]
    if not route:
        http_chain = None
    elif https:
        hops = [Response(url, 301, (("Location", "x"),)) for url in route[:-1]]
        http_chain: Chain | None = Chain(
            (*hops, Response(route[-1], 200, tuple(page_headers))), verified=verified
        )
        if route[-1] == page.url:
            http_chain = Chain((*hops, page), verified=verified, body=body)
    else:
        http_chain = main
    return SiteSnapshot(
        target=host,
        host=host,
        fetched_at=NOW,
        http=http_chain,
        https=main if https else None,
        cors=Response(page.url, 200, tuple(cors or [])),
        cors_origin="https://http-observatory.security.mozilla.org",
        robots=Response(f"{scheme}://{host}/robots.txt", 200, tuple(robots or []))
        if robots
        else None,
    )


def evidence(headers: Headers | None = None, **kwargs: object) -> Evidence:
    """The evidence of `site(headers, **kwargs)`."""
    return Evidence.of(site(headers, **kwargs))  # type: ignore[arg-type]
