"""GSM-7 spelling on the command line: `nlalert paginas` reports the saving, and the page
census `nlalert review --paginas` counts every language over every category."""

from __future__ import annotations

import json

import pytest

from berichten.telling import paginatelling
from handelingsperspectieven import catalogus
from nlalert.cli import main
from vertalingen import TALEN

FRANS = (
    "Des substances dangereuses s'échappent à Moerdijk. Rentrez à l'intérieur. "
    "Fermez portes et fenêtres. Coupez la ventilation. Plus d'informations : crisis.nl."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_paginas_reports_the_saving_of_gsm7_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paginas", "--taal", "fr", "--tekst", FRANS)
    assert code == 0
    assert out.startswith("UCS2, 4 pagina('s)")
    assert "GSM-7-spelling (staat aan voor fr): 4 → 2 pagina's, 2 minder" in out
    assert "Fermez portes et fenetres." in out


def test_paginas_offers_the_saving_for_turkish(capsys: pytest.CaptureFixture[str]) -> None:
    tekst = "Büyük yangın. İçeride kalın. Pencere ve kapıları kapatın. " * 2
    code, out, _ = run(capsys, "paginas", "--taal", "tr", "--tekst", tekst, "--json")
    data = json.loads(out)
    assert code == 0 and data["encoding"] == "ucs2"
    s = data["spelling"]
    assert s["beleid"] == "aanbod" and not s["aan"] and not s["toegepast"]
    assert (s["paginas_voor"], s["paginas_na"]) == (3, 2) and s["bespaart"] == 1
    assert "ı" not in s["gespeld"]


@pytest.mark.parametrize("taal", ["ar", "nl"])
def test_paginas_has_no_spelling_where_there_is_none(
    capsys: pytest.CaptureFixture[str], taal: str
) -> None:
    tekst = "ابق في الداخل." if taal == "ar" else "Blijf binnen."
    code, out, _ = run(capsys, "paginas", "--taal", taal, "--tekst", tekst, "--json")
    assert code == 0 and json.loads(out)["spelling"] is None


def test_review_paginas_prints_pages_per_language_before_and_after_with_totals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    telling = paginatelling()
    code, out, _ = run(capsys, "review", "--paginas")
    assert code == 0
    regels = {r.split()[0]: r.split() for r in out.splitlines() if r[:4].strip() in TALEN}
    fr = next(t for t in telling.talen if t.taal == "fr")
    assert regels["fr"][1:5] == ["aan", str(fr.voor), str(fr.na), str(fr.voor - fr.na)]
    assert regels["ar"][1] == "nooit" and regels["tr"][1] == "aangeboden"
    assert f"Totaal zonder spelling: {telling.voor} pagina's" in out
    assert f"(spelling aan voor fr, pap): {telling.standaard} pagina's" in out
    assert f"Totaal met spelling overal waar die mag: {telling.na} pagina's" in out


def test_review_paginas_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "review", "--paginas", "--json")
    data = json.loads(out)
    assert code == 0 and data["variant"] == "standaard" and data["categorieen"] == len(catalogus())
    assert sum(t["voor"] for t in data["talen"]) == data["totaal"]["voor"]
    fr = next(t for t in data["talen"] if t["taal"] == "fr")
    assert fr["ucs2_voor"] > 0 and fr["ucs2_na"] == 0 and fr["standaard"] == fr["na"]


@pytest.mark.parametrize(
    ("args", "fout"),
    [
        (["review"], "geef een categorie, of --paginas"),
        (["review", "brand-rook", "--paginas"], "--paginas telt alle categorieën"),
    ],
)
def test_review_without_what_to_review_is_one_dutch_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], fout: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("nlalert: fout: ") and fout in err and err.count("\n") == 1


def test_review_of_a_category_shows_the_spelling_beside_the_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "review", "gevaarlijke-stoffen")
    assert code == 0
    fr = out[out.index("standaard fr ") :]
    assert fr.splitlines()[0].startswith("standaard fr  gsm7 3p")
    assert "GSM-7-spelling (aan): 6 → 3 pagina's" in fr and "zoals geschreven:" in fr
    tr = out[out.index("standaard tr ") :]
    assert "GSM-7-spelling (aangeboden)" in tr.split("standaard ar")[0]
