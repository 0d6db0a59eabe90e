"""Behind a reverse proxy (NLALERT_PROXIES=N) the login rate limit counts the forwarded client
address; without the setting X-Forwarded-For is ignored, so a client cannot choose its address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.app import create_app
from nlalert.fouten import OngeldigeInvoer
from tests.nlalert.conftest import csrf, rijen

PER_ADRES = 3  # failed logins per address across names


def bouw(tmp_path: Path) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "t.sqlite"),
            "LOGIN_MAX_POGINGEN_ADRES": PER_ADRES,
        },
        instance_path=tmp_path,
    )


def mislukt(client: FlaskClient, naam: str, doorgestuurd: str) -> int:
    """A failed login with an X-Forwarded-For header; the status code."""
    r = client.post(
        "/login",
        data={"naam": naam, "wachtwoord": "fout", "csrf_token": csrf(client)},
        headers={"X-Forwarded-For": doorgestuurd},
    )
    return r.status_code


def adressen(app: Flask) -> list[str]:
    """The address each failed or blocked login was audited with."""
    return [
        json.loads(r[0])["ip"]
        for r in rijen(app, "SELECT details FROM audit WHERE actie LIKE 'login_%' ORDER BY seq")
    ]


def test_with_one_proxy_the_limit_counts_the_forwarded_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NLALERT_PROXIES", "1")
    app = bouw(tmp_path)
    client = app.test_client()
    for i in range(PER_ADRES):
        assert mislukt(client, f"naam{i}", "203.0.113.7") == 401
    assert mislukt(client, "nog-een", "203.0.113.7") == 429
    # Another client behind the same proxy is not blocked by the first one's failures.
    assert mislukt(client, "nog-een", "203.0.113.8") == 401
    # The proxy appends the address it saw; what the client put before it is not trusted.
    assert mislukt(client, "nog-een", "203.0.113.8, 203.0.113.7") == 429
    assert adressen(app) == [*["203.0.113.7"] * 4, "203.0.113.8", "203.0.113.7"]


def test_without_the_setting_the_header_is_ignored(tmp_path: Path) -> None:
    app = bouw(tmp_path)
    client = app.test_client()
    for i in range(PER_ADRES):
        assert mislukt(client, f"naam{i}", f"203.0.113.{i}") == 401
    # A made-up address does not escape the limit: every attempt came from 127.0.0.1.
    assert mislukt(client, "nog-een", "198.51.100.1") == 429
    assert set(adressen(app)) == {"127.0.0.1"}


def test_two_proxies_take_the_address_the_outer_proxy_saw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NLALERT_PROXIES", "2")
    app = bouw(tmp_path)
    client = app.test_client()
    assert mislukt(client, "anna", "192.0.2.66, 203.0.113.7, 10.0.0.2") == 401
    assert adressen(app) == ["203.0.113.7"]


@pytest.mark.parametrize("waarde", ["veel", "-1", "11", "1.5", "true"])
def test_a_bad_setting_is_refused_in_one_dutch_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, waarde: str
) -> None:
    monkeypatch.setenv("NLALERT_PROXIES", waarde)
    with pytest.raises(OngeldigeInvoer, match=r"NLALERT_PROXIES.*0 tot en met 10"):
        bouw(tmp_path)
