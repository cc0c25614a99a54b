"""Provides the Content Security Policy test: parse every policy, intersect them, grade the result."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args
from urllib.parse import unquote

from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "content-security-policy"

Result = Literal[
    "csp-implemented-with-no-unsafe-default-src-none",
    "csp-implemented-with-no-unsafe",
    "csp-implemented-with-unsafe-inline-in-style-src-only",
    "csp-implemented-with-insecure-scheme-in-passive-content-only",
    "csp-implemented-with-unsafe-eval",
    "csp-implemented-with-unsafe-inline",
    "csp-implemented-with-insecure-scheme",
    "csp-implemented-but-duplicate-directives",
    "csp-header-invalid",
    "csp-not-implemented",
    "csp-not-implemented-but-reporting-enabled",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

DANGEROUSLY_BROAD = frozenset(
    {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
)
UNSAFE_INLINE = frozenset({"'unsafe-inline'", "data:"})
BROAD_OR_UNSAFE = DANGEROUSLY_BROAD | UNSAFE_INLINE
PASSIVE_DIRECTIVES = ("img-src", "media-src")
NONCE_HASH_PREFIXES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
# Directives a <meta> policy may not carry (HTML standard); the Observatory drops them there.
META_FORBIDDEN = ("frame-ancestors", "report-uri", "sandbox")
ALLOWED_DUPLICATES = frozenset({"report-uri", "report-to"})
# len("img-src") - 1: the shortest policy the Observatory accepts.
SHORTEST_POLICY = 6
PASSING = frozenset(
    {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
)

Directives = dict[str, set[str]]


class CspInvalid(ValueError):
    """A policy the Observatory rejects (too short, or a repeated directive)."""


@dataclass
class _Source:
    source: str
    index: int
    keep: bool


@dataclass
class ParsedPolicy:
    """The effective policy after intersecting every policy, and repeated report directives."""

    directives: Directives = field(default_factory=dict)
    duplicates: set[str] = field(default_factory=set)


def parse_policies(policies: list[str]) -> ParsedPolicy:
    """Parse and intersect `policies` the way the Observatory does.

    A source survives the intersection only when a later policy allows it too (matching path
    prefixes); a directive left empty becomes `'none'`. Raises CspInvalid for a policy shorter
    than 6 characters or a repeated directive other than report-uri/report-to.
    """
    cleaned = [re.sub(r"[\r\n]", "", policy).strip() for policy in policies]
    parsed = ParsedPolicy()
    if not cleaned:
        return parsed
    for policy in cleaned:
        if len(policy) < SHORTEST_POLICY:
            raise CspInvalid(f"policy too short: {policy!r}")
    csp: dict[str, list[_Source]] = {}
    for index, policy in enumerate(cleaned):
        seen: set[str] = set()
        for entry in policy.split(";"):
            words = entry.split()
            if not words:
                continue
            directive = words[0].lower()
            if directive in seen:
                if directive not in ALLOWED_DUPLICATES:
                    raise CspInvalid(f"repeated directive {directive} in policy {index}")
                parsed.duplicates.add(directive)
            seen.add(directive)
            keep = index == 0
            values = [_Source(word.lower(), index, keep) for word in words[1:]]
            if not values and directive.endswith("-src"):
                values = [_Source("'none'", index, keep)]
            combined = list(values) if index == 0 else [*csp.get(directive, []), *values]
            # The Observatory sorts with a locale collator; code-point order keeps equal sources
            # and prefixes next to each other, which is all the comparisons below look at.
            combined.sort(key=lambda item: item.source)
            for position in range(1, len(combined)):
                current, previous = combined[position], combined[position - 1]
                # Within one policy, a longer source with the same start adds nothing.
                if current.index == previous.index and current.source.startswith(previous.source):
                    current.keep = False
                # Across policies, a source counts only when both policies allow it.
                if current.index != previous.index and _path_part_match(
                    previous.source, current.source
                ):
                    current.keep = True
            csp[directive] = [item for item in combined if item.keep]
            if index == 0 and len(cleaned) > 1:
                # Later policies must re-confirm every source of the first one.
                for item in csp[directive]:
                    item.keep = False
    parsed.directives = {
        directive: {item.source for item in items} if items else {"'none'"}
        for directive, items in csp.items()
    }
    return parsed


def _path_part_match(path_a: str, path_b: str) -> bool:
    if not path_a:
        return True
    if path_a == "/" and not path_b:
        return True
    exact = not path_a.endswith("/")
    parts_a = path_a.split("/")
    parts_b = path_b.split("/")
    if len(parts_a) > len(parts_b):
        return False
    if exact and len(parts_a) != len(parts_b):
        return False
    if not exact:
        parts_a.pop()
    return all(
        _decode_component(a) == _decode_component(b) for a, b in zip(parts_a, parts_b, strict=False)
    )


def _decode_component(piece: str) -> str:
    # JavaScript's decodeURIComponent throws on a malformed escape, which makes the policy invalid.
    if re.search(r"%(?![0-9a-fA-F]{2})", piece):
        raise CspInvalid(f"malformed escape in {piece!r}")
    try:
        return unquote(piece, errors="strict")
    except UnicodeDecodeError as error:
        raise CspInvalid(f"malformed escape in {piece!r}") from error


def _split_policies(values: list[str]) -> list[str]:
    # Repeated headers arrive comma-joined; a comma separates policies (CSP3 2.2).
    return [policy.strip() for value in values for policy in value.split(",")]


def _has_nonce_or_hash(sources: set[str]) -> bool:
    return any(source.startswith(NONCE_HASH_PREFIXES) for source in sources)


@dataclass(frozen=True, slots=True)
class CspAnalysis:
    """The CSP test's result and the effective policy (None when there is no valid policy)."""

    result: Result
    passed: bool
    directives: dict[str, list[str]] | None
    flags: dict[str, bool]


def _trust_nonces(script_src: set[str], style_src: set[str]) -> bool:
    """Drop what a nonce or hash overrides, in place; whether 'strict-dynamic' took effect.

    A nonce or hash voids 'unsafe-inline'; with 'strict-dynamic' it also voids scheme and broad
    sources and 'self' in script-src.
    """
    for sources in (script_src, style_src):
        if _has_nonce_or_hash(sources):
            sources.discard("'unsafe-inline'")
    if not (_has_nonce_or_hash(script_src) and "'strict-dynamic'" in script_src):
        return False
    for source in list(script_src):
        if source.startswith(tuple(DANGEROUSLY_BROAD)) or source in ("'self'", "'unsafe-inline'"):
            script_src.discard(source)
    return True


def analyse(evidence: Evidence) -> CspAnalysis:
    """Grade the page's Content Security Policy (headers and `<meta>`)."""
    response = evidence.response
    if response is None:
        return CspAnalysis("csp-not-implemented", False, None, {})
    header_policies = _split_policies(response.header_lines("content-security-policy"))
    meta_values = list(evidence.page.csp_meta) if evidence.page_is_html else []
    meta_policies = _split_policies(meta_values)
    try:
        parsed = parse_policies([*header_policies, *meta_policies])
    except CspInvalid:
        return CspAnalysis("csp-header-invalid", False, None, {})
    header_only, header_size = _parse_leniently(header_policies, ())
    _meta_only, meta_size = _parse_leniently(meta_policies, META_FORBIDDEN)
    # A <meta> policy holding only directives it may not carry counts as no policy.
    if header_size + meta_size == 0:
        if response.header("content-security-policy-report-only"):
            return CspAnalysis("csp-not-implemented-but-reporting-enabled", False, None, {})
        return CspAnalysis("csp-not-implemented", False, None, {})

    csp = parsed.directives
    result: Result | None = None
    flags: dict[str, bool] = {}
    # The effective lists are the policy's own sets, so removing a source from script-src also
    # removes it from default-src when script-src fell back to it (as in the Observatory).
    base_uri = csp.get("base-uri") or {"*"}
    frame_ancestors = header_only.get("frame-ancestors") or {"*"}
    form_action = csp.get("form-action") or {"*"}
    object_src = csp.get("object-src") or csp.get("default-src") or {"*"}
    script_src = csp.get("script-src") or csp.get("default-src") or {"*"}
    style_src = csp.get("style-src") or csp.get("default-src") or {"*"}

    flags["strictDynamic"] = _trust_nonces(script_src, style_src)
    if "'strict-dynamic'" in script_src and not flags["strictDynamic"]:
        result = "csp-header-invalid"  # 'strict-dynamic' without a nonce or hash to trust

    active_sources = [
        source
        for directive, sources in csp.items()
        if directive not in PASSIVE_DIRECTIVES and directive != "script-src"
        for source in sources
    ]
    if parsed.duplicates:
        # The Observatory keeps its duplicate warnings inside the policy map; their names are
        # never insecure sources, so only their presence matters.
        active_sources.extend(sorted(parsed.duplicates))
    active_sources.extend(script_src)
    passive_sources = [
        source
        for directive in PASSIVE_DIRECTIVES
        for source in (csp.get(directive) or csp.get("default-src") or set())
    ]
    https = evidence.snapshot.auto_is_https

    def insecure(source: str) -> bool:
        return source.startswith(("http:", "ftp:"))

    flags["unsafeInline"] = bool(script_src & BROAD_OR_UNSAFE) or bool(
        object_src & DANGEROUSLY_BROAD
    )
    if flags["unsafeInline"] and result is None:
        result = "csp-implemented-with-unsafe-inline"
    flags["insecureSchemeActive"] = https and any(insecure(s) for s in active_sources)
    if flags["insecureSchemeActive"] and result is None:
        result = "csp-implemented-with-insecure-scheme"
    flags["unsafeEval"] = "'unsafe-eval'" in (script_src | style_src)
    if flags["unsafeEval"] and result is None:
        result = "csp-implemented-with-unsafe-eval"
    flags["insecureSchemePassive"] = https and any(insecure(s) for s in passive_sources)
    if flags["insecureSchemePassive"] and result is None:
        result = "csp-implemented-with-insecure-scheme-in-passive-content-only"
    flags["unsafeInlineStyle"] = bool(style_src & BROAD_OR_UNSAFE)
    if flags["unsafeInlineStyle"] and result is None:
        result = "csp-implemented-with-unsafe-inline-in-style-src-only"
    default_src = csp.get("default-src")
    flags["defaultNone"] = default_src == {"'none'"}
    if result is None:
        result = (
            "csp-implemented-with-no-unsafe-default-src-none"
            if flags["defaultNone"]
            else "csp-implemented-with-no-unsafe"
        )
    flags["antiClickjacking"] = not (frame_ancestors & DANGEROUSLY_BROAD)
    flags["insecureBaseUri"] = bool(base_uri & BROAD_OR_UNSAFE)
    flags["insecureFormAction"] = bool(form_action & DANGEROUSLY_BROAD)
    flags["unsafeObjects"] = bool(object_src & DANGEROUSLY_BROAD)

    passed = result in PASSING
    if passed and parsed.duplicates:
        result = "csp-implemented-but-duplicate-directives"
    directives = {name: sorted(sources) for name, sources in csp.items()}
    return CspAnalysis(result, passed, directives, flags)


def _parse_leniently(policies: list[str], dropped: tuple[str, ...]) -> tuple[Directives, int]:
    """Parse `policies` alone, treating an invalid one as absent; also the Observatory's map size.

    The size counts the Observatory's duplicate-warning entry, which it keeps in the same map.
    """
    try:
        parsed = parse_policies(policies)
    except CspInvalid:
        return {}, 0
    directives = {k: v for k, v in parsed.directives.items() if k not in dropped}
    return directives, len(directives) + (1 if parsed.duplicates else 0)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `content-security-policy` test."""
    analysis = analyse(evidence)
    data: dict[str, object] = {}
    if analysis.directives is not None:
        data = {"policy": analysis.directives, **analysis.flags}
    return Outcome(NAME, analysis.result, analysis.passed, data)
