"""Provides the push channel: server-sent events to every participant and the trainer at once.

Each open page holds one queue; publishing puts the event on every queue without waiting, so
one slow phone never holds up the class (a queue that overflows closes that page's stream and
its browser reconnects and reloads).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from cisec.model.text import Language

QUEUE_LIMIT = 64


@dataclass(frozen=True)
class Event:
    """One pushed event: a name and its data in each language."""

    name: str
    data: Mapping[str, Mapping[str, str]]  # language -> JSON object

    def encode(self, language: Language) -> bytes:
        """The event as the SSE wire format, in `language`."""
        payload = json.dumps(self.data.get(language) or self.data["en"], ensure_ascii=False)
        return f"event: {self.name}\ndata: {payload}\n\n".encode()


@dataclass
class Channel:
    """The open pages of one audience (participants, or the trainer)."""

    _queues: set[asyncio.Queue[Event | None]] = field(default_factory=set)
    version: int = 0
    _changed: asyncio.Event | None = None

    def subscribe(self) -> asyncio.Queue[Event | None]:
        """A new page's queue."""
        queue: asyncio.Queue[Event | None] = asyncio.Queue(QUEUE_LIMIT)
        self._queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Event | None]) -> None:
        """Forget a closed page's queue."""
        self._queues.discard(queue)

    @property
    def listeners(self) -> int:
        """How many pages are listening."""
        return len(self._queues)

    def publish(self, event: Event) -> None:
        """Put `event` on every page's queue; a full queue ends that page's stream."""
        for queue in list(self._queues):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self._queues.discard(queue)
                queue.get_nowait()
                queue.put_nowait(None)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        for queue in list(self._queues):
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(None)
        self._queues.clear()
        self.changed()  # wake the streams that wait for a change rather than on their queue

    # A version number that wakes whoever waits for a change (the trainer's live counts).

    def changed(self) -> None:
        """Note that the class changed."""
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def wait_change(self, seen: int, timeout: float) -> int:
        """Wait until the version passes `seen` (or `timeout`); return the version."""
        if self.version == seen:
            if self._changed is None:
                self._changed = asyncio.Event()
            waiter = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter.wait(), timeout)
        return self.version
