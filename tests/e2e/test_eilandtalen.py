"""In a real browser: an area on one island takes that island's languages (Papiamento and Dutch on
Bonaire, English and Dutch on Saba), and the phones follow; languages the user chose, or a stored
bericht's, stay."""

from __future__ import annotations

from contextlib import closing

from playwright.sync_api import Page, expect

from nlalert.accounts import gebruikers
from nlalert.db import verbind
from nlalert.workflow import opslag
from tests.e2e.conftest import MOERDIJK, Omgeving, inloggen

# A stored bericht in Dutch and English, on the mainland.
OPGESLAGEN = {
    "categorie": "brand-rook",
    "velden": {"plaats": "Moerdijk", "link": "crisis.nl"},
    "talen": ["nl", "en"],
    "modus": "oefening",
    "gebied": MOERDIJK,
}


def _begin(page: Page, o: Omgeving) -> None:
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Kralendijk")
    page.fill("#veld-link", "crisis.nl")
    expect(page.locator("#voorbeeld")).to_contain_text("Grote brand met veel rook in")


def _voeg_toe(page: Page, naam: str) -> None:
    page.get_by_label("Zoek een gemeente").fill(naam)
    page.get_by_role("button", name=f"{naam} aan het gebied toevoegen").click()
    expect(page.locator("#gebied-beschrijving")).to_have_text(naam)


def _aangevinkt(page: Page) -> set[str]:
    return set(
        page.locator("input[name=talen]:checked").evaluate_all("(l) => l.map((i) => i.value)")
    )


def _telefoons(page: Page, talen: set[str], uitzendingen: set[str]) -> None:
    """The preview follows: one phone per language, and these broadcasts to phones."""
    voorbeeld = page.locator("#voorbeeld")
    per_taal = voorbeeld.locator("figure.telefoon:not([data-talen]) .berichttekst")
    uit = voorbeeld.locator("#uitzendingen figure.telefoon[data-talen]")
    expect(per_taal).to_have_count(len(talen))
    expect(uit).to_have_count(len(uitzendingen))
    for taal in talen:
        expect(per_taal.and_(page.locator(f"[lang={taal}]"))).to_have_count(1)
    for u in uitzendingen:
        expect(uit.and_(page.locator(f"[data-talen='{u}']"))).to_have_count(1)
    # Two languages stand side by side: no tabs.
    expect(voorbeeld.get_by_role("tab")).to_have_count(0)


def test_bonaire_takes_papiamento_and_dutch(page: Page, omgeving: Omgeving) -> None:
    _begin(page, omgeving)
    assert _aangevinkt(page) == {"nl", "en"}
    _voeg_toe(page, "Bonaire")
    expect(page.locator("input[name=talen][value=pap]")).to_be_checked()
    expect(page.locator("input[name=talen][value=nl]")).to_be_checked()
    expect(page.locator("input[name=talen][value=en]")).not_to_be_checked()
    assert _aangevinkt(page) == {"pap", "nl"}
    _telefoons(page, {"pap", "nl"}, {"pap", "nl"})


def test_languages_chosen_by_hand_stay_when_saba_is_picked(page: Page, omgeving: Omgeving) -> None:
    _begin(page, omgeving)
    page.locator("input[name=talen][value=en]").uncheck()
    page.locator("input[name=talen][value=de]").check()
    _telefoons(page, {"nl", "de"}, {"nl", "de"})
    _voeg_toe(page, "Saba")
    assert page.evaluate("window.nlalertOpstellen.gebied().properties.codes") == ["GM9003"]
    assert _aangevinkt(page) == {"nl", "de"}
    _telefoons(page, {"nl", "de"}, {"nl", "de"})


def test_a_stored_bericht_keeps_its_languages_when_bonaire_is_picked(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    with closing(verbind(o.app.config["DATABASE"])) as db, o.app.app_context():
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        bericht_id = opslag.maak(db, OPGESLAGEN, anna).id
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{bericht_id}/bewerken")
    _telefoons(page, {"nl", "en"}, {"nl+en"})
    _voeg_toe(page, "Bonaire")
    assert page.evaluate("window.nlalertOpstellen.gebied().properties.codes") == ["GM9001"]
    assert _aangevinkt(page) == {"nl", "en"}
    _telefoons(page, {"nl", "en"}, {"nl+en"})


def test_a_plume_drawn_on_bonaire_takes_papiamento_and_dutch(
    page: Page, omgeving: Omgeving
) -> None:
    # Not a picked gemeente: a smoke plume from Kralendijk, 5 km to the east, inside Bonaire's box.
    _begin(page, omgeving)
    assert _aangevinkt(page) == {"nl", "en"}
    page.get_by_label("Wind uit (graden of windstreek)").fill("W")
    page.get_by_label("Lengte (km)").fill("5")
    page.get_by_label("Bron (lat,lon)").fill("12.15,-68.27")
    expect(page.locator("#gebied-beschrijving")).to_contain_text("Rookpluim van 5 km")
    expect(page.locator("input[name=talen][value=pap]")).to_be_checked()
    expect(page.locator("input[name=talen][value=en]")).not_to_be_checked()
    assert _aangevinkt(page) == {"pap", "nl"}
    assert page.evaluate("window.nlalertOpstellen.gebied().properties.sector.lon") == -68.27
