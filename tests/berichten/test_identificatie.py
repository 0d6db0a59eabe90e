"""EU-Alert message identifiers and serial numbers."""

from __future__ import annotations

from datetime import datetime
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten.errors import BerichtError
from berichten.identificatie import (
    CapIdentifier,
    GeoScope,
    MessageCodeOutOfRange,
    SerialNumber,
    cap_identifier,
    message_code_voor,
    message_identifier,
    next_update_number,
    parse_cap_identifier,
)
from berichten.modus import Modus
from handelingsperspectieven.model import Certainty, Severity, Urgency

ALL = list(product(Severity, Urgency, Certainty))
FLAGS = list(product([False, True], [False, True]))  # (extra_taal, niveau1_bij_extreem)
KNOWN = set(range(4370, 4398))


@pytest.mark.parametrize(
    ("modus", "local", "additional"), [("test", 4380, 4393), ("oefening", 4381, 4394)]
)
def test_test_and_exercise_have_their_own_channel_whatever_the_content(
    modus: str, local: int, additional: int
) -> None:
    for (severity, urgency, certainty), (extra, niveau1) in product(ALL, FLAGS):
        identifier = message_identifier(
            Modus(modus),
            severity,
            urgency,
            certainty,
            extra_taal=extra,
            niveau1_bij_extreem=niveau1,
        )
        assert identifier == (additional if extra else local)
        assert identifier not in (4370, 4383)


def test_only_a_real_extreme_immediate_alert_reaches_4370() -> None:
    for modus, (severity, urgency, certainty), (extra, niveau1) in product(Modus, ALL, FLAGS):
        identifier = message_identifier(
            modus, severity, urgency, certainty, extra_taal=extra, niveau1_bij_extreem=niveau1
        )
        assert identifier in KNOWN
        reaches_level_1 = identifier in (4370, 4383)
        assert reaches_level_1 == (
            modus == Modus.ECHT
            and severity == Severity.EXTREME
            and urgency == Urgency.IMMEDIATE
            and niveau1
        )


@pytest.mark.parametrize(
    ("severity", "urgency", "certainty", "expected"),
    [
        (Severity.EXTREME, Urgency.EXPECTED, Certainty.OBSERVED, 4373),
        (Severity.EXTREME, Urgency.EXPECTED, Certainty.LIKELY, 4374),
        (Severity.SEVERE, Urgency.IMMEDIATE, Certainty.OBSERVED, 4375),
        (Severity.SEVERE, Urgency.IMMEDIATE, Certainty.LIKELY, 4376),
        (Severity.SEVERE, Urgency.EXPECTED, Certainty.OBSERVED, 4377),
        (Severity.SEVERE, Urgency.EXPECTED, Certainty.LIKELY, 4378),
    ],
)
def test_level_3_table_of_domain(
    severity: Severity, urgency: Urgency, certainty: Certainty, expected: int
) -> None:
    assert message_identifier(Modus.ECHT, severity, urgency, certainty) == expected
    assert message_identifier(Modus.ECHT, severity, urgency, certainty, extra_taal=True) == (
        expected + 13
    )


@pytest.mark.parametrize("certainty", list(Certainty))
def test_extreme_immediate(certainty: Certainty) -> None:
    def identifier(niveau1: bool, extra: bool = False) -> int:
        return message_identifier(
            Modus.ECHT,
            Severity.EXTREME,
            Urgency.IMMEDIATE,
            certainty,
            extra_taal=extra,
            niveau1_bij_extreem=niveau1,
        )

    assert (identifier(True), identifier(True, extra=True)) == (4370, 4383)
    level_2 = 4371 if certainty == Certainty.OBSERVED else 4372
    assert (identifier(False), identifier(False, extra=True)) == (level_2, level_2 + 13)


@pytest.mark.parametrize("severity", [Severity.MODERATE, Severity.MINOR, Severity.UNKNOWN])
def test_below_severe_is_public_safety(severity: Severity) -> None:
    for urgency, certainty in product(Urgency, Certainty):
        assert message_identifier(Modus.ECHT, severity, urgency, certainty) == 4396
        assert message_identifier(Modus.ECHT, severity, urgency, certainty, extra_taal=True) == 4397


def test_less_than_observed_counts_as_likely_and_less_than_immediate_as_expected() -> None:
    for severity, urgency, certainty, niveau1 in product(
        [Severity.EXTREME, Severity.SEVERE], Urgency, Certainty, [False, True]
    ):
        reduced_u = Urgency.IMMEDIATE if urgency == Urgency.IMMEDIATE else Urgency.EXPECTED
        reduced_c = Certainty.OBSERVED if certainty == Certainty.OBSERVED else Certainty.LIKELY
        assert message_identifier(
            Modus.ECHT, severity, urgency, certainty, niveau1_bij_extreem=niveau1
        ) == message_identifier(
            Modus.ECHT, severity, reduced_u, reduced_c, niveau1_bij_extreem=niveau1
        )


def test_additional_language_channel_for_every_combination() -> None:
    for modus, (severity, urgency, certainty), niveau1 in product(Modus, ALL, [False, True]):
        local = message_identifier(modus, severity, urgency, certainty, niveau1_bij_extreem=niveau1)
        additional = message_identifier(
            modus, severity, urgency, certainty, extra_taal=True, niveau1_bij_extreem=niveau1
        )
        assert additional == (4397 if local == 4396 else local + 13)


def _serial(geo_scope: GeoScope, message_code: int, update_number: int) -> int:
    return SerialNumber(
        geo_scope=geo_scope, message_code=message_code, update_number=update_number
    ).waarde


def test_serial_number_layout() -> None:
    assert _serial(GeoScope.PLMN, 768, 0) == 0x7000
    assert _serial(GeoScope.CELL, 1023, 15) == 0xFFFF
    assert _serial(GeoScope.CELL_IMMEDIATE, 0, 0) == 0
    assert _serial(GeoScope.LOCATION_AREA, 1, 2) == 0x8012


def test_update_number_wraps_at_16() -> None:
    assert [next_update_number(n) for n in (0, 1, 14, 15)] == [1, 2, 15, 0]
    with pytest.raises(ValueError):
        _serial(GeoScope.PLMN, 5, 16)


@given(st.integers(min_value=0, max_value=0xFFFF))
def test_serial_number_round_trip(waarde: int) -> None:
    serial = SerialNumber.parse(waarde)
    assert serial.waarde == waarde
    assert _serial(serial.geo_scope, serial.message_code, serial.update_number) == waarde
    # Every update number has a successor that fits the serial number's four bits.
    assert 0 <= next_update_number(serial.update_number) < 16


@pytest.mark.parametrize("code", [-1, 1024, 5000])
def test_message_code_out_of_range(code: int) -> None:
    with pytest.raises(MessageCodeOutOfRange) as info:
        _serial(GeoScope.PLMN, code, 0)
    assert info.value.message_code == code
    assert isinstance(info.value, BerichtError)


def test_serial_number_to_dict_matches_osmo_cbc() -> None:
    serial = SerialNumber.parse(0x7003)
    assert serial.to_dict() == {
        "geo_scope": "plmn_wide",
        "msg_code": 768,
        "update_nr": 3,
        "waarde": 0x7003,
    }
    assert [scope.osmo_name for scope in GeoScope] == [
        "cell_wide_immediate",
        "plmn_wide",
        "lac_sac_tac_wide",
        "cell_wide",
    ]
    assert all(GeoScope.from_osmo_name(scope.osmo_name) is scope for scope in GeoScope)


def test_parse_rejects_more_than_16_bits() -> None:
    with pytest.raises(ValueError):
        SerialNumber.parse(0x10000)


def test_message_code_is_stable_across_runs() -> None:
    # A fixed value: Python's hash() is salted per process and would change on every restart.
    assert message_code_voor("VR12-2024-0001") == message_code_voor("VR12-2024-0001")
    # sha256("VR12-2024-0001") starts 3c5e; its low ten bits are 0x05e = 94.
    assert message_code_voor("VR12-2024-0001") == 94


@given(st.text())
def test_message_code_in_range(sleutel: str) -> None:
    assert 0 <= message_code_voor(sleutel) <= 1023


def test_cap_identifier_format() -> None:
    moment = datetime(2026, 11, 22, 14, 20, 5)
    assert (
        cap_identifier(moment, Modus.OEFENING, 7, 0) == "NLALERT-20261122T142005-OEFENING-0007-00"
    )
    assert cap_identifier(moment, Modus.ECHT, 1023, 15, 42) == (
        "NLALERT-20261122T142005-ECHT-1023-15-42"
    )


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(Modus),
    st.integers(min_value=0, max_value=1023),
    st.integers(min_value=0, max_value=15),
    st.none() | st.integers(min_value=0),
)
def test_cap_identifier_round_trip(
    moment: datetime, modus: Modus, code: int, update: int, kenmerk: int | None
) -> None:
    assert parse_cap_identifier(cap_identifier(moment, modus, code, update, kenmerk)) == (
        CapIdentifier(modus=modus, message_code=code, update_number=update, kenmerk=kenmerk)
    )


@pytest.mark.parametrize(
    "identifier",
    [
        "NLALERT-1",
        "urn:oid:2.49.0.1.528.0.20261122142005",
        "NLALERT-20261122T142005-ECHT-0007",  # no update number
        "NLALERT-20261122T142005-ECHT-1024-00",  # message code has ten bits
        "NLALERT-20261122T142005-ECHT-0007-16",  # update number has four bits
        "NLALERT-20261122T142005-ALARM-0007-00",  # no such mode
        "NLALERT-20261322T142005-ECHT-0007-00",  # no 13th month
        "NLALERT-20261122T142005-echt-0007-00",
        "NLALERT-20261122T142005-ECHT-0007-00-",
        "NLALERT-20261122T142005-ECHT-0007-00-x",
        "x-NLALERT-20261122T142005-ECHT-0007-00",
    ],
)
def test_other_identifiers_are_not_parsed(identifier: str) -> None:
    assert parse_cap_identifier(identifier) is None


@given(st.text())
def test_parse_cap_identifier_never_raises(tekst: str) -> None:
    parse_cap_identifier(tekst)
