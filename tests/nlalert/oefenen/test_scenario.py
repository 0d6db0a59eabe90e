"""Reading a scenario: the typed values it gives, and every refusal naming file, line and key."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlalert.oefenen.fouten import ScenarioOngeldig
from nlalert.oefenen.lezer import Lezer, hhmm
from nlalert.oefenen.model import Vervolgsoort
from nlalert.oefenen.scenario import lees, uit_tekst
from tests.nlalert.oefenen.conftest import GOED, schrijf, weigering


def test_a_valid_file_gives_typed_values(tmp_path: Path) -> None:
    s = lees(schrijf(tmp_path, GOED))
    assert (s.titel, s.regio.code, s.regio.naam) == (
        "Oefenbrand Dordrecht",
        "VR18",
        "Zuid-Holland-Zuid",
    )
    # A start without offset is Dutch time: 10:00 CET is 09:00 UTC.
    assert s.start is not None and s.start.astimezone(UTC) == datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert (s.tempo, s.duur) == (2.0, timedelta(minutes=90))
    assert [i.tijd for i in s.injects] == [timedelta(0), timedelta(minutes=30)]
    assert [i.id for i in s.injects] == ["melding", "2"]
    bijlage = s.injects[1].bijlagen[0]
    assert (bijlage.pad, bijlage.mediatype, bijlage.lees()) == (
        "kaart.txt",
        "text/plain",
        b"kaart\n",
    )
    g = s.grondwaarheid
    assert g.categorieen == ("brand-rook",) and g.taalcodes == ("nl", "en")
    # The first alert answers the first inject by default; a follow-up the last one before it.
    assert (g.eerste_alert.uiterlijk, g.eerste_alert.aanleiding) == (timedelta(minutes=45), 1)
    assert [(v.soort, v.uiterlijk, v.aanleiding) for v in g.vervolgen] == [
        (Vervolgsoort.EINDE, timedelta(minutes=80), 2)
    ]
    assert g.rookpluim is not None and g.rookpluim.wind_uit == 270
    # Wind from the west: the sector lies east of the source, 5 km long.
    midden = g.gebied.geometrie().centroid
    assert midden.x > g.rookpluim.lon and abs(midden.y - g.rookpluim.lat) < 0.005


@given(uren=st.integers(0, 72), minuten=st.integers(0, 59))
def test_hh_mm_and_minutes_are_the_same_time(uren: int, minuten: int) -> None:
    lezer = Lezer("", "x.toml", Path("."))
    tekst = f"{uren:02d}:{minuten:02d}"
    assert lezer.tijd(("tijd",), tekst, None) == lezer.tijd(("tijd",), uren * 60 + minuten, None)
    assert hhmm(timedelta(hours=uren, minutes=minuten)) == tekst and not lezer.problemen


def test_the_exercise_clock_runs_at_the_tempo_and_releases_injects(tmp_path: Path) -> None:
    tekst = GOED.replace('tekst = "Het ROT', 'team = "B"\ntekst = "Het ROT').replace(
        "duur = 90", 'duur = 90\nteams = ["A", "B"]'
    )
    s = lees(schrijf(tmp_path, tekst))
    assert s.oefentijd(timedelta(minutes=20)) == timedelta(minutes=40)
    assert s.oefentijd(timedelta(hours=5)) == s.duur
    assert s.start is not None
    assert s.klok(timedelta(minutes=30), datetime.now(UTC)) == s.start + timedelta(minutes=30)
    # Without a set start the clock runs from the moment the exercise began.
    begonnen = datetime(2026, 6, 1, 12, tzinfo=UTC)
    zonder = lees(schrijf(tmp_path, tekst.replace("start = 2026-03-02T10:00:00\n", "")))
    assert zonder.start is None
    assert zonder.klok(timedelta(minutes=30), begonnen) == begonnen + timedelta(minutes=30)
    assert [i.nummer for i in s.vrijgegeven(timedelta(minutes=40), "B")] == [1, 2]
    assert [i.nummer for i in s.vrijgegeven(timedelta(minutes=40), "A")] == [1]


@pytest.mark.parametrize(
    ("oud", "nieuw", "sleutel", "regel", "woorden"),
    [
        # wrong and unknown fields
        ("tempo = 2", 'tempo = 2\nkleur = "rood"', "kleur", 5, "onbekend veld"),
        ('tekst = "Brand', 'tekts = "Brand', "inject[1].tekts", 10, "onbekend veld"),
        ("tempo = 2", 'tempo = "snel"', "tempo", 4, "moet een getal zijn"),
        ('soort = "einde"', 'soort = "klaar"', "grondwaarheid.vervolg[1].soort", 31, "update"),
        # missing fields
        ('titel = "Oefenbrand Dordrecht"\n', "", "titel", None, "ontbreekt"),
        ('tekst = "Het ROT vraagt een NL-Alert."\n', "", "inject[2].tekst", 12, "ontbreekt"),
        # inject times outside the exercise
        ("tijd = 0", "tijd = -5", "inject[1].tijd", 9, "voor het begin"),
        ('tijd = "00:30"', 'tijd = "01:31"', "inject[2].tijd", 13, "na het einde"),
        ('tijd = "00:30"', 'tijd = "half twee"', "inject[2].tijd", 13, "uren:minuten"),
        (
            'uiterlijk = "01:20"',
            'uiterlijk = "02:00"',
            "grondwaarheid.vervolg[1].uiterlijk",
            32,
            "na het einde",
        ),
        # the area
        (
            "lat = 51.8133, lon = 4.6690",
            "lat = 51.2194, lon = 4.4025",
            "grondwaarheid.gebied.sector",
            21,
            "buiten Nederland",
        ),
        (
            "lat = 51.8133, lon = 4.6690",
            "lat = 4.6690, lon = 51.8133",
            "grondwaarheid.gebied.sector",
            21,
            "lat,lon",
        ),
        ('wind_uit = "W"', 'wind_uit = "WW"', "grondwaarheid.gebied.sector", 21, "windrichting"),
        (
            "lat = 51.8133, lon = 4.6690",
            "lat = 52.0907, lon = 5.1214",
            "grondwaarheid.gebied.sector",
            21,
            "niet in veiligheidsregio Zuid-Holland-Zuid",
        ),
        # unknown category, language, region
        (
            'categorieen = ["brand-rook"]',
            'categorieen = ["vulkaan"]',
            "grondwaarheid.categorieen[1]",
            18,
            "onbekende categorie 'vulkaan'",
        ),
        ('code = "en"', 'code = "xx"', "grondwaarheid.taal[1].code", 27, "onbekende taal 'xx'"),
        ('code = "en"', 'code = "nl"', "grondwaarheid.taal[1].code", 27, "altijd verwacht"),
        ('regio = "VR18"', 'regio = "VR26"', "regio", 2, "onbekende veiligheidsregio 'VR26'"),
        # attachments
        ('["kaart.txt"]', '["kaart.png"]', "inject[2].bijlagen[1]", 15, "kaart.png bestaat niet"),
        ('["kaart.txt"]', '["../kaart.txt"]', "inject[2].bijlagen[1]", 15, "binnen de map"),
        ('["kaart.txt"]', '["/etc/passwd"]', "inject[2].bijlagen[1]", 15, "binnen de map"),
        ('["kaart.txt"]', '["."]', "inject[2].bijlagen[1]", 15, "binnen de map"),
        # references and order
        (
            "uiterlijk = 45",
            'uiterlijk = 45\naanleiding = "brand"',
            "grondwaarheid.eerste_alert.aanleiding",
            25,
            "geen inject met id 'brand'",
        ),
        (
            "uiterlijk = 45",
            'uiterlijk = 20\naanleiding = "2"',
            "grondwaarheid.eerste_alert.uiterlijk",
            24,
            "ligt voor inject 2",
        ),
        ('tijd = "00:30"', 'tijd = 0\nid = "melding"', "inject[2].id", 14, "komt al eerder voor"),
        ("tijd = 0", "tijd = 40", "inject[2].tijd", 13, "tijdsvolgorde"),
        (
            'tekst = "Het ROT',
            'team = "C"\ntekst = "Het ROT',
            "inject[2].team",
            14,
            "staat niet in teams",
        ),
        ("duur = 90", "duur = 0", "duur", 5, "langer dan 0 minuten"),
    ],
)
def test_each_refusal_names_the_key_the_line_and_the_reason(
    tmp_path: Path, oud: str, nieuw: str, sleutel: str, regel: int | None, woorden: str
) -> None:
    assert oud in GOED
    problemen = weigering(tmp_path, GOED.replace(oud, nieuw, 1))
    gevonden = [p for p in problemen if p.sleutel == sleutel]
    assert gevonden, [str(p.melding) for p in problemen]
    p = gevonden[0]
    assert p.bestand == str(tmp_path / "oefening.toml")
    assert woorden in str(p.reden) and p.regel == regel
    assert str(p.melding).startswith(
        f"{p.bestand}, regel {regel} ({sleutel}): " if regel else f"{p.bestand} ({sleutel}): "
    )


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    tekst = (
        GOED.replace("tijd = 0", "tijd = -1")
        .replace('["brand-rook"]', '["vulkaan", "brand-rook", "brand-rook"]')
        .replace('code = "en"', 'code = "xx"')
    )
    problemen = weigering(tmp_path, tekst)
    assert [p.sleutel for p in problemen] == [
        "inject[1].tijd",
        "grondwaarheid.categorieen[1]",
        "grondwaarheid.categorieen[3]",
        "grondwaarheid.taal[1].code",
    ]


def test_a_toml_syntax_error_keeps_line_and_column(tmp_path: Path) -> None:
    (p,) = weigering(tmp_path, GOED.replace("tempo = 2", "tempo = 2 2"))
    assert (p.regel, p.kolom, p.sleutel) == (4, 11, "")
    assert str(p.melding).endswith(
        ", regel 4, kolom 11: geen geldige TOML: Expected newline or end of document after a statement"
    )


@pytest.mark.parametrize(
    ("gebied", "woorden"),
    [
        # Düsseldorf: inside the rough box around the Netherlands, but abroad.
        ("polygoon = [[6.7, 51.2], [6.8, 51.2], [6.8, 51.3], [6.7, 51.2]]", "buiten Nederland"),
        # A bow tie: its edges cross.
        (
            "polygoon = [[4.6, 51.8], [4.7, 51.85], [4.7, 51.8], [4.6, 51.85], [4.6, 51.8]]",
            "ongeldig",
        ),
        ('gemeenten = ["GM9999"]', "onbekende gemeentecode 'GM9999'"),
        ('bestand = "gebied.geojson"', "bestand gebied.geojson bestaat niet"),
        ('bestand = "kaart.txt"', "geen geldige JSON"),
        ("hele_regio = true\npolygoon = [[4.6, 51.8], [4.7, 51.8], [4.7, 51.9]]", "precies één"),
    ],
)
def test_an_invalid_or_foreign_area_is_refused(tmp_path: Path, gebied: str, woorden: str) -> None:
    oud = 'sector = { lat = 51.8133, lon = 4.6690, wind_uit = "W", lengte_km = 5 }'
    problemen = weigering(tmp_path, GOED.replace(oud, gebied))
    (p,) = [p for p in problemen if p.sleutel.startswith("grondwaarheid.gebied")]
    assert woorden in str(p.reden) and p.regel is not None and p.regel >= 20


def test_other_area_sources_give_a_gebied(tmp_path: Path) -> None:
    oud = 'sector = { lat = 51.8133, lon = 4.6690, wind_uit = "W", lengte_km = 5 }'
    (tmp_path / "gebied.geojson").write_text(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":'
        " [[[4.66, 51.80], [4.70, 51.80], [4.70, 51.82], [4.66, 51.82], [4.66, 51.80]]]}}",
        encoding="utf-8",
    )
    oppervlakten = {}
    for bron in ('bestand = "gebied.geojson"', 'gemeenten = ["GM0505"]', "hele_regio = true"):
        s = lees(schrijf(tmp_path, GOED.replace(oud, bron)))
        assert s.grondwaarheid.rookpluim is None
        oppervlakten[bron.split()[0]] = s.grondwaarheid.oppervlakte_km2
    # 0.04 x 0.02 degrees at 51.8 N: 2.76 km x 2.22 km.
    assert oppervlakten["bestand"] == pytest.approx(6.1, abs=0.1)
    assert oppervlakten["gemeenten"] < oppervlakten["hele_regio"]


def test_an_attachment_that_is_a_folder_or_a_link_outside_is_refused(tmp_path: Path) -> None:
    map_ = tmp_path / "scenario"
    map_.mkdir()
    (map_ / "bijlagen").mkdir()
    (tmp_path / "geheim.txt").write_text("geheim", encoding="utf-8")
    os.symlink(tmp_path / "geheim.txt", map_ / "link.txt")
    for bijlage, woorden in (("bijlagen", "is een map"), ("link.txt", "binnen de map")):
        with pytest.raises(ScenarioOngeldig) as fout:
            lees(schrijf(map_, GOED.replace('["kaart.txt"]', f'["{bijlage}"]')))
        (p,) = fout.value.problemen
        assert woorden in str(p.reden) and p.sleutel == "inject[2].bijlagen[1]"


def test_an_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(ScenarioOngeldig) as fout:
        lees(tmp_path / "bestaat-niet.toml")
    assert "bestaat niet" in str(fout.value)
    (tmp_path / "latin1.toml").write_bytes('titel = "Café"'.encode("latin-1"))
    with pytest.raises(ScenarioOngeldig) as fout:
        lees(tmp_path / "latin1.toml")
    assert "geen UTF-8" in str(fout.value)


def test_uit_tekst_reads_attachments_relative_to_the_given_folder(tmp_path: Path) -> None:
    schrijf(tmp_path, GOED)
    s = uit_tekst(GOED, bestand="upload.toml", map_=tmp_path)
    assert s.bestand == "upload.toml" and s.injects[1].bijlagen[0].lees() == b"kaart\n"
