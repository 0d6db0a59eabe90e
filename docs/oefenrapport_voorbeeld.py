"""Make docs/oefenrapport-voorbeeld.pdf: the README walkthrough run end to end.

    .venv/bin/python docs/oefenrapport_voorbeeld.py docs/oefenrapport-voorbeeld.pdf

A trainer runs the shipped scenario `moerdijk-chemische-brand` with two teams, each an opsteller
and a goedkeurder; the teams compose, approve and send through the app's API to the real
simulator (started here on loopback, with its reach model), and the trainer ends the exercise,
writes remarks and saves the report's PDF.

Everything is the app's and the simulator's own work, with one exception said plainly: the clock.
A real run of this scenario takes two hours, so this script runs it on a simulated clock that it
moves forward between the steps (every `datetime.now` in nlalert and the simulator's clock read
it). The minutes in the report are therefore the script's choice of when each step happens;
every other figure (completeness, pages, readability, languages, area fit, reach) is computed.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

import nlalert.oefenen.rapport
from nlalert.accounts import gebruikers, tokens
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import get_db
from nlalert.oefenen import herhaling, opslag
from nlalert.oefenen.rapportpdf import pdf
from nlalert.taal import getal, gettext
from sim.service import create_app as sim_app
from sim.service import serve_in_thread, warm

SCENARIO = "moerdijk-chemische-brand"
WACHTWOORD = "correct horse battery staple"
START = datetime(2026, 9, 17, 12, 10, tzinfo=UTC)  # 14:10 in Moerdijk, as the scenario says


class Klok:
    """The simulated clock: stands still until moved."""

    nu = START

    @classmethod
    def naar(cls, minuten: float) -> None:
        cls.nu = START + timedelta(minutes=minuten)


class GesimuleerdeTijd(datetime):
    """`datetime` whose now() reads the simulated clock."""

    @classmethod
    def now(cls, tz: Any = None) -> GesimuleerdeTijd:  # type: ignore[override]
        t = Klok.nu if tz is None else Klok.nu.astimezone(tz)
        return cls.fromtimestamp(t.timestamp(), tz=t.tzinfo)


def _klok_overal() -> None:
    for naam, module in list(sys.modules.items()):
        if naam.startswith("nlalert") and getattr(module, "datetime", None) is datetime:
            module.datetime = GesimuleerdeTijd  # type: ignore[attr-defined]


GEVAAR_ROOD = {  # the downwind sector, drawn by hand on the map: close to the ground truth
    "type": "Polygon",
    "coordinates": [
        [
            [4.579, 51.684],
            [4.515, 51.640],
            [4.455, 51.612],
            [4.430, 51.640],
            [4.470, 51.680],
            [4.540, 51.700],
            [4.579, 51.684],
        ]
    ],
}
GEVAAR_BLAUW = {
    "type": "Polygon",
    "coordinates": [[[4.50, 51.63], [4.58, 51.63], [4.58, 51.69], [4.50, 51.69], [4.50, 51.63]]],
}


def _inhoud(talen: list[str], gebied: dict[str, Any], plaats: str) -> dict[str, Any]:
    return {
        "categorie": "brand-rook",
        "velden": {"plaats": plaats, "link": "vrmwb.nl"},
        "talen": talen,
        "modus": "oefening",
        "register": "je",
        "gebied": gebied,
    }


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    if r.status_code != status:
        raise SystemExit(
            f"{r.request.method} {r.request.path}: {r.status_code} {r.get_data(as_text=True)}"
        )
    data: dict[str, Any] = r.get_json()
    return data


def _verstuur(
    c: FlaskClient,
    koppen: dict[str, dict[str, str]],
    opsteller: str,
    goedkeurder: str,
    bericht_id: int,
    minuten: tuple[float, float, float],
) -> None:
    """Submit, approve and send at the given exercise minutes."""
    Klok.naar(minuten[0])
    versie = _ok(c.get(f"/api/berichten/{bericht_id}", headers=koppen[opsteller]))["versie"]
    _ok(
        c.post(
            f"/api/berichten/{bericht_id}/indienen",
            json={"versie": versie},
            headers=koppen[opsteller],
        )
    )
    Klok.naar(minuten[1])
    h = _ok(c.get(f"/api/berichten/{bericht_id}", headers=koppen[goedkeurder]))["inhoud_hash"]
    _ok(
        c.post(
            f"/api/berichten/{bericht_id}/goedkeuren",
            json={"inhoud_hash": h},
            headers=koppen[goedkeurder],
        )
    )
    Klok.naar(minuten[2])
    status = _ok(c.post(f"/api/berichten/{bericht_id}/verzenden", headers=koppen[goedkeurder]))[
        "status"
    ]
    if status != "verzonden":
        raise SystemExit(f"bericht {bericht_id}: {status}")


def main(uit: Path) -> int:
    _klok_overal()
    with tempfile.TemporaryDirectory() as map_:
        tmp = Path(map_)
        sim = sim_app({"DATA_DIR": str(tmp / "sim"), "KLOK": lambda: Klok.nu})
        warm(sim)
        sim_url, stop = serve_in_thread(sim)
        try:
            app = create_app(
                {
                    "SECRET_KEY": "voorbeeld",
                    "DATABASE": str(tmp / "nlalert.sqlite"),
                    "SIM_URL": sim_url,
                    "AFZENDER_NAAM": "Veiligheidsregio Midden- en West-Brabant",
                },
                instance_path=tmp,
            )
            _klok_overal()  # modules the app loaded just now
            koppen: dict[str, dict[str, str]] = {}
            with app.app_context():
                db = get_db()
                for naam, rol in (
                    ("bea", Rol.BEHEER),
                    ("anna", Rol.OPSTELLER),
                    ("gert", Rol.GOEDKEURDER),
                    ("ilse", Rol.OPSTELLER),
                    ("joost", Rol.GOEDKEURDER),
                ):
                    gebruikers.voeg_toe(db, naam, rol, WACHTWOORD, door="voorbeeld")
                    koppen[naam] = {
                        "Authorization": f"Bearer {tokens.maak_token(db, naam, door='voorbeeld')}"
                    }
            c = app.test_client()
            teams = [
                {"naam": "Rood", "opsteller": "anna", "goedkeurder": "gert"},
                {"naam": "Blauw", "opsteller": "ilse", "goedkeurder": "joost"},
            ]
            Klok.naar(0)
            o = _ok(
                c.post(
                    "/api/oefeningen",
                    json={"scenario": SCENARIO, "teams": teams},
                    headers=koppen["bea"],
                ),
                201,
            )
            oid = o["id"]
            Klok.naar(12)  # the ROT asks for an NL-Alert: the inject is released when someone looks
            _ok(c.get(f"/api/oefeningen/{oid}", headers=koppen["bea"]))
            Klok.naar(16)
            rood = _ok(
                c.post(
                    "/api/berichten",
                    json=_inhoud(["nl", "en", "de"], GEVAAR_ROOD, "Klundert"),
                    headers=koppen["anna"],
                ),
                201,
            )["id"]
            Klok.naar(17)
            blauw = _ok(
                c.post(
                    "/api/berichten",
                    json=_inhoud(["nl", "en"], GEVAAR_BLAUW, "Moerdijk"),
                    headers=koppen["ilse"],
                ),
                201,
            )["id"]
            Klok.naar(20)
            _ok(c.get(f"/api/oefeningen/{oid}", headers=koppen["bea"]))  # inject 4 (languages)
            _verstuur(c, koppen, "anna", "gert", rood, (21, 23.5, 24))
            _verstuur(c, koppen, "ilse", "joost", blauw, (26, 31, 32))
            Klok.naar(41)
            _ok(c.get(f"/api/oefeningen/{oid}", headers=koppen["bea"]))  # inject 5 (measurements)
            Klok.naar(45)
            update = _ok(c.post(f"/api/berichten/{rood}/update", headers=koppen["anna"]), 201)["id"]
            _verstuur(c, koppen, "anna", "gert", update, (48, 51, 52))
            Klok.naar(101)
            _ok(c.get(f"/api/oefeningen/{oid}", headers=koppen["bea"]))  # inject 6 (fire out)
            Klok.naar(104)
            einde = _ok(c.post(f"/api/berichten/{update}/einde", headers=koppen["anna"]), 201)["id"]
            _verstuur(c, koppen, "anna", "gert", einde, (106, 109, 110))
            Klok.naar(120)
            _ok(c.post(f"/api/oefeningen/{oid}/beeindig", headers=koppen["bea"]))
            with app.test_request_context(headers={"Accept-Language": "nl"}):
                db = get_db()
                trainer = gebruikers.zoek(db, "bea")
                assert trainer is not None
                herhaling.bewaar_opmerkingen(
                    db,
                    oid,
                    "Rood: alert op tijd, in het Duits maar zonder Pools; update en einde op tijd."
                    " Blauw: gebied te ruim naar het noorden en oosten, alert te laat, geen"
                    " vervolgberichten. Volgende keer: talen uit inject 4 meteen verwerken.",
                    trainer,
                    Klok.nu,
                )
                r = nlalert.oefenen.rapport.maak(db, opslag.lees(db, oid), Klok.nu)
                uit.write_bytes(pdf(r, gettext, lambda w: "-" if w is None else getal(w)))
        finally:
            stop()
    print(f"{uit}: {uit.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/oefenrapport-voorbeeld.pdf"))
    )
