"""Hostile files named on the command line: one Dutch line and exit 2, never a traceback or a
machine out of memory (issue 10, line 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlalert.cli import main
from nlalert.cli.opties import MAX_BESTAND_MB

COMPOSE = ["compose", "brand-rook", "--veld", "plaats=Moerdijk", "--veld", "link=crisis.nl"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit status and stderr of one command run in this process."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def een_regel(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("nlalert: fout: "), err
    return err


def test_gebied_from_dev_zero_is_refused_after_a_few_mb(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = run(capsys, *COMPOSE, "--gebied", "/dev/zero")
    assert code == 2
    assert f"--gebied /dev/zero is groter dan {MAX_BESTAND_MB} MB" in een_regel(err)


def test_a_gebied_file_over_the_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groot = tmp_path / "groot.geojson"
    groot.write_bytes(b'{"type": "Polygon", "coordinates": []}' + b" " * MAX_BESTAND_MB * 2**20)
    code, err = run(capsys, *COMPOSE, "--gebied", str(groot))
    assert code == 2 and "groter dan" in een_regel(err)


@pytest.mark.parametrize("diepte", [100_000, 500])
@pytest.mark.parametrize("optie", ["--gebied", "--origineel"])
def test_deeply_nested_json_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], diepte: int, optie: str
) -> None:
    diep = tmp_path / "diep.json"
    # Unclosed (as the probe sent it) and closed: both are refused for their depth.
    diep.write_text("[" * diepte + ("]" * diepte if diepte < 1000 else ""))
    code, err = run(capsys, *COMPOSE, optie, str(diep))
    assert code == 2
    assert f"{optie} {diep} is te diep genest" in een_regel(err)


def test_an_ordinary_area_file_still_composes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gebied = tmp_path / "rook.geojson"
    gebied.write_text(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":'
        " [[[4.6, 51.6], [4.6, 51.7], [4.7, 51.7], [4.6, 51.6]]]}}"
    )
    code, err = run(capsys, *COMPOSE, "--gebied", str(gebied), "--json")
    assert code == 0, err
