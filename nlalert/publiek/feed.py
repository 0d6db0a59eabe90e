"""The CAP Atom feed: one entry per CAP message that went out, as aggregators read it.

Each entry links its CAP 1.2 document (`type="application/cap+xml"`, the link aggregators such as
Google Public Alerts and the WMO Alert Hub follow) and the incident's public page, and repeats
the CAP fields a reader sorts by (identifier, sender, sent, status, msgType, references,
expires) in the CAP namespace, as the US NWS CAP Atom feeds do. An update or a cancel is an
entry of its own whose msgType and references name the earlier messages; an entry never changes
afterwards, because a CAP message never does. Built with lxml, so all text is escaped.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from berichten.cap import NS as CAP_NS
from berichten.cap import STANDAARD_GEBIED
from berichten.modus import Modus
from nlalert.publiek.incidenten import Publicatie
from vertalingen import BRONTAAL

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM_TYPE = "application/atom+xml"
CAP_TYPE = "application/cap+xml"


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One entry: the message, and where its CAP document and its incident's page are."""

    publicatie: Publicatie
    cap_url: str
    pagina_url: str


def atom_id(sender: str, identifier: str) -> str:
    """A stable Atom id for a CAP message: the same wherever the feed is hosted."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'cap:{sender},{identifier}')}"


def _sub(ouder: etree._Element, naam: str, tekst: str, ns: str = ATOM) -> etree._Element:
    el = etree.SubElement(ouder, f"{{{ns}}}{naam}")
    el.text = tekst
    return el


def _link(ouder: etree._Element, href: str, *, rel: str, type_: str) -> None:
    etree.SubElement(ouder, f"{{{ATOM}}}link", rel=rel, type=type_, href=href)


def _tijd(t: datetime) -> str:
    return t.isoformat(timespec="seconds")


def _entry(feed: etree._Element, item: Item) -> None:
    b = item.publicatie.bericht
    t = next((t for t in b.talen if t.taal == BRONTAAL), b.talen[0])
    entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
    entry.set(XML_LANG, t.taal)
    _sub(entry, "id", atom_id(b.afzender.id, b.identifier))
    titel = (t.wat or t.tekst)[:160]
    if b.modus is not Modus.ECHT:  # an exercise or test says so in every title
        titel = f"{b.modus.value.upper()}: {titel}"
    _sub(entry, "title", titel)
    _sub(entry, "updated", _tijd(b.tijd))
    _sub(entry, "published", _tijd(b.tijd))
    auteur = etree.SubElement(entry, f"{{{ATOM}}}author")
    _sub(auteur, "name", b.afzender.naam or b.afzender.id)
    _link(entry, item.cap_url, rel="alternate", type_=CAP_TYPE)
    _link(entry, item.pagina_url, rel="related", type_="text/html")
    _sub(entry, "summary", t.tekst)
    for naam, waarde in (
        ("identifier", b.identifier),
        ("sender", b.afzender.id),
        ("sent", _tijd(b.tijd)),
        ("status", b.modus.cap_status),
        ("msgType", b.soort.cap_msg_type),
        ("references", " ".join(b.herkomst.referenties) if b.herkomst else ""),
        ("expires", _tijd(b.verloopt)),
        ("areaDesc", b.velden.get("plaats") or (b.gebied.beschrijving if b.gebied else "")),
    ):
        if naam == "areaDesc" and not waarde:
            waarde = STANDAARD_GEBIED
        if waarde:
            _sub(entry, naam, waarde, CAP_NS)


def atom(
    items: Sequence[Item],
    *,
    titel: str,
    feed_id: str,
    auteur: str,
    zelf: str,
    pagina: str,
    nu: datetime,
) -> bytes:
    """The feed document, newest entry first; `updated` is the newest entry's time."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM, "cap": CAP_NS})
    feed.set(XML_LANG, BRONTAAL)
    _sub(feed, "id", feed_id)
    _sub(feed, "title", titel)
    tijden = [i.publicatie.bericht.tijd for i in items]
    _sub(feed, "updated", _tijd(max(tijden) if tijden else nu))
    a = etree.SubElement(feed, f"{{{ATOM}}}author")
    _sub(a, "name", auteur)
    _link(feed, zelf, rel="self", type_=ATOM_TYPE)
    _link(feed, pagina, rel="alternate", type_="text/html")
    for item in sorted(
        items, key=lambda i: (i.publicatie.bericht.tijd, i.publicatie.id), reverse=True
    ):
        _entry(feed, item)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)
