"""Where a walk stands is decided by the services, not the screen: states, to-dos, figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec import services
from cisec.services import walk
from tests.tui.tui_support import PROFILE_YES, make_assessment

pytestmark = pytest.mark.usefixtures("tui_data")


def _progress(path: Path) -> walk.WalkProgress:
    session = services.open_session(path)
    return walk.progress(session, session.score())


def test_a_profile_that_rules_questions_out_marks_them_skipped_and_not_to_do() -> None:
    progress = _progress(make_assessment(profile={"designated": "no"}))
    assert progress.state("designated_on") == "skipped"
    assert progress.state("duties.office") == "skipped"
    assert progress.items[progress.first_todo()].id == "systems"
    profile = progress.sections[walk.PROFILE]
    assert (profile.answered, profile.applicable) == (1, 3)  # designated_on is not asked


def test_flagged_answers_stay_to_do_and_the_search_wraps_round() -> None:
    path = make_assessment(profile=PROFILE_YES, answers={"duties.office": "yes"})
    session = services.open_session(path)
    session.annotate("duties.office", flagged=True)
    progress = walk.progress(session, session.score())
    assert progress.state("duties.office") == "flagged"
    last = len(progress.items) - 1
    # From the last item the search wraps to the first thing still to do.
    assert progress.items[progress.next_todo(last) or 0].id == "duties.office"
    assert progress.sections["duties"].answered == 1


def test_nothing_left_to_do_is_none() -> None:
    path = make_assessment(profile={"designated": "no", "systems": 1, "declared_level": "rated1"})
    session = services.open_session(path)
    for item in walk.progress(session, session.score()).items:
        if item.todo:
            _, scale = session.item(item.id)
            options = scale.options or []
            typed = {"date": "2026-01-01", "numeric": "1"}
            session.answer(item.id, options[0].value if options else typed[scale.type])
    assert walk.progress(session, session.score()).next_todo(0) is None


def test_the_next_question_follows_the_answer_not_yet_saved() -> None:
    session = services.open_session(make_assessment())
    order = [item_id for item_id, _ in walk.walk_order(session.questionnaire)]
    here = order.index("designated")
    assert order[walk.next_applicable(session, here, {"designated": "yes"})] == "designated_on"
    assert order[walk.next_applicable(session, here, {"designated": "no"})] == "systems"
