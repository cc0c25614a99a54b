"""The report's method section states the kind factors scoring.py actually uses."""

from __future__ import annotations

from cisec.scoring import KIND_FACTOR_CRITICAL, KIND_FACTOR_PRACTICE, KIND_FACTOR_STATUTORY
from cisec.wording import SCORING_METHOD as METHOD


def test_method_states_the_kind_factors() -> None:
    english = " ".join(en for en, _ in METHOD)
    chinese = " ".join(zh for _, zh in METHOD)
    assert (
        f"the factor is {KIND_FACTOR_STATUTORY:g} for a statutory duty, "
        f"{KIND_FACTOR_CRITICAL:g} for a critical control and "
        f"{KIND_FACTOR_PRACTICE:g} for other good practice"
    ) in english
    assert (
        f"法定責任的系數為{KIND_FACTOR_STATUTORY:g}，關鍵控制措施為{KIND_FACTOR_CRITICAL:g}，"
        f"其他良好作業模式為{KIND_FACTOR_PRACTICE:g}"
    ) in chinese
