"""The public page in a real browser: no JavaScript, a phone, 200 % zoom, right to left, print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.db import verbind
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from tests.e2e.conftest import MOERDIJK, Omgeving, schermafdruk


def _verzonden(o: Omgeving, data: dict[str, Any], origineel: int | None = None) -> int:
    """Drafted by anna, approved and sent by gert through the service layer; its id."""
    with closing(verbind(o.app.config["DATABASE"])) as db, o.app.app_context():
        anna, gert = gebruikers.zoek(db, "anna"), gebruikers.zoek(db, "gert")
        assert anna is not None and gert is not None
        if origineel is None:
            r = opslag.maak(db, data, anna)
        else:
            r = opslag.maak_vervolg(db, origineel, BerichtSoort.UPDATE, anna)
        assert r.id is not None
        opslag.dien_in(db, r.id, anna, versie=r.versie)
        opslag.keur_goed(db, r.id, gert, gezien_hash=opslag.lees(db, r.id).inhoud_hash)
        uit = uitvoering.verzend(db, r.id, gert, koppelingen.koppelingen(), opsteller.bericht)
        assert uit.status.value == "verzonden"
        return r.id


@pytest.fixture
def zonder_js(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with JavaScript switched off."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="nl-NL"
    )
    pagina = context.new_page()
    pagina.set_default_timeout(20_000)
    try:
        yield pagina
    finally:
        context.close()


def _past(page: Page) -> bool:
    """No horizontal scrolling: the page reflows into the viewport."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_public_page_reads_well_everywhere(
    omgeving: Omgeving, page: Page, zonder_js: Page
) -> None:
    data = {
        "categorie": "brand-rook",
        "velden": {"plaats": "Moerdijk", "link": "crisis.nl"},
        "talen": ["nl", "en", "ar"],
        "modus": "echt",
        "nederlands": "b1",
        "gebied": {**MOERDIJK, "type": "Polygon"},
    }
    alert = _verzonden(omgeving, data)
    _verzonden(omgeving, data, origineel=alert)
    url = f"{omgeving.url}/publiek/{alert}/"

    # Without JavaScript, on a phone: everything is there, every image loads.
    zonder_js.goto(url)
    expect(zonder_js.locator("#taal-nl")).to_contain_text("UPDATE 1")
    expect(zonder_js.locator("section.eenvoudig")).to_contain_text("Doe ramen en deuren dicht.")
    expect(zonder_js.locator("section.tijdlijn li")).to_have_count(2)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    for img in page.locator("img").all():
        assert img.evaluate("i => i.complete && i.naturalWidth > 0"), img.get_attribute("src")
    assert _past(page)
    # 200 % zoom of a 1280 px window is a 640 px viewport; WCAG reflow asks 320 px.
    for breedte in (640, 320):
        page.set_viewport_size({"width": breedte, "height": 800})
        assert _past(page), breedte

    # Arabic: right to left, isolated, and right-aligned on screen.
    ar = page.locator("#taal-ar")
    stijl = ar.evaluate("s => [getComputedStyle(s).direction, getComputedStyle(s).unicodeBidi]")
    assert stijl == ["rtl", "isolate"]
    tekst = page.locator("#taal-ar p.tekst")
    vak, blok = tekst.bounding_box(), ar.bounding_box()
    assert vak and blok and abs((vak["x"] + vak["width"]) - (blok["x"] + blok["width"])) < 2
    assert page.locator("#taal-nl").evaluate("s => getComputedStyle(s).direction") == "ltr"
    # The header stays one left-to-right unit at the start (the right) of the Arabic text, as on
    # the card: 'NL-Alert', then the date, then the time, never the date split around it.
    kop = page.locator("#taal-ar .kop-tekst")
    assert kop.evaluate("k => getComputedStyle(k).direction") == "ltr"
    kopvak = kop.bounding_box()
    assert kopvak and abs((kopvak["x"] + kopvak["width"]) - (blok["x"] + blok["width"])) < 2
    assert re.fullmatch(r"NL-Alert \d{1,2}/\d{1,2}/\d{4} \d{2}:\d{2}", kop.inner_text())

    page.set_viewport_size({"width": 900, "height": 1000})
    schermafdruk(page, "publiek-nl.png", omgeving.map_)
    page.locator("#taal-ar").scroll_into_view_if_needed()
    page.locator("section.bericht").screenshot(
        path=str(schermafdruk_pad(omgeving, "publiek-ar.png"))
    )

    # Print: no site header or language menu, the message and the time line stay.
    page.emulate_media(media="print")
    assert page.locator("header.kop").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("nav.talen").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("section.tijdlijn").is_visible()
    page.emulate_media(media="screen")


def schermafdruk_pad(o: Omgeving, naam: str) -> Any:
    """Where an element screenshot goes: docs/ when asked, else the test's folder."""
    import os

    from tests.e2e.conftest import DOCS

    return (DOCS if os.environ.get("NLALERT_DOCS_SCREENSHOTS") == "1" else o.map_) / naam
