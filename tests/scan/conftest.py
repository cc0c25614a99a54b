"""Fixtures of the scan tests: a test certificate authority and its certificates (trustme)."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    """The test CA that the scan is told to trust (via --ca-bundle)."""
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_bundle(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of the test CA's PEM file."""
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def server_context(certificate: trustme.LeafCert) -> ssl.SSLContext:
    """A server-side TLS context presenting `certificate`."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    return context


@pytest.fixture(scope="session")
def good_tls(ca: trustme.CA) -> ssl.SSLContext:
    """TLS for 127.0.0.1, valid for a year."""
    return server_context(ca.issue_cert("127.0.0.1", "localhost"))


@pytest.fixture(scope="session")
def soon_expiring_tls(ca: trustme.CA) -> ssl.SSLContext:
    """TLS for 127.0.0.1 that expires in five days."""
    now = datetime.now(UTC)
    return server_context(
        ca.issue_cert(
            "127.0.0.1", not_before=now - timedelta(days=80), not_after=now + timedelta(days=5)
        )
    )


@pytest.fixture(scope="session")
def expired_tls(ca: trustme.CA) -> ssl.SSLContext:
    """TLS for 127.0.0.1 that expired ten days ago."""
    now = datetime.now(UTC)
    return server_context(
        ca.issue_cert(
            "127.0.0.1", not_before=now - timedelta(days=100), not_after=now - timedelta(days=10)
        )
    )


@pytest.fixture(scope="session")
def wrong_host_tls(ca: trustme.CA) -> ssl.SSLContext:
    """TLS with a certificate for another host name."""
    return server_context(ca.issue_cert("shop.example.org"))


@pytest.fixture(scope="session")
def untrusted_tls() -> ssl.SSLContext:
    """TLS signed by a CA the scan does not trust."""
    return server_context(trustme.CA().issue_cert("127.0.0.1"))


@pytest.fixture
def tmp_file(tmp_path: Path) -> Path:
    """A scratch file path."""
    return tmp_path / "targets.txt"
