"""In a real browser at 1440x900: the compose screen for time pressure. The category, the required
incident fields, the area (search and map) and the checklist are all in view at once, without
scrolling; the checklist comes before the phones, which take a column of their own."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import WACHTWOORD, Omgeving

BREED, HOOG = 1440, 900


def _vak(page: Page, selector: str) -> dict[str, float]:
    vak = page.locator(selector).first.bounding_box()
    assert vak, selector
    return vak


def test_category_fields_area_and_checklist_fit_one_1440x900_screen(
    browser: Browser, omgeving: Omgeving
) -> None:
    context = browser.new_context(viewport={"width": BREED, "height": HOOG}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        o = omgeving
        page.goto(o.url + "/login")
        page.fill("#naam", "anna")
        page.fill("#wachtwoord", WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(o.url + "/opstellen")
        page.fill("#categorie-zoek", "rook")
        page.locator("input[name=categorie][value=brand-rook]").check()
        page.fill("#veld-plaats", "Moerdijk")
        page.fill("#veld-link", "crisis.nl")
        expect(page.locator("#voorbeeld .controle")).to_be_visible()
        expect(page.locator("#kaart svg")).to_be_attached()
        page.evaluate("window.scrollTo(0, 0)")
        vakken = {
            naam: _vak(page, sel)
            for naam, sel in {
                "categorie": "fieldset.categorie",
                "velden": "#velden",
                "zoeken": "#plaats-zoek",
                "kaart": "#kaart",
                "controle": "#voorbeeld .controles",
                "telefoon": "#voorbeeld .telefoons .telefoon",
            }.items()
        }
        # The required incident fields; optional ones (the extra sentence per language) may run on.
        verplicht = page.locator("#velden .veld:has(.verplicht)")
        expect(verplicht).to_have_count(2)
        for i in range(verplicht.count()):
            vakken[f"verplicht {i}"] = verplicht.nth(i).bounding_box() or {}
        vakken["velden"] = _vak(page, "#velden legend")
        for naam in vakken:
            if naam == "telefoon":
                continue
            v = vakken[naam]
            assert v["y"] >= 0 and v["y"] + v["height"] <= HOOG, (naam, v)
            assert v["x"] >= 0 and v["x"] + v["width"] <= BREED, (naam, v)
        # Three columns: the form, the area, then the checklist and the phones.
        assert vakken["kaart"]["x"] > vakken["categorie"]["x"] + vakken["categorie"]["width"]
        assert vakken["controle"]["x"] >= vakken["kaart"]["x"] + vakken["kaart"]["width"]
        assert vakken["telefoon"]["x"] >= vakken["kaart"]["x"] + vakken["kaart"]["width"]
        # The checklist comes before the phones, not below seven of them.
        assert vakken["controle"]["y"] < vakken["telefoon"]["y"]
    finally:
        context.close()
