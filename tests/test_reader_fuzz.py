"""Whatever bytes a reader meets, it answers with one sentence and exit 2, and leaves them as they were.

Each of cisec's readers of its own files is driven through the command that uses it: `cisec
score` and `cisec answer` (assessment files) and `cisec workshop merge` (participant files).
The bytes are random, or a valid file mutated: a subtree replaced, tokens spliced into the
text (deep nesting, long numbers, NaN, half surrogates, byte-order marks), re-encoded.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cisec.cli import cli

DATA = Path(__file__).parent / "data"
FIXTURE_QUESTIONNAIRE = DATA / "content" / "fixture.yaml"
FIXTURE_PACK = Path(__file__).parent / "workshop" / "data" / "fixture-drill.yaml"

FUZZ = settings(
    max_examples=int(os.environ.get("CISEC_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A user folder with the fixture questionnaire and pack, and one valid file of each kind."""
    root = tmp_path_factory.mktemp("fuzz")
    data = root / "cisec-data"
    (data / "questionnaires").mkdir(parents=True)
    (data / "exercises").mkdir()
    shutil.copy(FIXTURE_QUESTIONNAIRE, data / "questionnaires" / "fixture.yaml")
    shutil.copy(FIXTURE_PACK, data / "exercises" / FIXTURE_PACK.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CISEC_DATA_DIR", str(data))
        patch.setenv("CISEC_WORKSHOP_DIR", str(data / "workshop"))
        from cisec.services import workshop

        runner = CliRunner()
        assessment = root / "valid.cisec.json"
        assert runner.invoke(cli, ["new", "-q", "fixture", "-o", str(assessment)]).exit_code == 0
        for question, value in [("designated", "yes"), ("practice.cctv", "3")]:
            answered = runner.invoke(cli, ["answer", str(assessment), question, value])
            assert answered.exit_code == 0, answered.output
        practice = workshop.start_practice("fixture-drill", "Team Fuzz")
        practice.answer("deadline", ["h12"])
        yield {
            "root": root,
            "assessment": json.loads(assessment.read_text(encoding="utf-8")),
            "participant": json.loads(practice.path.read_text(encoding="utf-8")),
        }


# Replacements for a subtree: every JSON type, deep and wide values, odd numbers and text.
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", "yes", "na", "unknown", "2026-13-45", "sha256:" + "0" * 64, "\x00\n"]),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Spliced into the JSON text as is: what json.dumps would never write.
raw_tokens = st.sampled_from(
    [
        "[" * 5000,
        "{" * 40,
        '{"a":' * 3000,
        "9" * 5000,
        "-" + "1" * 4400,
        "1" * 41,
        "0." + "3" * 60,
        "1e999",
        "-1e400",
        "NaN",
        "Infinity",
        '"\\ud800"',
        '"\\udfff\\ud800"',
        "\ufeff",
        "\x00",
        "]",
        "}",
        ",",
        '"',
        "\\",
    ]
)
SPLICE = "cisec-fuzz-splice"
encodings = st.sampled_from(
    ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"]
)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy: Any = dict(document) if isinstance(document, dict) else list(document)
    copy[path[0]] = _replace(document[path[0]], path[1:], value)
    return copy


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> bytes:
    """A valid document with a subtree replaced, tokens spliced in, and re-encoded."""
    paths = _paths(document)
    for _ in range(draw(st.integers(0, 3))):
        document = _replace(document, draw(st.sampled_from(paths)), draw(json_values))
        paths = _paths(document)
    # A value json.dumps would never write, in a place where a value goes.
    token = draw(raw_tokens)
    if draw(st.booleans()):
        document = _replace(document, draw(st.sampled_from(paths)), SPLICE)
    text = json.dumps(document, ensure_ascii=draw(st.booleans())).replace(f'"{SPLICE}"', token)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(raw_tokens) + text[at:]
    encoding = draw(encodings)
    return text.encode(encoding, errors="surrogatepass")


def assert_refused_in_one_sentence(args: list[str], file: Path, content: bytes) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        return  # the mutation left a valid file
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("cisec: ") and lines[0].rstrip().endswith((".", "。", ")")), lines
    assert str(file.name) in result.stderr
    assert all(line.startswith("       ") for line in lines[1:]), lines
    assert file.read_bytes() == content


def _write(files: dict[str, Any], name: str, content: bytes) -> Path:
    path: Path = files["root"] / name
    path.write_bytes(content)
    for extra in path.parent.glob(f"{name}.bak"):
        extra.unlink()
    return path


@FUZZ
@given(content=st.binary(max_size=300))
def test_score_refuses_random_bytes(files: dict[str, Any], content: bytes) -> None:
    file = _write(files, "random.cisec.json", content)
    assert_refused_in_one_sentence(["score", str(file)], file, content)


@FUZZ
@given(data=st.data())
def test_score_refuses_a_mutated_assessment(files: dict[str, Any], data: st.DataObject) -> None:
    content = data.draw(mutated(files["assessment"]))
    file = _write(files, "mutated.cisec.json", content)
    result = CliRunner().invoke(cli, ["score", "--json", str(file)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 2), result.output
    assert file.read_bytes() == content
    assert_refused_in_one_sentence(["score", str(file)], file, content)


@FUZZ
@given(data=st.data())
def test_answer_refuses_a_mutated_assessment(files: dict[str, Any], data: st.DataObject) -> None:
    content = data.draw(mutated(files["assessment"]))
    file = _write(files, "answered.cisec.json", content)
    result = CliRunner().invoke(cli, ["answer", str(file), "practice.power", "2"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("cisec: ")
        assert file.read_bytes() == content
        return
    # Accepted: what was saved reads back, with the answer in it.
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert saved["answers"]["practice.power"]["value"] == 2
    assert CliRunner().invoke(cli, ["score", str(file)]).exit_code == 0


@FUZZ
@given(content=st.binary(max_size=300))
def test_answer_refuses_random_bytes(files: dict[str, Any], content: bytes) -> None:
    file = _write(files, "random-answer.cisec.json", content)
    assert_refused_in_one_sentence(["answer", str(file), "designated", "yes"], file, content)


@FUZZ
@given(data=st.data())
def test_workshop_merge_refuses_a_mutated_participant_file(
    files: dict[str, Any], data: st.DataObject
) -> None:
    content = data.draw(st.one_of(mutated(files["participant"]), st.binary(max_size=200)))
    file = _write(files, "team.workshop.json", content)
    out = files["root"] / "results.json"
    result = CliRunner().invoke(cli, ["workshop", "merge", str(file), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 2), result.output
    assert file.read_bytes() == content
    if result.exit_code == 2:
        assert result.stderr.startswith("cisec: ")
    if out.exists():
        os.unlink(out)
