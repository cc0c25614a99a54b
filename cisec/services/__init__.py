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
    applies_to,
    new_session,
    now_utc,
    open_session,
    parse_value,
)

__all__ = [
    "AssessmentSession",
    "CisecError",
    "QuestionnaireSummary",
    "applies_to",
    "catalogue",
    "compliance_calendar",
    "default_demo_path",
    "demo_questionnaires",
    "get_questionnaire",
    "new_session",
    "now_utc",
    "open_session",
    "parse_value",
    "questionnaire_document",
    "questionnaire_summaries",
    "user_questionnaires_folder",
    "validate_paths",
    "validate_shipped",
    "write_demo",
]
