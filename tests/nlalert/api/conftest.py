"""These tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.nlalert.conftest import BEIDE, beide_databases

database = pytest.fixture(**BEIDE)(beide_databases)  # type: ignore[call-overload]
