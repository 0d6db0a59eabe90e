"""A small valid scenario to break one key at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlalert.oefenen.fouten import Probleem, ScenarioOngeldig
from nlalert.oefenen.scenario import lees

# Line numbers matter to the tests: keep this text's layout when editing it.
GOED = """\
titel = "Oefenbrand Dordrecht"
regio = "VR18"
start = 2026-03-02T10:00:00
tempo = 2
duur = 90

[[inject]]
id = "melding"
tijd = 0
tekst = "Brand in een loods aan de Wijnstraat."

[[inject]]
tijd = "00:30"
tekst = "Het ROT vraagt een NL-Alert."
bijlagen = ["kaart.txt"]

[grondwaarheid]
categorieen = ["brand-rook"]

[grondwaarheid.gebied]
sector = { lat = 51.8133, lon = 4.6690, wind_uit = "W", lengte_km = 5 }

[grondwaarheid.eerste_alert]
uiterlijk = 45

[[grondwaarheid.taal]]
code = "en"
reden = "Toeristen in de binnenstad."

[[grondwaarheid.vervolg]]
soort = "einde"
uiterlijk = "01:20"
"""


def schrijf(map_: Path, tekst: str, naam: str = "oefening.toml") -> Path:
    """The scenario file with its one attachment beside it."""
    (map_ / "kaart.txt").write_text("kaart\n", encoding="utf-8")
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def weigering(map_: Path, tekst: str) -> tuple[Probleem, ...]:
    """The problems a refused scenario has (the test fails if it is accepted)."""
    with pytest.raises(ScenarioOngeldig) as fout:
        lees(schrijf(map_, tekst))
    return fout.value.problemen
