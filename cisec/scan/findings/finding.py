"""Provides one SME finding: a stable kind, its severity and the details its sentence names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["critical", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem (or a good sign) found beside the Observatory tests."""

    kind: str  # a key of the advice data, e.g. "certificate-expires-soon"
    severity: Severity
    details: dict[str, str] = field(default_factory=dict)
