"""The use cases both faces call; each lives in its own module, named here for the faces.

Faces (CLI, TUI) never touch files or the model's rules directly; they call these.
Modules of this package import each other, never this face.
"""

from __future__ import annotations

from cisec.errors import CisecError
from cisec.services.calendar import compliance_calendar
from cisec.services.content import (
    QuestionnaireSummary,
    catalogue,
    get_questionnaire,
    questionnaire_document,
    questionnaire_summaries,
    user_questionnaires_folder,
    validate_paths,
    validate_shipped,
)
from cisec.services.demo import default_demo_path, demo_questionnaires, write_demo
from cisec.services.session import (
    AssessmentSession,
    PreviousAnswer,
    applies_to,
    new_session,
    now_utc,
    open_predecessor,
    open_session,
    parse_value,
    predecessor_path,
    previous_answer,
)

__all__ = [
    "AssessmentSession",
    "CisecError",
    "PreviousAnswer",
    "QuestionnaireSummary",
    "applies_to",
    "catalogue",
    "compliance_calendar",
    "default_demo_path",
    "demo_questionnaires",
    "get_questionnaire",
    "new_session",
    "now_utc",
    "open_predecessor",
    "open_session",
    "parse_value",
    "predecessor_path",
    "previous_answer",
    "questionnaire_document",
    "questionnaire_summaries",
    "user_questionnaires_folder",
    "validate_paths",
    "validate_shipped",
    "write_demo",
]
