"""Shared fixtures for the simulator tests: the embedded data is loaded once per session."""

from __future__ import annotations

from datetime import datetime

import pytest

from sim import Simulator
from sim.model.bereik import TIJDZONE


@pytest.fixture(scope="session")
def simulator() -> Simulator:
    return Simulator.default()


@pytest.fixture(scope="session")
def middag() -> datetime:
    """A Monday at noon, local time: the hour of the control message."""
    return datetime(2024, 6, 3, 12, 0, tzinfo=TIJDZONE)
