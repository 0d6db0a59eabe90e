"""End-to-end in a real browser: the compose form offers the incident's public page as the link,
the exercise page for an exercise and the real one for a real alert, and the preview counts it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen


def test_the_public_page_is_offered_as_the_link_and_follows_the_mode(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    o.app.config["PUBLIEK_URL"] = "https://www.vr.example.nl/nl-alert/"
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
    page.fill("#veld-plaats", "Moerdijk")

    # Offered once the first autosave has given the bericht its id (the incident's key).
    knop = page.locator("#publieke-link")
    expect(knop).to_be_visible(timeout=30_000)
    bericht_id = re.search(r"/berichten/(\d+)/", page.url)
    assert bericht_id, page.url
    oefenpagina = f"www.vr.example.nl/nl-alert/oefening/{bericht_id.group(1)}/"
    expect(knop).to_contain_text(oefenpagina)
    expect(page.locator("#publieke-link-uitleg")).to_contain_text(str(len(oefenpagina)))
    knop.click()
    expect(page.locator("#veld-link")).to_have_value(oefenpagina)
    scherm = page.locator("#voorbeeld .telefoons figure .scherm").first
    expect(scherm).to_contain_text(f"Meer informatie op {oefenpagina}")

    # A real alert links to the real page: the accepted link follows the mode.
    page.locator("#opstel-formulier input[name=modus][value=echt]").check()
    echte_pagina = f"www.vr.example.nl/nl-alert/{bericht_id.group(1)}/"
    expect(page.locator("#veld-link")).to_have_value(echte_pagina)
    expect(knop).to_contain_text(echte_pagina)
    expect(scherm).to_contain_text(f"Meer informatie op {echte_pagina}")
