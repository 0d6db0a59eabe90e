"""Done when (issue 11): in a real browser a communicator searches "Moerdijk", draws a smoke
plume to the north-east (wind from the south-west, 225°) and sees the reach with the people
aged 75+ who will not get it, the channels that reach them instead, and that it is a model."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk

BRON = (51.685, 4.62)  # Moerdijk, the industrial area


def _klik_op_kaart(page: Page, lat: float, lon: float) -> None:
    """Click the map where (lat, lon) is drawn, through the SVG's own transform."""
    xy = page.evaluate(
        """([lat, lon]) => {
            const svg = document.querySelector("#kaart svg");
            const p = svg.createSVGPoint();
            p.x = lon * Math.cos((52.2 * Math.PI) / 180) * 100;
            p.y = -lat * 100;
            const q = p.matrixTransform(svg.getScreenCTM());
            return [q.x, q.y];
        }""",
        [lat, lon],
    )
    page.mouse.click(xy[0], xy[1])


def _getal(tekst: str) -> int:
    return int(tekst.replace(".", "").replace(",", ""))


def test_search_moerdijk_draw_a_plume_north_east_and_see_75_plus_reach(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")

    # Find the place by name: the map goes there.
    page.get_by_label("Zoek een gemeente").fill("Moerdijk")
    kies = page.locator("#plaats-resultaten button.plaats-kies", has_text="Moerdijk")
    expect(kies).to_have_count(1)
    kies.click()
    expect(page.locator("#plaats-melding")).to_contain_text("Moerdijk")

    # A plume to the north-east: the wind comes from 225° (south-west); source clicked on the map.
    expect(page.locator("#stand-sector")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Wind uit (graden of windstreek)").fill("225")
    page.get_by_label("Lengte (km)").fill("8")
    _klik_op_kaart(page, *BRON)
    expect(page.locator("#kaart svg .gebied path[data-soort=sector]")).to_have_count(1)
    expect(page.locator("#gebied-beschrijving")).to_contain_text("wind uit 225°")
    bron = tuple(map(float, page.locator("#sector-bron").input_value().split(",")))
    ring = page.evaluate("window.nlalertOpstellen.gebied()")["geometry"]["coordinates"][0]
    lons, lats = zip(*ring, strict=True)
    assert max(lats) > bron[0] + 0.05 and max(lons) > bron[1] + 0.08  # 8 km to the north-east
    assert min(lats) > bron[0] - 0.005 and min(lons) > bron[1] - 0.008  # only the source circle

    # The reach: totals, per gemeente with who is missed, and the places outside named.
    bereik = page.locator("#bereik")
    expect(bereik).to_contain_text("Inwoners in het gebied", timeout=90_000)
    kop = bereik.locator("table.lijst thead th")
    expect(kop).to_have_text(
        [
            "Gemeente",
            "Inwoners in het gebied",
            "Bereikt (binnen het gebied)",
            "Gemist",
            "Overshoot (buiten het gebied)",
        ]
    )
    moerdijk = bereik.locator("table.lijst tbody tr", has_text="Moerdijk").locator("td")
    binnen, bereikt, gemist = (_getal(moerdijk.nth(i).inner_text()) for i in (1, 2, 3))
    assert binnen > 0 and 0 < gemist < binnen
    assert abs(bereikt + gemist - binnen) <= 1
    expect(bereik.locator(".overshoot-plaatsen")).to_contain_text("Buiten het gebied bereikt in:")

    # People aged 75+ counted apart: how many will not get it, and how to reach them instead.
    oud = bereik.locator(".kwetsbare-groep[data-groep='75+']")
    expect(oud).to_be_visible()
    expect(oud).to_contain_text("Mensen van 75 jaar en ouder")
    niet = oud.locator("[data-veld=niet_bereikt]")
    expect(niet).to_have_text(re.compile(r"^[1-9][\d.]*$"))
    in_gebied = _getal(oud.locator("[data-veld=inwoners_in_gebied]").inner_text())
    assert _getal(niet.inner_text()) < in_gebied
    for kanaal in ("calamiteitenzender", "zorginstellingen", "huis-aan-huis"):
        expect(oud.locator("ul.kanalen")).to_contain_text(kanaal)
    kind = bereik.locator(".kwetsbare-groep[data-groep='0-12']")
    expect(kind).to_contain_text("Kinderen onder 12 jaar")
    expect(kind.locator("ul.kanalen")).to_contain_text("scholen")
    expect(kind.locator("[data-veld=niet_bereikt]")).to_have_text(re.compile(r"^[1-9][\d.]*$"))
    # Said under the numbers: they come from a model.
    expect(bereik).to_contain_text("Verwachting van een model, geen meting.")
    schermafdruk(page, "bereik-moerdijk.png", o.map_)
