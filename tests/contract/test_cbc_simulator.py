"""The real CBC client against the real simulator, served over HTTP from a thread on 127.0.0.1.

Pages come from `berichten`, reach from the real `sim.Simulator`: this is the chain a communicator
uses, minus the operator.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from berichten.identificatie import GeoScope, SerialNumber
from berichten.paginas import encode
from nlalert.koppelingen.cbc import CBCClient
from nlalert.koppelingen.ecbe import Uitzending
from nlalert.koppelingen.uitkomst import Uitkomst
from sim.service import create_app
from tests.simulator import draaiende_simulator

TEKST = (
    "NL-Alert 07-11-2023 13:37 Grote brand met veel rook in Rotterdam-Centrum. Blijf uit de rook."
    " Sluit ramen en deuren. Zet ventilatie uit. Meer informatie op crisis.nl."
)
# Rotterdam city centre, GeoJSON order lon,lat.
CENTRUM = {
    "type": "Polygon",
    "coordinates": [
        [[4.455, 51.912], [4.495, 51.912], [4.495, 51.93], [4.455, 51.93], [4.455, 51.912]]
    ],
}


@pytest.fixture(scope="module")
def sim_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with draaiende_simulator(tmp_path_factory.mktemp("sim")) as url:
        yield url


@pytest.fixture(scope="module")
def sim_app(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The same app with the real core, through Flask's test client (fast for many examples)."""
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("sim-app"))}).test_client()


ECBE = "/api/ecbe/v1/message"


def ecbe_json(message_id: int, area: object) -> dict[str, object]:
    return uitzending(message_id, "Test").to_ecbe_json() | {"area": area}


@pytest.fixture
def client(sim_url: str) -> Iterator[CBCClient]:
    with CBCClient(sim_url, timeout=(2, 30), retries=1, slaap=lambda _: None) as c:
        yield c


def uitzending(message_id: int, tekst: str = TEKST, **velden: object) -> Uitzending:
    paginas = encode(tekst, "nl")
    return Uitzending(
        message_id=message_id,
        serial=SerialNumber(
            geo_scope=GeoScope.PLMN,
            message_code=int(velden.get("code", 42)),  # type: ignore[call-overload]
            update_number=0,
        ),
        dcs=paginas.dcs,
        page_hex=paginas.page_hex,
        area=velden.get("area", CENTRUM),  # type: ignore[arg-type]
    )


def test_send_look_up_and_withdraw(sim_url: str, client: CBCClient) -> None:
    u = uitzending(4375)
    antwoord = client.verzend(u)
    assert (antwoord.uitkomst, antwoord.status) == (Uitkomst.GEDAAN, 201)
    assert antwoord.locatie is not None
    assert client.houdt(u) is True

    with requests.Session() as sessie:
        detail = sessie.get(sim_url + antwoord.locatie, timeout=10).json()
        assert detail["status"] == "actief"
        assert detail["tekst"] == TEKST
        assert detail["taal"] == "nl"
        assert detail["oefening"] is False
        assert isinstance(detail["bereik"], dict) and detail["bereik"]
        kaart = sessie.get(f"{sim_url}{antwoord.locatie}/kaart.png", timeout=30)
        assert kaart.headers["Content-Type"] == "image/png"
        assert kaart.content.startswith(b"\x89PNG")

        assert client.trek_in(u).status == 200
        assert sessie.get(sim_url + antwoord.locatie, timeout=10).json()["status"] == "gestopt"

    assert client.houdt(u) is False
    nog_eens = client.trek_in(u)  # gone already: the goal holds, said plainly
    assert (nog_eens.uitkomst, nog_eens.status) == (Uitkomst.GEDAAN, 404)


def test_the_same_broadcast_twice_is_refused_another_code_goes_beside_it(
    client: CBCClient,
) -> None:
    assert client.verzend(uitzending(4376)).uitkomst is Uitkomst.GEDAAN
    tweede = client.verzend(uitzending(4376))
    assert (tweede.uitkomst, tweede.status) == (Uitkomst.GEWEIGERD, 409)
    naast = uitzending(4376, code=43)
    assert client.verzend(naast).uitkomst is Uitkomst.GEDAAN
    assert {m["serial_nr"]["serial_nr_decoded"]["msg_code"] for m in client.actief() or []} >= {
        42,
        43,
    }
    assert client.trek_in(uitzending(4376)).uitkomst is Uitkomst.GEDAAN
    assert client.houdt(naast) is True  # withdrawing one code leaves the other on air
    assert client.trek_in(naast).uitkomst is Uitkomst.GEDAAN


def test_exercise_is_listed_apart(sim_url: str, client: CBCClient) -> None:
    oefening = uitzending(4381, "NL-Alert OEFENING. Dit is een oefening.")
    assert client.verzend(oefening).uitkomst is Uitkomst.GEDAAN
    with requests.Session() as sessie:
        oefeningen = sessie.get(f"{sim_url}/api/v1/broadcasts?soort=oefening", timeout=10).json()
        echt = sessie.get(f"{sim_url}/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert [b["message_id"] for b in oefeningen["broadcasts"]] == [4381]
    assert 4381 not in [b["message_id"] for b in echt["broadcasts"]]
    client.trek_in(oefening)


def ring(*punten: tuple[float, float]) -> dict[str, object]:
    return {"type": "Polygon", "coordinates": [[list(p) for p in (*punten, punten[0])]]}


@pytest.mark.parametrize(
    ("area", "in_reden"),
    [
        ({"circle": {"lat": 52.0, "lon": 4.4, "radius_km": -3}}, "negatief"),
        (ring((51.91, 4.46), (51.91, 4.49), (51.93, 4.49), (51.93, 4.46)), "lat,lon"),
        (ring((13.4, 52.5), (13.5, 52.5), (13.5, 52.6)), "buiten Nederland"),
        (ring((4.45, 51.91), (4.5, 51.93), (4.5, 51.91), (4.45, 51.93)), "snijdt zichzelf"),
        ({"type": "Polygon", "coordinates": []}, "leeg"),
        ({"type": "Polygon", "coordinates": [[[4.45, 51.91], [4.5, 51.93]]]}, "ring"),
    ],
    ids=["negatieve-straal", "lat-lon", "buiten-nl", "zelfdoorsnijdend", "leeg", "open-ring"],
)
def test_bad_area_is_refused_with_a_reason(
    client: CBCClient, area: dict[str, object], in_reden: str
) -> None:
    antwoord = client.verzend(uitzending(4377, area=area))
    assert (antwoord.uitkomst, antwoord.status) == (Uitkomst.GEWEIGERD, 400)
    assert in_reden in str(antwoord.uitleg)


def test_reach_preview(sim_url: str) -> None:
    with requests.Session() as sessie:
        antwoord = sessie.post(f"{sim_url}/api/v1/reach", json={"area": CENTRUM}, timeout=30)
    assert antwoord.status_code == 200
    assert antwoord.json()


punt = st.floats(allow_nan=True, allow_infinity=True) | st.integers() | st.none() | st.text()
gebieden = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "x"]),
            "coordinates": st.recursive(st.lists(punt, max_size=3), st.lists, max_leaves=12),
        }
    ),
    st.fixed_dictionaries(
        {"circle": st.dictionaries(st.sampled_from(["lat", "lon", "radius_km"]), punt)}
    ),
    st.dictionaries(st.text(max_size=8), punt, max_size=3),
)


@settings(max_examples=80, deadline=None)
@given(gebieden)
def test_the_real_core_never_turns_a_bad_area_into_a_500(
    sim_app: FlaskClient, area: object
) -> None:
    for pad, body in (("/api/v1/reach", {"area": area}), (ECBE, ecbe_json(4378, area))):
        antwoord = sim_app.post(pad, json=body)
        assert antwoord.status_code < 500, antwoord.get_data(as_text=True)
        if antwoord.status_code == 201:
            assert sim_app.delete(f"{ECBE}/4378").status_code == 200


@pytest.mark.parametrize("message_id", [4371, 4381])
def test_the_broadcasts_channel_reaches_its_reach_estimate(
    sim_app: FlaskClient, message_id: int
) -> None:
    """Who has a channel switched off (4371) or shows exercises depends on the message id."""
    r = sim_app.post(ECBE, json=ecbe_json(message_id, CENTRUM))
    assert r.status_code == 201
    bereik = sim_app.get(r.headers["Location"]).get_json()["bereik"]
    assert bereik["kanaal"] == message_id
    sim_app.delete(f"{ECBE}/{message_id}")
