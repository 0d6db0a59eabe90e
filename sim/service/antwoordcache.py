"""A bounded LRU of finished reach answers: identical requests are answered without the model.

Keyed by the canonical area (its JSON with sorted keys), the moment the estimate is for (to the
minute) and the channel and format; bounded in entries and in bytes, since a national report is
several megabytes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Antwoord:
    """A finished answer body and its media type."""

    inhoud: bytes
    mimetype: str


class Antwoordcache:
    """Least recently used answers, at most `max_aantal` and `max_bytes` together (thread-safe)."""

    def __init__(self, max_aantal: int = 256, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_aantal = max_aantal
        self.max_bytes = max_bytes
        self._slot = threading.Lock()
        self._items: OrderedDict[Hashable, Antwoord] = OrderedDict()
        self._bytes = 0
        self.treffers = 0
        self.missers = 0

    def haal(self, sleutel: Hashable) -> Antwoord | None:
        """The answer for this key, now the most recently used; None if not cached."""
        with self._slot:
            antwoord = self._items.get(sleutel)
            if antwoord is None:
                self.missers += 1
                return None
            self._items.move_to_end(sleutel)
            self.treffers += 1
            return antwoord

    def bewaar(self, sleutel: Hashable, antwoord: Antwoord) -> None:
        """Keep an answer; the least recently used fall out beyond the bounds."""
        if len(antwoord.inhoud) > self.max_bytes or self.max_aantal <= 0:
            return
        with self._slot:
            oud = self._items.pop(sleutel, None)
            if oud is not None:
                self._bytes -= len(oud.inhoud)
            self._items[sleutel] = antwoord
            self._bytes += len(antwoord.inhoud)
            while len(self._items) > self.max_aantal or self._bytes > self.max_bytes:
                _, weg = self._items.popitem(last=False)
                self._bytes -= len(weg.inhoud)

    def __len__(self) -> int:
        return len(self._items)
