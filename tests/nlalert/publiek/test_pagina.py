"""The public page per incident: what went out, in every language, kept up to date; nothing else."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from lxml import etree, html

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Rol
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from tests.nlalert.conftest import inhoud, maak_gebruiker
from tests.nlalert.publiek.conftest import Zender, echt


def _pagina(client: FlaskClient, url: str) -> html.HtmlElement:
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert r.mimetype == "text/html"
    return html.fromstring(r.get_data(as_text=True))


def test_the_page_shows_every_language_card_area_and_time_line_and_follows_each_update(
    zender: Zender, client: FlaskClient
) -> None:
    alert = zender.verzonden(echt(nederlands="b1"))
    doc = _pagina(client, f"/publiek/{alert}/")
    # No JavaScript at all, and the page's only stylesheet has a print part.
    assert not doc.xpath("//script") and not doc.xpath("//@*[starts-with(name(), 'on')]")
    assert "@media print" in client.get("/publiek/publiek.css").get_data(as_text=True)
    blokken = {s.get("lang"): s for s in doc.xpath("//section[@class='taal']")}
    assert list(blokken) == ["nl", "en", "ar"]
    assert [blokken[t].get("dir") for t in ("nl", "en", "ar")] == ["ltr", "ltr", "rtl"]
    assert "Utrecht" in blokken["ar"].text_content()
    assert blokken["nl"].text_content().count("NL-Alert") == 1
    # The easy-Dutch text, marked as Dutch whatever the page's language.
    eenvoudig = doc.xpath("//section[@class='eenvoudig']//p[@lang='nl']")
    assert eenvoudig and "Doe ramen en deuren dicht." in eenvoudig[0].text_content()
    # A card per language with its text as alt, in that language and direction.
    kaarten = doc.xpath("//img[@class='beeldkaart']")
    assert [k.getparent().get("lang") for k in kaarten] == ["nl", "en", "ar"]
    assert kaarten[2].getparent().get("dir") == "rtl" and kaarten[2].get("alt")
    for k in kaarten:
        svg = client.get(f"/publiek/{alert}/{k.get('src')}")
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
        assert etree.fromstring(svg.data).get("lang") == k.getparent().get("lang")
    # The area over the gemeenten around it, drawn on the server.
    kaart = doc.xpath("//img[@class='kaart']")[0]
    assert "Utrecht-Oost" in kaart.get("alt")
    gebied = etree.fromstring(client.get(f"/publiek/{alert}/{kaart.get('src')}").data)
    namen = [t.text for t in gebied.iter("{http://www.w3.org/2000/svg}text")]
    assert "Utrecht" in namen and "km" in namen[-1]
    assert len(doc.xpath("//section[@class='tijdlijn']//li")) == 1

    update = zender.vervolg(alert, BerichtSoort.UPDATE)
    doc = _pagina(client, f"/publiek/{alert}/")
    assert "UPDATE 1" in doc.xpath("//section[@id='taal-nl']")[0].text_content()
    regels = doc.xpath("//section[@class='tijdlijn']//li")
    assert [r.get("id") for r in regels] == [f"bericht-{alert}", f"bericht-{update}"]
    assert regels[-1].get("aria-current") == "true"

    einde = zender.vervolg(update, BerichtSoort.EINDE)
    doc = _pagina(client, f"/publiek/{alert}/")
    assert doc.xpath("//p[contains(@class, 'staat-veilig')]")
    assert len(doc.xpath("//section[@class='tijdlijn']//li")) == 3
    assert doc.xpath(f"//li[@id='bericht-{einde}']//a[@href='../cap/{einde}.xml']")
    # The address is the original's, and stays so: an update's id is no incident of its own.
    assert client.get(f"/publiek/{update}/").status_code == 404


def test_only_what_was_sent_is_public(zender: Zender, client: FlaskClient) -> None:
    niet_verzonden = [
        zender.concept(echt()).id,
        zender.ingediend(echt()),
        zender.teruggestuurd(echt()),
        zender.goedgekeurd(echt()),
    ]
    for bericht_id in [*niet_verzonden, 9999]:
        for url in (
            f"/publiek/{bericht_id}/",
            f"/publiek/oefening/{bericht_id}/",
            f"/publiek/{bericht_id}/gebied.svg",
            f"/publiek/{bericht_id}/beeld-nl.svg",
            f"/publiek/cap/{bericht_id}.xml",
        ):
            assert client.get(url).status_code == 404, url
    index = client.get("/publiek/").get_data(as_text=True)
    assert not re.search(r'href="\d+/"', index)
    # The public 404 looks like the public pages and leads back to them, not to a login.
    fout = client.get("/publiek/oefening/9999/")
    assert fout.status_code == 404 and fout.mimetype == "text/html"
    doc = html.fromstring(fout.data)
    assert doc.xpath("//link[@href='../../publiek.css']") and not doc.xpath("//form")
    assert doc.xpath("//main//a[@href='../../oefening/']")


def test_an_exercise_is_only_on_the_exercise_page_marked_oefening(
    zender: Zender, client: FlaskClient
) -> None:
    oefening = zender.verzonden(inhoud())
    assert client.get(f"/publiek/{oefening}/").status_code == 404
    assert f'href="{oefening}/"' not in client.get("/publiek/").get_data(as_text=True)
    doc = _pagina(client, f"/publiek/oefening/{oefening}/")
    assert doc.xpath("//title")[0].text.startswith("OEFENING")
    assert "OEFENING" in doc.xpath("//p[@class='oefenband']")[0].text_content()
    assert all("OEFENING" in s.text_content() for s in doc.xpath("//section[@class='taal']"))
    index = _pagina(client, "/publiek/oefening/")
    assert index.xpath(f"//a[@href='../oefening/{oefening}/']")
    assert "OEFENING" in index.xpath("//h1")[0].text_content()
    # Languages the bericht does not have have no card.
    assert client.get(f"/publiek/oefening/{oefening}/beeld-ar.svg").status_code == 404


def test_a_cancel_ends_the_page(zender: Zender, client: FlaskClient) -> None:
    alert = zender.verzonden(echt(talen=["nl"]))
    zender.vervolg(alert, BerichtSoort.CANCEL)
    doc = _pagina(client, f"/publiek/{alert}/")
    assert doc.xpath("//p[contains(@class, 'staat-voorbij')]")
    assert not doc.xpath("//p[contains(@class, 'staat-actief')]")
    assert "Beëindigd" in client.get("/publiek/").get_data(as_text=True)


def test_training_is_never_public(zender: Zender, client: FlaskClient) -> None:
    tim = maak_gebruiker(zender.app, "tim", Rol.OPSTELLER, training=True)
    r = opslag.maak(zender.db, inhoud(), tim)
    assert r.id is not None and r.training
    opslag.dien_in(zender.db, r.id, tim, versie=r.versie)
    opslag.keur_goed(zender.db, r.id, tim, gezien_hash=opslag.lees(zender.db, r.id).inhoud_hash)
    with zender.app.app_context():
        verzonden = uitvoering.verzend(
            zender.db, r.id, tim, koppelingen.koppelingen(), opsteller.bericht
        )
    assert verzonden.verzonden_op is not None
    for url in (f"/publiek/oefening/{r.id}/", f"/publiek/cap/{r.id}.xml"):
        assert client.get(url).status_code == 404
    assert f"/cap/{r.id}.xml" not in client.get("/publiek/oefening/cap.atom").get_data(as_text=True)
