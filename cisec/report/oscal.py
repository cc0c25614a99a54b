"""Maps an assessment to OSCAL 1.1.3 assessment results (pure: data in, JSON text out).

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


def oscal_json(
    document_format: str,
    questionnaire: Questionnaire,
    assessment: Assessment,
    score: Score,
    languages: tuple[Language, ...],
) -> str:
    """The OSCAL document `document_format` names ("oscal": assessment results), as JSON."""
    export = Export(questionnaire, assessment, score, languages)
    if document_format == "oscal":
        return as_json(assessment_results(export))
    raise ValueError(f"not an OSCAL format: {document_format}")
