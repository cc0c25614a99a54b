"""The report's method section states the kind factors scoring.py actually uses."""

from __future__ import annotations

from cisec.scoring import (
    KIND_FACTOR_CODE_OF_PRACTICE,
    KIND_FACTOR_CRITICAL,
    KIND_FACTOR_PRACTICE,
    KIND_FACTOR_STATUTORY,
)
from cisec.wording import SCORING_METHOD as METHOD


def test_method_states_the_kind_factors() -> None:
    english = " ".join(en for en, _ in METHOD)
    chinese = " ".join(zh for _, zh in METHOD)
    assert (
        f"the factor is {KIND_FACTOR_STATUTORY:g} for an Ordinance duty, "
        f"{KIND_FACTOR_CODE_OF_PRACTICE:g} for a Code of Practice expectation, "
        f"{KIND_FACTOR_CRITICAL:g} for a critical control and "
        f"{KIND_FACTOR_PRACTICE:g} for other good practice"
    ) in english
    assert (
        f"條例責任的系數為{KIND_FACTOR_STATUTORY:g}，《實務守則》要求為"
        f"{KIND_FACTOR_CODE_OF_PRACTICE:g}，關鍵控制措施為{KIND_FACTOR_CRITICAL:g}，"
        f"其他良好作業模式為{KIND_FACTOR_PRACTICE:g}"
    ) in chinese


def test_priority_runs_ordinance_then_code_then_any_practice() -> None:
    assert KIND_FACTOR_STATUTORY > KIND_FACTOR_CODE_OF_PRACTICE > KIND_FACTOR_CRITICAL
    assert KIND_FACTOR_CRITICAL > KIND_FACTOR_PRACTICE
