"""Provides the limit on wrong class codes and trainer keys: per device and for the whole class.

A device that guesses wrong too often waits; so does everyone when guesses pour in from many
addresses at once, which keeps a six-digit code out of reach of a script for a class's length.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW_SECONDS = 60.0
FAILURES_PER_CLIENT = 5
FAILURES_PER_CLASS = 60
MAX_CLIENTS_TRACKED = 10_000


@dataclass
class AttemptLimiter:
    """Counts wrong attempts in a sliding window; `wait` says how long a client must wait."""

    per_client: int = FAILURES_PER_CLIENT
    per_class: int = FAILURES_PER_CLASS
    window: float = WINDOW_SECONDS
    clock: Callable[[], float] = time.monotonic
    _clients: dict[str, deque[float]] = field(default_factory=dict)
    _everyone: deque[float] = field(default_factory=deque)

    def _prune(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def wait(self, client: str) -> int:
        """Seconds `client` must wait before another attempt (0: it may try now)."""
        now = self.clock()
        self._prune(self._everyone, now)
        times = self._clients.get(client)
        if times is not None:
            self._prune(times, now)
            if not times:
                del self._clients[client]
        waits = []
        if times and len(times) >= self.per_client:
            waits.append(times[0] + self.window - now)
        if len(self._everyone) >= self.per_class:
            waits.append(self._everyone[0] + self.window - now)
        return max(1, round(max(waits))) if waits else 0

    def failed(self, client: str) -> None:
        """Record a wrong attempt by `client`."""
        now = self.clock()
        if len(self._clients) >= MAX_CLIENTS_TRACKED and client not in self._clients:
            # Forget the quietest clients rather than grow without bound; the class-wide
            # count still holds them back.
            for stale in list(self._clients)[: MAX_CLIENTS_TRACKED // 10]:
                del self._clients[stale]
        self._clients.setdefault(client, deque()).append(now)
        self._everyone.append(now)
