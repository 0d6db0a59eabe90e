"""The beheer screen in a real browser: an administrator disables a user who is logged in."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Omgeving, inloggen


def test_disabling_a_user_ends_her_open_session(
    page: Page, browser: Browser, omgeving: Omgeving
) -> None:
    anna = browser.new_context(locale="nl-NL").new_page()
    try:
        inloggen(anna, omgeving.url, "anna")
        expect(anna).to_have_url(omgeving.url + "/berichten")

        inloggen(page, omgeving.url, "bea")
        page.get_by_role("navigation").get_by_role("link", name="Gebruikers").click()
        rij = page.locator('tr[data-naam="anna"]')
        expect(rij).to_contain_text("actief")
        rij.get_by_role("button", name="anna uitschakelen").click()
        expect(page.locator(".melding-ok")).to_contain_text("anna is uitgeschakeld")
        expect(page.locator('tr[data-naam="anna"]')).to_contain_text("uitgeschakeld")
        # bea's own row offers nothing to press.
        expect(page.locator('tr[data-naam="bea"] button')).to_have_count(0)

        # anna's open page: the next click takes her to the login form.
        anna.reload()
        expect(anna).to_have_url(omgeving.url + "/login?next=/berichten")
    finally:
        anna.context.close()
