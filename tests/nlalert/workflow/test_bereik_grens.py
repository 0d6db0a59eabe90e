"""The approver's reach near the border, from the real simulator over HTTP: the people across the
border in the broadcast area with their municipalities and the neighbour's system, and the Dutch
residents missed on foreign cells, each said to be a model."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import verbind
from nlalert.workflow import opslag
from tests.nlalert.conftest import inhoud, login, maak_gebruiker
from tests.simulator import draaiende_simulator

KERKRADE = {
    "type": "Feature",
    "properties": {"bron": "cirkel", "cirkel": {"lat": 50.866, "lon": 6.06, "radius_km": 3}},
    "geometry": {"type": "Point", "coordinates": [6.06, 50.866]},
}


@pytest.fixture(scope="module")
def warme_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with draaiende_simulator(tmp_path_factory.mktemp("sim")) as url:
        yield url


def test_the_approver_sees_who_across_the_border_is_in_the_broadcast_area(
    tmp_path: Path, warme_sim: str
) -> None:
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
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        velden = {"plaats": "Kerkrade", "link": "crisis.nl"}
        record = opslag.maak(db, inhoud(gebied=KERKRADE, velden=velden), anna)
        assert record.id is not None
        opslag.dien_in(db, record.id, anna, versie=1)
    client = app.test_client()
    login(client, "gert")
    pagina = client.get(f"/berichten/{record.id}").get_data(as_text=True)
    buitenland = pagina.split('id="bereik-goedkeuring-buitenland"', 1)[1].split("</div>", 1)[0]
    assert "Herzogenrath" in buitenland and "MoWaS" in buitenland and "(model)" in buitenland
    assert "op een Belgische of Duitse cel (model)" in pagina
