"""`cisec scan`: output shapes, exit codes, bad usage, CA bundle precedence."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner
from loopback import LoopbackServer, Site, serving

from cisec.cli import cli
from cisec.scan import target

HEADERS = [
    ("Content-Type", "text/html"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
]
TEST_NAMES = {
    "content-security-policy",
    "cookies",
    "cross-origin-resource-sharing",
    "redirection",
    "referrer-policy",
    "strict-transport-security",
    "subresource-integrity",
    "x-content-type-options",
    "x-frame-options",
    "cross-origin-resource-policy",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
}


@pytest.fixture(autouse=True)
def closed_default_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheme a URL does not name is tried on a closed port, not on the machine's 80/443."""
    import socket

    ports = []
    for _ in range(2):
        probe = socket.create_server(("127.0.0.1", 0))
        ports.append(probe.getsockname()[1])
        probe.close()
    monkeypatch.setattr(target, "DEFAULT_PORTS", {"http": ports[0], "https": ports[1]})
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)


@pytest.fixture
def site() -> Iterator[LoopbackServer]:
    with serving(Site({"/": (200, HEADERS, b"<p>hello</p>")})) as server:
        yield server


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["scan", "--timeout", "1", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_json_for_one_target(site: LoopbackServer) -> None:
    code, out, _ = run(site.url(), "--json")
    assert code == 0
    row = json.loads(out)
    assert set(row) == {
        "target",
        "final_url",
        "status_code",
        "score",
        "grade",
        "tests",
        "checks",
        "error",
    }
    assert row["target"] == site.url()
    assert set(row["tests"]) == TEST_NAMES
    assert all(set(test) == {"result", "pass", "score_modifier"} for test in row["tests"].values())
    assert isinstance(row["score"], int)
    # -25 csp -20 redirection -20 hsts (+5 xfo dropped below an A): 35
    assert (row["score"], row["grade"], row["error"]) == (35, "D", None)
    assert row["tests"]["redirection"]["result"] == "redirection-missing"
    assert {check["check"] for check in row["checks"]} >= {"permissions-policy-missing"}
    assert all(
        set(check) == {"check", "severity", "message", "fix", "details"} for check in row["checks"]
    )


def test_json_array_and_jsonl_keep_targets_exactly(site: LoopbackServer, tmp_file: Path) -> None:
    tmp_file.write_text(f"# members\n{site.url()}\n\nnot a host\n", encoding="utf-8")
    code, out, _ = run("--file", str(tmp_file), "--json")
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list)
    assert {row["target"] for row in rows} == {site.url(), "not a host"}
    bad = next(row for row in rows if row["target"] == "not a host")
    assert bad["error"] == (
        "'not a host' is not a host name. Give a host such as example.com, or a full URL "
        "(with http:// or https://) when you need a port or a path."
    )
    assert set(bad["tests"]) == TEST_NAMES
    code, out, _ = run(site.url(), "not a host", "--jsonl", "--lang", "zh-Hant")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    assert (
        next(line for line in lines if line["target"] == "not a host")["error"]
        == "'not a host' 不是主機名稱。請輸入主機名稱，例如 example.com；如需指定端口或路徑，"
        "請輸入完整網址（以 http:// 或 https:// 開頭）。"
    )


def test_table_is_readable(site: LoopbackServer) -> None:
    code, out, _ = run(site.url(), "--lang", "both")
    assert code == 0
    assert "grade D, score 35" in out
    assert "Top fixes:" in out and "最重要的修正：" in out
    assert "FAIL   -25  content-security-policy" in out


@pytest.mark.parametrize(("floor", "code"), [("D", 0), ("D-", 0), ("C", 1), ("A+", 1)])
def test_fail_under(site: LoopbackServer, floor: str, code: int) -> None:
    assert run(site.url(), "--fail-under", floor, "--json")[0] == code


def test_unscannable_site_fails_a_floor_but_not_the_run() -> None:
    assert run("http://127.0.0.1:9/")[0] == 0
    assert run("http://127.0.0.1:9/", "--fail-under", "F")[0] == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), "at least one TARGET"),
        (("example.com", "--json", "--jsonl"), "one of --json and --jsonl"),
        (("example.com", "--fail-under", "Z"), "Invalid value"),
        (("example.com", "--concurrency", "0"), "Invalid value"),
        (("example.com", "--lang", "fr"), "Invalid value"),
        (("--file", "/nonexistent/targets.txt"), "No such file"),
        (("example.com", "--ca-bundle", "/nonexistent/ca.pem"), "does not exist"),
    ],
)
def test_bad_usage_exits_2_without_traceback(args: tuple[str, ...], words: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert words in err and "Traceback" not in err and out == ""


def test_ca_bundle_takes_precedence_over_the_environment(
    good_tls: ssl.SSLContext, ca_bundle: str, tmp_path: Path
) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    page = Site({"/": (200, [*HEADERS, ("Strict-Transport-Security", "max-age=31536000")], b"")})
    with serving(page, tls=good_tls) as https:

        def hsts(*args: str, env: dict[str, str] | None = None) -> str:
            code, out, _ = run(https.url(), "--json", *args, env=env)
            assert code == 0
            return str(json.loads(out)["tests"]["strict-transport-security"]["result"])

        assert hsts("--ca-bundle", ca_bundle, env={"REQUESTS_CA_BUNDLE": str(other)}) == (
            "hsts-implemented-max-age-at-least-six-months"
        )
        assert (
            hsts(env={"REQUESTS_CA_BUNDLE": ca_bundle})
            == "hsts-implemented-max-age-at-least-six-months"
        )
        assert hsts(env={"REQUESTS_CA_BUNDLE": str(other)}) == "hsts-invalid-cert"
        assert (
            hsts("--ca-bundle", str(other), env={"REQUESTS_CA_BUNDLE": ca_bundle})
            == "hsts-invalid-cert"
        )


def test_a_host_with_a_port_is_told_to_give_a_url() -> None:
    code, out, _ = run("127.0.0.1:8443", "--json")
    row = json.loads(out)
    assert code == 0 and row["grade"] is None
    assert "not a host name" in row["error"] and "full URL" in row["error"]
    code, out, _ = run("ftp://example.com", "--json", "--lang", "zh-Hant")
    assert "不是 http 或 https 網址" in json.loads(out)["error"]


def test_shards_are_disjoint_complete_and_stable(site: LoopbackServer, tmp_file: Path) -> None:
    targets = [f"{site.url()}page{number}" for number in range(12)]
    tmp_file.write_text("\n".join(targets), encoding="utf-8")
    parts = []
    for index in (1, 2, 3):
        code, out, _ = run("--file", str(tmp_file), "--jsonl", "--shard", f"{index}/3")
        assert code == 0
        parts.append({json.loads(line)["target"] for line in out.splitlines()})
    assert sum(len(part) for part in parts) == len(targets)
    assert set().union(*parts) == set(targets)
    assert all(part for part in parts)  # 12 targets over 3 shards: none is empty here
    # Reordering the list does not move a target to another shard.
    tmp_file.write_text("\n".join(reversed(targets)), encoding="utf-8")
    code, out, _ = run("--file", str(tmp_file), "--jsonl", "--shard", "2/3")
    assert {json.loads(line)["target"] for line in out.splitlines()} == parts[1]


@pytest.mark.parametrize("bad", ["0/3", "4/3", "1/0", "3", "a/b", "-1/2", "1/2/3"])
def test_a_bad_shard_is_refused_in_one_sentence(bad: str) -> None:
    code, out, err = run("example.invalid", "--shard", bad)
    assert code == 2 and out == ""
    assert f"--shard takes K/N with 1 <= K <= N (e.g. 3/8), not {bad!r}." in err
    assert "Traceback" not in err
