"""The CAP Atom feeds: what went out, one entry per CAP message, each CAP document valid."""

from __future__ import annotations

from typing import Any

import feedparser
from flask.testing import FlaskClient
from lxml import etree

from berichten.cap import NAMESPACES, tekst_op, valideer
from berichten.modus import BerichtSoort
from nlalert.workflow import opslag
from tests.nlalert.conftest import inhoud
from tests.nlalert.publiek.conftest import Zender, echt


def _feed(client: FlaskClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    feed = feedparser.parse(r.data)
    assert not feed.bozo, feed.bozo_exception
    return feed


def _cap(client: FlaskClient, href: str) -> etree._Element:
    """Fetch a linked CAP document and validate it against the OASIS CAP 1.2 schema."""
    r = client.get(href.removeprefix("http://localhost"))
    assert r.status_code == 200 and r.mimetype == "application/cap+xml"
    assert valideer(r.data) == []
    return etree.fromstring(r.data)


def test_the_feed_has_an_entry_per_cap_message_and_updates_and_cancels_refer_back(
    zender: Zender, client: FlaskClient
) -> None:
    alert = zender.verzonden(echt())
    update = zender.vervolg(alert, BerichtSoort.UPDATE)
    cancel = zender.vervolg(update, BerichtSoort.CANCEL)
    einde_alert = zender.verzonden(
        echt(talen=["nl"], velden={"plaats": "Zeist", "link": "crisis.nl"})
    )
    einde = zender.vervolg(einde_alert, BerichtSoort.EINDE)
    oefening = zender.verzonden(inhoud())
    niet_verzonden = [
        zender.concept(echt()).id,
        zender.teruggestuurd(echt()),
        zender.goedgekeurd(echt()),
    ]

    feed = _feed(client, "/publiek/cap.atom")
    assert feed.feed.title.startswith("NL-Alert")
    assert any(link.rel == "self" for link in feed.feed.links)
    identifiers = {}
    for entry in feed.entries:
        cap_links = [link for link in entry.links if link.type == "application/cap+xml"]
        assert len(cap_links) == 1 and entry.updated_parsed and entry.id.startswith("urn:uuid:")
        doc = _cap(client, cap_links[0].href)
        assert tekst_op(doc, "cap:status") == entry.cap_status == "Actual"
        assert tekst_op(doc, "cap:identifier") == entry.cap_identifier
        assert tekst_op(doc, "cap:msgType") == entry.cap_msgtype
        identifiers[entry.cap_identifier] = entry
    records = {i: opslag.lees(zender.db, i) for i in (alert, update, cancel, einde_alert, einde)}
    # The CAP documents are the ones that went out: the identifiers stored at send.
    assert set(identifiers) == {r.cap_identifier for r in records.values()}
    soorten = {i: identifiers[r.cap_identifier].cap_msgtype for i, r in records.items()}
    assert soorten == {
        alert: "Alert",
        update: "Update",
        cancel: "Cancel",
        einde_alert: "Alert",
        einde: "Update",
    }
    # An update or cancel names every earlier message of its chain in <references>.
    alert_id = records[alert].cap_identifier
    update_id = records[update].cap_identifier
    assert alert_id in identifiers[update_id].cap_references
    referenties = identifiers[records[cancel].cap_identifier].cap_references
    assert alert_id in referenties and update_id in referenties
    einde_doc = _cap(client, f"/publiek/cap/{einde}.xml")
    assert [e.text for e in einde_doc.iterfind(".//cap:responseType", NAMESPACES)] == ["AllClear"]
    # Newest first.
    tijden = [e.updated_parsed for e in feed.entries]
    assert tijden == sorted(tijden, reverse=True)
    # Never an exercise, a draft, a returned or an unsent message.
    tekst = client.get("/publiek/cap.atom").get_data(as_text=True)
    assert "OEFENING" not in tekst and "Exercise" not in tekst
    for bericht_id in [oefening, *niet_verzonden]:
        assert f"/cap/{bericht_id}.xml" not in tekst

    oefenfeed = _feed(client, "/publiek/oefening/cap.atom")
    assert [e.cap_status for e in oefenfeed.entries] == ["Exercise"]
    assert oefenfeed.feed.title.startswith("OEFENING")
    assert oefenfeed.entries[0].title.startswith("OEFENING: ")
    assert oefenfeed.entries[0].links[1].href.endswith(f"/publiek/oefening/{oefening}/")
    assert tekst_op(_cap(client, oefenfeed.entries[0].links[0].href), "cap:status") == "Exercise"


def test_an_empty_feed_is_still_a_valid_feed(client: FlaskClient) -> None:
    for url in ("/publiek/cap.atom", "/publiek/oefening/cap.atom"):
        feed = _feed(client, url)
        assert feed.entries == [] and feed.feed.updated_parsed


def test_lists_and_feeds_keep_recent_incidents_and_the_page_stays(
    zender: Zender, client: FlaskClient
) -> None:
    alert = zender.verzonden(echt(talen=["nl"]))
    assert len(_feed(client, "/publiek/cap.atom").entries) == 1
    zender.app.config["PUBLIEK_DAGEN"] = 0
    assert _feed(client, "/publiek/cap.atom").entries == []
    assert f'href="{alert}/"' not in client.get("/publiek/").get_data(as_text=True)
    assert client.get(f"/publiek/{alert}/").status_code == 200
