"""The accessibility review signs off the GSM-7 spelled text: the grid shows it beside the text
as written, and a change to the spelling changes the version a sign-off is bound to."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from berichten import gsm7
from berichten.versie import teksten_versie
from nlalert.accounts.gebruikers import Rol
from nlalert.db import get_db
from nlalert.toegankelijkheid import aftekeningen
from tests.nlalert.conftest import login, maak_gebruiker, post

CATEGORIE = "gevaarlijke-stoffen"
URL = f"/toegankelijkheid/{CATEGORIE}"


@pytest.fixture
def ria(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "ria", Rol.REVIEWER)
    login(client, "ria")
    return client


def _cel(pagina: str, taal: str) -> str:
    rij = re.search(rf'<tr data-taal="{taal}">(.*?)</tr>', pagina, re.S)
    assert rij, taal
    cel = re.search(r'data-variant="standaard">(.*?)</td>', rij.group(1), re.S)
    assert cel, taal
    return cel.group(1)


def test_grid_shows_the_spelled_french_with_the_original_and_the_saving(ria: FlaskClient) -> None:
    fr = _cel(ria.get(URL).get_data(as_text=True), "fr")
    assert 'data-spelling="toegepast"' in fr
    tekst = re.search(r'<p class="tekst"[^>]*>(.*?)</p>', fr, re.S)
    assert tekst and "fenetres" in tekst.group(1)  # what goes out comes first
    assert "fenêtres" in fr and "→" in fr
    tr = _cel(ria.get(URL).get_data(as_text=True), "tr")
    assert 'data-spelling="aanbod"' in tr
    assert "data-spelling" not in _cel(ria.get(URL).get_data(as_text=True), "ar")


def test_a_changed_spelling_lapses_the_sign_off(
    app: Flask, ria: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    pagina = ria.get(URL).get_data(as_text=True)
    versie = re.search(r'name="versie" value="([0-9a-f]+)"', pagina)
    assert versie and versie.group(1) == teksten_versie(CATEGORIE)
    r = post(ria, f"{URL}/aftekenen", versie=versie.group(1), oordeel="akkoord", opmerking="")
    assert r.status_code == 302
    with app.app_context():
        assert aftekeningen.status(get_db(), CATEGORIE).staat is aftekeningen.Staat.AKKOORD
        # The table now spells ê as "e^": every text with an ê reads differently on the phone.
        tabel = {**gsm7.spellingtabel(), "ê": "e^"}
        monkeypatch.setattr(gsm7, "spellingtabel", lambda: tabel)
        assert teksten_versie(CATEGORIE) != versie.group(1)
        assert aftekeningen.status(get_db(), CATEGORIE).staat is aftekeningen.Staat.VEROUDERD
