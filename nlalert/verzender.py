"""Where approved berichten go: the Verzender protocol the app is wired with, and its target."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from nlalert.workflow import BerichtRecord


class Doel(StrEnum):
    """Where a Verzender delivers: the simulator's exercise store or a real CBC."""

    SIMULATOR = "simulator"
    CBC = "cbc"


class Verzender(Protocol):
    """Delivers berichten to a CBC or the simulator. Both calls must be idempotent on retry:
    `verzend` treats the CBC's 409 (same message id and serial) as already sent, `trek_in` treats
    404 as already withdrawn. Anything raised counts as a failed send that can be retried."""

    @property
    def doel(self) -> Doel:
        """Whether this sender reaches the simulator or a real CBC."""
        ...

    def verzend(self, bericht: BerichtRecord) -> Mapping[str, Any]:
        """Broadcast the bericht; return what the CBC answered (stored as JSON)."""
        ...

    def trek_in(self, bericht: BerichtRecord) -> Mapping[str, Any]:
        """Stop broadcasting the bericht; return what the CBC answered."""
        ...
