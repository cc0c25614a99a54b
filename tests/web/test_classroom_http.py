"""The classroom web app over HTTP: the code, the limits, the caps, the push channel, the files."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from cisec.services import workshop as workshop_service
from cisec.services.classroom import Classroom, open_classroom
from cisec.web.app import MAX_BODY_BYTES, ClassroomServer, classroom_app
from cisec.workshop.answers import load_answers

PACK = "cap653-incident-tabletop"
CODE = "424242"
RANKING_PACK = "dc-walkthrough"  # the shipped pack with a ranking question

Scenario = Callable[[TestClient[Any, Any], Classroom], Awaitable[None]]


def run(
    folder: Path,
    scenario: Scenario,
    *,
    mode: str = "practice",
    max_participants: int = 200,
    pack: str = PACK,
) -> Classroom:
    """Serve one class on loopback and run `scenario` against it with a fresh client."""
    classroom = open_classroom(
        pack,
        code=CODE,
        folder=folder,
        mode=mode,  # type: ignore[arg-type]
        max_participants=max_participants,
    )

    async def main() -> None:
        server = ClassroomServer(classroom, join_url="http://127.0.0.1/")
        async with TestClient(TestServer(classroom_app(server))) as client:
            await scenario(client, classroom)

    asyncio.run(main())
    return classroom


async def join(client: Any, name: str, code: str = CODE, **extra: str) -> Any:
    return await client.post(
        "/join", data={"code": code, "name": name, **extra}, allow_redirects=False
    )


def new_client(client: TestClient[Any, Any]) -> aiohttp.ClientSession:
    """Another browser on the same server (its own cookies)."""
    return aiohttp.ClientSession(
        base_url=str(client.make_url("/")), cookie_jar=aiohttp.CookieJar(unsafe=True)
    )


async def events(response: Any) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """The named events of an SSE response, as (name, data)."""
    name = ""
    async for raw in response.content:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, json.loads(line.removeprefix("data: "))


def test_a_wrong_code_is_refused_and_a_right_one_joins(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        page = await client.get("/")
        text = await page.text()
        assert page.status == 200
        assert '<label for="code">Class code</label>' in text
        assert '<label for="name">Name or team</label>' in text
        wrong = await join(client, "Team Kowloon", code="111111")
        assert wrong.status == 403
        assert "That class code is not right" in await wrong.text()
        assert classroom.joined == 0
        right = await join(client, "Team Kowloon", code=" 424 242 ")
        assert right.status == 303
        assert right.headers["Location"] == "/exercise"
        exercise = await client.get("/exercise")
        text = await exercise.text()
        assert "Joined as Team Kowloon" in text
        assert 'name="choice" value="incident"' in text
        assert "Question 1 of 3" in text

    classroom = run(tmp_path, scenario)
    saved = tmp_path / PACK / "team-kowloon.workshop.json"
    assert load_answers(saved).participant == "Team Kowloon"
    assert classroom.joined == 1


def test_wrong_codes_are_rate_limited_per_device(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        statuses = [(await join(client, "Guess", code=f"{n:06d}")).status for n in range(5)]
        assert statuses == [403] * 5
        limited = await join(client, "Guess", code=CODE)  # even the right code must wait
        assert limited.status == 429
        assert "Too many wrong class codes from this device" in await limited.text()
        assert classroom.joined == 0

    run(tmp_path, scenario)


def test_the_trainer_key_is_separate_from_the_class_code(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        assert (await client.get("/trainer")).status == 403
        assert (await client.get(f"/trainer?key={CODE}")).status == 403
        refused = await client.post("/trainer/release", data={"key": CODE})
        assert refused.status == 403
        assert classroom.released == 0
        page = await client.get(f"/trainer?key={classroom.trainer_key}")
        assert page.status == 200
        text = await page.text()
        assert CODE in text
        assert "http://127.0.0.1/" in text
        assert page.headers["Referrer-Policy"] == "same-origin"

    run(tmp_path, scenario)


def test_names_bodies_and_the_class_size_are_capped(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        long_name = await join(client, "x" * 81)
        assert long_name.status == 503 or long_name.status == 400
        assert "longer than 80 characters" in await long_name.text()
        blank = await join(client, "   ")
        assert blank.status == 400
        huge = await client.post(
            "/join", data={"code": CODE, "name": "a", "pad": "x" * (MAX_BODY_BYTES + 1)}
        )
        assert huge.status == 413
        assert "more than a page can send" in await huge.text()
        assert (await join(client, "One")).status == 303
        async with new_client(client) as other:
            assert (await join(other, "Two")).status == 303
        async with new_client(client) as third:
            full = await join(third, "Three")
            assert full.status == 503
            assert "The class is full: 2 participants have joined." in await full.text()

    classroom = run(tmp_path, scenario, max_participants=2)
    assert classroom.joined == 2
    assert sorted(p.name for p in (tmp_path / PACK).glob("*.workshop.json")) == [
        "one.workshop.json",
        "two.workshop.json",
    ]


def test_posts_and_the_push_channel_from_another_site_are_refused(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        foreign = {"Origin": "http://evil.example"}
        assert (
            await client.post("/join", data={"code": CODE, "name": "A"}, headers=foreign)
        ).status == 403
        assert classroom.joined == 0
        assert (await join(client, "A")).status == 303
        pushed = await client.get("/events", headers=foreign)
        assert pushed.status == 403
        cross = await client.get(
            f"/trainer/events?key={classroom.trainer_key}", headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert cross.status == 403
        here = {"Origin": f"http://{client.host}:{client.port}"}
        answered = await client.post(
            "/answer",
            data={"question": "is-incident", "choice": "incident"},
            headers=here,
            allow_redirects=False,
        )
        assert answered.status == 303

    run(tmp_path, scenario)


def test_answers_are_saved_and_merge_unchanged(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        assert (await join(client, "Team Kowloon")).status == 303
        answered = await client.post(
            "/answer", data={"question": "is-incident", "choice": "incident"}, allow_redirects=False
        )
        assert answered.status == 303
        feedback = await (await client.get(answered.headers["Location"])).text()
        assert "Your answer is saved." in feedback
        assert "Model answer" in feedback  # practice mode: shown after submitting
        again = await client.post("/answer", data={"question": "is-incident", "choice": "incident"})
        assert again.status == 400
        assert "already answered" in await again.text()
        second = classroom.released_questions()[1].id
        unknown = await client.post("/answer", data={"question": second, "choice": "nope"})
        assert unknown.status == 400
        assert f"is not an option of {second}" in await unknown.text()
        later = next(q for q in classroom.exercise.questions if q.after_inject is not None)
        early = await client.post(
            "/answer", data={"question": later.id, "choice": later.options[0].value}
        )
        assert early.status == 400
        assert "has not been released yet" in await early.text()

    run(tmp_path, scenario)
    saved = load_answers(tmp_path / PACK / "team-kowloon.workshop.json")
    assert saved.answers["is-incident"].choices == ["incident"]
    assert saved.pacing == "trainer"
    outcome = workshop_service.merge_class_results([tmp_path])
    assert [row.name for row in outcome.results.participants] == ["Team Kowloon"]


def test_a_ranking_is_answered_by_places(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        ranking = next(q for q in classroom.exercise.questions if q.kind == "ranking")
        while ranking.id not in {q.id for q in classroom.released_questions()}:
            classroom.release_next()
        assert (await join(client, "Ranker")).status == 303
        page = await (await client.get(f"/exercise?q={ranking.id}")).text()
        assert f'name="place-{ranking.options[0].value}"' in page
        places = {f"place-{v}": str(n) for n, v in enumerate(reversed(ranking.model_answer), 1)}
        duplicate = {
            **places,
            f"place-{ranking.options[0].value}": "1",
            f"place-{ranking.options[1].value}": "1",
        }
        bad = await client.post("/answer", data={"question": ranking.id, **duplicate})
        assert bad.status == 400
        good = await client.post(
            "/answer", data={"question": ranking.id, **places}, allow_redirects=False
        )
        assert good.status == 303

    classroom = run(tmp_path, scenario, pack=RANKING_PACK)
    ranking = next(q for q in classroom.exercise.questions if q.kind == "ranking")
    saved = load_answers(tmp_path / RANKING_PACK / "ranker.workshop.json")
    assert saved.answers[ranking.id].choices == list(reversed(ranking.model_answer))


def test_the_trainer_sees_counts_pushed_and_injects_reach_every_participant(
    tmp_path: Path,
) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        key = classroom.trainer_key
        async with new_client(client) as phone_a, new_client(client) as phone_b:
            assert (await join(phone_a, "A")).status == 303
            assert (await join(phone_b, "B")).status == 303
            trainer = await client.get(f"/trainer/events?key={key}")
            assert trainer.headers["Content-Type"].startswith("text/event-stream")
            stream_a = await phone_a.get("/events")
            stream_b = await phone_b.get("/events")
            await phone_a.post("/answer", data={"question": "is-incident", "choice": "incident"})
            live = events(trainer)
            async with asyncio.timeout(2):  # the promise: within 2 s
                name, data = await anext(live)
            assert name == "live"
            assert re.search(r'data-participant="A" data-answered="1"', data["html"])
            assert 'data-count="1"' in data["html"]
            released = await client.post(
                "/trainer/release", data={"key": key}, allow_redirects=False
            )
            assert released.status == 303
            first = classroom.exercise.injects[0]
            for stream in (stream_a, stream_b):
                async with asyncio.timeout(2):
                    name, data = await anext(events(stream))
                assert name == "inject"
                assert data["id"] == first.id
                assert first.title.en in data["html"]
            stream_a.close()
            stream_b.close()
            trainer.close()

    classroom = run(tmp_path, scenario)
    assert classroom.released == 1


def test_class_mode_keeps_the_model_answer_until_the_trainer_reveals_it(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        assert (await join(client, "Quiet")).status == 303
        await client.post("/answer", data={"question": "is-incident", "choice": "incident"})
        before = await (await client.get("/exercise?q=is-incident")).text()
        assert "Your answer is saved." in before
        assert "Model answer" not in before
        key = classroom.trainer_key
        assert (
            await client.post("/trainer/reveal", data={"key": key, "question": "is-incident"})
        ).status == 200
        after = await (await client.get("/exercise?q=is-incident")).text()
        assert "Model answer" in after
        assert "Correct." in after

    run(tmp_path, scenario, mode="class")


def test_ending_writes_the_class_results_and_closes_the_exercise(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        assert (await join(client, "Team Kowloon")).status == 303
        await client.post("/answer", data={"question": "is-incident", "choice": "incident"})
        key = classroom.trainer_key
        ended = await client.post("/trainer/end", data={"key": key})
        assert ended.status == 200
        assert "Open the class results" in await ended.text()
        results = await client.get(f"/trainer/results?key={key}")
        assert results.status == 200
        assert "Team Kowloon" in await results.text()
        page = await (await client.get("/exercise")).text()
        assert "The exercise has ended." in page
        late = await client.post("/answer", data={"question": "what-kind", "choice": "x"})
        assert late.status == 400
        async with new_client(client) as latecomer:
            refused = await join(latecomer, "Late")
            assert refused.status == 410

    classroom = run(tmp_path, scenario)
    assert classroom.results is not None
    document = json.loads(classroom.results.json.read_text(encoding="utf-8"))
    assert document["format"] == "cisec-workshop-class-results"
    assert [row["name"] for row in document["participants"]] == ["Team Kowloon"]
    assert load_answers(tmp_path / PACK / "team-kowloon.workshop.json").finished_at is not None


def test_both_languages_use_the_glossary_terms(tmp_path: Path) -> None:
    async def scenario(client: TestClient[Any, Any], classroom: Classroom) -> None:
        page = await (await client.get("/?lang=zh-Hant")).text()
        for term in ("課堂代碼", "姓名或隊名", "加入", 'lang="zh-Hant-HK"'):
            assert term in page
        assert (await join(client, "港隊", lang="zh-Hant")).status == 303
        exercise = await (await client.get("/exercise")).text()
        assert "提交" in exercise
        assert classroom.exercise.scenario.zh_hant.splitlines()[0][:20] in exercise

    run(tmp_path, scenario)
    assert load_answers(tmp_path / PACK / f"{'港隊'}.workshop.json").language == "zh-Hant"


@pytest.mark.parametrize("code", ["abc", "x" * 33, "12 34-56"])
def test_a_class_code_that_cannot_be_typed_is_refused(tmp_path: Path, code: str) -> None:
    from cisec.errors import CisecError

    with pytest.raises(CisecError, match="4 to 32 letters or digits"):
        open_classroom(PACK, code=code, folder=tmp_path)
