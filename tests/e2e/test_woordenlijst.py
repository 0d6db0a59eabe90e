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


def test_a_place_type_and_a_road_number_read_in_every_language_unflagged(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Breda")
    page.fill("#veld-link", "crisis.nl")
    page.locator("input[name=talen][value=de]").check()
    page.locator("input[name=talen][value=pl]").check()
    expect(page.locator("#lijst-plek option[value='het station']")).to_have_count(1)
    page.fill("#veld-plek", "het station")
    page.fill("#veld-weg", "A16")

    telefoons = page.locator("#voorbeeld .telefoons figure")
    duits = telefoons.filter(has_text="Deutsch").first.locator(".scherm")
    expect(duits).to_contain_text("Es geschieht am Bahnhof. Die A16 ist gesperrt.")
    expect(telefoons.filter(has_text="Polski").first.locator(".scherm")).to_contain_text(
        "Droga A16 jest zamknięta."
    )
    # A road number is a code, not Dutch text: nothing is flagged as untranslated.
    expect(page.locator("#voorbeeld .niet-vertaald")).to_have_count(0)
    # Words around the number are refused, with the way to write it.
    page.fill("#veld-weg", "de A16")
    page.locator("#veld-weg").blur()
    expect(page.locator("#fout-weg")).to_contain_text("A16")
