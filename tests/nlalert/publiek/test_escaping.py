"""Escaping holds on every public output: HTML, SVG, Atom, CAP and JSON."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from lxml import etree, html

from berichten.cap import valideer
from berichten.modus import BerichtSoort
from tests.nlalert.publiek.conftest import UTRECHT, Zender, echt

GIF = "<script>alert(\"x\")</script> ]]> & 'q'"


def _heeft_script(doc: etree._Element) -> bool:
    return any(
        isinstance(el.tag, str) and etree.QName(el).localname.lower() == "script"
        for el in doc.iter()
    )


def test_script_in_every_free_field_stays_text_everywhere(
    zender: Zender, client: FlaskClient
) -> None:
    gebied = {**UTRECHT, "properties": {"beschrijving": f"Gebied {GIF}"}}
    data = echt(
        velden={"plaats": f"Plaats {GIF}", "link": "crisis.nl", "extra": f"Extra {GIF}"},
        afzender=f"Afzender {GIF}",
        gebied=gebied,
    )
    alert = zender.verzonden(data)
    update = zender.vervolg(alert, BerichtSoort.UPDATE)

    html_urls = [
        f"/publiek/{alert}/",
        "/publiek/",
        "/publiek/scherm?taal=nl",
        "/publiek/scherm?taal=ar",
    ]
    for url in html_urls:
        r = client.get(url)
        assert r.status_code == 200, url
        tekst = r.get_data(as_text=True)
        assert "<script" not in tekst and "]]>" not in tekst, url
        doc = html.fromstring(tekst)
        assert not _heeft_script(doc)
        assert GIF in doc.text_content(), url  # shown as the text it is
    pagina = html.fromstring(client.get(f"/publiek/{alert}/").data)
    assert any(GIF in (img.get("alt") or "") for img in pagina.xpath("//img"))

    xml_urls = [
        "/publiek/cap.atom",
        f"/publiek/cap/{alert}.xml",
        f"/publiek/cap/{update}.xml",
        f"/publiek/{alert}/gebied.svg",
        *(f"/publiek/{alert}/beeld-{t}.svg" for t in ("nl", "en", "ar")),
    ]
    for url in xml_urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert b"<script" not in r.data, url
        doc = etree.fromstring(r.data)
        assert not _heeft_script(doc), url
        teksten = "".join(doc.itertext())
        assert any(w in teksten for w in (f"Plaats {GIF}", f"Gebied {GIF}", f"Extra {GIF}")), url
        if url.endswith(".xml"):
            assert valideer(r.data) == []
            assert f"Afzender {GIF}" in teksten

    r = client.get("/publiek/scherm.json?taal=nl")
    ruw = r.get_data(as_text=True)
    assert "<" not in ruw and ">" not in ruw and "&" not in ruw
    [b] = json.loads(ruw)["berichten"]
    assert f"Plaats {GIF}" in b["tekst"]  # the JSON value is the text itself
