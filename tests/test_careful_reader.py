"""The careful reader of cisec's own JSON files: each hostile shape is one named refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factory import big_assessment

from cisec.durable import MAX_DEPTH, MAX_NUMBER_CHARS
from cisec.store import AssessmentFileError, load_assessment, save_assessment
from cisec.workshop.answers import AnswersFileError, load_answers


def _valid(tmp_path: Path) -> str:
    path = tmp_path / "valid.cisec.json"
    save_assessment(path, big_assessment(2))
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


def _with_value(text: str, raw: str) -> bytes:
    """The valid assessment with the organisation's name replaced by raw JSON text."""
    return text.replace('"Example Ltd"', raw).encode("utf-8")


@pytest.mark.parametrize(
    ("raw", "words", "words_zh"),
    [
        ("[" * 100_000 + "]" * 100_000, f"nested more than {MAX_DEPTH} levels deep", "嵌套超過"),
        ("[" * 100_000, f"nested more than {MAX_DEPTH} levels deep", "嵌套超過"),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, "nested more than", "嵌套超過"),
        ("9" * 5000, f"a number longer than {MAX_NUMBER_CHARS} characters", "有數字長於"),
        ("-0." + "1" * 100, f"a number longer than {MAX_NUMBER_CHARS} characters", "有數字長於"),
        ("1e999", "a number too large (1e999)", "有數字過大"),
        ("NaN", "NaN, which JSON does not allow", "不容許"),
        ("-Infinity", "-Infinity, which JSON does not allow", "不容許"),
        ('"\\ud800 half"', "half of a character", "半個字元"),
    ],
    ids=[
        "deep",
        "unclosed",
        "deep-objects",
        "long-int",
        "long-float",
        "huge",
        "nan",
        "inf",
        "half",
    ],
)
def test_hostile_values_are_refused_by_name(
    tmp_path: Path, raw: str, words: str, words_zh: str
) -> None:
    path = tmp_path / "hostile.cisec.json"
    content = _with_value(_valid(tmp_path), raw)
    path.write_bytes(content)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    error = caught.value
    assert words in error.message and error.message.startswith(f"{path}: ")
    assert "\n" not in error.message
    assert words_zh in error.message_zh
    assert "left untouched" in error.next_step and "沒有被改動" in error.next_step_zh
    assert path.read_bytes() == content
    assert [p for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == [path]


def test_depth_inside_strings_does_not_count(tmp_path: Path) -> None:
    path = tmp_path / "a.cisec.json"
    content = _with_value(_valid(tmp_path), json.dumps("[{" * 1000 + '\\" ]'))
    path.write_bytes(content)
    assert load_assessment(path).organisation == "[{" * 1000 + '\\" ]'


def test_a_utf8_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.cisec.json"
    content = b"\xef\xbb\xbf" + _valid(tmp_path).encode("utf-8")
    path.write_bytes(content)
    assert load_assessment(path) == big_assessment(2)
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),  # with a byte-order mark
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_refused_by_name(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / "wide.cisec.json"
    content = _valid(tmp_path).encode(encoding)
    path.write_bytes(content)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert f"{name} text, not UTF-8" in caught.value.message
    assert "Save it as UTF-8" in caught.value.next_step
    assert f"{name} 文字" in caught.value.message_zh and "UTF-8" in caught.value.next_step_zh
    assert path.read_bytes() == content


def test_a_hostile_key_is_shown_on_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "keys.cisec.json"
    document = json.loads(_valid(tmp_path))
    document["answers"]["line\nbreak\x1b[31m" + "x" * 500] = {"value": []}
    content = json.dumps(document).encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    message = caught.value.message
    assert "\n" not in message and "\x1b" not in message
    assert "answers.line?break?[31mxxx" in message and len(message) < len(str(path)) + 250
    assert path.read_bytes() == content


def test_the_next_step_names_the_backup_when_there_is_one(tmp_path: Path) -> None:
    path = tmp_path / "a.cisec.json"
    save_assessment(path, big_assessment(1))
    save_assessment(path, big_assessment(2))
    path.write_bytes(b"[" * 1000)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert "The previous version is in a.cisec.json.bak." in caught.value.next_step
    assert "a.cisec.json.bak" in caught.value.next_step_zh


def test_participant_files_are_read_as_carefully(tmp_path: Path) -> None:
    path = tmp_path / "team.workshop.json"
    for content, words in [
        (b"[" * 100_000, "nested more than"),
        (b'{"format": "cisec-workshop-answers", "format_version": ' + b"1" * 5000 + b"}", "number"),
        ('{"format": "x"}'.encode("utf-16"), "UTF-16"),
    ]:
        path.write_bytes(content)
        with pytest.raises(AnswersFileError) as caught:
            load_answers(path)
        assert words in caught.value.message and "participant file" in caught.value.message
        assert caught.value.next_step
        assert path.read_bytes() == content


def test_deep_nesting_is_a_sentence_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "deep.cisec.json"
    path.write_bytes(
        b'{"format": "cisec-assessment", "a": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    )
    result = subprocess.run(
        [sys.executable, "-m", "cisec", "score", str(path)],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"cisec: {path}: nested more than {MAX_DEPTH} levels deep")
    assert "Traceback" not in result.stderr
