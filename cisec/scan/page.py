"""Provides what a page's HTML declares to the scan: meta policies, scripts and embedded resources.

Hostile pages are expected: the standard library's forgiving parser never raises on bad markup,
and the body it reads is already capped by the fetcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose URL attribute loads a sub-resource, and whether a browser treats it as active
# (able to change the page: scripts, styles, frames) or passive (images, media).
_RESOURCE_ATTRIBUTES: dict[str, tuple[str, bool]] = {
    "script": ("src", True),
    "iframe": ("src", True),
    "frame": ("src", True),
    "img": ("src", False),
    "video": ("src", False),
    "audio": ("src", False),
    "source": ("src", False),
    "form": ("action", True),
}


@dataclass(frozen=True, slots=True)
class Script:
    """One `<script>` element: its `src` (None when inline) and SRI attributes."""

    src: str | None
    integrity: str | None
    crossorigin: str | None


@dataclass(frozen=True, slots=True)
class Resource:
    """A URL the page loads (or submits to), for the mixed-content check."""

    tag: str
    url: str
    active: bool


@dataclass(frozen=True, slots=True)
class Page:
    """The parts of an HTML page the checks read."""

    csp_meta: tuple[str, ...] = ()  # every <meta http-equiv=content-security-policy content>
    referrer_meta: str | None = None  # the last <meta name=referrer content>
    scripts: tuple[Script, ...] = ()
    resources: tuple[Resource, ...] = ()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp_meta: list[str] = []
        self.referrer_meta: str | None = None
        self.scripts: list[Script] = []
        self.resources: list[Resource] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes: dict[str, str | None] = {}
        for name, value in attrs:
            # The first occurrence of an attribute wins, as in browsers.
            attributes.setdefault(name, value)
        if tag == "meta":
            self._meta(attributes)
        elif tag == "script":
            src = attributes.get("src")
            self.scripts.append(
                Script(
                    src=src.strip() if src is not None else None,
                    integrity=attributes.get("integrity"),
                    crossorigin=attributes.get("crossorigin"),
                )
            )
        if tag == "link":
            rel = (attributes.get("rel") or "").lower().split()
            href = attributes.get("href")
            if "stylesheet" in rel and href:
                self.resources.append(Resource("link", href.strip(), True))
            return
        spec = _RESOURCE_ATTRIBUTES.get(tag)
        if spec is not None:
            url = attributes.get(spec[0])
            if url:
                self.resources.append(Resource(tag, url.strip(), spec[1]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _meta(self, attributes: dict[str, str | None]) -> None:
        content = attributes.get("content")
        if content is None:
            return
        http_equiv = attributes.get("http-equiv")
        if http_equiv is not None:
            if http_equiv.strip().lower() == "content-security-policy":
                self.csp_meta.append(content)
        elif (attributes.get("name") or "").strip().lower() == "referrer":
            # Only the last referrer meta counts, as in the Observatory.
            self.referrer_meta = content


def parse_page(html: str) -> Page:
    """Read the meta policies, scripts and sub-resources of `html`."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return Page(
        csp_meta=tuple(parser.csp_meta),
        referrer_meta=parser.referrer_meta,
        scripts=tuple(parser.scripts),
        resources=tuple(parser.resources),
    )
