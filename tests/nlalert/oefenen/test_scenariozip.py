"""An uploaded scenario as a zip with its attachments: checked like a folder, refused when
hostile, stored with the exercise, and its attachments served to the team they were released to."""

from __future__ import annotations

import base64
import io
import stat
import struct
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert import cli
from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app, open_db
from nlalert.oefenen import opslag
from nlalert.oefenen.fouten import ScenarioOngeldig
from nlalert.oefenen.lezer import MAX_BIJLAGE
from nlalert.oefenen.pakket import MAX_BESTANDEN, pak_uit
from tests.nlalert.conftest import csrf, login, maak_gebruiker, rijen, token
from tests.nlalert.oefenen.conftest import GOED

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
# The attachment's inject is released at the start, so a team sees it at once.
MET_KAART = GOED.replace('tijd = "00:30"', "tijd = 0").replace('"kaart.txt"', '"kaarten/kaart.png"')


def zip_van(leden: dict[str, bytes | str]) -> bytes:
    """A deflated zip of these members, in this order."""
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, inhoud in leden.items():
            zf.writestr(naam, inhoud)
    return uit.getvalue()


GOEDE_ZIP = zip_van({"oefening.toml": MET_KAART, "kaarten/kaart.png": PNG})


def test_a_zip_scenario_reads_its_attachment_from_the_zip() -> None:
    s, tekst = opslag.scenario_uit_zip(GOEDE_ZIP, "mijn.zip")
    assert tekst == MET_KAART and s.bestand == "mijn.zip/oefening.toml"
    b = s.injects[1].bijlagen[0]
    assert (b.pad, b.mediatype, b.grootte, b.lees()) == (
        "kaarten/kaart.png",
        "image/png",
        1032,
        PNG,
    )


def test_a_missing_attachment_in_a_zip_is_reported_as_for_a_file() -> None:
    with pytest.raises(ScenarioOngeldig) as fout:
        opslag.scenario_uit_zip(zip_van({"oefening.toml": MET_KAART}), "mijn.zip")
    (p,) = fout.value.problemen
    assert (p.bestand, p.regel, p.sleutel, str(p.reden)) == (
        "mijn.zip/oefening.toml",
        15,
        "inject[2].bijlagen[1]",
        "bestand kaarten/kaart.png bestaat niet",
    )


def _symlink() -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as zf:
        zf.writestr("oefening.toml", MET_KAART)
        info = zipfile.ZipInfo("kaarten/kaart.png")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return uit.getvalue()


def _liegt_over_grootte() -> bytes:
    """A bomb in miniature: 100 kB of zeros that declares itself 10 bytes, in both headers."""
    inhoud = bytearray(zip_van({"oefening.toml": MET_KAART, "kaarten/kaart.png": bytes(100_000)}))
    for handtekening, plaats in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        begin = inhoud.index(handtekening, inhoud.index(handtekening) + 1)  # the second member
        struct.pack_into("<I", inhoud, begin + plaats, 10)
    return bytes(inhoud)


HOSTILE = [
    ("geen zip", b"titel = 'geen zip'", "geen geldig zip-bestand"),
    ("geen toml", zip_van({"kaarten/kaart.png": PNG}), "precies één .toml te staan, niet 0"),
    (
        "twee toml",
        zip_van({"a.toml": MET_KAART, "b.toml": MET_KAART}),
        "niet 2 (a.toml, b.toml)",
    ),
    (
        "toml in een map",
        zip_van({"map/oefening.toml": MET_KAART}),
        "precies één .toml te staan, niet 0",
    ),
    (
        "pad omhoog",
        zip_van({"oefening.toml": MET_KAART, "../kaart.png": PNG}),
        "../kaart.png ligt buiten de map van het scenario",
    ),
    (
        "absoluut pad",
        zip_van({"oefening.toml": MET_KAART, "/etc/kaart.png": PNG}),
        "/etc/kaart.png ligt buiten de map van het scenario",
    ),
    (
        "te veel bestanden",
        zip_van({"oefening.toml": MET_KAART} | {f"b{i}.txt": "x" for i in range(MAX_BESTANDEN)}),
        f"te veel bestanden ({MAX_BESTANDEN + 1}; hoogstens {MAX_BESTANDEN})",
    ),
    (
        "bestand te groot",
        zip_van({"oefening.toml": MET_KAART, "groot.png": bytes(MAX_BIJLAGE + 1)}),
        "groot.png is te groot (2000 kB; hoogstens 2000 kB)",
    ),
    (
        "samen te groot",
        zip_van({"oefening.toml": MET_KAART} | {f"b{i}.png": bytes(MAX_BIJLAGE) for i in range(6)}),
        "uitgepakt te groot (12000 kB; hoogstens 10000 kB)",
    ),
    (
        "zip-bom",
        _liegt_over_grootte(),
        "kaarten/kaart.png is beschadigd of pakt anders uit dan opgegeven",
    ),
    ("symlink", _symlink(), "kaarten/kaart.png is een symbolische koppeling"),
]


@pytest.mark.parametrize(
    ("inhoud", "woorden"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_zip_is_refused_with_one_line_naming_it(inhoud: bytes, woorden: str) -> None:
    with pytest.raises(ScenarioOngeldig) as fout:
        pak_uit(inhoud, "vijand.zip")
    (p,) = fout.value.problemen
    assert p.bestand == "vijand.zip" and woorden in str(p.reden), str(p.reden)


@pytest.fixture
def zip_app(app: Flask) -> Flask:
    maak_gebruiker(app, "tess", Rol.BEHEER)
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    return app


def _bijlage(client: FlaskClient, oid: int) -> tuple[int, bytes, str]:
    r = client.get(f"/oefeningen/{oid}/injects/2/bijlagen/1")
    return r.status_code, r.get_data(), r.mimetype


def test_a_zip_scenario_runs_over_the_api_and_the_team_gets_its_attachment(
    zip_app: Flask,
) -> None:
    app, c = zip_app, zip_app.test_client()
    body = {
        "scenario_zip": base64.b64encode(GOEDE_ZIP).decode(),
        "bestand": "mijn.zip",
        "teams": [{"naam": "T", "alleen": "tim"}],
    }
    r = c.post("/api/oefeningen", json=body, headers=token(app, "tess"))
    assert r.status_code == 201, r.get_json()
    oid = r.get_json()["id"]
    assert sorted(i["nummer"] for i in r.get_json()["injects"]) == [1, 2]

    login(c, "tim")
    assert f"/oefeningen/{oid}/injects/2/bijlagen/1" in c.get("/oefeningen/paneel").get_data(
        as_text=True
    )
    assert _bijlage(c, oid) == (200, PNG, "image/png")

    # A new app over the same database (a restart) still has the attachment.
    opnieuw = create_app(dict(app.config), instance_path=app.instance_path).test_client()
    login(opnieuw, "tim")
    assert _bijlage(opnieuw, oid) == (200, PNG, "image/png")

    # Someone outside the team does not get it.
    buiten = app.test_client()
    login(buiten, "bob")
    assert _bijlage(buiten, oid)[0] == 404

    # A rerun keeps the zip.
    tess = token(app, "tess")
    assert c.post(f"/api/oefeningen/{oid}/beeindig", headers=tess).status_code == 200
    r = c.post(f"/api/oefeningen/{oid}/herhaal", headers=tess)
    assert r.status_code == 201, r.get_json()
    opgeslagen = rijen(app, "SELECT scenario_zip FROM oefeningen ORDER BY id")
    assert [bytes(z[0]) for z in opgeslagen] == [GOEDE_ZIP, GOEDE_ZIP]


def test_the_api_refuses_a_hostile_or_broken_zip_with_one_line(zip_app: Flask) -> None:
    c, tess = zip_app.test_client(), token(zip_app, "tess")
    teams = [{"naam": "T", "alleen": "tim"}]
    pad_omhoog = zip_van({"oefening.toml": MET_KAART, "../kaart.png": PNG})
    for waarde, status, woorden in (
        (base64.b64encode(pad_omhoog).decode(), 422, "vijand.zip: ../kaart.png ligt buiten"),
        ("geen base64!", 400, "'scenario_zip' is ongeldig: verwacht een zip in base64"),
    ):
        body = {"scenario_zip": waarde, "bestand": "vijand.zip", "teams": teams}
        r = c.post("/api/oefeningen", json=body, headers=tess)
        assert r.status_code == status, r.get_json()
        assert woorden in str(r.get_json()["detail"])
    assert rijen(zip_app, "SELECT count(*) FROM oefeningen")[0][0] == 0


def test_the_web_upload_takes_a_zip_and_refuses_a_hostile_one(
    zip_app: Flask, client: FlaskClient
) -> None:
    login(client, "tess")
    tok = csrf(client)

    def stuur(inhoud: bytes, naam: str) -> object:
        data = {"csrf_token": tok, "teams": "T: tim", "bestand": (io.BytesIO(inhoud), naam)}
        return client.post("/oefeningen", data=data, content_type="multipart/form-data")

    r = stuur(_symlink(), "vijand.zip")
    assert r.status_code == 422  # type: ignore[attr-defined]
    assert "vijand.zip: kaarten/kaart.png is een symbolische koppeling" in r.get_data(  # type: ignore[attr-defined]
        as_text=True
    )
    r = stuur(GOEDE_ZIP, "mijn.zip")
    assert r.status_code == 302  # type: ignore[attr-defined]
    assert rijen(zip_app, "SELECT scenario, scenario_toml FROM oefeningen")[0][:] == (
        "mijn.zip",
        MET_KAART,
    )


def test_cli_valideer_and_start_take_a_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goed, fout = tmp_path / "goed.zip", tmp_path / "fout.zip"
    goed.write_bytes(GOEDE_ZIP)
    fout.write_bytes(zip_van({"oefening.toml": MET_KAART}))
    assert cli.main(["oefening", "valideer", str(goed)]) == 0
    assert capsys.readouterr().out.startswith("goed.zip/oefening.toml: geldig\n")
    assert cli.main(["oefening", "valideer", str(fout)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "nlalert: fout: fout.zip/oefening.toml, regel 15 (inject[2].bijlagen[1]):"
        " bestand kaarten/kaart.png bestaat niet"
    ]

    instance = tmp_path / "instance"
    with closing(open_db(instance)) as db:
        gebruikers.voeg_toe(
            db, "tim", Rol.OPSTELLER, "correct horse battery", training=True, door="t"
        )
    args = ["oefening", "start", str(goed), "--team", "T:tim", "--instance", str(instance)]
    assert cli.main(args) == 0
    oid = int(capsys.readouterr().out)
    with closing(open_db(instance)) as db:
        o = opslag.lees(db, oid)
    assert o.scenario == "goed.zip" and o.scenario_zip == GOEDE_ZIP
    assert opslag.scenario_van(o).injects[1].bijlagen[0].lees() == PNG

    (tmp_path / "leeg.zip").write_bytes(b"geen zip")
    args = [
        "oefening",
        "start",
        str(tmp_path / "leeg.zip"),
        "--team",
        "T:tim",
        "--instance",
        str(instance),
    ]
    assert cli.main(args) == 2
    assert (
        capsys.readouterr().err.strip()
        == "nlalert: fout: scenario leeg.zip is ongeldig: leeg.zip: geen geldig zip-bestand"
    )
