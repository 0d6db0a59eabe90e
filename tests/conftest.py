"""Fixtures shared by the whole suite."""

from __future__ import annotations

from datetime import datetime

import pytest

from vertalingen import AMSTERDAM


@pytest.fixture
def moment() -> datetime:
    """A fixed moment in Amsterdam time, so texts are reproducible."""
    return datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)
