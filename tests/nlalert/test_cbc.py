"""The CBC client against protocol edge cases: slow answers, empty bodies, 409, 4xx, 5xx."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from pytest_httpserver import HTTPServer
from urllib3.exceptions import NewConnectionError
from werkzeug import Request, Response

from nlalert.cbc import (
    ECBE_PAD,
    CBCClient,
    CBCOnbereikbaar,
    CBCOngeldigAntwoord,
    CBCStoring,
    CBCTimeout,
    CBCWeigert,
    GeoScope,
    OngeldigeUitzending,
    Serienummer,
    Uitzending,
)

PAGINA = "d4" * 82
UITZENDING = Uitzending(
    message_id=4370,
    serial=Serienummer(msg_code=12, update_nr=1),
    dcs=0x05,
    page_hex=(PAGINA,),
    area={"circle": {"lat": 52.09, "lon": 5.12, "radius_km": 3}},
)


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    # Threaded, so a slow handler does not hold up the client's retry. One per module: stopping
    # a server takes half a second.
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    _server.clear()
    yield _server
    _server.clear()


@pytest.fixture
def wachttijden() -> list[float]:
    return []


@pytest.fixture
def client(server: HTTPServer, wachttijden: list[float]) -> Iterator[CBCClient]:
    with CBCClient(server.url_for(""), timeout=(1, 2), retries=2, slaap=wachttijden.append) as c:
        yield c


def traag(seconden: float, status: int, klaar: threading.Event) -> Callable[[Request], Response]:
    def handler(_: Request) -> Response:
        time.sleep(seconden)
        klaar.set()
        return Response("Created", status=status)

    return handler


def test_submit_sends_ecbe_json_and_reports_created(server: HTTPServer, client: CBCClient) -> None:
    server.expect_oneshot_request(ECBE_PAD, method="POST").respond_with_data(
        "Created", status=201, headers={"Location": "/api/v1/broadcasts/echt-1"}
    )
    resultaat = client.submit(UITZENDING)
    assert (resultaat.status, resultaat.aangemaakt, resultaat.herhaald) == (201, True, False)
    assert resultaat.detail == "Created"
    assert resultaat.locatie == "/api/v1/broadcasts/echt-1"
    verzoek, _ = server.log[0]
    body = json.loads(verzoek.get_data())
    assert body == UITZENDING.to_ecbe_json()
    assert body["smscb_message"]["serial_nr"]["serial_nr_decoded"] == {
        "geo_scope": "plmn_wide",
        "msg_code": 12,
        "update_nr": 1,
    }
    assert body["category"] == "high_priority"
    assert body["area"]["circle"]["radius_km"] == 3


def test_200_with_empty_body_is_success(server: HTTPServer, client: CBCClient) -> None:
    server.expect_oneshot_request(ECBE_PAD, method="POST").respond_with_data("", status=200)
    resultaat = client.submit(UITZENDING)
    assert resultaat.aangemaakt and not resultaat.herhaald
    assert resultaat.status == 200


def test_409_on_first_attempt_is_refused(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "Could not allocate", status=409
    )
    with pytest.raises(CBCWeigert) as info:
        client.submit(UITZENDING)
    assert info.value.status == 409
    assert "al actief" in info.value.bericht
    assert len(server.log) == 1


def test_400_reason_is_surfaced_and_not_retried(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "'pages' array size out of range", status=400, content_type="text/plain"
    )
    with pytest.raises(CBCWeigert) as info:
        client.submit(UITZENDING)
    assert info.value.reden == "'pages' array size out of range"
    assert "'pages' array size out of range" in info.value.bericht
    assert len(server.log) == 1


def test_500_gives_storing_after_the_retries(
    server: HTTPServer, client: CBCClient, wachttijden: list[float]
) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data("Internal", status=500)
    with pytest.raises(CBCStoring) as info:
        client.submit(UITZENDING)
    assert info.value.status == 500
    assert info.value.pogingen == 3
    assert len(server.log) == 3
    assert wachttijden == [0.5, 1.0]


def test_503_then_201_succeeds_on_the_retry(server: HTTPServer, client: CBCClient) -> None:
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=503)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("Created", 201)
    resultaat = client.submit(UITZENDING)
    assert (resultaat.aangemaakt, resultaat.herhaald, resultaat.pogingen) == (True, False, 2)


def test_504_then_409_means_the_first_attempt_landed(server: HTTPServer, client: CBCClient) -> None:
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=504)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=409)
    resultaat = client.submit(UITZENDING)
    assert (resultaat.aangemaakt, resultaat.herhaald) == (True, True)


def test_other_5xx_is_not_retried(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data("Not Implemented", 501)
    with pytest.raises(CBCStoring):
        client.submit(UITZENDING)
    assert len(server.log) == 1


def test_slow_answer_past_the_timeout_is_a_timeout(server: HTTPServer) -> None:
    # Stands in for osmo-cbc's 15 s wait for absent cells, with a short client timeout.
    klaar = threading.Event()
    server.expect_request(ECBE_PAD, method="POST").respond_with_handler(traag(0.6, 201, klaar))
    client = CBCClient(server.url_for(""), timeout=(1, 0.2), retries=0)
    with client, pytest.raises(CBCTimeout) as info:
        client.submit(UITZENDING)
    assert "0.2 s" in info.value.bericht
    assert klaar.wait(5)


def test_slow_answer_within_the_timeout_is_fine(server: HTTPServer) -> None:
    klaar = threading.Event()
    server.expect_request(ECBE_PAD, method="POST").respond_with_handler(traag(0.3, 201, klaar))
    with CBCClient(server.url_for(""), timeout=(1, 2), retries=0) as client:
        assert client.submit(UITZENDING).aangemaakt


def test_timeout_then_409_is_success_without_a_second_broadcast(server: HTTPServer) -> None:
    klaar = threading.Event()
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_handler(
        traag(0.6, 201, klaar)
    )
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data(
        "Could not allocate", status=409
    )
    with CBCClient(server.url_for(""), timeout=(1, 0.2), retries=2, slaap=lambda _: None) as c:
        resultaat = c.submit(UITZENDING)
    assert (resultaat.status, resultaat.aangemaakt, resultaat.herhaald) == (409, True, True)
    assert resultaat.pogingen == 2
    assert klaar.wait(5)


def test_default_read_timeout_allows_osmo_cbcs_15_seconds() -> None:
    with CBCClient("http://127.0.0.1:1") as client:
        assert isinstance(client.timeout, tuple)
        assert client.timeout[1] >= 15 + 5


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
    return poort  # closed again: connecting is refused


def test_connection_refused_is_onbereikbaar_after_retries() -> None:
    wachten: list[float] = []
    client = CBCClient(f"http://127.0.0.1:{vrije_poort()}", retries=2, slaap=wachten.append)
    with client, pytest.raises(CBCOnbereikbaar) as info:
        client.submit(UITZENDING)
    assert "niet bereikbaar" in info.value.bericht
    assert len(wachten) == 2


def test_refused_then_409_is_still_refused() -> None:
    # A refused connection sent nothing, so a later 409 is someone else's active message.
    class Adapter(requests.adapters.BaseAdapter):
        def __init__(self) -> None:
            super().__init__()
            self.pogingen = 0

        def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
            self.pogingen += 1
            if self.pogingen == 1:
                raise requests.exceptions.ConnectionError(
                    NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
                )
            antwoord = requests.Response()
            antwoord.status_code = 409
            antwoord._content = b"Could not allocate"
            return antwoord

        def close(self) -> None:
            pass

    adapter = Adapter()
    with requests.Session() as sessie:
        sessie.mount("http://", adapter)
        client = CBCClient("http://cbc.invalid", session=sessie, slaap=lambda _: None)
        with pytest.raises(CBCWeigert):
            client.submit(UITZENDING)
    assert adapter.pogingen == 2


def test_cancel_ok(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("OK", 200)
    resultaat = client.cancel(4370)
    assert (resultaat.status, resultaat.aangemaakt, resultaat.detail) == (200, True, "OK")


def test_cancel_unknown_is_refused(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("", 404)
    with pytest.raises(CBCWeigert) as info:
        client.cancel(4370)
    assert info.value.status == 404


def test_cancel_404_after_an_ambiguous_attempt_is_success(
    server: HTTPServer, client: CBCClient
) -> None:
    server.expect_ordered_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("", 502)
    server.expect_ordered_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("", 404)
    resultaat = client.cancel(4370)
    assert resultaat.herhaald


def test_redirect_is_not_followed(server: HTTPServer, client: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "", status=302, headers={"Location": "http://elders.invalid/"}
    )
    with pytest.raises(CBCOngeldigAntwoord):
        client.submit(UITZENDING)


def test_a_session_passed_in_stays_open() -> None:
    with requests.Session() as sessie:
        CBCClient("http://127.0.0.1:1", session=sessie).close()
        assert sessie.adapters  # still usable


@pytest.mark.parametrize(
    "maak",
    [
        lambda: Uitzending(
            message_id=70000, serial=Serienummer(msg_code=1), dcs=5, page_hex=("d4",)
        ),
        lambda: Uitzending(message_id=1, serial=Serienummer(msg_code=1), dcs=5, page_hex=()),
        lambda: Uitzending(message_id=1, serial=Serienummer(msg_code=1), dcs=5, page_hex=("d",)),
        lambda: Uitzending(
            message_id=1, serial=Serienummer(msg_code=1), dcs=5, page_hex=(PAGINA,) * 16
        ),
        lambda: Uitzending(
            message_id=1, serial=Serienummer(msg_code=1), dcs=5, page_hex=(PAGINA + "00",)
        ),
        lambda: Serienummer(msg_code=1024),
        lambda: Serienummer(msg_code=1, update_nr=16),
        lambda: Serienummer(geo_scope=GeoScope.CELL_WIDE, msg_code=-1),
    ],
)
def test_invalid_broadcast_is_refused_before_sending(maak: Callable[[], object]) -> None:
    with pytest.raises(OngeldigeUitzending):
        maak()
