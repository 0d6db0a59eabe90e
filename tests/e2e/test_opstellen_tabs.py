"""In a real browser at 1440x900, with many languages: one phone per language on demand (WAI-ARIA
tabs, arrow keys), not seven stacked; the checklist stays in view beside the form and the area."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import WACHTWOORD, Omgeving

TALEN = ("de", "fr", "tr", "ar", "pl")  # with nl and en: seven languages


def test_many_languages_show_one_phone_per_language_as_tabs(
    browser: Browser, omgeving: Omgeving
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(omgeving.url + "/login")
        page.fill("#naam", "anna")
        page.fill("#wachtwoord", WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(omgeving.url + "/opstellen")
        page.fill("#categorie-zoek", "rook")
        page.locator("input[name=categorie][value=brand-rook]").check()
        page.fill("#veld-plaats", "Moerdijk")
        page.fill("#veld-link", "crisis.nl")
        for taal in TALEN:
            page.locator(f"input[name=talen][value={taal}]").check()
        voorbeeld = page.locator("#voorbeeld")
        lijst = voorbeeld.get_by_role("tablist", name="Telefoon per taal")
        tabs = lijst.get_by_role("tab")
        expect(tabs).to_have_count(7)
        panelen = voorbeeld.locator(".telefoon-tabbladen .telefoons > figure[role=tabpanel]")
        expect(panelen).to_have_count(7 + 6)  # the languages, and the broadcasts (nl+en share one)
        # One phone per row in view: the selected tab's.
        rij = lijst.locator("xpath=..").locator(".telefoons > figure")
        expect(rij.locator("visible=true")).to_have_count(1)
        eerste = tabs.nth(0)
        expect(eerste).to_have_attribute("aria-selected", "true")
        expect(eerste).to_have_attribute("tabindex", "0")
        expect(tabs.nth(1)).to_have_attribute("tabindex", "-1")
        zichtbaar = rij.locator("visible=true")
        expect(zichtbaar).to_have_attribute("aria-labelledby", eerste.get_attribute("id") or "")

        # Keyboard: the right arrow selects and focuses the next tab, End the last, Home the first.
        eerste.focus()
        page.keyboard.press("ArrowRight")
        expect(tabs.nth(1)).to_be_focused()
        expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
        expect(eerste).to_have_attribute("aria-selected", "false")
        expect(zichtbaar).to_have_attribute(
            "aria-labelledby", tabs.nth(1).get_attribute("id") or ""
        )
        page.keyboard.press("End")
        expect(tabs.nth(6)).to_be_focused()
        page.keyboard.press("ArrowRight")  # wraps round
        expect(tabs.nth(0)).to_be_focused()
        page.keyboard.press("ArrowLeft")
        expect(tabs.nth(6)).to_be_focused()
        # A click picks a language; the choice survives the redraw a keystroke makes.
        arabisch = lijst.get_by_role("tab").filter(has=page.locator("bdi[lang=ar]"))
        arabisch.click()
        expect(zichtbaar.locator("bdi[lang=ar]")).to_have_count(1)
        page.fill("#veld-plaats", "Moerdijk-Zuid")
        expect(voorbeeld).to_contain_text("Moerdijk-Zuid")
        expect(rij.locator("visible=true").locator("bdi[lang=ar]")).to_have_count(1)

        # The checklist is in view at the top of the third column, beside the form and the map.
        page.evaluate("window.scrollTo(0, 0)")
        controle = page.locator("#voorbeeld .controles").bounding_box()
        kaart = page.locator("#kaart").bounding_box()
        formulier = page.locator("fieldset.categorie").bounding_box()
        assert controle and kaart and formulier
        assert controle["y"] + controle["height"] <= 900, controle
        assert controle["x"] >= kaart["x"] + kaart["width"] > formulier["x"] + formulier["width"]
    finally:
        context.close()


def test_warnings_stand_next_to_the_field_they_are_about(
    browser: Browser, omgeving: Omgeving
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(omgeving.url + "/login")
        page.fill("#naam", "anna")
        page.fill("#wachtwoord", WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(omgeving.url + "/opstellen")
        page.fill("#categorie-zoek", "stoffen")
        page.locator("input[name=categorie][value=gevaarlijke-stoffen]").check()
        page.fill("#veld-plaats", "Moerdijk")
        page.fill("#veld-link", "crisis.nl")
        page.locator("input[name=talen][value=fr]").check()
        expect(page.locator("#voorbeeld .controles")).to_be_visible()
        expect(page.locator(".veld-controle")).to_have_count(0)

        # A substance typed, not picked: the note sits under the substance field.
        stof = page.locator("#veld-stof")
        stof.fill("fosgeen")
        nota = page.locator("#controle-veld-stof")
        expect(nota).to_contain_text("'fosgeen' is niet vertaald")
        expect(stof).to_have_attribute("aria-describedby", re_bevat("controle-veld-stof"))
        veld, vak = stof.bounding_box(), nota.bounding_box()
        assert veld and vak
        assert 0 <= vak["y"] - (veld["y"] + veld["height"]) < 40, (veld, vak)
        assert abs(vak["x"] - veld["x"]) < 40  # the same column as the field, not the preview's

        # An extra sentence missing in French: the note sits under the French field.
        page.fill("#veld-extra", "De A16 is afgesloten.")
        expect(page.locator("#controle-veld-extra_fr")).to_contain_text("'fr'")
        page.fill("#veld-extra_fr", "L'A16 est fermée.")
        expect(page.locator("#controle-veld-extra_fr")).to_have_count(0)
        stof.fill("")
        page.locator("#veld-stof").fill("chloor")
        expect(page.locator("#controle-veld-stof")).to_have_count(0)
        expect(stof).not_to_have_attribute("aria-describedby", re_bevat("controle-veld-stof"))
    finally:
        context.close()


def re_bevat(deel: str) -> re.Pattern[str]:
    """A pattern matching an attribute that holds `deel` among its space-separated tokens."""
    return re.compile(r"(^|\s)" + re.escape(deel) + r"(\s|$)")
