"""Provides the demo organisations' assessments (fictional answers, this year's and last)."""

from __future__ import annotations

from pathlib import Path

from cisec.encryption import Passphrase
from cisec.errors import CisecError
from cisec.model.assessment import Answer
from cisec.services.session import AssessmentSession, new_session, parse_value


def demo_questionnaires() -> list[str]:
    """Questionnaires that have a demo organisation."""
    from cisec.demo import demo_ids

    return demo_ids()


def default_demo_path(questionnaire_id: str, *, last_year: bool = False) -> Path:
    """Where `cisec demo` keeps a demo it opens: the cisec folder's `demo/` folder."""
    from cisec.content.catalogue import user_data_dir

    name = f"{questionnaire_id}{'-last-year' if last_year else ''}.cisec.json"
    return user_data_dir() / "demo" / name


def write_demo(
    questionnaire_id: str,
    out: Path,
    *,
    last_year: bool = False,
    overwrite: bool = False,
    passphrase: Passphrase | None = None,
) -> AssessmentSession:
    """Write the fictional demo organisation's assessment (this year's, or last year's)."""
    from cisec.demo import answers_of, as_dict, load_demo, moment, profile_value

    try:
        demo = load_demo(questionnaire_id)
    except KeyError:
        raise CisecError(
            f"No demo for '{questionnaire_id}'.",
            f"Demos exist for: {', '.join(demo_questionnaires()) or 'none'}.",
            message_zh=f"「{questionnaire_id}」沒有示範。",
            next_step_zh=f"有示範的問卷：{'、'.join(demo_questionnaires()) or '沒有'}。",
        ) from None
    try:
        year = answers_of(demo, "previous" if last_year else "current")
    except KeyError:
        raise CisecError(
            f"The {questionnaire_id} demo has no last year's assessment.",
            message_zh=f"{questionnaire_id} 的示範沒有去年的評估。",
        ) from None
    when = moment(year.date)
    session = new_session(
        demo.questionnaire,
        out,
        organisation=demo.organisation,
        assessor=demo.assessor,
        language=demo.language,
        overwrite=overwrite,
        passphrase=passphrase,
        now=when,
    )
    assessment = session.assessment
    for item_id, value in year.profile.items():
        _, scale = session.item(item_id)
        assessment.profile[item_id] = parse_value(scale, profile_value(value), item_id)
    for item_id, answer in year.answers.items():
        _, scale = session.item(item_id)
        if item_id not in session.questionnaire.questions:
            raise CisecError(
                f"Demo answer {item_id} is a profile question; put it under profile.",
                message_zh=f"示範答案 {item_id} 是機構概況問題，請放在 profile 之下。",
            )
        assessment.answers[item_id] = Answer(
            value=parse_value(scale, answer.value, item_id),
            answered_at=when,
            answered_by=demo.assessor,
            **as_dict(answer),
        )
    session.save()
    return session
