"""ECBE JSON is parsed into values; what osmo-cbc would refuse is refused with a reason."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.ecbe.decodeer import decodeer
from sim.ecbe.parse import parse_message_id, parse_msg_code, parse_uitzending
from sim.ecbe.uitzending import Categorie, GeoScope, Serienummer
from sim.fouten import EcbeError

PAGINA = "d4" * 82


def bericht(**velden: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cbe_name": "nlalert",
        "category": "high_priority",
        "repetition_period": 32,
        "num_of_bcast": 0,
        "scope": {"scope_plmn": {}},
        "smscb_message": {
            "message_id": 4370,
            "serial_nr": {
                "serial_nr_decoded": {"geo_scope": "plmn_wide", "msg_code": 17, "update_nr": 2}
            },
            "payload": {"payload_encoded": {"dcs": 5, "pages": [PAGINA]}},
        },
    }
    data.update(velden)
    return data


def tekst(decoded: dict[str, Any]) -> dict[str, Any]:
    """The valid message with `payload_decoded` instead of encoded pages."""
    return met("smscb_message.payload", {"payload_decoded": decoded})


def met(pad: str, waarde: Any) -> dict[str, Any]:
    """The valid message with one nested field replaced (or removed when waarde is ...)."""
    data = bericht()
    *ouders, laatste = pad.split(".")
    doel = data
    for sleutel in ouders:
        doel = doel[sleutel]
    if waarde is ...:
        del doel[laatste]
    else:
        doel[laatste] = waarde
    return data


def test_parses_a_valid_message() -> None:
    u = parse_uitzending(bericht())
    assert u.cbe_name == "nlalert"
    assert u.categorie is Categorie.HIGH_PRIORITY
    assert u.message_id == 4370
    assert u.serial == Serienummer(geo_scope=GeoScope.PLMN_WIDE, msg_code=17, update_nr=2)
    assert u.dcs == 5
    assert u.paginas == (bytes.fromhex(PAGINA),)
    assert u.korte_paginas == ()
    assert u.area is None
    assert not u.oefening


def test_serial_number_encoding_matches_ts_23041() -> None:
    serial = Serienummer(geo_scope=GeoScope.PLMN_WIDE, msg_code=17, update_nr=2)
    assert serial.encoded == (1 << 14) | (17 << 4) | 2
    assert Serienummer.uit_encoded(serial.encoded) == serial


def test_accepts_an_encoded_serial_number() -> None:
    u = parse_uitzending(met("smscb_message.serial_nr", {"serial_nr_encoded": 0x4112}))
    assert u.serial.encoded == 0x4112


def test_optional_fields_take_osmo_cbc_defaults() -> None:
    data = bericht()
    del data["category"], data["num_of_bcast"]
    u = parse_uitzending(data)
    assert u.categorie is Categorie.NORMAL
    assert u.num_of_bcast == 0
    assert u.warning_period_sec is None


def test_category_and_geo_scope_compare_case_insensitively_like_osmo_cbc() -> None:
    data = met("smscb_message.serial_nr.serial_nr_decoded.geo_scope", "PLMN_Wide")
    data["category"] = "Normal"
    u = parse_uitzending(data)
    assert u.categorie is Categorie.NORMAL
    assert u.serial.geo_scope is GeoScope.PLMN_WIDE


@pytest.mark.parametrize("message_id", [4380, 4381, 4393, 4394])
def test_test_and_exercise_ids_are_exercises(message_id: int) -> None:
    assert parse_uitzending(met("smscb_message.message_id", message_id)).oefening


def test_short_page_is_zero_filled_as_osmo_cbc_does() -> None:
    u = parse_uitzending(met("smscb_message.payload.payload_encoded.pages", ["d4d4", PAGINA]))
    assert u.paginas[0] == b"\xd4\xd4" + bytes(80)
    assert u.korte_paginas == (0,)


def test_to_ecbe_json_parses_back_to_the_same_value() -> None:
    u = parse_uitzending(bericht(area={"circle": {"lat": 52.1, "lon": 5.1, "radius_km": 2}}))
    assert parse_uitzending(u.to_ecbe_json()) == u


SLECHT = [
    (["not", "an", "object"], "JSON-object"),
    (met("cbe_name", ...), "cbe_name"),
    (met("cbe_name", 7), "cbe_name"),
    (met("category", "urgent"), "category"),
    (met("repetition_period", ...), "repetition_period"),
    (met("repetition_period", 0), "repetition_period"),
    (met("repetition_period", 4096), "repetition_period"),
    (met("repetition_period", 32.0), "geheel getal"),
    (met("repetition_period", True), "geheel getal"),
    (met("repetition_period", "32"), "geheel getal"),
    (met("repetition_period", 10**400), "repetition_period"),
    (met("num_of_bcast", -1), "num_of_bcast"),
    (met("scope", ...), "scope"),
    (met("scope", {"scope_cell": {}}), "scope_plmn"),
    (met("scope", []), "scope_plmn"),
    (met("smscb_message", ...), "smscb_message"),
    (met("smscb_message.message_id", 65536), "message_id"),
    (met("smscb_message.message_id", -1), "message_id"),
    (met("smscb_message.serial_nr", {}), "serial_nr"),
    (met("smscb_message.serial_nr", 12), "serial_nr"),
    (met("smscb_message.serial_nr", {"serial_nr_encoded": 70000}), "serial_nr_encoded"),
    (met("smscb_message.serial_nr.serial_nr_decoded.geo_scope", 1), "geo_scope"),
    (met("smscb_message.serial_nr.serial_nr_decoded.msg_code", 1024), "msg_code"),
    (met("smscb_message.serial_nr.serial_nr_decoded.update_nr", 16), "update_nr"),
    (met("smscb_message.payload", {"payload_etws": {}}), "payload_decoded"),
    (met("smscb_message.payload", {}), "payload_encoded"),
    (met("smscb_message.payload.payload_encoded.dcs", 256), "dcs"),
    (met("smscb_message.payload.payload_encoded.pages", []), "1 tot en met 15"),
    (met("smscb_message.payload.payload_encoded.pages", [PAGINA] * 16), "niet 16"),
    (met("smscb_message.payload.payload_encoded.pages", "d4"), "lijst"),
    (met("smscb_message.payload.payload_encoded.pages", [PAGINA + "d4"]), "langer dan 82"),
    (met("smscb_message.payload.payload_encoded.pages", ["abc"]), "even aantal"),
    (met("smscb_message.payload.payload_encoded.pages", ["zz"]), "hexadecimale"),
    (met("smscb_message.payload.payload_encoded.pages", ["d4 d4"]), "hexadecimale"),
    (met("smscb_message.payload.payload_encoded.pages", [""]), "hexadecimale"),
    (met("smscb_message.payload.payload_encoded.pages", [12]), "hexadecimale"),
    (bericht(area="Utrecht"), "area"),
    (bericht(area={}), "area"),
    (bericht(area=[5.1, 52.1]), "area"),
    (bericht(alert=""), "'alert'"),
    (bericht(alert="x" * 201), "1 tot en met 200"),
    (bericht(alert=17), "'alert'"),
    (bericht(alert=["id"]), "'alert'"),
    (tekst({"data_utf8": ""}), "'data_utf8'"),
    (tekst({"data_utf8": 5}), "'data_utf8'"),
    (tekst({}), "'data_utf8'"),
    (tekst({"data_utf8": "x", "character_set": "8bit"}), "8bit"),
    (tekst({"data_utf8": "x", "character_set": "GSM"}), "'character_set'"),
    (tekst({"data_utf8": "x", "character_set": 1}), "'character_set'"),
    (tekst({"data_utf8": "x", "language": "nld"}), "ISO 639-1"),
    (tekst({"data_utf8": "x", "language": "pap"}), "pap"),
    (tekst({"data_utf8": "x", "language": "n1"}), "ISO 639-1"),
    (tekst({"data_utf8": "x", "language": 5}), "'language'"),
    (tekst({"data_utf8": "Zoë"}), "'ë' (U+00EB) op positie 2 bestaat niet in GSM-7"),
    (tekst({"data_utf8": "x" * 1396}), "niet in 15 pagina's: er zijn er 16 nodig"),
    (tekst({"data_utf8": "€" * 697}), "er zijn er 16 nodig"),  # 46 per page, 697 > 15 x 46
    (tekst({"data_utf8": "ы" * 601, "character_set": "ucs2", "language": "uk"}), "16 nodig"),
    (tekst({"data_utf8": "ы" * 616, "character_set": "ucs2"}), "16 nodig"),
    (tekst({"data_utf8": "a\ud800", "character_set": "ucs2"}), "los surrogaat U+D800"),
    (tekst({"data_utf8": "a\ufffe", "character_set": "ucs2"}), "niet-teken U+FFFE"),
]


@pytest.mark.parametrize(("data", "in_reden"), SLECHT)
def test_refuses_with_a_dutch_reason(data: Any, in_reden: str) -> None:
    with pytest.raises(EcbeError) as info:
        parse_uitzending(data)
    assert in_reden in info.value.reden


@pytest.mark.parametrize(("tekst", "waarde"), [("0", 0), ("4370", 4370), ("65535", 65535)])
def test_message_id_in_a_path(tekst: str, waarde: int) -> None:
    assert parse_message_id(tekst) == waarde


@pytest.mark.parametrize("tekst", ["", "x", "-1", "65536", "1e3", "٣", "4370 ", "99999999999"])
def test_bad_message_id_in_a_path(tekst: str) -> None:
    with pytest.raises(EcbeError):
        parse_message_id(tekst)


json_waarden = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda kinderen: st.lists(kinderen) | st.dictionaries(st.text(), kinderen),
    max_leaves=20,
)


@given(json_waarden)
def test_any_json_value_parses_or_raises_a_typed_error(data: Any) -> None:
    try:
        parse_uitzending(data)
    except EcbeError as exc:
        assert exc.reden


@given(st.sampled_from(["cbe_name", "category", "repetition_period", "scope"]), json_waarden)
def test_any_value_in_a_known_field_is_handled(veld: str, waarde: Any) -> None:
    data = copy.deepcopy(bericht())
    data[veld] = waarde
    try:
        parse_uitzending(data)
    except EcbeError as exc:
        assert exc.reden


def test_payload_decoded_is_encoded_into_pages_and_a_dcs() -> None:
    u = parse_uitzending(tekst({"data_utf8": "Brand", "language": "NL", "dcs_class": 2}))
    assert u.dcs == 0x05  # GSM-7 Dutch; the language is case-insensitive, dcs_class ignored
    assert len(u.paginas) == 1 and len(u.paginas[0]) == 82
    assert u.korte_paginas == ()
    assert decodeer(u.dcs, u.paginas).tekst == "Brand"


@pytest.mark.parametrize(
    ("decoded", "dcs"),
    [
        ({"data_utf8": "x"}, 0x0F),  # default gsm, no language: unspecified
        ({"data_utf8": "x", "language": None, "character_set": None}, 0x0F),  # null = absent
        ({"data_utf8": "x", "language": "ar"}, 0x0F),  # no GSM-7 DCS for Arabic
        ({"data_utf8": "x", "language": "pl"}, 0x0E),
        ({"data_utf8": "x", "character_set": "ucs2", "language": "ar"}, 0x11),
        ({"data_utf8": "x", "character_set": "ucs2"}, 0x48),
    ],
)
def test_payload_decoded_dcs(decoded: dict[str, Any], dcs: int) -> None:
    assert parse_uitzending(tekst(decoded)).dcs == dcs


def test_payload_encoded_wins_over_payload_decoded_as_at_osmo_cbc() -> None:
    data = bericht()
    data["smscb_message"]["payload"]["payload_decoded"] = {"data_utf8": "anders"}
    assert parse_uitzending(data).paginas == (bytes.fromhex(PAGINA),)


def test_stored_json_of_a_decoded_payload_carries_the_pages_and_the_alert() -> None:
    u = parse_uitzending(tekst({"data_utf8": "Brand"}) | {"alert": "urn:nl:vr09:123"})
    again = parse_uitzending(u.to_ecbe_json())
    assert again == u
    assert again.alert == "urn:nl:vr09:123"


@pytest.mark.parametrize(
    ("num_of_bcast", "repetition_period", "seconden"),
    [(0, 32, None), (1, 1, 1.883), (10, 32, 602.56), (65535, 4095, 65535 * 4095 * 1.883)],
)
def test_a_broadcast_lasts_num_of_bcast_repetition_periods_of_1_883_s(
    num_of_bcast: int, repetition_period: int, seconden: float | None
) -> None:
    u = parse_uitzending(bericht(num_of_bcast=num_of_bcast, repetition_period=repetition_period))
    if seconden is None:
        assert u.duur is None
    else:
        assert u.duur is not None
        assert u.duur.total_seconds() == pytest.approx(seconden)


@pytest.mark.parametrize(("waarden", "code"), [([], None), (["0"], 0), (["1023"], 1023)])
def test_msg_code_query(waarden: list[str], code: int | None) -> None:
    assert parse_msg_code(waarden) == code


@pytest.mark.parametrize(
    "waarden", [[""], ["x"], ["-1"], ["1024"], ["1e2"], ["5.0"], [" 5"], ["٣"], ["5", "6"]]
)
def test_bad_msg_code_query(waarden: list[str]) -> None:
    with pytest.raises(EcbeError) as info:
        parse_msg_code(waarden)
    assert "msg_code" in info.value.reden


@given(
    st.dictionaries(
        st.sampled_from(["character_set", "language", "dcs_class", "data_utf8"]), json_waarden
    )
    | st.fixed_dictionaries(
        {
            "character_set": st.sampled_from(["gsm", "ucs2", "8bit", "", None]),
            "language": st.none() | st.text(max_size=3),
            "data_utf8": st.text(max_size=700),
        }
    ),
    json_waarden,
)
def test_any_payload_decoded_and_alert_parse_or_raise_a_typed_error(
    decoded: Any, alert: Any
) -> None:
    try:
        u = parse_uitzending(tekst(decoded) | {"alert": alert})
    except EcbeError as exc:
        assert exc.reden
    else:
        assert 1 <= len(u.paginas) <= 15
        assert u.alert == alert
