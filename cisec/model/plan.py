"""Provides the remediation plan: who fixes each gap, by when, and where that work stands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PlanStatus = Literal["open", "in-progress", "done", "risk-accepted"]
PLAN_STATUSES: tuple[PlanStatus, ...] = ("open", "in-progress", "done", "risk-accepted")
# A plan item in one of these needs no more work, so its due date can no longer be missed.
SETTLED_STATUSES: frozenset[PlanStatus] = frozenset({"done", "risk-accepted"})
# What next year's assessment (`cisec new --from`) takes over: the work not finished, and the
# accepted risks, whose acceptance stands until someone reviews it. A done item stays behind.
CARRIED_STATUSES: frozenset[PlanStatus] = frozenset({"open", "in-progress", "risk-accepted"})

# Free text in a plan is read back from files anyone may craft: bounded like notes are.
_Text = Annotated[str, Field(max_length=10_000)]
_Name = Annotated[str, Field(max_length=500)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Milestone(_Record):
    """A dated step on the way to closing a gap."""

    date: dt.date
    text: Annotated[str, Field(min_length=1, max_length=1_000)]


class RiskAcceptance(_Record):
    """Why a gap is left open on purpose, and who decided so."""

    justification: Annotated[str, Field(min_length=1, max_length=10_000)]
    accepted_by: Annotated[str, Field(min_length=1, max_length=500)]
    accepted_on: dt.date | None = None


class PlanItem(_Record):
    """The remediation of one gap, keyed in the assessment by the gap's question id."""

    owner: _Name = ""
    due: dt.date | None = None
    status: PlanStatus = "open"
    risk_acceptance: RiskAcceptance | None = None
    milestones: list[Milestone] = []
    note: _Text = ""
    updated_at: dt.datetime | None = None
    # When the item became done (set by cisec when the status turns to done): next year's
    # trend tells "closed on time" from "closed late" by this date against `due`.
    closed_on: dt.date | None = None

    @model_validator(mode="after")
    def _accepted_risk_is_justified(self) -> PlanItem:
        if self.status == "risk-accepted" and self.risk_acceptance is None:
            raise ValueError(
                "a risk-accepted plan item needs risk_acceptance (justification, accepted_by)"
            )
        return self

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the item is past its due date with its work not finished."""
        return self.due is not None and self.due < today and self.status not in SETTLED_STATUSES


def carried_items(plan: dict[str, PlanItem]) -> dict[str, PlanItem]:
    """The items of last year's plan that next year's assessment starts with (a copy)."""
    return {
        question_id: item.model_copy(deep=True, update={"closed_on": None})
        for question_id, item in plan.items()
        if item.status in CARRIED_STATUSES
    }
