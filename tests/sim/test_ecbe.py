"""ECBE JSON is parsed into values; what osmo-cbc would refuse is refused with a reason."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.ecbe import (
    Categorie,
    EcbeError,
    GeoScope,
    Serienummer,
    parse_message_id,
    parse_uitzending,
)

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
    (met("smscb_message.payload", {"payload_decoded": {"data_utf8": "x"}}), "payload_encoded"),
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
