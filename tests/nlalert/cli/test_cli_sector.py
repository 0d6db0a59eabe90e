"""`--sector` on the command line: a valid CAP with the one sector polygon, and one Dutch line
with exit status 2 for every value that cannot make one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from berichten import valideer
from tests.nlalert.cli.test_cli_compose import BASIS, run

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


def _polygonen(xml: str) -> list[list[tuple[float, float]]]:
    """Every CAP polygon as (lat, lon) points."""
    return [
        [(float(a), float(b)) for a, b in (p.split(",") for p in (el.text or "").split())]
        for el in etree.fromstring(xml.encode()).iter(f"{CAP}polygon")
    ]


@pytest.mark.parametrize("wind", ["ZW", "SW", "225"])
def test_cap_with_a_sector_has_one_valid_polygon_per_language_downwind(
    capsys: pytest.CaptureFixture[str], wind: str
) -> None:
    code, out, err = run(capsys, "cap", *BASIS[1:], "--sector", f"51.685,4.62,{wind},10")
    assert code == 0, err
    assert valideer(out.encode()) == []
    polygonen = _polygonen(out)
    assert len(polygonen) == 2  # nl and en, one polygon each
    assert polygonen[0] == polygonen[1]
    # Wind from the south-west: the far points lie north-east of the source.
    lats, lons = zip(*polygonen[0], strict=True)
    assert min(lats) > 51.685 - 0.005 and min(lons) > 4.62 - 0.008  # the 0.5 km source circle
    assert max(lats) > 51.685 + 0.08 and max(lons) > 4.62 + 0.13  # 10 km, 60 degrees open


def test_an_opening_angle_and_a_sector_file_give_the_same_area(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, smal, _ = run(capsys, "cap", *BASIS[1:], "--sector", "51.685,4.62,W,6,30")
    bestand = tmp_path / "sector.json"
    sector = {"lat": 51.685, "lon": 4.62, "wind_uit": 270, "lengte_km": 6, "hoek": 30}
    bestand.write_text(json.dumps({"sector": sector}), encoding="utf-8")
    code, uit_bestand, _ = run(capsys, "cap", *BASIS[1:], "--gebied", str(bestand))
    assert code == 0
    assert _polygonen(smal) == _polygonen(uit_bestand)
    _, breed, _ = run(capsys, "cap", *BASIS[1:], "--sector", "51.685,4.62,W,6")
    assert len(_polygonen(breed)[0]) > len(_polygonen(smal)[0])  # 60 degrees: more arc points
    # A file with a source abroad is refused like the option.
    bestand.write_text(json.dumps({"sector": {**sector, "lat": 51.22, "lon": 4.40}}), "utf-8")
    code, _, err = run(capsys, "cap", *BASIS[1:], "--gebied", str(bestand))
    assert code == 2 and "niet in Nederland" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("sector", "woord"),
    [
        ("51.22,4.40,ZW,10", "niet in Nederland"),  # Antwerp
        ("50.78,6.08,225,10", "niet in Nederland"),  # Aachen
        ("51.685,4.62,ZW,0", "lengte"),
        ("51.685,4.62,ZW,-2", "lengte"),
        ("51.685,4.62,ZW,5,0", "openingshoek"),
        ("51.685,4.62,ZW,5,200", "openingshoek"),
        ("51.685,4.62,400,5", "windrichting"),
        ("51.685,4.62,XYZ,5", "windrichting"),
        ("51,685,4,62,ZW,5", "LAT,LON"),  # decimal commas
        ("51.685,4.62,ZW", "LAT,LON"),
        ("51.685;4.62;ZW;5", "LAT,LON"),
    ],
)
def test_a_bad_sector_exits_2_with_one_dutch_line(
    capsys: pytest.CaptureFixture[str], sector: str, woord: str
) -> None:
    code, out, err = run(capsys, *BASIS, "--sector", sector)
    assert code == 2 and out == ""
    assert woord in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_sector_is_exclusive_with_the_other_areas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bestand = tmp_path / "gebied.json"
    bestand.write_text("{}", encoding="utf-8")
    for andere in (["--gebied", str(bestand)], ["--cirkel", "51.68,4.61,2"]):
        code, _, err = run(capsys, *BASIS, "--sector", "51.685,4.62,ZW,5", *andere)
        assert code == 2 and "--sector" in err and err.count("\n") == 1
