"""The field vocabularies file: read, and refused with the field or value named when malformed."""

from __future__ import annotations

import tomllib

import pytest

from handelingsperspectieven import OngeldigBestand, woordenlijsten
from handelingsperspectieven.woordenlijsten import lees


def test_the_substances_of_most_dutch_incidents_are_in_the_list() -> None:
    stof = woordenlijsten()["stof"]
    for waarde in (
        "chloor",
        "ammoniak",
        "asbest",
        "zoutzuur",
        "zwavelzuur",
        "nitreuze dampen",
        "zwavelwaterstof",
        "aardgas",
        "koolmonoxide",
        "lpg",
        "rook van brandend plastic",
    ):
        assert stof.bevat(waarde)
    assert stof.vind(" Chloor ") == "chloor" and stof.vind("fosgeen") is None


@pytest.mark.parametrize(
    ("tekst", "genoemd"),
    [
        ('[onzin]\nzin = "x %(onzin)s"\nwaarden = {a = "a"}', "[onzin]"),
        ('[stof]\nzin = "Het gaat om %(plaats)s."\nwaarden = {a = "a"}', "%(stof)s"),
        ('[stof]\nzin = "Het gaat om %(stof)s."\nwaarden = {}', "[stof]"),
        ('[stof]\nzin = "Het gaat om %(stof)s."\nwaarden = {"chloor %(x)s" = "a"}', "chloor %(x)s"),
        ('[stof]\nzin = "Het gaat om %(stof)s."\nwaarden = {chloor = 3}', "chloor"),
    ],
)
def test_a_malformed_vocabulary_is_refused_naming_what(tekst: str, genoemd: str) -> None:
    with pytest.raises(OngeldigBestand) as fout:
        lees(tomllib.loads(tekst))
    assert genoemd in str(fout.value)
