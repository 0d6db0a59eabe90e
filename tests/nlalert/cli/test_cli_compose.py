"""The composing commands as a user runs them: exit codes, JSON shape, one-line Dutch errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlalert.cli import main

BASIS = [
    "compose",
    "brand-rook",
    "--veld",
    "plaats=Moerdijk",
    "--veld",
    "link=crisis.nl",
    "--tijd",
    "2026-11-22T14:30",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_categorieen_json_lists_ids_names_and_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "categorieen", "--json")
    data = json.loads(out)
    assert code == 0
    ids = {c["id"] for c in data}
    assert {"brand-rook", "112-storing", "controlebericht", "einde-dreiging"} <= ids
    brand = next(c for c in data if c["id"] == "brand-rook")
    assert brand["naam"] == "Brand met veel rook"
    assert "plaats" in brand["velden"]["verplicht"]


def test_compose_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *BASIS, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["tekst"].startswith("NL-Alert 22-11-2026 14:30: ")
    assert set(data["talen"]) == {"nl", "en"}
    assert set(data["cb"]) >= {
        "encoding",
        "pages",
        "message_identifier",
        "dcs",
        "serial_number",
        "page_hex",
    }
    assert data["cb"]["encoding"] in ("gsm7", "ucs2")
    assert len(data["cb"]["page_hex"]) == data["cb"]["pages"]
    assert all(len(h) == 164 for h in data["cb"]["page_hex"])
    assert isinstance(data["waarschuwingen"], list)
    assert set(data["volledigheid"]) >= {"wat_waar", "actie", "meer_info", "bron", "tijd"}


def test_compose_readable_output_shows_text_and_checklist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, *BASIS, "--afzender", "Veiligheidsregio Midden- en West-Brabant")
    assert code == 0
    assert "Grote brand met veel rook in Moerdijk." in out
    assert "[x] bron" in out


def test_update_from_the_json_of_the_original(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = run(capsys, *BASIS, "--json")
    origineel = tmp_path / "origineel.json"
    origineel.write_text(out, encoding="utf-8")
    code, out, err = run(
        capsys,
        "compose",
        "brand-rook",
        "--veld",
        "plaats=Klundert",
        "--veld",
        "link=crisis.nl",
        "--type",
        "update",
        "--origineel",
        str(origineel),
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["cb"]["serial_number"]["update_nr"] == 1
    assert data["wijzigingen"] == ["plaats"]
    assert (
        data["referenties"]
        and json.loads(origineel.read_text())["identifier"] in data["referenties"][0]
    )


def test_cap_prints_valid_xml(capsys: pytest.CaptureFixture[str]) -> None:
    from berichten import valideer

    code, out, _ = run(capsys, "cap", *BASIS[1:], "--cirkel", "51.68,4.61,2")
    assert code == 0
    assert valideer(out.encode()) == []


def test_paginas_reports_the_ucs2_culprit_and_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paginas", "--tekst", "Geïnformeerd", "--json")
    data = json.loads(out)
    assert code == 0 and data["encoding"] == "ucs2"
    assert data["culprits"][0]["teken"] == "ï" and data["culprits"][0]["voorstel"] == "i"


@pytest.mark.parametrize(
    ("args", "woord"),
    [
        (["compose", "bestaat-niet"], "onbekende categorie"),
        (["compose", "brand-rook", "--veld", "plaats=Moerdijk"], "verplicht"),
        ([*BASIS[:-1], "gisteren"], "ISO-8601"),
        (["paginas", "--tekst", "x" * 1396], "15"),
        ([*BASIS, "--taal", "xx"], "onbekende taal"),
        ([*BASIS, "--cirkel", "4.61,51.68,2"], "lat,lon"),
        ([*BASIS, "--origineel", "/bestaat/niet.json", "--type", "update"], "origineel"),
        (["compose", "brand-rook", "--veld", "zonder-is-teken"], "NAAM=WAARDE"),
        (["compose"], "categorie"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(
    capsys: pytest.CaptureFixture[str], args: list[str], woord: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert woord in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_installed_script_never_prints_a_traceback() -> None:
    uit = subprocess.run(
        [sys.executable, "-m", "nlalert", "compose", "brand-rook", "--veld", "plaats=x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert uit.returncode == 2
    assert "Traceback" not in uit.stderr and uit.stderr.startswith("nlalert: fout:")


def test_unknown_variant_lists_the_supported_ones_in_dutch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, *BASIS, "--variant", "groot")
    assert code == 2
    assert (
        err
        == "nlalert: fout: --variant: ongeldige keuze groot; kies uit: standaard, b1, kort, beeld\n"
    )


def test_review_shows_every_language_and_variant(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rapport = tmp_path / "review.html"
    code, out, _ = run(capsys, "review", "brand-rook", "--json", "--html", str(rapport))
    data = json.loads(out)
    assert code == 0
    regels = {(r["variant"], r["taal"]) for r in data["regels"]}
    assert len(regels) == 9 * 3 + 1  # standaard, kort, beeld in nine languages; B1 in Dutch
    assert all(not r["ontbrekend"] and r["placeholders_ok"] for r in data["regels"])
    # The only findings are real ones: texts over 4 pages (UCS-2 languages), never the card.
    te_lang = [r for r in data["regels"] if r["te_lang"]]
    assert data["problemen"] == len(te_lang)
    assert all(r["paginas"] > 4 and r["variant"] != "beeld" for r in te_lang)
    html = rapport.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "data:image/svg+xml;base64," in html and "Flesch-Douma" in html


def test_kort_and_beeld_variants_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, *BASIS, "--variant", "kort", "--json")
    assert code == 0 and len(json.loads(out)["talen"]["nl"]["tekst"]) <= 100
    code, out, _ = run(capsys, *BASIS, "--variant", "beeld", "--kaart", str(tmp_path), "--json")
    data = json.loads(out)
    assert code == 0 and data["variant"] == "beeld"
    assert (tmp_path / "kaart-brand-rook-nl.png").read_bytes().startswith(b"\x89PNG")
    assert "<desc" in data["talen"]["en"]["kaart"]["svg"]


def test_review_notices_a_short_translation_that_lost_its_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from berichten.review import review
    from handelingsperspectieven import perspectief
    from vertalingen import Vertaler

    kort = perspectief("brand-rook").kort
    echt = Vertaler.gettext
    # A translator dropped %(plaats)s from the German short text.
    monkeypatch.setattr(
        Vertaler,
        "gettext",
        lambda self, m: (
            "Brand! Gehen Sie hinein." if (m == kort and self.taal == "de") else echt(self, m)
        ),
    )
    r = review("brand-rook", met_beeld=False)
    kort_regels = {
        regel.taal: regel.placeholders_ok for regel in r.regels if regel.variant.value == "kort"
    }
    assert kort_regels["de"] is False
    assert all(ok for taal, ok in kort_regels.items() if taal != "de")
