"""The approver's page and the confirm page show a reach they can trust, from the real simulator
over HTTP: per gemeente inside, reached, missed and overshoot, the places outside named, 75+ and
under 12 counted apart with the channels that reach them, and that it all comes from a model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import verbind
from nlalert.workflow import opslag
from tests.nlalert.conftest import inhoud, login, maak_gebruiker
from tests.simulator import draaiende_simulator

# 1.5 km around Moerdijk village: only Moerdijk inside, its neighbours reached from outside.
MOERDIJK = {
    "type": "Feature",
    "properties": {
        "beschrijving": "Cirkel van 1.5 km",
        "bron": "cirkel",
        "cirkel": {"lat": 51.70, "lon": 4.63, "radius_km": 1.5},
    },
    "geometry": {"type": "Point", "coordinates": [4.63, 51.70]},
}


@pytest.fixture(scope="module")
def warme_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real simulator over HTTP, its reach model loaded before the first page asks."""
    with draaiende_simulator(tmp_path_factory.mktemp("sim")) as url:
        yield url


@pytest.fixture
def app(tmp_path: Path, warme_sim: str) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "b.sqlite"),
            "SIM_URL": warme_sim,
        },
        instance_path=tmp_path,
    )
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    return app


def _ingediend(app: Flask) -> int:
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        record = opslag.maak(
            db, inhoud(gebied=MOERDIJK, velden={"plaats": "Moerdijk", "link": "crisis.nl"}), anna
        )
        assert record.id is not None
        opslag.dien_in(db, record.id, anna, versie=1)
        return record.id


def _rijen(pagina: str, tabel_id: str) -> dict[str, list[str]]:
    tabel = pagina.split(f'id="{tabel_id}"', 1)[1].split("</table>", 1)[0]
    uit = {}
    for rij in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", tabel, re.S):
        naam, rest = rij.split("</th>", 1)
        uit[naam] = re.findall(r'<td class="getal">([^<]*)</td>', rest)
    return uit


def _controleer(pagina: str, bereik_id: str) -> None:
    rijen = _rijen(pagina, f"{bereik_id}-per-gemeente")
    # inside, reached, missed, overshoot per gemeente; Moerdijk inside, the others only reached.
    assert [len(r) for r in rijen.values()] == [4] * len(rijen)
    binnen, bereikt, gemist, _over = (int(x.replace(".", "")) for x in rijen["Moerdijk"])
    assert binnen > 0 and 0 < gemist < binnen and bereikt + gemist == pytest.approx(binnen, abs=1)
    assert rijen["Hoeksche Waard"][:3] == ["0", "0", "0"]
    plaatsen = pagina.split('class="overshoot-plaatsen"', 1)[1].split("</p>", 1)[0]
    assert "Hoeksche Waard" in plaatsen and "Drimmelen" in plaatsen
    oud = pagina.split('data-groep="75+"', 1)[1].split('data-groep="0-12"', 1)[0]
    niet = re.search(r'data-veld="niet_bereikt">([0-9.]+)<', oud)
    assert niet and int(niet.group(1).replace(".", "")) > 0
    assert "calamiteitenzender" in oud and "zorginstellingen" in oud and "huis-aan-huis" in oud
    kind = pagina.split('data-groep="0-12"', 1)[1].split("</ul>", 1)[0]
    assert "scholen" in kind
    assert "Verwachting van een model, geen meting." in pagina


def test_the_approver_sees_reach_per_gemeente_and_the_vulnerable_groups(app: Flask) -> None:
    bericht_id = _ingediend(app)
    client = app.test_client()
    login(client, "gert")
    pagina = client.get(f"/berichten/{bericht_id}").get_data(as_text=True)
    _controleer(pagina, "bereik-goedkeuring")


def test_the_confirm_page_shows_the_same_reach(app: Flask) -> None:
    bericht_id = _ingediend(app)
    with closing(verbind(app.config["DATABASE"])) as db:
        gert = gebruikers.zoek(db, "gert")
        assert gert is not None
        opslag.keur_goed(db, bericht_id, gert, gezien_hash=opslag.lees(db, bericht_id).inhoud_hash)
    client = app.test_client()
    login(client, "gert")
    pagina = client.get(f"/berichten/{bericht_id}/verzenden").get_data(as_text=True)
    _controleer(pagina, "bevestig-bereik")
