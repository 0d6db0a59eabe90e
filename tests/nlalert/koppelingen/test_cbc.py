"""The CBC client against protocol edge cases: slow answers, empty bodies, 409, 4xx, 5xx, GET.

A real HTTP server (pytest-httpserver) plays a CBC that misbehaves in exactly one way per test.
The rule under test: an outcome is `gedaan` only when the CBC did it (a 2xx, or its own list says
so), never because a retry got a 409.
"""

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

from berichten.identificatie import GeoScope, SerialNumber
from nlalert.koppelingen.cbc import ECBE_PAD, CBCClient
from nlalert.koppelingen.ecbe import OngeldigeUitzending, Uitzending
from nlalert.koppelingen.profiel import OSMO_CBC_04, SIMULATOR
from nlalert.koppelingen.uitkomst import Uitkomst

PAGINA = "d4" * 82
SERIAL = SerialNumber(geo_scope=GeoScope.PLMN, message_code=12, update_number=1)
UITZENDING = Uitzending(
    message_id=4370,
    serial=SERIAL,
    dcs=0x05,
    page_hex=(PAGINA,),
    area={"circle": {"lat": 52.09, "lon": 5.12, "radius_km": 3}},
    alert="NLALERT-1",
)
GET_PAD = f"{ECBE_PAD}/4370"


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
def osmo(server: HTTPServer, wachttijden: list[float]) -> Iterator[CBCClient]:
    """A client for a CBC like osmo-cbc 0.4: keyed on the channel, no GET."""
    with CBCClient(
        server.url_for(""), profiel=OSMO_CBC_04, timeout=(1, 2), retries=2, slaap=wachttijden.append
    ) as c:
        yield c


@pytest.fixture
def sim(server: HTTPServer) -> Iterator[CBCClient]:
    """A client for a CBC like the simulator: it answers GET."""
    with CBCClient(
        server.url_for(""), profiel=SIMULATOR, timeout=(1, 2), retries=2, slaap=lambda _: None
    ) as c:
        yield c


def traag(seconden: float, status: int, klaar: threading.Event) -> Callable[[Request], Response]:
    def handler(_: Request) -> Response:
        time.sleep(seconden)
        klaar.set()
        return Response("Created", status=status)

    return handler


def lijst(*serials: int) -> dict[str, Any]:
    """A GET answer holding these serial numbers on 4370."""
    return {
        "messages": [{"message_id": 4370, "serial_nr": {"serial_nr_encoded": s}} for s in serials]
    }


def test_submit_sends_ecbe_json_and_reports_done(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_oneshot_request(ECBE_PAD, method="POST").respond_with_data(
        "Created", status=201, headers={"Location": "/api/v1/broadcasts/echt-1"}
    )
    antwoord = osmo.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.status, antwoord.bevestigd) == (Uitkomst.GEDAAN, 201, False)
    assert antwoord.locatie == "/api/v1/broadcasts/echt-1"
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
    assert body["alert"] == "NLALERT-1"


def test_200_with_empty_body_is_done(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_oneshot_request(ECBE_PAD, method="POST").respond_with_data("", status=200)
    assert osmo.verzend(UITZENDING).uitkomst is Uitkomst.GEDAAN


def test_409_on_the_first_exchange_is_refused(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "Could not allocate", status=409
    )
    antwoord = osmo.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEWEIGERD and antwoord.status == 409
    assert "al een actieve uitzending op kanaal 4370" in str(antwoord.uitleg)
    assert len(server.log) == 1


def test_400_reason_is_surfaced_and_not_retried(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "'pages' array size out of range", status=400, content_type="text/plain"
    )
    antwoord = osmo.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEWEIGERD
    assert "'pages' array size out of range" in str(antwoord.uitleg)
    assert len(server.log) == 1


def test_500s_without_get_are_unknown_never_sent(
    server: HTTPServer, osmo: CBCClient, wachttijden: list[float]
) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data("Internal", status=500)
    antwoord = osmo.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.ONBEKEND and antwoord.pogingen == 3
    assert "osmo-cbc-0.4" in str(antwoord.uitleg)
    assert len(server.log) == 3
    assert wachttijden == [0.5, 1.0]


def test_500s_then_a_get_that_shows_nothing_means_not_sent(
    server: HTTPServer, sim: CBCClient
) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data("Internal", status=500)
    server.expect_request(GET_PAD, method="GET").respond_with_data("", status=404)
    antwoord = sim.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.NIET_BEREIKT and antwoord.bevestigd
    verzoeken = [(v.method, v.args.get("msg_code")) for v, _ in server.log]
    assert verzoeken.count(("POST", None)) == 3
    assert ("GET", "12") in verzoeken  # asked about this very message code


def test_503_then_201_is_done_on_the_retry(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=503)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("Created", 201)
    antwoord = osmo.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.pogingen) == (Uitkomst.GEDAAN, 2)


def test_504_then_409_without_get_is_unknown_not_sent(server: HTTPServer, osmo: CBCClient) -> None:
    # The 409 may be our first attempt, or another broadcast on the channel: osmo-cbc cannot say.
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=504)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=409)
    antwoord = osmo.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.ONBEKEND


def test_504_then_409_with_get_is_settled_by_the_cbcs_own_list(
    server: HTTPServer, sim: CBCClient
) -> None:
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=504)
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_data("", status=404)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=409)
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_json(lijst(SERIAL.waarde))
    antwoord = sim.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEDAAN and antwoord.bevestigd


def test_a_409_on_a_retry_for_another_broadcast_is_refused(
    server: HTTPServer, sim: CBCClient
) -> None:
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=504)
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_data("", status=404)
    server.expect_ordered_request(ECBE_PAD, method="POST").respond_with_data("", status=409)
    # The CBC holds the same code with an older update number: not ours.
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_json(lijst(SERIAL.waarde - 1))
    antwoord = sim.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEWEIGERD and antwoord.bevestigd
    assert "een andere uitzending" in str(antwoord.uitleg)


def test_other_5xx_is_unknown_after_one_exchange(server: HTTPServer, osmo: CBCClient) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data("Not Implemented", 501)
    assert osmo.verzend(UITZENDING).uitkomst is Uitkomst.ONBEKEND
    assert len(server.log) == 1


def test_slow_answer_past_the_timeout_is_unknown(server: HTTPServer) -> None:
    # Stands in for osmo-cbc's 15 s wait for absent cells, with a short client timeout.
    klaar = threading.Event()
    server.expect_request(ECBE_PAD, method="POST").respond_with_handler(traag(0.6, 201, klaar))
    client = CBCClient(server.url_for(""), profiel=OSMO_CBC_04, timeout=(1, 0.2), retries=0)
    with client:
        antwoord = client.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.ONBEKEND
    assert "0.2 s" in str(antwoord.uitleg)
    assert klaar.wait(5)


def test_slow_answer_within_the_timeout_is_fine(server: HTTPServer) -> None:
    klaar = threading.Event()
    server.expect_request(ECBE_PAD, method="POST").respond_with_handler(traag(0.3, 201, klaar))
    with CBCClient(server.url_for(""), timeout=(1, 2), retries=0) as client:
        assert client.verzend(UITZENDING).uitkomst is Uitkomst.GEDAAN


def test_default_read_timeout_allows_osmo_cbcs_15_seconds() -> None:
    with CBCClient("http://127.0.0.1:1") as client:
        assert isinstance(client.timeout, tuple)
        assert client.timeout[1] >= 15 + 5


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
    return poort  # closed again: connecting is refused


def test_connection_refused_is_not_reached_after_retries() -> None:
    wachten: list[float] = []
    client = CBCClient(f"http://127.0.0.1:{vrije_poort()}", retries=2, slaap=wachten.append)
    with client:
        antwoord = client.verzend(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.NIET_BEREIKT and not antwoord.bevestigd
    assert "niet bereikbaar" in str(antwoord.uitleg)
    assert len(wachten) == 2


def test_refused_then_409_is_refused() -> None:
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
        client = CBCClient(
            "http://cbc.invalid", profiel=OSMO_CBC_04, session=sessie, slaap=lambda _: None
        )
        assert client.verzend(UITZENDING).uitkomst is Uitkomst.GEWEIGERD
    assert adapter.pogingen == 2


def test_withdraw_names_the_message_code_where_the_cbc_keeps_several(
    server: HTTPServer, sim: CBCClient, osmo: CBCClient
) -> None:
    server.expect_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("OK", 200)
    assert sim.trek_in(UITZENDING).uitkomst is Uitkomst.GEDAAN
    assert osmo.trek_in(UITZENDING).uitkomst is Uitkomst.GEDAAN
    assert [v.args.get("msg_code") for v, _ in server.log] == ["12", None]


def test_withdraw_of_what_the_cbc_does_not_hold_is_done(
    server: HTTPServer, osmo: CBCClient
) -> None:
    server.expect_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("", 404)
    antwoord = osmo.trek_in(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEDAAN and "niet (meer)" in str(antwoord.uitleg)


def test_withdraw_after_a_lost_answer_asks_before_it_repeats(
    server: HTTPServer, sim: CBCClient
) -> None:
    server.expect_ordered_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("", 502)
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_data("", 404)
    antwoord = sim.trek_in(UITZENDING)
    assert antwoord.uitkomst is Uitkomst.GEDAAN and antwoord.bevestigd
    assert [v.method for v, _ in server.log] == ["DELETE", "GET"]


def test_redirect_is_not_followed_and_not_read_as_success(
    server: HTTPServer, osmo: CBCClient
) -> None:
    server.expect_request(ECBE_PAD, method="POST").respond_with_data(
        "", status=302, headers={"Location": "http://elders.invalid/"}
    )
    assert osmo.verzend(UITZENDING).uitkomst is Uitkomst.ONBEKEND
    assert len(server.log) == 1


def test_houdt_reads_the_cbcs_list_and_is_silent_without_get(
    server: HTTPServer, sim: CBCClient, osmo: CBCClient
) -> None:
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_json(lijst(SERIAL.waarde))
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_json(lijst(7))
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_data("stuk", status=500)
    server.expect_ordered_request(GET_PAD, method="GET").respond_with_data("niet json", 200)
    assert sim.houdt(UITZENDING) is True
    assert sim.houdt(UITZENDING) is False
    assert sim.houdt(UITZENDING) is None
    assert sim.houdt(UITZENDING) is None
    assert osmo.houdt(UITZENDING) is None and len(server.log) == 4


class TelAdapter(requests.adapters.HTTPAdapter):
    """Counts how often the session closed it."""

    gesloten = 0

    def close(self) -> None:
        TelAdapter.gesloten += 1
        super().close()


def test_the_client_closes_only_a_session_it_created(server: HTTPServer) -> None:
    server.expect_request("/ping").respond_with_data("pong")
    with requests.Session() as sessie:
        CBCClient(server.url_for(""), session=sessie).close()
        assert sessie.get(server.url_for("/ping"), timeout=5).text == "pong"  # still usable
    TelAdapter.gesloten = 0
    client = CBCClient(server.url_for(""))
    client.session.mount("http://", TelAdapter())
    client.close()
    assert TelAdapter.gesloten == 1


@pytest.mark.parametrize(
    "maak",
    [
        lambda: Uitzending(message_id=70000, serial=SERIAL, dcs=5, page_hex=("d4",)),
        lambda: Uitzending(message_id=1, serial=SERIAL, dcs=5, page_hex=()),
        lambda: Uitzending(message_id=1, serial=SERIAL, dcs=5, page_hex=("d",)),
        lambda: Uitzending(message_id=1, serial=SERIAL, dcs=5, page_hex=(PAGINA,) * 16),
        lambda: Uitzending(message_id=1, serial=SERIAL, dcs=5, page_hex=(PAGINA + "00",)),
        lambda: Uitzending(message_id=1, serial=SERIAL, dcs=5, page_hex=("d4",), num_of_bcast=-1),
    ],
)
def test_invalid_broadcast_is_refused_before_sending(maak: Callable[[], object]) -> None:
    with pytest.raises(OngeldigeUitzending):
        maak()
