"""The website scan use cases both faces call: scan sites, write the scan report, feed an assessment."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cisec.errors import CisecError
from cisec.model.questionnaire import Question
from cisec.model.text import DocumentLanguage, Language, languages_of
from cisec.report.publish import (
    DocumentMeta,
    Progress,
    check_destination,
    document_language,
    format_for,
    publish,
)
from cisec.scan.batch import DEFAULT_CONCURRENCY as DEFAULT_CONCURRENCY
from cisec.scan.batch import scan_many
from cisec.scan.fetch import FetchOptions, ca_bundle_from
from cisec.scan.grade import GRADES as GRADES
from cisec.scan.grade import grade_rank
from cisec.scan.history import History as History
from cisec.scan.limits import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from cisec.scan.proposals import Proposal, propose
from cisec.scan.result import SiteResult as SiteResult
from cisec.scan.shard import in_shard as in_shard
from cisec.scan.shard import parse_shard as parse_shard
from cisec.scan.text import printable as printable
from cisec.scan.text import site_text as site_text
from cisec.scan.text import summary_entry as summary_entry
from cisec.scan.text import summary_text as summary_text
from cisec.services.session import (
    AssessmentSession,
    MergeReport,
    applies_to,
    now_utc,
    open_session,
)
from cisec.wording import say

if TYPE_CHECKING:
    from cisec.report.scan_view import ScanReportView, SiteView

SCAN_REPORT_FORMATS: tuple[str, ...] = ("pdf", "html")

# The only questionnaire whose questions name scan checks the scan can answer.
FEEDS_QUESTIONNAIRE = "sme-baseline"
SCAN_TEMPLATE = "scan/scan.html.j2"
# Evidence lines the scan writes start with this, so a rescan replaces its own line only.
EVIDENCE_PREFIX = "cisec scan "


# Scanning ---------------------------------------------------------------------------------


def fetch_options(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ca_bundle: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> FetchOptions:
    """How to fetch: `ca_bundle` wins over REQUESTS_CA_BUNDLE; CisecError if the file is missing."""
    return FetchOptions(
        timeout=timeout,
        ca_bundle=ca_bundle_from(ca_bundle, os.environ if environ is None else environ),
    )


def scan_batch(
    targets: Iterable[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ca_bundle: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    environ: Mapping[str, str] | None = None,
) -> Iterator[SiteResult]:
    """Scan `targets`, yielding one result per target in the order they were given.

    The options are checked at once (CisecError for a missing CA bundle, before any site is
    fetched); the sites are fetched only as the results are read. A site's failure is its own
    row, never an exception.
    """
    options = fetch_options(timeout=timeout, ca_bundle=ca_bundle, environ=environ)
    return _in_given_order(targets, options, concurrency)


def _in_given_order(
    targets: Iterable[str], options: FetchOptions, concurrency: int
) -> Iterator[SiteResult]:
    # Sites finish in any order; hold the early ones until every site before them is out.
    # At most the sites fetched while the oldest one runs (its deadline bounds that) are held.
    expected: deque[str] = deque()
    finished: dict[str, list[SiteResult]] = {}

    def noted(items: Iterable[str]) -> Iterator[str]:
        for target in items:
            expected.append(target)
            yield target

    for result in scan_many(noted(targets), options, concurrency=concurrency):
        finished.setdefault(result.target, []).append(result)
        while expected and finished.get(expected[0]):
            yield finished[expected.popleft()].pop(0)


def scan_site(target: str, options: FetchOptions | None = None) -> SiteResult:
    """Scan one site (blocking: faces call it off their UI thread); never raises for the site."""
    return next(_in_given_order([target], options or fetch_options(), 1))


def meets_grade(result: SiteResult, fail_under: str | None) -> bool:
    """Whether a site is graded at `fail_under` (e.g. "B") or better; always true without one."""
    if fail_under is None:
        return True
    if result.grade is None:
        return False
    return grade_rank(result.grade) <= grade_rank(fail_under)


# The scan report ----------------------------------------------------------------------------


def report_format_for(path: Path) -> str:
    """The scan report format a file name asks for: .pdf, or .html/.htm."""
    return format_for(path, SCAN_REPORT_FORMATS)


@dataclass(frozen=True)
class ScanReport:
    """The SME-friendly report of a batch of scanned sites."""

    results: Sequence[SiteResult]
    language: DocumentLanguage
    today: dt.date

    @cached_property
    def view(self) -> ScanReportView:
        """What the report shows."""
        # The report renderer owns Jinja2 (and WeasyPrint): imported only when a report is asked for.
        from cisec.report.scan_view import scan_report_view

        return scan_report_view(self.results, report_language=self.language, today=self.today)

    def meta(self) -> DocumentMeta:
        view = self.view
        keywords = ("cisec", "website scan", "security headers")
        return DocumentMeta(view.title, "cisec", view.subject, keywords, view.lang)

    def html(self) -> str:
        from cisec.report.html import environment

        return environment().get_template(SCAN_TEMPLATE).render(report=self.view)

    def text(self, document_format: str) -> str:
        raise ValueError(f"a scan report is not written as {document_format}")


def scan_report(
    results: Sequence[SiteResult], *, language: str = "en", today: dt.date | None = None
) -> ScanReport:
    """The scan report of `results` in `language` (en, zh-Hant or both)."""
    return ScanReport(results, document_language(language), today or now_utc().date())


def default_report_path(result: SiteResult, today: dt.date) -> Path:
    """Where the TUI offers to save a site's report: the cisec folder's `scans/` folder."""
    from cisec.services.recent import data_folder

    host = urlsplit(result.final_url or result.target).hostname or result.target
    name = re.sub(r"[^A-Za-z0-9.-]+", "-", host).strip(".-")[:60] or "site"
    return data_folder() / "scans" / f"scan-{name}-{today.isoformat()}.pdf"


def site_summary(result: SiteResult, language: str = "en") -> SiteView:
    """One site's result as the report words it (grade, fixes, tests, findings), for a screen."""
    from cisec.report.scan_view import site_view

    return site_view(result, languages_of(document_language(language)), "site")


def write_scan_report(
    results: Sequence[SiteResult],
    out: Path,
    *,
    language: str = "en",
    today: dt.date | None = None,
    progress: Progress | None = None,
    create_folder: bool = False,
) -> int | None:
    """Write the scan report of `results` to `out` (.pdf or .html); return a PDF's page count.

    `create_folder` makes `out`'s folder first (the TUI's default place).
    """
    chosen = report_format_for(out)
    report = scan_report(results, language=language, today=today)
    if not results:
        raise CisecError(
            "No site was scanned, so there is no report to write.",
            message_zh="沒有掃描任何網站，所以沒有報告可寫。",
        )
    check_destination(out, create_folder=create_folder)
    return publish(report, out, chosen, progress=progress)


# Feeding the questionnaire -------------------------------------------------------------------


@dataclass(frozen=True)
class FedAnswer:
    """A question the scan proposed an answer for, and what became of it."""

    question_id: str
    proposed: str
    previous: str | None  # the answer already there, if any
    recorded: bool  # false: left alone because the user had already answered


@dataclass
class FeedOutcome:
    """What the scan did to an assessment: answers recorded, answers left alone, questions skipped."""

    path: Path
    evidence: str
    answers: list[FedAnswer] = field(default_factory=list)
    not_asked: list[str] = field(default_factory=list)  # ruled out by the profile
    graded: bool = True
    # What the saves took from another writer of the file (a window open on it, say).
    merged: MergeReport = field(default_factory=MergeReport)

    @property
    def recorded(self) -> list[FedAnswer]:
        """Answers written to the file."""
        return [answer for answer in self.answers if answer.recorded]

    @property
    def left_alone(self) -> list[FedAnswer]:
        """Proposals not written because the question already had an answer."""
        return [answer for answer in self.answers if not answer.recorded]


def open_feedable(path: Path, passphrase: str | None = None) -> AssessmentSession:
    """Open an assessment the scan can feed; CisecError (one sentence) for any other questionnaire."""
    session = open_session(path, passphrase=passphrase)
    _require_feedable(session)
    return session


def _require_feedable(session: AssessmentSession) -> None:
    if session.questionnaire.id != FEEDS_QUESTIONNAIRE:
        raise CisecError(
            f"{session.path} answers {session.questionnaire.id}; the scan can only propose "
            f"answers to an {FEEDS_QUESTIONNAIRE} assessment.",
            message_zh=f"{session.path} 回答的是 {session.questionnaire.id}；"
            f"網站保安標頭檢查只能為 {FEEDS_QUESTIONNAIRE} 評估建議答案。",
        )


def evidence_line(result: SiteResult, day: dt.date) -> str:
    """The evidence reference the scan records, e.g. `cisec scan https://… 2026-11-25: grade B (65)`."""
    url = result.final_url or result.target
    graded = f"grade {result.grade} ({result.score})" if result.grade else "not graded"
    return f"{EVIDENCE_PREFIX}{_one_line(url)} {day.isoformat()}: {graded}"


def _one_line(text: str, limit: int = 200) -> str:
    # A URL the site redirected to is the site's choice: no control characters in the file.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text)
    return cleaned[:limit]


def proposal_note(proposal: Proposal, day: dt.date, language: Language) -> str:
    """The note recorded with a proposed answer: where it comes from and what each check saw."""
    intro = say("scan.proposal_note", language, day=day.isoformat())
    seen = "; ".join(f"{v.check}: {_one_line(v.seen, 120)}" for v in proposal.verdicts)
    return f"{intro} {seen}."


def feed_assessment(
    session: AssessmentSession,
    result: SiteResult,
    *,
    overwrite: bool = False,
    now: dt.datetime | None = None,
) -> FeedOutcome:
    """Record the scan's proposed answers in an sme-baseline assessment, flagged for review.

    An answer the user already gave is left alone unless `overwrite`; the scan is recorded as
    evidence (replacing an earlier scan's line, keeping the user's own references) and a note
    says what the scan saw. Questions the profile rules out are not touched.
    """
    _require_feedable(session)
    moment = now or now_utc()
    day = moment.date()
    outcome = FeedOutcome(session.path, evidence_line(result, day), graded=result.error is None)
    questions: list[Question] = list(session.questionnaire.questions.values())
    profile = session.assessment.profile
    asked = [q for q in questions if applies_to(q, profile)]
    asked_ids = {q.id for q in asked}
    outcome.not_asked = [q.id for q in questions if q.scan_checks and q.id not in asked_ids]
    for proposal in propose(result, asked):
        existing = session.assessment.answers.get(proposal.question_id)
        previous = str(existing.value) if existing is not None else None
        if existing is not None and not overwrite:
            outcome.answers.append(FedAnswer(proposal.question_id, proposal.value, previous, False))
            continue
        kept = (
            [e for e in existing.evidence if not e.startswith(EVIDENCE_PREFIX)] if existing else []
        )
        outcome.merged += session.answer(
            proposal.question_id,
            proposal.value,
            note=proposal_note(proposal, day, session.assessment.language),
            evidence=[*kept, outcome.evidence],
            flagged=True,  # the person confirms or overrides what the scan proposes
            now=moment,
        )
        outcome.answers.append(FedAnswer(proposal.question_id, proposal.value, previous, True))
    return outcome
