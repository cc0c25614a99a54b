"""The advice data: every result, test, finding and error has its text in both languages."""

from __future__ import annotations

from typing import get_args

import pytest

from cisec.scan import advice, checks, findings
from cisec.scan.grade import SCORE_TABLE
from cisec.scan.snapshot import FailureKind, RedirectStop


@pytest.mark.parametrize("language", advice.LANGUAGES)
def test_every_result_has_a_reason(language: advice.Language) -> None:
    for result in SCORE_TABLE:
        assert advice.result_reason(result, language) != result, result


@pytest.mark.parametrize("language", advice.LANGUAGES)
def test_every_test_has_a_fix_with_snippets(language: advice.Language) -> None:
    for name in checks.TEST_NAMES:
        fix = advice.test_fix(name, language)
        assert fix.title and fix.why and fix.fix and fix.hosted
        if name != "subresource-integrity":  # SRI is fixed in the page's HTML, not the server
            assert set(advice.SERVERS) <= set(fix.snippets), name


@pytest.mark.parametrize("language", advice.LANGUAGES)
def test_every_finding_and_error_has_text(language: advice.Language) -> None:
    for module in findings.CHECKS:
        for kind in module.KINDS:
            text = advice.finding_text(kind, {}, language)
            assert text.title and text.fix, kind
    for kind in [*get_args(FailureKind), *get_args(RedirectStop), "status"]:
        assert advice.error_sentence(kind, {}, language), kind


def test_chinese_is_not_english() -> None:
    for name in checks.TEST_NAMES:
        assert advice.test_fix(name, "en").fix != advice.test_fix(name, "zh-Hant").fix


def test_hostile_details_do_not_break_templates() -> None:
    text = advice.finding_text("information-leaking-headers", {"headers": "{0} {x} %s"}, "en").title
    assert "{0} {x} %s" in text
