"""In a real browser: a communicator types part of a place name, picks Moerdijk, sees the map zoom
to it with its name, adds it to the area and sees the reach; then moves the map by mouse and keys."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk, uitloggen
from tests.e2e.test_webflow import dien_in, opstellen


def _kijk(page: Page) -> list[float]:
    box = page.locator("#kaart svg").get_attribute("viewBox") or ""
    return [float(v) for v in box.split()]


def test_a_place_found_by_name_is_zoomed_to_named_and_added_to_the_area(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    expect(page.locator("#kaart svg .labels")).to_be_attached()
    heel = _kijk(page)
    # At national zoom Moerdijk is too small on screen to carry its name.
    expect(page.locator("#kaart svg .labels text[data-code=GM1709]")).to_have_attribute(
        "visibility", "hidden"
    )

    page.get_by_label("Zoek een gemeente").fill("Moerd")
    kies = page.locator("#plaats-resultaten button.plaats-kies", has_text="Moerdijk")
    expect(kies).to_have_count(1)
    kies.click()

    # The map zoomed in on Moerdijk: its outline fills the map, and names are readable.
    kijk = _kijk(page)
    assert kijk[2] < heel[2] / 5
    pad = page.locator("#kaart svg .gemeenten path[data-code=GM1709]")
    expect(pad).to_have_class(re.compile("gevonden"))
    kaart_vak = page.locator("#kaart svg").bounding_box()
    moerdijk_vak = pad.bounding_box()
    assert kaart_vak and moerdijk_vak and moerdijk_vak["width"] > kaart_vak["width"] / 3
    # Its name in bold, in place of its ordinary label; the neighbours carry theirs.
    naam = page.locator("#kaart svg .gevonden-naam")
    expect(naam).to_have_text("Moerdijk")
    expect(page.locator("#kaart svg .labels text[data-code=GM1709]")).to_be_hidden()
    breda = page.locator("#kaart svg .labels text[data-code=GM0758]")
    expect(breda).to_have_attribute("visibility", "visible")
    for tekst in (naam, breda):
        vak = tekst.bounding_box()
        assert vak and 9 <= vak["height"] <= 24  # about 12 px type, whatever the zoom

    # Added to the area: the area is the gemeente, named on the map, with its reach.
    page.get_by_role("button", name="Moerdijk aan het gebied toevoegen").click()
    expect(page.locator("#gebied-beschrijving")).to_have_text("Moerdijk")
    expect(page.locator("#kaart svg .gebied path[data-soort=gemeenten]")).to_have_count(1)
    expect(page.locator("#kaart svg .gebied-naam")).to_have_text("Moerdijk")
    expect(pad).to_have_class(re.compile("gekozen"))
    expect(page.locator("#bereik")).to_contain_text("Inwoners in het gebied", timeout=60_000)
    expect(page.locator("#bereik .bereik-getallen dd").first).to_have_text(
        re.compile(r"^[1-9][\d.]*$")
    )
    gebied = page.evaluate("window.nlalertOpstellen.gebied()")
    assert gebied["properties"]["codes"] == ["GM1709"]
    schermafdruk(page, "zoeken.png", o.map_)


def test_an_unknown_name_offers_the_closest_names(page: Page, omgeving: Omgeving) -> None:
    inloggen(page, omgeving.url, "anna")
    page.goto(omgeving.url + "/opstellen")
    expect(page.locator("#kaart svg .labels")).to_be_attached()
    page.get_by_label("Zoek een gemeente").fill("Moerdjik")
    expect(page.locator("#plaats-melding")).to_contain_text(
        "Geen gemeente gevonden voor 'Moerdjik'"
    )
    page.locator("#plaats-resultaten button.plaats-suggestie", has_text="Moerdijk").click()
    expect(
        page.locator("#plaats-resultaten button.plaats-kies", has_text="Moerdijk")
    ).to_be_visible()
    # "Den Haag" is not the CBS name, and still finds it.
    page.get_by_label("Zoek een gemeente").fill("den haag")
    expect(page.locator("#plaats-resultaten")).to_contain_text("'s-Gravenhage")
    expect(page.locator("#plaats-resultaten")).to_contain_text("gevonden als Den Haag")


def test_the_map_zooms_and_pans_by_wheel_drag_keys_and_buttons(
    page: Page, omgeving: Omgeving
) -> None:
    inloggen(page, omgeving.url, "anna")
    page.goto(omgeving.url + "/opstellen")
    expect(page.locator("#kaart svg .labels")).to_be_attached()
    kaart = page.locator("#kaart")
    kaart.scroll_into_view_if_needed()
    vak = page.locator("#kaart svg").bounding_box()
    assert vak
    midden = (vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    begin = _kijk(page)
    begin_tekst = page.locator("#kaart svg").get_attribute("viewBox")

    page.mouse.move(*midden)
    page.mouse.wheel(0, -300)
    expect(page.locator("#kaart svg")).not_to_have_attribute("viewBox", begin_tekst or "")
    na_wiel = _kijk(page)
    assert na_wiel[2] < begin[2]

    # A drag pans and picks nothing.
    page.mouse.move(*midden)
    page.mouse.down()
    page.mouse.move(midden[0] + 120, midden[1] + 60, steps=5)
    page.mouse.up()
    na_slepen = _kijk(page)
    assert na_slepen[0] < na_wiel[0] and na_slepen[1] < na_wiel[1]
    assert na_slepen[2] == na_wiel[2]
    expect(page.locator("#kaart svg .gemeenten path.gekozen")).to_have_count(0)
    expect(page.locator("#gebied-beschrijving")).to_have_text("nog geen")

    # Keys, with focus on the map.
    kaart.focus()
    page.keyboard.press("+")
    assert _kijk(page)[2] < na_slepen[2]
    voor = _kijk(page)
    page.keyboard.press("ArrowRight")
    assert _kijk(page)[0] > voor[0]
    page.keyboard.press("-")
    assert _kijk(page)[2] > voor[2]

    # Labelled buttons.
    voor = _kijk(page)
    page.get_by_role("button", name="Inzoomen").click()
    assert _kijk(page)[2] < voor[2]
    page.get_by_role("button", name="Naar het noorden").click()
    page.get_by_role("button", name="Heel Nederland", exact=True).click()
    assert _kijk(page) == begin


def test_the_approver_sees_the_area_on_the_same_map_read_only(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    bericht_id = opstellen(page, o, "Moerdijk")
    dien_in(page, o, bericht_id)
    uitloggen(page)

    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    kaart = page.locator(".kaart-lezen #kaart svg")
    expect(kaart.locator(".gebied path")).to_have_count(1)
    expect(kaart.locator(".gebied-naam")).to_have_text("moerdijk")  # the uploaded file's name
    expect(page.locator(".kaart-lezen .bron")).to_contain_text("Centraal Bureau voor de Statistiek")
    # Zoomed to the area, with the gemeenten named around it; it moves, and picks nothing.
    kijk = _kijk(page)
    assert kijk[2] < 40
    expect(kaart.locator(".labels text[data-code=GM1709]")).to_have_attribute(
        "visibility", "visible"
    )
    page.get_by_role("button", name="Uitzoomen").click()
    assert _kijk(page)[2] > kijk[2]
    kaart.click()
    expect(kaart.locator(".gemeenten path.gekozen")).to_have_count(0)
    expect(page.locator(".status")).to_have_text("ingediend")
