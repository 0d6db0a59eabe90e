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


def test_the_turkish_offer_is_accepted_for_one_message_and_taken_back(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.locator("input[name=categorie][value=gevaarlijke-stoffen]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
    # Dutch and Turkish only: two phones side by side, no tabs to pick from.
    page.locator("input[name=talen][value=en]").uncheck()
    page.locator("input[name=talen][value=tr]").check()
    telefoon = page.locator("#voorbeeld .telefoons figure").filter(has_text="Türkçe").first
    expect(telefoon.locator(".spelling[data-spelling=aanbod]")).to_be_visible()
    voor = telefoon.locator(".tellers .paginas").inner_text()

    telefoon.get_by_role("button", name="GSM-7-spelling gebruiken voor dit bericht").click()
    vak = telefoon.locator(".spelling[data-spelling=toegepast]")
    expect(vak).to_contain_text("GSM-7-spelling:")
    expect(telefoon.locator(".tellers .paginas")).not_to_have_text(voor)
    # Stored with the content, so it is what the approver sees and approves.
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    page.reload()
    telefoon = page.locator("#voorbeeld .telefoons figure").filter(has_text="Türkçe").first
    terug = telefoon.get_by_role("button", name="Toch zoals geschreven versturen")
    expect(terug).to_have_attribute("aria-pressed", "true")
    terug.click()
    expect(telefoon.locator(".spelling[data-spelling=aanbod]")).to_be_visible()
    expect(telefoon.locator(".tellers .paginas")).to_have_text(voor)
