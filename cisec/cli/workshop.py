"""Provides `cisec workshop` (packs, show, merge) and `cisec serve` (a class on phones)."""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys
from pathlib import Path

import click

from cisec.cli.output import echo_json, fail, percent, user_errors
from cisec.model.text import Language

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


@click.group()
def workshop() -> None:
    """Workshop exercises for trainers: list and show packs, merge class results.

    \b
    A 45-minute class from one laptop:
      cisec workshop show cap653-incident-tabletop     # the trainer's view, model answers included
      cisec serve --pack cap653-incident-tabletop --host 0.0.0.0   # phones join by code
      cisec workshop merge "$(cisec workshop folder)" -o class.pdf --anonymise
    """


@workshop.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON: [{id, version, title, ...}].")
@user_errors
def packs(as_json: bool) -> None:
    """List the exercise packs (shipped and your own)."""
    from cisec.services import workshop as service

    found = service.exercise_catalogue()
    rows = list(found.packs.values())
    if as_json:
        echo_json(
            [
                {
                    "id": pack.id,
                    "version": pack.version,
                    "title": {"en": pack.title.en, "zh-Hant": pack.title.zh_hant},
                    "audience": pack.audience,
                    "duration_minutes": pack.duration_minutes,
                    "questions": len(pack.questions),
                    "injects": len(pack.injects),
                }
                for pack in rows
            ]
        )
    else:
        for pack in rows:
            click.echo(
                f"{pack.id:<26} {pack.version:<7} {pack.duration_minutes:>3} min "
                f"{len(pack.questions):>3} questions  {pack.title.en}"
            )
        click.echo(f"Your exercise packs folder: {service.user_packs_folder()}", err=True)
    for problem in found.problems:
        click.echo(f"cisec: skipped: {problem}", err=True)


@workshop.command()
@click.argument("pack_id")
@click.option("--language", type=click.Choice(["en", "zh-Hant"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the whole normalised pack as JSON.")
@user_errors
def show(pack_id: str, language: str, as_json: bool) -> None:
    """Show a pack as the trainer runs it: scenario, injects at T+n, questions, model answers."""
    from cisec.services import workshop as service

    pack = service.get_pack(pack_id)
    if as_json:
        echo_json(pack.model_dump(mode="json", by_alias=True))
        return
    lang: Language = "en" if language == "en" else "zh-Hant"
    click.echo(f"{pack.title.get(lang)} — {pack.id} {pack.version} ({pack.duration_minutes} min)")
    click.echo(f"\nT+0\n{pack.scenario.get(lang)}")
    for inject in [None, *pack.injects]:
        if inject is not None:
            click.echo(f"\nT+{inject.at_minute}  {inject.title.get(lang)}\n{inject.text.get(lang)}")
        key = inject.id if inject is not None else None
        for question in pack.questions:
            if question.after_inject != key:
                continue
            click.echo(f"\n  [{question.id}] ({question.kind}) {question.text.get(lang)}")
            for number, option in enumerate(question.options, start=1):
                mark = "*" if option.value in question.model_answer else " "
                click.echo(f"   {mark}{number}. {option.label.get(lang)}")
            if question.kind == "ranking":
                click.echo("    model order: " + " > ".join(question.model_answer))
            click.echo(f"    sources: {'; '.join(question.references)}")


@workshop.command()
@click.option(
    "--classroom",
    is_flag=True,
    hidden=True,
    help="Only the workshop, no home screen (what `cisec serve` runs for each browser).",
)
def practice(classroom: bool) -> None:
    """Open the terminal UI at the workshop: choose a pack, give a name, answer."""
    from cisec.tui.app import WorkshopApp

    WorkshopApp(classroom=classroom).run()


@workshop.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@user_errors
def validate_packs(paths: tuple[Path, ...]) -> None:
    """Check exercise pack files (no PATH: the shipped packs); every problem as file:line.

    The exit code is 0 when all is valid and 2 otherwise.
    """
    from cisec.services import workshop as service

    checked, problems = service.validate_packs(paths)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}.", err=True)
        raise click.exceptions.Exit(2)
    click.echo(f"{checked} pack{'s' if checked != 1 else ''} valid.", err=True)


@workshop.command()
@user_errors
def folder() -> None:
    """Print the workshop folder where participant files are saved."""
    from cisec.services import workshop as service

    click.echo(str(service.workshop_dir()))


@workshop.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="OUT.json, OUT.html or OUT.pdf (the PDF is for projecting in the debrief).",
)
@click.option("--anonymise", is_flag=True, help="Show participants as numbered pseudonyms.")
@click.option("--pack", "pack_id", help="The pack to merge (default: the one most files answer).")
@click.option(
    "--language",
    type=click.Choice(["en", "zh-Hant", "both"]),
    default="en",
    show_default=True,
    help="Language of the HTML or PDF.",
)
@user_errors
def merge(
    files: tuple[Path, ...], out: Path, anonymise: bool, pack_id: str | None, language: str
) -> None:
    """Merge participant files (or folders of them) into class results.

    Per question: how many chose each option, the share correct, the most common wrong answers
    and the discussion prompts; a score per participant; which file contributed what. A file
    that cannot be read is named and skipped, and the rest are still merged.

    \b
    Examples:
      cisec workshop merge class/*.workshop.json -o results.json
      cisec workshop merge ~/class-2026-11-25 -o results.pdf --anonymise --language both
    """
    from cisec.services import workshop as service

    # Refuse an output name before reading every participant file.
    service.results_format_for(out)
    outcome = service.merge_class_results(list(files), anonymise=anonymise, pack_id=pack_id)
    for notice in outcome.notices:
        click.echo(f"cisec: {notice}", err=True)
    results = outcome.results
    pages = service.write_class_results(
        results,
        out,
        language=language,
        progress=lambda step: click.echo(f"cisec: {step}…", err=True),
    )
    merged = sum(1 for report in results.files if report.status == "merged")
    skipped = len(results.files) - merged
    what = f"{pages} pages" if pages else out.suffix.lstrip(".").upper()
    not_merged = f", {skipped} file{'s' if skipped != 1 else ''} not merged" if skipped else ""
    mean = "—" if results.mean_percent is None else f"{percent(results.mean_percent)}%"
    click.echo(
        f"{out}: {merged} participant{'s' if merged != 1 else ''} merged{not_merged}; "
        f"class mean {mean} ({what}).",
        err=True,
    )


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """This machine's address on the network (for the join URL when listening on all)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def url_host(host: str) -> str:
    """The host part of a URL people can open for a listening address."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104  # listening on all: name this machine
        return lan_address()
    return f"[{host}]" if ":" in host else host


@click.command()
@click.option(
    "--pack", "pack_id", help="The exercise pack the class answers (see `cisec workshop packs`)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--code", help="The class code participants type (default: six random digits).")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Workshop folder for participant files (default: `cisec workshop folder`).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh-Hant"]),
    default="en",
    show_default=True,
    help="The pages' language until a participant switches.",
)
@click.option(
    "--mode",
    type=click.Choice(["practice", "class"]),
    default="practice",
    show_default=True,
    help="practice: the model answer after each Submit; class: when the trainer reveals it.",
)
@click.option(
    "--max-participants",
    default=200,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Browsers that may join; the next one is told the class is full.",
)
@click.option("--tui", is_flag=True, help="Serve the terminal UI instead, one app per browser tab.")
@user_errors
def serve(
    pack_id: str | None,
    host: str,
    port: int,
    code: str | None,
    folder: Path | None,
    lang: str,
    mode: str,
    max_participants: int,
    tui: bool,
) -> None:
    """Run a class from this laptop: phones join a web page with the class code.

    \b
    cisec prints the class code, the address participants open and the trainer's screen
    (with its key). The trainer releases injects, sees live counts per option, reveals model
    answers and ends the exercise, which writes the class results. Every participant's
    answers are saved in the workshop folder, ready for `cisec workshop merge`.

    \b
    Example:
      cisec serve --pack cap653-incident-tabletop --host 0.0.0.0 --lang zh-Hant
    """
    if not is_loopback(host):
        click.echo(
            f"cisec: warning: listening on {host}: anyone who can reach this machine on the "
            f"network can open the join page; only the class code keeps them out. Use it only "
            f"on a classroom network you trust, and stop it (Ctrl+C) after the class.",
            err=True,
        )
    if tui:
        serve_tui(host, port, folder)
        return
    if pack_id is None:
        raise fail(
            "Name the exercise pack with --pack.",
            "See the packs with: cisec workshop packs",
        )
    from cisec.services import classroom as service
    from cisec.web.app import ClassroomServer, run

    classroom = service.open_classroom(
        pack_id,
        code=code,
        folder=folder,
        mode="class" if mode == "class" else "practice",
        max_participants=max_participants,
    )
    base = f"http://{url_host(host)}:{port}"
    language: Language = "zh-Hant" if lang == "zh-Hant" else "en"
    server = ClassroomServer(classroom, join_url=f"{base}/", language=language)
    click.echo(f"cisec: {classroom.exercise.title.en} ({classroom.exercise.id})", err=True)
    click.echo(f"cisec: class code: {classroom.code}", err=True)
    click.echo(f"cisec: participants open: {base}/", err=True)
    click.echo(f"cisec: trainer's screen: {base}/trainer?key={classroom.trainer_key}", err=True)
    click.echo(
        f"cisec: participant files go to {classroom.folder / classroom.exercise.id}", err=True
    )
    click.echo("cisec: stop with Ctrl+C.", err=True)
    try:
        run(server, host, port)
    except OSError as error:
        raise fail(
            f"Cannot listen on {host}:{port} ({error.strerror}).", "Choose another --port."
        ) from None


def serve_tui(host: str, port: int, folder: Path | None) -> None:
    """The terminal UI to browsers via textual-serve: one app per tab, no class code."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise fail(
            "Serving the terminal UI to browsers needs textual-serve, which is not installed.",
            "Install it with: pip install 'cisec[serve]'",
        ) from None
    from cisec.services import workshop as service

    chosen = folder or service.workshop_dir()
    try:
        chosen.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise fail(f"Cannot create the workshop folder {chosen} ({error.strerror}).") from None
    # Each browser's app is a child process; it inherits this and saves into the one folder.
    os.environ[service.WORKSHOP_DIR_VARIABLE] = str(chosen.resolve())
    # Each browser gets the workshop only: the home screen would let anyone on the network open
    # and write files on this machine.
    command = f"{shlex.quote(sys.executable)} -m cisec workshop practice --classroom"
    click.echo(f"cisec: participant files go to {chosen}", err=True)
    Server(command, host=host, port=port, title="cisec workshop").serve()
