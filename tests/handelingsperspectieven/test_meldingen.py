"""The translatable message every package words its errors with."""

from __future__ import annotations

import json

import pytest

from handelingsperspectieven.meldingen import N_, Melding, MeldingError


class VoorbeeldFout(MeldingError):
    """An error as a package defines one."""

    def __init__(self, veld: str, reden: Melding) -> None:
        self.veld = veld
        super().__init__(N_("veld '%(veld)s' is ongeldig: %(reden)s"), veld=veld, reden=reden)


def test_n_only_marks_its_msgid() -> None:
    assert N_("een zin") == "een zin"


def test_a_melding_is_its_dutch_text_filled_in() -> None:
    assert str(Melding("geen pictogram '%(id)s'", id="x")) == "geen pictogram 'x'"
    # Without parameters the msgid is the text, and a lone % is no placeholder.
    assert str(Melding("100% zeker")) == "100% zeker"
    assert "100% zeker" in repr(Melding("100% zeker"))


def test_a_melding_as_parameter_is_filled_in_dutch() -> None:
    reden = Melding("is %(lengte)s tekens", lengte=200)
    fout = VoorbeeldFout("plaats", reden)
    assert fout.bericht == str(fout) == "veld 'plaats' is ongeldig: is 200 tekens"
    assert fout.sjabloon == "veld '%(veld)s' is ongeldig: %(reden)s"
    assert fout.parameters == {"veld": "plaats", "reden": reden}
    assert fout.veld == "plaats"


def test_an_error_hands_its_message_on_as_a_reason() -> None:
    binnen = VoorbeeldFout("link", Melding("moet tekst zijn"))
    buiten = VoorbeeldFout("gebied", binnen.melding)
    assert buiten.bericht == "veld 'gebied' is ongeldig: veld 'link' is ongeldig: moet tekst zijn"
    reden = buiten.parameters["reden"]
    assert isinstance(reden, Melding) and reden.sjabloon == binnen.sjabloon


def test_opsomming_translates_each_part_on_its_own() -> None:
    lijst = Melding.opsomming([Melding("regel %(n)s", n=1), "eigen woorden", Melding("50%")])
    assert str(lijst) == "regel 1; eigen woorden; 50%"
    assert str(Melding.opsomming(["a", "b"], scheiding=" % ")) == "a % b"
    assert str(Melding.opsomming([])) == ""
    assert all(isinstance(v, Melding | str) for v in lijst.parameters.values())


def test_json_round_trip_keeps_it_translatable() -> None:
    melding = Melding(
        "veld '%(veld)s' is ongeldig: %(reden)s",
        veld="link",
        reden=Melding("is %(lengte)s tekens", lengte=81),
    )
    opgeslagen = json.loads(json.dumps(melding.als_json()))
    terug = Melding.uit_json(opgeslagen)
    assert str(terug) == str(melding)
    reden = terug.parameters["reden"]
    assert isinstance(reden, Melding) and reden.sjabloon == "is %(lengte)s tekens"


@pytest.mark.parametrize("data", [None, "losse tekst", 12, {"parameters": {}}])
def test_odd_stored_input_becomes_its_plain_text(data: object) -> None:
    assert str(Melding.uit_json(data)) == str(data)


def test_a_parameter_json_cannot_hold_is_stored_as_text() -> None:
    assert Melding("%(x)s", x=("a", 1)).als_json() == {
        "sjabloon": "%(x)s",
        "parameters": {"x": "('a', 1)"},
    }
