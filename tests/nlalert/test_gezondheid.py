"""`/healthz`: the database and the configured CBC decide, the simulator is reported; no login,
no secrets."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

from flask import Flask
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from nlalert.app import create_app

ECBE = "/api/ecbe/v1/message"


def gezondheid(app: Flask) -> tuple[int, dict[str, Any], str]:
    r = app.test_client().get("/healthz")
    return r.status_code, r.get_json(), r.get_data(as_text=True)


def app_met(tmp_path: Path, sim_url: str, **config: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "s",
            "DATABASE": str(tmp_path / "h.sqlite"),
            "SIM_URL": sim_url,
            **config,
        },
        instance_path=tmp_path,
    )


def dichte_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_healthy_with_the_simulator_as_cbc_and_no_login(app: Flask) -> None:
    r = app.test_client().get("/healthz")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["Cache-Control"] == "no-store"
    body = r.get_json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cbc"]["status"] == "ok"
    assert body["checks"]["cbc"]["profiel"] == "nlalert-sim"
    assert body["checks"]["simulator"]["status"] == "ok"
    assert "127.0.0.1" not in r.get_data(as_text=True)  # no addresses


def test_an_unreachable_cbc_is_503_and_says_so_without_its_password(
    tmp_path: Path, sim_url: str
) -> None:
    cbc = f"http://operator:geheim-wachtwoord@127.0.0.1:{dichte_poort()}"
    status, body, tekst = gezondheid(
        app_met(tmp_path, sim_url, CBC_URL=cbc, CBC_PROFIEL="osmo-cbc-0.4")
    )
    assert status == 503 and body["status"] == "fail"
    assert body["checks"]["cbc"] == {
        "status": "fail",
        "reason": "unreachable",
        "profiel": "osmo-cbc-0.4",
    }
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["simulator"]["status"] == "ok"  # reported on its own
    assert "geheim" not in tekst and "operator" not in tekst and "127.0.0.1" not in tekst


def test_osmo_cbc_without_get_is_up_when_its_rest_server_answers(
    tmp_path: Path, sim_url: str, httpserver: HTTPServer
) -> None:
    # osmo-cbc has no GET on the message path; its REST server answering at all shows it is up.
    httpserver.expect_request(ECBE, method="GET").respond_with_data("Not found", status=404)
    app = app_met(tmp_path, sim_url, CBC_URL=httpserver.url_for(""), CBC_PROFIEL="osmo-cbc-0.4")
    status, body, _ = gezondheid(app)
    assert status == 200 and body["checks"]["cbc"]["http_status"] == 404
    httpserver.clear()
    httpserver.expect_request(ECBE, method="GET").respond_with_data("kapot", status=500)
    status, body, _ = gezondheid(app)
    assert status == 503 and body["checks"]["cbc"]["reason"] == "unexpected answer"


def test_a_cbc_that_lists_must_answer_its_list(
    tmp_path: Path, sim_url: str, httpserver: HTTPServer
) -> None:
    httpserver.expect_request(ECBE, method="GET").respond_with_data("<html>proxy</html>")
    app = app_met(tmp_path, sim_url, CBC_URL=httpserver.url_for(""), CBC_PROFIEL="nlalert-sim")
    status, body, _ = gezondheid(app)
    assert status == 503 and body["checks"]["cbc"]["status"] == "fail"


def test_a_slow_cbc_fails_within_the_timeout(
    tmp_path: Path, sim_url: str, httpserver: HTTPServer
) -> None:
    def traag(_: Request) -> Response:
        time.sleep(1.5)
        return Response("", status=404)

    httpserver.expect_request(ECBE, method="GET").respond_with_handler(traag)
    app = app_met(
        tmp_path,
        sim_url,
        CBC_URL=httpserver.url_for(""),
        CBC_PROFIEL="osmo-cbc-0.4",
        HEALTHZ_TIMEOUT=0.3,
    )
    status, body, _ = gezondheid(app)
    assert status == 503 and body["checks"]["cbc"]["reason"] == "timeout"


def test_a_simulator_that_is_down_does_not_make_the_app_unhealthy(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request(ECBE, method="GET").respond_with_data("", status=405)
    app = app_met(
        tmp_path,
        f"http://127.0.0.1:{dichte_poort()}",
        CBC_URL=httpserver.url_for(""),
        CBC_PROFIEL="osmo-cbc-0.4",
    )
    status, body, _ = gezondheid(app)
    assert status == 200 and body["checks"]["simulator"]["status"] == "fail"


def test_a_database_that_cannot_be_opened_is_503(tmp_path: Path, sim_url: str) -> None:
    app = app_met(tmp_path, sim_url, DATABASE=str(tmp_path / "bestaat-niet" / "db.sqlite"))
    status, body, tekst = gezondheid(app)
    # The kind of failure only, never the driver's text (it may name a host, a user, a path).
    assert status == 503 and body["checks"]["database"] == {
        "status": "fail",
        "reason": "OperationalError",
    }
    assert body["checks"]["cbc"]["status"] == "ok"
    assert "bestaat-niet" not in tekst  # no paths
