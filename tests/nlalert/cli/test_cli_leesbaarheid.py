"""`nlalert leesbaarheid` as a user runs it: readable report, JSON, one-line Dutch errors."""

from __future__ import annotations

import json

import pytest

import nlalert.cli
from nlalert.cli import main

MOEILIJK = (
    "NL-Alert 22-11-2026 14:30: Er is een calamiteit in Moerdijk. Aan de bewoners wordt "
    "geadviseerd om ramen en deuren te sluiten en de ventilatie uit te zetten. Kijk op crisis.nl."
)


@pytest.fixture(autouse=True)
def geregistreerd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run through the real `main`, registering the command until MODULES lists it."""
    if "leesbaarheid" not in nlalert.cli.MODULES:
        monkeypatch.setattr(nlalert.cli, "MODULES", (*nlalert.cli.MODULES, "leesbaarheid"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["leesbaarheid", *args])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_readable_report_lists_totals_thresholds_and_hard_sentences(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--tekst", MOEILIJK, "--negeer", "Moerdijk")
    assert (code, err) == (0, "")
    assert "Kop overgeslagen: NL-Alert 22-11-2026 14:30:" in out
    assert "3 zin(nen), 26 woorden" in out
    assert "Drempels B1: niet gehaald" in out
    assert "[ ] lijdende vormen: 1 (<= 0)" in out
    assert "[x] zeldzame woorden: 0 (<= 2)" in out
    assert "reden: DOMAIN.md 6: B1-richtlijn ongeveer 10 woorden per zin of minder" in out
    assert "  1. Er is een calamiteit in Moerdijk." in out
    assert "- moeilijk woord: 'calamiteit' (schrijf: 'ramp' of 'ongeluk')" in out
    assert "- 17 woorden (meer dan 10)" in out
    assert "- lijdende vorm: 'wordt ... geadviseerd'" in out
    assert "LiNT" in out  # says what it is not


def test_easy_text_passes_without_hard_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--tekst", "Ga naar binnen. Doe ramen en deuren dicht.")
    assert code == 0
    assert "Drempels B1: gehaald" in out
    assert "Geen moeilijke zinnen gevonden." in out


def test_json_has_totals_per_sentence_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--tekst", MOEILIJK, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["zinnen"] == 3
    assert data["kop"] == "NL-Alert 22-11-2026 14:30:"
    assert data["oordeel"]["geslaagd"] is False
    assert {t["naam"] for t in data["oordeel"]["toetsen"]} >= {
        "flesch_douma_min",
        "woorden_per_zin_max",
    }
    assert data["per_zin"][1]["passief"] == ["wordt ... geadviseerd"]


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--tekst", ""], "de tekst is leeg"),
        (["--tekst", "NL-Alert 22-11-2026 14:30:"], "de tekst is leeg"),
        (["--tekst", "Go inside.", "--taal", "en"], "leesbaarheid meet alleen Nederlands"),
        (["--tekst", "Ga naar binnen.", "--taal", "xx"], "onbekende taal 'xx'"),
        ([], "--tekst"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(
    capsys: pytest.CaptureFixture[str], args: list[str], melding: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert melding in err
    assert err.startswith("nlalert: fout: ")
    assert err.count("\n") == 1


def test_non_dutch_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "--tekst", "Go inside.", "--taal", "en")
    assert err == (
        "nlalert: fout: leesbaarheid meet alleen Nederlands (taal 'en' gevraagd): "
        "Flesch-Douma is een formule voor Nederlandse tekst\n"
    )
