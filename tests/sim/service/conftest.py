"""Fixtures of the service tests: an app with a stand-in reach core and a hand-moved clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.sim.service.dienst import Klok, maak_app


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
