"""End-to-end in a real browser: the compose screen shows the French text in GSM-7 spelling next
to the text as written, with the pages it saves."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen


def test_preview_shows_french_spelled_next_to_the_original_and_the_saving(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
    page.locator("input[name=talen][value=fr]").check()
    telefoon = page.locator("#voorbeeld .telefoons figure").filter(has_text="Français")
    expect(telefoon.locator(".scherm")).to_contain_text("Fermez portes et fenetres.")
    vak = telefoon.locator(".spelling[data-spelling=toegepast]")
    expect(vak).to_contain_text("GSM-7-spelling: 7 → 3 pagina's")
    expect(vak.locator(".spelling-tekst")).to_contain_text("Fermez portes et fenêtres.")
    expect(telefoon.locator(".tellers .paginas")).to_have_text("3/15 pagina's")
