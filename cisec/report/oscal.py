"""Maps an assessment to OSCAL 1.1.3 assessment results and a POA&M (pure: data in, JSON out).

The mapping is written out in docs/report-format.md. Its decisions in short: a questionnaire
question is an OSCAL control *and* its objective, identified by the question id (already an
OSCAL token); a self-assessment has no separate assessment plan, so `import-ap` points at a
back-matter resource that describes the questionnaire answered; every UUID is a version-5 UUID
of the assessment's identity and the subject's path, so exporting the same file twice gives the
same bytes, and a changed answer changes only what it touches (and the document's own UUID,
which OSCAL wants new for each revision).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cisec.model.assessment import Answer, Assessment
from cisec.model.plan import PlanItem, PlanStatus
from cisec.model.questionnaire import Question, Questionnaire
from cisec.model.score import Gap, Score
from cisec.model.text import Language, LocalizedText
from cisec.wording import answer_text, say

OSCAL_VERSION = "1.1.3"
# cisec's namespace for its version-5 UUIDs. Fixed for ever: changing it would change every
# UUID cisec has ever exported, so re-exports would no longer line up with earlier ones.
UUID_NAMESPACE = uuid.UUID("35a44713-acfa-401f-9293-f14e8009a2e9")
# The namespace of the properties cisec defines (OSCAL's own property names need none).
PROPERTY_NS = "urn:cisec:oscal"
ROLE_ASSESSOR = "assessor"
ROLE_PREPARED_FOR = "prepared-for"

JSON = dict[str, Any]


def instant(moment: dt.datetime) -> str:
    """A timestamp with its zone, as OSCAL requires; a zone-less one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def token_text(text: str) -> str:
    """`text` on one line without surrounding blanks: what OSCAL's plain string fields allow."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Identity:
    """Where every UUID of one assessment's OSCAL documents comes from."""

    key: str

    @classmethod
    def of(cls, assessment: Assessment) -> Identity:
        """The identity of an assessment: its questionnaire, organisation and creation time.

        These never change while a file is worked on, so neither do the UUIDs; `cisec new`
        makes a new identity (a new creation time) for next year's assessment.
        """
        created = instant(assessment.created_at)
        return cls(f"{assessment.questionnaire.id}|{assessment.organisation}|{created}")

    def uuid(self, *path: str) -> str:
        """The UUID of the subject at `path` (e.g. "observation", question id)."""
        return str(uuid.uuid5(UUID_NAMESPACE, "|".join([self.key, *path])))


@dataclass
class Parties:
    """The people and the organisation the documents name, each once, by a stable UUID."""

    identity: Identity
    entries: dict[str, JSON] = field(default_factory=dict)

    def person(self, name: str) -> str | None:
        """The party UUID of the person `name` (added on first use); None for no name."""
        return self._party(name, "person")

    def organisation(self, name: str) -> str | None:
        """The party UUID of the organisation `name`; None for no name."""
        return self._party(name, "organization")

    def _party(self, name: str, kind: str) -> str | None:
        clean = token_text(name)
        if not clean:
            return None
        party_uuid = self.identity.uuid("party", kind, clean)
        self.entries.setdefault(party_uuid, {"uuid": party_uuid, "type": kind, "name": clean})
        return party_uuid

    def listed(self) -> list[JSON]:
        """Every party, in the order first named."""
        return list(self.entries.values())


class Words:
    """The document's words in its language or languages (both: English, then Chinese)."""

    def __init__(self, languages: tuple[Language, ...]) -> None:
        self.languages = languages

    def say(self, key: str, separator: str = " / ", **values: object) -> str:
        return separator.join(say(key, language, **values) for language in self.languages)

    def text(self, text: LocalizedText, separator: str = " / ") -> str:
        return separator.join(text.get(language) for language in self.languages)

    def answer(self, questionnaire: Questionnaire, question: Question, answer: Answer) -> str:
        scale = questionnaire.scales[question.scale]
        return " / ".join(
            answer_text(scale, answer, language) or str(answer.value) for language in self.languages
        )


def prop(name: str, value: str, *, cisec: bool = True) -> JSON:
    """A property; cisec's own names carry cisec's namespace."""
    entry: JSON = {"name": name, "value": token_text(value) or "-"}
    if cisec:
        entry["ns"] = PROPERTY_NS
    return entry


@dataclass(frozen=True)
class Export:
    """What both OSCAL documents of one assessment are made from."""

    questionnaire: Questionnaire
    assessment: Assessment
    score: Score
    languages: tuple[Language, ...]

    @property
    def identity(self) -> Identity:
        return Identity.of(self.assessment)

    @property
    def words(self) -> Words:
        return Words(self.languages)

    def gaps_by_question(self) -> dict[str, list[Gap]]:
        """The gaps of each question with any, in priority order of each question's first gap.

        A question can fall short twice (its answer, and the level its declared profile
        expects); it is one finding naming both.
        """
        grouped: dict[str, list[Gap]] = {}
        for gap in self.score.gaps:
            grouped.setdefault(gap.question_id, []).append(gap)
        return grouped

    def answered(self) -> list[tuple[Question, Answer]]:
        """Every answered question of the questionnaire that is in scope, in order."""
        return [
            (question, self.assessment.answers[question.id])
            for question in self.questionnaire.questions.values()
            if question.id in self.assessment.answers
            and self.score.questions[question.id].state != "skipped"
        ]

    def reviewed(self) -> list[str]:
        """The question ids in scope (not skipped by the profile), in questionnaire order."""
        return [
            question_id
            for question_id, result in self.score.questions.items()
            if result.state != "skipped"
        ]


def _metadata(export: Export, parties: Parties, title: str, roles: Iterable[JSON]) -> JSON:
    assessment = export.assessment
    words = export.words
    organisation = parties.organisation(assessment.organisation)
    assessor = parties.person(assessment.assessor)
    responsible = [
        {"role-id": role, "party-uuids": [party]}
        for role, party in ((ROLE_PREPARED_FOR, organisation), (ROLE_ASSESSOR, assessor))
        if party is not None
    ]
    metadata: JSON = {
        "title": title,
        # The assessment's own last change, not the time of export: the same file exports to
        # the same bytes.
        "last-modified": instant(assessment.updated_at),
        "version": instant(assessment.updated_at),
        "oscal-version": OSCAL_VERSION,
        "props": [
            prop("questionnaire-id", export.questionnaire.id),
            prop("questionnaire-version", export.questionnaire.version),
        ],
        "roles": [
            {"id": ROLE_PREPARED_FOR, "title": words.say("oscal.role.prepared_for")},
            {"id": ROLE_ASSESSOR, "title": words.say("report.assessor")},
            *roles,
        ],
    }
    return metadata | ({"responsible-parties": responsible} if responsible else {})


def _questionnaire_resource(export: Export) -> JSON:
    """The back-matter resource that stands for the assessment plan: the questionnaire."""
    questionnaire = export.questionnaire
    words = export.words
    return {
        "uuid": export.identity.uuid("resource", "questionnaire"),
        "title": words.say(
            "oscal.plan.title",
            questionnaire=words.text(questionnaire.title),
            version=questionnaire.version,
        ),
        "description": words.say("oscal.plan.description", separator="\n\n"),
        "props": [
            prop("questionnaire-id", questionnaire.id),
            prop("questionnaire-version", questionnaire.version),
            prop("content-hash", export.assessment.questionnaire.content_hash),
        ],
        "document-ids": [
            {
                "scheme": f"{PROPERTY_NS}:questionnaire",
                "identifier": f"{questionnaire.id}@{questionnaire.version}",
            }
        ],
    }


def _origins(parties: Parties, name: str) -> list[JSON]:
    party = parties.person(name)
    if party is None:
        return []
    return [{"actors": [{"type": "party", "actor-uuid": party, "role-id": ROLE_ASSESSOR}]}]


def _evidence(words: Words, answer: Answer) -> list[JSON]:
    """The note and every evidence reference or file of an answer, as relevant evidence."""
    evidence: list[JSON] = []
    if answer.note.strip():
        evidence.append({"description": answer.note, "props": [prop("kind", "note")]})
    evidence += [
        {"description": reference, "props": [prop("kind", "reference")]}
        for reference in answer.evidence
        if reference.strip()
    ]
    evidence += [
        {
            "description": words.say("oscal.evidence_file", name=file.name),
            "props": [
                prop("kind", "file"),
                prop("file-name", file.name),
                prop("size", str(file.size)),
                prop("sha256", file.sha256),
            ],
        }
        for file in answer.evidence_files
    ]
    return evidence


def observation(export: Export, parties: Parties, question: Question, answer: Answer) -> JSON:
    """One answer as an observation: what was answered, by whom, when, and what backs it."""
    words = export.words
    evidence = _evidence(words, answer)
    examined = bool(answer.evidence or answer.evidence_files)
    entry: JSON = {
        "uuid": export.identity.uuid("observation", question.id),
        "title": words.text(question.text),
        "description": words.say(
            "oscal.observation.answer",
            answer=words.answer(export.questionnaire, question, answer),
        ),
        "props": [prop("question-id", question.id), prop("answer-value", str(answer.value))],
        # Every answer was given in the self-assessment's interview; one that names evidence
        # was also checked against documents or files.
        "methods": ["INTERVIEW", "EXAMINE"] if examined else ["INTERVIEW"],
        "types": ["control-objective"],
        "origins": _origins(parties, answer.answered_by or export.assessment.assessor),
        "relevant-evidence": evidence,
        "collected": instant(answer.answered_at or export.assessment.updated_at),
    }
    if answer.flagged:
        entry["props"].append(prop("flagged-for-review", "true"))
    return {name: value for name, value in entry.items() if value != []}


def finding(export: Export, parties: Parties, question: Question, gaps: list[Gap]) -> JSON:
    """One question's gap (or gaps) as a finding on its objective, linked to its observation."""
    words = export.words
    reasons = [
        words.say(f"oscal.gap.{gap.reason}", separator="\n\n", expected=f"{gap.expected:g}")
        for gap in gaps
    ]
    entry: JSON = {
        "uuid": export.identity.uuid("finding", question.id),
        "title": words.text(question.text),
        "description": "\n\n".join([*reasons, words.text(question.remediation, "\n\n")]),
        "props": [
            prop("question-id", question.id),
            prop("kind", question.kind),
            prop("priority", f"{max(gap.priority for gap in gaps):g}"),
            *(prop("gap-reason", gap.reason) for gap in gaps),
        ],
        "origins": _origins(parties, export.assessment.assessor),
        "target": {
            "type": "objective-id",
            "target-id": question.id,
            "status": {"state": "not-satisfied", "reason": "fail"},
        },
    }
    if question.id in export.assessment.answers:
        observed = export.identity.uuid("observation", question.id)
        entry["related-observations"] = [{"observation-uuid": observed}]
    return {name: value for name, value in entry.items() if value != []}


def observations(export: Export, parties: Parties) -> list[JSON]:
    """An observation per answered question in scope."""
    return [
        observation(export, parties, question, answer) for question, answer in export.answered()
    ]


def findings(export: Export, parties: Parties) -> list[JSON]:
    """A finding per question with a gap, in priority order."""
    questions = export.questionnaire.questions
    return [
        finding(export, parties, questions[question_id], gaps)
        for question_id, gaps in export.gaps_by_question().items()
    ]


def _reviewed_controls(export: Export) -> JSON:
    reviewed = export.reviewed()
    selection: JSON = (
        {"include-controls": [{"control-id": question_id} for question_id in reviewed]}
        if reviewed
        else {"include-all": {}}
    )
    return {
        "description": export.words.say("oscal.reviewed", separator="\n\n"),
        "control-selections": [selection],
    }


def assessment_results(export: Export) -> JSON:
    """The assessment as an OSCAL assessment-results document (one result)."""
    identity = export.identity
    words = export.words
    assessment = export.assessment
    questionnaire_title = words.text(export.questionnaire.title)
    parties = Parties(identity)
    metadata = _metadata(
        export, parties, words.say("oscal.results.title", questionnaire=questionnaire_title), ()
    )
    resource = _questionnaire_resource(export)
    result: JSON = {
        "uuid": identity.uuid("result"),
        "title": words.say("oscal.result.title", questionnaire=questionnaire_title),
        "description": words.say(
            "oscal.result.description",
            separator="\n\n",
            organisation=token_text(assessment.organisation) or "-",
            questionnaire=questionnaire_title,
            version=export.questionnaire.version,
        ),
        "start": instant(assessment.created_at),
        "end": instant(assessment.updated_at),
        "props": _score_props(export.score),
        "reviewed-controls": _reviewed_controls(export),
        "observations": observations(export, parties),
        "findings": findings(export, parties),
    }
    result = {name: value for name, value in result.items() if value != []}
    if parties.entries:
        metadata["parties"] = parties.listed()
    document: JSON = {
        # Of this revision: a changed assessment is a new document, the same one is the same.
        "uuid": identity.uuid("assessment-results", instant(assessment.updated_at)),
        "metadata": metadata,
        "import-ap": {
            "href": f"#{resource['uuid']}",
            "remarks": words.say("oscal.plan.description", separator="\n\n"),
        },
        "results": [result],
        "back-matter": {"resources": [resource]},
    }
    return {"assessment-results": document}


def _score_props(score: Score) -> list[JSON]:
    props = [prop("coverage", f"{round(100 * score.coverage, 1):g}")]
    if score.overall is not None:
        props.insert(0, prop("overall-score", f"{round(score.overall, 1):g}"))
    return props


def as_json(document: JSON) -> str:
    """The document as JSON text: sorted by nothing but the mapping's order, UTF-8, indented."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# A plan item's status as an OSCAL risk status.
RISK_STATUS: dict[PlanStatus, str] = {
    "open": "open",
    "in-progress": "remediating",
    "done": "closed",
    "risk-accepted": "deviation-approved",
}
ROLE_OWNER = "remediation-owner"
ROLE_RISK_ACCEPTOR = "risk-acceptor"
# Plan dates are days in Hong Kong; OSCAL wants a moment with its zone. A deadline is the end
# of its day, an event (accepted, closed) its start.
HONG_KONG = dt.timezone(dt.timedelta(hours=8))


def _end_of(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(23, 59, 59), HONG_KONG).isoformat()


def _start_of(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0, 0), HONG_KONG).isoformat()


@dataclass(frozen=True)
class PlanEntry:
    """One plan item of the POA&M: a question with a gap (planned or not), or a planned
    question whose gap has since closed."""

    question: Question
    gaps: list[Gap]
    item: PlanItem
    planned: bool


def plan_entries(export: Export) -> list[PlanEntry]:
    """Every question with a gap in priority order (a POA&M lists every weakness, planned or
    not), then the planned questions whose gaps have closed, in questionnaire order."""
    questions = export.questionnaire.questions
    plan = export.assessment.plan
    gapped = export.gaps_by_question()
    entries = [
        PlanEntry(questions[qid], gaps, plan.get(qid) or PlanItem(), qid in plan)
        for qid, gaps in gapped.items()
    ]
    entries += [
        PlanEntry(question, [], plan[question.id], True)
        for question in questions.values()
        if question.id in plan and question.id not in gapped
    ]
    return entries


def _tasks(export: Export, parties: Parties, entry: PlanEntry) -> list[JSON]:
    identity = export.identity
    qid = entry.question.id
    owner = parties.person(entry.item.owner)
    action: JSON = {
        "uuid": identity.uuid("task", qid, "close"),
        "type": "action",
        "title": export.words.say("oscal.task.close"),
    }
    if entry.item.due is not None:
        action["timing"] = {"on-date": {"date": _end_of(entry.item.due)}}
    if owner is not None:
        action["responsible-roles"] = [{"role-id": ROLE_OWNER, "party-uuids": [owner]}]
    milestones = [
        {
            "uuid": identity.uuid("task", qid, "milestone", str(number)),
            "type": "milestone",
            "title": milestone.text,
            "timing": {"on-date": {"date": _end_of(milestone.date)}},
        }
        for number, milestone in enumerate(entry.item.milestones, start=1)
    ]
    return [action, *milestones]


def _risk_log(export: Export, parties: Parties, entry: PlanEntry) -> list[JSON]:
    identity = export.identity
    item = entry.item
    qid = entry.question.id
    log: list[JSON] = []
    acceptance = item.risk_acceptance
    if item.status == "risk-accepted" and acceptance is not None:
        accepted: JSON = {
            "uuid": identity.uuid("risk-log", qid, "accepted"),
            "title": export.words.say(
                "oscal.log.accepted", name=token_text(acceptance.accepted_by)
            ),
            "description": acceptance.justification,
            "start": _start_of(acceptance.accepted_on)
            if acceptance.accepted_on
            else instant(item.updated_at or export.assessment.updated_at),
            "status-change": "deviation-approved",
        }
        acceptor = parties.person(acceptance.accepted_by)
        if acceptor is not None:
            accepted["logged-by"] = [{"party-uuid": acceptor, "role-id": ROLE_RISK_ACCEPTOR}]
        log.append(accepted)
    if item.status == "done" and item.closed_on is not None:
        log.append(
            {
                "uuid": identity.uuid("risk-log", qid, "done"),
                "title": export.words.say("oscal.log.done"),
                "start": _start_of(item.closed_on),
                "status-change": "closed",
            }
        )
    return log


def risk(export: Export, parties: Parties, entry: PlanEntry) -> JSON:
    """The weakness a plan item remediates, with its status, deadline and remediation."""
    words = export.words
    identity = export.identity
    question = entry.question
    item = entry.item
    remediation = words.text(question.remediation, "\n\n")
    statement = (
        [
            words.say(f"oscal.gap.{gap.reason}", "\n\n", expected=f"{gap.expected:g}")
            for gap in entry.gaps
        ]
        if entry.gaps
        else [words.say("oscal.gap_closed", "\n\n")]
    )
    lifecycle = (
        "completed" if item.status == "done" else "planned" if entry.planned else "recommendation"
    )
    response: JSON = {
        "uuid": identity.uuid("response", question.id),
        "lifecycle": lifecycle,
        "title": words.text(question.text),
        "description": "\n\n".join(part for part in (remediation, item.note) if part.strip()),
        "tasks": _tasks(export, parties, entry),
    }
    entry_json: JSON = {
        "uuid": identity.uuid("risk", question.id),
        "title": words.text(question.text),
        "description": remediation,
        "statement": "\n\n".join(statement),
        "props": [prop("question-id", question.id), prop("plan-status", item.status)],
        "status": RISK_STATUS[item.status],
        "origins": _origins(parties, export.assessment.assessor),
        "remediations": [response],
        "risk-log": {"entries": _risk_log(export, parties, entry)},
    }
    if item.due is not None:
        entry_json["deadline"] = _end_of(item.due)
    if not entry_json["risk-log"]["entries"]:
        del entry_json["risk-log"]
    if question.id in export.assessment.answers:
        observed = identity.uuid("observation", question.id)
        entry_json["related-observations"] = [{"observation-uuid": observed}]
    return {name: value for name, value in entry_json.items() if value != []}


def poam_item(export: Export, parties: Parties, entry: PlanEntry) -> JSON:
    """A plan item as a POA&M item, linked to its finding, observation and risk."""
    identity = export.identity
    question = entry.question
    item = entry.item
    props = [
        prop("question-id", question.id),
        prop("plan-status", item.status),
        prop("planned", "true" if entry.planned else "false"),
        prop("gap-closed", "false" if entry.gaps else "true"),
    ]
    if entry.gaps:
        props.append(prop("priority", f"{max(gap.priority for gap in entry.gaps):g}"))
    if item.due is not None:
        props.append(prop("due", item.due.isoformat()))
    owner = token_text(item.owner)
    if owner:
        props.append(prop("owner", owner))
    result: JSON = {
        "uuid": identity.uuid("poam-item", question.id),
        "title": export.words.text(question.text),
        "description": export.words.text(question.remediation, "\n\n"),
        "props": props,
        "origins": _origins(parties, export.assessment.assessor),
        "related-findings": (
            [{"finding-uuid": identity.uuid("finding", question.id)}] if entry.gaps else []
        ),
        "related-observations": (
            [{"observation-uuid": identity.uuid("observation", question.id)}]
            if question.id in export.assessment.answers
            else []
        ),
        "related-risks": [{"risk-uuid": identity.uuid("risk", question.id)}],
    }
    if item.note.strip():
        result["remarks"] = item.note
    return {name: value for name, value in result.items() if value != []}


def plan_of_action(export: Export) -> JSON:
    """The remediation plan as an OSCAL plan-of-action-and-milestones document."""
    identity = export.identity
    words = export.words
    assessment = export.assessment
    parties = Parties(identity)
    roles = [
        {"id": ROLE_OWNER, "title": words.say("oscal.role.owner")},
        {"id": ROLE_RISK_ACCEPTOR, "title": words.say("oscal.role.risk_acceptor")},
    ]
    title = words.say("oscal.poam.title", questionnaire=words.text(export.questionnaire.title))
    metadata = _metadata(export, parties, title, roles)
    entries = plan_entries(export)
    answered = {question.id for question, _ in export.answered()}
    document: JSON = {
        "uuid": identity.uuid("poam", instant(assessment.updated_at)),
        "metadata": metadata,
        # The system assessed, named by the assessment's identity (there is no SSP to import).
        "system-id": {
            "identifier-type": "https://ietf.org/rfc/rfc4122",
            "id": identity.uuid("system"),
        },
        "observations": [
            observation(export, parties, entry.question, assessment.answers[entry.question.id])
            for entry in entries
            if entry.question.id in answered
        ],
        "risks": [risk(export, parties, entry) for entry in entries],
        "findings": findings(export, parties),
        "poam-items": [poam_item(export, parties, entry) for entry in entries],
        "back-matter": {"resources": [_questionnaire_resource(export)]},
    }
    named = (parties.person(entry.item.owner) for entry in entries)
    owners = list(dict.fromkeys(party for party in named if party is not None))
    if owners:
        metadata.setdefault("responsible-parties", []).append(
            {"role-id": ROLE_OWNER, "party-uuids": owners}
        )
    if parties.entries:
        metadata["parties"] = parties.listed()
    document = {name: value for name, value in document.items() if value != []}
    return {"plan-of-action-and-milestones": document}


def oscal_json(
    document_format: str,
    questionnaire: Questionnaire,
    assessment: Assessment,
    score: Score,
    languages: tuple[Language, ...],
) -> str:
    """The OSCAL document `document_format` names, as JSON: "oscal" the assessment results,
    "oscal-poam" the plan of action and milestones."""
    export = Export(questionnaire, assessment, score, languages)
    if document_format == "oscal":
        return as_json(assessment_results(export))
    if document_format == "oscal-poam":
        return as_json(plan_of_action(export))
    raise ValueError(f"not an OSCAL format: {document_format}")
