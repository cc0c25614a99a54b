"""Random and mutated YAML never raises anything but a ContentError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cisec.content.catalogue import shared_scales
from cisec.content.loader import parse_questionnaire
from cisec.content.problems import ContentError

FIXTURE = (Path(__file__).parent / "data" / "content" / "fixture.yaml").read_text(encoding="utf-8")
LINES = FIXTURE.splitlines(keepends=True)
SCALES = shared_scales()
# Fragments that reach the less travelled parts of a YAML parser: tags, anchors, aliases,
# merge keys, complex keys, timestamps, block scalars, flow collections.
TOKENS = [
    *list("abc: -[]{}'\"#|>%@`\n\t0129"),
    "!foo ",
    "!!binary ",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "2026-13-45",
    "yes",
    "no",
    "~",
    "- ",
    "  ",
    "id: ",
    "scale: ",
    "question: ",
    "{en: x, zh-Hant: y}",
    "!!python/object ",
]


def parse(text: str) -> None:
    try:
        parse_questionnaire(text, "fuzz.yaml", SCALES)
    except ContentError as error:
        assert error.problems, "a ContentError always carries at least one problem"
        for problem in error.problems:
            assert problem.path == "fuzz.yaml"
            # YAML counts NEL, LS and PS as line breaks too (and CR on its own).
            breaks = sum(text.count(mark) for mark in ("\n", "\r", "\x85", "\u2028", "\u2029"))
            assert problem.line is None or 1 <= problem.line <= breaks + 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    parse(text)


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(yaml_values)
def test_random_structures(value: object) -> None:
    import yaml

    parse(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "replace", "insert", "indent", "dedent"]),
            st.integers(min_value=0, max_value=len(LINES) - 1),
            st.lists(st.sampled_from(TOKENS), max_size=6).map("".join),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_fixture(mutations: list[tuple[str, int, str]]) -> None:
    lines = list(LINES)
    for operation, index, text in mutations:
        index %= max(len(lines), 1)
        if not lines:
            break
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "replace":
            lines[index] = text + "\n"
        elif operation == "insert":
            lines.insert(index, text + "\n")
        elif operation == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].lstrip()
    parse("".join(lines))
