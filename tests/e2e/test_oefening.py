"""In a real browser: a trainer starts a scenario, a team sees the inject, composes, approves and
sends inside the exercise, the trainer's board shows it with its map, and the report shows the
minutes and the area fit. axe-core measures the board, the report and the team's panel."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk, uitloggen
from tests.e2e.test_axe import _pagina, assert_toegankelijk


def test_trainer_starts_team_receives_inject_composes_and_the_board_shows_it(
    page: Page, omgeving: Omgeving, browser: Browser
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
    kaart = team.locator(".verzonden img.bereikkaart")
    expect(kaart).to_be_visible()
    assert (kaart.get_attribute("src") or "").startswith("data:image/svg+xml;base64,")
    assert "gevaarsgebied" in (kaart.get_attribute("alt") or "")

    page.get_by_role("link", name="Evaluatierapport").click()
    expect(page.locator("h1")).to_contain_text("Evaluatie oefening 1")
    tabel = page.locator("table.rapporttabel")
    rij = tabel.locator("tr", has_text="Minuten tot uitzending")
    expect(rij.locator("td")).to_have_text(re.compile(r"^\d+,\d$"))  # minutes from the inject
    gedekt = tabel.locator("tr", has_text="Gevaarsgebied gedekt")
    expect(gedekt.locator("td")).to_have_text(re.compile(r"^\d+(,\d)? %$"))
    bereikt = tabel.locator("tr", has_text="Bereikt in het gevaarsgebied")
    expect(bereikt.locator("td")).to_have_text(re.compile(r"^[\d.]+$"), timeout=30_000)
    expect(page.locator("img.rapportgrafiek")).to_be_visible()
    page.fill("#opmerkingen", "Snel verstuurd; Duits vergeten.")
    page.get_by_role("button", name="Opmerkingen bewaren").click()
    expect(page.locator("#opmerkingen")).to_have_value("Snel verstuurd; Duits vergeten.")
    schermafdruk(page, "oefening-rapport.png", o.map_)
    rapport_url = page.url.split("?")[0]

    # axe-core (WCAG 2.1 AA) on the board, the report and the team's inject panel.
    meten = _pagina(browser)
    try:
        inloggen(meten, o.url, "bea")
        meten.goto(bord_url + "?bereik=nee")
        assert_toegankelijk(meten, "het bord van de trainer")
        meten.goto(rapport_url + "?bereik=nee")
        assert_toegankelijk(meten, "het evaluatierapport")
        uitloggen(meten)
        inloggen(meten, o.url, "anna")
        meten.goto(o.url + "/berichten")
        expect(meten.locator("#oefenpaneel")).to_contain_text("ChemStore")
        assert_toegankelijk(meten, "het oefenpaneel van een team")
    finally:
        meten.context.close()
