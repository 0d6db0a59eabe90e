"""`nlalert vertalingen extract|update|compile` on a copy of the checkout (never the real one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from nlalert.cli import main
from vertalingen import beheer

BRON = beheer.Project.zoek().root


@pytest.fixture
def kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(BRON / "pyproject.toml", tmp_path)
    for map_ in (
        "handelingsperspectieven/data",
        "vertalingen/sjablonen",
        "vertalingen/locales",
        "nlalert",
    ):
        shutil.copytree(
            BRON / map_, tmp_path / map_, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    monkeypatch.setattr(
        beheer.Project, "zoek", classmethod(lambda cls, start=None: cls(root=tmp_path))
    )
    return tmp_path


def test_a_new_catalogue_text_flows_through_extract_update_and_compile(
    kopie: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acties = kopie / "handelingsperspectieven/data/acties.toml"
    acties.write_text(
        acties.read_text(encoding="utf-8").replace(
            'tekst = "Ga naar binnen."', 'tekst = "Ga direct naar binnen."'
        ),
        encoding="utf-8",
    )
    for taak in ("extract", "update", "compile"):
        assert main(["vertalingen", taak, "--domein", "broadcast"]) == 0, capsys.readouterr().err
    with (kopie / "vertalingen/locales/broadcast.pot").open("rb") as f:
        assert "Ga direct naar binnen." in {m.id for m in read_po(f)}
    with (kopie / "vertalingen/locales/de/LC_MESSAGES/broadcast.po").open("rb") as f:
        nieuw = next(m for m in read_po(f) if m.id == "Ga direct naar binnen.")
    assert not nieuw.string or nieuw.fuzzy  # a translator must look at it: never silently reused
    assert (kopie / "vertalingen/locales/de/LC_MESSAGES/broadcast.mo").is_file()


def test_outside_a_checkout_it_says_so_in_dutch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def nergens(cls: type, start: Path | None = None) -> beheer.Project:
        raise beheer.BeheerFout(
            "geen broncode gevonden (pyproject.toml met vertalingen/); draai dit in een checkout"
        )

    monkeypatch.setattr(beheer.Project, "zoek", classmethod(nergens))
    assert main(["vertalingen", "extract"]) == 2
    assert capsys.readouterr().err.startswith("nlalert: fout: geen broncode gevonden")
