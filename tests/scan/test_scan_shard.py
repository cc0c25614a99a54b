"""Shards: every target in exactly one of N, independent of order and of case or a final slash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cisec.errors import CisecError
from cisec.scan.shard import Shard, in_shard, parse_shard, shard_number


@given(st.lists(st.text(min_size=1, max_size=30), max_size=40), st.integers(1, 9))
def test_the_shards_partition_the_list(targets: list[str], count: int) -> None:
    parts = [list(in_shard(targets, Shard(index, count))) for index in range(1, count + 1)]
    assert sorted(t for part in parts for t in part) == sorted(targets)
    for index, part in enumerate(parts, 1):
        assert all(shard_number(t, count) == index for t in part)


def test_normalised_targets_share_a_shard() -> None:
    for count in (2, 7, 100):
        assert shard_number("Example.com", count) == shard_number(" example.com/ ", count)


def test_the_split_is_spread() -> None:
    numbers = [shard_number(f"site{n}.hk", 4) for n in range(400)]
    assert all(60 < numbers.count(k) < 140 for k in (1, 2, 3, 4))


def test_parse() -> None:
    assert parse_shard(" 3 / 8 ") == Shard(3, 8)
    with pytest.raises(CisecError) as raised:
        parse_shard("9/8")
    assert raised.value.message_zh and "--shard" in raised.value.message_zh
