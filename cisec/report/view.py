"""Builds the report's view model (cisec.report.view_model) from a scored assessment.

Templates hold no logic: every decision (what to show, in which languages, in what order,
how numbers and dates read) is made here.
"""

from __future__ import annotations

import datetime as dt

from cisec.calendar import due_dates, overdue_plan_items, with_plan
from cisec.model.assessment import Answer, Assessment
from cisec.model.questionnaire import Question, Questionnaire, Scale
from cisec.model.score import Gap, Score
from cisec.model.text import DocumentLanguage, Edition, lang_tag, languages_of
from cisec.report import charts
from cisec.report.plan_view import last_year_outcomes, plan_cells, plan_status
from cisec.report.trend import Trend, compare
from cisec.report.view_model import (
    Action,
    AnswerRow,
    AnswerSection,
    CalendarRow,
    Cover,
    CoverField,
    GapGroup,
    GapRow,
    Justification,
    LayerRow,
    Phrase,
    PracticeSection,
    PracticeSummary,
    ReportView,
    SectionRow,
    SourceRow,
    Summary,
    TierStatus,
    TrendGroup,
    TrendItem,
    TrendSectionRow,
    TrendView,
    Words,
)
from cisec.scoring import evaluate
from cisec.wording import (
    SCORING_METHOD,
    Phrases,
    answer_text,
    format_date,
    number_text,
    say,
)

TOP_ACTIONS = 10
# The board edition lists this many good-practice gaps of each section, the highest first,
# and this many questions in each list of the trend; the full edition lists them all.
BOARD_PRACTICE_LISTED = 1
BOARD_TREND_LISTED = 3


def score_text(value: float | None) -> str:
    """A 0-100 score with one decimal, or an em dash when nothing was scored."""
    return "—" if value is None else f"{value:.1f}"


def percent_text(fraction: float) -> str:
    """A 0-1 fraction as a whole percentage."""
    return f"{fraction * 100:.0f}%"


def build_view(
    questionnaire: Questionnaire,
    assessment: Assessment,
    score: Score,
    *,
    report_language: DocumentLanguage,
    today: dt.date,
    previous: tuple[Assessment, Score] | None = None,
    edition: Edition = "board",
) -> ReportView:
    """The view model of the gap report of `assessment`, as of `today`, in `edition`.

    The board edition: summary, calendar, top actions, every Ordinance-duty and Code of
    Practice gap, good-practice gaps summarised per section, the trend in brief, the method.
    The full edition: everything, each thing once (the answer list points to a question's gap
    or its not-applicable justification rather than repeating it).
    """
    languages = languages_of(report_language)
    words = Phrases(languages)
    primary = languages[0]
    note_lang = lang_tag(assessment.language)
    organisation = assessment.organisation.strip()
    title = (
        f"{say('report.report_title', primary)}: {organisation}"
        if organisation
        else say("report.report_title", primary)
    )
    if report_language == "both":
        title = f"{title} / {say('report.report_title', 'zh-Hant')}"
    builder = _Builder(questionnaire, assessment, score, words, note_lang, today)
    board = edition == "board"
    trend = None
    if previous is not None:
        trend = builder.trend(compare(score, previous[1]), previous[0], brief=board)
    return ReportView(
        edition=edition,
        lang=lang_tag(primary),
        mode={"en": "en", "zh-Hant": "zh", "both": "both"}[report_language],
        title=title,
        author=assessment.assessor.strip() or organisation,
        subject=" / ".join(questionnaire.title.get(language) for language in languages),
        keywords=[questionnaire.id, questionnaire.version],
        labels=words.labels("report"),
        cover=builder.cover(today, previous[0] if previous else None, edition),
        summary=builder.summary(),
        calendar=builder.calendar(today),
        calendar_note=builder.words.text(questionnaire.calendar.note)
        if questionnaire.calendar
        else [],
        gap_groups=builder.gap_groups(board=board),
        practice_summary=builder.practice_summary() if board else None,
        sections=[] if board else builder.sections(),
        layers=builder.layers(),
        answer_sections=[] if board else builder.answer_sections(),
        justifications=None if board else builder.justifications(),
        trend=trend,
        plan=plan_status(words, assessment, score, today),
        method=[words.each({"en": en, "zh-Hant": zh}) for en, zh in SCORING_METHOD],
        sources=builder.sources(),
        disclaimer=words.text(questionnaire.disclaimer),
    )


class _Builder:
    """Turns one scored assessment into the parts of the view."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        assessment: Assessment,
        score: Score,
        words: Phrases,
        note_lang: str,
        today: dt.date,
    ) -> None:
        self.today = today
        self.questionnaire = questionnaire
        self.assessment = assessment
        self.score = score
        self.words = words
        self.note_lang = note_lang
        self.section_titles = {s.id: s.title for s in questionnaire.sections}

    # Cover and summary -------------------------------------------------------------------

    def cover(self, today: dt.date, previous: Assessment | None, edition: Edition) -> Cover:
        w = self.words
        assessor = self.assessment.assessor.strip()
        fields = [
            CoverField(w.say("report.edition"), w.say(f"report.edition_{edition}")),
            CoverField(w.say("report.version"), [Phrase(self.questionnaire.version, "en")]),
            CoverField(
                w.say("report.assessor"),
                [Phrase(assessor, self.note_lang)] if assessor else w.say("report.not_stated"),
            ),
            CoverField(w.say("report.assessment_date"), w.date(self.assessment.updated_at.date())),
            CoverField(w.say("report.report_date"), w.date(today)),
        ]
        if previous is not None:
            fields.append(CoverField(w.say("report.compared_with"), self._previous_name(previous)))
        organisation = self.assessment.organisation.strip()
        return Cover(
            title=w.say("report.report_title"),
            marking=w.say("report.confidential"),
            organisation=Phrase(organisation, self.note_lang)
            if organisation
            else Phrase(say("report.not_stated", "en"), "en"),
            questionnaire=w.text(self.questionnaire.title),
            fields=fields,
        )

    def _previous_name(self, previous: Assessment) -> Words:
        day = previous.updated_at.date()
        return self.words.each(
            {
                language: say("report.assessment_of", language, date=format_date(day, language))
                for language in self.words.languages
            }
        )

    def summary(self) -> Summary:
        w = self.words
        score = self.score
        applicable = sum(s.applicable for s in score.sections)
        answered = sum(s.answered for s in score.sections)
        primary = w.languages[0]
        rows = [charts.ChartRow(self._chart_label(s.id), [s.score]) for s in score.sections]
        section_chart = charts.bar_chart(
            rows,
            description=say("report.section_chart_title", primary),
            lang=lang_tag(primary),
            no_score=say("report.no_score", primary),
        )
        by_kind = {
            kind: sum(1 for g in score.gaps if g.kind == kind and g.reason != "declared_level")
            for kind in ("statutory", "code_of_practice", "practice")
        }
        return Summary(
            overall=score_text(score.overall),
            coverage=percent_text(score.coverage),
            coverage_detail=w.say(
                "report.coverage_detail", answered=answered, applicable=applicable
            ),
            tiers=self._tiers(),
            section_chart=section_chart,
            radar=self._radar([[s.score for s in score.sections]], legend=None),
            gap_counts=w.say(
                "report.gap_counts" if self._asks_code() else "report.gap_counts_no_code",
                **by_kind,
                declared=sum(1 for g in score.gaps if g.reason == "declared_level"),
            ),
            actions=self.actions(),
            no_actions=w.say(
                "report.no_gaps" if score.overall is not None else "report.nothing_scored"
            ),
        )

    def _tiers(self) -> list[TierStatus]:
        """Ordinance duties always (even to say none apply); Code of Practice ones when asked."""
        tiers: list[TierStatus] = []
        primary = self.words.languages[0]
        for kind, status in (
            ("statutory", self.score.statutory),
            ("code_of_practice", self.score.code_of_practice),
        ):
            counts = [
                ("met", status.met),
                ("partly", status.partly),
                ("not_met", status.not_met),
                ("unknown", status.unknown),
                ("unanswered", status.unanswered),
            ]
            count = sum(number for _, number in counts)
            if kind == "code_of_practice" and not count + status.not_applicable:
                continue
            chart = (
                charts.status_bar(
                    [(name, number, say(f"status.{name}", primary)) for name, number in counts],
                    description=say(f"report.{kind}_status", primary),
                    lang=lang_tag(primary),
                )
                if count
                else None
            )
            if not count and status.not_applicable:
                detail = self.words.say(
                    f"report.{kind}_all_na", not_applicable=status.not_applicable
                )
            elif not count:
                detail = self.words.say(f"report.no_{kind}")
            elif status.not_applicable:
                detail = self.words.say(
                    f"report.{kind}_detail_na", count=count, not_applicable=status.not_applicable
                )
            else:
                detail = self.words.say(f"report.{kind}_detail", count=count)
            tiers.append(
                TierStatus(
                    kind=kind,
                    title=self.words.say(f"report.{kind}_status"),
                    detail=detail,
                    meaning=self.words.say(f"report.{kind}_meaning"),
                    chart=chart,
                )
            )
        return tiers

    def _chart_label(self, section_id: str) -> charts.ChartLabel:
        number = self._section_number(section_id)
        title = self.section_titles[section_id]
        # The number leads the first line only: the translation below it is the same row.
        return charts.ChartLabel(
            [
                (
                    f"{number}. {title.get(language)}" if index == 0 else title.get(language),
                    language,
                )
                for index, language in enumerate(self.words.languages)
            ]
        )

    def _radar(
        self, series: list[list[float | None]], *, legend: list[str] | None
    ) -> charts.Chart | None:
        """A radar beside the bars when it reads well: 5 to 10 sections, every one scored."""
        if len(series[0]) not in charts.RADAR_AXES:
            return None
        scored = [[value for value in values if value is not None] for values in series]
        if any(len(values) != len(series[0]) for values in scored):
            return None
        primary = self.words.languages[0]
        return charts.radar_chart(
            scored,
            description=say("report.section_chart_title", primary),
            lang=lang_tag(primary),
            legend=legend,
        )

    def _section_number(self, section_id: str) -> int:
        return 1 + [s.id for s in self.questionnaire.sections].index(section_id)

    def actions(self) -> list[Action]:
        seen: set[str] = set()
        actions: list[Action] = []
        for gap in self.score.gaps:
            if gap.question_id in seen:
                continue
            seen.add(gap.question_id)
            question = self.questionnaire.questions[gap.question_id]
            kind = (
                "critical" if question.kind == "practice" and question.critical else question.kind
            )
            actions.append(
                Action(
                    rank=len(actions) + 1,
                    question_id=question.id,
                    question=self.words.text(question.text),
                    kind=self.words.say(f"report.kind_{kind}"),
                    kind_class=kind,
                    remediation=self.words.text(question.remediation),
                )
            )
            if len(actions) == TOP_ACTIONS:
                break
        return actions

    # Calendar ----------------------------------------------------------------------------

    def calendar(self, today: dt.date) -> list[CalendarRow]:
        calendar = self.questionnaire.calendar
        late = overdue_plan_items(self.assessment.plan, self.questionnaire.questions, today)
        due = due_dates(calendar, self.assessment.profile, today) if calendar else []
        w = self.words
        rows = []
        for item in with_plan(due, late):
            rows.append(
                CalendarRow(
                    title=w.text(item.title),
                    reference=item.reference,
                    due=w.date(item.due) if item.due else [Phrase("—", "en")],
                    last_done=w.date(item.last_done) if item.last_done else [],
                    status=w.each(
                        {language: item.status_text(language) for language in w.languages}
                    ),
                    status_class=item.status,
                    confidence=w.say(f"report.cal_{item.confidence}"),
                    note=w.text(item.note),
                )
            )
        return rows

    # Gaps --------------------------------------------------------------------------------

    def gap_groups(self, *, board: bool) -> list[GapGroup]:
        """The gap tables; the board's hold the legal tiers only (practice is summarised)."""
        gaps = self.score.gaps
        if board:
            gaps = [g for g in gaps if g.kind != "practice"]
        groups = [
            (
                "gaps-statutory",
                "report.statutory_status",
                self.words.say("report.statutory_meaning"),
                [g for g in gaps if g.kind == "statutory" and g.reason != "declared_level"],
            ),
            (
                "gaps-code-of-practice",
                "report.code_of_practice_status",
                self.words.say("report.code_of_practice_meaning"),
                [g for g in gaps if g.kind == "code_of_practice" and g.reason != "declared_level"],
            ),
            (
                "gaps-practice",
                "report.kind_practice",
                [],
                [g for g in gaps if g.kind == "practice" and g.reason != "declared_level"],
            ),
            (
                "gaps-declared",
                "report.declared_gaps",
                self.words.say("report.declared_gaps_intro"),
                [g for g in gaps if g.reason == "declared_level"],
            ),
        ]
        rank = {id(gap): index + 1 for index, gap in enumerate(self.score.gaps)}
        return [
            GapGroup(
                anchor,
                self.words.say(title),
                intro,
                [self.gap_row(g, rank[id(g)]) for g in chosen],
            )
            for anchor, title, intro, chosen in groups
            if chosen
            or anchor == "gaps-statutory"
            or (anchor == "gaps-practice" and not board)
            or (anchor == "gaps-code-of-practice" and self._asks_code())
        ]

    def practice_summary(self) -> PracticeSummary:
        """Good-practice gaps per section: the count and the highest-priority few (board)."""
        rank = {id(gap): index + 1 for index, gap in enumerate(self.score.gaps)}
        practice = [g for g in self.score.gaps if g.kind == "practice"]
        sections = []
        for index, section in enumerate(self.questionnaire.sections):
            chosen = [g for g in practice if g.section_id == section.id]
            if not chosen:
                continue
            hidden = len(chosen) - BOARD_PRACTICE_LISTED
            sections.append(
                PracticeSection(
                    number=index + 1,
                    title=self.words.text(section.title),
                    count=len(chosen),
                    listed=[self.gap_row(g, rank[id(g)]) for g in chosen[:BOARD_PRACTICE_LISTED]],
                    more=self.words.say("report.more_in_full", count=hidden) if hidden > 0 else [],
                )
            )
        return PracticeSummary(
            total=self.words.say("report.practice_summary_total", count=len(practice)),
            sections=sections,
        )

    def _references(self, question: Question) -> str:
        """The references, saying so where the Ordinance section behind a duty is unconfirmed."""
        text = "; ".join(question.references)
        if question.section_unconfirmed:
            unconfirmed = " / ".join(
                say("report.section_unconfirmed", language) for language in self.words.languages
            )
            text = f"{text} ({unconfirmed})"
        return text

    def _asks_code(self) -> bool:
        """Whether the questionnaire has Code of Practice questions (so their group shows)."""
        return any(q.kind == "code_of_practice" for q in self.questionnaire.questions.values())

    def gap_row(self, gap: Gap, rank: int) -> GapRow:
        question = self.questionnaire.questions[gap.question_id]
        scale = self.questionnaire.scales[question.scale]
        answer = self.assessment.answers.get(question.id)
        expected: Words = []
        if gap.reason == "declared_level":
            expected = self._expected(question, scale)
        return GapRow(
            rank=rank,
            question_id=question.id,
            question=self.words.text(question.text),
            references=self._references(question),
            answer=self.answer_words(scale, answer),
            note=self._note(answer),
            evidence=self._evidence(answer),
            expected=expected,
            remediation=self.words.text(question.remediation),
            priority=f"{gap.priority:.2f}",
            plan=plan_cells(
                self.words, self.assessment.plan.get(question.id), self.today, self.note_lang
            ),
        )

    def _expected(self, question: Question, scale: Scale) -> Words:
        for expectation in question.expectations:
            if evaluate(expectation.when, self.assessment.profile) is not True:
                continue
            minimum = expectation.minimum
            option = scale.option(str(minimum)) if scale.type == "choice" else None
            return self.words.each(
                {
                    language: say(
                        "report.expected",
                        language,
                        level=option.label.get(language)
                        if option
                        else number_text(minimum, scale, language),
                        reason=expectation.reason.get(language),
                    )
                    for language in self.words.languages
                }
            )
        return []

    def _evidence(self, answer: Answer | None) -> list[Phrase]:
        return [Phrase(e, self.note_lang) for e in (answer.evidence if answer else [])]

    def _note(self, answer: Answer | None) -> Phrase | None:
        if answer is None or not answer.note.strip():
            return None
        return Phrase(answer.note.strip(), self.note_lang)

    def answer_words(self, scale: Scale, answer: Answer | None) -> Words:
        texts = {
            language: answer_text(scale, answer, language) for language in self.words.languages
        }
        if any(text is None for text in texts.values()):
            return self.words.say("report.not_answered")
        return self.words.each({language: text or "" for language, text in texts.items()})

    # Sections, layers and answers ----------------------------------------------------------

    def sections(self) -> list[SectionRow]:
        gaps_by_section: dict[str, int] = {}
        for gap in self.score.gaps:
            gaps_by_section[gap.section_id] = gaps_by_section.get(gap.section_id, 0) + 1
        return [
            SectionRow(
                number=index + 1,
                title=self.words.text(self.section_titles[s.id]),
                score=score_text(s.score),
                coverage=percent_text(s.coverage),
                answered=f"{s.answered}/{s.applicable}",
                gaps=gaps_by_section.get(s.id, 0),
                skipped=self.words.say("report.skipped_detail", count=s.skipped)
                if s.skipped
                else [],
            )
            for index, s in enumerate(self.score.sections)
        ]

    def layers(self) -> list[LayerRow]:
        questions = [q for q in self.questionnaire.questions.values() if q.layer is not None]
        if not questions:
            return []
        rows = []
        for layer in ("management", "design", "operations"):
            weighted = total = 0.0
            counted = 0
            for question in questions:
                if question.layer != layer:
                    continue
                result = self.score.questions[question.id]
                if result.state == "skipped":
                    continue
                counted += 1
                if result.score is not None:
                    weighted += result.weight * result.score
                    total += result.weight
            ids = {q.id for q in questions if q.layer == layer}
            rows.append(
                LayerRow(
                    name=self.words.say(f"report.layer_{layer}"),
                    score=score_text(100.0 * weighted / total if total else None),
                    questions=counted,
                    gaps=sum(1 for g in self.score.gaps if g.question_id in ids),
                )
            )
        return rows

    def answer_sections(self) -> list[AnswerSection]:
        # A question with a gap is told in the gap table (question, answer, note, evidence),
        # a justified not-applicable answer in the justifications: here the row only points
        # there, so the report says each thing once.
        gap_rank: dict[str, int] = {}
        for rank, gap in enumerate(self.score.gaps, start=1):
            gap_rank.setdefault(gap.question_id, rank)
        sections = []
        for index, section in enumerate(self.questionnaire.sections):
            rows = []
            for question in section.questions:
                rows.append(self._answer_row(question, gap_rank.get(question.id)))
            sections.append(AnswerSection(index + 1, self.words.text(section.title), rows))
        return sections

    def _answer_row(self, question: Question, gap_rank: int | None) -> AnswerRow:
        result = self.score.questions[question.id]
        answer = self.assessment.answers.get(question.id)
        scale = self.questionnaire.scales[question.scale]
        note = self._note(answer)
        pointer: Words = []
        if gap_rank is not None:
            pointer = self.words.say("report.see_gap", rank=gap_rank)
        elif result.state == "not_applicable" and note is not None:
            pointer = self.words.say("report.see_justification")
        told_elsewhere = bool(pointer)
        if result.state == "skipped":
            shown = self.words.say("report.not_asked")
        else:
            shown = self.answer_words(scale, answer)
        return AnswerRow(
            question_id=question.id,
            question=[] if gap_rank is not None else self.words.text(question.text),
            references="" if gap_rank is not None else self._references(question),
            answer=[] if gap_rank is not None else shown,
            state_class=result.state,
            score="" if result.score is None else f"{result.score * 100:.0f}",
            note=None if told_elsewhere else note,
            evidence=[] if gap_rank is not None else self._evidence(answer),
            gap=pointer,
            flagged=self.words.say("report.flagged") if answer and answer.flagged else [],
        )

    def justifications(self) -> list[Justification]:
        rows = []
        for question in self.questionnaire.questions.values():
            if self.score.questions[question.id].state != "not_applicable":
                continue
            note = self._note(self.assessment.answers.get(question.id))
            if note is not None:
                rows.append(Justification(question.id, self.words.text(question.text), note))
        return rows

    # Trend -------------------------------------------------------------------------------

    def trend(self, trend: Trend, previous: Assessment, *, brief: bool) -> TrendView:
        """The trend; in brief (board): the chart, counts and the first few of each list."""
        w = self.words
        primary = w.languages[0]
        previous_name = self._previous_name(previous)
        intro = w.each(
            {
                language: say("report.trend_intro", language, previous=phrase.text)
                for language, phrase in zip(w.languages, previous_name, strict=True)
            }
        )
        sections = [
            _trend_row(
                self._section_number(c.section_id),
                w.text(self.section_titles[c.section_id]),
                c.previous,
                c.current,
            )
            for c in trend.sections
        ]
        chart = charts.bar_chart(
            [
                charts.ChartRow(self._chart_label(c.section_id), [c.previous, c.current])
                for c in trend.sections
            ],
            description=say("report.trend_chart_title", primary),
            lang=lang_tag(primary),
            no_score=say("report.no_score", primary),
            legend=[say("report.last_year", primary), say("report.this_year", primary)],
        )
        questions = self.questionnaire.questions

        def item(question_id: str, detail: Words) -> TrendItem:
            return TrendItem(question_id, w.text(questions[question_id].text), detail)

        def reason(key_reason: str) -> Words:
            return w.say("report.declared_gaps") if key_reason == "declared_level" else []

        def change(before: float, after: float) -> Words:
            return [Phrase(f"{before * 100:.0f} → {after * 100:.0f}", "en")]

        return TrendView(
            intro=intro,
            overall=_trend_row(
                0, w.say("report.overall_score"), trend.overall_previous, trend.overall_current
            ),
            sections=sections,
            chart=chart,
            radar=None
            if brief
            else self._radar(
                [[c.previous for c in trend.sections], [c.current for c in trend.sections]],
                legend=[say("report.last_year", primary), say("report.this_year", primary)],
            ),
            groups=[
                self._trend_group(
                    "report.gaps_closed",
                    [],
                    [item(k.question_id, reason(k.reason)) for k in trend.closed],
                    brief=brief,
                ),
                self._trend_group(
                    "report.gaps_new",
                    [],
                    [item(k.question_id, reason(k.reason)) for k in trend.new],
                    brief=brief,
                ),
                self._trend_group(
                    "report.regressions",
                    w.say("report.regressions_intro"),
                    [item(c.question_id, change(c.previous, c.current)) for c in trend.regressions],
                    brief=brief,
                ),
            ],
            brief=brief,
            # Improvements outnumber everything else in a good year; the board needs their
            # count, the JSON export lists them.
            improvements=w.say("report.improvements_summary", count=len(trend.improvements)),
            plan_outcomes=last_year_outcomes(w, questions, previous, self.assessment, self.score),
        )

    def _trend_group(
        self, title: str, intro: Words, items: list[TrendItem], *, brief: bool
    ) -> TrendGroup:
        hidden = len(items) - BOARD_TREND_LISTED if brief else 0
        return TrendGroup(
            self.words.say(title),
            intro,
            items[:BOARD_TREND_LISTED] if brief else items,
            count=len(items),
            more=self.words.say("report.more_in_full", count=hidden) if hidden > 0 else [],
        )

    # Method ------------------------------------------------------------------------------

    def sources(self) -> list[SourceRow]:
        w = self.words
        rows = []
        for source in self.questionnaire.sources:
            detail = {
                language: say("report.as_of", language, date=format_date(source.as_of, language))
                + (f"; {say('report.provisional', language)}" if source.provisional else "")
                for language in w.languages
            }
            rows.append(SourceRow(w.text(source.title), w.each(detail)))
        return rows


def _trend_row(
    number: int, title: Words, previous: float | None, current: float | None
) -> TrendSectionRow:
    if previous is None or current is None:
        change, css = "—", "same"
    else:
        delta = round(current - previous, 1)
        change = f"{delta:+.1f}" if delta else "±0.0"
        css = "up" if delta > 0 else "down" if delta < 0 else "same"
    return TrendSectionRow(number, title, score_text(previous), score_text(current), change, css)
