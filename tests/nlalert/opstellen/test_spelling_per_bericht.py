"""The communicator accepts the Turkish or Polish GSM-7 spelling offer for one bericht: stored in
its content, so the content hash and the approver's page carry it, and the preview spells it."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from berichten import InvalidCombination
from nlalert.accounts.gebruikers import Rol
from nlalert.audit.log import inhoud_hash
from nlalert.fouten import OngeldigeInvoer
from nlalert.workflow.inhoud import lees_inhoud
from nlalert.workflow.samenstelling import compose_inhoud
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, token
from tests.nlalert.opstellen.test_opstellen import stuur

STOFFEN = inhoud(
    categorie="gevaarlijke-stoffen",
    velden={"plaats": "Moerdijk", "stof": "chloor", "link": "crisis.nl"},
    talen=["nl", "tr", "pl", "ar"],
)
DCS_TURKS_GSM7 = 0x0C  # GSM-7, language group Turkish (TS 23.038)


def _standaard(data: dict[str, Any], taal: str) -> dict[str, Any]:
    entry = next(t for t in data["talen"] if t["taal"] == taal)
    return dict(entry["varianten"]["standaard"])


def test_the_choice_spells_only_that_language_of_this_bericht() -> None:
    zonder = compose_inhoud(lees_inhoud(STOFFEN))
    met = compose_inhoud(lees_inhoud({**STOFFEN, "gsm7_spelling": ["tr"]}))
    tr_zonder, tr_met = zonder.taaltekst("tr"), met.taaltekst("tr")
    assert tr_zonder.spelling is not None and tr_zonder.spelling.aanbod
    assert tr_met.spelling is not None and tr_met.spelling.toegepast
    assert tr_met.cb.encoding == "gsm7" and len(tr_met.cb.pages) < len(tr_zonder.cb.pages)
    # CAP, the card and the checks keep the language as written; the pages carry the spelling.
    assert tr_met.tekst == tr_zonder.tekst and tr_met.uitzendtekst == tr_met.spelling.gespeld
    # Polish was not chosen: still only offered.
    spelling_pl = met.taaltekst("pl").spelling
    assert spelling_pl is not None and spelling_pl.aanbod


def test_the_choice_is_part_of_the_content_hash() -> None:
    def hash_van(data: dict[str, Any]) -> str:
        return inhoud_hash(lees_inhoud(data))  # what an approval is bound to

    assert hash_van({**STOFFEN, "gsm7_spelling": ["tr"]}) != hash_van(STOFFEN)
    # An empty choice is no choice: the same content as none.
    assert hash_van({**STOFFEN, "gsm7_spelling": []}) == hash_van(STOFFEN)


@pytest.mark.parametrize(
    ("keuze", "fout"),
    [
        (["ar"], InvalidCombination),  # Arabic is never spelled
        (["de"], OngeldigeInvoer),  # not one of the chosen languages
        ("tr", OngeldigeInvoer),
        ([1], OngeldigeInvoer),
    ],
)
def test_a_choice_that_cannot_be_is_refused(keuze: object, fout: type[Exception]) -> None:
    with pytest.raises(fout):
        lees_inhoud({**STOFFEN, "gsm7_spelling": keuze})


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def test_preview_and_stored_bericht_carry_the_choice_to_the_approver(
    app: Flask, anna: FlaskClient
) -> None:
    data = stuur(anna, "/api/voorbeeld", {**STOFFEN, "gsm7_spelling": ["tr"]}).get_json()
    tr = _standaard(data, "tr")
    assert tr["spelling"]["toegepast"] and tr["tekst"] == tr["spelling"]["gespeld"]
    besparing = (tr["spelling"]["paginas_voor"], tr["spelling"]["paginas_na"])
    assert besparing[1] < besparing[0] and tr["cb"]["pages"] == besparing[1]
    assert not _standaard(data, "pl")["spelling"]["toegepast"]

    r = stuur(anna, "/opstellen", {**STOFFEN, "gsm7_spelling": ["tr"]})
    assert r.status_code == 201, r.get_json()
    pagina = anna.get(f"/berichten/{r.get_json()['id']}").get_data(as_text=True)
    assert f"tr {besparing[0]} → {besparing[1]} pagina&#39;s" in pagina

    fout = stuur(anna, "/api/voorbeeld", {**STOFFEN, "gsm7_spelling": ["ar"]})
    assert fout.status_code == 400 and "ar" in fout.get_json()["detail"]


def test_the_api_stores_the_choice_and_shows_the_spelled_broadcast(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    koppen = token(app, "anna")
    r = client.post("/api/berichten", json={**STOFFEN, "gsm7_spelling": ["tr"]}, headers=koppen)
    assert r.status_code == 201, r.get_json()
    b = r.get_json()
    assert b["inhoud"]["gsm7_spelling"] == ["tr"]
    tr = next(u for u in b["uitzendingen"] if u["talen"] == ["tr"])
    assert tr["dcs"] == DCS_TURKS_GSM7 and "ı" not in tr["tekst"]
    fout = client.post("/api/berichten", json={**STOFFEN, "gsm7_spelling": ["uk"]}, headers=koppen)
    assert fout.status_code in (400, 422) and fout.mimetype == "application/problem+json"
