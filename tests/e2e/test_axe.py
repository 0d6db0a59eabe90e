"""WCAG 2.1 AA measured by axe-core in a real browser: 0 violations on every screen that matters.

axe-core comes from npm at the version package-lock.json pins; `make test` installs it into
node_modules/ before the tests run (`npm ci`), and each test puts node_modules/axe-core/axe.min.js
into the page it measures. Nothing is downloaded while the tests run. The pages' CSP allows no
inline script, so these pages are opened in a context that bypasses CSP: that admits axe and
nothing else, and the CSP itself is tested elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.db import verbind
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from tests.e2e.conftest import MOERDIJK, WACHTWOORD, Omgeving, inloggen
from vertalingen import BRONTAAL, TALEN
from vertalingen.pictogrammen import alt_tekst

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def overtredingen(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it stands, one line per node
    ('rule (impact) selector: what to fix')."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} ontbreekt: `make test` installeert axe-core met `npm ci`")
    page.add_script_tag(path=str(AXE))
    gevonden: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
            }));
        }""",
        WCAG_21_AA,
    )
    return [f"{v['id']} ({v['impact']}) {n}" for v in gevonden for n in v["nodes"]]


def assert_toegankelijk(page: Page, wat: str, *, behalve: tuple[str, ...] = ()) -> None:
    """Fail with every violation, each on its own line, naming the page. `behalve` names the
    violations (rule and selector, as reported) this one page is known and allowed to have."""
    fouten = overtredingen(page)
    for bekend in behalve:
        assert any(f.startswith(bekend) for f in fouten), f"{wat}: {bekend} is gone; drop it"
        fouten = [f for f in fouten if not f.startswith(bekend)]
    assert not fouten, f"{wat}: {len(fouten)} WCAG 2.1 AA-overtreding(en)\n" + "\n".join(fouten)


def _pagina(browser: Browser, locale: str = "nl-NL") -> Page:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale=locale, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def nl(browser: Browser) -> Iterator[Page]:
    """A page in Dutch (the UI follows Accept-Language) where axe may run."""
    page = _pagina(browser, "nl-NL")
    try:
        yield page
    finally:
        page.context.close()


@pytest.fixture
def en(browser: Browser) -> Iterator[Page]:
    """A page in English (the UI follows Accept-Language) where axe may run."""
    page = _pagina(browser, "en-GB")
    try:
        yield page
    finally:
        page.context.close()


def inloggen_in(page: Page, url: str, naam: str) -> None:
    """Log in through the form, whatever the UI language (the button's name differs)."""
    page.goto(url + "/login")
    page.fill("#naam", naam)
    page.fill("#wachtwoord", WACHTWOORD)
    page.locator("form:has(#wachtwoord) button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def _bericht(o: Omgeving, data: dict[str, Any], *, tot: str = "verzonden") -> int:
    """Drafted by anna and taken `tot` ingediend, goedgekeurd or verzonden (by gert) through the
    service layer; its id."""
    with closing(verbind(o.app.config["DATABASE"])) as db, o.app.app_context():
        anna, gert = gebruikers.zoek(db, "anna"), gebruikers.zoek(db, "gert")
        assert anna is not None and gert is not None
        r = opslag.maak(db, data, anna)
        assert r.id is not None
        opslag.dien_in(db, r.id, anna, versie=r.versie)
        if tot == "ingediend":
            return r.id
        opslag.keur_goed(db, r.id, gert, gezien_hash=opslag.lees(db, r.id).inhoud_hash)
        if tot == "verzonden":
            uit = uitvoering.verzend(db, r.id, gert, koppelingen.koppelingen(), opsteller.bericht)
            assert uit.status.value == "verzonden"
        return r.id


def _update(o: Omgeving, origineel: int) -> int:
    with closing(verbind(o.app.config["DATABASE"])) as db, o.app.app_context():
        anna, gert = gebruikers.zoek(db, "anna"), gebruikers.zoek(db, "gert")
        assert anna is not None and gert is not None
        r = opslag.maak_vervolg(db, origineel, BerichtSoort.UPDATE, anna)
        assert r.id is not None
        opslag.dien_in(db, r.id, anna, versie=r.versie)
        opslag.keur_goed(db, r.id, gert, gezien_hash=opslag.lees(db, r.id).inhoud_hash)
        uitvoering.verzend(db, r.id, gert, koppelingen.koppelingen(), opsteller.bericht)
        return r.id


def _data(modus: str = "echt") -> dict[str, Any]:
    return {
        "categorie": "brand-rook",
        "velden": {"plaats": "Moerdijk", "link": "crisis.nl"},
        "talen": list(TALEN),
        "modus": modus,
        "nederlands": "b1",
        "gebied": {**MOERDIJK, "type": "Polygon"},
    }


def test_the_public_pages_have_no_violations_in_any_language(
    omgeving: Omgeving, nl: Page, en: Page
) -> None:
    o = omgeving
    alert = _bericht(o, _data())
    _update(o, alert)  # a time line of two
    oefening = _bericht(o, _data("oefening"))
    for page, ui in ((nl, "nl"), (en, "en")):
        page.goto(f"{o.url}/publiek/{alert}/")
        # Every language of TALEN is on the page, each in its own section with its own lang.
        for taal in TALEN:
            expect(page.locator(f"#taal-{taal}")).to_have_attribute("lang", taal)
        assert_toegankelijk(page, f"/publiek/{alert}/ (ui {ui}, talen {', '.join(TALEN)})")
        page.goto(f"{o.url}/publiek/oefening/{oefening}/")
        expect(page.locator(".oefenband")).to_be_visible()
        assert_toegankelijk(page, f"/publiek/oefening/{oefening}/ (ui {ui})")
        page.goto(f"{o.url}/publiek/")
        assert_toegankelijk(page, f"/publiek/ (ui {ui})")
        page.goto(f"{o.url}/publiek/999999/")
        assert_toegankelijk(page, f"/publiek/999999/ (404, ui {ui})")
    for taal in TALEN:  # the screen feed's full-screen view, in every language
        nl.goto(f"{o.url}/publiek/scherm?taal={taal}")
        expect(nl.locator("html")).to_have_attribute("lang", taal)
        # A display on a station wall has no one to press reload: the page must refresh itself,
        # without JavaScript, or it could show an alert that has ended. WCAG 2.2.1 allows a time
        # limit that is essential; axe cannot know that, so this one violation is expected here
        # (and only here, on the <meta> itself).
        assert_toegankelijk(
            nl,
            f"/publiek/scherm?taal={taal}",
            behalve=('meta-refresh (critical) meta[http-equiv="refresh"]',),
        )


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_compose_screen_has_no_violations(
    omgeving: Omgeving, browser: Browser, taal: str
) -> None:
    o = omgeving
    page = _pagina(browser, "en-GB" if taal == "en" else "nl-NL")
    try:
        inloggen_in(page, o.url, "anna")
        page.goto(o.url + "/opstellen")
        assert_toegankelijk(page, f"/opstellen leeg (ui {taal})")
        # Filled in: a category, its fields, languages, the live preview and the reach.
        page.fill("#categorie-zoek", "rook")
        page.locator("input[name=categorie][value=brand-rook]").check()
        page.fill("#veld-plaats", "Moerdijk")
        page.fill("#veld-link", "crisis.nl")
        for t in ("en", "ar", "de"):
            page.locator(f"input[name=talen][value={t}]").check()
        expect(page.locator("#voorbeeld")).to_contain_text("Moerdijk")
        page.set_input_files("#geojson", str(o.map_ / "moerdijk.geojson"))
        expect(page.locator("#bereik")).not_to_be_empty(timeout=30_000)
        expect(page.locator("#opslagstatus")).not_to_be_empty(timeout=20_000)
        assert_toegankelijk(page, f"/opstellen ingevuld (ui {taal})")
    finally:
        page.context.close()


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_review_screen_has_no_violations(
    omgeving: Omgeving, browser: Browser, taal: str
) -> None:
    o = omgeving
    page = _pagina(browser, "en-GB" if taal == "en" else "nl-NL")
    try:
        inloggen_in(page, o.url, "bea")  # beheer may review
        page.goto(o.url + "/toegankelijkheid")
        assert_toegankelijk(page, f"/toegankelijkheid (ui {taal})")
        page.goto(o.url + "/toegankelijkheid/brand-rook")
        expect(page.locator("table.raster img.kaart").first).to_be_visible()
        assert_toegankelijk(page, f"/toegankelijkheid/brand-rook (ui {taal})")
    finally:
        page.context.close()


def test_the_message_approval_and_confirm_pages_have_no_violations(
    omgeving: Omgeving, nl: Page
) -> None:
    o = omgeving
    ingediend = _bericht(o, _data("oefening"), tot="ingediend")
    goedgekeurd = _bericht(o, _data("oefening"), tot="goedgekeurd")
    inloggen(nl, o.url, "gert")
    nl.goto(f"{o.url}/berichten/{ingediend}")  # the approval: what gert approves, and how
    expect(nl.get_by_role("button", name="Goedkeuren zoals hierboven getoond")).to_be_visible()
    assert_toegankelijk(nl, f"/berichten/{ingediend} (goedkeuren)")
    nl.goto(f"{o.url}/berichten/{goedgekeurd}")
    assert_toegankelijk(nl, f"/berichten/{goedgekeurd}")
    nl.goto(f"{o.url}/berichten/{goedgekeurd}/verzenden")
    assert_toegankelijk(nl, f"/berichten/{goedgekeurd}/verzenden")
    nl.goto(f"{o.url}/berichten")
    assert_toegankelijk(nl, "/berichten")


PICTOGRAMTALEN = ("nl", "en", "ar", "de")
# Every card image on the page: its own alt, the language it stands in, and each pictogram inside
# as the card's SVG says (fetched as the browser loaded it: a file or a data: URI).
KAART_PICTOGRAMMEN = """async () => {
    const uit = [];
    for (const img of document.querySelectorAll("img.beeldkaart, img.kaart[src^='data:']")) {
        const svg = new DOMParser().parseFromString(
            await (await fetch(img.src)).text(), "image/svg+xml").documentElement;
        uit.push({
            alt: img.alt, taal: img.closest("[lang]").lang, kaarttaal: svg.getAttribute("lang"),
            pictogrammen: [...svg.querySelectorAll("svg.pictogram")].map(p => ({
                id: p.dataset.pictogram, role: p.getAttribute("role"),
                label: p.getAttribute("aria-label"),
                titel: p.querySelector(":scope > title")?.textContent ?? "",
            })),
        });
    }
    return uit;
}"""


def _pictogrammen_in_hun_taal(page: Page, categorie: str, talen: tuple[str, ...]) -> None:
    """Every pictogram on every card of the page has an alt text, the translation for the
    language the card stands in."""
    kaarten: list[dict[str, Any]] = page.evaluate(KAART_PICTOGRAMMEN)
    gezien = {k["taal"] for k in kaarten}
    assert set(talen) <= gezien, (talen, gezien)
    for k in kaarten:
        taal = k["taal"]
        assert k["alt"].strip(), f"card in {taal} without alt text"
        assert k["kaarttaal"] == taal, k
        assert k["pictogrammen"], f"card in {taal} without pictograms"
        for p in k["pictogrammen"]:
            verwacht = alt_tekst(p["id"], taal, categorie=categorie)
            assert p["role"] == "img", p
            assert p["label"].strip() and p["label"] == p["titel"] == verwacht, (taal, p, verwacht)
            if taal != BRONTAAL:  # translated, not the Dutch caption
                assert p["label"] != alt_tekst(p["id"], BRONTAAL, categorie=categorie), (taal, p)
            if taal == "ar":
                assert any("\u0600" <= c <= "\u06ff" for c in p["label"]), p


def test_every_pictogram_has_alt_text_in_the_language_of_its_card(
    omgeving: Omgeving, nl: Page, en: Page
) -> None:
    o = omgeving
    data = {**_data(), "talen": list(PICTOGRAMTALEN)}
    alert = _bericht(o, data)
    nl.goto(f"{o.url}/publiek/{alert}/")
    _pictogrammen_in_hun_taal(nl, "brand-rook", PICTOGRAMTALEN)
    # The review screen shows every language; in either UI language the cards keep their own.
    inloggen_in(en, o.url, "bea")
    for ui in ("en", "nl"):
        if ui == "nl":  # through the language menu in the header
            en.locator("#taal").select_option("nl")
            en.locator("form.taalkeuze button[type=submit]").click()
        en.goto(o.url + "/toegankelijkheid/brand-rook")
        expect(en.locator("html")).to_have_attribute("lang", ui)
        _pictogrammen_in_hun_taal(en, "brand-rook", PICTOGRAMTALEN)
