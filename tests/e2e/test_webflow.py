"""End-to-end in a real browser: what a communicator, an approver and a trainee actually do."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk, uitloggen


def opstellen(page: Page, o: Omgeving, plaats: str, talen: tuple[str, ...] = ()) -> int:
    """Compose brand-rook through the compose screen and return the new bericht's id."""
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", plaats)
    page.fill("#veld-link", "crisis.nl")
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
    for taal in talen:
        page.locator(f"input[name=talen][value={taal}]").check()
    expect(page.locator("#voorbeeld")).to_contain_text("Grote brand met veel rook in")
    page.set_input_files("#geojson", str(o.map_ / "moerdijk.geojson"))
    expect(page.locator("#bereik")).to_contain_text("Inwoners", timeout=30_000)
    link = page.locator("#naar-bericht")
    expect(link).to_be_visible(timeout=20_000)
    # Wait until the autosave has stored this content, then go to the bericht page.
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    href = link.get_attribute("href") or ""
    gevonden = re.search(r"/berichten/(\d+)", href)
    assert gevonden, href
    return int(gevonden.group(1))


def keur_goed_en_verzend(page: Page, o: Omgeving, bericht_id: int) -> None:
    """As the approver: approve what the page shows, confirm the area, send."""
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    expect(page.locator(".status")).to_have_text("goedgekeurd")
    page.get_by_role("button", name="Verzenden").click()
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")


def dien_in(page: Page, o: Omgeving, bericht_id: int) -> None:
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(page.locator(".status")).to_have_text("ingediend")


def actief(o: Omgeving) -> list[dict[str, object]]:
    """What the simulator holds active, by its own account (ECBE GET)."""
    berichten = requests.get(o.sim_url + "/api/ecbe/v1/message", timeout=10).json()["messages"]
    return list(berichten)


ZEVEN_TALEN = ("de", "fr", "ar", "uk", "pap")  # with nl and en: seven languages


def test_seven_languages_approved_sent_updated_ended_and_the_next_exercise_goes_out(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    bericht_id = opstellen(page, o, "Moerdijk", ZEVEN_TALEN)
    page.locator("input[name=nederlands][value=b1]").check()  # easy Dutch on the phones
    expect(page.locator("#voorbeeld")).to_contain_text("OEFENING")
    # Six broadcasts: Dutch with English after ***, then one per further language.
    expect(page.locator("#uitzendingen figure")).to_have_count(6)
    expect(page.locator("#uitzendingen")).to_contain_text("Doe ramen en deuren dicht.")
    expect(page.locator("#afzender")).to_have_value("Veiligheidsregio Midden- en West-Brabant")
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    schermafdruk(page, "opstellen.png", o.map_)
    dien_in(page, o, bericht_id)
    # The author may not approve: no approve button, and a note why.
    expect(page.get_by_role("button", name="Goedkeuren zoals hierboven getoond")).to_have_count(0)
    uitloggen(page)

    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    rijen = page.locator("#uitzendingen tbody tr.uitzending")
    expect(rijen).to_have_count(6)
    expect(page.locator("#uitzendingen")).to_contain_text("Doe ramen en deuren dicht.")
    expect(page.locator("#uitzendingen")).to_contain_text("4394")
    expect(page.locator("#bereik-goedkeuring")).to_contain_text("Inwoners in het gebied")
    expect(page.locator("img.bereikkaart")).to_be_visible()
    schermafdruk(page, "goedkeuren.png", o.map_)
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    page.get_by_role("button", name="Verzenden").click()
    # The confirmation shows the area on the map and names inside and outside before sending.
    knop = page.locator("#bevestig-verzenden")
    expect(knop).to_contain_text("mensen in het gebied en")
    expect(knop).to_contain_text("daarbuiten")
    expect(page.locator("img.bereikkaart")).to_be_visible()
    knop.click()
    expect(page.locator(".status")).to_have_text("verzonden")
    expect(page.locator("#uitzendingen tbody tr.toestand-actief")).to_have_count(6)
    assert len(actief(o)) == 6
    assert len({(m["message_id"], m["serial_nr"]["serial_nr_encoded"]) for m in actief(o)}) == 6  # type: ignore[index]
    uitloggen(page)

    # Update: a pre-filled concept whose text leads with what changed, next update number.
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Update maken").click()
    update_id = int(re.search(r"/berichten/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    assert update_id != bericht_id
    page.goto(f"{o.url}/berichten/{update_id}/bewerken")
    expect(page.locator("#veld-plaats")).to_have_value("Moerdijk")
    page.locator("input[name=nederlands][value=standaard]").check()
    page.fill("#veld-plaats", "Moerdijk en Zevenbergen")
    expect(page.locator("#uitzendingen")).to_contain_text(
        "UPDATE 1: De brand in Moerdijk en Zevenbergen is nog niet onder controle."
    )
    expect(page.locator("#voorbeeld")).not_to_contain_text("Gewijzigd")
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    dien_in(page, o, update_id)
    uitloggen(page)
    inloggen(page, o.url, "gert")
    keur_goed_en_verzend(page, o, update_id)
    assert {m["serial_nr"]["serial_nr_decoded"]["update_nr"] for m in actief(o)} == {1}  # type: ignore[index]
    assert len(actief(o)) == 6
    uitloggen(page)

    # All-clear: replaces every broadcast and ends by itself.
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{update_id}")
    page.get_by_role("button", name="Sein veilig (einde dreiging)").click()
    einde_id = int(re.search(r"/berichten/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    expect(page.locator("main")).to_contain_text("is onder controle")
    dien_in(page, o, einde_id)
    uitloggen(page)
    inloggen(page, o.url, "gert")
    keur_goed_en_verzend(page, o, einde_id)
    nu_actief = actief(o)
    assert len(nu_actief) == 6 and all(m["eindigt"] for m in nu_actief)
    assert all(
        "is onder controle" in str(m["tekst"]) or "Moerdijk" in str(m["tekst"]) for m in nu_actief
    )
    uitloggen(page)

    # The next exercise goes out beside it.
    inloggen(page, o.url, "anna")
    volgende = opstellen(page, o, "Klundert")
    dien_in(page, o, volgende)
    uitloggen(page)
    inloggen(page, o.url, "gert")
    keur_goed_en_verzend(page, o, volgende)
    assert len(actief(o)) == 7
    echt = requests.get(o.sim_url + "/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert echt["broadcasts"] == []  # exercises stayed apart


def test_self_approval_is_refused_even_by_posting(page: Page, omgeving: Omgeving) -> None:
    o = omgeving
    inloggen(page, o.url, "bea")  # beheer: may draft and approve, but never her own
    bericht_id = opstellen(page, o, "Klundert")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(page.locator("main")).to_contain_text("Een andere goedkeurder moet het goedkeuren")
    # Forge the approve POST from the author's own session: the server refuses it.
    antwoord = page.evaluate(
        """async ([id]) => {
            const token = document.querySelector('input[name=csrf_token]').value;
            const hash = document.querySelector('.hash code').textContent;
            const body = new URLSearchParams({csrf_token: token, inhoud_hash: hash});
            const r = await fetch(`/berichten/${id}/goedkeuren`, {method: 'POST', body});
            return r.status;
        }""",
        [bericht_id],
    )
    assert antwoord == 403
    page.reload()
    expect(page.locator(".status")).to_have_text("ingediend")


def test_training_banner_and_isolation(page: Page, omgeving: Omgeving) -> None:
    o = omgeving
    inloggen(page, o.url, "tim")
    for pad in ("/berichten", "/opstellen"):
        page.goto(o.url + pad)
        expect(page.locator("body")).to_contain_text("TRAINING")
    bericht_id = opstellen(page, o, "Willemstad")
    expect(page.locator("#opstel-formulier input[name=modus][value=echt]")).to_be_disabled()
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    # In training one may approve one's own message; it only ever reaches the simulator.
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator("main")).to_contain_text("de simulator")
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")
    echt = requests.get(o.sim_url + "/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert echt["broadcasts"] == []


def test_script_payload_is_shown_as_text(page: Page, omgeving: Omgeving) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    meldingen: list[str] = []
    page.on("dialog", lambda d: (meldingen.append(d.message), d.dismiss()))
    bericht_id = opstellen(page, o, "<script>alert(1)</script>Moerdijk")
    expect(page.locator("#voorbeeld")).to_contain_text("<script>alert(1)</script>Moerdijk")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    expect(page.locator("main")).to_contain_text("<script>alert(1)</script>Moerdijk")
    assert meldingen == []


def test_a_draft_survives_a_browser_crash(page: Page, omgeving: Omgeving) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    bericht_id = opstellen(page, o, "Moerdijk")
    page.goto(f"{o.url}/berichten/{bericht_id}/bewerken")
    # The network drops (no server autosave gets through), then the tab crashes.
    page.route("**/concept", lambda route: route.abort())
    page.fill("#veld-plaats", "Moerdijk, haven")
    page.wait_for_timeout(6_000)  # at least one autosave attempt fails
    page.context.new_page()  # the browser lives on, like a restarted tab
    page.close(run_before_unload=False)
    herstart = page.context.pages[-1]
    herstart.goto(f"{o.url}/berichten/{bericht_id}/bewerken")
    expect(herstart.locator("#herstel")).to_be_visible()
    herstart.locator("#herstel-ja").click()
    expect(herstart.locator("#veld-plaats")).to_have_value("Moerdijk, haven")
    expect(herstart.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    herstart.goto(f"{o.url}/berichten/{bericht_id}")
    expect(herstart.locator("main")).to_contain_text("Moerdijk, haven")


def test_switching_category_by_mistake_loses_no_typed_text(page: Page, omgeving: Omgeving) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    page.goto(o.url + "/opstellen")
    page.locator("input[name=categorie][value=gevaarlijke-stoffen]").check()
    page.fill("#veld-plaats", "Moerdijk")
    page.fill("#veld-link", "crisis.nl")
    page.fill("#veld-stof", "ammoniak")
    page.locator("input[name=categorie][value=brand-rook]").check()  # the mis-click
    expect(page.locator("#veld-stof")).to_have_count(0)
    page.locator("input[name=categorie][value=gevaarlijke-stoffen]").check()
    expect(page.locator("#veld-stof")).to_have_value("ammoniak")
    expect(page.locator("#voorbeeld")).to_contain_text("ammoniak")
