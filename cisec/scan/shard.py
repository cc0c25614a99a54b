"""Provides shards: a deterministic 1/N of a target list, so N runners can split a long list.

A target belongs to shard K of N by a hash of the target as normalised (trimmed, lowercased,
without a trailing slash), so the split does not change when the list is reordered, every
target is in exactly one shard, and the N shards together are the whole list.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cisec.errors import CisecError

_SHARD = re.compile(r"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$")


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    def holds(self, target: str) -> bool:
        """Whether `target` falls in this shard."""
        return shard_number(target, self.count) == self.index


def parse_shard(text: str) -> Shard:
    """Read `K/N` (1 <= K <= N); CisecError for anything else."""
    match = _SHARD.match(text)
    index, count = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not match or count < 1 or not 1 <= index <= count:
        raise CisecError(
            f"--shard takes K/N with 1 <= K <= N (e.g. 3/8), not {text!r}.",
            "Number the shards from 1 to the number of shards.",
            message_zh=f"--shard 須為 K/N，且 1 <= K <= N（例如 3/8），而非 {text!r}。",
            next_step_zh="請把分片由 1 編號至分片總數。",
        )
    return Shard(index, count)


def shard_number(target: str, count: int) -> int:
    """The shard (1 to `count`) that `target` belongs to."""
    normalised = target.strip().lower().rstrip("/")
    digest = hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(targets: Iterable[str], shard: Shard | None) -> Iterator[str]:
    """The targets of `shard`, in their order (all of them without a shard)."""
    for target in targets:
        if shard is None or shard.holds(target):
            yield target
