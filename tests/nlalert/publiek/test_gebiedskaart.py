"""The area map drawn on the server: the area, the gemeenten around it, a scale, escaped names."""

from __future__ import annotations

from lxml import etree

from berichten import cirkel, uit_geojson
from nlalert.publiek.gebiedskaart import gebied_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_a_circle_is_drawn_over_the_gemeenten_around_it() -> None:
    doc = etree.fromstring(gebied_svg(cirkel(52.09, 5.12, 3, "Rond <Utrecht> & 'zo'")))
    assert doc.findtext(f"{SVG}title") == "Rond <Utrecht> & 'zo'"
    namen = {t.text for t in doc.iter(f"{SVG}text")}
    assert {"Utrecht", "De Bilt"} <= namen and any(n and n.endswith(" km") for n in namen)
    gebied = [p for p in doc.iter(f"{SVG}path") if p.get("fill") == "#C8102E"]
    assert len(gebied) == 1 and gebied[0].get("d", "").count("M") == 1
    # The area sits inside the drawing, with room around it.
    breedte, hoogte = float(doc.get("width")), float(doc.get("height"))
    xs = [
        float(d.split(",")[0])
        for d in gebied[0].get("d", "").replace("M", "").replace(" Z", "").split(" L")
    ]
    assert 0 < min(xs) < max(xs) < breedte and hoogte > 100


def test_an_area_far_from_any_gemeente_still_draws() -> None:
    bonaire = uit_geojson(
        {
            "type": "Polygon",
            "coordinates": [[[-68.3, 12.1], [-68.2, 12.1], [-68.2, 12.2], [-68.3, 12.1]]],
        },
        "Bonaire",
    )
    doc = etree.fromstring(gebied_svg(bonaire))
    assert [p for p in doc.iter(f"{SVG}path") if p.get("fill") == "#C8102E"]
