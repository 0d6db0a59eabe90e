"""In a real browser: a trainer starts a scenario, a team sees the inject, composes, approves and
sends inside the exercise, and the trainer's board shows it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk, uitloggen


def test_trainer_starts_team_receives_inject_composes_and_the_board_shows_it(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "bea")  # beheer: the trainer
    page.goto(o.url + "/oefeningen")
    page.select_option("#scenario", "moerdijk-chemische-brand")
    page.fill("#teams", "Rood: anna, gert")
    page.get_by_role("button", name="Oefening aanmaken").click()
    expect(page.locator("h1")).to_contain_text("Oefening 1")
    expect(page.locator("#oefenklok")).to_contain_text("loopt")
    bord_url = page.url
    uitloggen(page)

    inloggen(page, o.url, "anna")
    page.goto(o.url + "/berichten")
    paneel = page.locator("#oefenpaneel")
    expect(paneel).to_contain_text("Team Rood")
    expect(paneel).to_contain_text("ChemStore")  # the first inject, released at the start
    page.goto(o.url + "/opstellen")
    expect(page.locator("#oefenpaneel")).to_contain_text("ChemStore")
    expect(page.locator("#opstel-formulier input[name=modus][value=echt]")).to_be_disabled()
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")
    page.set_input_files("#geojson", str(o.map_ / "moerdijk.geojson"))
    expect(page.locator("#voorbeeld")).to_contain_text("OEFENING")
    link = page.locator("#naar-bericht")
    expect(link).to_be_visible(timeout=20_000)
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    schermafdruk(page, "oefening-paneel.png", o.map_)
    gevonden = re.search(r"/berichten/(\d+)", link.get_attribute("href") or "")
    assert gevonden
    bericht_id = int(gevonden.group(1))
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(page.locator(".status")).to_have_text("ingediend")
    uitloggen(page)

    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    page.get_by_role("button", name="Verzenden").click()
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")
    uitloggen(page)

    inloggen(page, o.url, "bea")
    page.goto(bord_url)
    team = page.locator("section.teambord")
    expect(team).to_contain_text("Team Rood")
    for stap in ("Indienen", "Goedkeuren", "Verzonden"):
        expect(team.locator(".tijdlijn")).to_contain_text(re.compile(stap, re.IGNORECASE))
    expect(team.locator(".verzonden")).to_contain_text("bereikt in het gebied", timeout=30_000)
    expect(team.locator(f'.verzonden a[href="/berichten/{bericht_id}"]')).to_be_visible()
    schermafdruk(page, "oefening-bord.png", o.map_)
