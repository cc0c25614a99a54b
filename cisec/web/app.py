"""Provides the classroom web application (aiohttp): join, answer, the trainer's live screen.

Pages are rendered on the server and work without JavaScript; a small script listens on the
push channel (server-sent events) so injects, revealed answers and live counts arrive at once.
Every change to the class runs on one writer thread, in order, and is saved before the page
says it is.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

from aiohttp import web

from cisec.errors import CisecError
from cisec.model.text import LANGUAGES, Language
from cisec.services.classroom import Classroom, Participant, page_asset, render_page
from cisec.web import views
from cisec.web.limits import AttemptLimiter
from cisec.web.push import Channel, Event
from cisec.web.wording import say, words

MAX_BODY_BYTES = 16 * 1024
PARTICIPANT_COOKIE = "cisec_participant"
LANGUAGE_COOKIE = "cisec_lang"
KEEPALIVE_SECONDS = 15.0
TRAINER_COALESCE_SECONDS = 0.25
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # The trainer's address carries its key: never send it on to another site.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ClassroomServer:
    """The state the handlers share: the class, its push channels, the writer thread."""

    classroom: Classroom
    join_url: str
    language: Language = "en"
    limiter: AttemptLimiter = field(default_factory=AttemptLimiter)
    participants: Channel = field(default_factory=Channel)
    trainers: Channel = field(default_factory=Channel)
    writer: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="cisec-classroom")
    )

    async def write(self, function: Callable[..., T], *args: Any) -> T:
        """Run a change to the class on the writer thread (one at a time, in order)."""
        return await asyncio.get_running_loop().run_in_executor(self.writer, function, *args)


SERVER = web.AppKey("server", ClassroomServer)


def classroom_app(server: ClassroomServer) -> web.Application:
    """The web application for one class."""
    app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[guard])
    app[SERVER] = server
    app.add_routes(
        [
            web.get("/", join_page),
            web.post("/join", join),
            web.get("/exercise", exercise_page),
            web.post("/answer", answer),
            web.get("/events", participant_events),
            web.get("/trainer", trainer_page),
            web.post("/trainer/release", release),
            web.post("/trainer/reveal", reveal),
            web.post("/trainer/end", end),
            web.get("/trainer/events", trainer_events),
            web.get("/trainer/results", trainer_results),
            web.get("/static/{name}", static),
        ]
    )

    async def stop_streams(_app: web.Application) -> None:
        server.participants.close()
        server.trainers.close()

    async def stop_writer(_app: web.Application) -> None:
        server.writer.shutdown(wait=True)

    app.on_shutdown.append(stop_streams)
    app.on_cleanup.append(stop_writer)
    return app


# Edges: headers, origins, sentences for errors ---------------------------------------------


def same_origin(request: web.Request) -> bool:
    """Whether a browser says the request comes from this site.

    Sec-Fetch-Site decides when the browser sends it; else Origin must name this server.
    Requests that claim neither pass: browsers send one of them on every cross-site request.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc == request.host


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse cross-site posts and pushes; add the security headers; errors as sentences."""
    language = page_language(request)
    pushing = request.path.endswith("/events")
    if (request.method == "POST" or pushing) and not same_origin(request):
        response: web.StreamResponse = message(language, say("error.origin", language), 403)
    else:
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = message(language, say("error.too_large", language), 413)
        except web.HTTPNotFound:
            response = message(language, say("error.not_found", language), 404)
        except web.HTTPMethodNotAllowed:
            response = message(language, say("error.not_found", language), 405)
    if not response.prepared:
        response.headers.update(SECURITY_HEADERS)
    return response


def page_language(request: web.Request) -> Language:
    """The language asked for (?lang=, then the cookie), else the class's language."""
    for asked in (request.query.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if asked in LANGUAGES:
            return asked
    return request.app[SERVER].language


def see_other(location: str) -> web.Response:
    """A redirect to `location` after a form (303: the browser follows with GET)."""
    return web.Response(status=303, headers={"Location": location})


def html(text: str, status: int = 200) -> web.Response:
    """An HTML response."""
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def message(
    language: Language, sentence: str, status: int, next_step: str = "", back: bool = True
) -> web.Response:
    """A page that says one sentence (and the next step) with `status`."""
    view = views.message_view(language, sentence, next_step, back)
    return html(render_page("message.html.j2", view=view), status)


def remember_language(response: web.StreamResponse, request: web.Request) -> None:
    """Keep a language asked for by the switch for the pages that follow."""
    asked = request.query.get("lang")
    if asked in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, asked, httponly=True, samesite="Strict")


def error_text(error: CisecError, language: Language) -> str:
    """A CisecError as one line in `language`."""
    sentence, next_step = error.text(language)
    return f"{sentence} {next_step}".strip()


def client(request: web.Request) -> str:
    """Who is asking, for the attempt limit (the peer's address; no proxy is trusted)."""
    return request.remote or "unknown"


# The participant's pages -------------------------------------------------------------------


def joined(request: web.Request) -> Participant | None:
    """The participant this browser joined as, if any."""
    token = request.cookies.get(PARTICIPANT_COOKIE)
    return request.app[SERVER].classroom.participant(token) if token else None


async def join_page(request: web.Request) -> web.StreamResponse:
    """GET /: the join page (or the exercise, for a browser that has joined)."""
    language = page_language(request)
    if joined(request) is not None:
        response: web.StreamResponse = see_other(_exercise_address(request))
    else:
        classroom = request.app[SERVER].classroom
        view = views.join_view(classroom, language, code=request.query.get("code", ""))
        response = html(render_page("join.html.j2", view=view))
    remember_language(response, request)
    return response


def _exercise_address(request: web.Request) -> str:
    asked = request.query.get("lang")
    return f"/exercise?{urlencode({'lang': asked})}" if asked in LANGUAGES else "/exercise"


async def join(request: web.Request) -> web.StreamResponse:
    """POST /join: check the class code, start the participant's file, set the cookie."""
    server = request.app[SERVER]
    form = await request.post()
    asked = str(form.get("lang", ""))
    language: Language = asked if asked in LANGUAGES else page_language(request)
    code, name = str(form.get("code", "")), str(form.get("name", ""))
    classroom = server.classroom

    def again(error: str, status: int) -> web.Response:
        view = views.join_view(classroom, language, code=code, name=name[:80], error=error)
        return html(render_page("join.html.j2", view=view), status)

    wait = server.limiter.wait(client(request))
    if wait:
        return again(say("join.too_many", language, seconds=wait), 429)
    if not classroom.code_matches(code):
        server.limiter.failed(client(request))
        return again(say("join.wrong_code", language), 403)
    if not name.strip():
        return again(say("join.no_name", language), 400)
    try:
        participant = await server.write(classroom.join, name, language)
    except CisecError as error:
        return again(error_text(error, language), 503 if classroom.ended_at is None else 410)
    server.trainers.changed()
    response = see_other("/exercise")
    response.set_cookie(
        PARTICIPANT_COOKIE, participant.token, httponly=True, samesite="Strict", path="/"
    )
    response.set_cookie(LANGUAGE_COOKIE, language, httponly=True, samesite="Strict")
    return response


def not_joined(language: Language) -> web.Response:
    """The page for a browser without a place in the class."""
    return message(language, say("error.not_joined", language), 403)


async def exercise_page(request: web.Request) -> web.StreamResponse:
    """GET /exercise: the scenario, released injects and one question."""
    language = page_language(request)
    participant = joined(request)
    if participant is None:
        return see_other("/")
    classroom = request.app[SERVER].classroom
    view = views.exercise_view(classroom, participant, language, request.query.get("q"))
    response = html(render_page("exercise.html.j2", view=view))
    remember_language(response, request)
    return response


def choices_from(form: Any, kind: str) -> list[str]:
    """The options a form chose: in place order for a ranking; a bad place gives no answer."""
    if kind != "ranking":
        return [str(value) for value in form.getall("choice", [])]
    places: list[tuple[int, str]] = []
    for key, value in form.items():
        if not key.startswith("place-"):
            continue
        try:
            places.append((int(str(value)), key.removeprefix("place-")))
        except ValueError:
            return []
    if len({place for place, _ in places}) != len(places):
        return []
    return [value for _, value in sorted(places)]


async def answer(request: web.Request) -> web.StreamResponse:
    """POST /answer: record one answer, saved to the participant's file before replying."""
    server = request.app[SERVER]
    language = page_language(request)
    participant = joined(request)
    if participant is None:
        return not_joined(language)
    form = await request.post()
    question_id = str(form.get("question", ""))
    question = server.classroom.exercise.questions_by_id.get(question_id)
    choices = choices_from(form, question.kind if question is not None else "single")
    try:
        await server.write(server.classroom.answer, participant.token, question_id, choices)
    except CisecError as error:
        view = views.exercise_view(
            server.classroom, participant, language, question_id, error_text(error, language)
        )
        return html(render_page("exercise.html.j2", view=view), 400)
    server.trainers.changed()
    return see_other(f"/exercise?{urlencode({'q': question_id})}")


async def stream(request: web.Request, channel: Channel, language: Language) -> web.StreamResponse:
    """Hold an SSE stream open and send what the channel publishes."""
    response = web.StreamResponse(
        headers={**SECURITY_HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    await response.write(b"retry: 2000\n\n")
    queue = channel.subscribe()
    try:
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if event is None:
                break
            await response.write(event.encode(language))
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        channel.unsubscribe(queue)
    return response


async def participant_events(request: web.Request) -> web.StreamResponse:
    """GET /events: injects, revealed answers and the end, pushed to a participant's page."""
    participant = joined(request)
    if participant is None:
        return not_joined(page_language(request))
    server = request.app[SERVER]
    return await stream(request, server.participants, page_language(request))


def publish_state(server: ClassroomServer) -> None:
    """Tell every participant's page what it depends on now (it reloads if that changed)."""
    state = views.page_state(server.classroom)
    server.participants.publish(Event("state", {lang: {"state": state} for lang in LANGUAGES}))


# The trainer's screen ----------------------------------------------------------------------


def trainer_allowed(request: web.Request, key: str) -> web.Response | None:
    """None when `key` is the trainer's; else the refusal (wrong keys count as attempts)."""
    server = request.app[SERVER]
    language = page_language(request)
    wait = server.limiter.wait(client(request))
    if wait:
        return message(language, say("join.too_many", language, seconds=wait), 429, back=False)
    if not server.classroom.key_matches(key):
        server.limiter.failed(client(request))
        return message(language, say("trainer.wrong_key", language), 403, back=False)
    return None


async def trainer_page(request: web.Request) -> web.StreamResponse:
    """GET /trainer?key=…: the trainer's screen."""
    refused = trainer_allowed(request, request.query.get("key", ""))
    if refused is not None:
        return refused
    server = request.app[SERVER]
    language = page_language(request)
    notice = request.query.get("done")
    view = views.trainer_view(
        server.classroom, language, server.join_url, _notice(server, notice, language)
    )
    response = html(render_page("trainer.html.j2", view=view))
    remember_language(response, request)
    return response


def _notice(server: ClassroomServer, done: str | None, language: Language) -> str | None:
    if done == "released" and server.classroom.released:
        inject = server.classroom.exercise.injects[server.classroom.released - 1]
        return say("trainer.released", language, title=inject.title.get(language))
    return None


async def trainer_form(request: web.Request) -> tuple[Any, web.Response | None]:
    """The posted form of a trainer's control, or the refusal."""
    form = await request.post()
    return form, trainer_allowed(request, str(form.get("key", "")))


def back_to_trainer(server: ClassroomServer, form: Any, done: str = "") -> web.Response:
    """Where a trainer's control returns to (without the script)."""
    query = {"key": server.classroom.trainer_key, "lang": str(form.get("lang", "en"))}
    if done:
        query["done"] = done
    return see_other(f"/trainer?{urlencode(query)}")


async def release(request: web.Request) -> web.StreamResponse:
    """POST /trainer/release: release the next inject to every participant at once."""
    form, refused = await trainer_form(request)
    if refused is not None:
        return refused
    server = request.app[SERVER]
    inject = await server.write(server.classroom.release_next)
    if inject is not None:
        server.participants.publish(
            Event(
                "inject",
                {
                    language: {
                        "id": inject.id,
                        "html": render_page(
                            "inject.html.j2", inject=views.inject_view(inject, language)
                        ),
                    }
                    for language in LANGUAGES
                },
            )
        )
        publish_state(server)
        server.trainers.changed()
    return back_to_trainer(server, form, "released" if inject is not None else "")


async def reveal(request: web.Request) -> web.StreamResponse:
    """POST /trainer/reveal: reveal a question's model answer to everyone."""
    form, refused = await trainer_form(request)
    if refused is not None:
        return refused
    server = request.app[SERVER]
    try:
        await server.write(server.classroom.reveal, str(form.get("question", "")))
    except CisecError as error:
        language = page_language(request)
        return message(language, error_text(error, language), 400, back=False)
    publish_state(server)
    server.trainers.changed()
    return back_to_trainer(server, form)


async def end(request: web.Request) -> web.StreamResponse:
    """POST /trainer/end: end the exercise, write the class results."""
    form, refused = await trainer_form(request)
    if refused is not None:
        return refused
    server = request.app[SERVER]
    language = page_language(request)
    try:
        await server.write(server.classroom.end)
    except CisecError as error:
        publish_state(server)
        return message(language, error_text(error, language), 409, back=False)
    publish_state(server)
    server.trainers.changed()
    server.trainers.publish(Event("reload", {lang: {} for lang in LANGUAGES}))
    return back_to_trainer(server, form)


async def trainer_events(request: web.Request) -> web.StreamResponse:
    """GET /trainer/events?key=…: the live part of the trainer's screen, whenever it changes."""
    refused = trainer_allowed(request, request.query.get("key", ""))
    if refused is not None:
        return refused
    server = request.app[SERVER]
    language = page_language(request)
    response = web.StreamResponse(
        headers={**SECURITY_HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    await response.write(b"retry: 2000\n\n")
    queue = server.trainers.subscribe()  # for the reload after the end
    seen = server.trainers.version
    try:
        while True:
            version = await server.trainers.wait_change(seen, KEEPALIVE_SECONDS)
            while not queue.empty():
                event = queue.get_nowait()
                if event is None:
                    return response
                await response.write(event.encode(language))
            if version == seen:
                await response.write(b": keep-alive\n\n")
                continue
            # Answers arrive in bursts: one render for the burst, well within the 2 s promised.
            await asyncio.sleep(TRAINER_COALESCE_SECONDS)
            seen = server.trainers.version
            live = views.live_view(server.classroom.tally(), language)
            fragment = render_page(
                "trainer-live.html.j2",
                live=live,
                w=words(language),
                key=server.classroom.trainer_key,
                lang=language,
            )
            payload = json.dumps({"html": fragment}, ensure_ascii=False)
            await response.write(f"event: live\ndata: {payload}\n\n".encode())
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        server.trainers.unsubscribe(queue)
    return response


async def trainer_results(request: web.Request) -> web.StreamResponse:
    """GET /trainer/results?key=…: the class results written at the end."""
    refused = trainer_allowed(request, request.query.get("key", ""))
    if refused is not None:
        return refused
    results = request.app[SERVER].classroom.results
    if results is None:
        raise web.HTTPNotFound()
    text = await asyncio.to_thread(results.html.read_text, encoding="utf-8")
    return html(text)


async def static(request: web.Request) -> web.StreamResponse:
    """GET /static/NAME: the pages' stylesheet and script."""
    name = request.match_info["name"]
    body = page_asset(name)
    if body is None:
        raise web.HTTPNotFound()
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    return web.Response(body=body, content_type=kind, charset="utf-8")


def run(server: ClassroomServer, host: str, port: int) -> None:
    """Serve the class until Ctrl+C."""
    web.run_app(
        classroom_app(server), host=host, port=port, print=None, shutdown_timeout=5, access_log=None
    )
