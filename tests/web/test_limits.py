"""The wrong-code limit: per device, for the whole class, and forgotten after its window."""

from __future__ import annotations

from cisec.web.limits import AttemptLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_device_waits_after_five_wrong_codes_and_may_try_again_after_the_window() -> None:
    clock = Clock()
    limiter = AttemptLimiter(clock=clock)
    for _ in range(5):
        assert limiter.wait("10.0.0.5") == 0
        limiter.failed("10.0.0.5")
        clock.now += 1
    assert limiter.wait("10.0.0.5") == 55  # at 1005; the first failure leaves the window at 1060
    assert limiter.wait("10.0.0.6") == 0  # another phone is not held back
    clock.now = 1060.0
    assert limiter.wait("10.0.0.5") == 0


def test_guesses_from_many_addresses_hold_back_the_whole_class() -> None:
    clock = Clock()
    limiter = AttemptLimiter(clock=clock, per_client=5, per_class=60)
    for number in range(60):
        limiter.failed(f"10.0.{number}.1")
    assert limiter.wait("10.9.9.9") == 60
    clock.now += 61
    assert limiter.wait("10.9.9.9") == 0
