"""Every request has an id: taken from a sane X-Request-ID or made, sent back, stored in the audit
rows the request writes, and, with NLALERT_LOG_JSON=1, in every log line, one JSON object each."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from nlalert import logboek
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.audit import log as audit
from nlalert.db import verbind
from tests.nlalert.conftest import WACHTWOORD, csrf, maak_gebruiker, rijen

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def bouw(tmp_path: Path, **config: Any) -> Flask:
    return create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE": str(tmp_path / "t.sqlite"), **config},
        instance_path=tmp_path,
    )


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    yield bouw(tmp_path)
    logboek._zet_json_logs(False)  # logging is per process: leave it as it was


def test_request_gets_a_new_id_each_time(app: Flask) -> None:
    client = app.test_client()
    een, twee = (client.get("/login").headers[logboek.REQUEST_ID_HEADER] for _ in range(2))
    assert re.fullmatch(UUID, een) and re.fullmatch(UUID, twee) and een != twee


@pytest.mark.parametrize(
    "aangeboden", ["abc-123", "0f8fad5b-d9cb-469f-a165-70867728950e", "a.b:c_d"]
)
def test_sane_incoming_id_is_kept_and_returned(app: Flask, aangeboden: str) -> None:
    r = app.test_client().get("/login", headers={"X-Request-ID": aangeboden})
    assert r.headers["X-Request-ID"] == aangeboden


@pytest.mark.parametrize(
    "aangeboden",
    ["", "x" * 129, "met spatie", "<script>", 'a"b', "a\\b", "ëën", "-begint-met-streep", "a{}b"],
)
def test_odd_incoming_id_is_replaced(app: Flask, aangeboden: str) -> None:
    r = app.test_client().get("/login", headers={"X-Request-ID": aangeboden})
    assert r.headers["X-Request-ID"] != aangeboden and len(r.headers["X-Request-ID"]) == 36


def test_error_answer_carries_the_id_too(app: Flask) -> None:
    r = app.test_client().get("/api/berichten/1", headers={"X-Request-ID": "fout-1"})
    assert r.status_code >= 400 and r.headers["X-Request-ID"] == "fout-1"


def test_audit_rows_of_a_request_carry_its_id(app: Flask) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    client = app.test_client()
    r = client.post(
        "/login",
        data={"naam": "anna", "wachtwoord": WACHTWOORD, "csrf_token": csrf(client)},
        headers={"X-Request-ID": "inlog-42"},
    )
    assert r.status_code == 302
    rij = rijen(app, "SELECT actie, request_id FROM audit ORDER BY seq DESC LIMIT 1")[0]
    assert (rij["actie"], rij["request_id"]) == ("login", "inlog-42")
    # A row written outside a request (the user made above) has none.
    eerste = rijen(app, "SELECT request_id FROM audit ORDER BY seq LIMIT 1")[0]
    assert eerste["request_id"] is None
    with closing(verbind(app.config["DATABASE"])) as db:
        assert audit.verify(db).ok  # the id is covered by the hash and the HMAC


def test_json_logs_are_off_by_default(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    app.test_client().get("/login")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("waarde", ["1", "true"])
def test_json_logs_one_object_per_line_with_the_request_id(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    waarde: str,
) -> None:
    monkeypatch.setenv("NLALERT_LOG_JSON", waarde)
    app = bouw(tmp_path)
    try:
        app.test_client().get("/login?wachtwoord=geheim", headers={"X-Request-ID": "req-7"})
        logging.getLogger("nlalert.ergens").warning("regel met\neen nieuwe regel")
    finally:
        logboek._zet_json_logs(False)
    regels = capsys.readouterr().err.splitlines()
    objecten = [json.loads(r) for r in regels]
    verzoek = next(o for o in objecten if o["logger"] == "nlalert.request")
    assert verzoek["request_id"] == "req-7"
    assert (verzoek["methode"], verzoek["pad"], verzoek["status"]) == ("GET", "/login", 200)
    assert "geheim" not in regels[0]  # the query string stays out of the log
    assert objecten[-1]["bericht"] == "regel met\neen nieuwe regel"
    assert objecten[-1]["request_id"] is None and len(regels) == len(objecten) == 2


def test_building_the_app_again_adds_no_second_handler(tmp_path: Path) -> None:
    try:
        for _ in range(3):
            bouw(tmp_path, LOG_JSON=True)
        handlers = logging.getLogger("nlalert").handlers
        assert sum(isinstance(h, logboek._JsonNaarStderr) for h in handlers) == 1
        bouw(tmp_path)
        assert not any(isinstance(h, logboek._JsonNaarStderr) for h in handlers)
    finally:
        logboek._zet_json_logs(False)


def test_exception_is_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        logboek._zet_json_logs(True)
        try:
            raise ValueError("kapot")
        except ValueError:
            logging.getLogger("nlalert.x").exception("mislukt")
    finally:
        logboek._zet_json_logs(False)
    [regel] = capsys.readouterr().err.splitlines()
    assert "ValueError: kapot" in json.loads(regel)["fout"]
