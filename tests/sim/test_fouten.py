"""Every error of sim is a `SimError` with a Dutch template, its parameters and the text."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import sim.fouten
from sim.fouten import (
    AlActief,
    GebiedError,
    GebiedNietMeerGeldig,
    NegatieveStraal,
    NietInGsm7,
    OngeldigePagina,
    SimError,
)

SIM = Path(__file__).resolve().parents[2] / "sim"


def test_sim_defines_exceptions_only_in_its_one_family() -> None:
    # Every `class X(...Error/Exception...)` in sim lives in sim/fouten.py.
    buiten = []
    for pad in SIM.rglob("*.py"):
        if pad.name == "fouten.py" and pad.parent == SIM:
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.ClassDef):
                bases = [ast.unparse(b) for b in knoop.bases]
                if any(b.endswith(("Error", "Exception", "Fout")) for b in bases):
                    buiten.append(f"{pad.relative_to(SIM)}:{knoop.name}")
    assert buiten == []


def test_every_error_class_descends_from_simerror() -> None:
    klassen = [k for _, k in inspect.getmembers(sim.fouten, inspect.isclass)]
    fouten = [k for k in klassen if issubclass(k, BaseException)]
    assert fouten and all(issubclass(k, SimError) for k in fouten)


@pytest.mark.parametrize(
    ("fout", "sjabloon", "parameters", "reden"),
    [
        (
            NegatieveStraal(-2.5),
            "de straal van de cirkel is negatief ({straal_km:g} km)",
            {"straal_km": -2.5},
            "de straal van de cirkel is negatief (-2.5 km)",
        ),
        (
            AlActief(4370, 5),
            "bericht met message_id {message_id} en msg_code {msg_code} is al actief",
            {"message_id": 4370, "msg_code": 5},
            "bericht met message_id 4370 en msg_code 5 is al actief",
        ),
        (
            OngeldigePagina(2, "{octets} octets; het maximum is {maximum}", octets=83, maximum=82),
            "pagina {pagina}: {octets} octets; het maximum is {maximum}",
            {"pagina": 3, "octets": 83, "maximum": 82},
            "pagina 3: 83 octets; het maximum is 82",
        ),
        (
            NietInGsm7("ë", 2),
            "teken {teken!r} (U+{code:04X}) op positie {positie} bestaat niet in GSM-7; "
            "stuur de tekst met 'character_set': 'ucs2'",
            {"teken": "ë", "code": 0xEB, "positie": 2},
            "teken 'ë' (U+00EB) op positie 2 bestaat niet in GSM-7; "
            "stuur de tekst met 'character_set': 'ucs2'",
        ),
    ],
)
def test_an_error_carries_its_template_parameters_and_text(
    fout: SimError, sjabloon: str, parameters: dict[str, object], reden: str
) -> None:
    assert fout.sjabloon == sjabloon
    assert dict(fout.parameters) == parameters
    assert fout.reden == reden == str(fout)
    assert fout.sjabloon.format(**fout.parameters) == fout.reden  # a translation can refill it


def test_parameters_cannot_be_changed_after_the_fact() -> None:
    fout = AlActief(4370, 5)
    with pytest.raises(TypeError):
        fout.parameters["msg_code"] = 6  # type: ignore[index]


def test_a_stored_area_that_no_longer_passes_keeps_the_reason_of_its_cause() -> None:
    oorzaak = NegatieveStraal(-1)
    fout = GebiedNietMeerGeldig(oorzaak)
    assert isinstance(fout, GebiedError)
    assert (fout.reden, fout.sjabloon, fout.oorzaak) == (oorzaak.reden, oorzaak.sjabloon, oorzaak)
