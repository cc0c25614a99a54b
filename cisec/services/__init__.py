"""The use cases both faces call; each lives in its own module, named here for the faces.

Faces (CLI, TUI) never touch files or the model's rules directly; they call these.
Modules of this package import each other, never this face.

A name is imported from its module when it is first used, not with this package: the command
line writing a PDF report starts the PDF engine (`services.pdf_engine`) before it loads
anything else, so that the engine loads while the rest is imported and the assessment read.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Each name's module.
_HOMES = {
    "cisec.errors": ("CisecError",),
    "cisec.services.calendar": ("compliance_calendar",),
    "cisec.services.content": (
        "QuestionnaireSummary",
        "catalogue",
        "get_questionnaire",
        "questionnaire_document",
        "questionnaire_summaries",
        "user_questionnaires_folder",
        "validate_paths",
        "validate_shipped",
    ),
    "cisec.services.demo": ("default_demo_path", "demo_questionnaires", "write_demo"),
    "cisec.services.session": (
        "AssessmentSession",
        "PreviousAnswer",
        "applies_to",
        "new_session",
        "now_utc",
        "open_predecessor",
        "open_session",
        "parse_value",
        "predecessor_path",
        "previous_answer",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_HOME_OF)

if TYPE_CHECKING:
    from cisec.errors import CisecError as CisecError
    from cisec.services.calendar import compliance_calendar as compliance_calendar
    from cisec.services.content import QuestionnaireSummary as QuestionnaireSummary
    from cisec.services.content import catalogue as catalogue
    from cisec.services.content import get_questionnaire as get_questionnaire
    from cisec.services.content import questionnaire_document as questionnaire_document
    from cisec.services.content import questionnaire_summaries as questionnaire_summaries
    from cisec.services.content import user_questionnaires_folder as user_questionnaires_folder
    from cisec.services.content import validate_paths as validate_paths
    from cisec.services.content import validate_shipped as validate_shipped
    from cisec.services.demo import default_demo_path as default_demo_path
    from cisec.services.demo import demo_questionnaires as demo_questionnaires
    from cisec.services.demo import write_demo as write_demo
    from cisec.services.session import AssessmentSession as AssessmentSession
    from cisec.services.session import PreviousAnswer as PreviousAnswer
    from cisec.services.session import applies_to as applies_to
    from cisec.services.session import new_session as new_session
    from cisec.services.session import now_utc as now_utc
    from cisec.services.session import open_predecessor as open_predecessor
    from cisec.services.session import open_session as open_session
    from cisec.services.session import parse_value as parse_value
    from cisec.services.session import predecessor_path as predecessor_path
    from cisec.services.session import previous_answer as previous_answer
else:

    def __getattr__(name: str) -> object:
        if name not in _HOME_OF:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(_HOME_OF[name]), name)
        globals()[name] = value
        return value
