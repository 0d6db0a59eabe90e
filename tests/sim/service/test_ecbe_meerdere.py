"""Several broadcasts per message id, named by (message_id, msg_code): POST, DELETE and GET as a
client uses them, broadcasts that end by themselves, and text sent as `payload_decoded`."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sim.service.dienst import ECBE, Klok, bericht, gsm7_pagina, met_tekst

BERICHT_SLEUTELS = {
    "id",
    "message_id",
    "serial_nr",
    "dcs",
    "pages",
    "category",
    "repetition_period",
    "num_of_bcast",
    "ontvangen",
    "eindigt",
    "alert",
    "tekst",
}


def actief(client: FlaskClient, pad: str = ECBE) -> list[tuple[int, int]]:
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert antwoord.mimetype == "application/json"
    return [
        (m["message_id"], m["serial_nr"]["serial_nr_decoded"]["msg_code"])
        for m in antwoord.get_json()["messages"]
    ]


def test_broadcasts_with_different_message_codes_run_side_by_side(client: FlaskClient) -> None:
    assert client.post(ECBE, json=bericht(msg_code=5)).status_code == 201
    assert client.post(ECBE, json=bericht(msg_code=6)).status_code == 201
    assert client.post(ECBE, json=bericht(4371, msg_code=5)).status_code == 201
    assert actief(client) == [(4370, 5), (4370, 6), (4371, 5)]


@pytest.mark.parametrize("update_nr", [0, 1, 15])
def test_an_active_pair_is_409_whatever_the_update_number(
    client: FlaskClient, update_nr: int
) -> None:
    assert client.post(ECBE, json=bericht(msg_code=5)).status_code == 201
    antwoord = client.post(ECBE, json=bericht(msg_code=5, update_nr=update_nr))
    assert antwoord.status_code == 409
    assert antwoord.mimetype == "text/plain"
    assert antwoord.get_data(as_text=True) == (
        "bericht met message_id 4370 en msg_code 5 is al actief"
    )


def test_delete_without_msg_code_stops_the_only_one_and_refuses_to_choose(
    client: FlaskClient,
) -> None:
    client.post(ECBE, json=bericht(msg_code=5))
    client.post(ECBE, json=bericht(msg_code=6))
    keuze = client.delete(f"{ECBE}/4370")
    assert (keuze.status_code, keuze.mimetype) == (409, "text/plain")
    assert keuze.get_data(as_text=True) == "meerdere berichten actief op 4370; geef msg_code"
    assert actief(client) == [(4370, 5), (4370, 6)]  # none stopped

    gestopt = client.delete(f"{ECBE}/4370?msg_code=6")
    assert (gestopt.status_code, gestopt.get_data(as_text=True)) == (200, "OK")
    assert actief(client) == [(4370, 5)]
    assert client.delete(f"{ECBE}/4370?msg_code=6").status_code == 404

    assert client.delete(f"{ECBE}/4370").status_code == 200  # the only one left
    assert actief(client) == []
    niets = client.delete(f"{ECBE}/4370")
    assert (niets.status_code, niets.mimetype) == (404, "text/plain")
    assert client.post(ECBE, json=bericht(msg_code=6)).status_code == 201  # free again


@pytest.mark.parametrize(
    "query", ["msg_code=", "msg_code=x", "msg_code=-1", "msg_code=1024", "msg_code=5&msg_code=6"]
)
def test_a_bad_msg_code_is_400_on_delete_and_get(client: FlaskClient, query: str) -> None:
    client.post(ECBE, json=bericht(msg_code=5))
    for methode in (client.delete, client.get):
        antwoord = methode(f"{ECBE}/4370?{query}")
        assert (antwoord.status_code, antwoord.mimetype) == (400, "text/plain")
        assert "msg_code" in antwoord.get_data(as_text=True)
    assert actief(client) == [(4370, 5)]


def test_get_lists_active_broadcasts_in_the_shape_a_client_reads(
    client: FlaskClient, klok: Klok
) -> None:
    data = bericht(msg_code=17, update_nr=3, num_of_bcast=10, alert="urn:nl:alert:1")
    locatie = client.post(ECBE, json=data).headers["Location"]
    [bericht_json] = client.get(ECBE).get_json()["messages"]
    assert set(bericht_json) == BERICHT_SLEUTELS
    assert bericht_json["id"] == locatie.rsplit("/", 1)[1]
    assert bericht_json["message_id"] == 4370
    assert bericht_json["serial_nr"] == {
        "serial_nr_encoded": (1 << 14) | (17 << 4) | 3,
        "serial_nr_decoded": {"geo_scope": "plmn_wide", "msg_code": 17, "update_nr": 3},
    }
    assert bericht_json["dcs"] == 5
    assert bericht_json["pages"] == [gsm7_pagina("Brand in Utrecht")]
    assert (bericht_json["category"], bericht_json["repetition_period"]) == ("high_priority", 32)
    assert bericht_json["num_of_bcast"] == 10
    assert bericht_json["ontvangen"] == "2026-06-01T12:00:00+02:00"
    assert bericht_json["eindigt"] == "2026-06-01T12:10:02.560000+02:00"  # 10 x 32 x 1.883 s
    assert bericht_json["alert"] == "urn:nl:alert:1"
    assert bericht_json["tekst"] == "Brand in Utrecht"


def test_get_one_message_id_filters_by_msg_code_and_is_404_as_text(client: FlaskClient) -> None:
    client.post(ECBE, json=bericht(msg_code=5))
    client.post(ECBE, json=bericht(msg_code=6))
    client.post(ECBE, json=bericht(4371, msg_code=5))
    assert actief(client, f"{ECBE}/4370") == [(4370, 5), (4370, 6)]
    assert actief(client, f"{ECBE}/4370?msg_code=6") == [(4370, 6)]
    for pad in (f"{ECBE}/4370?msg_code=7", f"{ECBE}/4372"):
        antwoord = client.get(pad)
        assert (antwoord.status_code, antwoord.mimetype) == (404, "text/plain")
    client.delete(f"{ECBE}/4370?msg_code=5")
    assert actief(client, f"{ECBE}/4370") == [(4370, 6)]  # stopped ones are not listed
    assert (client.get(f"{ECBE}/abc").status_code, client.get(f"{ECBE}/65536").status_code) == (
        400,
        400,
    )


def test_a_broadcast_ends_after_num_of_bcast_repetitions(client: FlaskClient, klok: Klok) -> None:
    locatie = client.post(ECBE, json=bericht(num_of_bcast=10)).headers["Location"]
    klok.verzet(602.5)  # 10 x 32 x 1.883 s = 602.56 s
    assert actief(client) == [(4370, 5)]
    assert client.post(ECBE, json=bericht()).status_code == 409

    klok.verzet(0.06)
    assert actief(client) == []
    assert client.get(f"{ECBE}/4370").status_code == 404
    assert client.delete(f"{ECBE}/4370").status_code == 404
    detail = client.get(locatie).get_json()
    assert detail["status"] == "gestopt"
    assert detail["gestopt"] == detail["eindigt"] == "2026-06-01T12:10:02.560000+02:00"
    assert client.post(ECBE, json=bericht()).status_code == 201  # its pair is free again


def test_num_of_bcast_0_runs_until_delete(client: FlaskClient, klok: Klok) -> None:
    locatie = client.post(ECBE, json=bericht(num_of_bcast=0)).headers["Location"]
    klok.verzet(365 * 24 * 3600)
    assert actief(client) == [(4370, 5)]
    assert client.get(locatie).get_json()["eindigt"] is None
    client.delete(f"{ECBE}/4370")
    assert client.get(locatie).get_json()["gestopt"] == "2027-06-01T12:00:00+02:00"


def test_a_delete_before_the_end_is_the_stop_time(client: FlaskClient, klok: Klok) -> None:
    locatie = client.post(ECBE, json=bericht(num_of_bcast=10)).headers["Location"]
    klok.verzet(60)
    assert client.delete(f"{ECBE}/4370").status_code == 200
    klok.verzet(3600)
    detail = client.get(locatie).get_json()
    assert detail["gestopt"] == "2026-06-01T12:01:00+02:00"
    assert detail["eindigt"] == "2026-06-01T12:10:02.560000+02:00"


def test_text_sent_as_payload_decoded_is_encoded_decoded_and_listed(client: FlaskClient) -> None:
    data = met_tekst(bericht(), {"character_set": "ucs2", "language": "uk", "data_utf8": "Увага"})
    locatie = client.post(ECBE, json=data).headers["Location"]
    [m] = client.get(ECBE).get_json()["messages"]
    assert (m["dcs"], m["tekst"]) == (0x11, "Увага")
    assert len(m["pages"]) == 1 and len(m["pages"][0]) == 164
    detail = client.get(locatie).get_json()
    assert (detail["taal"], detail["waarschuwingen"]) == ("uk", [])


def test_text_outside_gsm7_sent_as_gsm_is_400_with_one_dutch_line(client: FlaskClient) -> None:
    data = met_tekst(bericht(), {"data_utf8": "Brand bij Zoë", "language": "nl"})
    antwoord = client.post(ECBE, json=data)
    assert (antwoord.status_code, antwoord.mimetype) == (400, "text/plain")
    reden = antwoord.get_data(as_text=True)
    assert "\n" not in reden
    assert "'ë'" in reden and "bestaat niet in GSM-7" in reden
    assert actief(client) == []


def test_a_lone_surrogate_anywhere_is_400_not_500(client: FlaskClient) -> None:
    for body in (
        '{"cbe_name": "\\ud800"}',
        '{"alert": "\\udfff", "cbe_name": "x"}',
        '{"x": {"\\ud800": 1}}',
    ):
        antwoord = client.post(ECBE, data=body, content_type="application/json")
        assert antwoord.status_code == 400
        assert "surrogaat" in antwoord.get_data(as_text=True)


GEEN_FIXTURE_CHECK = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80, deadline=None
)


@GEEN_FIXTURE_CHECK
@given(st.text(max_size=12), st.text(max_size=8))
def test_any_msg_code_query_is_answered_without_500(
    client: FlaskClient, waarde: str, message_id: str
) -> None:
    client.post(ECBE, json=bericht(msg_code=5))
    for methode in (client.get, client.delete):
        antwoord = methode(f"{ECBE}/4370", query_string={"msg_code": waarde})
        assert antwoord.status_code in {200, 400, 404}, antwoord.get_data(as_text=True)
        pad = f"{ECBE}/{message_id.replace('?', '').replace('#', '')}"
        assert methode(pad, query_string={"msg_code": waarde}).status_code < 500


json_waarden = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda kinderen: (
        st.lists(kinderen, max_size=4) | st.dictionaries(st.text(max_size=12), kinderen, max_size=4)
    ),
    max_leaves=12,
)


@GEEN_FIXTURE_CHECK
@given(
    st.dictionaries(
        st.sampled_from(["character_set", "language", "dcs_class", "data_utf8"]), json_waarden
    )
    | st.fixed_dictionaries(
        {
            "character_set": st.sampled_from(["gsm", "ucs2", "8bit"]),
            "language": st.none() | st.text(max_size=3),
            "data_utf8": st.text(max_size=700),
        }
    ),
    json_waarden,
)
def test_any_payload_decoded_or_alert_is_answered_without_500(
    client: FlaskClient, decoded: Any, alert: Any
) -> None:
    data = met_tekst(bericht(1000), decoded) | {"alert": alert}
    antwoord = client.post(ECBE, json=data)
    assert antwoord.status_code in {201, 400}, antwoord.get_data(as_text=True)
    if antwoord.status_code == 400:
        assert "\n" not in antwoord.get_data(as_text=True).strip()
    else:
        assert client.delete(f"{ECBE}/1000?msg_code=5").status_code == 200
