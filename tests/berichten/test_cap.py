"""CAP 1.2 export: validates against the OASIS XSD for every category, axis order, references."""

from __future__ import annotations

from datetime import datetime

import pytest
from lxml import etree

from berichten import (
    BerichtSoort,
    Herkomst,
    Modus,
    cirkel,
    compose,
    naar_cap,
    uit_geojson,
    valideer,
)
from handelingsperspectieven import catalogus, voorbeeldvelden

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
MOERDIJK = {
    "type": "Polygon",
    "coordinates": [[[4.55, 51.66], [4.70, 51.66], [4.70, 51.72], [4.55, 51.72], [4.55, 51.66]]],
}


@pytest.mark.parametrize("categorie", sorted(catalogus()))
def test_every_category_validates_against_the_oasis_schema(
    categorie: str, moment: datetime
) -> None:
    p = catalogus()[categorie]
    b = compose(
        p, voorbeeldvelden(p), tijd=moment, talen=["nl", "en", "ar"], gebied=uit_geojson(MOERDIJK)
    )
    xml = naar_cap(b, valideren=False)
    assert valideer(xml) == []
    doc = etree.fromstring(xml)
    assert [e.text for e in doc.findall("cap:info/cap:language", NS)] == ["nl-NL", "en-GB", "ar"]
    assert doc.findtext("cap:status", namespaces=NS) == (
        "Test" if p.vaste_modus == "test" else "Actual"
    )


def test_status_follows_the_mode(moment: datetime) -> None:
    b = compose(
        "brand-rook", {"plaats": "Moerdijk", "link": "crisis.nl"}, tijd=moment, modus=Modus.OEFENING
    )
    doc = etree.fromstring(naar_cap(b))
    assert doc.findtext("cap:status", namespaces=NS) == "Exercise"


def test_polygon_and_circle_are_lat_lon_with_closed_ring(moment: datetime) -> None:
    b = compose(
        "brand-rook",
        {"plaats": "Moerdijk", "link": "crisis.nl"},
        tijd=moment,
        gebied=uit_geojson(MOERDIJK),
        talen=["nl"],
    )
    polygoon = etree.fromstring(naar_cap(b)).findtext(
        "cap:info/cap:area/cap:polygon", namespaces=NS
    )
    punten = polygoon.split()
    assert punten[0] == "51.660000,4.550000"  # lat first
    assert punten[0] == punten[-1]
    b = compose(
        "brand-rook",
        {"plaats": "Moerdijk", "link": "crisis.nl"},
        tijd=moment,
        gebied=cirkel(51.68, 4.61, 2.5),
        talen=["nl"],
    )
    assert (
        etree.fromstring(naar_cap(b)).findtext("cap:info/cap:area/cap:circle", namespaces=NS)
        == "51.680000,4.610000 2.5"
    )


def test_instruction_is_the_actions_and_web_is_a_uri(moment: datetime) -> None:
    b = compose(
        "brand-rook", {"plaats": "Moerdijk", "link": "crisis.nl"}, tijd=moment, talen=["nl"]
    )
    doc = etree.fromstring(naar_cap(b))
    assert (
        doc.findtext("cap:info/cap:instruction", namespaces=NS)
        == "Blijf uit de rook. Ga naar binnen. Sluit ramen en deuren. Zet ventilatie uit."
    )
    assert doc.findtext("cap:info/cap:web", namespaces=NS) == "https://crisis.nl"


def test_update_and_cancel_carry_references(moment: datetime) -> None:
    herkomst = Herkomst(
        identifier="NLALERT-1",
        sender="vr17@example.nl",
        sent=moment,
        message_identifier=4375,
        message_code=3,
        update_nummer=0,
        velden={"plaats": "Moerdijk", "link": "crisis.nl"},
    )
    for soort, msg_type in ((BerichtSoort.UPDATE, "Update"), (BerichtSoort.CANCEL, "Cancel")):
        b = compose(
            "brand-rook",
            {"plaats": "Moerdijk", "link": "crisis.nl"},
            tijd=moment,
            soort=soort,
            herkomst=herkomst,
        )
        doc = etree.fromstring(naar_cap(b))
        assert doc.findtext("cap:msgType", namespaces=NS) == msg_type
        assert (
            doc.findtext("cap:references", namespaces=NS)
            == f"vr17@example.nl,NLALERT-1,{moment.isoformat()}"
        )
    assert doc.findtext("cap:info/cap:responseType", namespaces=NS) == "AllClear"


def test_invalid_cap_is_reported_not_accepted() -> None:
    assert valideer(
        b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier>x</identifier></alert>"
    )
    assert valideer(b"not xml")


def test_follow_ups_reference_the_whole_chain_and_an_all_clear_is_an_update(
    moment: datetime,
) -> None:
    velden = {"plaats": "Moerdijk", "link": "crisis.nl"}
    alert = compose("brand-rook", velden, tijd=moment, kenmerk=7)
    update = compose(
        "brand-rook",
        velden,
        tijd=moment.replace(minute=45),
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(alert),
        kenmerk=8,
    )
    einde = compose(
        "brand-rook",
        velden,
        tijd=moment.replace(minute=59),
        soort=BerichtSoort.EINDE,
        herkomst=Herkomst.van(update),
        kenmerk=9,
    )
    doc = etree.fromstring(naar_cap(einde))
    referenties = (doc.findtext("cap:references", namespaces=NS) or "").split(" ")
    assert [r.split(",")[1] for r in referenties] == [alert.identifier, update.identifier]
    assert doc.findtext("cap:msgType", namespaces=NS) == "Update"
    assert doc.findtext("cap:info/cap:responseType", namespaces=NS) == "AllClear"
    # The record's number makes identifiers unique even for one code, update and second.
    assert len({alert.identifier, update.identifier, einde.identifier}) == 3
    assert alert.identifier.endswith("-7")
    nog_een = compose("brand-rook", velden, tijd=moment, berichtcode=alert.serial.message_code)
    assert nog_een.identifier != alert.identifier


def test_every_info_has_expires_event_code_web_contact_and_an_area(moment: datetime) -> None:
    from datetime import timedelta

    from berichten import Afzender

    b = compose(
        "stroomuitval",
        voorbeeldvelden(catalogus()["stroomuitval"]) | {"link": "vrbn.nl"},
        tijd=moment,
        talen=["nl", "en", "de"],
        afzender=Afzender(naam="Veiligheidsregio Brabant-Noord"),
        duur=timedelta(minutes=90),
    )
    doc = etree.fromstring(naar_cap(b))
    infos = doc.findall("cap:info", NS)
    assert len(infos) == 3
    for info in infos:
        assert info.findtext("cap:expires", namespaces=NS) == "2026-11-22T16:00:00+01:00"
        assert info.findtext("cap:eventCode/cap:value", namespaces=NS) == "stroomuitval"
        assert info.findtext("cap:web", namespaces=NS) == "https://vrbn.nl"
        assert info.findtext("cap:contact", namespaces=NS) == "Veiligheidsregio Brabant-Noord"
        # No area was drawn: the area is still there, named after the place in the text.
        assert info.findtext("cap:area/cap:areaDesc", namespaces=NS) == b.velden["plaats"]
    zonder = compose("stroomuitval", voorbeeldvelden(catalogus()["stroomuitval"]), tijd=moment)
    assert zonder.verloopt - zonder.tijd == timedelta(
        minutes=catalogus()["stroomuitval"].duur_minuten
    )


def test_a_picked_gemeente_gives_its_cbs_code_as_geocode(moment: datetime) -> None:
    gebied = uit_geojson(
        {
            "type": "Feature",
            "properties": {"gemeentecodes": ["GM1709", "not-a-code"]},
            "geometry": MOERDIJK,
        },
        "Moerdijk",
    )
    assert gebied.gemeentecodes == ("GM1709",)
    b = compose(
        "brand-rook", {"plaats": "Moerdijk", "link": "crisis.nl"}, tijd=moment, gebied=gebied
    )
    doc = etree.fromstring(naar_cap(b))
    area = doc.find("cap:info/cap:area", NS)
    assert area is not None
    assert area.findtext("cap:areaDesc", namespaces=NS) == "Moerdijk"
    assert area.findtext("cap:polygon", namespaces=NS)
    assert area.findtext("cap:geocode/cap:valueName", namespaces=NS) == "CBS.gemeentecode"
    assert area.findtext("cap:geocode/cap:value", namespaces=NS) == "GM1709"
