"""CAP 1.2 import: the round trip for every category, the profile, and every way CAP can be wrong."""

from __future__ import annotations

import contextlib
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from berichten import (
    BerichtError,
    BerichtSoort,
    Herkomst,
    InvalidCombination,
    MissingField,
    Modus,
    OngeldigeCap,
    OngeldigGebied,
    cirkel,
    compose,
    naar_cap,
    uit_geojson,
)
from berichten.cap_import import CapNietBruikbaar, CapTeGroot, GeenXml, Referentie, uit_cap
from handelingsperspectieven import (
    CatalogusError,
    OnbekendeCategorie,
    Register,
    catalogus,
    voorbeeldvelden,
)
from vertalingen import AMSTERDAM

NS = "urn:oasis:names:tc:emergency:cap:1.2"
C = {"cap": NS}
MOERDIJK = {
    "type": "Polygon",
    "coordinates": [[[4.55, 51.66], [4.70, 51.66], [4.70, 51.72], [4.55, 51.72], [4.55, 51.66]]],
}
VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}


def export(moment: datetime, **opties: object) -> bytes:
    """A brand-rook alert as nlalert exports it."""
    standaard: dict[str, object] = {"tijd": moment, "gebied": uit_geojson(MOERDIJK)}
    return naar_cap(compose("brand-rook", VELDEN, **{**standaard, **opties}))  # type: ignore[arg-type]


def wijzig(xml: bytes, pad: str, tekst: str | None) -> bytes:
    """Set (or with None remove) every element at `pad`."""
    doc = etree.fromstring(xml)
    for el in doc.findall(pad, C):
        if tekst is None:
            el.getparent().remove(el)
        else:
            el.text = tekst
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def zonder_parameter(xml: bytes, naam: str) -> bytes:
    doc = etree.fromstring(xml)
    for p in doc.findall("cap:info/cap:parameter", C):
        if p.findtext("cap:valueName", namespaces=C) == naam:
            p.getparent().remove(p)
    return etree.tostring(doc)


@pytest.mark.parametrize("categorie", sorted(catalogus()))
def test_round_trip_composes_the_same_text_for_every_category(
    categorie: str, moment: datetime
) -> None:
    p = catalogus()[categorie]
    for velden in (voorbeeldvelden(p), voorbeeldvelden(p, optioneel=True)):
        b = compose(
            p,
            velden,
            tijd=moment,
            talen=["nl", "en", "ar"],
            register=Register.U,
            gebied=uit_geojson(MOERDIJK),
        )
        v = uit_cap(naar_cap(b))
        opnieuw = compose(
            v.categorie,
            v.velden,
            talen=v.talen,
            modus=v.modus,
            soort=v.soort,
            register=v.register,
            gebied=v.gebied,
            tijd=v.tijd,
        )
        assert opnieuw.tekst == b.tekst
        assert [t.tekst for t in opnieuw.talen] == [t.tekst for t in b.talen]
        assert v.gebied is not None and b.gebied is not None
        assert v.gebied.polygonen == b.gebied.polygonen
        assert (v.categorie, v.modus, v.waarschuwingen) == (categorie, b.modus, ())


def test_circle_and_exercise_round_trip(moment: datetime) -> None:
    xml = export(moment, gebied=cirkel(51.68, 4.61, 2.5), modus=Modus.OEFENING)
    v = uit_cap(xml)
    assert v.modus is Modus.OEFENING and v.gebied is not None
    c = v.gebied.cirkels[0]
    assert (c.lat, c.lon, c.straal_km) == (51.68, 4.61, 2.5)


def test_update_carries_its_references(moment: datetime) -> None:
    herkomst = Herkomst(
        identifier="NLALERT-20261122T142000-ECHT-0007-00",
        sender="nlalert@nl-alert.local",
        sent=moment,
        message_identifier=4375,
        message_code=7,
        update_nummer=0,
        velden=VELDEN,
    )
    b = compose("brand-rook", VELDEN, tijd=moment, soort=BerichtSoort.UPDATE, herkomst=herkomst)
    v = uit_cap(naar_cap(b))
    assert v.soort is BerichtSoort.UPDATE
    assert v.referenties == (
        Referentie(
            sender="nlalert@nl-alert.local",
            identifier="NLALERT-20261122T142000-ECHT-0007-00",
            sent=moment.isoformat(timespec="seconds"),
        ),
    )


def test_update_without_references_is_refused(moment: datetime) -> None:
    xml = wijzig(export(moment), "cap:msgType", "Update")
    with pytest.raises(CapNietBruikbaar) as e:
        uit_cap(xml)
    assert e.value.element == "references"


def test_category_from_the_event_when_the_parameter_is_absent(moment: datetime) -> None:
    xml = zonder_parameter(export(moment), "nlalert:categorie")
    assert uit_cap(xml).categorie == "brand-rook"
    # Only the English info: its event is matched in English.
    doc = etree.fromstring(export(moment, talen=["en"]))
    assert uit_cap(zonder_parameter(etree.tostring(doc), "nlalert:categorie")).talen == ("en",)


def test_unknown_event_lists_the_categories(moment: datetime) -> None:
    xml = wijzig(zonder_parameter(export(moment), "nlalert:categorie"), "cap:info/cap:event", "Ufo")
    with pytest.raises(CapNietBruikbaar) as e:
        uit_cap(xml)
    assert "brand-rook" in e.value.bericht and "nlalert:categorie" in e.value.bericht


def test_unknown_category_parameter(moment: datetime) -> None:
    doc = etree.fromstring(export(moment))
    for p in doc.findall("cap:info/cap:parameter", C):
        if p.findtext("cap:valueName", namespaces=C) == "nlalert:categorie":
            p.find("cap:value", C).text = "bestaat-niet"
    with pytest.raises(OnbekendeCategorie):
        uit_cap(etree.tostring(doc))


def test_fields_fall_back_to_area_desc_and_web(moment: datetime) -> None:
    xml = zonder_parameter(
        zonder_parameter(export(moment), "nlalert:veld:plaats"), "nlalert:veld:link"
    )
    v = uit_cap(xml)
    assert v.velden == {"plaats": "Moerdijk", "link": "crisis.nl"}


def test_missing_required_field_is_named(moment: datetime) -> None:
    xml = wijzig(zonder_parameter(export(moment), "nlalert:veld:link"), "cap:info/cap:web", None)
    with pytest.raises(MissingField) as e:
        uit_cap(xml)
    assert e.value.name == "link" and "verplicht" in e.value.bericht


@pytest.mark.parametrize("status", ["System", "Draft"])
def test_system_and_draft_are_refused(status: str, moment: datetime) -> None:
    with pytest.raises(CapNietBruikbaar) as e:
        uit_cap(wijzig(export(moment), "cap:status", status))
    assert e.value.element == "status" and "Actual, Exercise of Test" in e.value.bericht


def test_status_and_mode_parameter_must_agree(moment: datetime) -> None:
    # An exercise must not turn real because only the status was changed.
    xml = wijzig(export(moment, modus=Modus.OEFENING), "cap:status", "Actual")
    with pytest.raises(CapNietBruikbaar, match="spreken elkaar tegen"):
        uit_cap(xml)


def test_fixed_mode_category_refuses_another_status(moment: datetime) -> None:
    xml = naar_cap(compose("controlebericht", {}, tijd=moment))
    assert uit_cap(xml).modus is Modus.TEST
    xml = zonder_parameter(wijzig(xml, "cap:status", "Actual"), "nlalert:modus")
    with pytest.raises(InvalidCombination):
        uit_cap(xml)


def test_unknown_languages_are_skipped_with_a_warning(moment: datetime) -> None:
    doc = etree.fromstring(export(moment))
    doc.findall("cap:info/cap:language", C)[1].text = "xx-XX"
    v = uit_cap(etree.tostring(doc))
    assert v.talen == ("nl",)
    assert [w.code for w in v.waarschuwingen] == ["cap-taal-onbekend"]
    for el in doc.findall("cap:info/cap:language", C):
        el.text = "xx-XX"
    with pytest.raises(CapNietBruikbaar, match="nl-NL"):
        uit_cap(etree.tostring(doc))


def test_area_desc_with_markup_stays_text(moment: datetime) -> None:
    script = "<script>alert(1)</script>"
    xml = wijzig(zonder_parameter(export(moment), "nlalert:veld:plaats"), ".//cap:areaDesc", script)
    v = uit_cap(xml)
    assert v.velden["plaats"] == script
    assert v.gebied is not None and v.gebied.beschrijving == script


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        (b"", GeenXml),
        (b"geen xml", GeenXml),
        (b"<alert", GeenXml),
        (b'{"categorie": "brand-rook"}', GeenXml),
        (b"<alert xmlns='urn:example'><status>Actual</status></alert>", OngeldigeCap),
        (b"<alert><status>Actual</status></alert>", OngeldigeCap),
        (f"<alert xmlns='{NS}'><status>Actual</status></alert>".encode(), OngeldigeCap),
    ],
)
def test_malformed_documents_are_refused(data: bytes, fout: type[Exception]) -> None:
    with pytest.raises(fout) as e:
        uit_cap(data)
    assert isinstance(e.value, BerichtError) and e.value.bericht


def test_schema_errors_are_listed(moment: datetime) -> None:
    with pytest.raises(OngeldigeCap) as e:
        uit_cap(wijzig(export(moment), "cap:sender", None))
    assert e.value.fouten and "sender" in " ".join(e.value.fouten)
    with pytest.raises(OngeldigeCap, match="namespace"):
        uit_cap(export(moment).replace(NS.encode(), b"urn:oasis:names:tc:emergency:cap:1.1"))


def test_too_large_is_refused() -> None:
    with pytest.raises(CapTeGroot):
        uit_cap(b" " * (1024 * 1024 + 1))


def test_external_entity_is_never_read(tmp_path: Path, moment: datetime) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-123")
    xml = export(moment).replace(
        b"<alert ", f'<!DOCTYPE alert [<!ENTITY x SYSTEM "{geheim.as_uri()}">]>\n<alert '.encode()
    )
    xml = xml.replace(b"<identifier>", b"<identifier>&x;", 1)
    with pytest.raises(GeenXml) as e:
        uit_cap(xml)
    assert "DOCTYPE" in e.value.bericht and "GEHEIM" not in e.value.bericht


def test_billion_laughs_is_refused_without_expanding() -> None:
    lagen = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY l0 "lol">{lagen}]>'
        f"<alert xmlns='{NS}'><identifier>&l9;</identifier></alert>"
    ).encode()
    begin = time.perf_counter()
    with pytest.raises(GeenXml):
        uit_cap(xml)
    assert time.perf_counter() - begin < 1  # 10^9 'lol's would take far longer and gigabytes


def test_swapped_polygon_gets_the_cap_reason(moment: datetime) -> None:
    doc = etree.fromstring(export(moment))
    for el in doc.findall(".//cap:polygon", C):
        assert el.text
        # lon,lat instead of CAP's lat,lon: the slip a GeoJSON-minded producer makes.
        el.text = " ".join(",".join(reversed(p.split(","))) for p in el.text.split())
    with pytest.raises(OngeldigGebied) as e:
        uit_cap(etree.tostring(doc))
    assert "polygoon 1 van area 1" in e.value.bericht and "CAP gebruikt lat,lon" in e.value.bericht


def test_swapped_circle_and_other_area_reasons(moment: datetime) -> None:
    xml = export(moment, gebied=cirkel(51.68, 4.61, 2.5))
    with pytest.raises(OngeldigGebied, match="CAP gebruikt lat,lon"):
        uit_cap(wijzig(xml, ".//cap:circle", "4.61,51.68 2.5"))
    with pytest.raises(OngeldigGebied, match="straal"):
        uit_cap(wijzig(xml, ".//cap:circle", "51.68,4.61 500"))
    with pytest.raises(OngeldigGebied, match="buiten Nederland"):
        uit_cap(wijzig(xml, ".//cap:circle", "48.85,2.35 2"))
    with pytest.raises(OngeldigGebied, match="lat,lon straal_km"):
        uit_cap(wijzig(xml, ".//cap:circle", "51.68;4.61"))
    xml = export(moment)
    with pytest.raises(OngeldigGebied, match="minstens 4 punten"):
        uit_cap(wijzig(xml, ".//cap:polygon", "51.6,4.5 51.7,4.6 51.6,4.5"))
    with pytest.raises(OngeldigGebied, match="verwacht 'lat,lon"):
        uit_cap(wijzig(xml, ".//cap:polygon", "51.6,4.5,9 a,b"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_our_errors(data: bytes) -> None:
    with contextlib.suppress(BerichtError, CatalogusError):
        uit_cap(data)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789.,- e+naif", max_size=80))
def test_arbitrary_polygon_text_raises_only_area_errors(tekst: str) -> None:
    xml = wijzig(export(datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)), ".//cap:polygon", tekst)
    with contextlib.suppress(OngeldigGebied, OngeldigeCap):
        uit_cap(xml)
