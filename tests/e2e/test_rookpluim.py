"""In a real browser: a communicator draws the smoke plume downwind of a fire near Moerdijk and
sees it on the map and its reach, then finds it again to edit."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk

BRON = (51.685, 4.62)  # Moerdijk, the industrial area


def _klik_op_kaart(page: Page, lat: float, lon: float) -> None:
    """Click the map where (lat, lon) is drawn, through the SVG's own transform."""
    page.locator("#kaart").scroll_into_view_if_needed()
    xy = page.evaluate(
        """([lat, lon]) => {
            const svg = document.querySelector("#kaart svg");
            const k = Math.cos((52.2 * Math.PI) / 180);
            const p = svg.createSVGPoint();
            p.x = lon * k * 100;
            p.y = -lat * 100;
            const q = p.matrixTransform(svg.getScreenCTM());
            return [q.x, q.y];
        }""",
        [lat, lon],
    )
    page.mouse.click(xy[0], xy[1])


def test_a_plume_to_the_north_east_is_drawn_and_its_reach_shown(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")

    # For smoke the plume is offered first: its mode is on and its fields are shown.
    knop = page.locator("#stand-sector")
    expect(knop).to_have_class("aanbevolen")
    expect(knop).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#sector-aanbevolen")).to_be_visible()
    expect(page.get_by_label("Lengte (km)")).to_be_visible()

    # The wind from the south-west, 10 km; then pick the source on the map.
    page.get_by_label("Wind uit (graden of windstreek)").fill("ZW")
    page.get_by_label("Lengte (km)").fill("10")
    page.locator("#regio").select_option(label="Midden- en West-Brabant")
    page.wait_for_function("document.querySelector('#kaart svg') !== null")
    _klik_op_kaart(page, *BRON)
    lat, lon = map(float, page.locator("#sector-bron").input_value().split(","))
    assert abs(lat - BRON[0]) < 0.01 and abs(lon - BRON[1]) < 0.01
    # Typed by keyboard, exactly: drawn at once, then stored by the server.
    page.get_by_label("Bron (lat,lon)").fill(f"{BRON[0]},{BRON[1]}")
    expect(page.locator("#kaart svg .tekening path.sector-voorbeeld")).to_have_count(1)
    expect(page.locator("#kaart svg .gebied path[data-soort=sector]")).to_have_count(1)
    expect(page.locator("#gebied-beschrijving")).to_contain_text("Rookpluim van 10 km, wind uit ZW")
    expect(page.locator("#gebied-beschrijving")).to_contain_text("60°")

    # The area's state in the page: one polygon, pointing north-east, with its parameters.
    gebied = page.evaluate("window.nlalertOpstellen.gebied()")
    assert gebied["properties"]["sector"] == {
        "lat": BRON[0],
        "lon": BRON[1],
        "wind_uit": 225,
        "lengte_km": 10,
        "hoek": 60,
    }
    ring = gebied["geometry"]["coordinates"][0]
    lons, lats = zip(*ring, strict=True)
    assert min(lats) > BRON[0] - 0.005 and min(lons) > BRON[1] - 0.008  # the source circle
    assert max(lats) > BRON[0] + 0.08 and max(lons) > BRON[1] + 0.13  # 10 km to the north-east
    # The drawn path covers the same place: its box lies north-east of the source's point.
    vak = page.locator("#kaart svg .gebied path[data-soort=sector]").bounding_box()
    bron_xy = page.evaluate(
        """([lat, lon]) => {
            const svg = document.querySelector("#kaart svg");
            const p = svg.createSVGPoint();
            p.x = lon * Math.cos((52.2 * Math.PI) / 180) * 100;
            p.y = -lat * 100;
            const q = p.matrixTransform(svg.getScreenCTM());
            return [q.x, q.y];
        }""",
        list(BRON),
    )
    assert vak is not None
    assert vak["x"] + vak["width"] > bron_xy[0] + 20 and vak["y"] < bron_xy[1] - 20

    # The reach follows the area, as for any other.
    expect(page.locator("#bereik")).to_contain_text("Inwoners in het gebied", timeout=60_000)
    expect(page.locator("#bereik .bereik-getallen dd").first).to_have_text(
        re.compile(r"^[1-9][\d.]*$")
    )

    # A wrong value says why, next to the map; a source abroad too.
    page.get_by_label("Openingshoek (graden)").fill("200")
    expect(page.locator("#gebied-fout")).to_contain_text("openingshoek")
    page.get_by_label("Openingshoek (graden)").fill("")
    page.get_by_label("Bron (lat,lon)").fill("51.22,4.40")
    expect(page.locator("#gebied-fout")).to_contain_text("niet in Nederland")
    page.get_by_label("Bron (lat,lon)").fill(f"{BRON[0]},{BRON[1]}")
    expect(page.locator("#gebied-fout")).to_be_hidden()
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    schermafdruk(page, "rookpluim.png", o.map_)

    # Opened again to edit: the fields hold the sector, and the map draws it.
    href = page.locator("#naar-bericht").get_attribute("href") or ""
    page.goto(o.url + href.replace("/berichten/", "/berichten/", 1) + "/bewerken")
    expect(page.locator("#kaart svg .gebied path[data-soort=sector]")).to_have_count(1)
    expect(page.locator("#sector-bron")).to_have_value(f"{BRON[0]},{BRON[1]}")
    expect(page.locator("#sector-lengte")).to_have_value("10")
    expect(page.locator("#stand-sector")).to_have_attribute("aria-pressed", "true")
    # And cleared: no area, no error.
    page.get_by_role("button", name="Gebied wissen").click()
    expect(page.locator("#gebied-beschrijving")).to_have_text("nog geen")
    expect(page.locator("#kaart svg .gebied path")).to_have_count(0)
    expect(page.locator("#gebied-fout")).to_be_hidden()
