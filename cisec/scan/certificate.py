"""Provides the few fields the scan reports from a DER certificate: validity dates, subject, issuer.

The standard library only decodes a certificate it has verified; an invalid certificate is still
worth reporting (when did it expire, who issued it), so this reads the DER structure directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

_COMMON_NAME = bytes.fromhex("550403")  # OID 2.5.4.3


@dataclass(frozen=True, slots=True)
class CertificateFields:
    """Validity dates and common names read from a certificate."""

    not_before: datetime | None
    not_after: datetime | None
    subject: str
    issuer: str


class _Der:
    """A minimal DER reader over one TLV sequence."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def read(self) -> tuple[int, bytes]:
        data, position = self.data, self.position
        if position + 2 > len(data):
            raise ValueError("truncated DER")
        tag = data[position]
        length = data[position + 1]
        position += 2
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 4 or position + count > len(data):
                raise ValueError("bad DER length")
            length = int.from_bytes(data[position : position + count], "big")
            position += count
        end = position + length
        if end > len(data):
            raise ValueError("truncated DER")
        self.position = end
        return tag, data[position:end]


def read_certificate(der: bytes) -> CertificateFields:
    """Read validity and names from `der`; raises ValueError for a structure it cannot read."""
    _, certificate = _Der(der).read()
    _, tbs = _Der(certificate).read()
    fields = _Der(tbs)
    tag, _ = fields.read()
    if tag == 0xA0:  # an explicit version came first; the serial number follows
        fields.read()
    fields.read()  # signature algorithm
    _, issuer = fields.read()
    _, validity = fields.read()
    _, subject = fields.read()
    dates = _Der(validity)
    not_before = _time(*dates.read())
    not_after = _time(*dates.read())
    return CertificateFields(not_before, not_after, _common_name(subject), _common_name(issuer))


def _time(tag: int, value: bytes) -> datetime | None:
    text = value.decode("ascii", "replace")
    try:
        if tag == 0x17:  # UTCTime, YYMMDDHHMMSSZ
            parsed = datetime.strptime(text, "%y%m%d%H%M%SZ")
        elif tag == 0x18:  # GeneralizedTime, YYYYMMDDHHMMSSZ
            parsed = datetime.strptime(text, "%Y%m%d%H%M%SZ")
        else:
            return None
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC)


def _common_name(name: bytes) -> str:
    sets = _Der(name)
    while sets.position < len(name):
        _, relative = sets.read()
        attributes = _Der(relative)
        while attributes.position < len(relative):
            _, attribute = attributes.read()
            parts = _Der(attribute)
            _, oid = parts.read()
            _, value = parts.read()
            if oid == _COMMON_NAME:
                return value.decode("utf-8", "replace")
    return ""
