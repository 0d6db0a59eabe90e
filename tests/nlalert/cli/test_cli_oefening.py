"""`nlalert oefening valideer` as a trainer runs it: summaries, exit codes, one line per problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlalert.cli import main
from tests.nlalert.oefenen.conftest import GOED, schrijf


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["oefening", *args])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_a_valid_file_exits_0_with_a_short_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = schrijf(tmp_path, GOED)
    code, out, err = run(capsys, "valideer", str(pad))
    assert (code, err) == (0, "")
    # Area: a 60-degree sector of 5 km (pi * 25 / 6 = 13.09 km2) plus the 5/6 of the 0.5 km
    # source circle outside it (0.785 * 5 / 6 = 0.65 km2): 13.7 km2, the polygon rounds to 13.8.
    assert out.splitlines() == [
        f"{pad}: geldig",
        "  Oefenbrand Dordrecht",
        "  regio Zuid-Holland-Zuid (VR18); start 02-03-2026 10:00, duur 01:30, tempo 2x",
        "  2 injects; gebied 13,8 km² (Rookpluim 5 km, wind uit 270°)",
        "  categorieën: brand-rook; talen: nl, en",
        "  eerste alert uiterlijk 00:45; vervolg: einde 01:20",
    ]


def test_every_shipped_scenario_validates_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenarios")
    namen = [regel.split()[0] for regel in out.splitlines()]
    assert code == 0 and len(namen) >= 5
    code, out, err = run(capsys, "valideer", *namen)
    assert (code, err) == (0, "")
    assert out.count(": geldig\n") == len(namen)
    assert "categorieën: gevaarlijke-stoffen, brand-rook; talen: nl, de, pl, en" in out


def test_a_refused_file_exits_2_with_one_dutch_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slecht = schrijf(
        tmp_path,
        GOED.replace("tijd = 0", "tijd = -5")
        .replace('["brand-rook"]', '["vulkaan"]')
        .replace('code = "en"', 'code = "klingon"'),
        naam="slecht.toml",
    )
    goed = schrijf(tmp_path, GOED, naam="goed.toml")
    code, out, err = run(capsys, "valideer", str(slecht), str(goed))
    assert code == 2 and "Traceback" not in err
    assert err.splitlines() == [
        f"nlalert: fout: {slecht}, regel 9 (inject[1].tijd): "
        "de tijd -5 ligt voor het begin van de oefening",
        f"nlalert: fout: {slecht}, regel 18 (grondwaarheid.categorieen[1]): "
        "onbekende categorie 'vulkaan'; kies uit: " + err.split("kies uit: ")[1].split("\n")[0],
        f"nlalert: fout: {slecht}, regel 27 (grondwaarheid.taal[1].code): "
        "onbekende taal 'klingon'; kies uit: en, de, fr, pap, tr, ar, pl, uk",
    ]
    # The good file after it is still checked and summarised.
    assert out.startswith(f"{goed}: geldig\n")


@pytest.mark.parametrize(
    ("tekst", "regel"),
    [
        ('titel = "x"\nregio = \n', "regel 2, kolom 9: geen geldige TOML: Invalid value"),
        (GOED.replace("tempo = 2", "tempo = 2\nsnelheid = 3"), "regel 5 (snelheid): onbekend veld"),
        (
            GOED.replace('titel = "Oefenbrand Dordrecht"\n', ""),
            "(titel): verplicht veld ontbreekt",
        ),
    ],
)
def test_syntax_and_structure_errors_name_line_or_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tekst: str, regel: str
) -> None:
    pad = schrijf(tmp_path, tekst)
    code, _, err = run(capsys, "valideer", str(pad))
    assert code == 2 and err == f"nlalert: fout: {pad}, {regel}\n".replace(", (", " (")


def test_a_missing_file_or_no_argument_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "valideer", str(tmp_path / "weg.toml"))
    assert code == 2
    assert (
        err
        == f"nlalert: fout: {tmp_path / 'weg.toml'}: het bestand bestaat niet of is niet te lezen\n"
    )
    code, _, err = run(capsys, "valideer")
    assert code == 2 and err.startswith("nlalert: fout: verplicht: SCENARIO")


def test_json_output_for_machines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    goed = schrijf(tmp_path, GOED, naam="goed.toml")
    slecht = schrijf(tmp_path, GOED.replace('regio = "VR18"', 'regio = "Atlantis"'), naam="s.toml")
    code, out, _ = run(capsys, "valideer", "--json", str(goed), str(slecht))
    data = json.loads(out)
    assert code == 2
    assert data[0] | {"oppervlakte_km2": 0} == {
        "bestand": str(goed),
        "geldig": True,
        "titel": "Oefenbrand Dordrecht",
        "regio": "VR18",
        "injects": 2,
        "oppervlakte_km2": 0,
        "categorieen": ["brand-rook"],
        "talen": ["nl", "en"],
    }
    assert data[1]["geldig"] is False
    assert data[1]["problemen"][0] | {"reden": ""} == {
        "bestand": str(slecht),
        "regel": 2,
        "kolom": None,
        "sleutel": "regio",
        "reden": "",
    }


def test_the_schema_command_prints_the_committed_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schema")
    committed = Path(__file__).parents[3] / "docs" / "scenario.schema.json"
    assert code == 0 and json.loads(out) == json.loads(committed.read_text(encoding="utf-8"))
