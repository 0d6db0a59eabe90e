"""End-to-end in a real browser: what a communicator, an approver and a trainee actually do."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Omgeving, inloggen, schermafdruk, uitloggen


def opstellen(page: Page, o: Omgeving, plaats: str) -> int:
    """Compose brand-rook through the compose screen and return the new bericht's id."""
    page.goto(o.url + "/opstellen")
    page.fill("#categorie-zoek", "rook")
    page.locator("input[name=categorie][value=brand-rook]").check()
    page.fill("#veld-plaats", plaats)
    page.fill("#veld-link", "crisis.nl")
    page.locator("#opstel-formulier input[name=modus][value=oefening]").check()
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


def test_compose_submit_approve_send_reach_update_and_all_clear(
    page: Page, omgeving: Omgeving
) -> None:
    o = omgeving
    inloggen(page, o.url, "anna")
    bericht_id = opstellen(page, o, "Moerdijk")
    expect(page.locator("#voorbeeld")).to_contain_text("OEFENING")
    schermafdruk(page, "opstellen.png", o.map_)
    page.locator("#naar-bericht").click()
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(page.locator(".status")).to_have_text("ingediend")
    # The author may not approve: no approve button, and a note why.
    expect(page.get_by_role("button", name="Goedkeuren zoals hierboven getoond")).to_have_count(0)
    uitloggen(page)

    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    expect(page.locator("main")).to_contain_text("Grote brand met veel rook in Moerdijk")
    expect(page.locator("main")).to_contain_text("message identifier: 4381")
    expect(page.locator("#bereik-goedkeuring")).to_contain_text("Inwoners in het gebied")
    schermafdruk(page, "goedkeuren.png", o.map_)
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    expect(page.locator(".status")).to_have_text("goedgekeurd")
    page.get_by_role("button", name="Verzenden").click()
    # The confirmation names the area and the number of people before anything is sent.
    expect(page.locator("#bevestig-inwoners")).not_to_be_empty()
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")
    expect(page.locator("#bereik-na-verzending")).to_contain_text("4381")
    expect(page.locator("img.bereikkaart")).to_be_visible()
    uitloggen(page)

    # Update: a pre-filled concept that says what changed, with the next update number.
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{bericht_id}")
    page.get_by_role("button", name="Update maken").click()
    update_id = int(re.search(r"/berichten/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    assert update_id != bericht_id
    page.goto(f"{o.url}/berichten/{update_id}/bewerken")
    expect(page.locator("#veld-plaats")).to_have_value("Moerdijk")
    page.fill("#veld-plaats", "Moerdijk en Zevenbergen")
    expect(page.locator("#voorbeeld")).to_contain_text("UPDATE 1: Gewijzigd: Plaats of gebied.")
    expect(page.locator("#opslagstatus")).to_contain_text("Opgeslagen", timeout=20_000)
    page.goto(f"{o.url}/berichten/{update_id}")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    uitloggen(page)
    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{update_id}")
    expect(page.locator("main")).to_contain_text("update 1")
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    page.get_by_role("button", name="Verzenden").click()
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")

    uitloggen(page)

    # All-clear: references the original, stops the broadcast.
    inloggen(page, o.url, "anna")
    page.goto(f"{o.url}/berichten/{update_id}")
    page.get_by_role("button", name="Intrekken / sein veilig").click()
    einde_id = int(re.search(r"/berichten/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    page.goto(f"{o.url}/berichten/{einde_id}")
    expect(page.locator("main")).to_contain_text("is onder controle")
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    uitloggen(page)
    inloggen(page, o.url, "gert")
    page.goto(f"{o.url}/berichten/{einde_id}")
    page.get_by_role("button", name="Goedkeuren zoals hierboven getoond").click()
    page.get_by_role("button", name="Verzenden").click()
    page.locator("#bevestig-verzenden").click()
    expect(page.locator(".status")).to_have_text("verzonden")
    lijst = requests.get(o.sim_url + "/api/v1/broadcasts?soort=oefening", timeout=10).json()
    uitzendingen = lijst if isinstance(lijst, list) else lijst["broadcasts"]
    teksten = [u.get("tekst", "") for u in uitzendingen]
    assert any("is onder controle" in t for t in teksten)
    echt = requests.get(o.sim_url + "/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert not (echt if isinstance(echt, list) else echt.get("broadcasts"))  # exercise stayed apart


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
    assert not (echt if isinstance(echt, list) else echt.get("broadcasts"))


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
