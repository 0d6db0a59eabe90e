"""Fixtures shared by the whole suite."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, settings

from vertalingen import AMSTERDAM

# Timing is not what the property tests assert: on a loaded 2-core CI machine a per-example
# deadline would only make them flaky. Speed is measured in the benchmarks instead.
settings.register_profile("nlalert", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nlalert")


@pytest.fixture
def moment() -> datetime:
    """A fixed moment in Amsterdam time, so texts are reproducible."""
    return datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)
