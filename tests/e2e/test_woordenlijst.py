"""End-to-end in a real browser: the substance is picked from a list and reads in every language;
a typed substance is flagged as untranslated."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen


def test_picked_substance_is_translated_and_a_free_one_is_flagged(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "stoffen")
    page.locator("input[name=categorie][value=gevaarlijke-stoffen]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
    for taal in ("de", "fr", "tr"):
        page.locator(f"input[name=talen][value={taal}]").check()

    # English is chosen by default. The substance field offers the list; pick "chloor" from it.
    stof = page.locator("#veld-stof")
    expect(stof).to_have_attribute("list", "lijst-stof")
    keuze = page.locator("#lijst-stof option[value=chloor]")
    expect(keuze).to_have_count(1)
    stof.fill(keuze.get_attribute("value") or "")

    telefoons = page.locator("#voorbeeld .telefoons figure")
    expect(telefoons.filter(has_text="Deutsch").first.locator(".scherm")).to_contain_text(
        "Es handelt sich um Chlor."
    )
    expect(telefoons.filter(has_text="Français").first.locator(".scherm")).to_contain_text("chlore")
    expect(telefoons.filter(has_text="Türkçe").first.locator(".scherm")).to_contain_text("klor")
    expect(page.locator("#voorbeeld .niet-vertaald")).to_have_count(0)

    # A substance not in the list goes out as typed, and each language says so.
    stof.fill("fosgeen")
    duits = telefoons.filter(has_text="Deutsch").first
    expect(duits.locator(".scherm")).to_contain_text("Es handelt sich um fosgeen.")
    expect(duits.locator(".niet-vertaald")).to_contain_text("'fosgeen'")
    expect(page.locator("#voorbeeld .waarschuwingen")).to_contain_text(
        "'fosgeen' is niet vertaald in: en, de, fr, tr"
    )

    # Every chosen language has its own extra-sentence field; a language left empty gets no
    # extra sentence, and the warning says so.
    for taal in ("de", "fr", "tr"):
        expect(page.locator(f"#veld-extra_{taal}")).to_be_visible()
    page.fill("#veld-extra", "De A16 is afgesloten.")
    page.fill("#veld-extra_de", "Die A16 ist gesperrt.")
    expect(duits.locator(".scherm")).to_contain_text("Die A16 ist gesperrt.")
    waarschuwingen = page.locator("#voorbeeld .waarschuwingen")
    expect(waarschuwingen).to_contain_text("De extra zin staat niet in de tekst in 'fr'")
    expect(waarschuwingen).not_to_contain_text("De extra zin staat niet in de tekst in 'de'")
