"""axe-core on the staff screens test_axe.py does not measure: login, password, users, deleting a
user, the audit log, the translation memory of free text, a sent bericht and the staff 404.
(The exercise board, report and panel are measured with the exercises.) 0 violations, nl and en."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Omgeving
from tests.e2e.test_axe import _bericht, _data, _pagina, assert_toegankelijk, inloggen_in


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_other_staff_screens_have_no_violations(
    omgeving: Omgeving, browser: Browser, taal: str
) -> None:
    o = omgeving
    # A sent bericht, and a draft carrying a free value in German and French for the memory.
    verzonden = _bericht(o, _data("oefening"))
    vrij = {
        **_data("oefening"),
        "categorie": "gevaarlijke-stoffen",
        "talen": ["nl", "de", "fr"],
        "velden": {"plaats": "Moerdijk", "link": "crisis.nl", "stof": "fosgeen"},
    }
    _bericht(o, vrij, tot="ingediend")
    page = _pagina(browser, "en-GB" if taal == "en" else "nl-NL")
    try:
        page.goto(o.url + "/login")
        assert_toegankelijk(page, f"/login (ui {taal})")
        inloggen_in(page, o.url, "bea")
        for pad in (
            "/wachtwoord",
            "/gebruikers",
            "/gebruikers/verwijderen?naam=tim",
            "/audit",
            f"/berichten/{verzonden}",
            "/berichten/999999",
        ):
            page.goto(o.url + pad)
            assert_toegankelijk(page, f"{pad} (ui {taal})")
        page.goto(o.url + "/toegankelijkheid/vrije-tekst")
        expect(page.locator("main")).to_contain_text("fosgeen")
        assert_toegankelijk(page, f"/toegankelijkheid/vrije-tekst (ui {taal})")
    finally:
        page.context.close()
