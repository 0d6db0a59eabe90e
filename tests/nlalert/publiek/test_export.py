"""`nlalert publiek export DIR`: the public tree as static files whose links all resolve."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urldefrag

import feedparser
import pytest
from flask import Flask
from lxml import html

from berichten.cap import valideer
from berichten.modus import BerichtSoort
from nlalert import cli
from tests.nlalert.conftest import inhoud
from tests.nlalert.publiek.conftest import Zender, echt

URL = "https://www.vr.example.nl/nl-alert/"


@pytest.fixture
def cli_db(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own app reads the test app's database."""
    monkeypatch.setenv("NLALERT_DATABASE", app.config["DATABASE"])


def test_export_writes_every_page_feed_and_cap_document_with_working_links(
    zender: Zender, cli_db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alert = zender.verzonden(echt())
    update = zender.vervolg(alert, BerichtSoort.UPDATE)
    oefening = zender.verzonden(inhoud())
    niet_verzonden = zender.goedgekeurd(echt())
    doel = tmp_path / "site"
    assert cli.main(["publiek", "export", str(doel), "--url", URL, "--json"]) == 0
    bestanden = set(json.loads(capsys.readouterr().out)["bestanden"])
    assert {
        "index.html",
        "publiek.css",
        "cap.atom",
        f"{alert}/index.html",
        f"{alert}/gebied.svg",
        f"{alert}/beeld-ar.svg",
        f"cap/{alert}.xml",
        f"cap/{update}.xml",
        "oefening/index.html",
        "oefening/cap.atom",
        f"oefening/{oefening}/index.html",
        f"cap/{oefening}.xml",
    } <= bestanden
    assert not any(str(niet_verzonden) in b.split("/")[0] for b in bestanden)
    assert not (doel / str(oefening)).exists() and not (doel / "scherm.json").exists()
    for naam in (f"cap/{alert}.xml", f"cap/{update}.xml", f"cap/{oefening}.xml"):
        assert valideer((doel / naam).read_bytes()) == []
    # Every link and image of every exported page is a file of the export.
    for pagina in doel.rglob("*.html"):
        doc = html.fromstring(pagina.read_bytes())
        for verwijzing in doc.xpath("//a/@href | //img/@src | //link/@href"):
            pad = urldefrag(str(verwijzing)).url
            if not pad:
                continue
            doelbestand = (pagina.parent / pad).resolve()
            if pad.endswith("/") or doelbestand.is_dir():
                doelbestand = doelbestand / "index.html"
            assert doelbestand.is_file(), f"{pagina.relative_to(doel)}: {verwijzing}"
    # The feeds link where the tree is hosted.
    feed = feedparser.parse((doel / "cap.atom").read_bytes())
    hrefs = [link.href for e in feed.entries for link in e.links]
    assert hrefs and all(h.startswith(URL) for h in hrefs)
    assert f"{URL}cap/{update}.xml" in hrefs


def test_without_an_address_the_feed_links_relatively(
    zender: Zender, cli_db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alert = zender.verzonden(echt(talen=["nl"]))
    assert cli.main(["publiek", "export", str(tmp_path / "site")]) == 0
    uit = capsys.readouterr()
    assert "relatieve links" in uit.err
    feed = feedparser.parse((tmp_path / "site" / "cap.atom").read_bytes())
    assert [link.href for link in feed.entries[0].links] == [f"cap/{alert}.xml", f"{alert}/"]


@pytest.mark.parametrize("args", [["--url", "ftp://x.nl/"], ["--url", "x.nl"], ["--onbekend"]])
def test_bad_input_is_one_line_and_exit_2(
    cli_db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) if args == ["--onbekend"] else _geen():
        assert cli.main(["publiek", "export", str(tmp_path / "site"), *args]) == 2
    fout = capsys.readouterr().err
    assert fout.count("\n") == 1 and "Traceback" not in fout


def test_a_file_in_the_way_is_exit_2(
    cli_db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = tmp_path / "bestand"
    bestand.write_text("x")
    assert cli.main(["publiek", "export", str(bestand)]) == 2
    fout = capsys.readouterr().err
    assert fout.startswith("nlalert: fout:") and "geen map" in fout and fout.count("\n") == 1


class _geen:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None
