"""Where approved berichten go: the simulator's exercise store or a real CBC."""

from __future__ import annotations

from enum import StrEnum


class Doel(StrEnum):
    """Whether a connection reaches the simulator or a real CBC."""

    SIMULATOR = "simulator"
    CBC = "cbc"
