"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from hypothesis import HealthCheck, settings

from tests.pgcluster import Cluster, pg_bin, throwaway_cluster
from vertalingen import AMSTERDAM

# Timing is not what the property tests assert: on a loaded 2-core CI machine a per-example
# deadline would only make them flaky. Speed is measured in the benchmarks instead.
settings.register_profile("nlalert", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nlalert")


@pytest.fixture
def moment() -> datetime:
    """A fixed moment in Amsterdam time, so texts are reproducible."""
    return datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for the whole run (tests/pgcluster.py)."""
    if pg_bin() is None:
        pytest.skip("no PostgreSQL server installed (apt-get install postgresql)")
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a fresh database migrated to the newest schema, dropped after the test."""
    url = pg_cluster.nieuwe_database()
    yield url
    pg_cluster.verwijder_database(url)
