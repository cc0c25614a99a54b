"""A fixture for scans through the CLI or services: the scheme a URL does not name is tried on a
closed loopback port, never on the machine's own 80/443."""

from __future__ import annotations

import socket

import pytest

from cisec.scan import target


@pytest.fixture
def closed_default_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default http/https ports at two ports nothing listens on."""
    ports = []
    for _ in range(2):
        probe = socket.create_server(("127.0.0.1", 0))
        ports.append(probe.getsockname()[1])
        probe.close()
    monkeypatch.setattr(target, "DEFAULT_PORTS", {"http": ports[0], "https": ports[1]})
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
