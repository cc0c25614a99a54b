"""Provides the report's view model: every word, number and chart the templates print.

Each piece of text is a list of phrases, one per language shown, each tagged with its `lang`,
so one template pairs English and Chinese everywhere (`cisec.wording.Phrase`). `cisec.report.view`
builds these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cisec.model.text import Edition
from cisec.report import charts
from cisec.wording import Phrase as Phrase
from cisec.wording import Words as Words


@dataclass(frozen=True)
class CoverField:
    """A labelled value on the cover."""

    name: Words
    value: Words


@dataclass(frozen=True)
class Cover:
    """The cover page."""

    title: Words
    marking: Words
    organisation: Phrase
    questionnaire: Words
    fields: list[CoverField]


@dataclass(frozen=True)
class Action:
    """One of the top actions on the summary page."""

    rank: int
    question_id: str
    question: Words
    kind: Words
    kind_class: str
    remediation: Words


@dataclass(frozen=True)
class TierStatus:
    """How the questions of one legal tier stand: Ordinance duties or Code of Practice ones."""

    kind: str
    title: Words
    detail: Words
    meaning: Words
    chart: charts.Chart | None


@dataclass(frozen=True)
class Summary:
    """The executive summary."""

    overall: str
    coverage: str
    coverage_detail: Words
    tiers: list[TierStatus]
    section_chart: charts.Chart
    radar: charts.Chart | None
    gap_counts: Words
    actions: list[Action]
    no_actions: Words


@dataclass(frozen=True)
class CalendarRow:
    """One statutory deadline."""

    title: Words
    reference: str
    due: Words
    last_done: Words
    status: Words
    status_class: str
    confidence: Words
    note: Words


@dataclass(frozen=True)
class PlanCells:
    """What a gap row shows of its plan item: owner, due date, status (blank when unplanned)."""

    owner: Phrase | None
    due: Words
    status: Words
    status_class: str  # the plan status, or "overdue" when its date has passed
    overdue: bool


@dataclass(frozen=True)
class PlanStatusCount:
    """How many plan items are in one status."""

    status: str
    title: Words
    count: int


@dataclass(frozen=True)
class PlanStatusView:
    """The plan at a glance: gaps planned (an owner or a date), items by status, overdue."""

    summary: Words
    counts: list[PlanStatusCount]
    overdue: Words


@dataclass(frozen=True)
class GapRow:
    """One gap in the remediation table, with its plan item (blank cells when unplanned)."""

    rank: int
    question_id: str
    question: Words
    references: str
    answer: Words
    note: Phrase | None
    evidence: list[Phrase]
    expected: Words
    remediation: Words
    priority: str
    plan: PlanCells = field(default_factory=lambda: PlanCells(None, [], [], "", False))


@dataclass(frozen=True)
class GapGroup:
    """Gaps of one tier (Ordinance, Code of Practice, good practice) or below the declared level."""

    anchor: str
    title: Words
    intro: Words
    rows: list[GapRow]


@dataclass(frozen=True)
class PracticeSection:
    """One section's good-practice gaps in the board edition: how many, the first few listed."""

    number: int
    title: Words
    count: int
    listed: list[GapRow]
    more: Words


@dataclass(frozen=True)
class PracticeSummary:
    """The board edition's good-practice gaps, summarised per section instead of listed."""

    total: Words
    sections: list[PracticeSection]


@dataclass(frozen=True)
class SectionRow:
    """A section's score and coverage."""

    number: int
    title: Words
    score: str
    coverage: str
    answered: str
    gaps: int
    skipped: Words


@dataclass(frozen=True)
class LayerRow:
    """A practice layer's score (data-centre questionnaire)."""

    name: Words
    score: str
    questions: int
    gaps: int


@dataclass(frozen=True)
class AnswerRow:
    """One question with its answer, note and evidence."""

    question_id: str
    question: Words
    references: str
    answer: Words
    state_class: str
    score: str
    note: Phrase | None
    evidence: list[Phrase]
    gap: Words
    flagged: Words


@dataclass(frozen=True)
class AnswerSection:
    """One section of the full answer list."""

    number: int
    title: Words
    rows: list[AnswerRow]


@dataclass(frozen=True)
class Justification:
    """A not-applicable answer and why."""

    question_id: str
    question: Words
    note: Phrase


@dataclass(frozen=True)
class TrendSectionRow:
    """A section's score last year, this year, and the change (number 0: the overall row)."""

    number: int
    title: Words
    previous: str
    current: str
    change: str
    change_class: str


@dataclass(frozen=True)
class TrendItem:
    """A question named in the trend: a closed or new gap, a regression or an improvement."""

    question_id: str
    question: Words
    detail: Words


@dataclass(frozen=True)
class TrendGroup:
    """One list of the trend: gaps closed, new gaps, regressions or improvements."""

    title: Words
    intro: Words
    items: list[TrendItem]
    count: int = 0
    more: Words = field(default_factory=list)


@dataclass(frozen=True)
class TrendView:
    """The trend section."""

    intro: Words
    overall: TrendSectionRow
    sections: list[TrendSectionRow]
    chart: charts.Chart
    radar: charts.Chart | None
    groups: list[TrendGroup]
    improvements: Words
    # How last year's remediation plan items ended: on time, late, not closed (empty without).
    plan_outcomes: list[TrendGroup] = field(default_factory=list)
    brief: bool = False


@dataclass(frozen=True)
class SourceRow:
    """A source the questionnaire is derived from."""

    title: Words
    detail: Words


@dataclass(frozen=True)
class ReportView:
    """Everything the report template prints, and nothing more: the edition is decided here.

    The board edition leaves `sections`, `answer_sections` and `justifications` empty, lists
    only Ordinance-duty and Code of Practice gaps in `gap_groups`, has no `justifications`
    (None; the full edition's may be an empty list, printed as 'none'), summarises good-practice
    gaps in `practice_summary` and gives the trend in brief. The full edition has no
    `practice_summary` and holds everything else. Every writer prints what is here, so each
    edition reads the same in every format.
    """

    edition: Edition
    lang: str
    mode: str
    title: str
    author: str
    subject: str
    labels: dict[str, Words]
    cover: Cover
    summary: Summary
    calendar: list[CalendarRow]
    calendar_note: Words
    gap_groups: list[GapGroup]
    sections: list[SectionRow]
    layers: list[LayerRow]
    answer_sections: list[AnswerSection]
    justifications: list[Justification] | None
    trend: TrendView | None
    # The remediation plan at a glance (None when the assessment has no plan yet).
    plan: PlanStatusView | None
    method: list[Words]
    sources: list[SourceRow]
    disclaimer: Words
    keywords: list[str] = field(default_factory=list)
    practice_summary: PracticeSummary | None = None
