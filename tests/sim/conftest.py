"""Shared fixtures for the simulator tests: the embedded data is loaded once per session."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from sim import Simulator
from sim.simulator import TIJDZONE
from tests.sim.dienst import Klok, maak_app


@pytest.fixture(scope="session")
def simulator() -> Simulator:
    return Simulator.default()


@pytest.fixture(scope="session")
def middag() -> datetime:
    """A Monday at noon, local time: the hour of the control message."""
    return datetime(2024, 6, 3, 12, 0, tzinfo=TIJDZONE)


@pytest.fixture
def klok() -> Klok:
    """The service's clock, moved by hand."""
    return Klok()


@pytest.fixture
def app(tmp_path: Path, klok: Klok) -> Flask:
    """The service with a stand-in reach core, a store in tmp_path and the hand-moved clock."""
    return maak_app(tmp_path, KLOK=klok)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of `app`."""
    return app.test_client()
