"""The fault-injecting proxy against a real HTTP target: what each fault lets land and what the
client sees, driven by plain `requests` and by the real CBC client."""

from __future__ import annotations

import errno
import gc
import http.client
import threading
import time
import warnings
from collections.abc import Callable, Iterator

import pytest
import requests
from pytest_httpserver import HTTPServer

from berichten.identificatie import GeoScope, SerialNumber
from nlalert.koppelingen.cbc import ECBE_PAD, CBCClient
from nlalert.koppelingen.ecbe import Uitzending
from nlalert.koppelingen.profiel import OSMO_CBC_04, SIMULATOR
from nlalert.koppelingen.uitkomst import Uitkomst
from tests.storing import (
    AntwoordKwijt,
    Doorlaten,
    Logregel,
    Reset,
    Status,
    StatusNaDoorsturen,
    StoringProxy,
    Vasthouden,
    Vertraging,
)

UITZENDING = Uitzending(
    message_id=4370,
    serial=SerialNumber(geo_scope=GeoScope.PLMN, message_code=12, update_number=0),
    dcs=0x0F,
    page_hex=("d4" * 10,),
)


@pytest.fixture
def doel(httpserver: HTTPServer) -> HTTPServer:
    """The target: answers POST and DELETE as osmo-cbc does; tests add their own routes."""
    httpserver.expect_request(ECBE_PAD, method="POST").respond_with_data("Created", status=201)
    httpserver.expect_request(f"{ECBE_PAD}/4370", method="DELETE").respond_with_data("OK")
    return httpserver


@pytest.fixture
def proxy(doel: HTTPServer) -> Iterator[StoringProxy]:
    with StoringProxy(doel=f"http://127.0.0.1:{doel.port}") as p:
        yield p
    assert p.fouten == []


@pytest.fixture
def client(proxy: StoringProxy) -> Iterator[CBCClient]:
    """The real client, as for osmo-cbc: no GET, so an unclear outcome stays ONBEKEND."""
    with CBCClient(
        proxy.url, profiel=OSMO_CBC_04, timeout=(1, 1), retries=0, slaap=lambda s: None
    ) as c:
        yield c


def aangekomen(doel: HTTPServer) -> list[str]:
    """What reached the target, as 'METHOD path'."""
    return [f"{verzoek.method} {verzoek.path}" for verzoek, _ in doel.log]


def oorzaken(fout: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps, through args, causes and contexts."""
    gezien: set[int] = set()
    open_ = [fout]
    while open_:
        huidig = open_.pop()
        if id(huidig) in gezien:
            continue
        gezien.add(id(huidig))
        yield huidig
        open_ += [a for a in huidig.args if isinstance(a, BaseException)]
        open_ += [e for e in (huidig.__cause__, huidig.__context__) if e is not None]


def is_reset(fout: BaseException) -> bool:
    """Whether the connection got an RST; a plain close (FIN) is RemoteDisconnected, errno None."""
    return any(getattr(e, "errno", None) == errno.ECONNRESET for e in oorzaken(fout))


def test_passes_method_path_query_headers_and_body_both_ways(
    proxy: StoringProxy, doel: HTTPServer
) -> None:
    doel.expect_request("/echo/a", method="PATCH", query_string="x=1&y=2").respond_with_data(
        "terug", status=207, headers={"X-Antwoord": "ja"}
    )
    antwoord = requests.patch(
        f"{proxy.url}/echo/a?x=1&y=2",
        data=b"\x00inhoud",
        headers={"X-Vraag": "v", "Connection": "keep-alive, X-Weg", "X-Weg": "1"},
        timeout=2,
    )
    assert (antwoord.status_code, antwoord.content) == (207, b"terug")
    assert antwoord.headers["X-Antwoord"] == "ja"
    verzoek, _ = doel.log[0]
    assert verzoek.get_data() == b"\x00inhoud"
    assert verzoek.headers["X-Vraag"] == "v"
    assert verzoek.headers["Host"] == f"127.0.0.1:{doel.port}"
    assert "X-Weg" not in verzoek.headers  # named in Connection: hop-by-hop
    assert proxy.log == [
        Logregel(
            methode="PATCH",
            pad="/echo/a?x=1&y=2",
            storing=Doorlaten(),
            doorgestuurd=True,
            doelstatus=207,
        )
    ]


def test_chunked_request_body_arrives_whole(proxy: StoringProxy, doel: HTTPServer) -> None:
    doel.expect_request("/echo", method="PUT", data=b"abcdef").respond_with_data("ok")
    antwoord = requests.put(f"{proxy.url}/echo", data=iter([b"ab", b"cd", b"ef"]), timeout=2)
    assert (antwoord.status_code, antwoord.text) == (200, "ok")


def test_keeps_the_client_connection_alive(proxy: StoringProxy, doel: HTTPServer) -> None:
    verbinding = http.client.HTTPConnection(
        "127.0.0.1", int(proxy.url.rsplit(":", 1)[1]), timeout=2
    )
    try:
        verbinding.request("DELETE", f"{ECBE_PAD}/4370")
        eerste = verbinding.getresponse()
        assert (eerste.status, eerste.read()) == (200, b"OK")
        sock = verbinding.sock
        assert sock is not None  # http.client drops it when the answer says Connection: close
        verbinding.request("POST", ECBE_PAD, body=b"{}")
        tweede = verbinding.getresponse()
        assert (tweede.status, tweede.read()) == (201, b"Created")
        assert verbinding.sock is sock
    finally:
        verbinding.close()


def test_status_answers_without_reaching_the_target(proxy: StoringProxy, doel: HTTPServer) -> None:
    proxy.plan(Status(503, "bezet"))
    antwoord = requests.post(proxy.url + ECBE_PAD, json={}, timeout=2)
    assert (antwoord.status_code, antwoord.text) == (503, "bezet")
    assert aangekomen(doel) == []
    assert proxy.log[0].doorgestuurd is False


def test_planned_faults_apply_in_order_then_requests_pass(
    proxy: StoringProxy, doel: HTTPServer
) -> None:
    proxy.plan(Status(503), Status(500))
    with CBCClient(
        proxy.url, profiel=OSMO_CBC_04, timeout=(1, 1), retries=2, slaap=lambda s: None
    ) as client:
        antwoord = client.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.status, antwoord.pogingen) == (Uitkomst.GEDAAN, 201, 3)
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]
    assert [regel.storing for regel in proxy.log] == [Status(503), Status(500), Doorlaten()]


def test_antwoord_kwijt_lands_but_the_client_sees_a_broken_connection(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan(AntwoordKwijt())
    with pytest.raises(requests.ConnectionError) as fout:
        requests.post(proxy.url + ECBE_PAD, json={}, timeout=2)
    assert not is_reset(fout.value)  # closed, not reset
    proxy.plan(AntwoordKwijt())
    assert client.verzend(UITZENDING).uitkomst is Uitkomst.ONBEKEND
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"] * 2
    assert [(r.doorgestuurd, r.doelstatus) for r in proxy.log] == [(True, 201)] * 2


def test_lost_answer_is_settled_by_asking_the_target(proxy: StoringProxy, doel: HTTPServer) -> None:
    # The simulator profile asks GET after an unanswered POST: the proxy passes that through.
    doel.expect_request(f"{ECBE_PAD}/4370", method="GET").respond_with_json(
        {"messages": [{"serial_nr": {"serial_nr_encoded": UITZENDING.serial.waarde}}]}
    )
    proxy.plan(AntwoordKwijt())
    with CBCClient(
        proxy.url, profiel=SIMULATOR, timeout=(1, 1), retries=1, slaap=lambda s: None
    ) as client:
        antwoord = client.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.bevestigd) == (Uitkomst.GEDAAN, True)
    assert aangekomen(doel) == [f"POST {ECBE_PAD}", f"GET {ECBE_PAD}/4370"]


def test_status_409_on_the_first_attempt_is_a_refusal(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan(Status(409, "already active"))
    antwoord = client.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.status) == (Uitkomst.GEWEIGERD, 409)
    assert aangekomen(doel) == []


def test_status_na_doorsturen_lands_but_the_client_sees_the_error(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan(StatusNaDoorsturen(502, "bad gateway"))
    antwoord = client.verzend(UITZENDING)
    assert (antwoord.uitkomst, antwoord.status) == (Uitkomst.ONBEKEND, 502)
    assert "bad gateway" in str(antwoord.uitleg)
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]
    assert (proxy.log[0].doorgestuurd, proxy.log[0].doelstatus) == (True, 201)


def test_vertraging_na_doorsturen_lands_and_the_client_times_out(
    proxy: StoringProxy, doel: HTTPServer
) -> None:
    proxy.plan(Vertraging(2, na_doorsturen=True))
    with CBCClient(
        proxy.url, profiel=OSMO_CBC_04, timeout=(1, 0.5), retries=0, slaap=lambda s: None
    ) as client:
        begin = time.monotonic()
        antwoord = client.verzend(UITZENDING)
    assert time.monotonic() - begin < 1.5  # the client's read timeout, not the delay
    assert (antwoord.uitkomst, antwoord.status) == (Uitkomst.ONBEKEND, None)
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]


def test_vertraging_voor_doorsturen_lands_late(proxy: StoringProxy, doel: HTTPServer) -> None:
    proxy.plan(Vertraging(0.6))
    with pytest.raises(requests.Timeout):
        requests.post(proxy.url + ECBE_PAD, json={}, timeout=(1, 0.2))
    assert aangekomen(doel) == []  # still on its way
    assert proxy.wacht_op(1)[0].doorgestuurd is True
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]


@pytest.mark.parametrize("na_doorsturen", [False, True])
def test_reset_sends_rst(proxy: StoringProxy, doel: HTTPServer, na_doorsturen: bool) -> None:
    proxy.plan(Reset(na_doorsturen=na_doorsturen))
    with pytest.raises(requests.ConnectionError) as fout:
        requests.delete(f"{proxy.url}{ECBE_PAD}/4370", timeout=2)
    assert is_reset(fout.value)
    assert aangekomen(doel) == ([f"DELETE {ECBE_PAD}/4370"] if na_doorsturen else [])


def test_reset_na_doorsturen_is_ambiguous_for_the_client(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan(Reset(na_doorsturen=True))
    assert client.trek_in(UITZENDING).uitkomst is Uitkomst.ONBEKEND
    assert aangekomen(doel) == [f"DELETE {ECBE_PAD}/4370"]


def test_plan_voor_waits_for_a_matching_request(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan_voor("DELETE", ECBE_PAD, Status(503))
    assert client.verzend(UITZENDING).status == 201
    assert client.trek_in(UITZENDING).status == 503
    assert client.trek_in(UITZENDING).status == 200  # the rule was used up
    assert aangekomen(doel) == [f"POST {ECBE_PAD}", f"DELETE {ECBE_PAD}/4370"]


def start_in_thread(functie: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run a call in a thread; the list gets its result or its exception."""
    uitkomst: list[object] = []

    def doe() -> None:
        try:
            uitkomst.append(functie())
        except Exception as exc:
            uitkomst.append(exc)

    draad = threading.Thread(target=doe)
    draad.start()
    return draad, uitkomst


def test_vasthouden_na_doorsturen_lands_and_waits_for_laat_los(
    proxy: StoringProxy, doel: HTTPServer, client: CBCClient
) -> None:
    proxy.plan(Vasthouden(na_doorsturen=True))
    draad, uitkomst = start_in_thread(lambda: requests.post(proxy.url + ECBE_PAD, timeout=5))
    assert proxy.doorgestuurd.wait(2)
    assert proxy.aangekomen.is_set()
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]
    # Held, yet the proxy serves another request meanwhile.
    assert client.trek_in(UITZENDING).status == 200
    assert draad.is_alive() and uitkomst == []
    proxy.laat_los()
    draad.join(2)
    assert isinstance(uitkomst[0], requests.Response) and uitkomst[0].status_code == 201
    assert not proxy.aangekomen.is_set() and not proxy.doorgestuurd.is_set()


def test_vasthouden_voor_doorsturen_lands_only_after_laat_los(
    proxy: StoringProxy, doel: HTTPServer
) -> None:
    proxy.plan(Vasthouden())
    draad, uitkomst = start_in_thread(lambda: requests.post(proxy.url + ECBE_PAD, timeout=5))
    assert proxy.aangekomen.wait(2)
    time.sleep(0.1)  # time enough to forward, were the proxy to do so
    assert aangekomen(doel) == [] and not proxy.doorgestuurd.is_set()
    proxy.laat_los()
    draad.join(2)
    assert isinstance(uitkomst[0], requests.Response) and uitkomst[0].status_code == 201
    assert aangekomen(doel) == [f"POST {ECBE_PAD}"]


def test_laat_los_before_the_hold_begins_still_releases(
    proxy: StoringProxy, doel: HTTPServer
) -> None:
    proxy.plan(Vasthouden(na_doorsturen=True))
    draad, uitkomst = start_in_thread(lambda: requests.post(proxy.url + ECBE_PAD, timeout=5))
    assert proxy.aangekomen.wait(2)
    proxy.laat_los()  # possibly while the request is still being forwarded
    draad.join(2)
    assert isinstance(uitkomst[0], requests.Response) and uitkomst[0].status_code == 201


def test_stop_releases_held_requests_and_leaves_no_thread_or_socket(doel: HTTPServer) -> None:
    voor = set(threading.enumerate())
    with (
        warnings.catch_warnings(record=True) as gezien,
        StoringProxy(doel=f"http://127.0.0.1:{doel.port}") as proxy,
        requests.Session() as stil,
    ):
        warnings.simplefilter("always")
        proxy.plan(Vasthouden())
        eerste, uitkomst1 = start_in_thread(lambda: requests.post(proxy.url + ECBE_PAD, timeout=5))
        assert proxy.aangekomen.wait(2)
        proxy.plan(Vasthouden(na_doorsturen=True))
        tweede, uitkomst2 = start_in_thread(lambda: requests.post(proxy.url + ECBE_PAD, timeout=5))
        assert proxy.doorgestuurd.wait(2)
        # An idle keep-alive connection, too, must not keep stop() waiting.
        assert stil.delete(f"{proxy.url}{ECBE_PAD}/4370", timeout=2).status_code == 200
        begin = time.monotonic()
        proxy.stop()
        assert time.monotonic() - begin < 1
        # Only the two clients are left: every thread of the proxy was joined.
        assert set(threading.enumerate()) - voor <= {eerste, tweede}
        eerste.join(2)
        tweede.join(2)
        gc.collect()
    assert isinstance(uitkomst1[0], requests.ConnectionError)
    assert isinstance(uitkomst2[0], requests.ConnectionError)
    assert set(threading.enumerate()) <= voor
    assert [w for w in gezien if issubclass(w.category, ResourceWarning)] == []
    assert proxy.fouten == []
    # Dropped unanswered: the first never reached the target, the second did.
    assert {r.storing: r.doorgestuurd for r in proxy.log} == {
        Doorlaten(): True,
        Vasthouden(): False,
        Vasthouden(na_doorsturen=True): True,
    }
