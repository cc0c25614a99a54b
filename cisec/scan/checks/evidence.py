"""Provides the evidence the tests read (the snapshot plus its parsed page and cookie jar) and their outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cisec.scan.cookie import Cookie, cookie_jar
from cisec.scan.page import Page, parse_page
from cisec.scan.snapshot import HTML_TYPES, Response, SiteSnapshot


@dataclass(frozen=True, slots=True)
class Outcome:
    """One test's result name (verbatim from the Observatory) and whether it passes."""

    name: str
    result: str
    passed: bool
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A snapshot with what is derived from it once: the graded response, page and cookies."""

    snapshot: SiteSnapshot
    page: Page
    page_is_html: bool  # Content-Type is text/html or application/xhtml+xml
    cookies: tuple[Cookie, ...]

    @property
    def response(self) -> Response | None:
        """The final response of the graded chain (the Observatory's `auto`)."""
        auto = self.snapshot.auto
        return auto.final if auto is not None else None

    @classmethod
    def of(cls, snapshot: SiteSnapshot) -> Evidence:
        """Parse the page and fill the cookie jar of `snapshot`."""
        auto = snapshot.auto
        page = Page()
        page_is_html = False
        if auto is not None:
            media_type = auto.final.declared_type
            page_is_html = media_type in HTML_TYPES
            # A page without a Content-Type is still read for scripts, as the Observatory does.
            if (page_is_html or not media_type) and auto.body:
                page = parse_page(auto.body)
        set_cookies: list[tuple[str, str]] = []
        if auto is not None:
            for response in auto.responses:
                set_cookies.extend(
                    (response.url, line) for line in response.header_lines("set-cookie")
                )
        if snapshot.robots is not None:
            robots = snapshot.robots
            set_cookies.extend((robots.url, line) for line in robots.header_lines("set-cookie"))
        return cls(
            snapshot=snapshot,
            page=page,
            page_is_html=page_is_html,
            cookies=tuple(cookie_jar(set_cookies)),
        )
